// The exact SQL of every operation and of its reverse, on both dialects, and the errors
// the compilers raise before anything runs. No database: snapshots are built by hand.

#include "migrate/ops/operationcompiler.h"
#include "support/testenvironment.h"

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

ColumnInfo column(const char *name, const char *type, bool nullable = true, const char *def = "", int pk = 0)
{
    ColumnInfo c;
    c.name = s(name);
    c.dataType = s(type);
    c.nullable = nullable;
    c.defaultValue = s(def);
    c.primaryKeyPosition = pk;
    return c;
}

void number(TableDetail &t)
{
    for (int i = 0; i < t.columns.size(); ++i)
        t.columns[i].position = i + 1;
}

// authors(id, name) <- books(id, title, price, author_id ON DELETE CASCADE), an index and a
// trigger on books, a view reading books.
SchemaSnapshot sqliteBooks()
{
    SchemaSnapshot snap;
    snap.dialect = DialectKind::Sqlite;
    snap.schema = s("main");
    TableDetail authors;
    authors.relation = {s("main"), s("authors"), RelationKind::Table, -1, false, false, {}, {}};
    authors.columns = {column("id", "INTEGER", false, "", 1), column("name", "TEXT", false)};
    authors.columns[0].isIdentity = true;
    number(authors);
    TableDetail books;
    books.relation = {s("main"), s("books"), RelationKind::Table, -1, false, false, {}, {}};
    books.columns = {column("id", "INTEGER", false, "", 1), column("title", "TEXT", false), column("price", "REAL", true, "0"),
                     column("author_id", "INTEGER")};
    books.columns[0].isIdentity = true;
    number(books);
    books.constraints = {{{}, ConstraintKind::PrimaryKey, {s("id")}, s("PRIMARY KEY (id)")},
                         {{}, ConstraintKind::Check, {s("price")}, s("price >= 0")}};
    books.foreignKeys = {{{}, {s("author_id")}, s("main"), s("authors"), {s("id")}, s("CASCADE"), s("NO ACTION")}};
    IndexInfo title;
    title.name = s("books_title");
    title.columns = {s("title")};
    title.isExpression = {false};
    title.definition = s("CREATE INDEX books_title ON books(title)");
    books.indexes = {title};
    books.triggers = {{s("books_ai"), s("AFTER"), {s("INSERT")},
                       s("CREATE TRIGGER books_ai AFTER INSERT ON books BEGIN UPDATE books SET price = 0 WHERE price IS NULL; END")}};
    TableDetail cheap;
    cheap.relation = {s("main"), s("cheap_books"), RelationKind::View, -1, false, false, {}, {}};
    cheap.viewDefinition = s("SELECT id, title FROM books WHERE price < 10");
    snap.tables = {authors, books};
    snap.views = {cheap};
    return snap;
}

SchemaSnapshot pgBooks()
{
    SchemaSnapshot snap;
    snap.dialect = DialectKind::Postgres;
    snap.schema = s("public");
    TableDetail authors;
    authors.relation = {s("public"), s("authors"), RelationKind::Table, -1, false, false, {}, {}};
    authors.columns = {column("id", "integer", false, "", 1), column("name", "text", false)};
    authors.columns[0].isIdentity = true;
    authors.columns[0].identityGeneration = s("BY DEFAULT");
    number(authors);
    authors.constraints = {{s("authors_pkey"), ConstraintKind::PrimaryKey, {s("id")}, s("PRIMARY KEY (id)")}};
    TableDetail books;
    books.relation = {s("public"), s("books"), RelationKind::Table, -1, false, false, {}, s("every book")};
    books.columns = {column("id", "bigint", false, "nextval('books_id_seq'::regclass)", 1), column("title", "text", false),
                     column("price", "numeric(8,2)", true, "0"), column("author_id", "integer")};
    books.columns[0].isIdentity = true;
    books.columns[2].comment = s("in euros");
    number(books);
    books.constraints = {{s("books_pkey"), ConstraintKind::PrimaryKey, {s("id")}, s("PRIMARY KEY (id)")}};
    books.foreignKeys = {{s("books_author_id_fkey"), {s("author_id")}, s("public"), s("authors"), {s("id")},
                          s("CASCADE"), s("NO ACTION")}};
    snap.tables = {authors, books};
    return snap;
}

