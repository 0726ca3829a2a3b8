// The seed tutorial project run by the real Alembic (Debian 12's alembic 1.8, SQLAlchemy 1.4,
// psycopg2) through Strata's core: finding it in a venv, the wrong-database check and its
// override, upgrade / downgrade / stamp, autogenerate, merge heads, offline SQL, a failing
// revision and the cancel of a slow one, on SQLite and PostgreSQL.

#include "alembictesting.h"

#include "connection/connectionstring.h"
#include "support/scratchdatabase.h"

#include <QSqlQuery>
#include <csignal>
#include <memory>

using namespace strata;
using namespace strata::test::alembic;

namespace {

/// One database of a test: where it is, its URL for Alembic (with the password), its profile.
struct Db {
    QString location;   ///< a SQLite path or the PostgreSQL URL (for the checks)
    QString url;        ///< SQLAlchemy URL with the password
    connection::ConnectionSpec spec;
    std::unique_ptr<test::ScratchPgDatabase> pg;
};

std::unique_ptr<Db> makeDb(bool postgres, const QString &pgServer, const QString &dir, const QString &name)
{
    auto db = std::make_unique<Db>();
    if (postgres) {
        db->pg = std::make_unique<test::ScratchPgDatabase>(pgServer);
        db->location = db->url = db->pg->url();
    } else {
        db->location = dir + QLatin1Char('/') + name;
        db->url = s("sqlite:///") + db->location;
    }
    auto spec = connection::parseConnectionString(db->location);
    if (spec)
        db->spec = *spec;
    return db;
}

QStringList versions(const QString &location)
{
    QSqlDatabase db = test::openTestDatabase(location);
    QStringList out;
    QSqlQuery q(db);
    if (q.exec(s("SELECT version_num FROM alembic_version ORDER BY version_num")))
        while (q.next())
            out << q.value(0).toString();
    q.finish();
    test::closeTestDatabase(db);
    return out;
}

bool hasTable(const QString &location, const QString &table)
{
    const bool pg = location.startsWith(s("postgres"));
    const QString sql = pg ? s("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public' AND table_name = '%1'")
                           : s("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '%1'");
    return test::scalar(location, sql.arg(table)).toInt() == 1;
}

QProcessEnvironment envWith(const QString &databaseUrl)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(s("VIRTUAL_ENV"));
    if (databaseUrl.isEmpty())
        env.remove(s("DATABASE_URL"));
    else
        env.insert(s("DATABASE_URL"), databaseUrl);
    return env;
}

const QString kHead = s("5e0f7b2c4d36");

} // namespace

class TestAlembicProject : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void venvFoundWithoutAlembicOnPath();
    void upgradeDowngradeStamp_data() { dialects(); }
    void upgradeDowngradeStamp();
    void autogenerateAfterModelChange_data() { dialects(); }
    void autogenerateAfterModelChange();
    void mergeHeads_data() { dialects(); }
    void mergeHeads();
    void previewSql_data() { dialects(); }
    void previewSql();
    void failingRevision_data() { dialects(); }
    void failingRevision();
    void cancelSlowRevision_data() { dialects(); }
    void cancelSlowRevision();
    void wrongDatabaseRefused_data() { dialects(); }
    void wrongDatabaseRefused();
    void noOverrideWhenEnvPyHardCodesTheUrl();

private:
    static void dialects()
    {
        QTest::addColumn<bool>("postgres");
        QTest::newRow("sqlite") << false;
        QTest::newRow("postgresql") << true;
    }
    Result<AlembicTarget> check(const QString &dir, const Db &expected, const QProcessEnvironment &env);

    AlembicInstallation m_alembic;
};

void TestAlembicProject::initTestCase()
{
    m_alembic = systemAlembic();
    QVERIFY2(m_alembic.isValid(), "Debian's alembic (scripts/install-deps.sh) must be installed");
    QVERIFY(m_alembic.version.startsWith(s("1.")));
    QVERIFY(QFileInfo::exists(tutorialSource() + s("/alembic.ini")));
}

Result<AlembicTarget> TestAlembicProject::check(const QString &dir, const Db &expected, const QProcessEnvironment &env)
{
    AlembicPreflight preflight(dir, env);
    Result<AlembicTarget> out = Error(ErrorKind::Internal, s("no answer"));
    preflight.check(m_alembic, AlembicCommand::base(dir + s("/alembic.ini")), expected.spec.profile, expected.spec.password,
                    [&out](const Result<AlembicTarget> &r) { out = r; });
    preflight.waitForIdle();
    return out;
}

