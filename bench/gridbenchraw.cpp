#include "gridbenchraw.h"

#include "connection/connectionstring.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTextStream>

#include <libpq-fe.h>
#include <sqlite3.h>

namespace strata::bench {

namespace {

const char *const kEmptyTable = "CREATE TABLE IF NOT EXISTS books_empty (id integer PRIMARY KEY, title text, author text, "
                                "pages int, published date, price numeric)";

double msSince(const QElapsedTimer &t)
{
    return double(t.nsecsElapsed()) / 1e6;
}

class RawSqlite : public RawBooks {
public:
    explicit RawSqlite(sqlite3 *db) : m_db(db) {}
    ~RawSqlite() override { sqlite3_close(m_db); }

    bool prepare(qint64 rows, QString *error) override
    {
        sqlite3_stmt *stmt = nullptr;
        qint64 existing = -1;
        if (sqlite3_prepare_v2(m_db, "SELECT count(*), max(id) FROM books", -1, &stmt, nullptr) == SQLITE_OK
            && sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_int64(stmt, 1) == sqlite3_column_int64(stmt, 0))
            existing = sqlite3_column_int64(stmt, 0);
        sqlite3_finalize(stmt);
        if (existing == rows)
            return true;
        QTextStream(stderr) << "preparing " << rows << " rows in books…\n";
        // One transaction, the rows generated inside SQLite by a recursive CTE.
        const QByteArray script = QStringLiteral(
            "PRAGMA synchronous = OFF; BEGIN; DROP TABLE IF EXISTS books; "
            "CREATE TABLE books (id integer PRIMARY KEY, title text, author text, pages int, published date, price numeric); "
            "INSERT INTO books WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %1) "
            "SELECT i, 'Title ' || i, 'Author ' || (i % 9973), 50 + i % 900, date('1950-01-01', '+' || (i % 25000) || ' days'), "
            "round((i % 10000) / 100.0 + 5, 2) FROM n; COMMIT; PRAGMA synchronous = FULL;").arg(rows).toUtf8();
        char *message = nullptr;
        if (sqlite3_exec(m_db, script.constData(), nullptr, nullptr, &message) != SQLITE_OK) {
            *error = QString::fromUtf8(message);
            sqlite3_free(message);
            return false;
        }
        return true;
    }

    bool prepareEmpty(QString *error) override
    {
        char *message = nullptr;
        if (sqlite3_exec(m_db, kEmptyTable, nullptr, nullptr, &message) == SQLITE_OK)
            return true;
        *error = QString::fromUtf8(message);
        sqlite3_free(message);
        return false;
    }

    double window(const char *sql, qint64 key, int limit) override
    {
        QElapsedTimer t;
        t.start();
        sqlite3_stmt *stmt = nullptr;
        sqlite3_prepare_v2(m_db, sql, -1, &stmt, nullptr);
        if (key >= 0)
            sqlite3_bind_int64(stmt, 1, key);
        sqlite3_bind_int(stmt, key >= 0 ? 2 : 1, limit);
        readAll(stmt);
        sqlite3_finalize(stmt);
        return msSince(t);
    }

    double scroll(qint64 key, int windows, int limit) override
    {
        QElapsedTimer t;
        t.start();
        sqlite3_stmt *stmt = nullptr;
        sqlite3_prepare_v2(m_db, "SELECT id, title, author, pages, published, price FROM books WHERE id > ? ORDER BY id LIMIT ?",
                           -1, &stmt, nullptr);
        qint64 rows = 0;
        for (int w = 0; w < windows; ++w) {
            sqlite3_bind_int64(stmt, 1, key);
            sqlite3_bind_int(stmt, 2, limit);
            key = readAll(stmt, &rows);
            sqlite3_reset(stmt);
        }
        sqlite3_finalize(stmt);
        return double(rows) / (msSince(t) / 1000.0);
    }

    double countMs() override
    {
        QElapsedTimer t;
        t.start();
        sqlite3_stmt *stmt = nullptr;
        sqlite3_prepare_v2(m_db, "SELECT count(*) FROM books", -1, &stmt, nullptr);
        sqlite3_step(stmt);
        sqlite3_finalize(stmt);
        return msSince(t);
    }

private:
    /// Steps every row, touching every column as the grid does; returns the last id.
    static qint64 readAll(sqlite3_stmt *stmt, qint64 *rows = nullptr)
    {
        qint64 last = -1;
        size_t bytes = 0;
        while (sqlite3_step(stmt) == SQLITE_ROW) {
            last = sqlite3_column_int64(stmt, 0);
            for (int c = 1; c < 6; ++c)
                bytes += size_t(sqlite3_column_bytes(stmt, c)) + (sqlite3_column_text(stmt, c) ? 1 : 0);
            if (rows)
                ++*rows;
        }
        (void)bytes;
        return last;
    }

    sqlite3 *m_db;
};

class RawPostgres : public RawBooks {
public:
    explicit RawPostgres(PGconn *conn) : m_conn(conn) {}
    ~RawPostgres() override { PQfinish(m_conn); }

