// The comparator on hand-built snapshots: normalisation of types and defaults, each kind
// of change, rename proposals (forced, rejected, off) and the dependency order.

#include "autogentesting.h"

#include "migrate/autogen/comparator.h"
#include "support/testenvironment.h"

#include <QtTest>

using namespace strata;
using namespace strata::migrate;
using namespace strata::migrate::autogen;
using namespace autogentest;
using dialect::DialectKind;

namespace {

QStringList diff(const ops::SchemaSnapshot &a, const ops::SchemaSnapshot &b, const CompareOptions &o = {})
{
    Result<Comparison> c = compare(a, b, o);
    if (!c)
        return {s("ERROR ") + c.error().message};
    return spell(c->operations);
}

ops::SchemaSnapshot books(DialectKind kind = DialectKind::Postgres)
{
    catalog::TableDetail authors = table("authors", {col("id", "integer", false, "", 1), col("name", "text", false)});
    catalog::TableDetail b = table("books", {col("id", "integer", false, "", 1), col("title", "character varying(30)"),
                                             col("price", "numeric(8,2)", true, "0"), col("author_id", "integer")});
    b.foreignKeys.append(fk("author_id", "authors", "id", "CASCADE"));
    return snapshot(kind, {authors, b});
}

} // namespace

class TestComparator : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void normalizesTypes_data();
    void normalizesTypes();
    void normalizesDefaults_data();
    void normalizesDefaults();
    void sameMeaningGivesNoOperations();
    void tablesAddedAndDropped();
    void columnChanges();
    void indexesAndConstraints();
    void foreignKeys();
    void viewsSequencesEnums();
    void renameProposals();
    void forcedAndRejectedRenames();
    void dependencyOrder();
    void ignoredTables();
    void primaryKeyChanges();
    void triggersByDefinition();
};

void TestComparator::normalizesTypes_data()
{
    QTest::addColumn<int>("dialect");
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    const int pg = int(DialectKind::Postgres), lite = int(DialectKind::Sqlite);
    const char *same[][2] = {{"int4", "integer"}, {"int", "INTEGER"}, {"int8", "bigint"}, {"bigserial", "bigint"},
                             {"varchar(30)", "character varying(30)"}, {"VARCHAR ( 30 )", "character varying(30)"},
                             {"bool", "boolean"}, {"timestamptz", "timestamp with time zone"},
                             {"timestamp(6) with time zone", "timestamptz"}, {"float8", "double precision"},
                             {"float4", "real"}, {"decimal(8, 2)", "numeric(8,2)"}, {"int4[]", "integer[]"},
                             {"character", "char(1)"}, {"time", "time without time zone"}};
    for (const auto &pair : same)
        QTest::addRow("pg %s", pair[0]) << pg << s(pair[0]) << s(pair[1]);
    QTest::addRow("sqlite case") << lite << s("Text") << s("TEXT");
    QTest::addRow("sqlite int") << lite << s("int") << s("INTEGER");
}

void TestComparator::normalizesTypes()
{
    QFETCH(int, dialect);
    QFETCH(QString, a);
    QFETCH(QString, b);
    QCOMPARE(normalizeType(DialectKind(dialect), a), normalizeType(DialectKind(dialect), b));
    // and different meanings stay different
    QVERIFY(normalizeType(DialectKind::Postgres, s("varchar(30)")) != normalizeType(DialectKind::Postgres, s("varchar(31)")));
    QVERIFY(normalizeType(DialectKind::Postgres, s("timestamp")) != normalizeType(DialectKind::Postgres, s("timestamptz")));
    QVERIFY(normalizeType(DialectKind::Postgres, s("int4")) != normalizeType(DialectKind::Postgres, s("int8")));
}

