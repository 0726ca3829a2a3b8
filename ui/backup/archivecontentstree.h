#pragma once

// ArchiveContentsTree: a PostgreSQL archive's table of contents (pg_restore --list, read off
// the GUI thread; a newer load drops the answer of an older one) as a tree by schema, with a
// check box per object (click it, or Space on the row) and per schema (ticks or unticks all of
// it). What is unticked is left out of the restore (pg_restore --use-list). GUI thread only.

#include "backup/archivelist.h"
#include "backup/pgtoolfinder.h"

#include <QTreeWidget>
#include <optional>

namespace strata::ui {

class ArchiveContentsTree : public QTreeWidget {
    Q_OBJECT
public:
    explicit ArchiveContentsTree(QWidget *parent = nullptr);

    /// Reads the contents of the archive at `path` with the pg_restore `search` finds.
    void load(const QString &path, const backup::ToolSearch &search);
    /// Empties the tree and forgets the archive (a pending load is dropped). Not QAbstractItemView::reset(),
    /// which the model calls.
    void clearContents();
    /// The contents shown (none before a load ends, or after it failed).
    const std::optional<backup::ArchiveList> &contents() const { return m_list; }
    /// The dump ids ticked (empty when all are: the whole archive).
    QList<int> selectedIds() const;

Q_SIGNALS:
    /// The load ended: the contents are shown (ok), or `error` says why not.
    void loaded(bool ok, const QString &error);

private:
    void showContents(const backup::ArchiveList &list);

    std::optional<backup::ArchiveList> m_list;
    int m_generation = 0;
};

} // namespace strata::ui
