#pragma once

// QueryRowSource: streams a table or a query from a QSqlDatabase with a forward-only
// QSqlQuery, so memory stays flat however many rows there are (a scrollable QSqlQuery
// would hold every row). Create and use it on the thread that owns the database (a
// Connection's worker). The statement is built by the dialect for a table; user SQL for a
// query is run as given, with its values bound.

#include "rowsource.h"

#include "dialect/dialect.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <memory>

namespace strata::data::io {

class QueryRowSource final : public RowSource {
public:
    /// Every row of schema.table (schema may be empty), in the table's column order.
    static Result<std::unique_ptr<QueryRowSource>> forTable(QSqlDatabase &db, const dialect::Dialect &dialect,
                                                            const QString &schema, const QString &table);
    /// The rows of `sql`, with `values` bound to its placeholders in order.
    static Result<std::unique_ptr<QueryRowSource>> forQuery(QSqlDatabase &db, const dialect::Dialect &dialect,
                                                            const QString &sql, const QVariantList &values = {});

    QStringList columnNames() const override { return m_columns; }
    QList<QMetaType> columnTypes() const override { return m_types; }
    Result<bool> next(QVariantList &row) override;

private:
    QueryRowSource(QSqlQuery query, const dialect::Dialect &dialect);

    QSqlQuery m_query;
    const dialect::Dialect &m_dialect;
    QStringList m_columns;
    QList<QMetaType> m_types;
};

/// The rows an export reads, streamed: PostgreSQL through PostgresRowSource (every value the
/// server's exact text), SQLite through QueryRowSource (values arrive in their storage
/// classes). `sql` uses the dialect's native placeholders ($1 / ?). Owning thread of `db`.
Result<std::unique_ptr<RowSource>> openQuerySource(QSqlDatabase &db, const dialect::Dialect &dialect, const QString &sql,
                                                   const QVariantList &values = {});
/// Every row of schema.table (schema may be empty), in the table's column order.
Result<std::unique_ptr<RowSource>> openTableSource(QSqlDatabase &db, const dialect::Dialect &dialect, const QString &schema,
                                                   const QString &table);

} // namespace strata::data::io
