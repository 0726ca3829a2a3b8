// The strata-migrate binary, run as a user runs it: exit codes and output.

#include "../../core/migrate/support/bookproject.h"

#include "support/scratchdatabase.h"
#include "support/testenvironment.h"

#include <QJsonArray>
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

Run run(const QString &dir, const QStringList &args, const QMap<QString, QString> &env = {})
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
    p.waitForFinished(120000);
    return Run{p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
}

} // namespace

class TestStrataMigrate : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void helpAndUsage();
    void statusCommandsOffline();
    void sqliteSession();
    void urlPrecedence();
    void postgresSessionAndPasswordNeverPrinted();
    void initAndRevision();
};

void TestStrataMigrate::helpAndUsage()
{
    QTemporaryDir dir;
    Run r = run(dir.path(), {s("--help")});
    QCOMPARE(r.code, 0);
    QVERIFY(r.out.contains(s("usage: strata-migrate [GLOBAL OPTIONS] COMMAND [ARGS]")));
    QVERIFY(r.out.contains(s("Exit codes: 0 success")));
    for (const char *cmd : {"init", "revision", "merge", "upgrade", "downgrade", "stamp", "current", "heads", "branches",
                            "history", "show", "check", "verify"})
        QVERIFY2(r.out.contains(QStringLiteral("  %1").arg(s(cmd))), cmd);
    r = run(dir.path(), {s("downgrade"), s("--help")});
    QCOMPARE(r.code, 0);
    QVERIFY(r.out.contains(s("usage: strata-migrate [GLOBAL OPTIONS] downgrade [--sql]")));
    QVERIFY(r.out.contains(s("-N, LABEL@-N")));
    r = run(dir.path(), {s("frobnicate")});
    QCOMPARE(r.code, 2);
    QVERIFY(r.err.contains(s("unknown command 'frobnicate'")));
    r = run(dir.path(), {s("upgrade"), s("--bogus"), s("head")});
    QCOMPARE(r.code, 2);
    r = run(dir.path(), {});
    QCOMPARE(r.code, 2);
    r = run(dir.path(), {s("heads")});
    QCOMPARE(r.code, 1); // no strata.ini here
    QVERIFY(r.err.startsWith(s("FAILED: ")));
}

void TestStrataMigrate::statusCommandsOffline()
{
    QTemporaryDir dir;
    writeProject(dir.path(), false);
    Run r = run(dir.path(), {s("heads")});
    QCOMPARE(r.code, 0);
    QCOMPARE(r.out, s("6a00000000a2 (reviews) (head)\n6b00000000b1 (sales) (head)\n"));
    r = run(dir.path(), {s("branches")});
    QCOMPARE(r.out, s("5b6c7d8e9f0a (branchpoint)\n             -> 6a00000000a1 (reviews)\n             -> 6b00000000b1 (sales) (head)\n\n"));
    r = run(dir.path(), {s("history"), s("-r"), s("27c6:4a5b")});
    QCOMPARE(r.out, s("27c6a30d7c24 -> 4a5b6c7d8e9f, rename title to book_title\nae1027a6acf0 -> 27c6a30d7c24, add authors\n"));
    r = run(dir.path(), {s("show"), s("1975")});
    QCOMPARE(r.code, 0);
    QVERIFY(r.out.startsWith(s("Rev: 1975ea83b712\nParent: <base>\n")));
    r = run(dir.path(), {s("--json"), s("heads")});
    const QJsonArray heads = QJsonDocument::fromJson(r.out.toUtf8()).array();
    QCOMPARE(heads.size(), 2);
    QCOMPARE(heads[0].toObject().value(s("branch_labels")).toArray().first().toString(), s("reviews"));
    r = run(dir.path(), {s("show"), s("6a00")});
    QCOMPARE(r.code, 1);
    QVERIFY(r.err.contains(s("Multiple revisions start with '6a00': '6a00000000a1', '6a00000000a2'")));
    // a malformed file stops everything, naming file and line
    writeFile(dir.filePath(s("versions/zz_bad.sql")), s("-- revision: zz1\n-- down_revision: nope\n-- +upgrade\n"));
    r = run(dir.path(), {s("heads")});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(s("versions/zz_bad.sql:2: down_revision 'nope' of revision zz1 is not a known revision")), qPrintable(r.err));
}

