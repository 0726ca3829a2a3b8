// The diagram model read from SQLite: the demo database and the awkward schema.

#include "awkwardschema.h"
#include "demo/demodatabase.h"
#include "erd/diagrambuilder.h"
#include "erd/diagramloader.h"
#include "support/scratchdatabase.h"
#include "support/testenvironment.h"

#include <QtTest>

using namespace strata;
using namespace strata::erd;
using namespace strata::test;

class TestDiagramLoader : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void demoSchema();
    void awkwardSchema();
    void neighbourhoods();
    void densities();
    void unknownCenter();
};

namespace {

Diagram load(const QString &path, const DiagramRequest &request)
{
    QSqlDatabase db = openTestDatabase(path);
    Result<Diagram> d = loadDiagram(db, dialect::DialectKind::Sqlite, request);
    closeTestDatabase(db);
    if (!d) {
        QTest::qFail(qPrintable(d.error().message), __FILE__, __LINE__);
        return {};
    }
    return d.value();
}

QString awkwardFile()
{
    const QString path = tempPath(QStringLiteral("awkward.db"));
    if (!QFile::exists(path)) {
        QSqlDatabase db = openTestDatabase(path);
        const QString error = execAll(db, awkwardSqlite());
        closeTestDatabase(db);
        if (!error.isEmpty())
            QTest::qFail(qPrintable(error), __FILE__, __LINE__);
    }
    return path;
}

TableKey mainKey(const QString &name)
{
    return {QStringLiteral("main"), name};
}

} // namespace

void TestDiagramLoader::demoSchema()
{
    const QString path = tempPath(QStringLiteral("demo.db"));
    QVERIFY(demo::installDemoDatabase(path).ok());
    const Diagram d = load(path, {QStringLiteral("main"), {}, {}, -1});
    QStringList names;
    for (const DiagramTable &t : d.tables)
        names << t.key.name;
    QCOMPARE(names, (QStringList{u"addresses"_s, u"artists"_s, u"authors"_s, u"books"_s, u"tracks"_s, u"users"_s}));
    QCOMPARE(d.edges.size(), 3);
    const DiagramEdge *books = findEdge(d, mainKey(u"books"_s), mainKey(u"authors"_s));
    QVERIFY(books);
    QCOMPARE(books->fromColumns, QStringList{u"author_id"_s});
    QCOMPARE(books->toColumns, QStringList{u"id"_s});
    QVERIFY(!books->optional);    // author_id NOT NULL
    QVERIFY(!books->oneToOne);
    QVERIFY(findEdge(d, mainKey(u"tracks"_s), mainKey(u"artists"_s)));
    QVERIFY(findEdge(d, mainKey(u"addresses"_s), mainKey(u"users"_s)));
    const DiagramColumn *id = findColumn(d, mainKey(u"books"_s), u"id"_s);
    QVERIFY(id && id->primaryKey && id->notNull && !id->foreignKey);
    const DiagramColumn *isbn = findColumn(d, mainKey(u"books"_s), u"isbn"_s);
    QVERIFY(isbn && isbn->unique && !isbn->notNull);
    const DiagramColumn *author = findColumn(d, mainKey(u"books"_s), u"author_id"_s);
    QVERIFY(author && author->foreignKey && author->notNull && !author->primaryKey);
    QCOMPARE(author->type, u"INTEGER"_s);
}

