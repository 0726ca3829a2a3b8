// The facade: Alembic's status formats, authoring, verify (drift), offline SQL fed to
// sqlite3 / psql giving the online schema, and an Alembic project read-only.

#include "support/bookproject.h"

#include "migrate/migrationengine.h"
#include "support/scratchdatabase.h"
#include "support/testenvironment.h"

#include <QProcess>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>
#include <memory>

using namespace strata;
using namespace strata::migrate;
using namespace strata::test::books;

namespace {

MigrationEngine openEngine(const QString &dir)
{
    Result<ProjectConfig> config = ProjectConfig::load(dir + s("/strata.ini"));
    if (!config)
        qFatal("%s", qPrintable(config.error().message));
    Result<MigrationEngine> e = MigrationEngine::open(*config);
    if (!e)
        qFatal("%s", qPrintable(e.error().message));
    return *e;
}

QStringList lines(const QList<RevisionInfo> &list, const FormatOptions &f)
{
    QStringList out;
    for (const RevisionInfo &i : list)
        out.append(formatRevisionLine(i, f));
    return out;
}

const FormatOptions kHeads{true, false, false, false};
const FormatOptions kHistory{true, true, true, true};

struct Target {
    std::unique_ptr<strata::test::ScratchPgDatabase> pg;
    QString url;
    QSqlDatabase db;
    ~Target() { strata::test::closeTestDatabase(db); }
};

bool openTarget(Target &t, const QString &dialect, const QString &file)
{
    if (dialect == s("postgresql")) {
        t.pg = std::make_unique<strata::test::ScratchPgDatabase>(strata::test::postgresUrl());
        t.url = t.pg->url();
    } else {
        t.url = file;
    }
    t.db = strata::test::openTestDatabase(t.url);
    return t.db.isOpen();
}

QString runTool(const QString &dialect, const QString &url, const QString &script, int *exitCode)
{
    QProcess p;
    if (dialect == s("postgresql"))
        p.start(s("psql"), {s("-X"), s("-q"), s("-v"), s("ON_ERROR_STOP=1"), url});
    else
        p.start(s("sqlite3"), {s("-bail"), url});
    p.waitForStarted();
    p.write(script.toUtf8());
    p.closeWriteChannel();
    p.waitForFinished(60000);
    *exitCode = p.exitCode();
    return QString::fromUtf8(p.readAllStandardError());
}

} // namespace

class TestMigrationEngine : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void headsAndHistoryText();
    void verboseLogEntry();
    void branchesAndCurrent();
    void historyRanges();
    void authoring();
    void verifyDrift_data() { dialects(); }
    void verifyDrift();
    void runnerReadsFilesAtRunTime_data() { dialects(); }
    void runnerReadsFilesAtRunTime();
    void offlineSqlMatchesOnline_data() { dialects(); }
    void offlineSqlMatchesOnline();
    void alembicProjectReadOnly();

private:
    void dialects()
    {
        QTest::addColumn<QString>("dialect");
        QTest::newRow("sqlite") << s("sqlite");
        QTest::newRow("postgresql") << s("postgresql");
    }
};

void TestMigrationEngine::headsAndHistoryText()
{
    QTemporaryDir dir;
    writeProject(dir.path(), false);
    const MigrationEngine e = openEngine(dir.path());
    QCOMPARE(lines(e.heads(), kHeads), QStringList({s("6a00000000a2 (reviews) (head)"), s("6b00000000b1 (sales) (head)")}));
    Result<QList<RevisionInfo>> h = e.history(QString(), {}, false);
    QVERIFY(h.ok());
    QCOMPARE(lines(*h, kHistory),
             QStringList({s("6a00000000a1 -> 6a00000000a2 (reviews) (head), add rating to reviews"),
                          s("5b6c7d8e9f0a -> 6a00000000a1 (reviews), create reviews"),
                          s("5b6c7d8e9f0a -> 6b00000000b1 (sales) (head), create sales"),
                          s("4a5b6c7d8e9f -> 5b6c7d8e9f0a (branchpoint), add an index on book_title"),
                          s("27c6a30d7c24 -> 4a5b6c7d8e9f, rename title to book_title"),
                          s("ae1027a6acf0 -> 27c6a30d7c24, add authors"),
                          s("1975ea83b712 -> ae1027a6acf0, add a price column"),
                          s("<base> -> 1975ea83b712, create books table")}));
    QTemporaryDir merged;
    writeProject(merged.path(), true);
    const MigrationEngine m = openEngine(merged.path());
    QCOMPARE(lines(m.heads(), kHeads), QStringList({s("7c0000000000 (reviews, sales) (head)")}));
    QCOMPARE(formatRevisionLine(m.info(s("7c0000000000")), kHistory),
             s("6a00000000a2, 6b00000000b1 -> 7c0000000000 (reviews, sales) (head) (mergepoint), merge reviews and sales"));
}

