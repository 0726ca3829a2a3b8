// The exact SQL of every operation and of its reverse, on both dialects, and the errors
// the compilers raise before anything runs. No database: snapshots are built by hand.
// Tables and columns here; indexes, constraints, keys, views, types and whole migrations in
// tst_operationcompilerschema.

#include "opcompilertesting.h"

using namespace opcompilertesting;

class TestOperationCompiler : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void createTableSqlite();
    void createTablePostgres();
    void dropTableRecreatesIndexesAndTriggers();
    void sqliteAutoincrementAndWithoutRowid();
    void renameTable();
    void addColumnNative();
    void addColumnRebuildsWhenSqliteCannot();
    void addNotNullColumnWithoutDefaultFailsOnSqlite();
    void dropColumn();
    void dropColumnUsedByTriggerFails();
    void alterColumnPostgres();
    void alterColumnSqliteRebuilds();
    void sqliteRebuildsOfOneTableAreJoined();
    void renameColumn();
};

void TestOperationCompiler::createTableSqlite()
{
    SchemaSnapshot snap = sqliteBooks();
    const Compiled c = both(snap, CreateTable{shelf("main", false)});
    QCOMPARE(c.up, QStringList({s("CREATE TABLE \"shelf\" (\n"
                                  "    \"room\" TEXT NOT NULL,\n"
                                  "    \"slot\" INTEGER NOT NULL,\n"
                                  "    \"label\" TEXT COLLATE \"NOCASE\",\n"
                                  "    \"weight\" REAL DEFAULT (1.5 * 2),\n"
                                  "    CONSTRAINT \"shelf_pk\" PRIMARY KEY (\"room\", \"slot\"),\n"
                                  "    CONSTRAINT \"shelf_label_key\" UNIQUE (\"label\"),\n"
                                  "    CONSTRAINT \"shelf_check\" CHECK (slot > 0 AND room <> '')\n"
                                  ")"),
                                s("CREATE UNIQUE INDEX \"shelf_lower_label\" ON \"shelf\" ((lower(label)), \"slot\") "
                                  "WHERE label IS NOT NULL")}));
    QCOMPARE(c.down, QStringList({s("DROP TABLE \"shelf\"")}));
}

void TestOperationCompiler::createTablePostgres()
{
    SchemaSnapshot snap = pgBooks();
    snap.tables.removeAt(1);   // books is created below
    const Compiled c = both(snap, CreateTable{pgBooks().tables.at(1)});
    QCOMPARE(c.up, QStringList({s("CREATE TABLE \"public\".\"books\" (\n"
                                  "    \"id\" bigserial NOT NULL CONSTRAINT \"books_pkey\" PRIMARY KEY,\n"
                                  "    \"title\" text NOT NULL,\n"
                                  "    \"price\" numeric(8,2) DEFAULT 0,\n"
                                  "    \"author_id\" integer,\n"
                                  "    CONSTRAINT \"books_author_id_fkey\" FOREIGN KEY (\"author_id\") "
                                  "REFERENCES \"public\".\"authors\" (\"id\") ON DELETE CASCADE\n"
                                  ")"),
                                s("COMMENT ON TABLE \"public\".\"books\" IS 'every book'"),
                                s("COMMENT ON COLUMN \"public\".\"books\".\"price\" IS 'in euros'")}));
    QCOMPARE(c.down, QStringList({s("DROP TABLE \"public\".\"books\"")}));

    const Compiled identity = both(pgBooks(), CreateTable{shelf("public", true)});
    QCOMPARE(identity.up.first(), s("CREATE TABLE \"public\".\"shelf\" (\n"
                                    "    \"room\" text NOT NULL,\n"
                                    "    \"slot\" integer NOT NULL,\n"
                                    "    \"label\" text COLLATE \"C\",\n"
                                    "    \"weight\" real DEFAULT 1.5 * 2,\n"
                                    "    CONSTRAINT \"shelf_pk\" PRIMARY KEY (\"room\", \"slot\"),\n"
                                    "    CONSTRAINT \"shelf_label_key\" UNIQUE (\"label\"),\n"
                                    "    CONSTRAINT \"shelf_check\" CHECK (slot > 0 AND room <> '')\n"
                                    ")"));
    QCOMPARE(identity.up.at(1), s("CREATE UNIQUE INDEX \"shelf_lower_label\" ON \"public\".\"shelf\" "
                                  "((lower(label)), \"slot\") WHERE label IS NOT NULL"));

    SchemaSnapshot empty = pgBooks();
    empty.tables.clear();
    TableDetail authors = pgBooks().tables.at(0);
    authors.columns[0].identityGeneration = s("ALWAYS");
    QCOMPARE(both(empty, CreateTable{authors}).up.first(),
             s("CREATE TABLE \"public\".\"authors\" (\n"
               "    \"id\" integer GENERATED ALWAYS AS IDENTITY NOT NULL CONSTRAINT \"authors_pkey\" PRIMARY KEY,\n"
               "    \"name\" text NOT NULL\n"
               ")"));
}

