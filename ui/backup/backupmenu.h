#pragma once

// The object tree's entries for backups: "Backup…" on an open connection's node (the whole
// database), on a schema's node (that schema) and on a PostgreSQL table's node (that table, or
// every table of the connection selected in the tree when the clicked one is among them:
// "Backup 3 tables…"), "Restore…" on an open connection's node.
// Each opens its dialog on the connection's spec (profile and in-memory password).
// After a restore into the connection's own database the SchemaNotifier is told, so the tree,
// grids, properties tabs and consoles of that connection show the restored schema. A backup
// can be opened as a connection of its own (a SQLite copy) or restored into a new database (a
// PostgreSQL archive), which then opens too.

#include "connection/connectionstring.h"

#include <functional>

class QWidget;

namespace strata::catalog { class SchemaNotifier; }

namespace strata::ui {

class ObjectTreeModel;
class ObjectTreePanel;

class BackupMenu {
public:
    /// What the menu's dialogs need from the window that owns them.
    struct Services {
        QWidget *parent = nullptr;                       ///< the dialogs' parent
        catalog::SchemaNotifier *notifier = nullptr;     ///< told after a restore into a connection
        std::function<void(const connection::ConnectionSpec &)> openConnection;
    };

    static void install(ObjectTreePanel *panel, ObjectTreeModel *model, const Services &services);
    /// Backup… / Restore… of an open connection (the Tools menu: the selected connection).
    /// False when `connectionId` is not open.
    static bool openBackup(ObjectTreeModel *model, const Services &services, int connectionId);
    static bool openRestore(ObjectTreeModel *model, const Services &services, int connectionId);
};

} // namespace strata::ui
