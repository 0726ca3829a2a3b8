#pragma once

// What the user asked the grid to show: per-column filters, a free WHERE fragment and the
// sort. Plain values; GridSqlBuilder turns them into SQL with bound parameters.

#include <QList>
#include <QString>
#include <optional>

namespace strata::data {

enum class FilterOp { Contains, Equals, NotEquals, Less, LessOrEqual, Greater, GreaterOrEqual, IsNull, IsNotNull };

struct ColumnFilter {
    int column = -1;
    FilterOp op = FilterOp::Contains;
    QString value;   ///< the operand as typed; unused for IS [NOT] NULL

    bool operator==(const ColumnFilter &) const = default;

    /// Parses what a person types in a filter cell: "abc" (contains), "=abc", "!=abc" or
    /// "<>abc", "<5", "<=5", ">5", ">=5", "NULL" / "IS NULL", "NOT NULL" / "IS NOT NULL".
    /// "=" followed by nothing means equals the empty string. Empty text gives nullopt.
    static std::optional<ColumnFilter> parse(int column, const QString &text);
};

struct SortKey {
    int column = -1;
    bool descending = false;
    bool operator==(const SortKey &) const = default;
};

struct GridSpec {
    QList<ColumnFilter> filters;
    QString where;               ///< user SQL, AND-ed as an opaque fragment: never rewritten
    QList<SortKey> sort;
    bool operator==(const GridSpec &) const = default;
    bool hasFilter() const { return !filters.isEmpty() || !where.trimmed().isEmpty(); }
};

} // namespace strata::data
