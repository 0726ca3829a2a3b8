#include "objectactions.h"

#include "createindexdialog.h"
#include "objecttreemodel.h"
#include "objecttreepanel.h"
#include "catalog/catalogjobs.h"
#include "catalog/schemanotifier.h"
#include "connection/connection.h"
#include "exec/objectactions.h"

#include <QInputDialog>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>

namespace strata::ui {

using connection::Connection;

namespace {

bool isView(const ObjectRef &ref)
{
    return ref.relationKind == catalog::RelationKind::View || ref.relationKind == catalog::RelationKind::MaterializedView;
}

/// The preview: the SQL as a monospace block, after what it destroys.
QString previewHtml(const QString &destroys, const QString &script)
{
    QString html;
    if (!destroys.isEmpty())
        html += QStringLiteral("<p><b>%1</b> %2</p>").arg(QObject::tr("This destroys:"), destroys.toHtmlEscaped());
    html += QStringLiteral("<p>%1</p><pre>%2</pre>").arg(QObject::tr("Strata will run:"), script.toHtmlEscaped());
    return html;
}

} // namespace

ObjectActions::ObjectActions(ObjectTreePanel *panel, ObjectTreeModel *model, catalog::SchemaNotifier *notifier, QWidget *parent)
    : QObject(parent)
    , m_panel(panel)
    , m_model(model)
    , m_notifier(notifier)
    , m_window(parent)
{
    connect(panel, &ObjectTreePanel::contextMenuAboutToShow, this, &ObjectActions::addEntries);
}

QString ObjectActions::readOnlyReason(int connectionId) const
{
    const Connection *conn = m_model->connection(connectionId);
    if (!conn || conn->state() != Connection::State::Open)
        return tr("not connected");
    if (conn->profile().readOnly)
        return tr("read-only connection");
    if (conn->serverInfo().readOnly)
        return tr("the server is read-only");
    return {};
}

void ObjectActions::addEntries(QMenu *menu, const QModelIndex &sourceIndex)
{
    if (!sourceIndex.isValid())
        return;
    const ObjectRef ref = m_model->objectAt(sourceIndex);
    if (ref.kind != NodeKind::Relation && ref.kind != NodeKind::Schema)
        return;
    if (!m_model->connection(ref.connectionId))
        return;
    const QString reason = readOnlyReason(ref.connectionId);
    // The other entries are added after this signal: these go last, when the menu shows.
    connect(menu, &QMenu::aboutToShow, this, [this, menu, ref, reason] {
        menu->addSeparator();
        if (ref.kind == NodeKind::Relation)
            addRelationEntries(menu, ref, reason);
        else
            addSchemaEntries(menu, ref, reason);
    }, Qt::SingleShotConnection);
}

void ObjectActions::addRelationEntries(QMenu *menu, const ObjectRef &ref, const QString &reason)
{
    const Connection *conn = m_model->connection(ref.connectionId);
    const dialect::Dialect &d = conn->dialect();
    auto add = [this, menu, &reason](const QString &text, std::function<void()> run) {
        QAction *action = menu->addAction(reason.isEmpty() ? text : tr("%1 (%2)").arg(text, reason));
        action->setEnabled(reason.isEmpty());
        connect(action, &QAction::triggered, this, std::move(run));
        return action;
    };
    const bool view = isView(ref);
    if (!view) {
        add(tr("Create &index…"), [this, ref] { createIndex(ref); });
        add(tr("Dup&licate table…"), [this, ref] { duplicateTable(ref, false); });
        add(tr("Duplicate table &with data…"), [this, ref] { duplicateTable(ref, true); });
    }
    QAction *rename = add(view ? tr("Re&name view…") : tr("Re&name table…"), [this, ref] { renameRelation(ref); });
    if (view && d.kind() == dialect::DialectKind::Sqlite) {
        rename->setEnabled(false);
        rename->setText(tr("Rename view… (SQLite cannot rename views)"));
    }
    if (!view) {
        add(tr("Empt&y table…"), [this, ref, kind = d.kind()] {
            const auto sql = exec::emptyTable(dialect::dialectFor(kind), ref.schema, ref.name);
            if (sql)
                confirmAndRun(ref, tr("Empty table"), tr("Delete every row of %1?").arg(ref.name), sql.value(), tr("Delete all rows"),
                              ref.schema, {ref.name});
        });
    }
    add(view ? tr("&Drop view…") : tr("&Drop table…"), [this, ref, view, kind = d.kind()] {
        const auto sql = exec::dropRelation(dialect::dialectFor(kind), ref.schema, ref.name, view);
        if (sql)
            confirmAndRun(ref, view ? tr("Drop view") : tr("Drop table"), tr("Drop %1?").arg(ref.name), sql.value(),
                          view ? tr("Drop view") : tr("Drop table"), ref.schema, {ref.name});
    });
}

void ObjectActions::addSchemaEntries(QMenu *menu, const ObjectRef &ref, const QString &reason)
{
    const Connection *conn = m_model->connection(ref.connectionId);
    if (!conn->dialect().capabilities().schemas)
        return;   // SQLite's "main" is a database file, not a schema
    auto add = [this, menu, &reason](const QString &text, std::function<void()> run) {
        QAction *action = menu->addAction(reason.isEmpty() ? text : tr("%1 (%2)").arg(text, reason));
        action->setEnabled(reason.isEmpty());
        connect(action, &QAction::triggered, this, std::move(run));
    };
    const dialect::Dialect &d = conn->dialect();
    add(tr("New sc&hema…"), [this, ref] { createSchema(ref); });
    add(tr("Rena&me schema…"), [this, ref] { renameSchema(ref); });
    for (const bool cascade : {false, true}) {
        add(cascade ? tr("Drop schema and &everything in it…") : tr("&Drop schema…"), [this, ref, cascade, kind = d.kind()] {
            const auto sql = exec::dropSchema(dialect::dialectFor(kind), ref.name, cascade);
            if (sql)
                confirmAndRun(ref, tr("Drop schema"), tr("Drop the schema %1?").arg(ref.name), sql.value(), tr("Drop schema"), QString(), {});
        });
    }
}

QString ObjectActions::askName(const QString &title, const QString &label, const QString &current)
{
    bool ok = false;
    const QString name = QInputDialog::getText(m_window, title, label, QLineEdit::Normal, current, &ok).trimmed();
    return ok ? name : QString();
}

void ObjectActions::renameRelation(const ObjectRef &ref)
{
    const QString title = isView(ref) ? tr("Rename view") : tr("Rename table");
    const QString newName = askName(title, tr("New name of %1:").arg(ref.name), ref.name);
    if (newName.isEmpty() || newName == ref.name)
        return;
    const auto sql = exec::renameRelation(m_model->connection(ref.connectionId)->dialect(), ref.schema, ref.name, newName, isView(ref));
    if (!sql) {
        QMessageBox::warning(m_window, title, sql.error().message);
        return;
    }
    confirmAndRun(ref, title, tr("Rename %1 to %2?").arg(ref.name, newName), sql.value(), tr("Rename"), ref.schema, {ref.name, newName});
}

void ObjectActions::duplicateTable(const ObjectRef &ref, bool withData)
{
    const QString title = withData ? tr("Duplicate table with data") : tr("Duplicate table");
    const QString newName = askName(title, tr("Name of the copy of %1:").arg(ref.name), ref.name + QStringLiteral("_copy"));
    if (newName.isEmpty())
        return;
    const dialect::Dialect &d = m_model->connection(ref.connectionId)->dialect();
    const auto sql = exec::duplicateTable(d, ref.schema, ref.name, newName, withData);
    if (!sql) {
        QMessageBox::warning(m_window, title, sql.error().message);
        return;
    }
    QString question = withData ? tr("Copy %1 and its rows into a new table %2?") : tr("Create %2 with the structure of %1?");
    question = question.arg(ref.name, newName);
    if (d.kind() == dialect::DialectKind::Sqlite)
        question += tr(" SQLite copies the columns and their types only: no keys, constraints or indexes.");
    confirmAndRun(ref, title, question, sql.value(), tr("Duplicate"), ref.schema, {newName});
}

void ObjectActions::createIndex(const ObjectRef &ref)
{
    Connection *table = m_model->connection(ref.connectionId);
    // The columns come off the GUI thread; the dialog opens when they arrive.
    catalog::fetchTableDetail(*table, this, ref.schema, ref.name, [this, ref](Result<catalog::TableDetail> detail) {
        Connection *conn = m_model->connection(ref.connectionId);
        if (!conn)
            return;
        if (!detail) {
            QMessageBox::warning(m_window, tr("Create index"), detail.error().message);
            return;
        }
        CreateIndexDialog dialog(conn->dialect(), detail.value(), m_window);
        if (dialog.exec() != QDialog::Accepted)
            return;
        const auto sql = dialog.sql();
        if (sql)
            confirmAndRun(ref, tr("Create index"), tr("Create the index %1 on %2?").arg(dialog.indexName(), ref.name), sql.value(),
                          tr("Create index"), ref.schema, {ref.name});
    });
}

void ObjectActions::createSchema(const ObjectRef &ref)
{
    const QString name = askName(tr("New schema"), tr("Name of the new schema:"), QString());
    if (name.isEmpty())
        return;
    const auto sql = exec::createSchema(m_model->connection(ref.connectionId)->dialect(), name);
    if (sql)
        confirmAndRun(ref, tr("New schema"), tr("Create the schema %1?").arg(name), sql.value(), tr("Create schema"), QString(), {});
}

void ObjectActions::renameSchema(const ObjectRef &ref)
{
    const QString name = askName(tr("Rename schema"), tr("New name of %1:").arg(ref.name), ref.name);
    if (name.isEmpty() || name == ref.name)
        return;
    const auto sql = exec::renameSchema(m_model->connection(ref.connectionId)->dialect(), ref.name, name);
    if (sql)
        confirmAndRun(ref, tr("Rename schema"), tr("Rename the schema %1 to %2?").arg(ref.name, name), sql.value(), tr("Rename"), QString(), {});
}

void ObjectActions::confirmAndRun(const ObjectRef &ref, const QString &title, const QString &question, const exec::ObjectActionSql &sql,
                                  const QString &verb, const QString &schema, const QStringList &touched)
{
    QMessageBox box(sql.destroys.isEmpty() ? QMessageBox::Question : QMessageBox::Warning, title, question, QMessageBox::NoButton, m_window);
    box.setObjectName(QStringLiteral("objectActionConfirmation"));
    box.setInformativeText(previewHtml(sql.destroys, sql.script()));
    QPushButton *run = box.addButton(verb, sql.destroys.isEmpty() ? QMessageBox::AcceptRole : QMessageBox::DestructiveRole);
    QPushButton *cancel = box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(sql.destroys.isEmpty() ? run : cancel);   // a stray Enter never destroys
    box.setEscapeButton(cancel);
    box.exec();
    if (box.clickedButton() != run)
        return;
    Connection *conn = m_model->connection(ref.connectionId);
    if (!conn)
        return;
    const int id = ref.connectionId;
    conn->run<bool>(
        this, [sql](connection::JobContext &job) -> Result<bool> {
            const Status status = exec::runObjectAction(job, sql);
            if (!status)
                return status.error();
            return true;
        },
        [this, id, schema, touched, title](Result<bool> result) {
            if (!result) {
                QMessageBox failed(QMessageBox::Warning, title, result.error().message, QMessageBox::Ok, m_window);
                if (!result.error().detail.isEmpty())
                    failed.setInformativeText(result.error().detail);
                Q_EMIT finished(false, result.error().message);
                failed.exec();
                return;
            }
            // Only the touched schema (or, for schema actions, the connection) reads its catalog again.
            m_notifier->notify(catalog::SchemaChange{id, schema, touched});
            Q_EMIT finished(true, QString());
        });
}

} // namespace strata::ui