void TestMigrationEngine::verboseLogEntry()
{
    QTemporaryDir dir;
    writeProject(dir.path());
    const MigrationEngine e = openEngine(dir.path());
    RevisionInfo bp = e.info(s("5b6c7d8e9f0a"));
    bp.isCurrent = true;
    QCOMPARE(formatRevisionLog(bp),
             QStringLiteral("Rev: 5b6c7d8e9f0a (branchpoint) (current)\nParent: 4a5b6c7d8e9f\nBranches into: 6a00000000a1, 6b00000000b1\n"
                            "Path: %1\n\n    add an index on book_title\n    \n    Revision ID: 5b6c7d8e9f0a\n    Revises: 4a5b6c7d8e9f\n"
                            "    Create Date: 2026-11-21 10:00:00\n")
                 .arg(dir.filePath(s("versions/5b6c7d8e9f0a_add_index.sql"))));
    const QString merge = formatRevisionLog(e.info(s("7c0000000000")));
    QVERIFY(merge.startsWith(s("Rev: 7c0000000000 (head) (mergepoint)\nMerges: 6a00000000a2, 6b00000000b1\nBranch names: reviews, sales\n")));
}

void TestMigrationEngine::branchesAndCurrent()
{
    QTemporaryDir dir;
    writeProject(dir.path(), false);
    const MigrationEngine e = openEngine(dir.path());
    const QList<RevisionInfo> bps = e.branchPoints();
    QCOMPARE(bps.size(), 1);
    QCOMPARE(formatRevisionLine(bps.first(), FormatOptions{true, false, false, true}), s("5b6c7d8e9f0a (branchpoint)"));
    QCOMPARE(bps.first().nextRevisions, QStringList({s("6a00000000a1"), s("6b00000000b1")}));
    Result<QList<RevisionInfo>> cur = e.current({s("6a00000000a2"), s("6b00000000b1")});
    QVERIFY(cur.ok());
    QCOMPARE(lines(*cur, FormatOptions{}), QStringList({s("6a00000000a2 (head)"), s("6b00000000b1 (head)")}));
    QVERIFY(!e.current({s("feedfeedfeed")}).ok());
    Result<QList<RevisionInfo>> marked = e.history(QString(), {s("6a00000000a1")}, true);
    QCOMPARE(formatRevisionLine(marked->at(1), kHistory), s("5b6c7d8e9f0a -> 6a00000000a1 (reviews) (current), create reviews"));
}