void TestAlembicProject::venvFoundWithoutAlembicOnPath()
{
    const QString dir = copyTutorial(s("venvproject"));
    QVERIFY(!dir.isEmpty());
    QVERIFY(makeVenv(dir, m_alembic));
    QProcessEnvironment env = envWith({});
    env.insert(s("PATH"), dir + s("/no-bin"));   // no alembic, no python3 on PATH
    const QList<AlembicInstallation> candidates = AlembicLocator::candidates(dir, env);
    AlembicPreflight preflight(dir, env);
    Result<AlembicInstallation> found = Error(ErrorKind::Internal, s("no answer"));
    preflight.locate(candidates, [&found](const Result<AlembicInstallation> &r) { found = r; });
    preflight.waitForIdle();
    QVERIFY2(found, qPrintable(found ? QString() : found.error().message));
    QCOMPARE(found->python, dir + s("/.venv/bin/python"));
    QCOMPARE(found->origin, s("the project's .venv"));
    QVERIFY(found->executable.isEmpty());   // --system-site-packages: Debian's module, no bin/alembic
    QCOMPARE(found->version, m_alembic.version);
    auto run = runAlembic(*found, dir, AlembicCommand::base(s("alembic.ini")) + AlembicCommand::upgrade(s("head")), env);
    QVERIFY2(run->result().ok(), qPrintable(joined(*run)));
    QCOMPARE(versions(dir + s("/books.db")), QStringList{kHead});
    QCOMPARE(run->output().steps().size(), 6);
}

void TestAlembicProject::upgradeDowngradeStamp()
{
    QFETCH(bool, postgres);
    STRATA_PG_URL_IF(postgres, pgUrl);
    const QString dir = copyTutorial(s("project"));
    auto db = makeDb(postgres, pgUrl, dir, s("books.db"));
    const QProcessEnvironment env = envWith(db->url);
    const QStringList base = AlembicCommand::base(dir + s("/alembic.ini"));
    // A linear stretch first: upgrade to 3c8d, downgrade -1.
    auto first = runAlembic(m_alembic, dir, base + AlembicCommand::upgrade(s("3c8d5f0a2b14")), env);
    QVERIFY2(first->result().ok(), qPrintable(joined(*first)));
    QCOMPARE(first->output().steps().size(), 4);
    QCOMPARE(first->output().transactionalDdl(), std::optional<bool>(postgres));
    QCOMPARE(versions(db->location), QStringList{s("3c8d5f0a2b14")});
    auto down = runAlembic(m_alembic, dir, base + AlembicCommand::downgrade(s("-1")), env);
    QVERIFY2(down->result().ok(), qPrintable(joined(*down)));
    QCOMPARE(down->output().steps().size(), 1);
    QVERIFY(!down->output().steps().first().upgrade);
    QCOMPARE(down->output().headsAfter({s("3c8d5f0a2b14")}), QStringList{s("2b7c4e9f1a03")});
    QCOMPARE(versions(db->location), QStringList{s("2b7c4e9f1a03")});
    QVERIFY(hasTable(db->location, s("authors")));
    auto up = runAlembic(m_alembic, dir, base + AlembicCommand::upgrade(s("head")), env);
    QVERIFY2(up->result().ok(), qPrintable(joined(*up)));
    QCOMPARE(up->output().steps().size(), 3);
    QCOMPARE(up->output().headsAfter({s("2b7c4e9f1a03")}), QStringList{kHead});
    QCOMPARE(versions(db->location), QStringList{kHead});
    QVERIFY(hasTable(db->location, s("reviews")));
    // From a merge point -1 is ambiguous in Alembic: it says so, and nothing changes.
    auto ambiguous = runAlembic(m_alembic, dir, base + AlembicCommand::downgrade(s("-1")), env);
    QVERIFY(!ambiguous->result().ok());
    QCOMPARE(ambiguous->output().failedLine(), s("Ambiguous walk"));
    QCOMPARE(versions(db->location), QStringList{kHead});
    auto unmerge = runAlembic(m_alembic, dir, base + AlembicCommand::downgrade(s("3c8d5f0a2b14")), env);
    QVERIFY2(unmerge->result().ok(), qPrintable(joined(*unmerge)));
    const QStringList branches{s("3c8d5f0a2b14"), s("4d9e6a1b3c25")};
    QCOMPARE(unmerge->output().headsAfter({kHead}), branches);   // "5e0f -> 3c8d, 4d9e, merge ..."
    QCOMPARE(versions(db->location), branches);
    auto stamp = runAlembic(m_alembic, dir, base + AlembicCommand::stamp(s("base")), env);
    QVERIFY2(stamp->result().ok(), qPrintable(joined(*stamp)));
    QCOMPARE(versions(db->location), QStringList());
    QVERIFY(hasTable(db->location, s("authors")));   // stamp moves the marker only
    stamp = runAlembic(m_alembic, dir, base + AlembicCommand::stamp(s("heads")), env);
    QVERIFY2(stamp->result().ok(), qPrintable(joined(*stamp)));
    QCOMPARE(versions(db->location), QStringList{kHead});
}

