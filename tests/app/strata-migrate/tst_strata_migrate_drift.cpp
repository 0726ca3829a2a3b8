// strata-migrate and drift (issue 16 item 7), run as a user runs it: an applied revision
// whose downgrade was edited is reported by verify, warned about by every command that
// connects, refused with --strict or strict_drift = true; rows recorded by older versions
// still verify. SQLite and PostgreSQL.

#include "../../core/migrate/support/bookproject.h"

#include "support/scratchdatabase.h"
#include "support/testenvironment.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>
#include <memory>

using namespace strata::test::books;

namespace {

struct Run {
    int code = -1;
    QString out;
    QString err;
};

struct Project {
    QTemporaryDir dir;
    std::unique_ptr<strata::test::ScratchPgDatabase> pg;
    QString url;

    bool open(const QString &dialect, const QString &iniExtra = {})
    {
        if (dialect == s("postgresql")) {
            pg = std::make_unique<strata::test::ScratchPgDatabase>(strata::test::postgresUrl());
            url = pg->url();
        } else {
            url = s("sqlite:///") + dir.filePath(s("books.db"));
        }
        writeProject(dir.path(), true, iniExtra);
        return !url.isEmpty();
    }
    Run run(const QStringList &args) const
    {
        QProcess p;
        p.setWorkingDirectory(dir.path());
        QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
        e.remove(s("DATABASE_URL"));
        e.insert(s("STRATA_DATABASE_URL"), url);
        p.setProcessEnvironment(e);
        p.start(s(STRATA_MIGRATE_BIN), args);
        p.waitForFinished(120000);
        return Run{p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
    }
    void edit(const QString &name, const QString &from, const QString &to) const
    {
        QFile f(dir.filePath(s("versions/") + name));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(f.readAll());
        f.close();
        QVERIFY(text.contains(from));
        writeFile(dir.filePath(s("versions/") + name), QString(text).replace(from, to));
    }
};

const char *const kWarning = "WARNING: revision 6b00000000b1 (versions/6b00000000b1_create_sales.sql) was edited after it was "
                             "applied: its downgrade section differs from what ran";

} // namespace

class TestStrataMigrateDrift : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void warnedEverywhereRefusedWhenStrict_data() { dialects(); }
    void warnedEverywhereRefusedWhenStrict();
    void strictDriftInStrataIni();
    void rowsOfOlderVersionsStillVerify();

private:
    void dialects()
    {
        QTest::addColumn<QString>("dialect");
        QTest::newRow("sqlite") << s("sqlite");
        QTest::newRow("postgresql") << s("postgresql");
    }
};

void TestStrataMigrateDrift::warnedEverywhereRefusedWhenStrict()
{
    QFETCH(QString, dialect);
    if (dialect == s("postgresql")) {
        STRATA_REQUIRE_PG(pgUrl);
        Q_UNUSED(pgUrl);
    }
    Project p;
    QVERIFY(p.open(dialect));
    Run r = p.run({s("upgrade"), s("heads")});
    QCOMPARE(r.code, 0);
    QVERIFY(!r.err.contains(s("WARNING")));
    p.edit(s("6b00000000b1_create_sales.sql"), s("DROP TABLE sales;"), s("DROP TABLE sales;\nDROP TABLE books;"));

    r = p.run({s("verify")});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.out.contains(s("drift      6b00000000b1 versions/6b00000000b1_create_sales.sql: its downgrade section differs from what ran\n")),
             qPrintable(r.out));
    r = p.run({s("--json"), s("verify")});
    bool found = false;
    for (const QJsonValue &v : QJsonDocument::fromJson(r.out.toUtf8()).array())
        if (v.toObject().value(s("revision")).toString() == s("6b00000000b1")) {
            found = true;
            QCOMPARE(v.toObject().value(s("state")).toString(), s("drift"));
            QCOMPARE(v.toObject().value(s("reason")).toString(), s("its downgrade section differs from what ran"));
        }
    QVERIFY(found);

    // Every command that reads the database's revisions warns, and still does its job.
    r = p.run({s("current")});
    QCOMPARE(r.code, 0);
    QCOMPARE(r.out, s("7c0000000000 (head) (mergepoint)\n"));
    QVERIFY2(r.err.contains(s(kWarning)), qPrintable(r.err));
    r = p.run({s("check")});
    QCOMPARE(r.code, 0);
    QVERIFY2(r.err.contains(s(kWarning)), qPrintable(r.err));
    r = p.run({s("history"), s("--indicate-current")});
    QCOMPARE(r.code, 0);
    QVERIFY2(r.err.contains(s(kWarning)), qPrintable(r.err));
    r = p.run({s("upgrade"), s("head")});
    QCOMPARE(r.code, 0);
    QVERIFY2(r.err.contains(s(kWarning)) && r.err.contains(s("Nothing to do")), qPrintable(r.err));

    // --strict refuses, and changes nothing.
    r = p.run({s("--strict"), s("current")});
    QCOMPARE(r.code, 1);
    QVERIFY(r.out.isEmpty());
    QVERIFY2(r.err.contains(s("FAILED: Refusing to run (strict drift check): revision 6b00000000b1")), qPrintable(r.err));
    r = p.run({s("--strict"), s("downgrade"), s("6b00000000b1")});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(s("Refusing to run (strict drift check)")), qPrintable(r.err));
    QVERIFY(!r.err.contains(s("Running downgrade")));
    r = p.run({s("current")});
    QCOMPARE(r.out, s("7c0000000000 (head) (mergepoint)\n"));
    // Without it, the downgrade warns and runs (to a parent of the merge point: -1 there is an
    // ambiguous walk, as in Alembic).
    r = p.run({s("downgrade"), s("6b00000000b1")});
    QCOMPARE(r.code, 0);
    QVERIFY2(r.err.contains(s(kWarning)), qPrintable(r.err));
    QVERIFY(r.err.contains(s("Running downgrade 7c0000000000")));
}

