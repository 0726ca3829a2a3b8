// strata-bench erd: a schema of N tables and ~1.5 N foreign keys is generated (PostgreSQL:
// server-side DO blocks; SQLite: one script), then Strata's diagram is measured as the tab
// does it, offscreen: the 2-hop neighbourhood of a table from catalog read to painted frame,
// the full schema's layout, paint rates while scrolling and zooming the full diagram, and
// the memory all of that takes. Beside each, the closest raw figure (see README).

#include "erdbench.h"

#include "benchreport.h"
#include "catalog/catalogreader.h"
#include "connection/connectionstring.h"
#include "connection/databaseopener.h"
#include "erd/diagrambuilder.h"
#include "erd/diagramlayout.h"
#include "erd/diagramloader.h"
#include "erd/erdscene.h"
#include "erd/erdview.h"
#include "erd/tableitem.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QScrollBar>
#include <QSqlError>
#include <QSqlQuery>
#include <QTextStream>

namespace strata::bench {

namespace {

const QString kSchema = QStringLiteral("strata_bench_erd");

QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

double rssMb()
{
    QFile f(QStringLiteral("/proc/self/statm"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> parts = f.readAll().split(' ');
    return parts.size() > 1 ? parts[1].toDouble() * 4096.0 / (1024 * 1024) : -1;
}

/// Parents of table i (1-based): one for every table after the first, a second for every
/// even one; spread over all earlier tables by a fixed hash, so the graph is one big
/// connected web with hubs, like a real schema's.
QList<int> parentsOf(int i)
{
    if (i < 2)
        return {};
    const auto pick = [i](quint32 salt) { return 1 + int((quint32(i) * 2654435761u ^ salt) % quint32(i - 1)); };
    QList<int> out{pick(0x9e37u)};
    if (i % 2 == 0)
        out << pick(0x7f4au);
    return out;
}

QString createTable(int i, bool postgres)
{
    const QList<int> parents = parentsOf(i);
    QString sql = QStringLiteral("CREATE TABLE %1t%2 (id integer PRIMARY KEY, name text NOT NULL, code varchar(20) UNIQUE, "
                                 "created %3")
                      .arg(postgres ? kSchema + QLatin1Char('.') : QString())
                      .arg(i)
                      .arg(postgres ? QStringLiteral("timestamptz") : QStringLiteral("text"));
    for (int k = 0; k < parents.size(); ++k)
        sql += QStringLiteral(", ref%1 integer%2 REFERENCES %3t%4 (id)")
                   .arg(k)
                   .arg(k == 0 ? QStringLiteral(" NOT NULL") : QString())
                   .arg(postgres ? kSchema + QLatin1Char('.') : QString())
                   .arg(parents[k]);
    return sql + QLatin1Char(')');
}

bool prepare(QSqlDatabase &db, bool postgres, int tables)
{
    QSqlQuery q(db);
    const QString count = postgres ? QStringLiteral("SELECT count(*) FROM pg_tables WHERE schemaname = '%1'").arg(kSchema)
                                   : QStringLiteral("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name LIKE 't%'");
    if (q.exec(count) && q.next() && q.value(0).toInt() == tables)
        return true;
    err() << "preparing " << tables << " tables with foreign keys…\n";
    err().flush();
    if (postgres && !q.exec(QStringLiteral("DROP SCHEMA IF EXISTS %1 CASCADE").arg(kSchema)))
        return false;
    if (postgres && !q.exec(QStringLiteral("CREATE SCHEMA %1").arg(kSchema)))
        return false;
    // Batches of 200 tables per transaction (a single one would exhaust the lock table).
    for (int first = 1; first <= tables; first += 200) {
        if (!db.transaction())
            return false;
        for (int i = first; i < first + 200 && i <= tables; ++i)
            if (!q.exec(createTable(i, postgres))) {
                err() << q.lastError().text() << '\n';
                return false;
            }
        if (!db.commit())
            return false;
    }
    return true;
}

struct Drawn {
    double ms = 0;
    int tables = 0;
    int edges = 0;
};

/// Builds the scene for `diagram`, lays it out, and paints the view once (what the tab does).
Drawn draw(const erd::Diagram &diagram, ui::ErdScene &scene, ui::ErdView &view, double *graphvizMs, double *layoutMs)
{
    QElapsedTimer t;
    t.start();
    scene.setDiagram(diagram, erd::Density::Full, kSchema, {});
    QElapsedTimer lt;
    lt.start();
    const Result<erd::LayoutOutput> laid = erd::computeLayout(scene.layoutInput(erd::LayoutEngine::Dot));
    if (layoutMs)
        *layoutMs = double(lt.nsecsElapsed()) / 1e6;
    if (laid) {
        scene.applyPositions(laid->positions);
        if (graphvizMs)
            *graphvizMs = laid->graphvizMs;
    }
    view.fit();
    (void)view.viewport()->grab();
    return {double(t.nsecsElapsed()) / 1e6, int(diagram.tables.size()), int(diagram.edges.size())};
}

struct PaintRate {
    double fps = 0;
    double boxesShown = 0;   ///< tables inside the viewport, on average over the frames
};

/// Frames per second painting the view while `step` moves it, for `frames` frames.
PaintRate paintFps(ui::ErdView &view, int frames, const std::function<void(int)> &step)
{
    PaintRate rate;
    qint64 paintNs = 0;
    for (int i = 0; i < frames; ++i) {
        step(i);
        QElapsedTimer t;
        t.start();
        (void)view.viewport()->grab();
        paintNs += t.nsecsElapsed();
        const QRectF shown = view.mapToScene(view.viewport()->rect()).boundingRect();
        for (QGraphicsItem *item : view.scene()->items(shown))
            rate.boxesShown += dynamic_cast<ui::TableItem *>(item) ? 1 : 0;
    }
    rate.fps = frames / (double(paintNs) / 1e9);
    rate.boxesShown /= frames;
    return rate;
}

} // namespace

int runErdBench(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("The ER diagram on a generated schema of N tables with ~1.5 N foreign keys."));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("url"), QStringLiteral("Database URL (SQLite path or postgresql://)."), QStringLiteral("url")});
    parser.addOption({QStringLiteral("tables"), QStringLiteral("Number of tables (default 2000)."), QStringLiteral("n"), QStringLiteral("2000")});
    parser.addOption({QStringLiteral("runs"), QStringLiteral("Timed runs of the neighbourhood (default 5)."), QStringLiteral("n"), QStringLiteral("5")});
    parser.addOption({QStringLiteral("json"), QStringLiteral("Print one JSON object.")});
    parser.process(arguments);
    const int tables = parser.value(QStringLiteral("tables")).toInt();
    const int runs = qMax(1, parser.value(QStringLiteral("runs")).toInt());
    auto spec = connection::parseConnectionString(parser.value(QStringLiteral("url")));
    if (!spec || tables < 10) {
        err() << "strata-bench erd: " << (spec ? QStringLiteral("--tables must be at least 10") : spec.error().message) << '\n';
        return 2;
    }
    connection::ConnectionProfile profile = spec->profile;
    profile.createIfMissing = true;
    const bool postgres = profile.isPostgres();
    const QString schema = postgres ? kSchema : QStringLiteral("main");
    const QString name = connection::uniqueConnectionName(QStringLiteral("bench"));
    if (auto opened = connection::openDatabase(profile, spec->password, name); !opened) {
        err() << "strata-bench erd: " << opened.error().message << '\n';
        return 1;
    }
    QSqlDatabase db = QSqlDatabase::database(name);
    if (!prepare(db, postgres, tables)) {
        err() << "strata-bench erd: could not prepare the schema\n";
        return 1;
    }
    const double rssStart = rssMb();
    ui::ErdScene scene;
    ui::ErdView view(&scene);
    view.resize(1280, 800);
    view.show();
    QCoreApplication::processEvents();