void TestAlembicProject::autogenerateAfterModelChange()
{
    QFETCH(bool, postgres);
    STRATA_PG_URL_IF(postgres, pgUrl);
    const QString dir = copyTutorial(s("project"));
    auto db = makeDb(postgres, pgUrl, dir, s("books.db"));
    const QProcessEnvironment env = envWith(db->url);
    const QStringList base = AlembicCommand::base(dir + s("/alembic.ini"));
    QVERIFY(runAlembic(m_alembic, dir, base + AlembicCommand::upgrade(s("head")), env)->result().ok());
    QString models = readFile(dir + s("/models.py"));
    models.replace(s("    price = Column(Numeric(10, 2))\n"), s("    price = Column(Numeric(10, 2))\n    isbn = Column(String(13))\n"));
    writeFile(dir + s("/models.py"), models);
    auto gen = runAlembic(m_alembic, dir, base + AlembicCommand::revision(s("add isbn"), true), env);
    QVERIFY2(gen->result().ok(), qPrintable(joined(*gen)));
    QCOMPARE(gen->output().generatedFiles().size(), 1);
    const QString file = gen->output().generatedFiles().first();
    QVERIFY(file.endsWith(s("_add_isbn.py")));
    const QString text = readFile(file);
    QVERIFY2(text.contains(s("sa.Column('isbn', sa.String(length=13)")), qPrintable(text));
    QVERIFY(text.contains(s("drop_column('isbn')")));
    QVERIFY(text.contains(s("down_revision = '5e0f7b2c4d36'")));
    auto up = runAlembic(m_alembic, dir, base + AlembicCommand::upgrade(s("head")), env);
    QVERIFY2(up->result().ok(), qPrintable(joined(*up)));
    QCOMPARE(up->output().steps().size(), 1);
    QVERIFY(test::scalar(db->location, s("SELECT count(isbn) FROM books")).isValid());
}

void TestAlembicProject::mergeHeads()
{
    QFETCH(bool, postgres);
    STRATA_PG_URL_IF(postgres, pgUrl);
    const QString dir = copyTutorial(s("project"));
    auto db = makeDb(postgres, pgUrl, dir, s("books.db"));
    const QProcessEnvironment env = envWith(db->url);
    const QStringList base = AlembicCommand::base(dir + s("/alembic.ini"));
    auto a = runAlembic(m_alembic, dir, base + QStringList{s("revision"), s("-m"), s("add genres"), s("--rev-id"), s("aa0000000001")}, env);
    QVERIFY2(a->result().ok(), qPrintable(joined(*a)));
    auto b = runAlembic(m_alembic, dir, base + QStringList{s("revision"), s("-m"), s("add tags"), s("--rev-id"), s("bb0000000002"),
                                                           s("--head"), kHead, s("--splice")}, env);
    QVERIFY2(b->result().ok(), qPrintable(joined(*b)));
    auto refused = runAlembic(m_alembic, dir, base + AlembicCommand::upgrade(s("head")), env);
    QVERIFY(!refused->result().ok());
    QVERIFY2(refused->output().failedLine().contains(s("Multiple head revisions")), qPrintable(joined(*refused)));
    auto merge = runAlembic(m_alembic, dir, base + AlembicCommand::mergeHeads(s("merge genres and tags")), env);
    QVERIFY2(merge->result().ok(), qPrintable(joined(*merge)));
    QCOMPARE(merge->output().generatedFiles().size(), 1);
    const QString text = readFile(merge->output().generatedFiles().first());
    QVERIFY2(text.contains(s("down_revision = ('aa0000000001', 'bb0000000002')"))
                 || text.contains(s("down_revision = ('bb0000000002', 'aa0000000001')")),
             qPrintable(text));
    auto up = runAlembic(m_alembic, dir, base + AlembicCommand::upgrade(s("head")), env);
    QVERIFY2(up->result().ok(), qPrintable(joined(*up)));
    QCOMPARE(up->output().steps().size(), 9);
    QCOMPARE(versions(db->location).size(), 1);
}

