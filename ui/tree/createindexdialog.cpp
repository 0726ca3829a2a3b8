#include "createindexdialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>

namespace strata::ui {

CreateIndexDialog::CreateIndexDialog(const dialect::Dialect &dialect, const catalog::TableDetail &table, QWidget *parent)
    : QDialog(parent)
    , m_dialect(dialect)
    , m_table(table)
    , m_name(new QLineEdit(this))
    , m_columns(new QListWidget(this))
    , m_unique(new QCheckBox(tr("&Unique (no two rows with the same values)"), this))
    , m_preview(new QPlainTextEdit(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Create index on %1").arg(table.relation.name));
    for (const catalog::ColumnInfo &column : table.columns) {
        auto *item = new QListWidgetItem(column.name, m_columns);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
        item->setCheckState(Qt::Unchecked);
    }
    m_preview->setReadOnly(true);
    m_preview->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_preview->setMaximumHeight(80);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Continue…"));
    connect(m_columns, &QListWidget::itemChanged, this, [this](QListWidgetItem *item) {
        m_order.removeAll(item->text());
        if (item->checkState() == Qt::Checked)
            m_order << item->text();
        updatePreview();
    });
    connect(m_name, &QLineEdit::textEdited, this, [this] {
        m_nameEdited = true;
        updatePreview();
    });
    connect(m_unique, &QCheckBox::toggled, this, &CreateIndexDialog::updatePreview);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *form = new QFormLayout(this);
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Columns:"), m_columns);
    form->addRow(QString(), m_unique);
    form->addRow(tr("SQL:"), m_preview);
    form->addRow(m_buttons);
    updatePreview();
}

QString CreateIndexDialog::indexName() const
{
    return m_name->text().trimmed();
}

Result<exec::ObjectActionSql> CreateIndexDialog::sql() const
{
    return exec::createIndex(m_dialect, m_table.relation.schema, m_table.relation.name, indexName(), m_order, m_unique->isChecked());
}

void CreateIndexDialog::updatePreview()
{
    if (!m_nameEdited)   // books_title_pages, as people name them
        m_name->setText(m_order.isEmpty() ? QString() : m_table.relation.name + QLatin1Char('_') + m_order.join(QLatin1Char('_')));
    const auto statement = sql();
    m_preview->setPlainText(statement ? statement.value().script() : statement.error().message);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(statement.ok());
}

} // namespace strata::ui