void TestOperationCompiler::dropTableRecreatesIndexesAndTriggers()
{
    const SchemaSnapshot snap = sqliteBooks();
    const Compiled c = both(snap, DropTable{snap.tables.at(1)});
    QCOMPARE(c.up, QStringList({s("DROP TABLE \"books\"")}));
    QCOMPARE(c.down, QStringList({s("CREATE TABLE \"books\" (\n"
                                    "    \"id\" INTEGER PRIMARY KEY,\n"
                                    "    \"title\" TEXT NOT NULL,\n"
                                    "    \"price\" REAL DEFAULT 0 CHECK (price >= 0),\n"
                                    "    \"author_id\" INTEGER,\n"
                                    "    FOREIGN KEY (\"author_id\") REFERENCES \"authors\" (\"id\") ON DELETE CASCADE\n"
                                    ")"),
                                  s("CREATE INDEX books_title ON books(title)"),
                                  s("CREATE TRIGGER books_ai AFTER INSERT ON books BEGIN UPDATE books SET price = 0 "
                                    "WHERE price IS NULL; END")}));
}

void TestOperationCompiler::sqliteAutoincrementAndWithoutRowid()
{
    SchemaSnapshot snap = sqliteBooks();
    TableDetail authors = snap.tables.at(0);
    authors.ddl = s("CREATE TABLE authors (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL);");
    snap.tables.removeAt(0);
    QCOMPARE(both(snap, CreateTable{authors}).up.first(), s("CREATE TABLE \"authors\" (\n"
                                                            "    \"id\" INTEGER PRIMARY KEY AUTOINCREMENT,\n"
                                                            "    \"name\" TEXT NOT NULL\n"
                                                            ")"));
    authors.ddl.clear();
    authors.relation.withoutRowid = true;
    authors.columns[0].isIdentity = false;
    QCOMPARE(both(snap, CreateTable{authors}).up.first(), s("CREATE TABLE \"authors\" (\n"
                                                            "    \"id\" INTEGER NOT NULL PRIMARY KEY,\n"
                                                            "    \"name\" TEXT NOT NULL\n"
                                                            ") WITHOUT ROWID"));
}

void TestOperationCompiler::renameTable()
{
    Compiled c = both(sqliteBooks(), RenameTable{s("main"), s("books"), s("volumes")});
    QCOMPARE(c.up, QStringList({s("ALTER TABLE \"books\" RENAME TO \"volumes\"")}));
    QCOMPARE(c.down, QStringList({s("ALTER TABLE \"volumes\" RENAME TO \"books\"")}));
    c = both(pgBooks(), RenameTable{s("public"), s("books"), s("volumes")});
    QCOMPARE(c.up, QStringList({s("ALTER TABLE \"public\".\"books\" RENAME TO \"volumes\"")}));
    QCOMPARE(c.down, QStringList({s("ALTER TABLE \"public\".\"volumes\" RENAME TO \"books\"")}));
}

void TestOperationCompiler::addColumnNative()
{
    Compiled c = both(sqliteBooks(), AddColumn{s("main"), s("books"), column("isbn", "TEXT", false, "'n/a'")});
    QCOMPARE(c.up, QStringList({s("ALTER TABLE \"books\" ADD COLUMN \"isbn\" TEXT DEFAULT 'n/a' NOT NULL")}));
    QCOMPARE(c.down, QStringList({s("ALTER TABLE \"books\" DROP COLUMN \"isbn\"")}));
    c = both(pgBooks(), AddColumn{s("public"), s("books"), column("isbn", "text", false, "'n/a'::text")});
    QCOMPARE(c.up, QStringList({s("ALTER TABLE \"public\".\"books\" ADD COLUMN \"isbn\" text DEFAULT 'n/a'::text NOT NULL")}));
    QCOMPARE(c.down, QStringList({s("ALTER TABLE \"public\".\"books\" DROP COLUMN \"isbn\"")}));
}

