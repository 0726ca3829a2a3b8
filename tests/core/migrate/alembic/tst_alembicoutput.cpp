// AlembicOutput and DatabaseLocation: Alembic's printed lines into steps and failures, and
// the rules that decide whether two descriptions name the same database (no process here).

#include "migrate/alembic/alembiccommand.h"
#include "migrate/alembic/alembicinstallation.h"
#include "migrate/alembic/alembicoutput.h"
#include "migrate/alembic/databaselocation.h"
#include "support/testenvironment.h"

#include "connection/connectionstring.h"

#include <QDir>
#include <QFile>
#include <QJsonObject>
#include <QtTest>

using namespace strata;
using namespace strata::migrate::alembic;

namespace {
QString s(const char *text) { return QString::fromUtf8(text); }

QJsonObject probe(const char *driver, const char *host, int port, const char *db, const char *user, bool pw,
                  const QString &cwd = {})
{
    QJsonObject o;
    o[s("drivername")] = s(driver);
    o[s("host")] = host ? QJsonValue(s(host)) : QJsonValue();
    o[s("port")] = port ? QJsonValue(port) : QJsonValue();
    o[s("database")] = s(db);
    o[s("username")] = user ? QJsonValue(s(user)) : QJsonValue();
    o[s("password_set")] = pw;
    o[s("cwd")] = cwd;
    return o;
}
} // namespace

class TestAlembicOutput : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void stepsAndHeads();
    void tracebackLastFrameInVersions();
    void failedLineAndGenerated();
    void postgresLocations();
    void sqliteLocations();
    void urlOfProfile();
    void commands();
    void virtualEnvironmentsInParents();
};

void TestAlembicOutput::stepsAndHeads()
{
    AlembicOutput out;
    out.setKnownRevisions({s("1975ea83b712"), s("ae1027a6acf0"), s("4d9e6a1b3c25"), s("2b7c4e9f1a03"), s("5e0f7b2c4d36")});
    QVERIFY(!out.transactionalDdl());
    QVERIFY(!out.feed(s("INFO  [alembic.runtime.migration] Will assume transactional DDL.")));
    QCOMPARE(out.transactionalDdl(), std::optional<bool>(true));
    auto a = out.feed(s("INFO  [alembic.runtime.migration] Running upgrade  -> 1975ea83b712, create books table"));
    QVERIFY(a);
    QVERIFY(a->upgrade);
    QVERIFY(a->from.isEmpty());
    QCOMPARE(a->to, QStringList{s("1975ea83b712")});
    QCOMPARE(a->message, s("create books table"));
    out.feed(s("INFO  [alembic.runtime.migration] Running upgrade 1975ea83b712 -> ae1027a6acf0, add price column"));
    out.feed(s("INFO  [alembic.runtime.migration] Running upgrade ae1027a6acf0 -> 4d9e6a1b3c25, create reviews table"));
    out.feed(s("INFO  [alembic.runtime.migration] Running upgrade ae1027a6acf0 -> 2b7c4e9f1a03, create authors table"));
    QCOMPARE(out.headsAfter({}), (QStringList{s("2b7c4e9f1a03"), s("4d9e6a1b3c25")}));
    auto merge = out.feed(s("INFO  [alembic.runtime.migration] Running upgrade 2b7c4e9f1a03, 4d9e6a1b3c25 -> 5e0f7b2c4d36, merge"));
    QVERIFY(merge);
    QCOMPARE(merge->from, (QStringList{s("2b7c4e9f1a03"), s("4d9e6a1b3c25")}));
    QCOMPARE(out.headsAfter({}), QStringList{s("5e0f7b2c4d36")});
    auto down = out.feed(s("INFO  [alembic.runtime.migration] Running downgrade 5e0f7b2c4d36 -> 2b7c4e9f1a03, 4d9e6a1b3c25, merge"));
    QVERIFY(down);
    QVERIFY(!down->upgrade);
    QCOMPARE(down->message, s("merge"));
    QCOMPARE(out.headsAfter({}), (QStringList{s("2b7c4e9f1a03"), s("4d9e6a1b3c25")}));
    // A user's print() that looks alike is not a step: only Alembic's logger line counts.
    QVERIFY(!out.feed(s("Running upgrade a -> b, printed by a revision")));
    QCOMPARE(out.steps().size(), 6);
}

