#pragma once

// The object tree's entries for backups: "Backup…" on an open connection's node (the whole
// database) and on a schema's node (that schema), "Restore…" on an open connection's node.
// Each opens its dialog on the connection's spec (profile and in-memory password); after a
// restore the tree reloads the connection.

class QWidget;

namespace strata::ui {

class ObjectTreeModel;
class ObjectTreePanel;

class BackupMenu {
public:
    static void install(ObjectTreePanel *panel, ObjectTreeModel *model, QWidget *parent);
};

} // namespace strata::ui
