// The console's pure pieces: formatter (never changes meaning), history (persisted,
// searchable, passwords masked), autosave (restored), completion (aliases, 10,000 tables
// stay instant), EXPLAIN parsing, parameter detection and the result model.

#include "exec/autosavestore.h"
#include "exec/completioncatalog.h"
#include "exec/explainplan.h"
#include "exec/historystore.h"
#include "exec/resultsetmodel.h"
#include "exec/sqlcompletion.h"
#include "exec/sqlformatter.h"
#include "exec/sqlparameters.h"
#include "support/testenvironment.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QFile>
#include <QtTest>

using namespace strata;
using namespace strata::exec;

namespace {

QString s(const char *t) { return QString::fromUtf8(t); }

/// The tokens that carry meaning: everything but whitespace, with bare words upper-cased
/// (keyword case and unquoted identifier case do not change meaning).
QStringList meaning(const QString &sql, DialectKind d)
{
    QStringList out;
    for (const SqlToken &t : SqlLexer::tokenize(d, sql)) {
        if (t.kind == TokenKind::Whitespace)
            continue;
        const QString text = sql.mid(t.start, t.length);
        out.append(t.kind == TokenKind::Word ? text.toUpper() : text);
    }
    return out;
}

} // namespace

Q_DECLARE_METATYPE(strata::dialect::DialectKind)

class TestConsoleTools : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void formatterKeepsMeaning_data();
    void formatterKeepsMeaning();
    void formatterLayout();
    void historyPersistsAndMasksPasswords();
    void historySearch();
    void autosaveRestores();
    void parameterDetection();
    void completionWithAliases();
    void completionIsInstantOnTenThousandTables();
    void explainPostgresJson();
    void explainSqliteRows();
    void resultModel();
};

void TestConsoleTools::formatterKeepsMeaning_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<DialectKind>("dialect");
    const DialectKind pg = DialectKind::Postgres;
    const DialectKind lite = DialectKind::Sqlite;
    QTest::newRow("select") << s("select a,b , c from t where a=1 and b<>2 or c between 1 and 3 order by a desc limit 5") << pg;
    QTest::newRow("joins") << s("select b.title,a.name from books b left join authors a on a.id=b.author_id and a.x>0 "
                                "join x using(id) group by 1,2 having count(*)>1") << pg;
    QTest::newRow("subquery") << s("select * from (select id from t where x in (select y from u)) s where exists(select 1)") << pg;
    QTest::newRow("strings kept") << s("select 'a  b', E'c\\'  d', $$ x  ;  y $$, $t$ select  1 $t$, \"Mixed  Case\" from t") << pg;
    QTest::newRow("comments") << s("select 1 -- one\n, 2 /* two  */ from t; -- end\nselect 3") << pg;
    QTest::newRow("adjacent strings") << s("select 'a'\n'b'") << pg;
    QTest::newRow("minus minus") << s("select 1 - -1, 2- -2, a::int, :name, $1 from t") << pg;
    QTest::newRow("ddl") << s("create table t (\n  id integer primary key,\n  name text not null default 'x'\n);\ninsert into t values (1,'a'),(2,'b')") << pg;
    QTest::newRow("function") << s("create function f() returns int language plpgsql as $$ begin return 1; end $$;select f()") << pg;
    QTest::newRow("update") << s("update t set a=1,b=2 where id=3 returning a,b") << pg;
    QTest::newRow("sqlite trigger") << s("create trigger tr after insert on t begin update u set x=case when new.a then 1 end; end;select [a b],`c` from t") << lite;
    QTest::newRow("sqlite params") << s("select ?1, :a, @b, $c from t where x=?") << lite;
    QTest::newRow("with") << s("with recursive c(x) as (select 1 union all select x+1 from c where x<5) select * from c") << pg;
}

void TestConsoleTools::formatterKeepsMeaning()
{
    QFETCH(QString, sql);
    QFETCH(DialectKind, dialect);
    const QString formatted = SqlFormatter::format(sql, dialect);
    QCOMPARE(meaning(formatted, dialect), meaning(sql, dialect));
    // formatting is stable
    QCOMPARE(SqlFormatter::format(formatted, dialect), formatted);
}

