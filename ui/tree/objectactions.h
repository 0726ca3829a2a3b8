#pragma once

// The object tree's actions on database objects (issue 19): drop, rename, empty and
// duplicate a table, drop and rename a view, create an index, and for PostgreSQL schemas
// create, drop and rename. Each asks for what it needs (a name, columns), shows the SQL it
// will run (written in core: exec/objectactions.h) with what it destroys, runs it on the
// tree's connection only after an explicit yes, and then announces the change through the
// SchemaNotifier, so only the touched schema's node (and the tabs showing the object) read
// it again. On a read-only connection the entries stay in the menu, disabled, saying why.

#include <QObject>

class QMenu;
class QModelIndex;

namespace strata::catalog { class SchemaNotifier; }
namespace strata::exec { struct ObjectActionSql; }

namespace strata::ui {

class ObjectTreeModel;
class ObjectTreePanel;
struct ObjectRef;

class ObjectActions : public QObject {
    Q_OBJECT
public:
    /// Adds its entries to `panel`'s context menu; `parent` owns it (the main window) and
    /// parents the dialogs.
    ObjectActions(ObjectTreePanel *panel, ObjectTreeModel *model, catalog::SchemaNotifier *notifier, QWidget *parent);

Q_SIGNALS:
    /// An action ran (ok) or failed (message), for the status bar and tests.
    void finished(bool ok, const QString &message);

private:
    void addEntries(QMenu *menu, const QModelIndex &sourceIndex);
    void addRelationEntries(QMenu *menu, const ObjectRef &ref, const QString &readOnlyReason);
    void addSchemaEntries(QMenu *menu, const ObjectRef &ref, const QString &readOnlyReason);
    QString readOnlyReason(int connectionId) const;
    void renameRelation(const ObjectRef &ref);
    void duplicateTable(const ObjectRef &ref, bool withData);
    void createIndex(const ObjectRef &ref);
    void renameSchema(const ObjectRef &ref);
    void createSchema(const ObjectRef &ref);
    /// Previews `sql` and runs it once confirmed; `touched` are the tables to announce.
    void confirmAndRun(const ObjectRef &ref, const QString &title, const QString &question, const exec::ObjectActionSql &sql,
                       const QString &verb, const QString &schema, const QStringList &touched);
    QString askName(const QString &title, const QString &label, const QString &current);

    ObjectTreePanel *m_panel;
    ObjectTreeModel *m_model;
    catalog::SchemaNotifier *m_notifier;
    QWidget *m_window;
};

} // namespace strata::ui
