#pragma once

// PostgresRowSource: streams the rows of a statement from PostgreSQL through the libpq
// connection behind a QtSql one (PQsendQueryParams + single-row mode, text format), so an
// export holds every value exactly as the server writes it and imports back to the same
// value. QPSQL would convert on the way: timestamps and times to QDateTime/QTime (cutting
// microseconds, turning 'infinity' and BC dates into invalid values), money and numeric to
// doubles. Here every value is the server's text, except booleans (bool) and bytea
// (QByteArray, decoded whatever the session's bytea_output), which the writers format
// themselves. Column types (for JSON numbers) come from the result's type OIDs.
//
// Use it on the thread that owns the connection (a Connection's worker). Memory stays flat:
// one row at a time. Destroying it before the end cancels the statement.

#include "rowsource.h"

#include <memory>

struct pg_conn;
struct pg_result;

namespace strata::data::io {

class PostgresRowSource final : public RowSource {
public:
    /// Starts `sql` with `values` bound as text ($1, $2, ...). Errors: the server's.
    static Result<std::unique_ptr<PostgresRowSource>> start(pg_conn *conn, const QString &sql, const QVariantList &values = {});
    ~PostgresRowSource() override;

    QStringList columnNames() const override { return m_columns; }
    QList<QMetaType> columnTypes() const override { return m_types; }
    Result<bool> next(QVariantList &row) override;

private:
    PostgresRowSource(pg_conn *conn, const QString &sql) : m_conn(conn), m_sql(sql) {}
    /// Reads the first result: the columns, and the first row if there is one.
    Status readHeader();
    void takeRow(const pg_result *res, QVariantList &row) const;
    void finish();

    pg_conn *m_conn;
    QString m_sql;
    QStringList m_columns;
    QList<QMetaType> m_types;
    QList<unsigned int> m_oids;
    pg_result *m_first = nullptr;   // the first row, read to learn the columns
    bool m_done = false;
};

} // namespace strata::data::io
