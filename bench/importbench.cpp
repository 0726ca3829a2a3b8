#include "importbench.h"

#include "benchreport.h"
#include "connection/connectionstring.h"
#include "connection/databaseopener.h"
#include "data/io/csvimporter.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTextStream>

#include <cstdio>
#include <cstring>
#include <libpq-fe.h>
#include <sqlite3.h>

namespace strata::bench {

namespace {

QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

const char *const kColumns = "(id integer PRIMARY KEY, title text, author text, pages int, published date, price numeric)";

/// id,title,author,pages,published,price — no quoted fields, so the raw SQLite loop can split on commas.
bool writeCsv(const QString &path, qint64 rows)
{
    FILE *f = std::fopen(path.toLocal8Bit().constData(), "w");
    if (!f)
        return false;
    std::fputs("id,title,author,pages,published,price\n", f);
    for (qint64 i = 1; i <= rows; ++i) {
        const int day = static_cast<int>(i % 8000);
        std::fprintf(f, "%lld,Title %lld,Author %lld,%lld,%04d-%02d-%02d,%lld.%02lld\n", static_cast<long long>(i),
                     static_cast<long long>(i), static_cast<long long>(i % 5000), static_cast<long long>(i % 900 + 50),
                     2000 + day / 365, day % 12 + 1, day % 28 + 1, static_cast<long long>(i % 10000),
                     static_cast<long long>(i % 100));
    }
    return std::fclose(f) == 0;
}

bool execPg(PGconn *conn, const QByteArray &sql)
{
    PGresult *r = PQexec(conn, sql.constData());
    const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
    if (!ok)
        err() << "strata-bench import: " << PQerrorMessage(conn) << '\n';
    PQclear(r);
    return ok;
}

/// psql's \copy: the file's bytes straight into COPY (FORMAT csv, HEADER).
double rawPostgres(PGconn *conn, const QString &path)
{
    QElapsedTimer timer;
    timer.start();
    execPg(conn, "BEGIN");
    PGresult *r = PQexec(conn, "COPY strata_bench_import_raw FROM STDIN (FORMAT csv, HEADER true)");
    const bool copying = PQresultStatus(r) == PGRES_COPY_IN;
    PQclear(r);
    if (!copying)
        return -1;
    FILE *f = std::fopen(path.toLocal8Bit().constData(), "rb");
    static char buffer[256 * 1024];
    size_t n = 0;
    while ((n = std::fread(buffer, 1, sizeof buffer, f)) > 0)
        PQputCopyData(conn, buffer, static_cast<int>(n));
    std::fclose(f);
    PQputCopyEnd(conn, nullptr);
    bool ok = true;
    while (PGresult *res = PQgetResult(conn)) {
        ok = ok && PQresultStatus(res) == PGRES_COMMAND_OK;
        PQclear(res);
    }
    ok = ok && execPg(conn, "COMMIT");
    return ok ? double(timer.elapsed()) : -1;
}

/// A prepared INSERT stepped per line, fields split on commas, in one transaction.
double rawSqlite(sqlite3 *db, const QString &path)
{
    QElapsedTimer timer;
    timer.start();
    sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
    sqlite3_stmt *stmt = nullptr;
    sqlite3_prepare_v2(db, "INSERT INTO strata_bench_import_raw VALUES (?, ?, ?, ?, ?, ?)", -1, &stmt, nullptr);
    FILE *f = std::fopen(path.toLocal8Bit().constData(), "rb");
    char line[4096];
    bool header = true;
    bool ok = true;
    while (ok && std::fgets(line, sizeof line, f)) {
        if (header) {
            header = false;
            continue;
        }
        char *field = line;
        for (int i = 1; i <= 6; ++i) {
            char *end = field + std::strcspn(field, ",\n");
            sqlite3_bind_text(stmt, i, field, static_cast<int>(end - field), SQLITE_STATIC);
            field = end + 1;
        }
        ok = sqlite3_step(stmt) == SQLITE_DONE;
        sqlite3_reset(stmt);
    }
    std::fclose(f);
    sqlite3_finalize(stmt);
    ok = ok && sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr) == SQLITE_OK;
    return ok ? double(timer.elapsed()) : -1;
}

double rawImport(const connection::ConnectionSpec &spec, const QString &path)
{
    const QByteArray drop = "DROP TABLE IF EXISTS strata_bench_import_raw";
    const QByteArray create = QByteArray("CREATE TABLE strata_bench_import_raw ") + kColumns;
    if (spec.profile.isPostgres()) {
        PGconn *conn = PQconnectdb(connection::toKeywordString(spec.profile, spec.password, connection::PasswordMode::Include)
                                       .toUtf8().constData());
        double ms = -1;
        if (PQstatus(conn) == CONNECTION_OK && execPg(conn, drop) && execPg(conn, create))
            ms = rawPostgres(conn, path);
        else
            err() << "strata-bench import: " << PQerrorMessage(conn) << '\n';
        execPg(conn, drop);
        PQfinish(conn);
        return ms;
    }
    sqlite3 *db = nullptr;
    double ms = -1;
    if (sqlite3_open(spec.profile.filePath.toUtf8().constData(), &db) == SQLITE_OK
        && sqlite3_exec(db, drop.constData(), nullptr, nullptr, nullptr) == SQLITE_OK
        && sqlite3_exec(db, create.constData(), nullptr, nullptr, nullptr) == SQLITE_OK)
        ms = rawSqlite(db, path);
    sqlite3_exec(db, drop.constData(), nullptr, nullptr, nullptr);
    sqlite3_close(db);
    return ms;
}

/// Strata's import through the QtSql connection (as the dialog's worker runs it).
double strataImport(const connection::ConnectionSpec &spec, const QString &path, qint64 rows, qint64 *imported)
{
    const QString name = connection::uniqueConnectionName(QStringLiteral("bench"));
    auto opened = connection::openDatabase(spec.profile, spec.password, name);
    if (!opened) {
        err() << "strata-bench import: " << opened.error().message << '\n';
        return -1;
    }
    double ms = -1;
    {
        QSqlDatabase db = QSqlDatabase::database(name);
        QSqlQuery query(db);
        query.exec(QStringLiteral("DROP TABLE IF EXISTS strata_bench_import"));
        query.exec(QStringLiteral("CREATE TABLE strata_bench_import ") + QString::fromLatin1(kColumns));
        using namespace data::io;
        ImportOptions options;
        options.table = QStringLiteral("strata_bench_import");
        const QList<ColumnType> types = {ColumnType::Integer, ColumnType::Text, ColumnType::Text,
                                         ColumnType::Integer, ColumnType::Date, ColumnType::Numeric};
        const QStringList names = {QStringLiteral("id"), QStringLiteral("title"), QStringLiteral("author"),
                                   QStringLiteral("pages"), QStringLiteral("published"), QStringLiteral("price")};
        for (int i = 0; i < names.size(); ++i)
            options.columns << ImportColumn{i, names.at(i), types.at(i)};
        QFile file(path);
        file.open(QIODevice::ReadOnly);
        QElapsedTimer timer;
        timer.start();
        const Result<qint64> result = importCsv(db, file, options);
        ms = double(timer.elapsed());
        if (!result) {
            err() << "strata-bench import: " << result.error().toString() << '\n';
            ms = -1;
        } else {
            *imported = result.value();
        }
        if (*imported != rows)
            ms = -1;
        query.exec(QStringLiteral("DROP TABLE IF EXISTS strata_bench_import"));
    }
    connection::closeDatabase(name);
    return ms;
}

} // namespace

