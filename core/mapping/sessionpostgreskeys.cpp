// Keys the PostgreSQL server generates, read back after a bulk insert without drawing them
// first (drawing 1M values with nextval() before the COPY cost ~0.5 s of server time: the
// insert ran at 1.7x raw COPY; see `strata-bench mapping`).
//
// The first row is inserted with RETURNING (its key P); the other N-1 rows go through COPY
// without the key column, so the server fills it from the column's default; then currval()
// gives the last value L this connection drew from the key's sequence. One connection's
// nextval() results only grow (positive increment, no wrap-around), and COPY evaluates each
// row's default in input order, so the copied rows hold N-1 increasing keys in (P, L]:
// when L - P = N - 1 they are exactly P+1 ... L, in input order. Otherwise (another session
// drew values meanwhile, an increment other than 1, a trigger drawing from the sequence)
// the keys are read back: the rows of that range written by this transaction (the first
// row's xmin), in key order; their count must be N - 1.
//
// Used only when the key is an identity column or its default draws from the sequence
// PostgreSQL reports for it (pg_get_serial_sequence); other keys are read back row by row.

#include "session.h"

#include "data/nativequery.h"

#include <QSqlError>
#include <libpq-fe.h>

namespace strata::mapping {

namespace {

/// Writes a generated key into the object and, when taken, its snapshot.
void writeKey(const ColumnDef &key, const std::shared_ptr<void> &object, const std::shared_ptr<void> &snapshot,
              qint64 value)
{
    Cell cell;
    cell.kind = Cell::Kind::Integer;
    cell.integer = value;
    key.writeCell(object.get(), cell);
    if (snapshot)
        key.writeCell(snapshot.get(), cell);
}

} // namespace

Result<QString> Session::keySequence(const TableDef &table, const ColumnDef &key)
{
    // Looked up once per group: as an argument of nextval() inside a generate_series query,
    // pg_get_serial_sequence would run once per row (2.7 s of 1M rows).
    const QString sql = QStringLiteral(
        "SELECT s.seq, a.attidentity <> '' OR EXISTS ("
        "SELECT 1 FROM pg_attrdef d JOIN pg_depend dep ON dep.classid = 'pg_attrdef'::regclass AND dep.objid = d.oid "
        "WHERE d.adrelid = a.attrelid AND d.adnum = a.attnum "
        "AND dep.refclassid = 'pg_class'::regclass AND dep.refobjid = s.seq::regclass) "
        "FROM (SELECT pg_get_serial_sequence(?, ?) AS seq) AS s "
        "JOIN pg_attribute AS a ON a.attrelid = ?::regclass AND a.attname = ?");
    const QString qualified = m_dialect->qualifiedName(table.schema, table.name);
    const QVariantList values{qualified, key.name, qualified, key.name};
    const auto q = prepared(sql);
    if (!q)
        return q.error();
    if (const Status s = execute(**q, sql, values); !s)
        return s.error();
    const bool found = (*q)->next() && !(*q)->isNull(0) && (*q)->value(1).toBool();
    const QString sequence = found ? (*q)->value(0).toString() : QString();
    (*q)->finish();
    return sequence;
}

Status Session::copyReadingKeys(const TableDef &table, const InsertGroup &group, const QString &sequence)
{
    const ColumnDef &key = table.columns[size_t(group.returning.front())];
    const size_t n = group.entries.size();

    const QString first = insertSql(*m_dialect, table, group.columns, group.returning);
    QVariantList values;
    for (int i : group.columns)
        values.append(table.columns[size_t(i)].read(group.entries.front()->object.get()));
    notify(first, values);
    const Result<qint64> p = scalarPostgres(first, values);
    if (!p)
        return p.error();
    writeKey(key, group.entries.front()->object, nullptr, *p);

    // The server inserts slower than rows are formatted: taking each snapshot here, while
    // COPY data is in flight, keeps that work out of afterFlush (~0.1 s of 1M rows).
    const Status copied = copyRows(table, group.columns, n - 1, [&](QByteArray &buffer, size_t row) {
        Entry &e = *group.entries[row + 1];
        appendCopyRow(buffer, table, group.columns, e.object.get());
        buffer.append('\n');
        takeSnapshot(e);
        e.snapshotTaken = true;
    });
    if (!copied)
        return copied;

    const QString last = QStringLiteral("SELECT currval(?)");
    notify(last, {sequence});
    const Result<qint64> l = scalarPostgres(last, {sequence});
    if (!l)
        return l.error();
    if (*l - *p == qint64(n - 1)) {
        for (size_t row = 1; row < n; ++row)
            writeKey(key, group.entries[row]->object, group.entries[row]->snapshot, *p + qint64(row));
        return {};
    }
    return readBackKeys(table, group, *p, *l);
}

Status Session::readBackKeys(const TableDef &table, const InsertGroup &group, qint64 first, qint64 last)
{
    const ColumnDef &key = table.columns[size_t(group.returning.front())];
    const QString k = m_dialect->quoteIdentifier(key.name);
    const QString name = m_dialect->qualifiedName(table.schema, table.name);
    const bool ascending = last > first;
    const QString sql = QStringLiteral("SELECT %1 FROM %2 WHERE %1 %3 ? AND %1 %4 ? "
                                       "AND xmin = (SELECT xmin FROM %2 WHERE %1 = ?) ORDER BY %1 %5")
                            .arg(k, name, ascending ? QStringLiteral(">") : QStringLiteral("<"),
                                 ascending ? QStringLiteral("<=") : QStringLiteral(">="),
                                 ascending ? QStringLiteral("ASC") : QStringLiteral("DESC"));
    const QVariantList values{first, last, first};
    notify(sql, values);
    const Result<PGresult *> r = execPostgres(sql, values, PGRES_TUPLES_OK);
    if (!r)
        return r.error();
    const size_t rows = size_t(PQntuples(*r));
    if (rows == group.entries.size() - 1) {
        for (size_t row = 0; row < rows; ++row)
            writeKey(key, group.entries[row + 1]->object, group.entries[row + 1]->snapshot,
                     std::strtoll(PQgetvalue(*r, int(row), 0), nullptr, 10));
    }
    PQclear(*r);
    if (rows != group.entries.size() - 1)
        return Error(ErrorKind::Internal, QStringLiteral("%1 rows of %2 were inserted, but %3 keys were found for them")
                                              .arg(group.entries.size() - 1).arg(table.name).arg(rows)).withSql(sql);
    return {};
}

Result<qint64> Session::scalarPostgres(const QString &sql, const QVariantList &values)
{
    const Result<PGresult *> r = execPostgres(sql, values, PGRES_TUPLES_OK);
    if (!r)
        return r.error();
    const bool one = PQntuples(*r) == 1 && PQnfields(*r) == 1 && !PQgetisnull(*r, 0, 0);
    const qint64 value = one ? std::strtoll(PQgetvalue(*r, 0, 0), nullptr, 10) : 0;
    PQclear(*r);
    if (!one)
        return Error(ErrorKind::Internal, QStringLiteral("expected one value")).withSql(sql);
    return value;
}

} // namespace strata::mapping