void TestDiagramLoader::awkwardSchema()
{
    const Diagram d = load(awkwardFile(), {QStringLiteral("main"), {}, {}, -1});
    QCOMPARE(d.tables.size(), 5);   // the view is not drawn
    QVERIFY(!d.contains(mainKey(u"staff"_s)));
    QVERIFY(d.contains(mainKey(kOdd)));
    const DiagramEdge *self = findEdge(d, mainKey(u"employees"_s), mainKey(u"employees"_s));
    QVERIFY(self);
    QVERIFY(self->isSelfReference());
    QVERIFY(self->optional);
    const DiagramEdge *composite = findEdge(d, mainKey(u"order_lines"_s), mainKey(u"orders"_s));
    QVERIFY(composite);
    QCOMPARE(composite->fromColumns, (QStringList{u"region"_s, u"num"_s}));
    QCOMPARE(composite->toColumns, (QStringList{u"region"_s, u"num"_s}));
    QVERIFY(!composite->optional);
    const DiagramEdge *odd = findEdge(d, mainKey(u"order_lines"_s), mainKey(kOdd));
    QVERIFY(odd);
    QVERIFY(odd->optional);
    const DiagramEdge *passport = findEdge(d, mainKey(u"passports"_s), mainKey(u"employees"_s));
    QVERIFY(passport);
    QVERIFY(passport->oneToOne);
    QVERIFY(!passport->optional);
    QCOMPARE(passport->toColumns, QStringList{u"id"_s});   // REFERENCES employees: its primary key
    const DiagramColumn *wert = findColumn(d, mainKey(kOdd), u"Wert \u2615"_s);
    QVERIFY(wert && wert->unique);
    const DiagramColumn *region = findColumn(d, mainKey(u"orders"_s), u"region"_s);
    QVERIFY(region && region->primaryKey && !region->unique);   // part of a composite key: PK, not unique alone
    QCOMPARE(d.edges.size(), 4);
}

void TestDiagramLoader::neighbourhoods()
{
    const QString path = awkwardFile();
    const auto names = [](const Diagram &d) {
        QStringList out;
        for (const DiagramTable &t : d.tables)
            out << t.key.name;
        return out;
    };
    QCOMPARE(names(load(path, {u"main"_s, {}, mainKey(u"orders"_s), 0})), QStringList{u"orders"_s});
    QCOMPARE(names(load(path, {u"main"_s, {}, mainKey(u"orders"_s), 1})), (QStringList{u"order_lines"_s, u"orders"_s}));
    QCOMPARE(names(load(path, {u"main"_s, {}, mainKey(u"orders"_s), 2})), (QStringList{kOdd, u"order_lines"_s, u"orders"_s}));
    const Diagram two = load(path, {u"main"_s, {}, mainKey(u"passports"_s), 2});
    QCOMPARE(names(two), (QStringList{u"employees"_s, u"passports"_s}));
    QCOMPARE(two.edges.size(), 2);   // the passport's key and the self reference
    const Diagram chosen = load(path, {u"main"_s, {mainKey(u"orders"_s), mainKey(u"employees"_s)}, {}, -1});
    QCOMPARE(names(chosen), (QStringList{u"employees"_s, u"orders"_s}));
    QCOMPARE(chosen.edges.size(), 1);
}

void TestDiagramLoader::densities()
{
    const Diagram d = load(awkwardFile(), {u"main"_s, {}, {}, -1});
    const DiagramTable *lines = d.table(mainKey(u"order_lines"_s));
    QVERIFY(lines);
    QCOMPARE(lines->visibleColumns(Density::Full).size(), 4);
    QCOMPARE(lines->visibleColumns(Density::KeysOnly).size(), 4);   // id PK, region/num/odd_id FK
    const DiagramTable *orders = d.table(mainKey(u"orders"_s));
    QCOMPARE(orders->visibleColumns(Density::Full).size(), 3);
    QCOMPARE(orders->visibleColumns(Density::KeysOnly).size(), 2);  // note is no key
    QCOMPARE(orders->visibleRow(u"num"_s, Density::KeysOnly), 1);
    QCOMPARE(orders->visibleRow(u"note"_s, Density::KeysOnly), -1);
    QVERIFY(orders->visibleColumns(Density::NamesOnly).isEmpty());
}

void TestDiagramLoader::unknownCenter()
{
    QSqlDatabase db = openTestDatabase(awkwardFile());
    const Result<Diagram> d = loadDiagram(db, dialect::DialectKind::Sqlite, {u"main"_s, {}, mainKey(u"nope"_s), 2});
    closeTestDatabase(db);
    QVERIFY(!d.ok());
    QCOMPARE(d.error().kind, ErrorKind::NotFound);
}

STRATA_TEST_MAIN(TestDiagramLoader)
#include "tst_diagramloader.moc"