void TestComparator::normalizesDefaults_data()
{
    QTest::addColumn<int>("dialect");
    QTest::addColumn<QString>("raw");
    QTest::addColumn<QString>("expected");
    const int pg = int(DialectKind::Postgres), lite = int(DialectKind::Sqlite);
    QTest::addRow("text cast") << pg << s("'x'::text") << s("'x'");
    QTest::addRow("varchar cast") << pg << s("'a b'::character varying") << s("'a b'");
    QTest::addRow("negative") << pg << s("'-1'::integer") << s("-1");
    QTest::addRow("parenthesised") << pg << s("(-1)") << s("-1");
    QTest::addRow("serial") << pg << s("nextval('books_id_seq'::regclass)") << QString();
    QTest::addRow("null") << pg << s("NULL::text") << QString();
    QTest::addRow("now") << pg << s("now()") << s("current_timestamp");
    QTest::addRow("keyword case") << pg << s("CURRENT_TIMESTAMP") << s("current_timestamp");
    QTest::addRow("quoted case kept") << pg << s("'Mixed Case'") << s("'Mixed Case'");
    QTest::addRow("date cast") << pg << s("'2020-01-01'::date") << s("'2020-01-01'");
    QTest::addRow("sqlite true") << lite << s("TRUE") << s("1");
    QTest::addRow("sqlite parens") << lite << s("(0)") << s("0");
    QTest::addRow("sqlite empty") << lite << QString() << QString();
}

void TestComparator::normalizesDefaults()
{
    QFETCH(int, dialect);
    QFETCH(QString, raw);
    QFETCH(QString, expected);
    QCOMPARE(normalizeDefault(DialectKind(dialect), raw), expected);
}

void TestComparator::sameMeaningGivesNoOperations()
{
    ops::SchemaSnapshot a = books();
    QCOMPARE(diff(a, a), QStringList());
    ops::SchemaSnapshot b = books();
    b.tables[1].columns[1].dataType = s("varchar(30)");
    b.tables[1].columns[2].defaultValue = s("'0'::numeric");
    b.tables[1].foreignKeys[0].name = s("some_generated_name");
    b.tables[0].columns[0].dataType = s("int4");
    b.tables[0].columns[0].nullable = true;   // primary key columns are NOT NULL anyway
    QCOMPARE(diff(a, b), QStringList());
    ops::SchemaSnapshot lite = books(DialectKind::Sqlite);
    ops::SchemaSnapshot upper = lite;
    upper.tables[0].relation.name = s("AUTHORS");   // SQLite names are case-insensitive
    upper.tables[1].foreignKeys[0].referencedColumns.clear();   // implied: the parent's key
    QCOMPARE(diff(lite, upper), QStringList());
}

void TestComparator::tablesAddedAndDropped()
{
    ops::SchemaSnapshot a = books();
    ops::SchemaSnapshot b = books();
    b.tables.append(table("reviews", {col("id", "bigint", false, "", 1), col("body", "text")}));
    QCOMPARE(diff(a, b), QStringList{s("CreateTable reviews")});
    QCOMPARE(diff(b, a), QStringList{s("DropTable reviews")});
}

void TestComparator::columnChanges()
{
    ops::SchemaSnapshot a = books();
    ops::SchemaSnapshot b = books();
    b.tables[1].columns.append(col("isbn", "text"));
    QCOMPARE(diff(a, b), QStringList{s("AddColumn books.isbn")});
    QCOMPARE(diff(b, a), QStringList{s("DropColumn books.isbn")});
    for (int change = 0; change < 3; ++change) {
        ops::SchemaSnapshot c = books();
        catalog::ColumnInfo &title = c.tables[1].columns[1];
        if (change == 0)
            title.dataType = s("varchar(60)");
        else if (change == 1)
            title.nullable = false;
        else
            title.defaultValue = s("'untitled'");
        QCOMPARE(diff(a, c), QStringList{s("AlterColumn books.title")});
    }
}

void TestComparator::indexesAndConstraints()
{
    ops::SchemaSnapshot a = books();
    ops::SchemaSnapshot b = books();
    catalog::IndexInfo index;
    index.name = s("books_title_idx");
    index.columns = {s("title")};
    index.isExpression = {false};
    b.tables[1].indexes.append(index);
    b.tables[1].constraints.append({s("books_title_key"), catalog::ConstraintKind::Unique, {s("title")}, QString()});
    b.tables[1].constraints.append({s("pos"), catalog::ConstraintKind::Check, {}, s("(price >= (0)::numeric)")});
    QCOMPARE(diff(a, b), (QStringList{s("CreateIndex books.books_title_idx"), s("AddConstraint books.title"),
                                      s("AddConstraint books.(price >= (0)::numeric)")}));
    QCOMPARE(diff(b, a), (QStringList{s("DropIndex books.books_title_idx"), s("DropConstraint books.title"),
                                      s("DropConstraint books.(price >= (0)::numeric)")}));
    // the same constraints spelled as the mapping does: unnamed, no casts or parentheses
    ops::SchemaSnapshot c = books();
    c.tables[1].indexes.append(index);
    c.tables[1].constraints.append({QString(), catalog::ConstraintKind::Unique, {s("title")}, QString()});
    c.tables[1].constraints.append({QString(), catalog::ConstraintKind::Check, {}, s("price >= 0")});
    QCOMPARE(diff(b, c), QStringList());
    // an index that changed is dropped and created again
    c.tables[1].indexes[0].unique = true;
    QCOMPARE(diff(b, c), (QStringList{s("DropIndex books.books_title_idx"), s("CreateIndex books.books_title_idx")}));
    // the index behind a unique constraint is not an index of its own
    ops::SchemaSnapshot d = b;
    catalog::IndexInfo backing = index;
    backing.name = s("books_title_key");
    backing.unique = true;
    d.tables[1].indexes.append(backing);
    QCOMPARE(diff(b, d), QStringList());
}