void TestAlembicOutput::tracebackLastFrameInVersions()
{
    AlembicOutput out(s("/p/migrations/versions"));
    const QStringList lines = {
        s("INFO  [alembic.runtime.migration] Running upgrade 5e0f7b2c4d36 -> 6f1a8c3d5e47, audit"),
        s("Traceback (most recent call last):"),
        s("  File \"/usr/lib/python3/dist-packages/sqlalchemy/engine/base.py\", line 1900, in _execute_context"),
        s("    self.dialect.do_execute("),
        s("psycopg2.errors.UndefinedTable: relation \"nosuch_table\" does not exist"),
        s("LINE 1: INSERT INTO nosuch_table VALUES (1)"),
        s(""),
        s("The above exception was the direct cause of the following exception:"),
        s(""),
        s("Traceback (most recent call last):"),
        s("  File \"/usr/bin/alembic\", line 33, in <module>"),
        s("    sys.exit(load_entry_point('alembic==1.8.1', 'console_scripts', 'alembic')())"),
        s("  File \"/p/migrations/versions/6f1a8c3d5e47_audit.py\", line 24, in upgrade"),
        s("    op.execute(\"INSERT INTO nosuch_table VALUES (1)\")"),
        s("  File \"<string>\", line 8, in execute"),
        s("  File \"/usr/lib/python3/dist-packages/sqlalchemy/engine/default.py\", line 736, in do_execute"),
        s("    cursor.execute(statement, parameters)"),
        s("sqlalchemy.exc.ProgrammingError: (psycopg2.errors.UndefinedTable) relation \"nosuch_table\" does not exist"),
        s("LINE 1: INSERT INTO nosuch_table VALUES (1)"),
        s("                    ^"),
    };
    for (const QString &l : lines)
        out.feed(l);
    const std::optional<AlembicFailure> f = out.failure();
    QVERIFY(f);
    QCOMPARE(f->file, s("/p/migrations/versions/6f1a8c3d5e47_audit.py"));
    QCOMPARE(f->line, 24);
    QCOMPARE(f->function, s("upgrade"));
    QCOMPARE(f->serverMessage, s("relation \"nosuch_table\" does not exist"));
    QVERIFY(f->exception.startsWith(s("sqlalchemy.exc.ProgrammingError")));
    QCOMPARE(out.steps().size(), 1);
}

void TestAlembicOutput::failedLineAndGenerated()
{
    AlembicOutput out;
    out.feed(s("  Generating /p/migrations/versions/1a2b3c4d5e6f_add_isbn.py ...  done"));
    out.feed(s("FAILED: Multiple head revisions are present for given argument 'head'"));
    QCOMPARE(out.generatedFiles(), QStringList{s("/p/migrations/versions/1a2b3c4d5e6f_add_isbn.py")});
    QCOMPARE(out.failedLine(), s("Multiple head revisions are present for given argument 'head'"));
    QVERIFY(!out.failure());
}

void TestAlembicOutput::postgresLocations()
{
    auto a = DatabaseLocation::fromProbe(probe("postgresql+psycopg2", "localhost", 5432, "books", "bob", true));
    auto b = DatabaseLocation::fromProbe(probe("postgresql", "127.0.0.1", 0, "books", "bob", false));
    QVERIFY(a && b);
    QVERIFY(a->sameDatabase(*b));   // driver, localhost alias, default port
    QCOMPARE(a->display(), s("postgresql+psycopg2://bob:***@localhost:5432/books"));
    auto otherDb = DatabaseLocation::fromProbe(probe("postgresql", "localhost", 5432, "books_prod", "bob", false));
    auto otherPort = DatabaseLocation::fromProbe(probe("postgresql", "localhost", 5433, "books", "bob", false));
    auto otherUser = DatabaseLocation::fromProbe(probe("postgresql", "localhost", 5432, "books", "alice", false));
    auto otherHost = DatabaseLocation::fromProbe(probe("postgresql", "db.example", 5432, "books", "bob", false));
    for (const auto *o : {&otherDb, &otherPort, &otherUser, &otherHost})
        QVERIFY(!a->sameDatabase(**o));
    auto profile = connection::parseConnectionString(s("postgresql://bob:secret@localhost/books"));
    QVERIFY(profile);
    QVERIFY(a->sameDatabase(DatabaseLocation::fromProfile(profile->profile)));
    QVERIFY(!DatabaseLocation::fromProfile(profile->profile).display().contains(s("secret")));
    auto sqlite = DatabaseLocation::fromProbe(probe("sqlite", nullptr, 0, "books", nullptr, false, s("/")));
    QVERIFY(!a->sameDatabase(*sqlite));
}