const dialect::Dialect &dialectOf(const SchemaSnapshot &snap)
{
    return dialect::dialectFor(snap.dialect);
}

// The statements of `op`, and of its reverse compiled against the schema after it.
struct Compiled {
    QStringList up;
    QStringList down;
};

Compiled both(const SchemaSnapshot &before, const Operation &op)
{
    SchemaSnapshot state = before;
    Result<QStringList> up = compile(dialectOf(before), {op}, state);
    if (!up) {
        qWarning("%s", qPrintable(up.error().message));
        return {};
    }
    Result<QStringList> down = compile(dialectOf(before), {reverse(op)}, state);
    if (!down) {
        qWarning("%s", qPrintable(down.error().message));
        return {*up, {}};
    }
    return {*up, *down};
}

Error failure(const SchemaSnapshot &before, const Operation &op)
{
    SchemaSnapshot state = before;
    Result<QStringList> r = compile(dialectOf(before), {op}, state);
    return r ? Error() : r.error();
}

TableDetail shelf(const char *schema, bool postgres)
{
    TableDetail t;
    t.relation = {s(schema), s("shelf"), RelationKind::Table, -1, false, false, {}, {}};
    t.columns = {column("room", postgres ? "text" : "TEXT", false, "", 1), column("slot", postgres ? "integer" : "INTEGER", false, "", 2),
                 column("label", postgres ? "text" : "TEXT"), column("weight", postgres ? "real" : "REAL", true, "1.5 * 2")};
    t.columns[2].collation = postgres ? s("C") : s("NOCASE");
    number(t);
    t.constraints = {{s("shelf_pk"), ConstraintKind::PrimaryKey, {s("room"), s("slot")}, {}},
                     {s("shelf_label_key"), ConstraintKind::Unique, {s("label")}, {}},
                     {s("shelf_check"), ConstraintKind::Check, {s("room"), s("slot")}, s("slot > 0 AND room <> ''")}};
    IndexInfo index;
    index.name = s("shelf_lower_label");
    index.columns = {s("lower(label)"), s("slot")};
    index.isExpression = {true, false};
    index.unique = true;
    index.predicate = s("label IS NOT NULL");
    t.indexes = {index};
    return t;
}

} // namespace

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
    void indexes();
    void constraintsPostgres();
    void constraintsSqliteRebuild();
    void foreignKeys();
    void views();
    void sequencesAndEnums();
    void rawSql();
    void unknownObjectsFail();
    void snapshotFollowsRenames();
    void migrationHasReverseAndNotes();
    void hostileIdentifiers();
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

void TestOperationCompiler::indexes()
{
    const SchemaSnapshot snap = sqliteBooks();
    Compiled c = both(snap, DropIndex{s("main"), s("books"), snap.tables.at(1).indexes.first()});
    QCOMPARE(c.up, QStringList({s("DROP INDEX \"books_title\"")}));
    QCOMPARE(c.down, QStringList({s("CREATE INDEX books_title ON books(title)")}));   // as it was written

    IndexInfo tags;
    tags.name = s("books_tags");
    tags.columns = {s("title"), s("price")};
    tags.isExpression = {false, false};
    tags.method = s("gin");
    c = both(pgBooks(), CreateIndex{s("public"), s("books"), tags});
    QCOMPARE(c.up, QStringList({s("CREATE INDEX \"books_tags\" ON \"public\".\"books\" USING gin (\"title\", \"price\")")}));
    QCOMPARE(c.down, QStringList({s("DROP INDEX \"public\".\"books_tags\"")}));

    // A definition the server wrote for the table in its own schema is reused as written; one
    // read from another schema (a diff between two schemas) never creates the index there.
    IndexInfo byTitle;
    byTitle.name = s("books_by_title");
    byTitle.columns = {s("title")};
    byTitle.isExpression = {false};
    byTitle.method = s("btree");
    byTitle.definition = s("CREATE INDEX books_by_title ON public.books USING btree (title)");
    c = both(pgBooks(), CreateIndex{s("public"), s("books"), byTitle});
    QCOMPARE(c.up, QStringList({byTitle.definition}));
    byTitle.definition = s("CREATE INDEX books_by_title ON wanted.books USING btree (title)");
    c = both(pgBooks(), CreateIndex{s("public"), s("books"), byTitle});
    QCOMPARE(c.up, QStringList({s("CREATE INDEX \"books_by_title\" ON \"public\".\"books\" (\"title\")")}));
}

