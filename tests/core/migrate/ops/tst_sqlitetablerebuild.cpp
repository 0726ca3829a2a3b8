// The SQLite table rebuild on a real file: a parent table with rows, a UNIQUE constraint, a
// CHECK, plain, collated and partial expression indexes, triggers, a view and a view on that
// view, a child table with ON DELETE CASCADE and a trigger naming the parent. Altering a
// column, adding a foreign key and dropping a constraint keep every row and object; the
// downgrade gives back the schema read at the start; a failing rebuild leaves it untouched.

#include "catalog/catalogreader.h"
#include "migrate/ops/operationcompiler.h"
#include "support/scratchdatabase.h"
#include "support/testenvironment.h"

#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QtTest>

using namespace strata;
using namespace strata::catalog;
using namespace strata::migrate::ops;
using dialect::DialectKind;

namespace {

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

const QStringList kSchema = {
    s("CREATE TABLE shelf (id INTEGER PRIMARY KEY, label TEXT)"),
    s("CREATE TABLE parent (\n"
      "  id INTEGER PRIMARY KEY,\n"
      "  code TEXT NOT NULL,\n"
      "  name TEXT,\n"
      "  qty INTEGER DEFAULT 0,\n"
      "  shelf_id INTEGER,\n"
      "  CONSTRAINT parent_code_key UNIQUE (code),\n"
      "  CONSTRAINT qty_positive CHECK (qty >= 0)\n"
      ")"),
    s("CREATE INDEX parent_name ON parent(name COLLATE NOCASE DESC)"),
    s("CREATE UNIQUE INDEX parent_lower_name ON parent(lower(name)) WHERE name IS NOT NULL"),
    s("CREATE TABLE log (msg TEXT)"),
    s("CREATE TRIGGER parent_log AFTER INSERT ON parent BEGIN INSERT INTO log VALUES ('new ' || NEW.code); END"),
    s("CREATE VIEW parent_names AS SELECT id, name FROM \"Parent\""),
    s("CREATE VIEW parent_names_upper AS SELECT upper(name) AS n FROM parent_names"),
    s("CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL REFERENCES parent(id) ON DELETE CASCADE, note TEXT)"),
    s("CREATE TRIGGER child_check BEFORE INSERT ON child BEGIN "
      "SELECT RAISE(ABORT, 'no parent') WHERE NOT EXISTS (SELECT 1 FROM parent WHERE id = NEW.parent_id); END"),
};

const QStringList kRows = {
    s("INSERT INTO shelf VALUES (1, 'top'), (2, 'bottom')"),
    s("INSERT INTO parent (id, code, name, qty, shelf_id) VALUES (1, 'a', 'Alpha', 3, 1), (2, 'b', 'Beta', 0, 2), (3, 'c', 'Gamma', 7, NULL)"),
    s("INSERT INTO child (id, parent_id, note) VALUES (1, 1, 'x'), (2, 1, 'y'), (3, 2, 'z'), (4, 3, 'w'), (5, 3, 'v')"),
};

const dialect::Dialect &sqlite()
{
    return dialect::dialectFor(DialectKind::Sqlite);
}

// What CatalogReader sees; the CREATE text of a rebuilt table is Strata's own, so ddl is
// left out (the definitions of indexes, triggers and views are compared field by field).
QList<TableDetail> describeAll(QSqlDatabase &db)
{
    Result<QList<TableDetail>> all = CatalogReader::create(DialectKind::Sqlite)->describe(db, s("main"));
    if (!all) {
        qWarning("%s", qPrintable(all.error().message));
        return {};
    }
    QList<TableDetail> out = *all;
    for (TableDetail &t : out)
        t.ddl.clear();
    return out;
}

bool sameDetails(const QList<TableDetail> &a, const QList<TableDetail> &b)
{
    if (a.size() != b.size())
        return false;
    for (int i = 0; i < a.size(); ++i) {
        const TableDetail &x = a.at(i);
        const TableDetail &y = b.at(i);
        if (!(x.relation == y.relation && x.columns == y.columns && x.indexes == y.indexes && x.foreignKeys == y.foreignKeys
              && x.constraints == y.constraints && x.triggers == y.triggers && x.viewDefinition == y.viewDefinition)) {
            qWarning("differs: %s", qPrintable(x.relation.name));
            return false;
        }
    }
    return true;
}

SchemaSnapshot snapshotOf(QSqlDatabase &db)
{
    Result<QList<TableDetail>> all = CatalogReader::create(DialectKind::Sqlite)->describe(db, s("main"));
    SchemaSnapshot snap;
    snap.dialect = DialectKind::Sqlite;
    snap.schema = s("main");
    if (!all)
        return snap;
    for (const TableDetail &t : *all)
        (t.relation.kind == RelationKind::View ? snap.views : snap.tables).append(t);
    return snap;
}

QStringList rows(QSqlDatabase &db, const QString &sql)
{
    QStringList out;
    QSqlQuery q(db);
    if (!q.exec(sql))
        return {s("error: ") + q.lastError().text()};
    while (q.next()) {
        QStringList values;
        for (int i = 0; i < q.record().count(); ++i)
            values.append(q.value(i).isNull() ? s("NULL") : q.value(i).toString());
        out.append(values.join(QLatin1Char('|')));
    }
    return out;
}

QStringList allRows(QSqlDatabase &db)
{
    return rows(db, s("SELECT * FROM parent ORDER BY id")) + rows(db, s("SELECT * FROM child ORDER BY id"))
           + rows(db, s("SELECT * FROM log ORDER BY rowid")) + rows(db, s("SELECT * FROM parent_names_upper ORDER BY n"));
}

const ColumnInfo &columnOf(const SchemaSnapshot &snap, const char *table, const char *column)
{
    return *snap.table(s(table))->column(s(column));
}

} // namespace

