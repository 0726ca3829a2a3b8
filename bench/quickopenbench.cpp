// strata-bench quickopen: see quickopenbench.h. Names are generated from word lists so they
// look like a real schema's (customer_order_lines_417, invoice_id...), then typed queries are
// replayed one keystroke at a time; each keystroke is timed from the new query text to the
// ranked top 50 (the popup adds one hop to a pool thread and back).

#include "quickopenbench.h"

#include "benchreport.h"
#include "connection/connectionstring.h"
#include "connection/databaseopener.h"
#include "search/nameindexreader.h"
#include "search/namesearch.h"

#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTextStream>
#include <algorithm>
#include <sqlite3.h>
#include <string>
#include <vector>

namespace strata::bench {

namespace {

QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

const char *const kWords[] = {"customer", "order",   "invoice", "line",     "product",  "price",    "stock",    "warehouse",
                              "shipment", "payment", "account", "ledger",   "audit",    "event",    "user",     "session",
                              "address",  "country", "region",  "tax",      "discount", "supplier", "contract", "item",
                              "category", "review",  "rating",  "campaign", "click",    "report"};
constexpr int kWordCount = int(sizeof(kWords) / sizeof(kWords[0]));

QString word(quint32 n)
{
    return QString::fromLatin1(kWords[n % kWordCount]);
}

/// Table i of connection c: two or three words and a number, like a big real schema's.
QString tableName(int c, int i)
{
    const quint32 h = quint32(i) * 2654435761u ^ quint32(c) * 40503u;
    QString name = word(h) + QLatin1Char('_') + word(h >> 8);
    if (h % 3 == 0)
        name += QLatin1Char('_') + word(h >> 16);
    return name + QLatin1Char('_') + QString::number(i);
}

QString columnName(int i, int k)
{
    switch (k) {
    case 0:
        return QStringLiteral("id");
    case 1:
        return QStringLiteral("created_at");
    case 2:
        return word(quint32(i) * 7u) + QStringLiteral("_id");
    default:
        return word(quint32(i) * 13u + quint32(k)) + QStringLiteral("_name");
    }
}

struct Synthetic {
    QList<search::NameIndexPtr> indexes;
    std::vector<std::string> raw;   // the same names, lower-cased, for the baseline
    double buildMs = 0;             // building one connection's index
};

Synthetic makeSynthetic(int connections, int tables, int columns)
{
    Synthetic out;
    for (int c = 0; c < connections; ++c) {
        QElapsedTimer t;
        t.start();
        search::NameIndexBuilder builder(c + 1, QStringLiteral("connection %1").arg(c + 1));
        const int schema = builder.schema(QStringLiteral("public"));
        builder.add(search::NameKind::Schema, schema, QStringLiteral("public"));
        for (int i = 0; i < tables; ++i) {
            const QString table = tableName(c, i);
            const qint32 parent = builder.add(search::NameKind::Table, schema, table);
            out.raw.push_back(table.toLower().toStdString());
            for (int k = 0; k < columns; ++k) {
                const QString column = columnName(i, k);
                builder.add(search::NameKind::Column, schema, column, parent);
                out.raw.push_back(column.toLower().toStdString());
            }
        }
        out.indexes << builder.finish();
        if (c == 0)
            out.buildMs = double(t.nsecsElapsed()) / 1e6;
    }
    return out;
}

/// The baseline: is `query` a subsequence of each name, over every name, no ranking.
std::size_t rawScan(const std::vector<std::string> &names, const std::string &query)
{
    std::size_t matches = 0;
    for (const std::string &name : names) {
        std::size_t qi = 0;
        for (std::size_t j = 0; j < name.size() && qi < query.size(); ++j)
            qi += name[j] == query[qi] ? 1 : 0;
        matches += qi == query.size() ? 1 : 0;
    }
    return matches;
}

const QStringList kTyped{QStringLiteral("cust_ord"),       QStringLiteral("invln"),   QStringLiteral("warehouse_stock"),
                         QStringLiteral("pay_acc_12"),     QStringLiteral("created"), QStringLiteral("zqx"),
                         QStringLiteral("region_tax_9999")};

struct Times {
    QList<double> all;
    QList<double> first;   // the first keystroke of each query: the whole index is scanned
};

double percentile(QList<double> values, double p)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    return values[std::min<qsizetype>(values.size() - 1, qsizetype(p * double(values.size())))];
}

Times typeQueries(search::NameSearch &search, int rounds)
{
    Times times;
    for (int r = 0; r < rounds; ++r) {
        for (const QString &query : kTyped) {
            for (qsizetype n = 1; n <= query.size(); ++n) {
                QElapsedTimer t;
                t.start();
                const QList<search::NameHit> hits = search.find(query.left(n), 50);
                const double ms = double(t.nsecsElapsed()) / 1e6;
                times.all << ms;
                if (n == 1)
                    times.first << ms;
                (void)hits;
            }
            (void)search.find(QString(), 50);   // the popup cleared: the next query starts afresh
        }
    }
    return times;
}

Times typeRaw(const std::vector<std::string> &names, int rounds)
{
    Times times;
    std::size_t sink = 0;
    for (int r = 0; r < rounds; ++r) {
        for (const QString &query : kTyped) {
            const std::string q = query.toStdString();
            for (std::size_t n = 1; n <= q.size(); ++n) {
                QElapsedTimer t;
                t.start();
                sink += rawScan(names, q.substr(0, n));
                const double ms = double(t.nsecsElapsed()) / 1e6;
                times.all << ms;
                if (n == 1)
                    times.first << ms;
            }
        }
    }
    if (sink == std::size_t(-1))
        err() << "";   // keeps the scan from being optimised away
    return times;
}

void addKeystrokeFigures(BenchReport &report, const QString &label, const Times &strata, const Times &raw)
{
    report.add({label + QStringLiteral(" keystroke p50"),
                percentile(strata.all, 0.5),
                percentile(raw.all, 0.5),
                QStringLiteral("ms"),
                {}});
    report.add({label + QStringLiteral(" keystroke p95"),
                percentile(strata.all, 0.95),
                percentile(raw.all, 0.95),
                QStringLiteral("ms"),
                {}});
    report.add({label + QStringLiteral(" first key p50"), percentile(strata.first, 0.5), percentile(raw.first, 0.5),
                QStringLiteral("ms"), QStringLiteral("1 letter: every name scanned")});
    report.add({label + QStringLiteral(" max"), percentile(strata.all, 1.0), percentile(raw.all, 1.0), QStringLiteral("ms"), {}});
}

bool prepareSqlite(const QString &path, int tables, int columns)
{
    sqlite3 *db = nullptr;
    if (sqlite3_open(path.toUtf8().constData(), &db) != SQLITE_OK)
        return false;
    QByteArray script = "BEGIN;";
    for (int i = 0; i < tables; ++i) {
        QStringList cols;
        for (int k = 0; k < columns; ++k)
            cols << columnName(i, k) + (k == 0 ? QStringLiteral(" integer PRIMARY KEY") : QStringLiteral(" text"));
        script += QStringLiteral("CREATE TABLE \"%1\" (%2);").arg(tableName(0, i), cols.join(QStringLiteral(", "))).toUtf8();
    }
    script += "COMMIT;";
    const bool ok = sqlite3_exec(db, script.constData(), nullptr, nullptr, nullptr) == SQLITE_OK;
    sqlite3_close(db);
    return ok;
}

/// The names query of quick open through the sqlite3 C API: rows stepped, text copied.
double rawSqliteNames(const QString &path, int runs, int *rows)
{
    QFile file(QStringLiteral(":/strata/search/sqlite/names.sql"));
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray sql = file.readAll();
    sqlite3 *db = nullptr;
    sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr);
    const double ms = medianMs(runs, [&] {
        sqlite3_stmt *stmt = nullptr;
        sqlite3_prepare_v2(db, sql.constData(), int(sql.size()), &stmt, nullptr);
        std::vector<std::string> names;
        while (sqlite3_step(stmt) == SQLITE_ROW)
            names.emplace_back(reinterpret_cast<const char *>(sqlite3_column_text(stmt, 2)));
        sqlite3_finalize(stmt);
        *rows = int(names.size());
    });
    sqlite3_close(db);
    return ms;
}

}   // namespace