void TestOperationCompiler::constraintsPostgres()
{
    const QString alter = s("ALTER TABLE \"public\".\"books\" ");
    Compiled c = both(pgBooks(), AddConstraint{s("public"), s("books"), {s("books_title_key"), ConstraintKind::Unique, {s("title")}, {}}});
    QCOMPARE(c.up, QStringList({alter + s("ADD CONSTRAINT \"books_title_key\" UNIQUE (\"title\")")}));
    QCOMPARE(c.down, QStringList({alter + s("DROP CONSTRAINT \"books_title_key\"")}));
    c = both(pgBooks(), AddConstraint{s("public"), s("books"), {s("price_positive"), ConstraintKind::Check, {s("price")}, s("price > 0")}});
    QCOMPARE(c.up, QStringList({alter + s("ADD CONSTRAINT \"price_positive\" CHECK (price > 0)")}));
    QCOMPARE(c.down, QStringList({alter + s("DROP CONSTRAINT \"price_positive\"")}));

    SchemaSnapshot unnamed = pgBooks();
    unnamed.tables[1].constraints.append({{}, ConstraintKind::Check, {}, s("price > 0")});
    const Error e = failure(unnamed, DropConstraint{s("public"), s("books"), {{}, ConstraintKind::Check, {}, s("price > 0")}});
    QCOMPARE(e.kind, ErrorKind::Unsupported);
    QVERIFY(e.message.contains(s("name")));
}

void TestOperationCompiler::constraintsSqliteRebuild()
{
    const Compiled c = both(sqliteBooks(), AddConstraint{s("main"), s("books"), {s("books_title_key"), ConstraintKind::Unique, {s("title")}, {}}});
    QCOMPARE(c.up.size(), 8);
    QVERIFY2(c.up.first().contains(s("    \"author_id\" INTEGER,\n    CONSTRAINT \"books_title_key\" UNIQUE (\"title\"),\n    FOREIGN KEY")),
             qPrintable(c.up.first()));
    QCOMPARE(c.down.size(), 8);
    QVERIFY(!c.down.first().contains(s("UNIQUE")));
    QCOMPARE(c.down.at(5), s("CREATE INDEX books_title ON books(title)"));
}

void TestOperationCompiler::foreignKeys()
{
    const ForeignKeyInfo fk{s("books_author_fk"), {s("author_id")}, s("public"), s("authors"), {s("id")}, s("SET NULL"), s("CASCADE")};
    SchemaSnapshot pg = pgBooks();
    pg.tables[1].foreignKeys.clear();
    const Compiled c = both(pg, AddForeignKey{s("public"), s("books"), fk});
    QCOMPARE(c.up, QStringList({s("ALTER TABLE \"public\".\"books\" ADD CONSTRAINT \"books_author_fk\" FOREIGN KEY (\"author_id\") "
                                  "REFERENCES \"public\".\"authors\" (\"id\") ON DELETE SET NULL ON UPDATE CASCADE")}));
    QCOMPARE(c.down, QStringList({s("ALTER TABLE \"public\".\"books\" DROP CONSTRAINT \"books_author_fk\"")}));

    const SchemaSnapshot lite = sqliteBooks();
    const Compiled r = both(lite, DropForeignKey{s("main"), s("books"), lite.tables.at(1).foreignKeys.first()});
    QCOMPARE(r.up.size(), 8);
    QVERIFY(!r.up.first().contains(s("FOREIGN KEY")));
    QVERIFY(r.down.first().contains(s("FOREIGN KEY (\"author_id\") REFERENCES \"authors\" (\"id\") ON DELETE CASCADE")));
}

