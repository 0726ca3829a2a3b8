#include "mappingbench.h"

#include "benchreport.h"
#include "connection/databaseopener.h"
#include "mapping/metadata.h"
#include "mapping/query.h"
#include "mappingbenchraw.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QTextStream>

namespace strata::bench {

namespace {

QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

double elapsedMs(const QElapsedTimer &timer) { return double(timer.nsecsElapsed()) / 1e6; }

/// What both sides must agree on after a read: the row count and a checksum of the values.
struct Digest {
    qint64 rows = 0;
    qint64 sum = 0;
    bool operator==(const Digest &) const = default;
};

Digest digest(const BenchRow &row, Digest d)
{
    d.rows += 1;
    d.sum += qint64(row.title.size()) + qint64(row.price * 100) + row.pages.value_or(-1) + row.created.toSecsSinceEpoch() % 1000;
    return d;
}

struct StrataSide {
    double insertMs = -1;
    double readMs = -1;
    Digest read;
    QString error;
};

Status strataInsert(QSqlDatabase &db, const std::vector<BenchRow> &rows, double *ms)
{
    mapping::MetaData meta;
    meta.add<BenchRow>();
    if (const Status s = meta.dropAll(db); !s)
        return s;
    if (const Status s = meta.createAll(db); !s)
        return s;
    if (db.driverName() == QStringLiteral("QPSQL")) {
        // As the raw side's table: no autovacuum of the fresh million rows while the next
        // figure is measured (it took the second core from whichever side ran then).
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral("ALTER TABLE strata_bench_mapping SET (autovacuum_enabled = false)")))
            return Error(ErrorKind::Internal, q.lastError().text());
    }
    std::vector<std::shared_ptr<BenchRow>> objects;   // built outside the timing, as the raw side's vector is
    objects.reserve(rows.size());
    for (const BenchRow &r : rows)
        objects.push_back(std::make_shared<BenchRow>(r));
    QElapsedTimer timer;
    timer.start();
    mapping::Session session(db);
    for (const auto &o : objects)
        session.add(o);
    if (const Status s = session.commit(); !s)
        return s;
    *ms = elapsedMs(timer);
    if (objects.back()->id != int(rows.size()) || objects.front()->id != 1)
        return Error(ErrorKind::Internal, QStringLiteral("the generated keys were not read back in order"));
    return {};
}

Status strataRead(QSqlDatabase &db, double *ms, Digest *out)
{
    QElapsedTimer timer;
    timer.start();
    mapping::Session session(db);
    const auto all = session.query<BenchRow>().all();
    if (!all)
        return all.error();
    *ms = elapsedMs(timer);
    for (const auto &row : *all)
        *out = digest(*row, *out);
    return session.rollback();
}

StrataSide runStrata(const connection::ConnectionSpec &spec, const std::vector<BenchRow> &rows)
{
    StrataSide side;
    const QString name = connection::uniqueConnectionName(QStringLiteral("bench"));
    const auto opened = connection::openDatabase(spec.profile, spec.password, name);
    if (!opened) {
        side.error = opened.error().message;
        return side;
    }
    {
        QSqlDatabase db = QSqlDatabase::database(name);
        Status s = strataInsert(db, rows, &side.insertMs);
        if (s)
            s = strataRead(db, &side.readMs, &side.read);
        if (!s)
            side.error = s.error().toString();
        mapping::MetaData meta;
        meta.add<BenchRow>();
        (void)meta.dropAll(db);
    }
    connection::closeDatabase(name);
    return side;
}

} // namespace

std::vector<BenchRow> benchRows(qint64 rows)
{
    std::vector<BenchRow> out;
    out.reserve(size_t(rows));
    const QDateTime base(QDate(2024, 1, 1), QTime(0, 0), Qt::UTC);
    for (qint64 i = 1; i <= rows; ++i) {
        BenchRow r;
        r.title = QStringLiteral("Title %1").arg(i);
        r.price = double(i % 10000) / 100.0;
        if (i % 10 != 0)
            r.pages = int(i % 900 + 50);
        r.created = base.addMSecs(i * 1001);
        out.push_back(std::move(r));
    }
    return out;
}