void TestOperationCompiler::addColumnRebuildsWhenSqliteCannot()
{
    const Compiled c = both(sqliteBooks(), AddColumn{s("main"), s("books"), column("added", "TEXT", true, "CURRENT_TIMESTAMP")});
    QCOMPARE(c.up, QStringList({s("CREATE TABLE \"_strata_new_books\" (\n"
                                  "    \"id\" INTEGER PRIMARY KEY,\n"
                                  "    \"title\" TEXT NOT NULL,\n"
                                  "    \"price\" REAL DEFAULT 0 CHECK (price >= 0),\n"
                                  "    \"author_id\" INTEGER,\n"
                                  "    \"added\" TEXT DEFAULT CURRENT_TIMESTAMP,\n"
                                  "    FOREIGN KEY (\"author_id\") REFERENCES \"authors\" (\"id\") ON DELETE CASCADE\n"
                                  ")"),
                                s("INSERT INTO \"_strata_new_books\" (\"id\", \"title\", \"price\", \"author_id\") "
                                  "SELECT \"id\", \"title\", \"price\", \"author_id\" FROM \"books\""),
                                s("DROP VIEW \"cheap_books\""),
                                s("DROP TABLE \"books\""),
                                s("ALTER TABLE \"_strata_new_books\" RENAME TO \"books\""),
                                s("CREATE INDEX books_title ON books(title)"),
                                s("CREATE TRIGGER books_ai AFTER INSERT ON books BEGIN UPDATE books SET price = 0 "
                                  "WHERE price IS NULL; END"),
                                s("CREATE VIEW \"cheap_books\" AS\nSELECT id, title FROM books WHERE price < 10")}));
    QCOMPARE(c.down, QStringList({s("ALTER TABLE \"books\" DROP COLUMN \"added\"")}));
    // An expression default and a key column cannot be added natively either.
    const Compiled expression = both(sqliteBooks(), AddColumn{s("main"), s("authors"), column("born", "INTEGER", true, "1900 + 1")});
    QVERIFY(expression.up.first().startsWith(s("CREATE TABLE \"_strata_new_authors\"")));
    QVERIFY(expression.up.first().contains(s("\"born\" INTEGER DEFAULT (1900 + 1)")));
}

void TestOperationCompiler::addNotNullColumnWithoutDefaultFailsOnSqlite()
{
    const Error e = failure(sqliteBooks(), AddColumn{s("main"), s("books"), column("isbn", "TEXT", false)});
    QCOMPARE(e.kind, ErrorKind::Unsupported);
    QVERIFY2(e.message.startsWith(s("add column books.isbn: ")), qPrintable(e.message));
    QVERIFY(e.message.contains(s("NOT NULL")));
}

void TestOperationCompiler::dropColumn()
{
    // author_id is in a foreign key: rebuilt without it (and without the key).
    const SchemaSnapshot snap = sqliteBooks();
    Compiled c = both(snap, DropColumn{s("main"), s("books"), snap.tables.at(1).columns.at(3)});
    QCOMPARE(c.up.size(), 8);
    QCOMPARE(c.up.first(), s("CREATE TABLE \"_strata_new_books\" (\n"
                             "    \"id\" INTEGER PRIMARY KEY,\n"
                             "    \"title\" TEXT NOT NULL,\n"
                             "    \"price\" REAL DEFAULT 0 CHECK (price >= 0)\n"
                             ")"));
    QCOMPARE(c.up.at(1), s("INSERT INTO \"_strata_new_books\" (\"id\", \"title\", \"price\") SELECT \"id\", \"title\", \"price\" FROM \"books\""));
    QCOMPARE(c.down, QStringList({s("ALTER TABLE \"books\" ADD COLUMN \"author_id\" INTEGER")}));
    c = both(pgBooks(), DropColumn{s("public"), s("books"), pgBooks().tables.at(1).columns.at(2)});
    QCOMPARE(c.up, QStringList({s("ALTER TABLE \"public\".\"books\" DROP COLUMN \"price\"")}));
    QCOMPARE(c.down, QStringList({s("ALTER TABLE \"public\".\"books\" ADD COLUMN \"price\" numeric(8,2) DEFAULT 0"),
                                  s("COMMENT ON COLUMN \"public\".\"books\".\"price\" IS 'in euros'")}));
}

void TestOperationCompiler::dropColumnUsedByTriggerFails()
{
    const SchemaSnapshot snap = sqliteBooks();
    const Error e = failure(snap, DropColumn{s("main"), s("books"), snap.tables.at(1).columns.at(2)});
    QCOMPARE(e.kind, ErrorKind::Unsupported);
    QVERIFY2(e.message.contains(s("trigger books_ai")), qPrintable(e.message));
}

void TestOperationCompiler::alterColumnPostgres()
{
    const ColumnInfo from = pgBooks().tables.at(1).columns.at(1);
    ColumnInfo to = from;
    to.dataType = s("varchar(200)");
    to.nullable = true;
    to.defaultValue = s("'untitled'");
    const Compiled c = both(pgBooks(), AlterColumn{s("public"), s("books"), from, to});
    const QString prefix = s("ALTER TABLE \"public\".\"books\" ALTER COLUMN \"title\" ");
    QCOMPARE(c.up, QStringList({prefix + s("TYPE varchar(200) USING \"title\"::varchar(200)"),
                                prefix + s("SET DEFAULT 'untitled'"), prefix + s("DROP NOT NULL")}));
    QCOMPARE(c.down, QStringList({prefix + s("DROP DEFAULT"), prefix + s("TYPE text USING \"title\"::text"),
                                  prefix + s("SET NOT NULL")}));

    ColumnInfo identity = from;
    identity.identityGeneration = s("ALWAYS");
    const Compiled id = both(pgBooks(), AlterColumn{s("public"), s("books"), from, identity});
    QCOMPARE(id.up, QStringList({prefix + s("ADD GENERATED ALWAYS AS IDENTITY")}));
    QCOMPARE(id.down, QStringList({prefix + s("DROP IDENTITY")}));
}

