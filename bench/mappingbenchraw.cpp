#include "mappingbenchraw.h"

#include <QElapsedTimer>

#include <cstdio>
#include <libpq-fe.h>
#include <sqlite3.h>

namespace strata::bench {

namespace {

double elapsedMs(const QElapsedTimer &timer) { return double(timer.nsecsElapsed()) / 1e6; }

/// An instant as the mapping stores it, ISO-8601 UTC text with milliseconds, formatted with
/// snprintf from the date and time parts (QDateTime::toString costs ~1 us a value, more
/// than the insert itself; the session formats without it too).
int formatUtc(char *out, size_t size, const QDateTime &value)
{
    const QDateTime utc = value.toUTC();
    const QDate d = utc.date();
    const QTime t = utc.time();
    return std::snprintf(out, size, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", d.year(), d.month(), d.day(), t.hour(),
                         t.minute(), t.second(), t.msec());
}

class RawSqlite final : public RawMapping {
public:
    explicit RawSqlite(sqlite3 *db) : m_db(db) {}
    ~RawSqlite() override { sqlite3_close(m_db); }

    bool reset(QString *error) override
    {
        return exec("DROP TABLE IF EXISTS strata_bench_mapping_raw", error)
            && exec("CREATE TABLE strata_bench_mapping_raw (\"id\" INTEGER PRIMARY KEY AUTOINCREMENT, "
                    "\"title\" TEXT NOT NULL, \"price\" REAL NOT NULL, \"pages\" INTEGER, \"created\" TIMESTAMP NOT NULL)",
                    error);
    }

    double insert(std::vector<BenchRow> &rows) override
    {
        QElapsedTimer timer;
        timer.start();
        if (!exec("BEGIN", nullptr))
            return -1;
        sqlite3_stmt *stmt = nullptr;
        sqlite3_prepare_v2(m_db, "INSERT INTO strata_bench_mapping_raw (title, price, pages, created) VALUES (?, ?, ?, ?)",
                           -1, &stmt, nullptr);
        bool ok = stmt != nullptr;
        for (BenchRow &row : rows) {
            if (!ok)
                break;
            sqlite3_bind_text16(stmt, 1, row.title.utf16(), int(row.title.size() * 2), SQLITE_STATIC);
            sqlite3_bind_double(stmt, 2, row.price);
            if (row.pages)
                sqlite3_bind_int(stmt, 3, *row.pages);
            else
                sqlite3_bind_null(stmt, 3);
            // Stored as the mapping stores an instant: ISO-8601 UTC text with milliseconds.
            char created[32];
            sqlite3_bind_text(stmt, 4, created, formatUtc(created, sizeof created, row.created), SQLITE_STATIC);
            ok = sqlite3_step(stmt) == SQLITE_DONE;
            row.id = int(sqlite3_last_insert_rowid(m_db));
            sqlite3_reset(stmt);
        }
        sqlite3_finalize(stmt);
        ok = ok && exec("COMMIT", nullptr);
        return ok ? elapsedMs(timer) : -1;
    }

    double read(std::vector<BenchRow> &out) override
    {
        QElapsedTimer timer;
        timer.start();
        sqlite3_stmt *stmt = nullptr;
        if (sqlite3_prepare_v2(m_db, "SELECT id, title, price, pages, created FROM strata_bench_mapping_raw", -1, &stmt,
                               nullptr) != SQLITE_OK)
            return -1;
        int rc = SQLITE_OK;
        while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
            BenchRow row;
            row.id = sqlite3_column_int(stmt, 0);
            row.title = QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(stmt, 1)),
                                          sqlite3_column_bytes(stmt, 1));
            row.price = sqlite3_column_double(stmt, 2);
            if (sqlite3_column_type(stmt, 3) != SQLITE_NULL)
                row.pages = sqlite3_column_int(stmt, 3);
            const QString created = QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(stmt, 4)),
                                                      sqlite3_column_bytes(stmt, 4));
            row.created = QDateTime::fromString(created, Qt::ISODateWithMs).toUTC();
            out.push_back(std::move(row));
        }
        sqlite3_finalize(stmt);
        return rc == SQLITE_DONE ? elapsedMs(timer) : -1;
    }

    void drop() override { exec("DROP TABLE IF EXISTS strata_bench_mapping_raw", nullptr); }

private:
    bool exec(const char *sql, QString *error)
    {
        if (sqlite3_exec(m_db, sql, nullptr, nullptr, nullptr) == SQLITE_OK)
            return true;
        if (error)
            *error = QString::fromUtf8(sqlite3_errmsg(m_db));
        return false;
    }
    sqlite3 *m_db = nullptr;
};

/// COPY text format: backslash, tab, newline and carriage return escaped.
void appendCopyText(QByteArray &buffer, const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    for (char c : utf8) {
        switch (c) {
        case '\\': buffer.append("\\\\", 2); break;
        case '\t': buffer.append("\\t", 2); break;
        case '\n': buffer.append("\\n", 2); break;
        case '\r': buffer.append("\\r", 2); break;
        default: buffer.append(c);
        }
    }
}

