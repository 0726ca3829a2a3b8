// Graphviz layout (components, cancel between them, pinned boxes), the orthogonal edge
// routes, the changes between two readings and where new tables go, and the JSON document.

#include "erd/diagramchanges.h"
#include "erd/diagramdocument.h"
#include "erd/diagramlayout.h"
#include "erd/layoutjob.h"
#include "support/testenvironment.h"

#include <QtTest>

using namespace strata;
using namespace strata::erd;
using namespace Qt::StringLiterals;

class TestDiagramLayout : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void chainRanksParentsLeft();
    void componentsDoNotOverlap();
    void cancelBetweenComponents();
    void pinnedBoxesStay();
    void layoutJobReportsAndCancels();
    void routesAreOrthogonal_data();
    void routesAreOrthogonal();
    void changesAndNewTablePlaces();
    void documentRoundTrip();
    void connectionKeyHasNoSecret();
};

namespace {

LayoutInput chains(int components, int length)
{
    LayoutInput in;
    for (int c = 0; c < components; ++c)
        for (int i = 0; i < length; ++i) {
            const QString id = u"c%1n%2"_s.arg(c).arg(i);
            in.nodes << LayoutNode{id, QSizeF(120 + 10 * i, 40 + 18 * (i % 3))};
            if (i > 0)
                in.edges << LayoutEdge{id, u"c%1n%2"_s.arg(c).arg(i - 1)};   // child -> parent
        }
    return in;
}

bool overlapping(const LayoutInput &in, const LayoutOutput &out, QString *which)
{
    for (int i = 0; i < in.nodes.size(); ++i)
        for (int j = i + 1; j < in.nodes.size(); ++j) {
            const QRectF a(out.positions.value(in.nodes[i].id), in.nodes[i].size);
            const QRectF b(out.positions.value(in.nodes[j].id), in.nodes[j].size);
            if (a.intersects(b)) {
                *which = in.nodes[i].id + u" / "_s + in.nodes[j].id;
                return true;
            }
        }
    return false;
}

Diagram smallDiagram()
{
    Diagram d;
    for (const QString &n : {u"authors"_s, u"books"_s, u"users"_s})
        d.tables << DiagramTable{{u"main"_s, n}, {DiagramColumn{u"id"_s, u"INTEGER"_s, true, false, false, true}}};
    d.tables[1].columns << DiagramColumn{u"author_id"_s, u"INTEGER"_s, false, true, false, true};
    d.edges << DiagramEdge{u"fk"_s, {u"main"_s, u"books"_s}, {u"author_id"_s}, {u"main"_s, u"authors"_s}, {u"id"_s}, false, false};
    return d;
}

} // namespace

void TestDiagramLayout::chainRanksParentsLeft()
{
    const LayoutInput in = chains(1, 4);
    const Result<LayoutOutput> out = computeLayout(in);
    QVERIFY2(out.ok(), out.ok() ? "" : qPrintable(out.error().message));
    QCOMPARE(out->positions.size(), 4);
    QCOMPARE(out->components, 1);
    for (int i = 1; i < 4; ++i)   // the referenced table ranks left of the one referencing it
        QVERIFY(out->positions.value(u"c0n%1"_s.arg(i - 1)).x() + in.nodes[i - 1].size.width()
                < out->positions.value(u"c0n%1"_s.arg(i)).x());
    QVERIFY(out->graphvizMs > 0);
}

void TestDiagramLayout::componentsDoNotOverlap()
{
    LayoutInput in = chains(5, 3);
    in.nodes << LayoutNode{u"alone"_s, QSizeF(200, 300)};
    const Result<LayoutOutput> out = computeLayout(in);
    QVERIFY(out.ok());
    QCOMPARE(out->components, 6);
    QString which;
    QVERIFY2(!overlapping(in, out.value(), &which), qPrintable(which));
    // fdp, for dense schemas: the same guarantees.
    in.engine = LayoutEngine::Fdp;
    in.edges << LayoutEdge{u"c0n2"_s, u"c0n0"_s} << LayoutEdge{u"c1n2"_s, u"c1n0"_s};
    const Result<LayoutOutput> dense = computeLayout(in);
    QVERIFY(dense.ok());
    QCOMPARE(dense->positions.size(), in.nodes.size());
    QVERIFY2(!overlapping(in, dense.value(), &which), qPrintable(which));
}

void TestDiagramLayout::cancelBetweenComponents()
{
    const LayoutInput in = chains(4, 3);
    std::atomic_bool cancel{true};
    Result<LayoutOutput> out = computeLayout(in, &cancel);
    QVERIFY(!out.ok());
    QCOMPARE(out.error().kind, ErrorKind::Cancelled);
    // Cancelled during the first component: it finishes, the next one never starts.
    cancel = false;
    QList<int> reported;
    out = computeLayout(in, &cancel, [&](int done, int total) {
        reported << done;
        QCOMPARE(total, 12);
        cancel = true;
    });
    QVERIFY(!out.ok());
    QCOMPARE(out.error().kind, ErrorKind::Cancelled);
    QCOMPARE(reported, QList<int>{3});
}

