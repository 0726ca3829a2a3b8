#pragma once

// Compiles queries and unit-of-work statements through a Dialect. Identifiers are quoted by
// the dialect, every value is a bound parameter (LIMIT and OFFSET too), and constructs the
// dialect cannot run, or that refer to tables the query does not reach, are rejected here
// with ErrorKind::Unsupported, before anything reaches the server.

#include "base/result.h"
#include "dialect/dialect.h"
#include "expression.h"

#include <optional>

namespace strata::mapping {

struct JoinSpec {
    const TableDef *from = nullptr;       ///< the table owning the relationship
    const RelationDef *relation = nullptr;
    QString fromAlias;                    ///< `from` under its alias, empty for the table itself
    QString alias;                        ///< the joined table's alias, empty for none
};

struct QuerySpec {
    const TableDef *root = nullptr;
    std::vector<JoinSpec> joins;
    std::vector<Expr> where;              ///< ANDed
    std::vector<OrderTerm> order;
    std::optional<qint64> limit;
    std::optional<qint64> offset;
    std::vector<ColumnExpr> columns;      ///< empty: every column of `root`
    bool distinct = false;
    QString error;                        ///< a construct rejected while the query was built
};

struct CompiledSql {
    QString sql;
    QVariantList values;
};

Result<CompiledSql> compileSelect(const dialect::Dialect &dialect, const QuerySpec &query);
/// SELECT count(*) of the rows compileSelect would give (distinct root rows when joined).
Result<CompiledSql> compileCount(const dialect::Dialect &dialect, const QuerySpec &query);

/// INSERT of `columns` (indexes into table.columns) for `rows` rows, RETURNING `returning`.
QString insertSql(const dialect::Dialect &dialect, const TableDef &table, const QList<int> &columns,
                  const QList<int> &returning, int rows = 1);
/// UPDATE ... SET `columns` WHERE primary key = ? (values: the set values, then the key).
QString updateSql(const dialect::Dialect &dialect, const TableDef &table, const QList<int> &columns);
/// DELETE ... WHERE primary key = ?
QString deleteSql(const dialect::Dialect &dialect, const TableDef &table);
/// SELECT every column ... WHERE `keyColumns` = ? (one group of values).
QString selectWhereSql(const dialect::Dialect &dialect, const TableDef &table, const QStringList &keyColumns);

/// SELECT every column ... WHERE `column` IN (`count` placeholders) ORDER BY the primary key.
QString selectInSql(const dialect::Dialect &dialect, const TableDef &table, const QString &column, int count);

/// A canonical value in the form the driver binds for this dialect: instants as UTC
/// ISO-8601 text, dates and times as ISO text, booleans as 0/1 in SQLite.
QVariant bindValue(const dialect::Dialect &dialect, const QVariant &value);

} // namespace strata::mapping