void TestStrataMigrateDrift::strictDriftInStrataIni()
{
    Project p;
    QVERIFY(p.open(s("sqlite"), s("strict_drift = true\n")));
    QCOMPARE(p.run({s("upgrade"), s("heads")}).code, 0);
    p.edit(s("6b00000000b1_create_sales.sql"), s("DROP TABLE sales;"), s("DROP TABLE sales;\nDROP TABLE books;"));
    Run r = p.run({s("downgrade"), s("6b00000000b1")});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(s("Refusing to run (strict drift check)")), qPrintable(r.err));
    r = p.run({s("check")});
    QCOMPARE(r.code, 1);
    QVERIFY(r.err.contains(s("Refusing to run (strict drift check)")));
    // Restoring the file as it was applied is the way out.
    p.edit(s("6b00000000b1_create_sales.sql"), s("DROP TABLE sales;\nDROP TABLE books;"), s("DROP TABLE sales;"));
    r = p.run({s("check")});
    QCOMPARE(r.code, 0);
    QVERIFY(r.err.isEmpty());
    // A bad value is a located error.
    writeFile(p.dir.filePath(s("strata.ini")), s("[strata]\nscript_location = versions\nstrict_drift = maybe\n"));
    r = p.run({s("check")});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(s("strict_drift: expected true or false")), qPrintable(r.err));
}

void TestStrataMigrateDrift::rowsOfOlderVersionsStillVerify()
{
    Project p;
    QVERIFY(p.open(s("sqlite")));
    QCOMPARE(p.run({s("upgrade"), s("ae10")}).code, 0);
    {
        // What Strata wrote before both sections were covered: SHA-256 of the upgrade section.
        QSqlDatabase db = strata::test::openTestDatabase(p.dir.filePath(s("books.db")));
        QSqlQuery q(db);
        const QByteArray upgrade = "ALTER TABLE books ADD COLUMN price NUMERIC(10, 2);";
        q.prepare(s("UPDATE strata_version_history SET checksum = ? WHERE revision = 'ae1027a6acf0'"));
        q.addBindValue(QString::fromLatin1(QCryptographicHash::hash(upgrade, QCryptographicHash::Sha256).toHex()));
        QVERIFY(q.exec());
        QCOMPARE(q.numRowsAffected(), 1);
        q.finish();
        strata::test::closeTestDatabase(db);
    }
    Run r = p.run({s("verify")});
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.contains(s("ok         ae1027a6acf0 versions/ae1027a6acf0_add_price.sql: checksum recorded by an older version of Strata")),
             qPrintable(r.out));
    r = p.run({s("--strict"), s("current")});
    QCOMPARE(r.code, 0);
    QCOMPARE(r.out, s("ae1027a6acf0\n"));
    p.edit(s("ae1027a6acf0_add_price.sql"), s("NUMERIC(10, 2)"), s("REAL"));
    r = p.run({s("verify")});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.out.contains(s("drift      ae1027a6acf0 versions/ae1027a6acf0_add_price.sql: its upgrade section differs from what ran")),
             qPrintable(r.out));
}

STRATA_TEST_MAIN(TestStrataMigrateDrift)
#include "tst_strata_migrate_drift.moc"