void TestDiagramLayout::pinnedBoxesStay()
{
    LayoutInput in = chains(2, 4);
    in.pinned.insert(u"c0n2"_s, QPointF(1000, -500));
    in.pinned.insert(u"c1n0"_s, QPointF(-300, 40));
    const Result<LayoutOutput> out = computeLayout(in);
    QVERIFY(out.ok());
    QCOMPARE(out->positions.value(u"c0n2"_s), QPointF(1000, -500));
    QCOMPARE(out->positions.value(u"c1n0"_s), QPointF(-300, 40));
    for (const LayoutNode &n : in.nodes) {   // no free box lies on a pinned one
        if (in.pinned.contains(n.id))
            continue;
        const QRectF box(out->positions.value(n.id), n.size);
        for (auto it = in.pinned.cbegin(); it != in.pinned.cend(); ++it) {
            const auto pinned = std::find_if(in.nodes.begin(), in.nodes.end(), [&](const LayoutNode &p) { return p.id == it.key(); });
            QVERIFY2(!box.intersects(QRectF(it.value(), pinned->size)), qPrintable(n.id));
        }
    }
}

void TestDiagramLayout::layoutJobReportsAndCancels()
{
    LayoutJob job;
    QList<QPair<int, int>> progress;
    QList<Result<LayoutOutput>> finished;
    connect(&job, &LayoutJob::progress, this, [&](int done, int total) { progress << qMakePair(done, total); });
    connect(&job, &LayoutJob::finished, this, [&](const Result<LayoutOutput> &r) { finished << r; });
    job.start(chains(3, 3));
    QVERIFY(job.isRunning());
    QVERIFY(QTest::qWaitFor([&] { return !finished.isEmpty(); }, 20000));
    QCOMPARE(finished.size(), 1);
    QVERIFY(finished.first().ok());
    QCOMPARE(finished.first()->positions.size(), 9);
    QVERIFY(!progress.isEmpty());
    QCOMPARE(progress.last(), qMakePair(9, 9));
    // Cancel: finished(Cancelled) at once, and the late result never arrives.
    finished.clear();
    job.start(chains(40, 6));
    job.cancel();
    QCOMPARE(finished.size(), 1);
    QCOMPARE(finished.first().error().kind, ErrorKind::Cancelled);
    QVERIFY(!job.isRunning());
    QTest::qWait(500);
    QCOMPARE(finished.size(), 1);
}

void TestDiagramLayout::routesAreOrthogonal_data()
{
    QTest::addColumn<QRectF>("from");
    QTest::addColumn<QRectF>("to");
    QTest::newRow("parent right") << QRectF(0, 0, 100, 80) << QRectF(300, 200, 100, 60);
    QTest::newRow("parent left") << QRectF(300, 0, 100, 80) << QRectF(0, 200, 100, 60);
    QTest::newRow("stacked") << QRectF(0, 0, 100, 80) << QRectF(20, 200, 140, 60);
    QTest::newRow("self") << QRectF(0, 0, 100, 80) << QRectF(0, 0, 100, 80);
}

void TestDiagramLayout::routesAreOrthogonal()
{
    QFETCH(QRectF, from);
    QFETCH(QRectF, to);
    const qreal fromY = from.top() + 30, toY = to.top() + 50;
    const QList<QPointF> route = routeEdge(from, fromY, to, toY);
    QVERIFY(route.size() >= 2);
    for (int i = 1; i < route.size(); ++i)
        QVERIFY2(qFuzzyCompare(route[i].x(), route[i - 1].x()) || qFuzzyCompare(route[i].y(), route[i - 1].y()),
                 qPrintable(u"segment %1 is diagonal"_s.arg(i)));
    QCOMPARE(route.first().y(), fromY);                 // leaves at the referencing column's row
    QVERIFY(route.first().x() == from.left() || route.first().x() == from.right());
    QVERIFY(qAbs(route.last().y() - toY) <= 8);          // enters at the referenced column's row
    QVERIFY(route.last().x() == to.left() || route.last().x() == to.right());
    QCOMPARE(route[0].y(), route[1].y());                // the ends are horizontal (cardinality marks)
    // Lanes: keys to different parents run their vertical segments apart, inside the gap.
    const QList<QPointF> low = routeEdge(from, fromY, to, toY, 0.2), high = routeEdge(from, fromY, to, toY, 0.8);
    if (from != to) {
        QVERIFY(low[1].x() != high[1].x());
        for (const QList<QPointF> &r : {low, high})
            QVERIFY(!from.contains(r[1]) && !to.contains(r[2]));
    }
}