    bool prepare(qint64 rows, QString *error) override
    {
        PGresult *r = PQexec(m_conn, "SELECT count(*), max(id) FROM books");
        const bool same = PQresultStatus(r) == PGRES_TUPLES_OK && QByteArray(PQgetvalue(r, 0, 0)).toLongLong() == rows
                       && QByteArray(PQgetvalue(r, 0, 1)).toLongLong() == rows;
        PQclear(r);
        if (same)
            return true;
        QTextStream(stderr) << "preparing " << rows << " rows in books…\n";
        const QByteArray script = QStringLiteral(
            "DROP TABLE IF EXISTS books; "
            "CREATE TABLE books (id integer, title text, author text, pages int, published date, price numeric); "
            "INSERT INTO books SELECT i, 'Title ' || i, 'Author ' || (i % 9973), 50 + i % 900, "
            "date '1950-01-01' + (i % 25000), round((i % 10000) / 100.0 + 5, 2) FROM generate_series(1, %1) AS i; "
            "ALTER TABLE books ADD PRIMARY KEY (id);").arg(rows).toUtf8();
        for (const QByteArray &sql : {script, QByteArray("VACUUM ANALYZE books")}) {
            r = PQexec(m_conn, sql.constData());
            const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
            if (!ok)
                *error = QString::fromUtf8(PQerrorMessage(m_conn));
            PQclear(r);
            if (!ok)
                return false;
        }
        return true;
    }

    bool prepareEmpty(QString *error) override
    {
        PGresult *r = PQexec(m_conn, kEmptyTable);
        const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
        if (!ok)
            *error = QString::fromUtf8(PQerrorMessage(m_conn));
        PQclear(r);
        return ok;
    }

    double window(const char *sql, qint64 key, int limit) override
    {
        QElapsedTimer t;
        t.start();
        const QByteArray keyText = QByteArray::number(key);
        const QByteArray limitText = QByteArray::number(limit);
        const char *values[] = {key >= 0 ? keyText.constData() : limitText.constData(), limitText.constData()};
        PGresult *r = PQexecParams(m_conn, pgSql(sql).constData(), key >= 0 ? 2 : 1, nullptr, values, nullptr, nullptr, 0);
        readAll(r);
        PQclear(r);
        return msSince(t);
    }

    double scroll(qint64 key, int windows, int limit) override
    {
        QElapsedTimer t;
        t.start();
        PGresult *p = PQprepare(m_conn, "scroll", "SELECT id, title, author, pages, published, price FROM books "
                                                  "WHERE id > $1 ORDER BY id LIMIT $2", 2, nullptr);
        PQclear(p);
        qint64 rows = 0;
        const QByteArray limitText = QByteArray::number(limit);
        for (int w = 0; w < windows; ++w) {
            const QByteArray keyText = QByteArray::number(key);
            const char *values[] = {keyText.constData(), limitText.constData()};
            PGresult *r = PQexecPrepared(m_conn, "scroll", 2, values, nullptr, nullptr, 0);
            rows += PQntuples(r);
            key = readAll(r);
            PQclear(r);
        }
        PQclear(PQexec(m_conn, "DEALLOCATE scroll"));
        return double(rows) / (msSince(t) / 1000.0);
    }

    double countMs() override
    {
        QElapsedTimer t;
        t.start();
        PQclear(PQexec(m_conn, "SELECT count(*) FROM books"));
        return msSince(t);
    }

private:
    /// "?" placeholders (shared with SQLite) as $1, $2.
    static QByteArray pgSql(const char *sql)
    {
        QByteArray out;
        int n = 0;
        for (const char *p = sql; *p; ++p)
            out += *p == '?' ? QByteArray("$") + QByteArray::number(++n) : QByteArray(1, *p);
        return out;
    }
    static qint64 readAll(PGresult *r)
    {
        size_t bytes = 0;
        const int rows = PQntuples(r);
        for (int i = 0; i < rows; ++i)
            for (int c = 0; c < 6; ++c)
                bytes += size_t(PQgetlength(r, i, c)) + (PQgetvalue(r, i, c) ? 1 : 0);
        (void)bytes;
        return rows > 0 ? QByteArray(PQgetvalue(r, rows - 1, 0)).toLongLong() : -1;
    }

    PGconn *m_conn;
};

} // namespace

std::unique_ptr<RawBooks> RawBooks::open(const connection::ConnectionProfile &profile, const std::optional<QString> &password,
                                         QString *error)
{
    if (profile.isPostgres()) {
        const QString conninfo = connection::toKeywordString(profile, password, connection::PasswordMode::Include);
        PGconn *conn = PQconnectdb(conninfo.toUtf8().constData());
        if (PQstatus(conn) != CONNECTION_OK) {
            *error = QString::fromUtf8(PQerrorMessage(conn));
            PQfinish(conn);
            return nullptr;
        }
        return std::make_unique<RawPostgres>(conn);
    }
    sqlite3 *db = nullptr;
    if (sqlite3_open(profile.filePath.toUtf8().constData(), &db) != SQLITE_OK) {
        *error = QString::fromUtf8(sqlite3_errmsg(db));
        sqlite3_close(db);
        return nullptr;
    }
    return std::make_unique<RawSqlite>(db);
}

double memoryMb(const char *field)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray prefix = QByteArray(field) + ':';
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith(prefix))
            return line.mid(prefix.size()).trimmed().split(' ').first().toDouble() / 1024.0;
    return -1;
}

bool resetPeakMemory()
{
    QFile clear(QStringLiteral("/proc/self/clear_refs"));
    return clear.open(QIODevice::WriteOnly) && clear.write("5") == 1;
}

} // namespace strata::bench