void TestComparator::foreignKeys()
{
    ops::SchemaSnapshot a = books();
    ops::SchemaSnapshot b = books();
    b.tables[1].foreignKeys.clear();
    QCOMPARE(diff(a, b), QStringList{s("DropForeignKey books->authors")});
    QCOMPARE(diff(b, a), QStringList{s("AddForeignKey books->authors")});
    b.tables[1].foreignKeys.append(fk("author_id", "authors", "id", "SET NULL"));
    QCOMPARE(diff(a, b), (QStringList{s("DropForeignKey books->authors"), s("AddForeignKey books->authors")}));
}

void TestComparator::viewsSequencesEnums()
{
    ops::SchemaSnapshot a = books();
    ops::SchemaSnapshot b = books();
    catalog::TableDetail view;
    view.relation.name = s("cheap");
    view.relation.kind = catalog::RelationKind::View;
    view.viewDefinition = s("SELECT title FROM books WHERE price < 10");
    b.views.append(view);
    b.sequences.append({s("public"), s("tickets"), s("bigint"), QString()});
    b.enums.append({s("public"), s("mood"), {s("sad"), s("ok")}});
    QCOMPARE(diff(a, b), (QStringList{s("CreateEnum mood"), s("CreateSequence tickets"), s("CreateView cheap")}));
    QCOMPARE(diff(b, a), (QStringList{s("DropView cheap"), s("DropSequence tickets"), s("DropEnum mood")}));
    ops::SchemaSnapshot c = b;
    c.views[0].viewDefinition = s(" select title\n  FROM books where price<10; ");
    QCOMPARE(diff(b, c), QStringList());
    c.views[0].viewDefinition = s("SELECT title FROM books WHERE price < 20");
    QCOMPARE(diff(b, c), (QStringList{s("DropView cheap"), s("CreateView cheap")}));
    CompareOptions noViews;
    noViews.compareViews = false;
    QCOMPARE(diff(a, b, noViews), (QStringList{s("CreateEnum mood"), s("CreateSequence tickets")}));
    c = b;
    c.enums[0].labels.append(s("happy"));
    const QStringList added = diff(b, c);
    QCOMPARE(added.size(), 1);
    QVERIFY2(added.first().contains(s("ALTER TYPE \"public\".\"mood\" ADD VALUE 'happy' AFTER 'ok'")), qPrintable(added.first()));
}

void TestComparator::renameProposals()
{
    ops::SchemaSnapshot a = books();
    ops::SchemaSnapshot b = books();
    b.tables[0].relation.name = s("writers");
    b.tables[1].foreignKeys[0].referencedTable = s("writers");
    Result<Comparison> c = compare(a, b);
    QVERIFY(c.ok());
    QCOMPARE(spell(c->operations), QStringList{s("RenameTable authors->writers")});
    QCOMPARE(c->renames.size(), 1);
    QCOMPARE(c->renames[0].kind, RenameProposal::Kind::Table);
    // a column of the same type
    ops::SchemaSnapshot d = books();
    d.tables[1].columns[1].name = s("headline");
    c = compare(a, d);
    QCOMPARE(spell(c->operations), QStringList{s("RenameColumn books.title->headline")});
    QCOMPARE(c->renames[0].table, s("books"));
    // a different type is not a rename
    d.tables[1].columns[1].dataType = s("text");
    QCOMPARE(diff(a, d), (QStringList{s("AddColumn books.headline"), s("DropColumn books.title")}));
    // ambiguous: two new columns of the same type
    ops::SchemaSnapshot e = books();
    e.tables[1].columns[1].name = s("headline");
    e.tables[1].columns.append(col("subtitle", "varchar(30)"));
    QCOMPARE(diff(a, e), (QStringList{s("AddColumn books.headline"), s("AddColumn books.subtitle"), s("DropColumn books.title")}));
    CompareOptions off;
    off.proposeRenames = false;
    QCOMPARE(diff(a, b, off), (QStringList{s("DropForeignKey books->authors"), s("CreateTable writers"),
                                           s("DropTable authors"), s("AddForeignKey books->writers")}));
}

