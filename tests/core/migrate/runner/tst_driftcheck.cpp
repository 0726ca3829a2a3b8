// Drift (issue 16 item 7): the recorded checksum covers both sections of a revision per
// dialect, so an edited downgrade of an applied revision is found; rows written by older
// versions (upgrade section only) still verify; every run warns about drift, and with
// refuseDrift (--strict, strict_drift) refuses before changing anything. Both dialects.

#include "../support/bookproject.h"

#include "migrate/migrationengine.h"
#include "migrate/script/revisionchecksum.h"
#include "support/scratchdatabase.h"
#include "support/testenvironment.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>
#include <memory>

using namespace strata;
using namespace strata::migrate;
using namespace strata::test::books;

namespace {

struct Fixture {
    QTemporaryDir dir;
    std::unique_ptr<strata::test::ScratchPgDatabase> pg;
    QString url;
    QString dialectName;
    QSqlDatabase db;
    QList<RunEvent> events;

    ~Fixture() { strata::test::closeTestDatabase(db); }

    bool open(const QString &dialect)
    {
        dialectName = dialect;
        writeProject(dir.path());
        if (dialect == s("postgresql")) {
            pg = std::make_unique<strata::test::ScratchPgDatabase>(strata::test::postgresUrl());
            url = pg->url();
        } else {
            url = dir.filePath(s("books.db"));
        }
        db = strata::test::openTestDatabase(url);
        return db.isOpen();
    }
    MigrationEngine engine() const
    {
        Result<ProjectConfig> config = ProjectConfig::load(dir.filePath(s("strata.ini")));
        Result<MigrationEngine> e = config ? MigrationEngine::open(*config) : Result<MigrationEngine>(config.error());
        if (!e)
            qFatal("%s", qPrintable(e.error().message));
        return *e;
    }
    RunnerOptions options(bool strict = false)
    {
        RunnerOptions o;
        o.lockTimeoutSeconds = 20;
        o.refuseDrift = strict;
        o.onEvent = [this](const RunEvent &e) { events.append(e); };
        return o;
    }
    QString path(const QString &name) const { return dir.filePath(s("versions/") + name); }
    void edit(const QString &name, const QString &from, const QString &to)
    {
        QFile f(path(name));
        if (!f.open(QIODevice::ReadOnly))
            qFatal("cannot read %s", qPrintable(name));
        const QString text = QString::fromUtf8(f.readAll());
        f.close();
        if (!text.contains(from))
            qFatal("%s has no '%s'", qPrintable(name), qPrintable(from));
        writeFile(path(name), QString(text).replace(from, to));
    }
    VerifyEntry entry(const QString &revision)
    {
        Result<VerifyReport> r = engine().verify(db);
        if (!r)
            qFatal("%s", qPrintable(r.error().message));
        for (const VerifyEntry &e : std::as_const(r->entries))
            if (e.revision == revision)
                return e;
        return {};
    }
    QStringList warnings() const
    {
        QStringList out;
        for (const RunEvent &e : events)
            if (e.kind == RunEvent::Kind::Warning)
                out.append(e.text);
        return out;
    }
};

} // namespace

class TestDriftCheck : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void checksumCoversBothSections();
    void editedDowngradeIsDrift_data() { dialects(); }
    void editedDowngradeIsDrift();
    void rowsOfOlderVersionsStillVerify_data() { dialects(); }
    void rowsOfOlderVersionsStillVerify();
    void runsWarnAndStrictRefuses_data() { dialects(); }
    void runsWarnAndStrictRefuses();

private:
    void dialects()
    {
        QTest::addColumn<QString>("dialect");
        QTest::newRow("sqlite") << s("sqlite");
        QTest::newRow("postgresql") << s("postgresql");
    }
};

#define OPEN_FIXTURE(f)                                           \
    QFETCH(QString, dialect);                                     \
    if (dialect == s("postgresql")) {                             \
        STRATA_REQUIRE_PG(pgUrl);                                 \
        Q_UNUSED(pgUrl);                                          \
    }                                                             \
    Fixture f;                                                    \
    QVERIFY(f.open(dialect))

