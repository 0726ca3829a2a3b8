#include "backupmenu.h"

#include "backupdialog.h"
#include "connection/connection.h"
#include "restoredialog.h"
#include "tree/objecttreemodel.h"
#include "tree/objecttreepanel.h"

#include <QAction>
#include <QMenu>

namespace strata::ui {

void BackupMenu::install(ObjectTreePanel *panel, ObjectTreeModel *model, QWidget *parent)
{
    QObject::connect(panel, &ObjectTreePanel::contextMenuAboutToShow, parent, [model, parent](QMenu *menu, const QModelIndex &source) {
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
        menu->addAction(QObject::tr("&Backup…"), parent, [model, parent, id, schemas] {
            auto *dialog = new BackupDialog(model->connectionSpec(id), schemas, parent);
            dialog->setAttribute(Qt::WA_DeleteOnClose);
            dialog->show();
        });
        if (ref.kind == NodeKind::Connection) {
            menu->addAction(QObject::tr("&Restore…"), parent, [model, parent, id] {
                auto *dialog = new RestoreDialog(model->connectionSpec(id), parent);
                dialog->setAttribute(Qt::WA_DeleteOnClose);
                QObject::connect(dialog, &RestoreDialog::finished, parent, [model, id](bool ok) {
                    if (ok && model->connection(id))
                        model->refresh(model->connectionIndex(id));   // new objects, new row estimates
                });
                dialog->show();
            });
        }
        menu->addSeparator();
    });
}

} // namespace strata::ui