void TestMigrationEngine::historyRanges()
{
    QTemporaryDir dir;
    writeProject(dir.path());
    const MigrationEngine e = openEngine(dir.path());
    auto ids = [&](const QString &range, const QStringList &current = {}) {
        QStringList out;
        Result<QList<RevisionInfo>> r = e.history(range, current, false);
        if (!r)
            return QStringList{r.error().message};
        for (const RevisionInfo &i : std::as_const(*r))
            out.append(i.id.left(4));
        return out;
    };
    QCOMPARE(ids(s("27c6:4a5b")), QStringList({s("4a5b"), s("27c6")}));
    QCOMPARE(ids(s(":ae10")), QStringList({s("ae10"), s("1975")}));
    QCOMPARE(ids(s("6a00000000a2:")), QStringList({s("7c00"), s("6a00")}));
    QCOMPARE(ids(s("6b00:heads")), QStringList({s("7c00"), s("6b00")}));
    QCOMPARE(ids(s("27c6:current"), {s("4a5b6c7d8e9f")}), QStringList({s("4a5b"), s("27c6")}));
    // an end relative to the other end (Alembic: A:+2 is A and the two revisions above it)
    QCOMPARE(ids(s("ae10:+2")), QStringList({s("4a5b"), s("27c6"), s("ae10")}));
    QCOMPARE(ids(s("6a00000000a1:+5")), QStringList({s("7c00"), s("6a00"), s("6a00")})); // walks stop at the head
    // "-1" counts down from the heads; from a merge point that walk is ambiguous
    QVERIFY(ids(s("-1:current"), {s("4a5b6c7d8e9f")}).first().startsWith(s("Ambiguous walk")));
    // a lower end that is not below the upper one is refused, as in Alembic
    QVERIFY(ids(s("6a00000000a1:6b00000000b1")).first().startsWith(s("Requested range")));
    QCOMPARE(ids(s("base:1975")), QStringList({s("1975")}));
    QCOMPARE(ids(s("sales@head:heads")), QStringList({s("7c00")})); // the merge is the head of the sales lineage
    QVERIFY(!e.history(s("nonsense"), {}, false).ok());
}

void TestMigrationEngine::authoring()
{
    QTemporaryDir dir;
    writeProject(dir.path(), false);
    MigrationEngine e = openEngine(dir.path());
    NewRevisionOptions o;
    o.message = s("next");
    Result<RevisionScript> r = e.createRevision(o);
    QVERIFY(!r.ok());
    QVERIFY(r.error().message.startsWith(s("Multiple heads are present")));
    o.head = s("4a5b");
    QVERIFY(e.createRevision(o).error().message.contains(s("--splice")));
    o.splice = true;
    o.revId = s("9a2d7cbe6fac");
    o.branchLabels = {s("users")};
    o.dependsOn = {s("sales")};
    r = e.createRevision(o);
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
    QCOMPARE(r->downRevisions, QStringList{s("4a5b6c7d8e9f")});
    QCOMPARE(r->dependsOn, QStringList{s("6b00000000b1")});
    QCOMPARE(QFileInfo(r->path).fileName(), s("9a2d7cbe6fac_next.sql"));
    QCOMPARE(e.graph().heads().size(), 3);
    o.head = s("users@head");
    o.splice = false;
    o.revId = s("a3b8e1f4c2d0");
    o.branchLabels = {};
    o.dependsOn = {};
    o.message = s("create users and addresses");
    r = e.createRevision(o);
    QVERIFY(r.ok());
    QCOMPARE(formatRevisionLine(e.info(s("a3b8e1f4c2d0")), kHistory),
             s("9a2d7cbe6fac -> a3b8e1f4c2d0 (users) (head), create users and addresses"));
    Result<RevisionScript> m = e.merge({s("heads")}, s("merge all"), {}, s("ffff00000000"));
    QVERIFY(m.ok());
    // "heads" are the revisions nothing depends on (Alembic's real heads): sales has a dependent
    QCOMPARE(m->downRevisions.size(), 2);
    QCOMPARE(e.graph().realHeads(), QStringList{s("ffff00000000")});
    QCOMPARE(e.graph().heads(), QStringList({s("6b00000000b1"), s("ffff00000000")}));
    QVERIFY(!e.merge({s("ffff")}, s("one"), {}, {}).ok());
}

