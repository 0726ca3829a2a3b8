// Autogenerate against live databases, both dialects: a database made by createAll or by
// a schema.sql compares equal to its source (no operations), and each kind of change made
// in a schema.sql is detected.

#include "../../mapping/models.h"
#include "autogentesting.h"
#include "schemas.h"

#include "mapping/metadata.h"
#include "migrate/autogen/comparator.h"
#include "migrate/autogen/snapshotsources.h"
#include "support/scratchdatabase.h"
#include "support/testenvironment.h"

#include <QSqlQuery>
#include <QtTest>
#include <memory>

using namespace strata;
using namespace strata::migrate;
using namespace strata::migrate::autogen;
using namespace autogentest;

namespace {

// A fresh database of one dialect for one test function.
struct LiveDatabase {
    std::unique_ptr<test::ScratchPgDatabase> pg;
    QSqlDatabase db;
    QString error;
    explicit LiveDatabase(bool postgres)
    {
        QString url = test::tempPath(QStringLiteral("autogen.db"));
        if (postgres) {
            pg = std::make_unique<test::ScratchPgDatabase>(test::postgresUrl());
            url = pg->url();
            error = pg->error();
        }
        if (error.isEmpty())
            db = test::openTestDatabase(url, &error);
    }
    ~LiveDatabase() { test::closeTestDatabase(db); }
};

mapping::MetaData allModels()
{
    mapping::MetaData m;
    m.add<models::Author, models::Book, models::AllTypes, models::Enrollment, models::Artist, models::Track, models::User,
          models::Address>();
    return m;
}

QStringList operations(const Result<ops::SchemaSnapshot> &current, const Result<ops::SchemaSnapshot> &target,
                       const CompareOptions &options = {})
{
    if (!current)
        return {s("current: ") + current.error().message};
    if (!target)
        return {s("target: ") + target.error().message};
    Result<Comparison> c = compare(*current, *target, options);
    return c ? spell(c->operations) : QStringList{c.error().message};
}

QStringList statements(const QString &script)
{
    QStringList out;
    for (const QString &piece : script.split(QLatin1Char(';')))
        if (!piece.trimmed().isEmpty())
            out.append(piece.trimmed());
    return out;
}

} // namespace

class TestAutogenLive : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void createAllGivesNoOperations_data();
    void createAllGivesNoOperations();
    void schemaSqlGivesNoOperations_data();
    void schemaSqlGivesNoOperations();
    void changesDetected_data();
    void changesDetected();
    void scriptErrorNamesLine_data();
    void scriptErrorNamesLine();

private:
    void dialects();
};

void TestAutogenLive::dialects()
{
    QTest::addColumn<bool>("postgres");
    QTest::newRow("sqlite") << false;
    QTest::newRow("postgresql") << true;
}

void TestAutogenLive::createAllGivesNoOperations_data()
{
    dialects();
}

void TestAutogenLive::createAllGivesNoOperations()
{
    QFETCH(bool, postgres);
    if (postgres) {
        STRATA_REQUIRE_PG(pgUrl);
    }
    LiveDatabase live(postgres);
    QVERIFY2(live.db.isOpen(), qPrintable(live.error));
    const mapping::MetaData models = allModels();
    const Status created = models.createAll(live.db);
    QVERIFY2(created, created ? "" : qPrintable(created.error().message));
    Result<const dialect::Dialect *> d = mapping::dialectOf(live.db);
    QVERIFY(d.ok());
    const Result<ops::SchemaSnapshot> current = readSnapshot(live.db);
    QVERIFY(current.ok());
    QCOMPARE(current->tables.size(), 8);
    QCOMPARE(operations(current, snapshotFromMetaData(models, **d)), QStringList());
    // and a model change is seen: the database lacks a table the models have
    mapping::MetaData more = allModels();
    mapping::TableDef extra = mapping::tableDef<models::Author>();
    extra.name = s("co_authors");
    more.addTable(extra);
    QCOMPARE(operations(current, snapshotFromMetaData(more, **d)), QStringList{s("CreateTable co_authors")});
}