class RawPostgres final : public RawMapping {
public:
    explicit RawPostgres(PGconn *conn) : m_conn(conn) {}
    ~RawPostgres() override { PQfinish(m_conn); }

    bool reset(QString *error) override
    {
        return exec("DROP TABLE IF EXISTS strata_bench_mapping_raw", error)
            && exec("CREATE TABLE strata_bench_mapping_raw (\"id\" integer GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, "
                    "\"title\" text NOT NULL, \"price\" double precision NOT NULL, \"pages\" integer, "
                    "\"created\" timestamp with time zone NOT NULL) WITH (autovacuum_enabled = false)",
                    error);
    }

    double insert(std::vector<BenchRow> &rows) override
    {
        QElapsedTimer timer;
        timer.start();
        if (!exec("BEGIN", nullptr))
            return -1;
        PGresult *r = PQexec(m_conn, "COPY strata_bench_mapping_raw (title, price, pages, created) FROM STDIN");
        const bool copying = PQresultStatus(r) == PGRES_COPY_IN;
        PQclear(r);
        if (!copying)
            return -1;
        QByteArray buffer;
        buffer.reserve(1 << 20);
        char number[64];
        for (const BenchRow &row : rows) {
            appendCopyText(buffer, row.title);
            buffer.append(number, std::snprintf(number, sizeof number, "\t%.17g\t", row.price));
            if (row.pages)
                buffer.append(number, std::snprintf(number, sizeof number, "%d\t", *row.pages));
            else
                buffer.append("\\N\t", 3);
            buffer.append(number, formatUtc(number, sizeof number, row.created));
            buffer.append('\n');
            if (buffer.size() >= (1 << 20) - 1024) {
                PQputCopyData(m_conn, buffer.constData(), int(buffer.size()));
                buffer.clear();
            }
        }
        PQputCopyData(m_conn, buffer.constData(), int(buffer.size()));
        PQputCopyEnd(m_conn, nullptr);
        bool ok = true;
        while (PGresult *res = PQgetResult(m_conn)) {
            ok = ok && PQresultStatus(res) == PGRES_COMMAND_OK;
            PQclear(res);
        }
        ok = ok && exec("COMMIT", nullptr);
        return ok ? elapsedMs(timer) : -1;
    }

    double read(std::vector<BenchRow> &out) override
    {
        QElapsedTimer timer;
        timer.start();
        PGresult *r = PQexec(m_conn, "SELECT id, title, price, pages, created FROM strata_bench_mapping_raw");
        if (PQresultStatus(r) != PGRES_TUPLES_OK) {
            PQclear(r);
            return -1;
        }
        const int n = PQntuples(r);
        for (int i = 0; i < n; ++i) {
            BenchRow row;
            row.id = std::atoi(PQgetvalue(r, i, 0));
            row.title = QString::fromUtf8(PQgetvalue(r, i, 1), PQgetlength(r, i, 1));
            row.price = std::strtod(PQgetvalue(r, i, 2), nullptr);
            if (!PQgetisnull(r, i, 3))
                row.pages = std::atoi(PQgetvalue(r, i, 3));
            row.created = QDateTime::fromString(QString::fromLatin1(PQgetvalue(r, i, 4), PQgetlength(r, i, 4)),
                                                Qt::ISODateWithMs).toUTC();
            out.push_back(std::move(row));
        }
        PQclear(r);
        return elapsedMs(timer);
    }

    void drop() override { exec("DROP TABLE IF EXISTS strata_bench_mapping_raw", nullptr); }

private:
    bool exec(const char *sql, QString *error)
    {
        PGresult *r = PQexec(m_conn, sql);
        const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
        if (!ok && error)
            *error = QString::fromUtf8(PQerrorMessage(m_conn)).trimmed();
        PQclear(r);
        return ok;
    }
    PGconn *m_conn = nullptr;
};

} // namespace

std::unique_ptr<RawMapping> RawMapping::open(const connection::ConnectionSpec &spec, QString *error)
{
    if (spec.profile.isPostgres()) {
        PGconn *conn = PQconnectdb(connection::toKeywordString(spec.profile, spec.password, connection::PasswordMode::Include)
                                       .toUtf8().constData());
        if (PQstatus(conn) != CONNECTION_OK) {
            *error = QString::fromUtf8(PQerrorMessage(conn)).trimmed();
            PQfinish(conn);
            return nullptr;
        }
        return std::make_unique<RawPostgres>(conn);
    }
    sqlite3 *db = nullptr;
    if (sqlite3_open(spec.profile.filePath.toUtf8().constData(), &db) != SQLITE_OK) {
        *error = QString::fromUtf8(sqlite3_errmsg(db));
        sqlite3_close(db);
        return nullptr;
    }
    return std::make_unique<RawSqlite>(db);
}

} // namespace strata::bench
