#include "backupmenu.h"

#include "backupdialog.h"
#include "catalog/schemanotifier.h"
#include "connection/connection.h"
#include "restoredialog.h"
#include "tree/objecttreemodel.h"
#include "tree/objecttreepanel.h"

#include <QAction>
#include <QFileInfo>
#include <QMenu>

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

void openBackupDialog(ObjectTreeModel *model, const BackupMenu::Services &services, int id, const QStringList &schemas)
{
    auto *dialog = new BackupDialog(model->connectionSpec(id), schemas, services.parent);
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

} // namespace

namespace {
bool isOpen(ObjectTreeModel *model, int id)
{
    const connection::Connection *conn = model->connection(id);
    return conn && conn->state() == connection::Connection::State::Open;
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
    QObject::connect(panel, &ObjectTreePanel::contextMenuAboutToShow, services.parent, [model, services](QMenu *menu, const QModelIndex &source) {
        if (!source.isValid())
            return;
        const ObjectRef ref = model->objectAt(source);
        const connection::Connection *conn = model->connection(ref.connectionId);
        if (!conn || conn->state() != connection::Connection::State::Open)
            return;
        if (ref.kind != NodeKind::Connection && ref.kind != NodeKind::Schema)
            return;
        const int id = ref.connectionId;
        const QStringList schemas = ref.kind == NodeKind::Schema ? QStringList{ref.name} : QStringList();
        menu->addAction(QObject::tr("&Backup…"), services.parent, [model, services, id, schemas] {
            openBackupDialog(model, services, id, schemas);
        });
        if (ref.kind == NodeKind::Connection)
            menu->addAction(QObject::tr("&Restore…"), services.parent, [model, services, id] { openRestoreDialog(model, services, id); });
        menu->addSeparator();
    });
}

} // namespace strata::ui