void TestDriftCheck::checksumCoversBothSections()
{
    RevisionScript a;
    a.id = s("a1");
    a.sections.insert(s("upgrade"), RevisionSection{s("CREATE TABLE t (x INT);"), 8});
    a.sections.insert(s("downgrade"), RevisionSection{s("DROP TABLE t;"), 11});
    const QString sum = revisionChecksum(a, s("sqlite"));
    QVERIFY2(sum.startsWith(s("v2:")) && sum.size() <= 64, qPrintable(sum));   // fits VARCHAR(64)
    QCOMPARE(compareChecksum(sum, a, s("sqlite")).match, ChecksumComparison::Match::Same);
    // Line endings and trailing blanks do not count.
    RevisionScript cosmetic = a;
    cosmetic.sections[s("downgrade")].sql = s("DROP TABLE t;   \r\n\r\n");
    QCOMPARE(revisionChecksum(cosmetic, s("sqlite")), sum);
    RevisionScript down = a;
    down.sections[s("downgrade")].sql = s("DROP TABLE t CASCADE;");
    QCOMPARE(compareChecksum(sum, down, s("sqlite")).match, ChecksumComparison::Match::Edited);
    QCOMPARE(compareChecksum(sum, down, s("sqlite")).reason, s("its downgrade section differs from what ran"));
    RevisionScript up = a;
    up.sections[s("upgrade")].sql = s("CREATE TABLE t (x BIGINT);");
    QCOMPARE(compareChecksum(sum, up, s("sqlite")).reason, s("its upgrade section differs from what ran"));
    // Per dialect: a PostgreSQL-only section changes the PostgreSQL checksum only.
    RevisionScript pg = a;
    pg.sections.insert(s("downgrade postgresql"), RevisionSection{s("DROP TABLE t CASCADE;"), 14});
    QCOMPARE(revisionChecksum(pg, s("sqlite")), sum);
    QVERIFY(revisionChecksum(pg, s("postgresql")) != revisionChecksum(a, s("postgresql")));
    // Older versions' checksum: the upgrade section only, 64 hex characters.
    QCOMPARE(compareChecksum(sqlChecksum(a.sections[s("upgrade")].sql), down, s("sqlite")).match,
             ChecksumComparison::Match::SameOlderFormat);
    QCOMPARE(compareChecksum(sqlChecksum(a.sections[s("upgrade")].sql), up, s("sqlite")).match, ChecksumComparison::Match::Edited);
    QCOMPARE(compareChecksum(s("md5:0123"), a, s("sqlite")).match, ChecksumComparison::Match::Unknown);
}

void TestDriftCheck::editedDowngradeIsDrift()
{
    OPEN_FIXTURE(f);
    QVERIFY(f.engine().runner(f.db, f.options()).upgrade(s("5b6c")).ok());
    QCOMPARE(f.entry(s("ae1027a6acf0")).state, VerifyEntry::State::Ok);
    f.edit(s("ae1027a6acf0_add_price.sql"), s("ALTER TABLE books DROP COLUMN price;"), s("DROP TABLE books;"));
    const VerifyEntry e = f.entry(s("ae1027a6acf0"));
    QCOMPARE(e.state, VerifyEntry::State::Drift);
    QCOMPARE(e.reason, s("its downgrade section differs from what ran"));
    QCOMPARE(e.path, s("versions/ae1027a6acf0_add_price.sql"));
    QCOMPARE(f.entry(s("1975ea83b712")).state, VerifyEntry::State::Ok);
    // The other dialect's section is not this database's concern.
    f.edit(s("ae1027a6acf0_add_price.sql"), s("DROP TABLE books;"), s("ALTER TABLE books DROP COLUMN price;"));
    QCOMPARE(f.entry(s("ae1027a6acf0")).state, VerifyEntry::State::Ok);
    const QString other = f.dialectName == s("sqlite") ? s("postgresql") : s("sqlite");
    f.edit(s("27c6a30d7c24_add_authors.sql"), s("-- +downgrade ") + other + s("\n"), s("-- +downgrade ") + other + s("\nSELECT 1;\n"));
    QCOMPARE(f.entry(s("27c6a30d7c24")).state, VerifyEntry::State::Ok);
}