void TestAutogenLive::schemaSqlGivesNoOperations_data()
{
    dialects();
}

void TestAutogenLive::schemaSqlGivesNoOperations()
{
    QFETCH(bool, postgres);
    if (postgres) {
        STRATA_REQUIRE_PG(pgUrl);
    }
    LiveDatabase live(postgres);
    QVERIFY2(live.db.isOpen(), qPrintable(live.error));
    const QString schema = baseSchema(postgres);
    QCOMPARE(test::execAll(live.db, statements(schema)), QString());
    const Result<ops::SchemaSnapshot> current = readSnapshot(live.db);
    QVERIFY(current.ok());
    QCOMPARE(current->tables.size(), 2);
    QCOMPARE(current->views.size(), 1);
    if (postgres) {
        QCOMPARE(current->enums.size(), 1);
        QCOMPARE(current->sequences.size(), 1);   // the serial's own sequence is not standalone
    }
    const Result<ops::SchemaSnapshot> target = snapshotFromSql(live.db, schema);
    QCOMPARE(operations(current, target), QStringList());
    QCOMPARE(target->schema, current->schema);
    if (postgres) {
        // the scratch schema was rolled back
        QSqlQuery q(live.db);
        QVERIFY(q.exec(s("SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'strata_autogen_%'")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 0);
    }
}

void TestAutogenLive::changesDetected_data()
{
    dialects();
}

void TestAutogenLive::changesDetected()
{
    QFETCH(bool, postgres);
    if (postgres) {
        STRATA_REQUIRE_PG(pgUrl);
    }
    LiveDatabase live(postgres);
    QVERIFY2(live.db.isOpen(), qPrintable(live.error));
    QCOMPARE(test::execAll(live.db, statements(baseSchema(postgres))), QString());
    const Result<ops::SchemaSnapshot> current = readSnapshot(live.db);
    const Result<ops::SchemaSnapshot> target = snapshotFromSql(live.db, changedSchema(postgres));
    QStringList expected;
    if (postgres)
        expected << s("RawSql ALTER TYPE \"public\".\"mood\" ADD VALUE 'ecstatic' AFTER 'happy'");
    expected << s("DropView thick_books") << s("RenameColumn authors.born->birth_year") << s("DropIndex books.books_author_idx")
             << s("DropConstraint books.isbn") << s("CreateTable reviews") << s("AddColumn authors.website")
             << s("AlterColumn books.title") << s("DropColumn books.isbn") << s("CreateIndex books.books_pages_idx");
    if (postgres)
        expected << s("DropSequence ticket_numbers");
    expected << s("CreateView cheap_books");
    QCOMPARE(operations(current, target), expected);
    // without proposals the rename is a drop and an add
    CompareOptions noRenames;
    noRenames.proposeRenames = false;
    const QStringList plain = operations(current, target, noRenames);
    QVERIFY(plain.contains(s("AddColumn authors.birth_year")));
    QVERIFY(plain.contains(s("DropColumn authors.born")));
}

void TestAutogenLive::scriptErrorNamesLine_data()
{
    dialects();
}

void TestAutogenLive::scriptErrorNamesLine()
{
    QFETCH(bool, postgres);
    if (postgres) {
        STRATA_REQUIRE_PG(pgUrl);
    }
    LiveDatabase live(postgres);
    QVERIFY2(live.db.isOpen(), qPrintable(live.error));
    const Result<ops::SchemaSnapshot> broken = snapshotFromSql(live.db, s("CREATE TABLE a (x int);\n\nCREATE TABLE b (y nosuchtype(;\n"));
    QVERIFY(!broken.ok());
    QVERIFY2(broken.error().message.startsWith(s("line 3: ")), qPrintable(broken.error().message));
    // nothing was left behind, and the connection still works
    const Result<ops::SchemaSnapshot> after = readSnapshot(live.db);
    QVERIFY(after.ok());
    QCOMPARE(after->tables.size(), 0);
}

STRATA_TEST_MAIN(TestAutogenLive)
#include "tst_autogenlive.moc"