void TestConsoleTools::formatterLayout()
{
    const QString out = SqlFormatter::format(s("select a, b from t where x = 1 and y = 2 order by a"), DialectKind::Postgres);
    QCOMPARE(out, s("SELECT a,\n    b\nFROM t\nWHERE x = 1\n    AND y = 2\nORDER BY a"));
    const QString sub = SqlFormatter::format(s("select * from (select id from t) s"), DialectKind::Postgres);
    QVERIFY2(sub.contains(s("(\n        SELECT id\n        FROM t\n    ) s")), qPrintable(sub));
    // keywords upper-cased, identifiers and strings untouched
    QCOMPARE(SqlFormatter::format(s("create table Foo (Bar text default 'select')"), DialectKind::Postgres),
             s("CREATE TABLE Foo (Bar TEXT DEFAULT 'select')"));
}

void TestConsoleTools::historyPersistsAndMasksPasswords()
{
    const QString dir = test::tempPath(QStringLiteral("history"));
    {
        HistoryStore store(dir, QStringLiteral("pg-abc"), DialectKind::Postgres);
        QVERIFY(store.append({s("CREATE ROLE bob LOGIN PASSWORD 's3cret;'"), QDateTime::currentDateTime(), 3, -1, true, {}}));
        QVERIFY(store.append({s("alter user alice with encrypted password 'hunter2' valid until 'infinity'"),
                              QDateTime::currentDateTime(), 1, -1, false, s("permission denied")}));
        QVERIFY(store.append({s("SELECT 'password' AS password, x FROM t -- password 'kept'"), QDateTime::currentDateTime(), 5, 10, true, {}}));
    }
    HistoryStore again(dir, QStringLiteral("pg-abc"), DialectKind::Postgres);
    const Result<QList<HistoryEntry>> entries = again.load();
    QVERIFY(entries.ok());
    QCOMPARE(entries->size(), 3);
    QCOMPARE(entries->at(0).sql, s("CREATE ROLE bob LOGIN PASSWORD '***'"));
    QCOMPARE(entries->at(1).sql, s("alter user alice with encrypted password '***' valid until 'infinity'"));
    QCOMPARE(entries->at(1).ok, false);
    QCOMPARE(entries->at(1).error, s("permission denied"));
    QCOMPARE(entries->at(2).sql, s("SELECT 'password' AS password, x FROM t -- password 'kept'"));
    QCOMPARE(entries->at(2).rows, 10);
    QCOMPARE(entries->at(2).durationMs, 5);
    QFile file(again.filePath());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray raw = file.readAll();
    QVERIFY(!raw.contains("s3cret"));
    QVERIFY(!raw.contains("hunter2"));
    // another connection has its own history
    HistoryStore other(dir, QStringLiteral("pg-other"), DialectKind::Postgres);
    QCOMPARE(other.load()->size(), 0);
    connection::ConnectionProfile a;
    a.driver = DialectKind::Postgres;
    a.host = s("db");
    a.database = s("x");
    connection::ConnectionProfile b = a;
    b.database = s("y");
    QVERIFY(HistoryStore::connectionKey(a) != HistoryStore::connectionKey(b));
    QCOMPARE(HistoryStore::connectionKey(a), HistoryStore::connectionKey(a));
}

void TestConsoleTools::historySearch()
{
    QList<HistoryEntry> entries;
    for (const char *sql : {"SELECT * FROM books", "SELECT * FROM authors", "UPDATE books SET x = 1"})
        entries.append({s(sql), QDateTime::currentDateTime(), 0, 0, true, {}});
    const QList<HistoryEntry> found = HistoryStore::search(entries, s("books select"));
    QCOMPARE(found.size(), 1);
    QCOMPARE(HistoryStore::search(entries, s("BOOKS")).size(), 2);
    QCOMPARE(HistoryStore::search(entries, s("BOOKS")).first().sql, s("UPDATE books SET x = 1"));   // newest first
}