void TestOperationCompiler::views()
{
    Compiled c = both(sqliteBooks(), CreateView{s("main"), s("long_books"), s("SELECT * FROM books WHERE length(title) > 20;"), false});
    QCOMPARE(c.up, QStringList({s("CREATE VIEW \"long_books\" AS\nSELECT * FROM books WHERE length(title) > 20")}));
    QCOMPARE(c.down, QStringList({s("DROP VIEW \"long_books\"")}));
    c = both(pgBooks(), CreateView{s("public"), s("stats"), s("SELECT count(*) AS n FROM books"), true});
    QCOMPARE(c.up, QStringList({s("CREATE MATERIALIZED VIEW \"public\".\"stats\" AS\nSELECT count(*) AS n FROM books")}));
    QCOMPARE(c.down, QStringList({s("DROP MATERIALIZED VIEW \"public\".\"stats\"")}));
    const Error e = failure(sqliteBooks(), CreateView{s("main"), s("stats"), s("SELECT 1"), true});
    QCOMPARE(e.kind, ErrorKind::Unsupported);
    QVERIFY(e.message.contains(s("materialized")));
}

void TestOperationCompiler::sequencesAndEnums()
{
    const SequenceInfo ticket{s("public"), s("ticket"), s("bigint"), {}};
    Compiled c = both(pgBooks(), CreateSequence{ticket, 100, 5});
    QCOMPARE(c.up, QStringList({s("CREATE SEQUENCE \"public\".\"ticket\" AS bigint INCREMENT BY 5 START WITH 100")}));
    QCOMPARE(c.down, QStringList({s("DROP SEQUENCE \"public\".\"ticket\"")}));
    const EnumTypeInfo mood{s("public"), s("mood"), {s("sad"), s("ok"), s("it's fine")}};
    c = both(pgBooks(), CreateEnum{mood});
    QCOMPARE(c.up, QStringList({s("CREATE TYPE \"public\".\"mood\" AS ENUM ('sad', 'ok', 'it''s fine')")}));
    QCOMPARE(c.down, QStringList({s("DROP TYPE \"public\".\"mood\"")}));

    Error e = failure(sqliteBooks(), CreateEnum{mood});
    QCOMPARE(e.kind, ErrorKind::Unsupported);
    QCOMPARE(e.message, s("create enum type mood: SQLite has no enum types"));
    e = failure(sqliteBooks(), CreateSequence{ticket, 1, 1});
    QCOMPARE(e.message, s("create sequence ticket: SQLite has no sequences"));
}

void TestOperationCompiler::rawSql()
{
    const RawSql raw{s("UPDATE books SET price = 1;"), s("UPDATE books SET price = 0"), s("postgresql")};
    Compiled c = both(pgBooks(), raw);
    QCOMPARE(c.up, QStringList({s("UPDATE books SET price = 1")}));
    QCOMPARE(c.down, QStringList({s("UPDATE books SET price = 0")}));
    c = both(sqliteBooks(), raw);
    QVERIFY(c.up.isEmpty());
    QVERIFY(c.down.isEmpty());
    c = both(sqliteBooks(), RawSql{s("DELETE FROM books"), {}, {}});
    QCOMPARE(c.up, QStringList({s("DELETE FROM books")}));
}

void TestOperationCompiler::unknownObjectsFail()
{
    Error e = failure(sqliteBooks(), AddColumn{s("main"), s("nope"), column("x", "TEXT")});
    QCOMPARE(e.kind, ErrorKind::NotFound);
    QCOMPARE(e.message, s("add column nope.x: table nope does not exist in the schema"));
    e = failure(pgBooks(), AlterColumn{s("public"), s("books"), column("ghost", "text"), column("ghost", "integer")});
    QCOMPARE(e.message, s("alter column books.ghost: column books.ghost does not exist in the schema"));
    e = failure(pgBooks(), CreateTable{pgBooks().tables.at(0)});
    QCOMPARE(e.kind, ErrorKind::Conflict);
    // Nothing is returned when a later operation fails.
    SchemaSnapshot state = pgBooks();
    Result<QStringList> r = compile(dialect::dialectFor(DialectKind::Postgres),
                                    {RenameTable{s("public"), s("books"), s("volumes")}, DropIndex{s("public"), s("books"), {}}}, state);
    QVERIFY(!r);
    QVERIFY(state.table(s("books")));   // the state is left as it was
}