void TestStrataMigrate::sqliteSession()
{
    QTemporaryDir dir;
    writeProject(dir.path(), true, s("url = sqlite:///books.db\n"));
    Run r = run(dir.path(), {s("check")});
    QCOMPARE(r.code, 1);
    QCOMPARE(r.out, s("Database is not at head: current base; head 7c0000000000\n"));
    r = run(dir.path(), {s("upgrade"), s("+2")});
    QCOMPARE(r.code, 0);
    QCOMPARE(r.err, s("Running upgrade  -> 1975ea83b712, create books table\nRunning upgrade 1975ea83b712 -> ae1027a6acf0, add a price column\n"));
    QVERIFY(QFile::exists(dir.filePath(s("books.db"))));
    r = run(dir.path(), {s("current")});
    QCOMPARE(r.out, s("ae1027a6acf0\n"));
    r = run(dir.path(), {s("upgrade"), s("heads")});
    QCOMPARE(r.code, 0);
    r = run(dir.path(), {s("current")});
    QCOMPARE(r.out, s("7c0000000000 (head) (mergepoint)\n"));
    r = run(dir.path(), {s("check")});
    QCOMPARE(r.code, 0);
    r = run(dir.path(), {s("upgrade"), s("head")});
    QCOMPARE(r.code, 0);
    QVERIFY(r.err.startsWith(s("Nothing to do")));
    r = run(dir.path(), {s("downgrade"), s("-1")});
    QCOMPARE(r.code, 1); // an ambiguous walk from a merge point, as in Alembic
    QVERIFY2(r.err.contains(s("say `downgrade 6a00000000a2` or `downgrade 6b00000000b1`")), qPrintable(r.err));
    r = run(dir.path(), {s("downgrade"), s("6b00000000b1")});
    QCOMPARE(r.code, 0);
    QCOMPARE(r.err, s("Running downgrade 7c0000000000 -> 6a00000000a2, 6b00000000b1, merge reviews and sales\n"));
    r = run(dir.path(), {s("downgrade"), s("-1")});
    QCOMPARE(r.code, 1);
    QVERIFY(r.err.contains(s("several current heads")));
    r = run(dir.path(), {s("history"), s("--indicate-current"), s("-r"), s("5b6c:")});
    QVERIFY2(r.out.contains(s("6a00000000a1 -> 6a00000000a2 (reviews) (current), add rating to reviews\n")), qPrintable(r.out));
    r = run(dir.path(), {s("--json"), s("downgrade"), s("reviews@-1")});
    QCOMPARE(r.code, 0);
    const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
    QCOMPARE(o.value(s("end_heads")).toArray().size(), 2);
    QCOMPARE(o.value(s("steps")).toArray().first().toObject().value(s("revision")).toString(), s("6a00000000a2"));
    r = run(dir.path(), {s("stamp"), s("6a00000000a2"), s("6b00000000b1")});
    QCOMPARE(r.code, 0);
    r = run(dir.path(), {s("verify")});
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.contains(s("unverified 6a00000000a2")), qPrintable(r.out));
    const QString file = dir.filePath(s("versions/ae1027a6acf0_add_price.sql"));
    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(f.readAll());
    f.close();
    writeFile(file, QString(text).replace(s("NUMERIC(10, 2)"), s("REAL")));
    r = run(dir.path(), {s("verify")});
    QCOMPARE(r.code, 1);
    QVERIFY(r.out.contains(s("drift      ae1027a6acf0 versions/ae1027a6acf0_add_price.sql")));
    r = run(dir.path(), {s("downgrade"), s("--sql"), s("7c0000000000:base")});
    QCOMPARE(r.code, 0);
    QVERIFY(r.out.trimmed().endsWith(s("DROP TABLE \"strata_version\";\n\nPRAGMA foreign_key_check;\n\nCOMMIT;")));
}