void TestAlembicProject::previewSql()
{
    QFETCH(bool, postgres);
    STRATA_PG_URL_IF(postgres, pgUrl);
    const QString dir = copyTutorial(s("project"));
    auto db = makeDb(postgres, pgUrl, dir, s("books.db"));
    const QProcessEnvironment env = envWith(db->url);
    const QStringList base = AlembicCommand::base(dir + s("/alembic.ini"));
    auto sql = runAlembic(m_alembic, dir, base + AlembicCommand::previewSql(true, s("base"), s("2b7c4e9f1a03")), env);
    QVERIFY2(sql->result().ok(), qPrintable(joined(*sql)));
    const QString text = joined(*sql);
    QVERIFY(text.contains(s("CREATE TABLE books")));
    QVERIFY(text.contains(s("CREATE TABLE authors")));
    QVERIFY(text.contains(s("ALTER TABLE books ADD COLUMN price NUMERIC(10, 2)")));
    auto whole = runAlembic(m_alembic, dir, base + AlembicCommand::previewSql(true, s("base"), s("head")), env);
    if (postgres) {
        QVERIFY2(whole->result().ok(), qPrintable(joined(*whole)));
        QVERIFY(joined(*whole).contains(s("FOREIGN KEY(author_id) REFERENCES authors (id)")));
    } else {
        // SQLite's batch mode needs a live database to rebuild a table: Alembic says so.
        QVERIFY(!whole->result().ok());
        QVERIFY2(whole->output().failedLine().contains(s("cannot proceed in --sql mode")), qPrintable(joined(*whole)));
    }
    QCOMPARE(versions(db->location), QStringList());   // offline: nothing ran
    QVERIFY(!hasTable(db->location, s("books")));
}

void TestAlembicProject::failingRevision()
{
    QFETCH(bool, postgres);
    STRATA_PG_URL_IF(postgres, pgUrl);
    const QString dir = copyTutorial(s("project"));
    auto db = makeDb(postgres, pgUrl, dir, s("books.db"));
    const QProcessEnvironment env = envWith(db->url);
    const QStringList base = AlembicCommand::base(dir + s("/alembic.ini"));
    QVERIFY(runAlembic(m_alembic, dir, base + AlembicCommand::upgrade(kHead), env)->result().ok());
    const QString file = addFailingRevision(dir);
    auto run = runAlembic(m_alembic, dir, base + AlembicCommand::upgrade(s("head")), env);
    QVERIFY(!run->result().ok());
    const std::optional<AlembicFailure> f = run->output().failure();
    QVERIFY2(f, qPrintable(joined(*run)));
    QCOMPARE(f->file, file);
    QCOMPARE(f->line, kFailingLine);
    QCOMPARE(f->function, s("upgrade"));
    QVERIFY2(f->serverMessage.contains(s("nosuch_table")), qPrintable(f->exception));
    QCOMPARE(versions(db->location), QStringList{kHead});
    if (postgres)   // transactional DDL: the audit table went with the failed transaction
        QVERIFY(!hasTable(db->location, s("audit")));
}

void TestAlembicProject::cancelSlowRevision()
{
    QFETCH(bool, postgres);
    STRATA_PG_URL_IF(postgres, pgUrl);
    const QString dir = copyTutorial(s("project"));
    auto db = makeDb(postgres, pgUrl, dir, s("books.db"));
    const QProcessEnvironment env = envWith(db->url);
    const QStringList base = AlembicCommand::base(dir + s("/alembic.ini"));
    QVERIFY(runAlembic(m_alembic, dir, base + AlembicCommand::upgrade(kHead), env)->result().ok());
    const QString pidFile = dir + s("/child.pid");
    addSlowRevision(dir, pidFile);
    AlembicProcess p(m_alembic, dir, dir + s("/migrations/versions"));
    p.setEnvironment(env);
    QList<AlembicStep> started;
    connect(&p, &AlembicProcess::stepStarted, this, [&](const AlembicStep &step) { started << step; });
    p.start(QStringList{s("--")} + base + AlembicCommand::upgrade(s("head")));
    QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(pidFile).size() > 0, 60000);   // inside the slow revision
    QCOMPARE(started.size(), 1);
    QCOMPARE(started.first().to, QStringList{s("7a2b9d4e6f58")});
    const pid_t child = readFile(pidFile).trimmed().toInt();
    QVERIFY(child > 0);
    QCOMPARE(::kill(child, 0), 0);
    p.cancel();
    QVERIFY(p.waitForFinished(30000));
    QVERIFY(p.result().cancelled);
    QVERIFY(!p.result().ok());
    // The whole process group ended, the revision's own child included (reaped by init).
    QTRY_VERIFY_WITH_TIMEOUT(::kill(child, 0) != 0 || QFile::exists(s("/proc/%1/stat").arg(child)) == false
                                 || readFile(s("/proc/%1/stat").arg(child)).contains(s(") Z ")),
                             10000);
    QCOMPARE(versions(db->location), QStringList{kHead});
    if (postgres)
        QVERIFY(!hasTable(db->location, s("audit")));
}