void TestOperationCompiler::snapshotFollowsRenames()
{
    SchemaSnapshot snap = sqliteBooks();
    QVERIFY(applyOperation(snap, RenameTable{s("main"), s("AUTHORS"), s("writers")}));   // SQLite: any case
    QCOMPARE(snap.table(s("books"))->foreignKeys.first().referencedTable, s("writers"));
    QVERIFY(applyOperation(snap, RenameColumn{s("main"), s("writers"), s("id"), s("writer_id")}));
    QCOMPARE(snap.table(s("books"))->foreignKeys.first().referencedColumns, QStringList{s("writer_id")});
    QCOMPARE(snap.table(s("writers"))->primaryKey(), QStringList{s("writer_id")});
    QVERIFY(applyOperation(snap, RenameColumn{s("main"), s("books"), s("title"), s("name")}));
    const TableDetail *books = snap.table(s("books"));
    QCOMPARE(books->indexes.first().columns, QStringList{s("name")});
    QCOMPARE(books->indexes.first().definition, s("CREATE INDEX books_title ON books(\"name\")"));
    QCOMPARE(snap.view(s("cheap_books"))->viewDefinition, s("SELECT id, \"name\" FROM books WHERE price < 10"));
    QVERIFY(applyOperation(snap, RenameTable{s("main"), s("books"), s("volumes")}));
    QVERIFY(snap.table(s("volumes"))->triggers.first().definition.contains(s("ON \"volumes\" BEGIN UPDATE \"volumes\"")));
    QVERIFY(applyOperation(snap, DropColumn{s("main"), s("volumes"), column("name", "TEXT")}));
    QVERIFY(snap.table(s("volumes"))->indexes.isEmpty());   // the index on it went with it
    QVERIFY(!applyOperation(snap, DropTable{sqliteBooks().tables.at(1)}));   // "books" is gone
}

void TestOperationCompiler::migrationHasReverseAndNotes()
{
    const ColumnInfo from = pgBooks().tables.at(1).columns.at(2);
    ColumnInfo to = from;
    to.dataType = s("integer");
    to.nullable = false;
    const QList<Operation> ops{RenameColumn{s("public"), s("books"), s("title"), s("name")},
                               AlterColumn{s("public"), s("books"), from, to},
                               DropTable{pgBooks().tables.at(0)}};
    Result<CompiledMigration> m = compileMigration(dialect::dialectFor(DialectKind::Postgres), ops, pgBooks());
    QVERIFY2(m, m ? "" : qPrintable(m.error().message));
    QCOMPARE(m->upgrade.size(), 4);
    QCOMPARE(m->upgrade.last(), s("DROP TABLE \"public\".\"authors\""));
    QVERIFY(m->downgrade.first().startsWith(s("CREATE TABLE \"public\".\"authors\"")));
    QCOMPARE(m->downgrade.last(), s("ALTER TABLE \"public\".\"books\" RENAME COLUMN \"name\" TO \"title\""));
    QCOMPARE(m->reviewNotes,
             QStringList({s("rename column books.title to name: rename: check this is not a drop + add (column books.title -> name)"),
                          s("alter column books.price: type change of books.price from numeric(8,2) to integer may fail on existing data"),
                          s("alter column books.price: NOT NULL added to books.price: fails if a row holds NULL in it"),
                          s("drop table authors: drop: every row of table authors is lost")}));
    QCOMPARE(reverse(ops).size(), 3);
    QCOMPARE(describe(reverse(ops).first()), s("create table authors"));
}

void TestOperationCompiler::hostileIdentifiers()
{
    SchemaSnapshot snap = pgBooks();
    snap.tables[1].relation.name = s("we\"ird");
    const Compiled c = both(snap, RenameColumn{s("my schema"), s("we\"ird"), s("title"), s("select")});
    QCOMPARE(c.up, QStringList({s("ALTER TABLE \"my schema\".\"we\"\"ird\" RENAME COLUMN \"title\" TO \"select\"")}));
}

STRATA_TEST_MAIN(TestOperationCompiler)
#include "tst_operationcompiler.moc"
