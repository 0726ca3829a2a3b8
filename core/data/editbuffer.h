#pragma once

// EditBuffer: the grid's pending changes, until Save or Revert. Updates and deletes are
// keyed by row identity (primary key, rowid, or ctid), never by position, so they stay with
// their row when the grid is sorted, filtered, refreshed or scrolled out of the cache.
// New rows are kept in insertion order. Every change keeps the row's before-image (the
// values as read), which the writer uses for the optimistic concurrency check.
//
// Undo works in steps: each public change is one step; beginStep()/endStep() group many
// (a multi-cell paste). Holding edits takes no lock on the database: nothing is sent
// before Save. GUI thread only; a plain value.

#include <QHash>
#include <QList>
#include <QMap>
#include <QVariantList>
#include <optional>

namespace strata::data {

enum class EditKind { Update, Insert, Delete };

struct RowEdit {
    EditKind kind = EditKind::Update;
    QVariantList identity;          ///< updates and deletes
    QVariantList before;            ///< column values as read (updates and deletes)
    QMap<int, QVariant> changes;    ///< column -> new raw value (updates and inserts)
    qint64 sequence = 0;            ///< order of the first change: the save order
    int insertIndex = -1;           ///< inserts, in ordered(): the index in inserts()
    QString error;                  ///< why the last save failed on this row
    bool conflict = false;          ///< the row changed or vanished on the server
    std::optional<QVariantList> theirs;   ///< after a conflict: the server's row now (nullopt: vanished)

    /// The value the row shows for `column`: the change, else the before-image.
    QVariant value(int column) const;
    bool changed(int column) const { return changes.contains(column); }
};

/// A hashable text for an identity (type-tagged, so SQLite's 5 and '5' differ).
QString identityKey(const QVariantList &identity);

class EditBuffer {
public:
    const RowEdit *find(const QVariantList &identity) const;
    const QList<RowEdit> &inserts() const { return m_inserts; }
    int pendingCount() const { return int(m_keyed.size() + m_inserts.size()); }
    bool isEmpty() const { return pendingCount() == 0; }

    /// Sets one cell of an existing row; a value equal to the before-image drops the change
    /// (and the edit when nothing is left). Returns false for a deleted row.
    bool setCell(const QVariantList &identity, const QVariantList &before, int column, const QVariant &raw);
    /// Appends a new row with `values` (column -> raw; others left to their DEFAULT).
    int addInsert(const QMap<int, QVariant> &values = {});
    /// Sets (or, with `clear`, un-sets back to DEFAULT) a cell of new row `index`.
    void setInsertCell(int index, int column, const QVariant &raw, bool clear = false);
    void removeInsert(int index);
    /// Marks an existing row deleted (keeping its other changes for undo).
    void markDeleted(const QVariantList &identity, const QVariantList &before);
    /// Drops every pending change of one row (keyed), e.g. "take theirs" after a conflict.
    void discard(const QVariantList &identity);
    /// Replaces a row's before-image (e.g. "keep mine" after a conflict: theirs becomes the base).
    void rebase(const QVariantList &identity, const QVariantList &before);

    void beginStep();
    void endStep();
    /// Undoes the last step; false when there is nothing to undo.
    bool undo();
    bool canUndo() const { return !m_undo.isEmpty(); }
    int undoCount() const { return int(m_undo.size()); }

    void clear();
    void clearErrors();
    void setError(const QVariantList &identity, int insertIndex, const QString &message, bool conflict,
                  const std::optional<QVariantList> &theirs = std::nullopt);

    /// All edits in save order (first change first).
    QList<RowEdit> ordered() const;

private:
    struct Step {
        QHash<QString, std::optional<RowEdit>> keyed;
        std::optional<QList<RowEdit>> inserts;
    };
    void rememberKeyed(const QString &key);
    void rememberInserts();

    QHash<QString, RowEdit> m_keyed;
    QList<RowEdit> m_inserts;
    QList<Step> m_undo;
    int m_stepDepth = 0;
    qint64 m_sequence = 0;
};

} // namespace strata::data