void TestOperationCompiler::alterColumnSqliteRebuilds()
{
    const ColumnInfo from = sqliteBooks().tables.at(1).columns.at(1);
    ColumnInfo to = from;
    to.dataType = s("VARCHAR(200)");
    to.nullable = true;
    to.defaultValue = s("'untitled'");
    const Compiled c = both(sqliteBooks(), AlterColumn{s("main"), s("books"), from, to});
    QCOMPARE(c.up.size(), 8);
    QVERIFY2(c.up.first().contains(s("    \"title\" VARCHAR(200) DEFAULT 'untitled',\n")), qPrintable(c.up.first()));
    QCOMPARE(c.down.size(), 8);
    QVERIFY2(c.down.first().contains(s("    \"title\" TEXT NOT NULL,\n")), qPrintable(c.down.first()));
}

void TestOperationCompiler::sqliteRebuildsOfOneTableAreJoined()
{
    const SchemaSnapshot snap = sqliteBooks();
    const TableDetail &books = snap.tables.at(1);
    ColumnInfo title = books.columns.at(1);
    title.dataType = s("VARCHAR(200)");
    ColumnInfo price = books.columns.at(2);
    price.nullable = false;
    const QList<Operation> ops{AlterColumn{s("main"), s("books"), books.columns.at(1), title},
                               AlterColumn{s("main"), s("books"), books.columns.at(2), price},
                               DropForeignKey{s("main"), s("books"), books.foreignKeys.first()},
                               RenameColumn{s("main"), s("books"), s("title"), s("name")},
                               AddConstraint{s("main"), s("books"), {s("name_key"), ConstraintKind::Unique, {s("name")}, {}}}};
    SchemaSnapshot state = sqliteBooks();
    Result<QStringList> r = compile(dialect::dialectFor(DialectKind::Sqlite), ops, state);
    QVERIFY2(r, r ? "" : qPrintable(r.error().message));
    // One rebuild for the first three, the native rename, one rebuild for the constraint.
    QCOMPARE(r->size(), 8 + 1 + 8);
    QCOMPARE(r->first(), s("CREATE TABLE \"_strata_new_books\" (\n"
                           "    \"id\" INTEGER PRIMARY KEY,\n"
                           "    \"title\" VARCHAR(200) NOT NULL,\n"
                           "    \"price\" REAL DEFAULT 0 NOT NULL CHECK (price >= 0),\n"
                           "    \"author_id\" INTEGER\n"
                           ")"));
    QCOMPARE(r->at(8), s("ALTER TABLE \"books\" RENAME COLUMN \"title\" TO \"name\""));
    QVERIFY(r->at(9).contains(s("CONSTRAINT \"name_key\" UNIQUE (\"name\")")));
    QCOMPARE(r->at(14), s("CREATE INDEX books_title ON books(\"name\")"));   // follows the rename
    // A joined operation is still checked on its own.
    const QList<Operation> bad{AlterColumn{s("main"), s("books"), books.columns.at(1), title},
                               AddColumn{s("main"), s("books"), column("isbn", "TEXT", false)}};
    state = sqliteBooks();
    QVERIFY(!compile(dialect::dialectFor(DialectKind::Sqlite), bad, state));
}

void TestOperationCompiler::renameColumn()
{
    Compiled c = both(sqliteBooks(), RenameColumn{s("main"), s("books"), s("title"), s("name")});
    QCOMPARE(c.up, QStringList({s("ALTER TABLE \"books\" RENAME COLUMN \"title\" TO \"name\"")}));
    QCOMPARE(c.down, QStringList({s("ALTER TABLE \"books\" RENAME COLUMN \"name\" TO \"title\"")}));
    c = both(pgBooks(), RenameColumn{s("public"), s("books"), s("title"), s("name")});
    QCOMPARE(c.up, QStringList({s("ALTER TABLE \"public\".\"books\" RENAME COLUMN \"title\" TO \"name\"")}));
    QCOMPARE(c.down, QStringList({s("ALTER TABLE \"public\".\"books\" RENAME COLUMN \"name\" TO \"title\"")}));
}

STRATA_TEST_MAIN(TestOperationCompiler)
#include "tst_operationcompiler.moc"