void TestAlembicProject::wrongDatabaseRefused()
{
    QFETCH(bool, postgres);
    STRATA_PG_URL_IF(postgres, pgUrl);
    const QString dir = copyTutorial(s("project"));
    auto panel = makeDb(postgres, pgUrl, dir, s("dev.db"));
    auto other = makeDb(postgres, pgUrl, dir, s("production.db"));
    // alembic.ini points at the other database; DATABASE_URL is not set.
    QString ini = readFile(dir + s("/alembic.ini"));
    ini.replace(s("sqlalchemy.url = sqlite:///books.db"), s("sqlalchemy.url = ") + QString(other->url).replace(s("%"), s("%%")));
    writeFile(dir + s("/alembic.ini"), ini);
    const QProcessEnvironment env = envWith({});
    Result<AlembicTarget> target = check(dir, *panel, env);
    QVERIFY2(target, qPrintable(target ? QString() : target.error().message));
    QVERIFY(!target->matches());
    const QString refusal = target->refusal();
    QVERIFY2(refusal.contains(target->configured.display()) && refusal.contains(target->expected.display()), qPrintable(refusal));
    if (postgres) {
        QVERIFY2(refusal.contains(other->pg->name()) && refusal.contains(panel->pg->name()), qPrintable(refusal));
        QVERIFY(refusal.contains(s(":***@")));
        const QString password = *other->spec.password;
        QVERIFY(!password.isEmpty());
        QVERIFY(!refusal.contains(password));
    } else {
        QVERIFY(refusal.contains(s("production.db")) && refusal.contains(s("dev.db")));
    }
    // The check connected nowhere: neither database was touched (SQLite: not even created).
    QCOMPARE(versions(panel->location), QStringList());
    QCOMPARE(versions(other->location), QStringList());
    QVERIFY(!hasTable(panel->location, s("books")));
    QVERIFY(!hasTable(other->location, s("books")));
    // The project lets Strata set the URL: the override reaches the panel's database.
    QVERIFY(target->overrideWorks());
    const AlembicOverride o = AlembicOverride::forProfile(panel->spec.profile, panel->spec.password, env);
    if (postgres)
        QVERIFY(!o.environment.value(s("DATABASE_URL")).contains(*panel->spec.password));   // password: PGPASSWORD only
    auto p = std::make_unique<AlembicProcess>(m_alembic, dir, dir + s("/migrations/versions"));
    p->setEnvironment(o.environment);
    p->start(o.options + QStringList{s("--")} + AlembicCommand::base(dir + s("/alembic.ini")) + AlembicCommand::upgrade(s("head")));
    QVERIFY(p->waitForFinished(240000));
    QVERIFY2(p->result().ok(), qPrintable(joined(*p)));
    QCOMPARE(versions(panel->location), QStringList{kHead});
    QCOMPARE(versions(other->location), QStringList());
    QVERIFY(!hasTable(other->location, s("books")));
}

void TestAlembicProject::noOverrideWhenEnvPyHardCodesTheUrl()
{
    const QString dir = copyTutorial(s("project"));
    auto panel = makeDb(false, {}, dir, s("dev.db"));
    QString envPy = readFile(dir + s("/migrations/env.py"));
    envPy.replace(s("if settings.DATABASE_URL:"), s("config.set_main_option(\"sqlalchemy.url\", \"sqlite:///hardcoded.db\")\nif False:"));
    writeFile(dir + s("/migrations/env.py"), envPy);
    Result<AlembicTarget> target = check(dir, *panel, envWith({}));
    QVERIFY(target);
    QVERIFY(!target->matches());
    QVERIFY(target->configured.display().endsWith(s("/hardcoded.db")));
    QVERIFY(target->overridden);
    QVERIFY(!target->overrideWorks());
    QVERIFY(!QFileInfo::exists(dir + s("/hardcoded.db")));
}

STRATA_TEST_MAIN(TestAlembicProject)
#include "tst_alembicproject.moc"