void TestConsoleTools::autosaveRestores()
{
    const QString dir = test::tempPath(QStringLiteral("autosave"));
    const QString id = AutosaveStore::newId();
    {
        AutosaveStore store(dir);
        QVERIFY(store.save({id, s("sqlite-1"), s("demo.db"), s("/tmp/q.sql"), s("SELECT 1;\n-- unsaved ü"), {}}));
        QVERIFY(store.save({AutosaveStore::newId(), s("pg-2"), s("pg"), {}, s("SELECT 2"), {}}));
    }
    AutosaveStore store(dir);
    const QList<AutosaveEntry> mine = store.entries(s("sqlite-1"));
    QCOMPARE(mine.size(), 1);
    QCOMPARE(mine[0].id, id);
    QCOMPARE(mine[0].text, s("SELECT 1;\n-- unsaved ü"));
    QCOMPARE(mine[0].filePath, s("/tmp/q.sql"));
    QCOMPARE(store.entries().size(), 2);
    QVERIFY(store.remove(id));
    QCOMPARE(store.entries(s("sqlite-1")).size(), 0);
}

void TestConsoleTools::parameterDetection()
{
    const QString pg = s("SELECT :a, $2, ':b', \"c:d\", x::int, /* :e */ $$ :f $$ -- :g\n, :a FROM t WHERE y=:h");
    QCOMPARE(SqlParameters::keys(pg, 0, int(pg.size()), DialectKind::Postgres), QStringList({s(":a"), s("$2"), s(":h")}));
    const auto bound = SqlParameters::bindPostgres(pg, {{s(":a"), 1}, {s("$2"), 2}, {s(":h"), 3}});
    QVERIFY(bound.ok());
    QCOMPARE(bound->sql, s("SELECT $3, $2, ':b', \"c:d\", x::int, /* :e */ $$ :f $$ -- :g\n, $3 FROM t WHERE y=$4"));
    QCOMPARE(bound->values, QList<QVariant>({QVariant(), 2, 1, 3}));
    QCOMPARE(bound->originalIndex(int(bound->sql.indexOf(s("FROM")))), int(pg.indexOf(s("FROM"))));
    const QString lite = s("SELECT ?, ?, ?5, ?, :x, @y, $z");
    QCOMPARE(SqlParameters::keys(lite, 0, int(lite.size()), DialectKind::Sqlite),
             QStringList({s("?1"), s("?2"), s("?5"), s("?6"), s(":x"), s("@y"), s("$z")}));
}

void TestConsoleTools::completionWithAliases()
{
    CompletionCatalog catalog(DialectKind::Postgres);
    catalog.addSchema(s("public"));
    catalog.addSchema(s("sales"));
    catalog.addRelation(s("public"), s("books"), false);
    catalog.addRelation(s("public"), s("authors"), false);
    catalog.addRelation(s("sales"), s("orders"), false);
    catalog.addRelation(s("public"), s("book_view"), true);
    catalog.setColumns(s("public"), s("books"), {{s("id"), CompletionItem::Kind::Column, s("integer")},
                                                  {s("title"), CompletionItem::Kind::Column, s("text")},
                                                  {s("author_id"), CompletionItem::Kind::Column, s("integer")}});
    catalog.setColumns(s("public"), s("authors"), {{s("id"), CompletionItem::Kind::Column, {}},
                                                    {s("name"), CompletionItem::Kind::Column, {}}});
    auto texts = [&](const QString &sql, int cursor = -1, QList<TableRef> *missing = nullptr) {
        const CompletionContext ctx = SqlCompletion::analyze(sql, cursor < 0 ? int(sql.size()) : cursor, DialectKind::Postgres);
        QStringList out;
        for (const CompletionItem &i : SqlCompletion::complete(ctx, catalog, missing))
            out.append(i.text);
        return out;
    };
    const QString sql = s("SELECT b.ti FROM books AS b JOIN authors a ON a.id = b.author_id");
    QCOMPARE(texts(sql, int(sql.indexOf(s(" FROM")))), QStringList({s("title")}));
    const QString sql2 = s("SELECT a. FROM books b, authors a");
    QCOMPARE(texts(sql2, int(sql2.indexOf(s(" FROM")))), QStringList({s("id"), s("name")}));
    QCOMPARE(texts(s("SELECT * FROM bo")), QStringList({s("book_view"), s("books")}));
    QCOMPARE(texts(s("SELECT * FROM books, au")), QStringList({s("authors")}));
    QCOMPARE(texts(s("SELECT * FROM sales.")), QStringList({s("orders")}));
    const QString sql3 = s("SELECT ti FROM books");
    QVERIFY(texts(sql3, 9).contains(s("title")));
    QVERIFY(texts(s("SEL")).contains(s("SELECT")));
    const QString sql4 = s("SELECT o. FROM sales.orders o");
    QList<TableRef> missing;
    QVERIFY(texts(sql4, int(sql4.indexOf(s(" FROM"))), &missing).isEmpty());
    QCOMPARE(missing.size(), 1);
    QCOMPARE(missing[0].schema, s("sales"));
    QCOMPARE(missing[0].name, s("orders"));
    const QList<TableRef> tables = SqlCompletion::tablesOf(s("UPDATE \"My Table\" t SET x = 1 FROM other WHERE true"), DialectKind::Postgres);
    QCOMPARE(tables.size(), 2);
    QCOMPARE(tables[0].name, s("My Table"));
    QCOMPARE(tables[0].alias, s("t"));
    QCOMPARE(tables[1].name, s("other"));
    QCOMPARE(tables[1].alias, QString());
}