    // 2-hop neighbourhood of a table in the middle, read to painted; raw: describing its
    // tables alone (the loader reads the key graph first, then only those).
    const erd::TableKey center{schema, QStringLiteral("t%1").arg(tables / 2)};
    Drawn near;
    QStringList nearNames;
    const double nearMs = medianMs(runs, [&] {
        QElapsedTimer t;
        t.start();
        auto d = erd::loadDiagram(db, profile.driver, {schema, {}, center, 2});
        if (!d) {
            err() << d.error().message << '\n';
            return;
        }
        nearNames.clear();
        for (const erd::DiagramTable &table : d->tables)
            nearNames << table.key.name;
        near = draw(d.value(), scene, view, nullptr, nullptr);
    });
    const auto reader = catalog::CatalogReader::create(profile.driver);
    const double nearDescribeMs = medianMs(runs, [&] { (void)reader->describe(db, schema, nearNames); });
    const double describeMs = medianMs(runs, [&] { (void)reader->describe(db, schema); });

    // The whole schema: layout (raw: gvLayout alone), then paint rates.
    QElapsedTimer readTimer;
    readTimer.start();
    auto full = erd::loadDiagram(db, profile.driver, {schema, {}, {}, -1});
    const double fullReadMs = double(readTimer.nsecsElapsed()) / 1e6;
    if (!full) {
        err() << full.error().message << '\n';
        return 1;
    }
    double graphvizMs = 0, layoutMs = 0;
    const Drawn whole = draw(full.value(), scene, view, &graphvizMs, &layoutMs);
    view.setZoom(1.0);
    QScrollBar *h = view.horizontalScrollBar();
    QScrollBar *v = view.verticalScrollBar();
    const PaintRate scrollFps = paintFps(view, 60, [&](int i) {
        h->setValue(h->minimum() + (h->maximum() - h->minimum()) * (i % 30) / 30);
        v->setValue(v->minimum() + (v->maximum() - v->minimum()) * (i / 30 + 1) / 3);
    });
    const PaintRate zoomFps = paintFps(view, 60, [&](int i) { view.setZoom(0.05 + 0.95 * (i % 20) / 19.0); });
    view.fit();
    const PaintRate fitFps = paintFps(view, 20, [&](int) { view.viewport()->update(); });
    const double rssGrowth = rssMb() - rssStart;
    connection::closeDatabase(name);