void TestComparator::forcedAndRejectedRenames()
{
    ops::SchemaSnapshot a = books();
    ops::SchemaSnapshot b = books();
    b.tables[1].columns[1].name = s("headline");
    b.tables[1].columns[1].dataType = s("text");   // a shape no proposal would match
    CompareOptions forced;
    forced.forcedRenames = {s("books.title=headline")};
    QCOMPARE(diff(a, b, forced), (QStringList{s("RenameColumn books.title->headline"), s("AlterColumn books.headline")}));
    forced.forcedRenames = {s("nosuch=writers")};
    QVERIFY(diff(a, b, forced).first().startsWith(s("ERROR --rename nosuch=writers")));
    // a table renamed and a column in it renamed, forced
    ops::SchemaSnapshot c = books();
    c.tables[1].relation.name = s("volumes");
    c.tables[1].columns[1].name = s("headline");
    c.tables[1].columns.append(col("isbn", "text"));
    forced.forcedRenames = {s("volumes.title=headline"), s("books=volumes")};
    QCOMPARE(diff(a, c, forced), (QStringList{s("RenameTable books->volumes"), s("RenameColumn volumes.title->headline"),
                                              s("AddColumn volumes.isbn")}));
    // rejected proposals are drop + add
    ops::SchemaSnapshot d = books();
    d.tables[1].columns[1].name = s("headline");
    CompareOptions rejected;
    rejected.rejected.append({RenameProposal::Kind::Column, s("public"), s("books"), s("title"), s("headline"), false});
    QCOMPARE(diff(a, d, rejected), (QStringList{s("AddColumn books.headline"), s("DropColumn books.title")}));
}

void TestComparator::dependencyOrder()
{
    ops::SchemaSnapshot empty = snapshot(DialectKind::Postgres, {});
    ops::SchemaSnapshot full = books();
    std::reverse(full.tables.begin(), full.tables.end());   // books (the referrer) listed first
    full.enums.append({s("public"), s("mood"), {s("a")}});
    catalog::TableDetail view;
    view.relation.name = s("v");
    view.relation.kind = catalog::RelationKind::View;
    view.viewDefinition = s("SELECT 1");
    full.views.append(view);
    QCOMPARE(diff(empty, full), (QStringList{s("CreateEnum mood"), s("CreateTable authors"), s("CreateTable books"), s("CreateView v")}));
    QCOMPARE(diff(full, empty), (QStringList{s("DropView v"), s("DropTable books"), s("DropTable authors"), s("DropEnum mood")}));
    // a cycle: the foreign key that closes it is added once both tables exist
    catalog::TableDetail x = table("x", {col("id", "integer", false, "", 1), col("y_id", "integer")});
    catalog::TableDetail y = table("y", {col("id", "integer", false, "", 1), col("x_id", "integer")});
    x.foreignKeys.append(fk("y_id", "y", "id"));
    y.foreignKeys.append(fk("x_id", "x", "id"));
    Result<Comparison> cycle = compare(empty, snapshot(DialectKind::Postgres, {x, y}));
    QCOMPARE(spell(cycle->operations), (QStringList{s("CreateTable x"), s("CreateTable y"), s("AddForeignKey x->y")}));
    QVERIFY(std::get<ops::CreateTable>(cycle->operations[0]).table.foreignKeys.isEmpty());
    // a new column referencing a new table: table first, column, then the key
    ops::SchemaSnapshot a = books();
    ops::SchemaSnapshot b = books();
    b.tables.append(table("publishers", {col("id", "integer", false, "", 1)}));
    b.tables[1].columns.append(col("publisher_id", "integer"));
    b.tables[1].foreignKeys.append(fk("publisher_id", "publishers", "id"));
    QCOMPARE(diff(a, b), (QStringList{s("CreateTable publishers"), s("AddColumn books.publisher_id"), s("AddForeignKey books->publishers")}));
}