int runImportBench(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Imports a CSV file of N rows through Strata and through the raw C API."));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("url"), QStringLiteral("Database URL (SQLite path or postgresql://)."), QStringLiteral("url")});
    parser.addOption({QStringLiteral("rows"), QStringLiteral("Rows in the CSV file (default 1000000)."), QStringLiteral("n"),
                      QStringLiteral("1000000")});
    parser.addOption({QStringLiteral("json"), QStringLiteral("Print one JSON object.")});
    parser.process(arguments);
    const qint64 rows = parser.value(QStringLiteral("rows")).toLongLong();
    auto spec = connection::parseConnectionString(parser.value(QStringLiteral("url")));
    if (!spec || rows <= 0) {
        err() << "strata-bench import: " << (spec ? QStringLiteral("--rows must be positive") : spec.error().message) << '\n';
        return 2;
    }
    spec->profile.createIfMissing = true;
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("books.csv"));
    if (!writeCsv(path, rows)) {
        err() << "strata-bench import: cannot write " << path << '\n';
        return 1;
    }
    const double rawMs = rawImport(spec.value(), path);
    qint64 imported = 0;
    const double strataMs = strataImport(spec.value(), path, rows, &imported);
    if (rawMs < 0 || strataMs < 0)
        return 1;

    BenchReport report(QStringLiteral("import"), spec->profile.isPostgres() ? QStringLiteral("postgresql") : QStringLiteral("sqlite"));
    report.setParameter(QStringLiteral("rows"), rows);
    report.setParameter(QStringLiteral("file MB"), double(QFile(path).size()) / 1e6);
    const QString rawNote = spec->profile.isPostgres() ? QStringLiteral("raw: libpq COPY (FORMAT csv) of the file's bytes")
                                                       : QStringLiteral("raw: sqlite3 prepared INSERT, comma split");
    report.add({QStringLiteral("import %1 rows").arg(rows), strataMs, rawMs, QStringLiteral("ms"), rawNote});
    report.add({QStringLiteral("rate"), rows / (strataMs / 1000.0), rows / (rawMs / 1000.0), QStringLiteral("rows/s"),
                QStringLiteral("one transaction each")});
    QTextStream out(stdout);
    if (parser.isSet(QStringLiteral("json")))
        out << QJsonDocument(report.toJson()).toJson(QJsonDocument::Compact) << '\n';
    else
        out << report.toText();
    return 0;
}

} // namespace strata::bench
