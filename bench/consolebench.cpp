// Time to first row, full fetch and memory of `SELECT * FROM books`: Strata's streaming
// executor (QueryExecutor on a Connection, rows posted to this thread in batches) beside
// the raw C API loop on the same data in the same run. Two Strata figures: streaming every
// row to a consumer that drops them (what an export does), and the console's default
// (the first 100,000 rows kept in a ResultSetModel).

#include "consolebench.h"

#include "benchreport.h"
#include "connection/connection.h"
#include "connection/connectionstring.h"
#include "exec/queryexecutor.h"
#include "exec/resultsetmodel.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QTextStream>
#include <QTimer>

#include <libpq-fe.h>
#include <sqlite3.h>

namespace strata::bench {

namespace {

QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

/// Resident set size of this process in MB (Linux /proc).
double rssMb()
{
    QFile f(QStringLiteral("/proc/self/statm"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> parts = f.readAll().split(' ');
    return parts.size() > 1 ? parts[1].toDouble() * 4096.0 / (1024 * 1024) : -1;
}

const char *const kPgCreate =
    "DROP TABLE IF EXISTS books; "
    "CREATE TABLE books (id integer PRIMARY KEY, title text, author text, pages int, published date, price numeric); "
    "INSERT INTO books SELECT g, 'Title ' || g, 'Author ' || (g % 997), 50 + g % 900, "
    "date '1950-01-01' + (g % 25000), (g % 10000) / 100.0 FROM generate_series(1, %1) g; ANALYZE books;";

const char *const kSqliteCreate =
    "DROP TABLE IF EXISTS books; "
    "CREATE TABLE books (id integer PRIMARY KEY, title text, author text, pages int, published date, price numeric); "
    "BEGIN; WITH RECURSIVE s(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM s WHERE g < %1) "
    "INSERT INTO books SELECT g, 'Title ' || g, 'Author ' || (g % 997), 50 + g % 900, "
    "date('1950-01-01', '+' || (g % 25000) || ' days'), (g % 10000) / 100.0 FROM s; COMMIT;";

bool preparePostgres(PGconn *conn, qint64 rows)
{
    PGresult *r = PQexec(conn, "SELECT count(*) FROM books");
    const qint64 existing = PQresultStatus(r) == PGRES_TUPLES_OK ? QByteArray(PQgetvalue(r, 0, 0)).toLongLong() : -1;
    PQclear(r);
    if (existing == rows)
        return true;
    err() << "creating books with " << rows << " rows…\n";
    err().flush();
    r = PQexec(conn, QString::fromLatin1(kPgCreate).arg(rows).toUtf8().constData());
    const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
    if (!ok)
        err() << PQerrorMessage(conn) << '\n';
    PQclear(r);
    return ok;
}

bool prepareSqlite(sqlite3 *db, qint64 rows)
{
    sqlite3_stmt *stmt = nullptr;
    qint64 existing = -1;
    if (sqlite3_prepare_v2(db, "SELECT count(*) FROM books", -1, &stmt, nullptr) == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW)
        existing = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    if (existing == rows)
        return true;
    err() << "creating books with " << rows << " rows…\n";
    err().flush();
    return sqlite3_exec(db, QString::fromLatin1(kSqliteCreate).arg(rows).toUtf8().constData(), nullptr, nullptr, nullptr) == SQLITE_OK;
}

struct Timing {
    double firstRowMs = -1;
    double totalMs = -1;
    qint64 rows = 0;
    double peakRssMb = -1;
};

/// The libpq loop a C programmer would write: single-row mode, every value read.
Timing rawPostgres(PGconn *conn)
{
    Timing t;
    QElapsedTimer timer;
    timer.start();
    const double base = rssMb();
    t.peakRssMb = base;
    PQsendQuery(conn, "SELECT * FROM books");
    PQsetSingleRowMode(conn);
    qint64 bytes = 0;
    while (PGresult *r = PQgetResult(conn)) {
        if (PQresultStatus(r) == PGRES_SINGLE_TUPLE) {
            if (t.rows == 0)
                t.firstRowMs = double(timer.nsecsElapsed()) / 1e6;
            for (int c = 0; c < PQnfields(r); ++c)
                bytes += PQgetisnull(r, 0, c) ? 0 : PQgetlength(r, 0, c) + (PQgetvalue(r, 0, c)[0] != 0);
            if ((++t.rows & 65535) == 0)
                t.peakRssMb = std::max(t.peakRssMb, rssMb());
        }
        PQclear(r);
    }
    t.totalMs = double(timer.nsecsElapsed()) / 1e6;
    t.peakRssMb = std::max(t.peakRssMb, rssMb()) - base;
    if (bytes == 0)
        err() << "(no data read)\n";
    return t;
}

/// The sqlite3 loop: step and read every column by its type.
Timing rawSqlite(sqlite3 *db)
{
    Timing t;
    QElapsedTimer timer;
    timer.start();
    const double base = rssMb();
    t.peakRssMb = base;
    sqlite3_stmt *stmt = nullptr;
    sqlite3_prepare_v2(db, "SELECT * FROM books", -1, &stmt, nullptr);
    qint64 sum = 0;
    while (sqlite3_step(stmt) == SQLITE_ROW) {
        if (t.rows == 0)
            t.firstRowMs = double(timer.nsecsElapsed()) / 1e6;
        const int n = sqlite3_column_count(stmt);
        for (int c = 0; c < n; ++c) {
            switch (sqlite3_column_type(stmt, c)) {
            case SQLITE_INTEGER: sum += sqlite3_column_int64(stmt, c); break;
            case SQLITE_FLOAT: sum += qint64(sqlite3_column_double(stmt, c)); break;
            case SQLITE_NULL: break;
            default: sum += sqlite3_column_bytes(stmt, c) + (sqlite3_column_text(stmt, c)[0] != 0); break;
            }
        }
        if ((++t.rows & 65535) == 0)
            t.peakRssMb = std::max(t.peakRssMb, rssMb());
    }
    sqlite3_finalize(stmt);
    t.totalMs = double(timer.nsecsElapsed()) / 1e6;
    t.peakRssMb = std::max(t.peakRssMb, rssMb()) - base;
    if (sum == 0)
        err() << "(no data read)\n";
    return t;
}

/// Through the executor; rows arrive here as batches. With a model, the console's default
/// (rows kept up to the limit); without, every row streamed and dropped.
Timing strataRun(exec::QueryExecutor &executor, qint64 rowLimit, exec::ResultSetModel *model)
{
    Timing t;
    exec::ExecOptions options;
    options.rowLimit = rowLimit;
    executor.setOptions(options);
    QElapsedTimer timer;
    const double base = rssMb();
    t.peakRssMb = base;
    QEventLoop loop;
    auto rows = QObject::connect(&executor, &exec::QueryExecutor::rowsReady, &loop, [&](const exec::RowBatchPtr &batch) {
        if (t.rows == 0)
            t.firstRowMs = double(timer.nsecsElapsed()) / 1e6;
        t.rows += batch->rowCount();
        if (model)
            model->appendBatch(batch);
    });
    auto columns = QObject::connect(&executor, &exec::QueryExecutor::columnsReady, &loop, [&](int, const QList<exec::ResultColumn> &c) {
        if (model)
            model->setColumns(c);
    });
    QObject::connect(&executor, &exec::QueryExecutor::runFinished, &loop, &QEventLoop::quit);
    QTimer sampler;
    QObject::connect(&sampler, &QTimer::timeout, &loop, [&] { t.peakRssMb = std::max(t.peakRssMb, rssMb()); });
    sampler.start(10);
    exec::ScriptRequest request;
    request.text = QStringLiteral("SELECT * FROM books");
    timer.start();
    executor.run(request);
    loop.exec();
    t.totalMs = double(timer.nsecsElapsed()) / 1e6;
    t.peakRssMb = std::max(t.peakRssMb, rssMb()) - base;
    QObject::disconnect(rows);
    QObject::disconnect(columns);
    return t;
}

} // namespace

int runConsoleBench(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Streams SELECT * FROM books through the console's executor and through "
                                                    "the raw C API; creates books with N rows when it has another count."));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("url"), QStringLiteral("Database URL (SQLite path or postgresql://)."), QStringLiteral("url")});
    parser.addOption({QStringLiteral("rows"), QStringLiteral("Rows in books (default 1000000)."), QStringLiteral("n"), QStringLiteral("1000000")});
    parser.addOption({QStringLiteral("json"), QStringLiteral("Print one JSON object.")});
    parser.process(arguments);
    const qint64 rows = parser.value(QStringLiteral("rows")).toLongLong();
    auto spec = connection::parseConnectionString(parser.value(QStringLiteral("url")));
    if (!spec || rows <= 0) {
        err() << "strata-bench console: give --url and --rows\n";
        return 2;
    }
    const bool postgres = spec->profile.isPostgres();
    spec->profile.createIfMissing = !postgres;

    // the raw side, on its own connection
    Timing raw;
    PGconn *pg = nullptr;
    sqlite3 *lite = nullptr;
    if (postgres) {
        QString conninfo = QStringLiteral("host='%1' port=%2 dbname='%3' user='%4'")
                               .arg(spec->profile.host).arg(spec->profile.port ? spec->profile.port : 5432)
                               .arg(spec->profile.database, spec->profile.user);
        if (spec->password)
            conninfo += QStringLiteral(" password='%1'").arg(*spec->password);
        pg = PQconnectdb(conninfo.toUtf8().constData());
        if (PQstatus(pg) != CONNECTION_OK || !preparePostgres(pg, rows)) {
            err() << "strata-bench console: " << PQerrorMessage(pg) << '\n';
            PQfinish(pg);
            return 1;
        }
    } else if (sqlite3_open(spec->profile.filePath.toUtf8().constData(), &lite) != SQLITE_OK || !prepareSqlite(lite, rows)) {
        err() << "strata-bench console: cannot prepare " << spec->profile.filePath << '\n';
        return 1;
    }
    raw = postgres ? rawPostgres(pg) : rawSqlite(lite);

    connection::Connection conn(spec->profile, QStringLiteral("bench"));
    std::optional<bool> opened;
    conn.open(spec->password, [&](const Result<connection::ServerInfo> &r) {
        opened = r.ok();
        if (!r)
            err() << "strata-bench console: " << r.error().message << '\n';
    });
    while (!opened)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    if (!*opened)
        return 1;
    exec::QueryExecutor executor(&conn);
    const Timing streamed = strataRun(executor, -1, nullptr);
    exec::ResultSetModel model;
    const Timing console = strataRun(executor, 100000, &model);
    // the raw loop again, after Strata: the ratio must not favour whoever ran second
    const Timing raw2 = postgres ? rawPostgres(pg) : rawSqlite(lite);
    if (raw2.totalMs < raw.totalMs)
        raw = raw2;
    if (pg)
        PQfinish(pg);
    if (lite)
        sqlite3_close(lite);

    BenchReport report(QStringLiteral("console"), postgres ? QStringLiteral("postgresql") : QStringLiteral("sqlite"));
    report.setParameter(QStringLiteral("rows"), double(rows));
    report.setParameter(QStringLiteral("query"), QStringLiteral("SELECT * FROM books (6 columns)"));
    report.add({QStringLiteral("first row"), streamed.firstRowMs, raw.firstRowMs, QStringLiteral("ms"), {}});
    report.add({QStringLiteral("fetch all rows"), streamed.totalMs, raw.totalMs, QStringLiteral("ms"),
                QStringLiteral("%1 rows").arg(streamed.rows)});
    report.add({QStringLiteral("rate (all rows)"), streamed.rows / (streamed.totalMs / 1000.0), raw.rows / (raw.totalMs / 1000.0),
                QStringLiteral("rows/s"), {}});
    report.add({QStringLiteral("peak memory, streaming"), streamed.peakRssMb, raw.peakRssMb, QStringLiteral("MB"),
                QStringLiteral("RSS growth during the run")});
    report.add({QStringLiteral("console: first row"), console.firstRowMs, raw.firstRowMs, QStringLiteral("ms"), {}});
    report.add({QStringLiteral("console: first 100,000 rows kept"), console.totalMs, -1, QStringLiteral("ms"),
                QStringLiteral("%1 rows in the model").arg(model.rowCount())});
    report.add({QStringLiteral("console: peak memory"), console.peakRssMb, -1, QStringLiteral("MB"),
                QStringLiteral("bounded by the row limit")});
    QTextStream out(stdout);
    if (parser.isSet(QStringLiteral("json")))
        out << QJsonDocument(report.toJson()).toJson(QJsonDocument::Compact) << '\n';
    else
        out << report.toText();
    return 0;
}

} // namespace strata::bench
