// The exact SQL of indexes, constraints, foreign keys, views, sequences, enum types and raw
// SQL and of their reverses on both dialects; errors before anything runs; the snapshot
// following renames; whole migrations with review notes; hostile identifiers. No database.

#include "opcompilertesting.h"

using namespace opcompilertesting;

class TestOperationCompilerSchema : public QObject {
    Q_OBJECT

private Q_SLOTS:
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

void TestOperationCompilerSchema::indexes()
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

void TestOperationCompilerSchema::constraintsPostgres()
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

void TestOperationCompilerSchema::constraintsSqliteRebuild()
{
    const Compiled c = both(sqliteBooks(), AddConstraint{s("main"), s("books"), {s("books_title_key"), ConstraintKind::Unique, {s("title")}, {}}});
    QCOMPARE(c.up.size(), 8);
    QVERIFY2(c.up.first().contains(s("    \"author_id\" INTEGER,\n    CONSTRAINT \"books_title_key\" UNIQUE (\"title\"),\n    FOREIGN KEY")),
             qPrintable(c.up.first()));
    QCOMPARE(c.down.size(), 8);
    QVERIFY(!c.down.first().contains(s("UNIQUE")));
    QCOMPARE(c.down.at(5), s("CREATE INDEX books_title ON books(title)"));
}

void TestOperationCompilerSchema::foreignKeys()
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

void TestOperationCompilerSchema::views()
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

void TestOperationCompilerSchema::sequencesAndEnums()
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

void TestOperationCompilerSchema::rawSql()
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

void TestOperationCompilerSchema::unknownObjectsFail()
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

void TestOperationCompilerSchema::snapshotFollowsRenames()
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

void TestOperationCompilerSchema::migrationHasReverseAndNotes()
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

void TestOperationCompilerSchema::hostileIdentifiers()
{
    SchemaSnapshot snap = pgBooks();
    snap.tables[1].relation.name = s("we\"ird");
    const Compiled c = both(snap, RenameColumn{s("my schema"), s("we\"ird"), s("title"), s("select")});
    QCOMPARE(c.up, QStringList({s("ALTER TABLE \"my schema\".\"we\"\"ird\" RENAME COLUMN \"title\" TO \"select\"")}));
}

STRATA_TEST_MAIN(TestOperationCompilerSchema)
#include "tst_operationcompilerschema.moc"