void TestAlembicOutput::sqliteLocations()
{
    const QString dir = QFileInfo(test::tempPath(s("books.db"))).absolutePath();
    QVERIFY(QDir(dir).mkpath(s("project")));
    QFile f(dir + s("/books.db"));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.close();
    QVERIFY(QFile::link(dir + s("/books.db"), dir + s("/project/link.db")));
    auto relative = DatabaseLocation::fromProbe(probe("sqlite", nullptr, 0, "../books.db", nullptr, false, dir + s("/project")));
    auto viaLink = DatabaseLocation::fromProbe(probe("sqlite+pysqlite", nullptr, 0, "link.db", nullptr, false, dir + s("/project")));
    auto other = DatabaseLocation::fromProbe(probe("sqlite", nullptr, 0, "books.db", nullptr, false, dir + s("/project")));
    auto memory = DatabaseLocation::fromProbe(probe("sqlite", nullptr, 0, "", nullptr, false, dir));
    QVERIFY(relative && viaLink && other && memory);
    QVERIFY(relative->sameDatabase(*viaLink));
    QVERIFY(!relative->sameDatabase(*other));
    QVERIFY(memory->inMemory);
    QVERIFY(!memory->sameDatabase(*memory));
    auto profile = connection::parseConnectionString(dir + s("/books.db"));
    QVERIFY(profile);
    QVERIFY(relative->sameDatabase(DatabaseLocation::fromProfile(profile->profile)));
    QCOMPARE(relative->display(), s("sqlite:///") + QFileInfo(dir + s("/books.db")).canonicalFilePath());
}

void TestAlembicOutput::urlOfProfile()
{
    auto pg = connection::parseConnectionString(s("postgresql://bob:s%40cret@db.example:5433/books?sslmode=require"));
    QVERIFY(pg);
    QCOMPARE(sqlalchemyUrl(pg->profile), s("postgresql://bob@db.example:5433/books?sslmode=require"));
    auto lite = connection::parseConnectionString(s("/tmp/x/books.db"));
    QVERIFY(lite);
    QCOMPARE(sqlalchemyUrl(lite->profile), s("sqlite:////tmp/x/books.db"));
}

void TestAlembicOutput::commands()
{
    QCOMPARE(AlembicCommand::base(s("/p/alembic.ini"), {s("tenant=a")}),
             (QStringList{s("-c"), s("/p/alembic.ini"), s("-x"), s("tenant=a")}));
    QCOMPARE(AlembicCommand::previewSql(true, s("base"), s("head")), (QStringList{s("upgrade"), s("--sql"), s("base:head")}));
    QCOMPARE(AlembicCommand::mergeHeads(s("m")), (QStringList{s("merge"), s("heads"), s("-m"), s("m")}));
    QVERIFY(AlembicCommand::touchesDatabase(AlembicCommand::upgrade(s("head"))));
    QVERIFY(AlembicCommand::touchesDatabase(AlembicCommand::stamp(s("head"))));
    QVERIFY(AlembicCommand::touchesDatabase(AlembicCommand::revision(s("x"), true)));
    QVERIFY(!AlembicCommand::touchesDatabase(AlembicCommand::revision(s("x"), false)));
    QVERIFY(!AlembicCommand::touchesDatabase(AlembicCommand::previewSql(true, {}, s("head"))));
    QVERIFY(!AlembicCommand::touchesDatabase(AlembicCommand::mergeHeads(s("m"))));
}

void TestAlembicOutput::virtualEnvironmentsInParents()
{
    const QString root = QFileInfo(test::tempPath(s("x"))).absolutePath();
    QVERIFY(QDir(root).mkpath(s(".venv/bin")));
    QVERIFY(QDir(root).mkpath(s("app/migrations")));
    QVERIFY(QDir(root).mkpath(s("app/env")));   // a folder named env without pyvenv.cfg: not a venv
    QFile cfg(root + s("/.venv/pyvenv.cfg"));
    QVERIFY(cfg.open(QIODevice::WriteOnly));
    cfg.close();
    QVERIFY(QFile::link(s("/bin/true"), root + s("/.venv/bin/python")));
    const QStringList venvs = AlembicLocator::virtualEnvironments(root + s("/app"));
    QCOMPARE(venvs, QStringList{root + s("/.venv")});
    QProcessEnvironment env;
    env.insert(s("PATH"), s("/nonexistent"));
    const QList<AlembicInstallation> c = AlembicLocator::candidates(root + s("/app"), env);
    QCOMPARE(c.size(), 1);
    QCOMPARE(c.first().python, root + s("/.venv/bin/python"));
    QCOMPARE(c.first().venvDir, root + s("/.venv"));
    QVERIFY(AlembicLocator::installAdvice(root + s("/app"), env).contains(root + s("/.venv/bin/pip install alembic")));
    const QString empty = QFileInfo(test::tempPath(s("y"))).absolutePath();
    QVERIFY(AlembicLocator::installAdvice(empty, env).contains(s("apt install alembic")));
}

STRATA_TEST_MAIN(TestAlembicOutput)
#include "tst_alembicoutput.moc"