void TestComparator::ignoredTables()
{
    ops::SchemaSnapshot a = books(DialectKind::Sqlite);
    ops::SchemaSnapshot b = a;
    a.tables.append(table("strata_version", {col("version_num", "TEXT")}));
    a.tables.append(table("sqlite_sequence", {col("name", "TEXT"), col("seq", "")}));
    QCOMPARE(diff(a, b), QStringList());
    CompareOptions o;
    o.ignoreTables.append(s("books"));
    b.tables[1].columns.append(col("isbn", "TEXT"));
    QCOMPARE(diff(a, b, o), QStringList());
    QCOMPARE(diff(a, b), QStringList{s("AddColumn books.isbn")});
}


void TestComparator::primaryKeyChanges()
{
    // books' key becomes (id, title): columns changed; then (title, id): order changed
    ops::SchemaSnapshot a = books();
    ops::SchemaSnapshot b = books();
    b.tables[1].columns[1].primaryKeyPosition = 2;
    b.tables[1].columns[1].nullable = false;
    QCOMPARE(diff(a, b), (QStringList{s("DropConstraint books.id"), s("AlterColumn books.title"), s("AddConstraint books.id,title")}));
    QCOMPARE(diff(b, a), (QStringList{s("DropConstraint books.id,title"), s("AlterColumn books.title"), s("AddConstraint books.id")}));
    ops::SchemaSnapshot c = b;
    c.tables[1].columns[0].primaryKeyPosition = 2;
    c.tables[1].columns[1].primaryKeyPosition = 1;
    QCOMPARE(diff(b, c), (QStringList{s("DropConstraint books.id,title"), s("AddConstraint books.title,id")}));
    Result<Comparison> comparison = compare(b, c);
    QVERIFY(comparison);
    const auto *add = std::get_if<ops::AddConstraint>(&comparison->operations.at(1));
    QVERIFY(add);
    QCOMPARE(add->constraint.kind, catalog::ConstraintKind::PrimaryKey);
    QCOMPARE(add->constraint.name, s("books_pkey"));   // PostgreSQL's name, so a later drop finds it
    // the same key: nothing
    QCOMPARE(diff(c, c), QStringList());
}

void TestComparator::triggersByDefinition()
{
    const auto withTrigger = [](const char *definition) {
        ops::SchemaSnapshot snap = books(DialectKind::Sqlite);
        if (*definition)
            snap.tables[1].triggers.append({s("books_touch"), s("AFTER"), {s("UPDATE")}, s(definition)});
        return snap;
    };
    const char *v1 = "CREATE TRIGGER books_touch AFTER UPDATE ON books BEGIN UPDATE authors SET name = name WHERE id = NEW.author_id; END";
    // case of keywords, whitespace and identifier quotes are not differences
    QCOMPARE(diff(withTrigger(v1), withTrigger("create trigger \"books_touch\"\n  after update on \"books\"\nbegin\n"
                                               "  update authors set name=name where id = new.author_id;\nend;")),
             QStringList());
    const char *v2 = "CREATE TRIGGER books_touch AFTER UPDATE ON books BEGIN UPDATE authors SET name = upper(name) WHERE id = NEW.author_id; END";
    QCOMPARE(diff(withTrigger(v1), withTrigger(v2)),
             (QStringList{s("RawSql DROP TRIGGER IF EXISTS \"books_touch\""), s("RawSql ") + s(v2)}));
    QCOMPARE(diff(withTrigger(""), withTrigger(v1)), QStringList{s("RawSql ") + s(v1)});
    QCOMPARE(diff(withTrigger(v1), withTrigger("")), QStringList{s("RawSql DROP TRIGGER IF EXISTS \"books_touch\"")});
    // the reverse of the drop recreates the old trigger
    Result<Comparison> dropped = compare(withTrigger(v1), withTrigger(""));
    QVERIFY(dropped);
    const auto *raw = std::get_if<ops::RawSql>(&dropped->operations.at(0));
    QVERIFY(raw);
    QCOMPARE(raw->downgrade, s(v1));
    QCOMPARE(raw->dialect, s("sqlite"));
}

STRATA_TEST_MAIN(TestComparator)
#include "tst_comparator.moc"