int runQuickOpenBench(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Quick open: keystroke to ranked results over C connections of N tables."));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("connections"), QStringLiteral("Synthetic connections (default 10)."), QStringLiteral("c"),
                      QStringLiteral("10")});
    parser.addOption({QStringLiteral("tables"), QStringLiteral("Tables per connection (default 10000)."), QStringLiteral("n"),
                      QStringLiteral("10000")});
    parser.addOption(
        {QStringLiteral("columns"), QStringLiteral("Columns per table (default 4)."), QStringLiteral("k"), QStringLiteral("4")});
    parser.addOption({QStringLiteral("sqlite-tables"), QStringLiteral("Tables of the real SQLite file (default 10000; 0: none)."),
                      QStringLiteral("m"), QStringLiteral("10000")});
    parser.addOption({QStringLiteral("rounds"), QStringLiteral("Times each typed query is replayed (default 3)."),
                      QStringLiteral("r"), QStringLiteral("3")});
    parser.addOption({QStringLiteral("json"), QStringLiteral("Print one JSON object.")});
    parser.process(arguments);
    const int connections = std::max(1, parser.value(QStringLiteral("connections")).toInt());
    const int tables = std::max(1, parser.value(QStringLiteral("tables")).toInt());
    const int columns = std::max(0, parser.value(QStringLiteral("columns")).toInt());
    const int sqliteTables = std::max(0, parser.value(QStringLiteral("sqlite-tables")).toInt());
    const int rounds = std::max(1, parser.value(QStringLiteral("rounds")).toInt());

    BenchReport report(QStringLiteral("quickopen"),
                       sqliteTables > 0 ? QStringLiteral("synthetic + sqlite") : QStringLiteral("synthetic"));
    report.setRawLabel(QStringLiteral("std::string scan"));
    report.setParameter(QStringLiteral("connections"), connections);
    report.setParameter(QStringLiteral("tables"), tables);
    report.setParameter(QStringLiteral("columns"), columns);
    report.setParameter(QStringLiteral("queries"), kTyped.join(QLatin1Char(' ')));

    const Synthetic synthetic = makeSynthetic(connections, tables, columns);
    qsizetype names = 0;
    for (const auto &index : synthetic.indexes)
        names += index->size();
    report.setParameter(QStringLiteral("names"), double(names));
    report.add({QStringLiteral("build one connection's index"), synthetic.buildMs, -1, QStringLiteral("ms"),
                QStringLiteral("%1 names").arg(synthetic.indexes.first()->size())});
    search::NameSearch search;
    search.setIndexes(synthetic.indexes, 1);
    addKeystrokeFigures(report, QStringLiteral("synthetic"), typeQueries(search, rounds), typeRaw(synthetic.raw, rounds));

    if (sqliteTables > 0) {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("quickopen.db"));
        err() << "preparing a SQLite file of " << sqliteTables << " tables…\n";
        err().flush();
        if (!prepareSqlite(path, sqliteTables, std::max(columns, 1))) {
            err() << "strata-bench quickopen: could not prepare the SQLite file\n";
            return 1;
        }
        connection::ConnectionProfile profile;
        profile.driver = dialect::DialectKind::Sqlite;
        profile.filePath = path;
        const QString name = connection::uniqueConnectionName(QStringLiteral("bench"));
        if (auto opened = connection::openDatabase(profile, std::nullopt, name); !opened) {
            err() << "strata-bench quickopen: " << opened.error().message << '\n';
            return 1;
        }
        QSqlDatabase db = QSqlDatabase::database(name);
        search::NameIndexPtr real;
        const double readMs = medianMs(3, [&] {
            Result<search::NameIndexPtr> read =
                search::readNameIndex(db, dialect::DialectKind::Sqlite, 1, QStringLiteral("real"));
            if (read)
                real = read.value();
        });
        int rawRows = 0;
        const double rawMs = rawSqliteNames(path, 3, &rawRows);
        if (!real) {
            err() << "strata-bench quickopen: could not read the names\n";
            return 1;
        }
        report.add({QStringLiteral("read names, %1-table SQLite").arg(sqliteTables), readMs, rawMs, QStringLiteral("ms"),
                    QStringLiteral("%1 names (raw: %2 rows)").arg(real->size()).arg(rawRows)});
        std::vector<std::string> rawNames;
        for (qsizetype i = 0; i < real->size(); ++i)
            rawNames.push_back(real->folded(i).toString().toStdString());
        search::NameSearch realSearch;
        realSearch.setIndexes({real}, 1);
        addKeystrokeFigures(report, QStringLiteral("sqlite file"), typeQueries(realSearch, rounds), typeRaw(rawNames, rounds));
    }

    QTextStream out(stdout);
    if (parser.isSet(QStringLiteral("json")))
        out << QJsonDocument(report.toJson()).toJson(QJsonDocument::Compact) << '\n';
    else
        out << report.toText();
    return 0;
}

}   // namespace strata::bench
