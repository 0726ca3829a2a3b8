#include "parameterdialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

namespace strata::ui {

ParameterDialog::ParameterDialog(const QStringList &keys, const exec::ParameterValues &previous, QWidget *parent)
    : QDialog(parent)
    , m_keys(keys)
{
    setWindowTitle(tr("Query parameters"));
    auto *form = new QFormLayout;
    for (const QString &key : keys) {
        auto *edit = new QLineEdit(this);
        auto *null = new QCheckBox(tr("NULL"), this);
        const QVariant old = previous.value(key);
        if (previous.contains(key) && old.isNull())
            null->setChecked(true);
        else
            edit->setText(old.toString());
        edit->setEnabled(!null->isChecked());
        connect(null, &QCheckBox::toggled, edit, [edit](bool on) { edit->setEnabled(!on); });
        auto *row = new QHBoxLayout;
        row->addWidget(edit, 1);
        row->addWidget(null);
        form->addRow(key, row);
        m_edits.append(edit);
        m_nulls.append(null);
    }
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("Values are sent as bound parameters."), this));
    layout->addLayout(form);
    layout->addWidget(buttons);
    resize(420, sizeHint().height());
}

exec::ParameterValues ParameterDialog::values() const
{
    exec::ParameterValues out;
    for (int i = 0; i < m_keys.size(); ++i)
        out.insert(m_keys[i], m_nulls[i]->isChecked() ? QVariant() : QVariant(m_edits[i]->text()));
    return out;
}

QLineEdit *ParameterDialog::editFor(const QString &key) const
{
    const int i = int(m_keys.indexOf(key));
    return i >= 0 ? m_edits[i] : nullptr;
}

} // namespace strata::ui