void TestDiagramLayout::changesAndNewTablePlaces()
{
    const Diagram before = smallDiagram();
    Diagram after = before;
    after.tables.removeAt(2);   // users dropped
    after.tables[1].columns << DiagramColumn{u"isbn"_s, u"TEXT"_s, false, false, true, false};
    after.tables << DiagramTable{{u"main"_s, u"reviews"_s}, {DiagramColumn{u"book_id"_s, u"INTEGER"_s, false, true, false, false}}};
    after.edges << DiagramEdge{{}, {u"main"_s, u"reviews"_s}, {u"book_id"_s}, {u"main"_s, u"books"_s}, {u"id"_s}, true, false};
    const DiagramChanges c = diffDiagrams(before, after);
    QCOMPARE(c.added, (QList<TableKey>{TableKey{u"main"_s, u"reviews"_s}}));
    QCOMPARE(c.removed, (QList<TableKey>{TableKey{u"main"_s, u"users"_s}}));
    QCOMPARE(c.changed, (QList<TableKey>{TableKey{u"main"_s, u"books"_s}}));
    QCOMPARE(c.addedEdges.size(), 1);
    QVERIFY(c.removedEdges.isEmpty());
    QCOMPARE(c.summary(), u"1 table(s) added, 1 table(s) removed, 1 table(s) changed, 1 foreign key(s) added"_s);
    QVERIFY(diffDiagrams(before, before).isEmpty());

    const QString authors = TableKey{u"main"_s, u"authors"_s}.id(), books = TableKey{u"main"_s, u"books"_s}.id();
    const QString reviews = TableKey{u"main"_s, u"reviews"_s}.id();
    const QHash<QString, QPointF> placed{{authors, QPointF(0, 0)}, {books, QPointF(300, 0)}};
    const QHash<QString, QSizeF> sizes{{authors, QSizeF(150, 60)}, {books, QSizeF(150, 80)}, {reviews, QSizeF(150, 40)}};
    const QHash<QString, QPointF> at = placeNewTables(after, c.added, placed, sizes);
    QCOMPARE(at.size(), 1);
    const QRectF box(at.value(reviews), sizes.value(reviews));
    QVERIFY(box.left() >= 450);   // beside books, the table it references
    QVERIFY(qAbs(box.top() - 0) < 200);
    for (auto it = placed.cbegin(); it != placed.cend(); ++it)
        QVERIFY(!box.intersects(QRectF(it.value(), sizes.value(it.key()))));
}

void TestDiagramLayout::documentRoundTrip()
{
    DiagramDocument doc;
    doc.connection = u"file:/tmp/x.db"_s;
    doc.schema = u"main"_s;
    doc.center = {u"main"_s, u"books"_s};
    doc.hops = 2;
    doc.density = Density::KeysOnly;
    doc.diagram = smallDiagram();
    doc.diagram.tables[0].key.name = u"Odd \"Name\" \u2615"_s;
    doc.diagram.edges[0].to.name = doc.diagram.tables[0].key.name;
    std::sort(doc.diagram.tables.begin(), doc.diagram.tables.end(), [](const DiagramTable &a, const DiagramTable &b) { return a.key < b.key; });
    doc.placements.insert(doc.diagram.tables[0].key.id(), Placement{QPointF(12.5, -40), true});
    doc.placements.insert(doc.diagram.tables[1].key.id(), Placement{QPointF(300, 0), false});
    doc.selection << doc.diagram.tables[1].key;
    const QString path = test::tempPath(u"diagram.json"_s);
    QVERIFY(doc.save(path).ok());
    const Result<DiagramDocument> back = DiagramDocument::load(path);
    QVERIFY(back.ok());
    QCOMPARE(back->connection, doc.connection);
    QCOMPARE(back->center, doc.center);
    QCOMPARE(back->hops, 2);
    QCOMPARE(back->density, Density::KeysOnly);
    QCOMPARE(back->diagram.tables, doc.diagram.tables);
    QCOMPARE(back->diagram.edges, doc.diagram.edges);
    QCOMPARE(back->placements, doc.placements);
    QCOMPARE(back->selection, doc.selection);
    QCOMPARE(DiagramDocument::load(test::tempPath(u"none.json"_s)).error().kind, ErrorKind::NotFound);
    QCOMPARE(DiagramDocument::fromJson("{\"strataDiagram\": 99}").error().kind, ErrorKind::Unsupported);
    QCOMPARE(DiagramDocument::fromJson("not json").error().kind, ErrorKind::Syntax);
}

void TestDiagramLayout::connectionKeyHasNoSecret()
{
    connection::ConnectionProfile p;
    p.driver = dialect::DialectKind::Postgres;
    p.host = u"db.example"_s;
    p.port = 5433;
    p.user = u"ann"_s;
    p.database = u"books"_s;
    QCOMPARE(DiagramDocument::connectionKey(p), u"postgresql:ann@db.example:5433/books"_s);
    const QString a = DiagramDocument::storePath(DiagramDocument::connectionKey(p), u"public"_s);
    QVERIFY(a.endsWith(u".json"_s));
    QVERIFY(a != DiagramDocument::storePath(DiagramDocument::connectionKey(p), u"other"_s));
    QVERIFY(a != DiagramDocument::storePath(DiagramDocument::connectionKey(p), u"public"_s, u"x"_s));
}

STRATA_TEST_MAIN(TestDiagramLayout)
#include "tst_diagramlayout.moc"