void TestConsoleTools::completionIsInstantOnTenThousandTables()
{
    CompletionCatalog catalog(DialectKind::Postgres);
    QElapsedTimer build;
    build.start();
    for (int i = 0; i < 10000; ++i)
        catalog.addRelation(s("public"), QStringLiteral("table_%1").arg(i, 5, 10, QLatin1Char('0')), false);
    catalog.setColumns(s("public"), s("table_04242"), {{s("answer"), CompletionItem::Kind::Column, {}}});
    const QString sql = s("SELECT t.an FROM table_04242 t WHERE x = 1; SELECT * FROM table_0999");
    // first lookup sorts the index; count it in
    QElapsedTimer timer;
    timer.start();
    const int runs = 200;
    QList<CompletionItem> items;
    for (int i = 0; i < runs; ++i) {
        const CompletionContext ctx = SqlCompletion::analyze(sql, int(sql.size()), DialectKind::Postgres);
        items = SqlCompletion::complete(ctx, catalog);
    }
    const double perLookupMs = double(timer.nsecsElapsed()) / 1e6 / runs;
    QCOMPARE(items.size(), 10);   // table_09990 .. table_09999
    QVERIFY2(perLookupMs < 5.0, qPrintable(QStringLiteral("%1 ms per completion").arg(perLookupMs)));
    const CompletionContext ctx = SqlCompletion::analyze(sql, int(sql.indexOf(s(" FROM"))), DialectKind::Postgres);
    const QList<CompletionItem> cols = SqlCompletion::complete(ctx, catalog);
    QCOMPARE(cols.size(), 1);
    QCOMPARE(cols[0].text, s("answer"));
    qInfo("build %lld ms, %.3f ms per completion on 10,000 tables", build.elapsed(), perLookupMs);
}

void TestConsoleTools::explainPostgresJson()
{
    const QString json = s(R"json([{"Plan": {"Node Type": "Hash Join", "Join Type": "Inner", "Startup Cost": 1.0, "Total Cost": 50.0,
        "Plan Rows": 100, "Actual Startup Time": 0.5, "Actual Total Time": 40.0, "Actual Rows": 90, "Actual Loops": 1,
        "Hash Cond": "(a.id = b.author_id)",
        "Plans": [
          {"Node Type": "Seq Scan", "Relation Name": "books", "Alias": "b", "Total Cost": 30.0, "Plan Rows": 1000,
           "Actual Total Time": 30.0, "Actual Rows": 1000, "Actual Loops": 1, "Filter": "(pages > 10)"},
          {"Node Type": "Hash", "Total Cost": 5.0, "Actual Total Time": 2.0, "Actual Loops": 1,
           "Plans": [{"Node Type": "Seq Scan", "Relation Name": "authors", "Alias": "a", "Total Cost": 4.0,
                      "Actual Total Time": 1.5, "Actual Loops": 1}]}
        ]},
      "Planning Time": 0.2, "Execution Time": 41.0}])json");
    const Result<ExplainPlan> plan = ExplainParser::parsePostgresJson(json);
    QVERIFY(plan.ok());
    QVERIFY(plan->analyzed);
    QCOMPARE(plan->root.nodeType, s("Inner Hash Join"));
    QCOMPARE(plan->root.children.size(), 2);
    const PlanNode &books = plan->root.children[0];
    QCOMPARE(books.relation, s("books"));
    QCOMPARE(books.detail, s("Filter: (pages > 10)"));
    QCOMPARE(books.actualTotalMs, 30.0);
    QVERIFY(books.slow);                       // 30 of 41 ms are its own
    QVERIFY(!plan->root.children[1].slow);
    QCOMPARE(plan->root.exclusive, 8.0);       // 40 - 30 - 2
    QCOMPARE(plan->executionMs, 41.0);
    QVERIFY(!ExplainParser::parsePostgresJson(s("not json")).ok());
    QCOMPARE(ExplainParser::explainSql(DialectKind::Postgres, s("SELECT 1"), true),
             s("EXPLAIN (FORMAT JSON, ANALYZE, BUFFERS) SELECT 1"));
}