class TestSqliteTableRebuild : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void rebuildKeepsRowsAndObjects();
    void failingRebuildRollsBack();
    void nativeDropAndAddColumn();
    void hostileNames();

private:
    QSqlDatabase m_db;
};

void TestSqliteTableRebuild::init()
{
    m_db = strata::test::openTestDatabase(strata::test::tempPath(s("rebuild.db")));
    QVERIFY(m_db.isOpen());
    QVERIFY(QSqlQuery(m_db).exec(s("PRAGMA foreign_keys = ON")));
    const QString error = strata::test::execAll(m_db, kSchema + kRows);
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void TestSqliteTableRebuild::cleanup()
{
    const QString path = m_db.databaseName();
    strata::test::closeTestDatabase(m_db);
    QFile::remove(path);
}

void TestSqliteTableRebuild::rebuildKeepsRowsAndObjects()
{
    const QList<TableDetail> start = describeAll(m_db);
    const QStringList startRows = allRows(m_db);
    QCOMPARE(startRows.size(), 3 + 5 + 3 + 3);
    const SchemaSnapshot before = snapshotOf(m_db);

    ColumnInfo qty = columnOf(before, "parent", "qty");
    qty.dataType = s("NUMERIC");
    qty.nullable = false;
    qty.defaultValue = s("1");
    const ConstraintInfo *check = nullptr;
    for (const ConstraintInfo &c : before.table(s("parent"))->constraints)
        if (c.name == s("qty_positive"))
            check = &c;
    QVERIFY(check);
    const QList<Operation> ops{
        AlterColumn{s("main"), s("parent"), columnOf(before, "parent", "qty"), qty},
        AddForeignKey{s("main"), s("parent"), {s("parent_shelf_fk"), {s("shelf_id")}, s("main"), s("shelf"), {s("id")}, s("SET NULL"), s("NO ACTION")}},
        DropConstraint{s("main"), s("parent"), *check},
    };
    Result<CompiledMigration> migration = compileMigration(sqlite(), ops, before);
    QVERIFY2(migration, migration ? "" : qPrintable(migration.error().message));
    // The three changes of "parent" share one rebuild each way.
    QCOMPARE(migration->upgrade.filter(s("CREATE TABLE \"_strata_new_parent\"")).size(), 1);
    QCOMPARE(migration->downgrade.filter(s("CREATE TABLE \"_strata_new_parent\"")).size(), 1);

    Status up = applyStatements(m_db, sqlite(), migration->upgrade);
    QVERIFY2(up, up ? "" : qPrintable(up.error().message + s("\n") + up.error().sql));
    QCOMPARE(allRows(m_db), startRows);   // no row lost, no cascade, no trigger fired
    QCOMPARE(rows(m_db, s("PRAGMA foreign_keys")), QStringList{s("1")});   // restored
    QVERIFY(rows(m_db, s("PRAGMA foreign_key_check")).isEmpty());

    const SchemaSnapshot upgraded = snapshotOf(m_db);
    const TableDetail *parent = upgraded.table(s("parent"));
    QCOMPARE(parent->column(s("qty"))->dataType, s("NUMERIC"));
    QVERIFY(!parent->column(s("qty"))->nullable);
    QCOMPARE(parent->foreignKeys.size(), 1);
    QCOMPARE(parent->foreignKeys.first().name, s("parent_shelf_fk"));
    QCOMPARE(parent->foreignKeys.first().onDelete, s("SET NULL"));
    for (const ConstraintInfo &c : parent->constraints)
        QVERIFY(c.kind != ConstraintKind::Check);
    QCOMPARE(parent->indexes, before.table(s("parent"))->indexes);   // as written, autoindex name included
    QCOMPARE(parent->triggers.size(), 1);
    QVERIFY(upgraded.view(s("parent_names")));
    QVERIFY(upgraded.view(s("parent_names_upper")));
    QCOMPARE(upgraded.table(s("child"))->triggers.size(), 1);
    QCOMPARE(upgraded.table(s("child"))->foreignKeys, before.table(s("child"))->foreignKeys);
    // The cascade still works after the rebuild.
    QVERIFY(QSqlQuery(m_db).exec(s("DELETE FROM parent WHERE id = 2")));
    QCOMPARE(rows(m_db, s("SELECT id FROM child ORDER BY id")), QStringList({s("1"), s("2"), s("4"), s("5")}));
    QVERIFY(QSqlQuery(m_db).exec(s("INSERT INTO parent (id, code, name, qty, shelf_id) VALUES (2, 'b', 'Beta', 0, 2)")));
    QVERIFY(QSqlQuery(m_db).exec(s("INSERT INTO child (id, parent_id, note) VALUES (3, 2, 'z')")));
    QVERIFY(QSqlQuery(m_db).exec(s("DELETE FROM log WHERE rowid > 3")));

    Status down = applyStatements(m_db, sqlite(), migration->downgrade);
    QVERIFY2(down, down ? "" : qPrintable(down.error().message + s("\n") + down.error().sql));
    QVERIFY(sameDetails(describeAll(m_db), start));
    QCOMPARE(allRows(m_db), startRows);
    QVERIFY(rows(m_db, s("SELECT name FROM sqlite_schema WHERE name LIKE '%strata_new%'")).isEmpty());
}

void TestSqliteTableRebuild::failingRebuildRollsBack()
{
    QVERIFY(QSqlQuery(m_db).exec(s("INSERT INTO parent (id, code, name) VALUES (4, 'd', NULL)")));
    const QList<TableDetail> start = describeAll(m_db);
    const QStringList startRows = allRows(m_db);
    SchemaSnapshot state = snapshotOf(m_db);
    const ColumnInfo name = columnOf(state, "parent", "name");
    ColumnInfo notNull = name;
    notNull.nullable = false;
    Result<QStringList> statements = compile(sqlite(), {AlterColumn{s("main"), s("parent"), name, notNull}}, state);
    QVERIFY(statements);

    const Status status = applyStatements(m_db, sqlite(), *statements);
    QVERIFY(!status);
    QCOMPARE(status.error().kind, ErrorKind::Constraint);
    QVERIFY2(status.error().sql.startsWith(s("INSERT INTO \"_strata_new_parent\"")), qPrintable(status.error().sql));
    QVERIFY(sameDetails(describeAll(m_db), start));
    QCOMPARE(allRows(m_db), startRows);
    QCOMPARE(rows(m_db, s("PRAGMA foreign_keys")), QStringList{s("1")});
    QVERIFY(QSqlQuery(m_db).exec(s("BEGIN")));   // no transaction was left open
    QVERIFY(QSqlQuery(m_db).exec(s("ROLLBACK")));
}

void TestSqliteTableRebuild::nativeDropAndAddColumn()
{
    const QList<TableDetail> start = describeAll(m_db);
    const SchemaSnapshot before = snapshotOf(m_db);
    // shelf.label is used by nothing: native DROP COLUMN; its reverse a native ADD COLUMN.
    const QList<Operation> ops{DropColumn{s("main"), s("shelf"), columnOf(before, "shelf", "label")},
                               RenameColumn{s("main"), s("child"), s("note"), s("remark")}};
    Result<CompiledMigration> migration = compileMigration(sqlite(), ops, before);
    QVERIFY(migration);
    QCOMPARE(migration->upgrade, QStringList({s("ALTER TABLE \"shelf\" DROP COLUMN \"label\""),
                                              s("ALTER TABLE \"child\" RENAME COLUMN \"note\" TO \"remark\"")}));
    QVERIFY(applyStatements(m_db, sqlite(), migration->upgrade));
    QCOMPARE(rows(m_db, s("SELECT remark FROM child WHERE id = 1")), QStringList{s("x")});
    QVERIFY(applyStatements(m_db, sqlite(), migration->downgrade));
    QList<TableDetail> end = describeAll(m_db);
    QVERIFY(sameDetails(end, start));
    QCOMPARE(rows(m_db, s("SELECT count(*) FROM shelf")), QStringList{s("2")});
}

void TestSqliteTableRebuild::hostileNames()
{
    // Quotes, spaces, a reserved word and non-ASCII in every name the rebuild writes.
    const QString error = strata::test::execAll(m_db, {
        s("CREATE TABLE \"we\"\"ird t\u00e9\" (\"sel\"\"ect\" TEXT, [order] INTEGER, CONSTRAINT \"u\"\"q\" UNIQUE (\"order\"))"),
        s("CREATE INDEX \"i\"\"x\" ON \"we\"\"ird t\u00e9\" (\"sel\"\"ect\")"),
        s("CREATE VIEW \"v\"\"w\" AS SELECT \"order\" FROM \"WE\"\"IRD T\u00e9\""),
        s("INSERT INTO \"we\"\"ird t\u00e9\" VALUES ('a', 1), ('b', 2)"),
    });
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const QList<TableDetail> start = describeAll(m_db);
    const SchemaSnapshot before = snapshotOf(m_db);
    const QString table = s("we\"ird t\u00e9");
    QVERIFY(before.table(table));
    ColumnInfo from = *before.table(table)->column(s("order"));
    ColumnInfo to = from;
    to.dataType = s("TEXT");
    Result<CompiledMigration> migration = compileMigration(sqlite(), {AlterColumn{s("main"), table, from, to}}, before);
    QVERIFY2(migration, migration ? "" : qPrintable(migration.error().message));
    QVERIFY(migration->upgrade.contains(s("DROP VIEW \"v\"\"w\"")));   // found in any case
    Status up = applyStatements(m_db, sqlite(), migration->upgrade);
    QVERIFY2(up, up ? "" : qPrintable(up.error().message + s("\n") + up.error().sql));
    QCOMPARE(rows(m_db, s("SELECT * FROM \"v\"\"w\" ORDER BY 1")), QStringList({s("1"), s("2")}));
    QCOMPARE(rows(m_db, s("SELECT typeof(\"order\") FROM \"we\"\"ird t\u00e9\" LIMIT 1")), QStringList{s("text")});
    Status down = applyStatements(m_db, sqlite(), migration->downgrade);
    QVERIFY2(down, down ? "" : qPrintable(down.error().message + s("\n") + down.error().sql));
    QVERIFY(sameDetails(describeAll(m_db), start));
}

STRATA_TEST_MAIN(TestSqliteTableRebuild)
#include "tst_sqlitetablerebuild.moc"