    BenchReport report(QStringLiteral("erd"), postgres ? QStringLiteral("postgresql") : QStringLiteral("sqlite"));
    report.setRawLabel(QStringLiteral("raw"));
    report.setParameter(QStringLiteral("tables"), tables);
    report.setParameter(QStringLiteral("foreignKeys"), whole.edges);
    report.setParameter(QStringLiteral("runs"), runs);
    report.add({QStringLiteral("2-hop neighbourhood draw"), nearMs, nearDescribeMs, QStringLiteral("ms"),
                QStringLiteral("%1 tables, %2 keys: key graph + catalog read + model + layout + paint; raw: describe() of those tables alone")
                    .arg(near.tables).arg(near.edges)});
    report.add({QStringLiteral("full schema read"), fullReadMs, describeMs, QStringLiteral("ms"),
                QStringLiteral("raw: describe(schema) alone")});
    report.add({QStringLiteral("full layout"), layoutMs, graphvizMs, QStringLiteral("ms"),
                QStringLiteral("%1 tables, %2 keys; raw: time inside Graphviz gvLayout alone").arg(whole.tables).arg(whole.edges)});
    report.add({QStringLiteral("full draw (scene+layout+paint)"), whole.ms, layoutMs, QStringLiteral("ms"), QStringLiteral("raw: the layout alone")});
    const auto shown = [](const PaintRate &r) { return QStringLiteral("%1 boxes on screen on average; 1280x800 viewport, offscreen").arg(r.boxesShown, 0, 'f', 0); };
    report.add({QStringLiteral("scroll at 1:1, paint rate"), scrollFps.fps, -1, QStringLiteral("fps"), shown(scrollFps)});
    report.add({QStringLiteral("zoom 5%..100%, paint rate"), zoomFps.fps, -1, QStringLiteral("fps"), shown(zoomFps)});
    report.add({QStringLiteral("whole diagram in view, paint rate"), fitFps.fps, -1, QStringLiteral("fps"), shown(fitFps)});
    report.add({QStringLiteral("memory growth"), rssGrowth, -1, QStringLiteral("MB"), QStringLiteral("RSS after all of the above")});
    QTextStream out(stdout);
    if (parser.isSet(QStringLiteral("json")))
        out << QJsonDocument(report.toJson()).toJson(QJsonDocument::Compact) << '\n';
    else
        out << report.toText();
    return 0;
}

} // namespace strata::bench
