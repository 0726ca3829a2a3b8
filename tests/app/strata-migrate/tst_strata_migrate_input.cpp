// strata-migrate with hostile and odd input, run as a user runs it (issue 16, item 11):
// --json failures are one JSON object on stdout, located where the input is; a file with
// classic Mac line ends reads; a header key below the first section is warned about; a
// 5 MB setting does not become a 5 MB message; a PostgreSQL run prints no server notice
// about Strata's own tables.

#include "../../core/migrate/support/bookproject.h"

#include "support/scratchdatabase.h"
#include "support/testenvironment.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace strata::test::books;

namespace {

struct Run {
    int code = -1;
    QString out;
    QString err;
};

Run run(const QString &dir, const QStringList &args)
{
    QProcess p;
    p.setWorkingDirectory(dir);
    QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
    e.remove(s("DATABASE_URL"));
    e.remove(s("STRATA_DATABASE_URL"));
    p.setProcessEnvironment(e);
    p.start(s(STRATA_MIGRATE_BIN), args);
    p.waitForFinished(120000);
    return Run{p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
}

/// The "error" object of a --json failure, or an empty object (and a warning) when stdout is
/// not exactly one JSON object holding one.
QJsonObject jsonError(const Run &r)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(r.out.toUtf8(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        qWarning("stdout is not a JSON object: %s\nstderr: %s", qPrintable(r.out), qPrintable(r.err));
        return {};
    }
    return doc.object().value(s("error")).toObject();
}

} // namespace

class TestStrataMigrateInput : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void jsonUsageError();
    void jsonErrorInRevisionFile();
    void jsonErrorWhileRunning();
    void classicMacLineEnds();
    void headerKeyBelowFirstSection();
    void hugeSettingMakesShortMessage();
    void noServerNoticesAboutBookkeeping();
};

void TestStrataMigrateInput::jsonUsageError()
{
    QTemporaryDir dir;
    const Run r = run(dir.path(), {s("--json"), s("frobnicate")});
    QCOMPARE(r.code, 2);
    const QJsonObject e = jsonError(r);
    QCOMPARE(e.value(s("kind")).toString(), s("syntax"));
    QCOMPARE(e.value(s("message")).toString(), s("unknown command 'frobnicate'"));
}

void TestStrataMigrateInput::jsonErrorInRevisionFile()
{
    QTemporaryDir dir;
    writeProject(dir.path());
    writeFile(dir.filePath(s("versions/zz_bad.sql")),
              s("-- revision: zz1\n-- down_revision: none\n-- author: me\n-- +upgrade\nSELECT 1;\n"));
    const Run r = run(dir.path(), {s("--json"), s("heads")});
    QCOMPARE(r.code, 1);
    QCOMPARE(r.err, QString());
    const QJsonObject e = jsonError(r);
    QCOMPARE(e.value(s("kind")).toString(), s("migration"));
    QVERIFY2(e.value(s("message")).toString().startsWith(s("versions/zz_bad.sql:3: unknown header key 'author'")), qPrintable(r.out));
    const QJsonObject location = e.value(s("location")).toObject();
    QCOMPARE(location.value(s("file")).toString(), s("versions/zz_bad.sql"));
    QCOMPARE(location.value(s("line")).toInt(), 3);
}

void TestStrataMigrateInput::jsonErrorWhileRunning()
{
    QTemporaryDir dir;
    writeProject(dir.path());
    writeFile(dir.filePath(s("versions/8d0000000000_broken.sql")),
              revision(s("8d0000000000"), s("7c0000000000"), s("broken"),
                       s("-- +upgrade\nCREATE TABLE fine (x INT);\n\nSELECT no_such_column\n  FROM fine;\n\n-- +downgrade\n")));
    const QString url = s("sqlite:///") + dir.filePath(s("books.db"));
    const Run r = run(dir.path(), {s("--json"), s("--url"), url, s("upgrade"), s("head")});
    QCOMPARE(r.code, 1);
    const QJsonObject e = jsonError(r);
    QCOMPARE(e.value(s("kind")).toString(), s("not_found"));
    QVERIFY2(e.value(s("message")).toString().contains(s("no such column: no_such_column")), qPrintable(r.out));
    const QJsonObject location = e.value(s("location")).toObject();
    QCOMPARE(location.value(s("file")).toString(), s("versions/8d0000000000_broken.sql"));
    QCOMPARE(location.value(s("line")).toInt(), 9);
    QVERIFY2(r.err.contains(s("Running upgrade 7c0000000000 -> 8d0000000000")), qPrintable(r.err));   // progress stays on stderr
}

