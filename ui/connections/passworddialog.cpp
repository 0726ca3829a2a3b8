#include "passworddialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace strata::ui {

PasswordDialog::PasswordDialog(const QString &target, const QString &message, bool sessionOnly, QWidget *parent)
    : QDialog(parent)
    , m_password(new QLineEdit(this))
    , m_save(new QCheckBox(this))
{
    setWindowTitle(tr("Password for %1").arg(target));
    auto *title = new QLabel(tr("<b>%1</b> asks for a password.").arg(target.toHtmlEscaped()), this);
    auto *why = new QLabel(message, this);
    why->setWordWrap(true);
    why->setStyleSheet(QStringLiteral("color: #c62828;"));
    why->setVisible(!message.isEmpty());
    m_password->setEchoMode(QLineEdit::Password);
    m_save->setText(sessionOnly ? tr("Remember for this session (no keychain available)")
                                : tr("Save password in the system keychain"));
    auto *form = new QFormLayout;
    form->addRow(tr("Pass&word:"), m_password);
    form->addRow(QString(), m_save);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Connect"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addWidget(why);
    layout->addLayout(form);
    layout->addWidget(buttons);
    setMinimumWidth(420);
}

QString PasswordDialog::password() const
{
    return m_password->text();
}

bool PasswordDialog::savePassword() const
{
    return m_save->isChecked();
}

} // namespace strata::ui