void TestDriftCheck::rowsOfOlderVersionsStillVerify()
{
    OPEN_FIXTURE(f);
    QVERIFY(f.engine().runner(f.db, f.options()).upgrade(s("27c6")).ok());
    // What an older Strata recorded: the checksum of the upgrade section alone.
    const MigrationEngine e = f.engine();
    for (const QString &id : {s("1975ea83b712"), s("ae1027a6acf0"), s("27c6a30d7c24")}) {
        QSqlQuery q(f.db);
        q.prepare(s("UPDATE strata_version_history SET checksum = ? WHERE revision = ?"));
        q.addBindValue(sqlChecksum(e.store().find(id)->section(Direction::Upgrade, f.dialectName)->sql));
        q.addBindValue(id);
        QVERIFY(q.exec());
        QCOMPARE(q.numRowsAffected(), 1);
    }
    VerifyEntry old = f.entry(s("ae1027a6acf0"));
    QCOMPARE(old.state, VerifyEntry::State::Ok);
    QVERIFY(old.olderFormat);
    QVERIFY2(old.reason.contains(s("recorded by an older version")), qPrintable(old.reason));
    QVERIFY(!f.engine().verify(f.db)->hasDrift());
    // Its downgrade is not covered by that row (nothing to compare with): still not drift.
    f.edit(s("ae1027a6acf0_add_price.sql"), s("ALTER TABLE books DROP COLUMN price;"), s("DROP TABLE books;"));
    QCOMPARE(f.entry(s("ae1027a6acf0")).state, VerifyEntry::State::Ok);
    // Its upgrade section is: an edit there is drift.
    f.edit(s("ae1027a6acf0_add_price.sql"), s("NUMERIC(10, 2)"), s("NUMERIC(12, 2)"));
    old = f.entry(s("ae1027a6acf0"));
    QCOMPARE(old.state, VerifyEntry::State::Drift);
    QCOMPARE(old.reason, s("its upgrade section differs from what ran"));
    // A checksum in a format this version does not know is unverified, never drift.
    QSqlQuery q(f.db);
    QVERIFY(q.exec(s("UPDATE strata_version_history SET checksum = 'sha1:abc' WHERE revision = '1975ea83b712'")));
    QCOMPARE(f.entry(s("1975ea83b712")).state, VerifyEntry::State::Unverified);
    // Running again records the current format for what runs.
    QVERIFY(f.engine().runner(f.db, f.options()).upgrade(s("4a5b")).ok());
    QVERIFY(f.entry(s("4a5b6c7d8e9f")).recordedChecksum.startsWith(s("v2:")));
}

void TestDriftCheck::runsWarnAndStrictRefuses()
{
    OPEN_FIXTURE(f);
    QVERIFY(f.engine().runner(f.db, f.options()).upgrade(s("5b6c")).ok());
    QVERIFY(f.warnings().isEmpty());
    f.edit(s("5b6c7d8e9f0a_add_index.sql"), s("DROP INDEX ix_books_book_title;"), s("DROP INDEX ix_books_book_title;\nDROP TABLE books;"));
    const QString warning = s("WARNING: revision 5b6c7d8e9f0a (versions/5b6c7d8e9f0a_add_index.sql) was edited after it was applied: "
                              "its downgrade section differs from what ran");
    // Strict: the edited downgrade never runs; nothing changes.
    Result<RunResult> r = f.engine().runner(f.db, f.options(true)).downgrade(s("-1"));
    QVERIFY(!r.ok());
    QVERIFY2(r.error().message.contains(s("Refusing to run (strict drift check)")) && r.error().message.contains(s("5b6c7d8e9f0a")),
             qPrintable(r.error().message));
    QCOMPARE(versionRows(f.db), QStringList{s("5b6c7d8e9f0a")});
    QVERIFY(f.db.tables().contains(s("books")));
    QVERIFY(!f.engine().runner(f.db, f.options(true)).upgrade(s("heads")).ok());
    QCOMPARE(versionRows(f.db), QStringList{s("5b6c7d8e9f0a")});
    QVERIFY(!f.engine().runner(f.db, f.options(true)).stamp({s("4a5b")}, false).ok());
    QCOMPARE(versionRows(f.db), QStringList{s("5b6c7d8e9f0a")});
    // Not strict: a warning on every command, then it runs.
    f.events.clear();
    QVERIFY(f.engine().runner(f.db, f.options()).upgrade(s("6a00000000a1")).ok());
    QCOMPARE(f.warnings(), QStringList{warning});
    f.events.clear();
    r = f.engine().runner(f.db, f.options()).downgrade(s("-1"));
    QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().message));
    QCOMPARE(f.warnings(), QStringList{warning});
    f.events.clear();
    QVERIFY(f.engine().runner(f.db, f.options()).stamp({s("4a5b")}, false).ok());
    QCOMPARE(f.warnings(), QStringList{warning});
}

STRATA_TEST_MAIN(TestDriftCheck)
#include "tst_driftcheck.moc"