void TestStrataMigrateInput::classicMacLineEnds()
{
    QTemporaryDir dir;
    writeFile(dir.filePath(s("strata.ini")), s("[strata]\nscript_location = versions\n"));
    writeFile(dir.filePath(s("versions/a1_mac.sql")),
              s("-- revision: a1\r-- down_revision: none\r-- message: saved on a Mac\r\r-- +upgrade\rCREATE TABLE t (x INT);\r"
                "\r-- +downgrade\rDROP TABLE t;\r"));
    Run r = run(dir.path(), {s("heads")});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QCOMPARE(r.out, s("a1 (head)\n"));
    r = run(dir.path(), {s("--url"), s("sqlite:///") + dir.filePath(s("mac.db")), s("upgrade"), s("head")});
    QVERIFY2(r.code == 0, qPrintable(r.err));
}

// `-- transactional: false` below `-- +upgrade` is SQL there (a comment): say so, with the line.
void TestStrataMigrateInput::headerKeyBelowFirstSection()
{
    QTemporaryDir dir;
    writeFile(dir.filePath(s("strata.ini")), s("[strata]\nscript_location = versions\n"));
    writeFile(dir.filePath(s("versions/a1_late.sql")),
              s("-- revision: a1\n-- down_revision: none\n-- message: late header\n\n-- +upgrade\n-- transactional: false\n"
                "CREATE INDEX CONCURRENTLY ix ON t (x);\n\n-- +downgrade\nDROP INDEX ix;\n"));
    const Run r = run(dir.path(), {s("heads")});
    QCOMPARE(r.code, 0);
    QCOMPARE(r.out, s("a1 (head)\n"));
    QVERIFY2(r.err.contains(s("versions/a1_late.sql:6: warning: '-- transactional:' below the first section is SQL")), qPrintable(r.err));
}

void TestStrataMigrateInput::hugeSettingMakesShortMessage()
{
    QTemporaryDir dir;
    writeProject(dir.path());
    const QString huge(5 * 1024 * 1024, QLatin1Char('x'));
    for (const QString &setting : {s("transaction_per_migration = ") + huge, s("dialects = ") + huge,
                                   s("url = postgresql://u@") + huge + s("/db"), s("url = postgresql://u@h:") + huge + s("/db")}) {
        writeFile(dir.filePath(s("strata.ini")), s("[strata]\nscript_location = versions\n") + setting + QLatin1Char('\n'));
        const Run r = run(dir.path(), {s("current")});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.size() < 10000, qPrintable(QString::number(r.err.size()) + s(" characters for ") + setting.left(40)));
        QVERIFY2(r.err.startsWith(s("FAILED: ")), qPrintable(r.err.left(200)));
        QVERIFY2(r.err.contains(s("more characters)")), qPrintable(r.err.left(300)));
    }
}

void TestStrataMigrateInput::noServerNoticesAboutBookkeeping()
{
    STRATA_REQUIRE_PG(pgUrl);
    strata::test::ScratchPgDatabase pg(pgUrl);
    QVERIFY2(!pg.url().isEmpty(), qPrintable(pg.error()));
    QTemporaryDir dir;
    writeProject(dir.path());
    for (const QString &target : {s("5b6c7d8e9f0a"), s("head"), s("head")}) {
        const Run r = run(dir.path(), {s("--url"), pg.url(), s("upgrade"), target});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(!r.err.contains(s("NOTICE")) && !r.err.contains(s("already exists")), qPrintable(r.err));
    }
    const Run r = run(dir.path(), {s("--url"), pg.url(), s("stamp"), s("head")});
    QVERIFY2(!r.err.contains(s("NOTICE")), qPrintable(r.err));
}

STRATA_TEST_MAIN(TestStrataMigrateInput)
#include "tst_strata_migrate_input.moc"