void TestMigrationEngine::verifyDrift()
{
    QFETCH(QString, dialect);
    if (dialect == s("postgresql")) {
        STRATA_REQUIRE_PG(pgUrl);
        Q_UNUSED(pgUrl);
    }
    QTemporaryDir dir;
    writeProject(dir.path());
    Target t;
    QVERIFY(openTarget(t, dialect, dir.filePath(s("app.db"))));
    MigrationEngine e = openEngine(dir.path());
    QVERIFY(e.runner(t.db, {}).upgrade(s("5b6c")).ok());
    Result<VerifyReport> r = e.verify(t.db);
    QVERIFY(r.ok());
    QCOMPARE(r->entries.size(), 5);
    QVERIFY(!r->hasDrift());
    // whitespace and line endings only: no drift
    const QString path = dir.filePath(s("versions/ae1027a6acf0_add_price.sql"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QString original = QString::fromUtf8(f.readAll());
    f.close();
    QString cosmetic = original;
    cosmetic.replace(s("\n"), s("   \r\n"));
    writeFile(path, cosmetic);
    e = openEngine(dir.path());
    QVERIFY(!e.verify(t.db)->hasDrift());
    // a real edit: drift on exactly that revision
    writeFile(path, QString(original).replace(s("NUMERIC(10, 2)"), s("NUMERIC(12, 2)")));
    e = openEngine(dir.path());
    r = e.verify(t.db);
    QVERIFY(r->hasDrift());
    for (const VerifyEntry &v : std::as_const(r->entries))
        QCOMPARE(v.state == VerifyEntry::State::Drift, v.revision == s("ae1027a6acf0"));
    // an edited downgrade of an applied revision is drift too: `downgrade` would run it
    writeFile(path, QString(original).replace(s("ALTER TABLE books DROP COLUMN price;"), s("DROP TABLE books;")));
    e = openEngine(dir.path());
    r = e.verify(t.db);
    QVERIFY(r->hasDrift());
    for (const VerifyEntry &v : std::as_const(r->entries))
        QCOMPARE(v.state == VerifyEntry::State::Drift, v.revision == s("ae1027a6acf0"));
    // stamped revisions are unverified, not drift
    QVERIFY(e.runner(t.db, {}).stamp({s("6a00000000a1")}, false).ok());
    r = e.verify(t.db);
    QCOMPARE(r->entries.last().revision, s("6a00000000a1"));
    QCOMPARE(r->entries.last().state, VerifyEntry::State::Unverified);
}

// An engine opened before a file was edited runs the file as it is when the command starts,
// and records the checksum of that text (the panel keeps an engine open for hours).
void TestMigrationEngine::runnerReadsFilesAtRunTime()
{
    QFETCH(QString, dialect);
    if (dialect == s("postgresql")) {
        STRATA_REQUIRE_PG(pgUrl);
        Q_UNUSED(pgUrl);
    }
    QTemporaryDir dir;
    writeProject(dir.path());
    Target t;
    QVERIFY(openTarget(t, dialect, dir.filePath(s("app.db"))));
    const MigrationEngine e = openEngine(dir.path());
    const QString path = dir.filePath(s("versions/ae1027a6acf0_add_price.sql"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QString original = QString::fromUtf8(f.readAll());
    f.close();
    writeFile(path, QString(original).replace(s("ADD COLUMN price"), s("ADD COLUMN cost")));
    Result<RunResult> r = e.runner(t.db, {}).upgrade(s("ae10"));
    QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().message));
    {
        QSqlQuery q(t.db);
        QVERIFY2(q.exec(s("SELECT cost FROM books")), "the edited text did not run");
        QVERIFY(!q.exec(s("SELECT price FROM books")));
    }
    // verify, from an engine that reads the files now: what ran is what is on disk.
    Result<VerifyReport> v = openEngine(dir.path()).verify(t.db);
    QVERIFY(v.ok());
    QCOMPARE(v->entries.size(), 2);
    for (const VerifyEntry &entry : std::as_const(v->entries))
        QCOMPARE(entry.state, VerifyEntry::State::Ok);
}

void TestMigrationEngine::offlineSqlMatchesOnline()
{
    QFETCH(QString, dialect);
    if (dialect == s("postgresql")) {
        STRATA_REQUIRE_PG(pgUrl);
        Q_UNUSED(pgUrl);
    }
    QTemporaryDir dir;
    writeProject(dir.path());
    const MigrationEngine e = openEngine(dir.path());
    const dialect::DialectKind kind = dialect == s("postgresql") ? dialect::DialectKind::Postgres : dialect::DialectKind::Sqlite;
    Target online, offline;
    QVERIFY(openTarget(online, dialect, dir.filePath(s("online.db"))));
    QVERIFY(openTarget(offline, dialect, dir.filePath(s("offline.db"))));
    QVERIFY(e.runner(online.db, {}).upgrade(s("head")).ok());
    Result<QString> up = e.offlineSql(Direction::Upgrade, s("head"), kind, false);
    QVERIFY(up.ok());
    QVERIFY(up->startsWith(dialect == s("sqlite") ? s("PRAGMA foreign_keys = OFF;\n\nBEGIN;") : s("BEGIN;")));
    QVERIFY(up->contains(s("-- Running upgrade  -> 1975ea83b712\n")));
    QVERIFY(up->trimmed().endsWith(s("COMMIT;")));
    int code = -1;
    QString stderrText = runTool(dialect, offline.url, *up, &code);
    QVERIFY2(code == 0, qPrintable(stderrText));
    QCOMPARE(schemaOf(offline.db), schemaOf(online.db));
    QCOMPARE(versionRows(offline.db), QStringList{s("7c0000000000")});
    // the offline-applied database is verified by its history rows
    QVERIFY(!e.verify(offline.db)->hasDrift());
    QCOMPARE(e.verify(offline.db)->entries.first().state, VerifyEntry::State::Ok);
    // downgrade to base: the script ends by dropping the version table
    Result<QString> down = e.offlineSql(Direction::Downgrade, s("head:base"), kind, true);
    QVERIFY(down.ok());
    QVERIFY(down->contains(s("DROP TABLE \"strata_version\";\n")));
    stderrText = runTool(dialect, offline.url, *down, &code);
    QVERIFY2(code == 0, qPrintable(stderrText));
    QVERIFY(e.runner(online.db, {}).downgrade(s("base")).ok());
    QSqlQuery drop(online.db);
    QVERIFY(drop.exec(s("DROP TABLE strata_version")));
    QCOMPARE(schemaOf(offline.db), schemaOf(online.db));
    QVERIFY(!e.offlineSql(Direction::Downgrade, s("base"), kind, false).ok()); // needs a start
}

void TestMigrationEngine::alembicProjectReadOnly()
{
    QTemporaryDir dir;
    writeFile(dir.filePath(s("alembic.ini")), s("[alembic]\nscript_location = alembic\n"));
    writeFile(dir.filePath(s("alembic/versions/a.py")),
              s("\"\"\"create account table\"\"\"\nrevision = '1975ea83b712'\ndown_revision = None\n"));
    writeFile(dir.filePath(s("alembic/versions/b.py")),
              s("\"\"\"add a column\"\"\"\nrevision = 'ae1027a6acf'\ndown_revision = '1975ea83b712'\n"));
    Result<ProjectConfig> config = ProjectConfig::load(dir.filePath(s("alembic.ini")));
    QVERIFY(config.ok());
    Result<MigrationEngine> e = MigrationEngine::open(*config);
    QVERIFY(e.ok());
    QSqlDatabase db = strata::test::openTestDatabase(dir.filePath(s("app.db")));
    QVERIFY(strata::test::execAll(db, {s("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)"),
                                       s("INSERT INTO alembic_version VALUES ('1975ea83b712')")}).isEmpty());
    Result<QStringList> heads = e->currentHeads(db);
    QCOMPARE(*heads, QStringList{s("1975ea83b712")});
    QCOMPARE(lines(*e->current(*heads), FormatOptions{}), QStringList{s("1975ea83b712")});
    QCOMPARE(lines(e->heads(), kHeads), QStringList{s("ae1027a6acf (head)")});
    Result<RunResult> run = e->runner(db, {}).upgrade(s("head"));
    QVERIFY(!run.ok());
    QVERIFY(run.error().message.contains(s("cannot run it")));
    QCOMPARE(versionRows(db, s("alembic_version")), QStringList{s("1975ea83b712")});
    Result<VerifyReport> v = e->verify(db);
    QVERIFY(v.ok());
    QCOMPARE(v->entries.first().state, VerifyEntry::State::Unverified);
    strata::test::closeTestDatabase(db);
}

STRATA_TEST_MAIN(TestMigrationEngine)
#include "tst_migrationengine.moc"
