#include "catalogbench.h"

#include "benchreport.h"
#include "catalog/catalogreader.h"
#include "connection/connectionstring.h"
#include "connection/databaseopener.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QTextStream>

#include <libpq-fe.h>
#include <sqlite3.h>

namespace strata::bench {

namespace {

const char *const kSchema = "strata_bench_catalog";

QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

/// Makes sure the bench schema holds exactly `tables` tables; builds it server-side.
bool preparePostgres(PGconn *conn, int tables)
{
    const QByteArray countSql = QByteArrayLiteral(
        "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = 'strata_bench_catalog' AND c.relkind = 'r'");
    PGresult *r = PQexec(conn, countSql.constData());
    const int existing = PQresultStatus(r) == PGRES_TUPLES_OK ? atoi(PQgetvalue(r, 0, 0)) : -1;
    PQclear(r);
    if (existing == tables)
        return true;
    err() << "preparing " << tables << " tables in schema " << kSchema << "…\n";
    err().flush();
    // In batches: one transaction holding locks on 10,000 new tables exhausts the lock table.
    PGresult *reset = PQexec(conn, "DROP SCHEMA IF EXISTS strata_bench_catalog CASCADE; CREATE SCHEMA strata_bench_catalog");
    bool ok = PQresultStatus(reset) == PGRES_COMMAND_OK;
    PQclear(reset);
    for (int first = 1; ok && first <= tables; first += 500) {
        const QByteArray batch = QStringLiteral(
            "DO $$ BEGIN FOR i IN %1..%2 LOOP EXECUTE format("
            "'CREATE TABLE strata_bench_catalog.t%3 (id integer PRIMARY KEY, name text NOT NULL, "
            "created timestamptz DEFAULT now(), parent integer)', i); END LOOP; END $$")
            .arg(first).arg(qMin(tables, first + 499)).arg(QStringLiteral("%s")).toUtf8();
        r = PQexec(conn, batch.constData());
        ok = PQresultStatus(r) == PGRES_COMMAND_OK;
        PQclear(r);
    }
    if (!ok)
        err() << "could not prepare: " << PQerrorMessage(conn) << '\n';
    return ok;
}

bool prepareSqlite(sqlite3 *db, int tables)
{
    sqlite3_stmt *stmt = nullptr;
    sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_schema WHERE type = 'table'", -1, &stmt, nullptr);
    const int existing = sqlite3_step(stmt) == SQLITE_ROW ? sqlite3_column_int(stmt, 0) : -1;
    sqlite3_finalize(stmt);
    if (existing == tables)
        return true;
    err() << "preparing " << tables << " tables…\n";
    QByteArray script = "BEGIN;";
    for (int i = 1; i <= tables; ++i)
        script += QStringLiteral("CREATE TABLE IF NOT EXISTS t%1 (id integer PRIMARY KEY, name text NOT NULL, "
                                 "created text DEFAULT CURRENT_TIMESTAMP, parent integer);").arg(i).toUtf8();
    script += "COMMIT;";
    return sqlite3_exec(db, script.constData(), nullptr, nullptr, nullptr) == SQLITE_OK;
}

double rawPostgresListing(PGconn *conn, int runs, int *count)
{
    const char *sql = "SELECT c.relname, c.relkind, c.reltuples FROM pg_class c "
                      "JOIN pg_namespace n ON n.oid = c.relnamespace "
                      "WHERE n.nspname = $1 AND c.relkind IN ('r','p','v','m','f') ORDER BY 1";
    const char *params[] = {kSchema};
    return medianMs(runs, [&] {
        PGresult *r = PQexecParams(conn, sql, 1, nullptr, params, nullptr, nullptr, 0);
        *count = PQntuples(r);
        for (int i = 0; i < *count; ++i)
            for (int c = 0; c < 3; ++c)
                (void)PQgetvalue(r, i, c);
        PQclear(r);
    });
}

double rawSqliteListing(sqlite3 *db, int runs, int *count)
{
    return medianMs(runs, [&] {
        sqlite3_stmt *stmt = nullptr;
        sqlite3_prepare_v2(db, "SELECT name, type FROM sqlite_schema WHERE type IN ('table','view') "
                               "AND name NOT LIKE 'sqlite_%' ORDER BY 1", -1, &stmt, nullptr);
        *count = 0;
        while (sqlite3_step(stmt) == SQLITE_ROW) {
            (void)sqlite3_column_text(stmt, 0);
            ++*count;
        }
        sqlite3_finalize(stmt);
    });
}

} // namespace

int runCatalogBench(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Lists and describes a schema of N tables through Strata's catalog "
                                                    "reader and through the raw C API."));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("url"), QStringLiteral("Database URL (SQLite path or postgresql://)."), QStringLiteral("url")});
    parser.addOption({QStringLiteral("tables"), QStringLiteral("Number of tables (default 10000)."), QStringLiteral("n"), QStringLiteral("10000")});
    parser.addOption({QStringLiteral("runs"), QStringLiteral("Timed runs per figure (default 5)."), QStringLiteral("n"), QStringLiteral("5")});
    parser.addOption({QStringLiteral("json"), QStringLiteral("Print one JSON object.")});
    parser.process(arguments);
    const int tables = parser.value(QStringLiteral("tables")).toInt();
    const int runs = qMax(1, parser.value(QStringLiteral("runs")).toInt());
    auto spec = connection::parseConnectionString(parser.value(QStringLiteral("url")));
    if (!spec || tables <= 0) {
        err() << "strata-bench catalog: " << (spec ? QStringLiteral("--tables must be positive") : spec.error().message) << '\n';
        return 2;
    }
    connection::ConnectionProfile profile = spec->profile;
    profile.createIfMissing = true;
    const bool postgres = profile.isPostgres();
    const QString schema = postgres ? QString::fromLatin1(kSchema) : QStringLiteral("main");

    // The raw side prepares the data and measures the plain listing.
    int rawCount = 0;
    double rawMs = 0;
    if (postgres) {
        PGconn *conn = PQconnectdb(connection::toKeywordString(profile, spec->password, connection::PasswordMode::Include).toUtf8().constData());
        if (PQstatus(conn) != CONNECTION_OK) {
            err() << "strata-bench catalog: " << PQerrorMessage(conn) << '\n';
            PQfinish(conn);
            return 1;
        }
        if (!preparePostgres(conn, tables))
            return 1;
        rawMs = rawPostgresListing(conn, runs, &rawCount);
        PQfinish(conn);
    } else {
        sqlite3 *db = nullptr;
        if (sqlite3_open(profile.filePath.toUtf8().constData(), &db) != SQLITE_OK || !prepareSqlite(db, tables)) {
            err() << "strata-bench catalog: cannot prepare " << profile.filePath << '\n';
            return 1;
        }
        rawMs = rawSqliteListing(db, runs, &rawCount);
        sqlite3_close(db);
    }

    const QString name = connection::uniqueConnectionName(QStringLiteral("bench"));
    auto opened = connection::openDatabase(profile, spec->password, name);
    if (!opened) {
        err() << "strata-bench catalog: " << opened.error().message << '\n';
        return 1;
    }
    int strataCount = 0;
    double describeMs = 0;
    double listMs = 0;
    {
        QSqlDatabase db = QSqlDatabase::database(name);
        const auto reader = catalog::CatalogReader::create(profile.driver);
        listMs = medianMs(runs, [&] {
            auto objects = reader->objects(db, schema);
            strataCount = objects ? int(objects->relations.size()) : -1;
        });
        describeMs = medianMs(qMin(runs, 3), [&] {
            auto details = reader->describe(db, schema);
            if (!details)
                err() << "describe failed: " << details.error().message << '\n';
        });
    }
    connection::closeDatabase(name);

    BenchReport report(QStringLiteral("catalog"), postgres ? QStringLiteral("postgresql") : QStringLiteral("sqlite"));
    report.setParameter(QStringLiteral("tables"), tables);
    report.setParameter(QStringLiteral("runs"), runs);
    report.add({QStringLiteral("list schema (tree)"), listMs, rawMs, QStringLiteral("ms"),
                QStringLiteral("%1 vs %2 relations").arg(strataCount).arg(rawCount)});
    report.add({QStringLiteral("describe every table"), describeMs, -1, QStringLiteral("ms"),
                QStringLiteral("columns, keys, indexes, FKs, constraints, triggers, DDL")});
    QTextStream out(stdout);
    if (parser.isSet(QStringLiteral("json")))
        out << QJsonDocument(report.toJson()).toJson(QJsonDocument::Compact) << '\n';
    else
        out << report.toText();
    return strataCount == rawCount ? 0 : 1;
}

} // namespace strata::bench
