// strata-migrate -c alembic.ini upgrade|downgrade|stamp|revision|merge: delegated to the
// project's own Alembic with the database check (the tutorial project, SQLite and PostgreSQL).

#include "core/migrate/alembic/alembictesting.h"
#include "support/scratchdatabase.h"

#include "connection/connectionstring.h"

#include <QProcess>
#include <QSqlQuery>

using namespace strata;
using namespace strata::test::alembic;

namespace {

struct Run {
    int code = -1;
    QString out;
    QString err;
};

Run runMigrate(const QString &dir, const QStringList &args, const QMap<QString, QString> &env)
{
    QProcess p;
    p.setWorkingDirectory(dir);
    QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
    e.remove(s("DATABASE_URL"));
    e.remove(s("STRATA_DATABASE_URL"));
    for (auto it = env.cbegin(); it != env.cend(); ++it)
        e.insert(it.key(), it.value());
    p.setProcessEnvironment(e);
    p.start(s(STRATA_MIGRATE_BIN), args);
    p.waitForFinished(240000);
    return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
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

} // namespace

class TestStrataMigrateAlembic : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void delegatesWithTheCheck_data()
    {
        QTest::addColumn<bool>("postgres");
        QTest::newRow("sqlite") << false;
        QTest::newRow("postgresql") << true;
    }
    void delegatesWithTheCheck();
};

void TestStrataMigrateAlembic::delegatesWithTheCheck()
{
    QFETCH(bool, postgres);
    STRATA_PG_URL_IF(postgres, pgUrl);
    const QString dir = copyTutorial(s("cli"));
    std::unique_ptr<test::ScratchPgDatabase> a, b;
    QString locA, locB, urlA, urlB;
    if (postgres) {
        a = std::make_unique<test::ScratchPgDatabase>(pgUrl);
        b = std::make_unique<test::ScratchPgDatabase>(pgUrl);
        locA = urlA = a->url();
        locB = urlB = b->url();
    } else {
        locA = dir + s("/a.db");
        locB = dir + s("/b.db");
        urlA = s("sqlite:///") + locA;
        urlB = s("sqlite:///") + locB;
    }
    // DATABASE_URL names A for both strata-migrate and env.py: checked, runs.
    Run up = runMigrate(dir, {s("-c"), s("alembic.ini"), s("upgrade"), s("head")}, {{s("DATABASE_URL"), urlA}});
    QVERIFY2(up.code == 0, qPrintable(up.err + up.out));
    QVERIFY(up.err.contains(s("(checked)")));
    QVERIFY(up.out.contains(s("Running upgrade 3c8d5f0a2b14, 4d9e6a1b3c25 -> 5e0f7b2c4d36")));
    QCOMPARE(versions(locA), QStringList{s("5e0f7b2c4d36")});
    Run stamp = runMigrate(dir, {s("-c"), s("alembic.ini"), s("stamp"), s("ae1027a6acf0")}, {{s("DATABASE_URL"), urlA}});
    QVERIFY2(stamp.code == 0, qPrintable(stamp.err + stamp.out));
    QCOMPARE(versions(locA), QStringList{s("ae1027a6acf0")});
    // --url says B, env.py (DATABASE_URL) says A: refused, nothing changes anywhere.
    Run refused = runMigrate(dir, {s("-c"), s("alembic.ini"), s("--url"), urlB, s("downgrade"), s("base")}, {{s("DATABASE_URL"), urlA}});
    QCOMPARE(refused.code, 1);
    QVERIFY2(refused.err.contains(s("refused")), qPrintable(refused.err));
    if (postgres) {
        QVERIFY(refused.err.contains(a->name()) && refused.err.contains(b->name()));
        QVERIFY(!refused.err.contains(*connection::parseConnectionString(urlA)->password));
    }
    QCOMPARE(versions(locA), QStringList{s("ae1027a6acf0")});
    QCOMPARE(versions(locB), QStringList());
    // revision and merge connect nowhere: no check, files written.
    Run rev = runMigrate(dir, {s("-c"), s("alembic.ini"), s("revision"), s("-m"), s("add genres"), s("--rev-id"), s("aa0000000001")}, {});
    QVERIFY2(rev.code == 0, qPrintable(rev.err + rev.out));
    QVERIFY(QFileInfo::exists(dir + s("/migrations/versions/aa0000000001_add_genres.py")));
    Run rev2 = runMigrate(dir, {s("-c"), s("alembic.ini"), s("revision"), s("-m"), s("add tags"), s("--rev-id"), s("bb0000000002"),
                             s("--head"), s("5e0f7b2c4d36"), s("--splice")}, {});
    QVERIFY2(rev2.code == 0, qPrintable(rev2.err + rev2.out));
    Run merge = runMigrate(dir, {s("-c"), s("alembic.ini"), s("merge"), s("-m"), s("merge genres and tags"), s("heads")}, {});
    QVERIFY2(merge.code == 0, qPrintable(merge.err + merge.out));
    QVERIFY(merge.out.contains(s("Generating")));
}

STRATA_TEST_MAIN(TestStrataMigrateAlembic)
#include "tst_strata_migrate_alembic.moc"