int runMappingBench(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Inserts N mapped objects through a Session and reads them back, beside the raw C API."));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("url"), QStringLiteral("Database URL (SQLite path or postgresql://)."), QStringLiteral("url")});
    parser.addOption({QStringLiteral("rows"), QStringLiteral("Objects (default 1000000)."), QStringLiteral("n"),
                      QStringLiteral("1000000")});
    parser.addOption({QStringLiteral("json"), QStringLiteral("Print one JSON object.")});
    parser.process(arguments);
    const qint64 count = parser.value(QStringLiteral("rows")).toLongLong();
    auto spec = connection::parseConnectionString(parser.value(QStringLiteral("url")));
    if (!spec || count <= 0) {
        err() << "strata-bench mapping: " << (spec ? QStringLiteral("--rows must be positive") : spec.error().message) << '\n';
        return 2;
    }
    spec->profile.createIfMissing = true;
    const std::vector<BenchRow> rows = benchRows(count);

    // Raw first: it also creates the SQLite file when it does not exist yet.
    QString error;
    const auto raw = RawMapping::open(spec.value(), &error);
    if (!raw || !raw->reset(&error)) {
        err() << "strata-bench mapping: " << error << '\n';
        return 1;
    }
    std::vector<BenchRow> rawRows = rows;
    const double rawInsertMs = raw->insert(rawRows);
    std::vector<BenchRow> rawRead;
    rawRead.reserve(rows.size());
    const double rawReadMs = raw->read(rawRead);
    raw->drop();
    Digest rawDigest;
    for (const BenchRow &r : rawRead)
        rawDigest = digest(r, rawDigest);

    const StrataSide strata = runStrata(spec.value(), rows);
    if (!strata.error.isEmpty() || rawInsertMs < 0 || rawReadMs < 0) {
        err() << "strata-bench mapping: " << (strata.error.isEmpty() ? QStringLiteral("the raw side failed") : strata.error) << '\n';
        return 1;
    }
    if (!(strata.read == rawDigest) || rawDigest.rows != count) {
        err() << "strata-bench mapping: the two sides read different data\n";
        return 1;
    }

    const bool pg = spec->profile.isPostgres();
    BenchReport report(QStringLiteral("mapping"), pg ? QStringLiteral("postgresql") : QStringLiteral("sqlite"));
    report.setParameter(QStringLiteral("rows"), count);
    report.add({QStringLiteral("insert %1 objects").arg(count), strata.insertMs, rawInsertMs, QStringLiteral("ms"),
                pg ? QStringLiteral("raw: libpq COPY FROM STDIN, one transaction")
                   : QStringLiteral("raw: sqlite3 prepared INSERT per row, one transaction")});
    report.add({QStringLiteral("insert rate"), count / (strata.insertMs / 1000.0), count / (rawInsertMs / 1000.0),
                QStringLiteral("rows/s"), QStringLiteral("Session add + commit; keys read back")});
    report.add({QStringLiteral("read %1 objects").arg(count), strata.readMs, rawReadMs, QStringLiteral("ms"),
                pg ? QStringLiteral("raw: PQexec, values parsed into the struct")
                   : QStringLiteral("raw: sqlite3_step loop into the struct")});
    report.add({QStringLiteral("read rate"), count / (strata.readMs / 1000.0), count / (rawReadMs / 1000.0),
                QStringLiteral("rows/s"), QStringLiteral("query<T>().all(), identity map filled")});
    QTextStream out(stdout);
    if (parser.isSet(QStringLiteral("json")))
        out << QJsonDocument(report.toJson()).toJson(QJsonDocument::Compact) << '\n';
    else
        out << report.toText();
    return 0;
}

} // namespace strata::bench