void TestConsoleTools::explainSqliteRows()
{
    const ExplainPlan plan = ExplainParser::fromSqliteRows({{2, 0, s("SCAN b")},
                                                            {4, 0, s("SEARCH a USING INTEGER PRIMARY KEY (rowid=?)")},
                                                            {7, 0, s("SCALAR SUBQUERY 1")},
                                                            {9, 7, s("SCAN c")}});
    QCOMPARE(plan.root.children.size(), 3);
    QCOMPARE(plan.root.children[0].relation, s("b"));
    QCOMPARE(plan.root.children[1].relation, s("a"));
    QCOMPARE(plan.root.children[2].children.size(), 1);
    QCOMPARE(plan.root.children[2].children[0].nodeType, s("SCAN c"));
}

void TestConsoleTools::resultModel()
{
    ResultSetModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setColumns({{s("id"), s("int8"), 20}, {s("title"), s("text"), 25}});
    for (int b = 0; b < 3; ++b) {
        auto batch = std::make_shared<RowBatch>();
        batch->columnCount = 2;
        batch->firstRow = b * 2;
        for (int r = 0; r < 2; ++r) {
            batch->cells.append(qlonglong(b * 2 + r));
            batch->cells.append(r == 0 ? QVariant() : QVariant(s("line\nbreak")));
        }
        model.appendBatch(batch);
    }
    QCOMPARE(model.rowCount(), 6);
    QCOMPARE(model.data(model.index(4, 0)).toString(), s("4"));
    QCOMPARE(model.data(model.index(4, 1)).toString(), s("NULL"));
    QVERIFY(model.data(model.index(4, 1), ResultSetModel::IsNullRole).toBool());
    QCOMPARE(model.data(model.index(5, 1), ResultSetModel::ValueRole).toString(), s("line\nbreak"));
    QVERIFY(!model.data(model.index(5, 1)).toString().contains(QLatin1Char('\n')));
    QCOMPARE(model.value(1, 0).toLongLong(), 1LL);
    QCOMPARE(model.value(3, 0).toLongLong(), 3LL);
    int rows = 0;
    model.forEachRow([&](const RowBatch &batch, int row) {
        [&] { QCOMPARE(batch.columnCount, 2); QCOMPARE(batch.cell(row, 0).toLongLong(), qlonglong(rows)); }();
        ++rows;
        return true;
    });
    // text kept as UTF-8 spans decodes to the same strings
    auto packed = std::make_shared<RowBatch>();
    packed->columnCount = 2;
    const QByteArray a = QStringLiteral("ä;b").toUtf8();
    packed->appendText(a.constData(), a.size());
    packed->cells.append(QVariant());
    model.appendBatch(packed);
    QCOMPARE(model.value(6, 0), QVariant(QStringLiteral("ä;b")));
    QVERIFY(model.data(model.index(6, 1), ResultSetModel::IsNullRole).toBool());
    QCOMPARE(rows, 6);
}

STRATA_TEST_MAIN(TestConsoleTools)
#include "tst_consoletools.moc"
