// Revision files from operations: sections per dialect, review comments above the
// statements they concern, down_revision from the project's heads, and a file the revision
// parser reads back; and how the command line settles rename proposals.

#include "autogentesting.h"

#include "exec/statementsplitter.h"
#include "migrate/autogen/autogenerator.h"
#include "migrate/cli/autogencommand.h"
#include "migrate/script/revisionfileparser.h"
#include "migrate/script/revisionwriter.h"
#include "support/testenvironment.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace strata;
using namespace strata::migrate;
using namespace strata::migrate::autogen;
using namespace autogentest;
using dialect::DialectKind;

namespace {

ops::SchemaSnapshot books(DialectKind kind)
{
    const char *integer = kind == DialectKind::Sqlite ? "INTEGER" : "integer";
    catalog::TableDetail b = table("books", {col("id", integer, false, "", 1), col("title", "text", false), col("isbn", "text")});
    return snapshot(kind, {b});
}

QList<ops::Operation> changes(DialectKind kind)
{
    const ops::SchemaSnapshot before = books(kind);
    const QString schema = before.schema;
    catalog::TableDetail reviews = table("reviews", {col("id", "integer", false, "", 1), col("stars", "integer", false, "3")});
    reviews.relation.schema = schema;
    return {ops::CreateTable{reviews}, ops::AddColumn{schema, s("books"), col("subtitle", "text")},
            ops::DropColumn{schema, s("books"), before.tables[0].columns[2]}};
}

} // namespace

class TestAutogenerator : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void oneDialect();
    void twoDialects();
    void downRevisionIsTheHead();
    void renamesSettled();
};

void TestAutogenerator::oneDialect()
{
    QTemporaryDir dir;
    AutogenRequest request;
    request.message = s("add reviews");
    request.operations = changes(DialectKind::Sqlite);
    request.before = {books(DialectKind::Sqlite)};
    Result<RevisionScript> script = renderRevision(ProjectConfig::forScriptDirectory(dir.path()), request);
    QVERIFY2(script.ok(), script ? "" : qPrintable(script.error().message));
    QCOMPARE(script->sections.keys(), (QStringList{s("downgrade"), s("upgrade")}));
    QVERIFY(script->downRevisions.isEmpty());
    const QString text = RevisionWriter::render(*script);
    Result<RevisionScript> parsed = RevisionFileParser::parse(text, s("x.sql"));
    QVERIFY2(parsed.ok(), parsed ? "" : qPrintable(parsed.error().message));
    const QStringList up = parsed->sections.value(s("upgrade")).sql.split(u'\n');
    const qsizetype review = up.indexOf(s("-- REVIEW: drop column books.isbn: drop: the data of column books.isbn is lost"));
    QVERIFY2(review >= 0, qPrintable(up.join(u'\n')));
    QCOMPARE(up.value(review + 1), s("ALTER TABLE \"books\" DROP COLUMN \"isbn\";"));
    QVERIFY(up.first().startsWith(s("CREATE TABLE")));
    const QList<exec::SqlStatement> statements = exec::StatementSplitter::split(parsed->sections.value(s("upgrade")).sql, DialectKind::Sqlite);
    QCOMPARE(statements.size(), 3);
    for (const exec::SqlStatement &statement : statements)
        QVERIFY2(statement.terminated, qPrintable(statement.text));
    const QString down = parsed->sections.value(s("downgrade")).sql;
    QVERIFY2(down.contains(s("ADD COLUMN \"isbn\"")) && down.contains(s("DROP TABLE")), qPrintable(down));
    QVERIFY(down.indexOf(s("ADD COLUMN \"isbn\"")) < down.indexOf(s("DROP TABLE")));   // reverse order
}