void TestStrataMigrate::urlPrecedence()
{
    QTemporaryDir dir;
    writeProject(dir.path(), true, s("url = sqlite:///from_ini.db\n"));
    QVERIFY(run(dir.path(), {s("upgrade"), s("+1")}, {{s("DATABASE_URL"), s("sqlite:///from_database_url.db")}}).code == 0);
    QVERIFY(QFile::exists(dir.filePath(s("from_database_url.db"))));
    QVERIFY(run(dir.path(), {s("upgrade"), s("+1")},
                {{s("DATABASE_URL"), s("sqlite:///from_database_url.db")}, {s("STRATA_DATABASE_URL"), s("sqlite:///from_strata.db")}})
                .code == 0);
    QVERIFY(QFile::exists(dir.filePath(s("from_strata.db"))));
    QVERIFY(run(dir.path(), {s("--url"), s("sqlite:///from_flag.db"), s("upgrade"), s("+1")},
                {{s("STRATA_DATABASE_URL"), s("sqlite:///from_strata.db")}}).code == 0);
    QVERIFY(QFile::exists(dir.filePath(s("from_flag.db"))));
    QVERIFY(!QFile::exists(dir.filePath(s("from_ini.db"))));
    QVERIFY(run(dir.path(), {s("current")}).code == 0);
    QVERIFY(QFile::exists(dir.filePath(s("from_ini.db"))));
    // -c names another project file
    Run r = run(QDir::tempPath(), {s("-c"), dir.filePath(s("strata.ini")), s("heads")});
    QCOMPARE(r.out, s("7c0000000000 (reviews, sales) (head)\n"));
}

void TestStrataMigrate::postgresSessionAndPasswordNeverPrinted()
{
    STRATA_REQUIRE_PG(server);
    strata::test::ScratchPgDatabase pg(server);
    QVERIFY2(!pg.url().isEmpty(), qPrintable(pg.error()));
    QTemporaryDir dir;
    writeProject(dir.path());
    const QString password = QUrl(pg.url()).password();
    Run r = run(dir.path(), {s("--url"), pg.url(), s("upgrade"), s("head")});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY(r.err.contains(s("Running upgrade 6a00000000a2, 6b00000000b1 -> 7c0000000000, merge reviews and sales")));
    r = run(dir.path(), {s("--url"), pg.url(), s("current"), s("--verbose")});
    QCOMPARE(r.code, 0);
    QVERIFY(r.out.startsWith(s("Current revision(s) for postgresql://")));
    QVERIFY(!r.out.contains(password));
    QUrl wrong(pg.url());
    wrong.setPassword(s("not-the-Secret-42"));
    r = run(dir.path(), {s("--url"), wrong.toString(), s("current")});
    QCOMPARE(r.code, 1);
    QVERIFY(!r.err.contains(s("not-the-Secret-42")));
    QVERIFY(!r.out.contains(s("not-the-Secret-42")));
    r = run(dir.path(), {s("--url"), pg.url(), s("downgrade"), s("base")});
    QCOMPARE(r.code, 0);
    r = run(dir.path(), {s("--url"), pg.url(), s("current")});
    QCOMPARE(r.out, QString());
}

void TestStrataMigrate::initAndRevision()
{
    QTemporaryDir dir;
    Run r = run(dir.path(), {s("init"), s("proj")});
    QCOMPARE(r.code, 0);
    QVERIFY(QFile::exists(dir.filePath(s("proj/strata.ini"))));
    QCOMPARE(run(dir.path(), {s("init"), s("proj")}).code, 1);
    const QString ini = dir.filePath(s("proj/strata.ini"));
    r = run(dir.path(), {s("-c"), ini, s("revision"), s("-m"), s("Create books table!")});
    QCOMPARE(r.code, 0);
    QVERIFY(QRegularExpression(s("^  Generating .*/proj/versions/[0-9a-f]{12}_create_books_table\\.sql \\.\\.\\.  done\n$")).match(r.out).hasMatch());
    r = run(dir.path(), {s("-c"), ini, s("revision"), s("-m"), s("second"), s("--rev-id"), s("0123456789abcdef0123456789abcdef0")});
    QCOMPARE(r.code, 1);
    QVERIFY(r.err.contains(s("at most 32")));
    r = run(dir.path(), {s("-c"), ini, s("revision"), s("-m"), s("second"), s("--rev-id"), s("second_one"), s("--branch-label"), s("main")});
    QCOMPARE(r.code, 0);
    r = run(dir.path(), {s("-c"), ini, s("heads")});
    QCOMPARE(r.out, s("second_one (main) (head)\n"));
}

STRATA_TEST_MAIN(TestStrataMigrate)
#include "tst_strata_migrate.moc"
