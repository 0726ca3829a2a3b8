#include "codegendialog.h"

#include "catalog/catalogjobs.h"
#include "connection/connection.h"
#include "mapping/codegen.h"
#include "tree/objecttreemodel.h"
#include "tree/objecttreepanel.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QFontDatabase>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QVBoxLayout>

namespace strata::ui {

CodegenDialog::CodegenDialog(connection::Connection *connection, const QString &schema, const QString &table, QWidget *parent)
    : QDialog(parent)
    , m_connection(connection)
    , m_status(new QLabel(tr("Reading %1…").arg(table), this))
    , m_text(new QPlainTextEdit(this))
{
    setWindowTitle(tr("C++ mapping of %1").arg(table));
    m_table.relation.schema = schema;
    m_table.relation.name = table;
    m_text->setReadOnly(true);
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setObjectName(QStringLiteral("codegenText"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_copy = buttons->addButton(tr("&Copy"), QDialogButtonBox::ActionRole);
    m_save = buttons->addButton(tr("&Save…"), QDialogButtonBox::ActionRole);
    m_copy->setEnabled(false);
    m_save->setEnabled(false);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_copy, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(code()); });
    connect(m_save, &QPushButton::clicked, this, &CodegenDialog::save);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_status);
    layout->addWidget(m_text, 1);
    layout->addWidget(buttons);
    resize(760, 620);
    if (connection)
        fetch(schema, table);
}

QString CodegenDialog::code() const
{
    return m_text->toPlainText();
}

void CodegenDialog::showCode(const QString &code)
{
    m_text->setPlainText(code);
    m_status->setText(tr("Generated from %1.%2: a struct and its strata::mapping::Mapping<> declaration.")
                          .arg(m_table.relation.schema, m_table.relation.name));
    m_copy->setEnabled(true);
    m_save->setEnabled(true);
}

void CodegenDialog::fetch(const QString &schema, const QString &table)
{
    catalog::fetchTableDetail(*m_connection, this, schema, table, [this](Result<catalog::TableDetail> detail) {
        if (!detail) {
            m_status->setText(tr("Could not read the table: %1").arg(detail.error().message));
            Q_EMIT ready(false);
            return;
        }
        m_table = *detail;
        fetchParents({m_table});
    });
}

/// SQLite may leave a foreign key's referenced columns implied (the parent's primary key):
/// read those parents before generating.
void CodegenDialog::fetchParents(QList<catalog::TableDetail> pending)
{
    for (const catalog::ForeignKeyInfo &fk : m_table.foreignKeys) {
        const QString key = fk.referencedSchema + QLatin1Char('.') + fk.referencedTable;
        if (!fk.referencedColumns.isEmpty() || m_parentKeys.contains(key) || !m_connection)
            continue;
        m_parentKeys.insert(key, {});
        catalog::fetchTableDetail(*m_connection, this, fk.referencedSchema, fk.referencedTable,
                                  [this, key, pending](Result<catalog::TableDetail> parent) {
                                      m_parentKeys.insert(key, parent ? parent->primaryKey() : QStringList{});
                                      fetchParents(pending);
                                  });
        return;   // one at a time: the next call continues with the remaining keys
    }
    generate();
}

void CodegenDialog::generate()
{
    mapping::CodegenOptions options;
    options.primaryKeys = m_parentKeys;
    const dialect::DialectKind kind = m_connection && m_connection->profile().isPostgres() ? dialect::DialectKind::Postgres
                                                                                           : dialect::DialectKind::Sqlite;
    showCode(mapping::generateMappingFile({m_table}, kind, options));
    Q_EMIT ready(true);
}

void CodegenDialog::save()
{
    const QString suggested = mapping::cppIdentifier(m_table.relation.name, false).toLower() + QStringLiteral(".h");
    const QString path = QFileDialog::getSaveFileName(this, tr("Save C++ mapping"), suggested, tr("C++ headers (*.h *.hpp);;All files (*)"));
    if (path.isEmpty())
        return;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(code().toUtf8()) < 0 || !file.commit())
        QMessageBox::warning(this, tr("Save C++ mapping"), tr("Could not write %1: %2").arg(path, file.errorString()));
}

void CodegenDialog::installMenuEntry(ObjectTreePanel *panel, ObjectTreeModel *model, QWidget *parent)
{
    QObject::connect(panel, &ObjectTreePanel::contextMenuAboutToShow, parent, [model, parent](QMenu *menu, const QModelIndex &source) {
        if (!source.isValid())
            return;
        const ObjectRef ref = model->objectAt(source);
        connection::Connection *conn = model->connection(ref.connectionId);
        if (ref.kind != NodeKind::Relation || !conn
            || (ref.relationKind != catalog::RelationKind::Table && ref.relationKind != catalog::RelationKind::PartitionedTable))
            return;
        // The tree fills the menu after this signal: place the entry once it is complete.
        QObject::connect(menu, &QMenu::aboutToShow, menu, [menu, model, parent, ref] {
            auto *action = new QAction(QObject::tr("Generate C++ &mapping…"), menu);
            QObject::connect(action, &QAction::triggered, parent, [model, parent, ref] {
                auto *dialog = new CodegenDialog(model->connection(ref.connectionId), ref.schema, ref.name, parent);
                dialog->setAttribute(Qt::WA_DeleteOnClose);
                dialog->show();
            });
            const QList<QAction *> actions = menu->actions();
            const auto script = std::find_if(actions.begin(), actions.end(), [](QAction *a) { return a->menu() != nullptr; });
            QAction *before = script != actions.end() && script + 1 != actions.end() ? *(script + 1) : nullptr;
            menu->insertAction(before, action);
        });
    });
}

} // namespace strata::ui