void TestAutogenerator::twoDialects()
{
    QTemporaryDir dir;
    AutogenRequest request;
    request.message = s("add reviews");
    request.operations = changes(DialectKind::Postgres);
    // operations of a PostgreSQL comparison ("public"), written for SQLite's "main" too
    request.before = {books(DialectKind::Sqlite), books(DialectKind::Postgres)};
    Result<RevisionScript> script = renderRevision(ProjectConfig::forScriptDirectory(dir.path()), request);
    QVERIFY2(script.ok(), script ? "" : qPrintable(script.error().message));
    const QString text = RevisionWriter::render(*script);
    for (const char *marker : {"-- +upgrade sqlite\n", "-- +upgrade postgresql\n", "-- +downgrade sqlite\n", "-- +downgrade postgresql\n"})
        QVERIFY2(text.contains(s(marker)), marker);
    QVERIFY(!text.contains(s("-- +upgrade\n")));
    Result<RevisionScript> parsed = RevisionFileParser::parse(text, s("x.sql"));
    QVERIFY2(parsed.ok(), parsed ? "" : qPrintable(parsed.error().message));
    Result<RevisionSection> pg = parsed->section(Direction::Upgrade, s("postgresql"));
    QVERIFY(pg.ok());
    QVERIFY2(pg->sql.contains(s("ALTER TABLE \"public\".\"books\" ADD COLUMN \"subtitle\" text;")), qPrintable(pg->sql));
    Result<RevisionSection> sqlite = parsed->section(Direction::Downgrade, s("sqlite"));
    QVERIFY(sqlite.ok());
    QVERIFY2(sqlite->sql.contains(s("DROP TABLE \"reviews\";")), qPrintable(sqlite->sql));
}

void TestAutogenerator::downRevisionIsTheHead()
{
    QTemporaryDir dir;
    const ProjectConfig config = ProjectConfig::forScriptDirectory(dir.path());
    AutogenRequest request;
    request.message = s("first");
    request.before = {books(DialectKind::Sqlite)};
    request.revisionId = s("aaaa00000001");
    Result<RevisionScript> first = writeRevision(config, request);
    QVERIFY2(first.ok(), first ? "" : qPrintable(first.error().message));
    QVERIFY(QFile::exists(first->path));
    request.message = s("second");
    request.revisionId.clear();
    request.operations = changes(DialectKind::Sqlite);
    Result<RevisionScript> second = writeRevision(config, request);
    QVERIFY(second.ok());
    QCOMPARE(second->downRevisions, QStringList{s("aaaa00000001")});
    request.downRevisions = {s("aaaa00000001")};   // a branch: two heads now
    QVERIFY(writeRevision(config, request).ok());
    request.downRevisions.clear();
    Result<RevisionScript> third = writeRevision(config, request);
    QVERIFY(!third.ok());
    QVERIFY(third.error().message.startsWith(s("Multiple heads are present")));
}

void TestAutogenerator::renamesSettled()
{
    const ops::SchemaSnapshot before = books(DialectKind::Postgres);
    ops::SchemaSnapshot after = before;
    after.tables[0].columns[1].name = s("headline");
    QStringList asked;
    QList<RenameProposal> unapplied;
    const auto yes = [&asked](const QString &q) { asked.append(q); return true; };
    Result<Comparison> c = cli::settleRenames(before, after, {}, yes, &unapplied);
    QVERIFY(c.ok());
    QCOMPARE(asked, QStringList{s("Rename column books.title -> books.headline?")});
    QCOMPARE(spell(c->operations), QStringList{s("RenameColumn books.title->headline")});
    QVERIFY(unapplied.isEmpty());
    // no terminal: never applied, listed
    c = cli::settleRenames(before, after, {}, {}, &unapplied);
    QCOMPARE(spell(c->operations), (QStringList{s("AddColumn books.headline"), s("DropColumn books.title")}));
    QCOMPARE(unapplied.size(), 1);
    QCOMPARE(unapplied[0].from, s("title"));
    // --rename applies without asking
    CompareOptions forced;
    forced.forcedRenames = {s("books.title=headline")};
    asked.clear();
    c = cli::settleRenames(before, after, forced, yes, nullptr);
    QCOMPARE(spell(c->operations), QStringList{s("RenameColumn books.title->headline")});
    QVERIFY(asked.isEmpty());
}

STRATA_TEST_MAIN(TestAutogenerator)
#include "tst_autogenerator.moc"
