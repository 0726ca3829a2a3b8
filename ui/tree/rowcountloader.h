#pragma once

// Row counts beside SQLite tables in the object tree (issue 19). When a SQLite "Tables"
// folder is expanded, one background job on the tree's connection counts its tables
// (exactly for a file up to catalog::kExactRowCountSizeLimit, else "~" estimates from
// sqlite_stat1; catalog/sqliterowcounts.h) and fills the rows column as the result arrives.
// Collapsing the folder (or reloading it) cancels the job, a count(*) in progress included.
// PostgreSQL shows the planner's estimates, read with the catalog, so it needs none of this.

#include <QHash>
#include <QObject>
#include <QPersistentModelIndex>
#include <atomic>
#include <memory>

class QTreeView;

namespace strata::ui {

class ObjectTreeModel;
class ObjectTreeProxy;

class RowCountLoader : public QObject {
    Q_OBJECT
public:
    RowCountLoader(ObjectTreeModel *model, ObjectTreeProxy *proxy, QTreeView *view, QObject *parent);

    /// Whether a count runs now under the folder (tests).
    bool isCounting(const QModelIndex &sourceFolder) const;

Q_SIGNALS:
    /// The counts of a folder arrived (for tests and the status bar).
    void countsShown(const QModelIndex &sourceFolder);

private:
    void start(const QModelIndex &sourceFolder);
    void cancel(const QModelIndex &sourceFolder);

    ObjectTreeModel *m_model;
    QHash<QPersistentModelIndex, std::shared_ptr<std::atomic_bool>> m_running;
};

} // namespace strata::ui
