#include "backupmenu.h"

#include "backupdialog.h"
#include "catalog/schemanotifier.h"
#include "connection/connection.h"
#include "restoredialog.h"
#include "tree/objecttreemodel.h"
#include "tree/objecttreepanel.h"
#include "tree/objecttreeproxy.h"

#include <QAction>
#include <QFileInfo>
#include <QItemSelectionModel>
#include <QMenu>
#include <QTreeView>

namespace strata::ui {

namespace {

RestoreDialog *openRestoreDialog(ObjectTreeModel *model, const BackupMenu::Services &services, int id)
{
    auto *dialog = new RestoreDialog(model->connectionSpec(id), services.parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    QObject::connect(dialog, &RestoreDialog::finished, services.parent, [model, services, id, dialog](bool ok) {
        if (ok && model->connection(id) && dialog->restoresIntoThisDatabase() && services.notifier)
            services.notifier->notify(catalog::SchemaChange{id, {}, {}});   // anything may have changed
    });
    if (services.openConnection)
        QObject::connect(dialog, &RestoreDialog::openConnectionRequested, services.parent, services.openConnection);
    dialog->show();
    return dialog;
}

void openBackupDialog(ObjectTreeModel *model, const BackupMenu::Services &services, int id, const QStringList &schemas,
                      const QList<backup::TableName> &tables = {})
{
    auto *dialog = new BackupDialog(model->connectionSpec(id), schemas, tables, services.parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (services.openConnection)
        QObject::connect(dialog, &BackupDialog::openConnectionRequested, services.parent, services.openConnection);
    QObject::connect(dialog, &BackupDialog::restoreRequested, services.parent, [model, services, id](const QString &archive) {
        if (!model->connection(id))
            return;
        RestoreDialog *restore = openRestoreDialog(model, services, id);
        restore->setInputPath(archive);
        restore->setNewDatabase(QFileInfo(archive).completeBaseName().replace(QLatin1Char('-'), QLatin1Char('_'))
                                + QStringLiteral("_restored"));
    });
    dialog->show();
}

bool isOpen(ObjectTreeModel *model, int id)
{
    const connection::Connection *conn = model->connection(id);
    return conn && conn->state() == connection::Connection::State::Open;
}

bool isTable(const ObjectRef &ref)
{
    return ref.kind == NodeKind::Relation
        && (ref.relationKind == catalog::RelationKind::Table || ref.relationKind == catalog::RelationKind::PartitionedTable);
}

// The nodes a Backup… on `clicked` is about: every node of its kind and connection selected in
// the tree when the clicked one is among them (Ctrl/Shift-click), else the clicked one.
QList<ObjectRef> selectedLike(ObjectTreePanel *panel, const ObjectRef &clicked)
{
    QList<ObjectRef> refs;
    bool clickedSelected = false;
    for (const ObjectRef &ref : panel->selectedObjects()) {
        if (ref.connectionId != clicked.connectionId || ref.kind != clicked.kind || (isTable(clicked) && !isTable(ref)))
            continue;
        refs << ref;
        clickedSelected = clickedSelected || (ref.schema == clicked.schema && ref.name == clicked.name);
    }
    return clickedSelected ? refs : QList<ObjectRef>{clicked};
}

QList<backup::TableName> chosenTables(ObjectTreePanel *panel, const ObjectRef &clicked)
{
    QList<backup::TableName> tables;
    for (const ObjectRef &ref : selectedLike(panel, clicked))
        if (!tables.contains(backup::TableName{ref.schema, ref.name}))
            tables << backup::TableName{ref.schema, ref.name};
    return tables;
}

// The same for schemas: a Backup… on a schema covers every selected schema it is among.
QStringList chosenSchemas(ObjectTreePanel *panel, const ObjectRef &clicked)
{
    QStringList schemas;
    for (const ObjectRef &ref : selectedLike(panel, clicked))
        if (!schemas.contains(ref.name))
            schemas << ref.name;
    return schemas;
}

} // namespace

bool BackupMenu::openBackup(ObjectTreeModel *model, const Services &services, int connectionId)
{
    if (!isOpen(model, connectionId))
        return false;
    openBackupDialog(model, services, connectionId, {});
    return true;
}

bool BackupMenu::openRestore(ObjectTreeModel *model, const Services &services, int connectionId)
{
    if (!isOpen(model, connectionId))
        return false;
    openRestoreDialog(model, services, connectionId);
    return true;
}

void BackupMenu::install(ObjectTreePanel *panel, ObjectTreeModel *model, const Services &services)
{
    QObject::connect(panel, &ObjectTreePanel::contextMenuAboutToShow, services.parent, [panel, model, services](QMenu *menu, const QModelIndex &source) {
        if (!source.isValid())
            return;
        const ObjectRef ref = model->objectAt(source);
        const connection::Connection *conn = model->connection(ref.connectionId);
        if (!conn || conn->state() != connection::Connection::State::Open)
            return;
        const int id = ref.connectionId;
        if (isTable(ref) && conn->profile().isPostgres()) {
            const QList<backup::TableName> tables = chosenTables(panel, ref);
            const QString text = tables.size() == 1 ? QObject::tr("&Backup…") : QObject::tr("&Backup %n tables…", nullptr, int(tables.size()));
            menu->addAction(text, services.parent, [model, services, id, tables] { openBackupDialog(model, services, id, {}, tables); });
            menu->addSeparator();
            return;
        }
        if (ref.kind != NodeKind::Connection && ref.kind != NodeKind::Schema)
            return;
        const QStringList schemas = ref.kind == NodeKind::Schema ? chosenSchemas(panel, ref) : QStringList();
        const QString text = schemas.size() > 1 ? QObject::tr("&Backup %n schemas…", nullptr, int(schemas.size())) : QObject::tr("&Backup…");
        menu->addAction(text, services.parent, [model, services, id, schemas] {
            openBackupDialog(model, services, id, schemas);
        });
        if (ref.kind == NodeKind::Connection)
            menu->addAction(QObject::tr("&Restore…"), services.parent, [model, services, id] { openRestoreDialog(model, services, id); });
        menu->addSeparator();
    });
}

} // namespace strata::ui
