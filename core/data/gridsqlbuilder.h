#pragma once

// Builds every SELECT the grid runs over one relation, for one GridSpec: windows of rows
// (keyset or OFFSET), the row count and its estimate, and key boundary samples. Identifiers
// are quoted by the dialect; filter operands are bound, never spliced. The free WHERE
// fragment is the user's own SQL and is AND-ed in parentheses, unchanged.
//
// Every row read has the shape [identity values..., column values...] (TableInfo::
// identityWidth() identity values first).
//
// Navigation: when the rows are ordered by the row key (no sort, or a sort on a one-column
// key), windows are found by key ("keyset"): from the start, from the end, or relative to a
// key already known; the cost does not depend on how far into the table the window is.
// Otherwise (sort on other columns, no key) a window is LIMIT/OFFSET from the start.

#include "boundsql.h"
#include "gridspec.h"
#include "tableinfo.h"

#include <functional>
#include <optional>

namespace strata::data {

enum class AnchorKind {
    Start,      ///< from the first row in display order
    End,        ///< from the last row, backwards (rows come reversed)
    AtOrAfter,  ///< from the row with this key on
    After,      ///< rows after this key
    Before,     ///< rows before this key, backwards (rows come reversed)
};

struct WindowAnchor {
    AnchorKind kind = AnchorKind::Start;
    QVariantList key;   ///< navigation key values for AtOrAfter / After / Before
};

class GridSqlBuilder {
public:
    GridSqlBuilder() = default;
    GridSqlBuilder(TableInfo table, GridSpec spec);

    const TableInfo &table() const { return m_table; }
    const GridSpec &spec() const { return m_spec; }

    /// True when windows can be found by key (see above).
    bool keyset() const { return m_keyset; }
    /// Rows come back reversed for End and Before anchors.
    /// Keyset in descending key order (a descending sort on the key).
    bool descending() const { return m_descending; }
    static bool reversed(AnchorKind kind) { return kind == AnchorKind::End || kind == AnchorKind::Before; }

    /// `limit` rows from `anchor`, skipping `offset` rows first. Non-keyset builders only
    /// accept Start.
    BoundSql window(const WindowAnchor &anchor, int limit, qint64 offset = 0) const;
    /// count(*) of the filtered rows.
    BoundSql count() const;
    /// Every row the grid shows, in its order: the table's own columns (no rowid/ctid), the
    /// filters and the sort, no LIMIT. For exporting "the current filtered/sorted selection".
    BoundSql selection() const;
    /// A cheap estimate of the row count (PostgreSQL reltuples, SQLite max(rowid)); none
    /// when filtered or not available. The query yields one number, or NULL / -1 for unknown.
    std::optional<BoundSql> estimate() const;
    /// Key boundary sample of one chunk: of the next `chunk` rows after `after` (from the
    /// start when empty), the key and 1-based row number of every `step`-th row (1, step+1,
    /// ...) and of the last row when the chunk is full. Keyset builders only.
    BoundSql sampleBoundaries(const QVariantList &after, int chunk, int step) const;
    /// Boundary sample by steps, for a one-column navigation key: rows (n, key) for n = 0..
    /// `steps`, where key n is `n * step` rows after the first row at or after `from` (from
    /// the first row when empty). One recursive query whose steps are index skips (LIMIT 1
    /// OFFSET step-1): no window function, no per-row output. Fewer rows: the end was reached.
    BoundSql sampleSteps(const QVariantList &from, int steps, int step) const;
    /// Unfiltered, one-column key: keys at known fractions of the relation, in key order.
    /// PostgreSQL: the planner's histogram bounds of the key (pg_stats, after ANALYZE) as
    /// text. SQLite, an integer key or the rowid: its minimum and maximum. None otherwise.
    std::optional<BoundSql> keyHistogram() const;
    /// PostgreSQL: a sorted block sample of about `percent` % of the keys (TABLESAMPLE SYSTEM).
    BoundSql keySample(double percent) const;
    /// The signed number of rows from the row with key `from` to the row with key `to` in
    /// display order (positive when `to` comes later): one number.
    BoundSql keyDistance(const QVariantList &from, const QVariantList &to) const;
    /// The current row with this identity (to show "theirs" after a conflict).
    BoundSql rowByIdentity(const QVariantList &identity) const;
    /// Where the row with this identity is in display order: one row holding its 0-based
    /// position among the filtered rows, or no row when the filters hide it (a saved new row,
    /// to keep it in view). Keyset order counts the keys before it (an index range); other
    /// orders number the filtered rows (row_number(), a scan). None without a row identity.
    std::optional<BoundSql> rowPosition(const QVariantList &identity) const;

    /// Number of navigation key expressions (0 unless keyset).
    int navigationWidth() const { return int(m_navExpressions.size()); }
    /// The part of a row read that is the navigation key (keyset builders).
    QVariantList navigationKey(const QVariantList &row) const;

    /// FROM target: "schema"."name" (SQLite "main" is left out).
    QString target() const;
    /// The select list: identity expressions, then the columns.
    QString selectList() const;
    /// Identity expressions ("id" / rowid / ctid).
    QStringList identityExpressions() const;

private:
    /// " WHERE filters AND extra": `extra` is built after the filters, so that positional
    /// placeholders bind in text order.
    QString where(SqlParams &params, const std::function<QString(SqlParams &)> &extra = {}) const;
    QString filterCondition(const ColumnFilter &filter, SqlParams &params) const;
    QString orderBy(bool reverse) const;
    QString keyComparison(const QString &op, const QVariantList &key, SqlParams &params) const;
    QString anchorCondition(const WindowAnchor &anchor, SqlParams &params) const;
    QString quote(const QString &name) const;

    TableInfo m_table;
    GridSpec m_spec;
    bool m_keyset = false;
    bool m_descending = false;
    QStringList m_navExpressions;   // navigation key expressions (keyset)
};

} // namespace strata::data
