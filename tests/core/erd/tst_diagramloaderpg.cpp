// The diagram model read from PostgreSQL: the awkward schema, with the same table name in two
// schemas and a key across them, and a refresh's changes after an outside ALTER.

#include "awkwardschema.h"
#include "erd/diagrambuilder.h"
#include "erd/diagramchanges.h"
#include "erd/diagramloader.h"
#include "support/scratchdatabase.h"
#include "support/testenvironment.h"

#include <QtTest>

using namespace strata;
using namespace strata::erd;
using namespace strata::test;

class TestDiagramLoaderPg : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void awkwardSchema();
    void sameNameTwoSchemas();
    void neighbourhoodAcrossSchemas();
    void neighbourhoodReadIsTheCutOfTheWholeSchema();
    void changesAfterOutsideAlter();

private:
    Diagram load(const DiagramRequest &request);
    std::unique_ptr<ScratchPgDatabase> m_db;
};

namespace {
TableKey app(const QString &name)
{
    return {u"app"_s, name};
}
} // namespace

void TestDiagramLoaderPg::initTestCase()
{
    STRATA_REQUIRE_PG(server);
    m_db = std::make_unique<ScratchPgDatabase>(server);
    QVERIFY2(!m_db->url().isEmpty(), qPrintable(m_db->error()));
    QSqlDatabase db = openTestDatabase(m_db->url());
    const QString error = execAll(db, awkwardPostgres());
    closeTestDatabase(db);
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void TestDiagramLoaderPg::cleanupTestCase()
{
    m_db.reset();
}

Diagram TestDiagramLoaderPg::load(const DiagramRequest &request)
{
    QSqlDatabase db = openTestDatabase(m_db->url());
    Result<Diagram> d = loadDiagram(db, dialect::DialectKind::Postgres, request);
    closeTestDatabase(db);
    if (!d) {
        QTest::qFail(qPrintable(d.error().message), __FILE__, __LINE__);
        return {};
    }
    return d.value();
}

void TestDiagramLoaderPg::awkwardSchema()
{
    const Diagram d = load({u"app"_s, {}, {}, -1});
    QVERIFY(!d.contains(app(u"staff"_s)));
    const DiagramEdge *self = findEdge(d, app(u"employees"_s), app(u"employees"_s));
    QVERIFY(self && self->isSelfReference() && self->optional);
    const DiagramEdge *composite = findEdge(d, app(u"order_lines"_s), app(u"orders"_s));
    QVERIFY(composite);
    QCOMPARE(composite->fromColumns, (QStringList{u"region"_s, u"num"_s}));
    QCOMPARE(composite->toColumns, (QStringList{u"region"_s, u"num"_s}));   // implied by REFERENCES app.orders
    QVERIFY(!composite->optional);
    const DiagramEdge *passport = findEdge(d, app(u"passports"_s), app(u"employees"_s));
    QVERIFY(passport && passport->oneToOne && !passport->optional);
    QVERIFY(!passport->name.isEmpty());
    const DiagramColumn *wert = findColumn(d, app(kOdd), u"Wert \u2615"_s);
    QVERIFY(wert && wert->unique && !wert->notNull);
    const DiagramColumn *id = findColumn(d, app(kOdd), u"id"_s);
    QVERIFY(id && id->primaryKey && id->notNull);
    QCOMPARE(id->type, u"integer"_s);
    const DiagramColumn *region = findColumn(d, app(u"orders"_s), u"region"_s);
    QVERIFY(region && region->primaryKey && region->notNull && !region->unique);
}

void TestDiagramLoaderPg::sameNameTwoSchemas()
{
    const Diagram d = load({u"app"_s, {}, {}, -1});
    const TableKey other{kOtherSchema, u"employees"_s};
    QVERIFY(d.contains(app(u"employees"_s)));
    QVERIFY(d.contains(other));   // read because app's key points at it
    QCOMPARE(d.table(other)->columns.size(), 2);
    QCOMPARE(d.table(app(u"employees"_s))->columns.size(), 3);
    const DiagramEdge *across = findEdge(d, app(kOdd), other);
    QVERIFY(across && across->optional);
    QVERIFY(!findEdge(d, app(kOdd), app(u"employees"_s)));
    QCOMPARE(d.tables.size(), 6);
    QCOMPARE(d.edges.size(), 5);
}

void TestDiagramLoaderPg::neighbourhoodAcrossSchemas()
{
    const Diagram d = load({u"app"_s, {}, app(u"order_lines"_s), 2});
    QStringList names;
    for (const DiagramTable &t : d.tables)
        names << t.key.display();
    QCOMPARE(names, (QStringList{kOtherSchema + u".employees"_s, u"app."_s + kOdd, u"app.order_lines"_s, u"app.orders"_s}));
}

void TestDiagramLoaderPg::neighbourhoodReadIsTheCutOfTheWholeSchema()
{
    // A neighbourhood describes only the tables the key graph reaches: it must be exactly the
    // cut of the whole schema, for every centre and hop count, also when the path runs
    // through another schema (app.a -> Other.x <- app.b: b is 2 hops from a).
    QSqlDatabase db = openTestDatabase(m_db->url());
    const QString error = execAll(db, {u"CREATE TABLE \"Other \"\"Schema\"\"\".x (id int PRIMARY KEY)"_s,
                                       u"CREATE TABLE app.a (id int PRIMARY KEY, x int REFERENCES \"Other \"\"Schema\"\"\".x)"_s,
                                       u"CREATE TABLE app.b (id int PRIMARY KEY, x int REFERENCES \"Other \"\"Schema\"\"\".x)"_s});
    closeTestDatabase(db);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const Diagram whole = load({u"app"_s, {}, {}, -1});
    QVERIFY(whole.tables.size() >= 8);
    for (const DiagramTable &t : whole.tables) {
        if (t.key.schema != u"app"_s)
            continue;
        for (int hops = 0; hops <= 3; ++hops) {
            const Diagram near = load({u"app"_s, {}, t.key, hops});
            const Diagram cut = neighbourhood(whole, t.key, hops);
            QVERIFY2(near.tables == cut.tables && near.edges == cut.edges, qPrintable(t.key.display() + u" hops "_s + QString::number(hops)));
        }
    }
    const Diagram fromA = load({u"app"_s, {}, app(u"a"_s), 2});
    QVERIFY(fromA.contains(app(u"b"_s)));
    QCOMPARE(load({u"app"_s, {}, app(u"a"_s), 1}).tables.size(), 2);   // a and x
}

void TestDiagramLoaderPg::changesAfterOutsideAlter()
{
    const Diagram before = load({u"app"_s, {}, {}, -1});
    QSqlDatabase db = openTestDatabase(m_db->url());
    const QString error = execAll(db, {u"ALTER TABLE app.orders ADD COLUMN placed date"_s,
                                       u"CREATE TABLE app.reviews (id int PRIMARY KEY, line int REFERENCES app.order_lines)"_s,
                                       u"DROP TABLE app.passports"_s});
    closeTestDatabase(db);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const Diagram after = load({u"app"_s, {}, {}, -1});
    const DiagramChanges c = diffDiagrams(before, after);
    QCOMPARE(c.added, QList<TableKey>{app(u"reviews"_s)});
    QCOMPARE(c.removed, QList<TableKey>{app(u"passports"_s)});
    QCOMPARE(c.changed, QList<TableKey>{app(u"orders"_s)});
    QCOMPARE(c.addedEdges.size(), 1);
    QCOMPARE(c.removedEdges.size(), 1);
}

STRATA_TEST_MAIN(TestDiagramLoaderPg)
#include "tst_diagramloaderpg.moc"
