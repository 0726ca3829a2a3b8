// Unit tests of core/backup without a database: versions, choosing a pg_dump, the commands
// built (and what they never contain), progress read from verbose output, the archive's table
// of contents, tool failures turned into messages, the password file.

#include "backup/archivelist.h"
#include "backup/backupsql.h"
#include "backup/passwordfile.h"
#include "backup/pgcommand.h"
#include "backup/pgtoolfinder.h"
#include "backup/pgversion.h"
#include "backup/toolprogress.h"
#include "support/testenvironment.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace strata;
using namespace strata::backup;

namespace {

PgTool tool(int version, ToolOrigin origin = ToolOrigin::Path, const QString &path = QStringLiteral("/x/pg_dump"))
{
    PgTool t;
    t.path = path;
    t.version = PgVersion::fromNumber(version);
    t.origin = origin;
    return t;
}

ConnectionTarget target(const QString &password = QStringLiteral("s3cr:et\\pw"))
{
    ConnectionTarget t;
    t.profile.driver = dialect::DialectKind::Postgres;
    t.profile.host = QStringLiteral("db.example.org");
    t.profile.port = 5433;
    t.profile.user = QStringLiteral("alice");
    t.profile.database = QStringLiteral("shop");
    t.profile.sslMode = QStringLiteral("require");
    t.password = password;
    return t;
}

} // namespace

class TestBackupCommand : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void versions_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("number");
        QTest::addColumn<QString>("major");
        QTest::newRow("debian") << "pg_dump (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)" << 150018 << "15";
        QTest::newRow("old") << "pg_dump (PostgreSQL) 9.6.24" << 90624 << "9.6";
        QTest::newRow("beta") << "16beta2" << 160000 << "16";
        QTest::newRow("bare") << "14.9" << 140009 << "14";
        QTest::newRow("none") << "no version here" << 0 << "";
    }
    void versions()
    {
        QFETCH(QString, text);
        QFETCH(int, number);
        QFETCH(QString, major);
        const PgVersion v = PgVersion::parse(text);
        QCOMPARE(v.number, number);
        QCOMPARE(v.majorText(), major);
    }

    void choosesLowestFittingVersion()
    {
        const QList<PgTool> found{tool(140009), tool(150018, ToolOrigin::Path), tool(150018, ToolOrigin::VersionedInstall),
                                  tool(170002)};
        // discover() sorts by version then origin; choose() relies on that order.
        QList<PgTool> sorted{found[0], found[2], found[1], found[3]};
        Result<PgTool> chosen = PgToolFinder::choose(sorted, PgProgram::Dump, PgVersion::fromNumber(150004));
        QVERIFY(chosen.ok());
        QCOMPARE(chosen->version.number, 150018);
        QCOMPARE(chosen->origin, ToolOrigin::VersionedInstall);
        Result<PgTool> forOlder = PgToolFinder::choose(sorted, PgProgram::Dump, PgVersion::fromNumber(120003));
        QCOMPARE(forOlder->version.number, 140009);
        Result<PgTool> forNewer = PgToolFinder::choose(sorted, PgProgram::Dump, PgVersion::fromNumber(160001));
        QCOMPARE(forNewer->version.number, 170002);
    }

    void noFittingVersionNamesThePackage()
    {
        Result<PgTool> chosen = PgToolFinder::choose({tool(140009)}, PgProgram::Dump, PgVersion::fromNumber(160003));
        QVERIFY(!chosen.ok());
        QCOMPARE(chosen.error().kind, ErrorKind::NotFound);
        QVERIFY2(chosen.error().message.contains(QLatin1String("postgresql-client-16")), qPrintable(chosen.error().message));
        QVERIFY(chosen.error().detail.contains(QLatin1String("pg_dump 14.9")));
        Result<PgTool> none = PgToolFinder::choose({}, PgProgram::Restore, PgVersion::fromNumber(150001));
        QVERIFY(none.error().message.contains(QLatin1String("pg_restore was not found")));
        QVERIFY(none.error().message.contains(QLatin1String("postgresql-client-15")));
    }

    void discoversWrappersAndSkipsBrokenOnes()
    {
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("root/13/bin")));
        QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("user")));
        auto script = [](const QString &path, const QByteArray &body) {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("#!/bin/sh\n" + body + "\n");
            f.close();
            f.setPermissions(f.permissions() | QFileDevice::ExeOwner);
        };
        script(dir.filePath(QStringLiteral("root/13/bin/pg_dump")), "echo 'pg_dump (PostgreSQL) 13.7'");
        script(dir.filePath(QStringLiteral("user/pg_dump")), "echo 'pg_dump (PostgreSQL) 16.2'");
        QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("broken")));
        script(dir.filePath(QStringLiteral("broken/pg_dump")), "exit 3");
        ToolSearch search;
        search.userFolder = dir.filePath(QStringLiteral("user"));
        search.installRoots = {dir.filePath(QStringLiteral("root"))};
        search.pathFolders = {dir.filePath(QStringLiteral("broken")), dir.filePath(QStringLiteral("user"))};
        const QList<PgTool> found = PgToolFinder::discover(PgProgram::Dump, search);
        QCOMPARE(found.size(), 2);   // the user folder listed twice counts once; the broken one is left out
        QCOMPARE(found[0].version.number, 130007);
        QCOMPARE(found[1].version.number, 160002);
        QCOMPARE(found[1].origin, ToolOrigin::UserFolder);
        QCOMPARE(PgToolFinder::choose(found, PgProgram::Dump, PgVersion::fromNumber(150000))->version.number, 160002);
    }

    void dumpCommandKeepsThePasswordOut()
    {
        DumpOptions o;
        o.format = ArchiveFormat::Directory;
        o.outputPath = QStringLiteral("/tmp/out dir");
        o.jobs = 4;
        o.schemas = {QStringLiteral("Sales")};
        o.tables = {{QStringLiteral("public"), QStringLiteral("my\"table")}};
        o.excludeTableData = {{QStringLiteral("public"), QStringLiteral("log")}};
        o.noOwner = true;
        o.compression = 6;
        Result<PgCommand> c = PgCommandBuilder::dump(tool(150018), target(), o);
        QVERIFY(c.ok());
        const QStringList &a = c->arguments;
        QVERIFY(a.contains(QStringLiteral("--format=directory")));
        QVERIFY(a.contains(QStringLiteral("--jobs=4")));
        QVERIFY(a.contains(QStringLiteral("--schema=\"Sales\"")));
        QVERIFY(a.contains(QStringLiteral("--table=\"public\".\"my\"\"table\"")));
        QVERIFY(a.contains(QStringLiteral("--exclude-table-data=\"public\".\"log\"")));
        QVERIFY(a.contains(QStringLiteral("--no-owner")));
        QVERIFY(a.contains(QStringLiteral("--compress=6")));
        QVERIFY(a.contains(QStringLiteral("--no-password")));
        QVERIFY(a.contains(QStringLiteral("--host=db.example.org")));
        QVERIFY(a.contains(QStringLiteral("--port=5433")));
        QVERIFY(a.contains(QStringLiteral("--dbname=shop")));
        QCOMPARE(c->environment.value(QStringLiteral("PGSSLMODE")), QStringLiteral("require"));
        QVERIFY(c->usesPassword);
        const QString shown = c->displayText();
        QVERIFY(!a.join(QLatin1Char(' ')).contains(QLatin1String("s3cr")));
        QVERIFY(!shown.contains(QLatin1String("s3cr")));
        QVERIFY(shown.startsWith(QLatin1String("PGPASSWORD='********' ")));
        QVERIFY(shown.contains(QLatin1String("'--file=/tmp/out dir'")));

        QProcessEnvironment base;
        base.insert(QStringLiteral("PGPASSWORD"), QStringLiteral("from-the-user-env"));
        base.insert(QStringLiteral("LC_ALL"), QStringLiteral("de_DE.UTF-8"));
        const QProcessEnvironment env = c->childEnvironment(base, QStringLiteral("/tmp/passfile"));
        QCOMPARE(env.value(QStringLiteral("PGPASSFILE")), QStringLiteral("/tmp/passfile"));
        QVERIFY(!env.contains(QStringLiteral("PGPASSWORD")));
        QVERIFY(!env.contains(QStringLiteral("LC_ALL")));
        QCOMPARE(env.value(QStringLiteral("LC_MESSAGES")), QStringLiteral("C"));
    }

    // pg_dump's patterns: unquoted, '.' separates schema and table, '*' and '?' are wildcards,
    // upper case folds to lower and regular-expression characters pass through; inside double
    // quotes every character is literal and "" is one ". Each name becomes one exact pattern,
    // and --strict-names makes a chosen name that matches nothing an error.
    void hostileNamesBecomeExactPatterns_data()
    {
        QTest::addColumn<QString>("schema");
        QTest::addColumn<QString>("table");
        QTest::addColumn<QString>("pattern");
        QTest::newRow("upper case") << QStringLiteral("Sales") << QStringLiteral("Books") << QStringLiteral("\"Sales\".\"Books\"");
        QTest::newRow("dots") << QStringLiteral("my.schema") << QStringLiteral("a.b") << QStringLiteral("\"my.schema\".\"a.b\"");
        QTest::newRow("quotes") << QStringLiteral("public") << QStringLiteral("say \"hi\"") << QStringLiteral("\"public\".\"say \"\"hi\"\"\"");
        QTest::newRow("wildcards") << QStringLiteral("p*") << QStringLiteral("t?") << QStringLiteral("\"p*\".\"t?\"");
        QTest::newRow("regex characters") << QStringLiteral("public") << QStringLiteral("a$b[1]|(c)+")
                                          << QStringLiteral("\"public\".\"a$b[1]|(c)+\"");
    }
    void hostileNamesBecomeExactPatterns()
    {
        QFETCH(QString, schema);
        QFETCH(QString, table);
        QFETCH(QString, pattern);
        DumpOptions o;
        o.outputPath = QStringLiteral("/tmp/out.dump");
        o.tables = {{schema, table}};
        o.excludeTableData = {{schema, table}};
        Result<PgCommand> c = PgCommandBuilder::dump(tool(150018), target(), o);
        QVERIFY(c.ok());
        QVERIFY2(c->arguments.contains(QStringLiteral("--table=") + pattern), qPrintable(c->arguments.join(QLatin1Char(' '))));
        QVERIFY(c->arguments.contains(QStringLiteral("--exclude-table-data=") + pattern));
        QVERIFY(c->arguments.contains(QStringLiteral("--strict-names")));
        o.tables.clear();
        o.excludeTableData.clear();
        o.schemas = {schema};
        c = PgCommandBuilder::dump(tool(150018), target(), o);
        QVERIFY(c.ok());
        QVERIFY(c->arguments.contains(QStringLiteral("--schema=") + exactPattern(schema)));
        QVERIFY(c->arguments.contains(QStringLiteral("--strict-names")));
        o.schemas.clear();
        c = PgCommandBuilder::dump(tool(150018), target(), o);
        QVERIFY(!c->arguments.contains(QStringLiteral("--strict-names")));   // the whole database: nothing to match
    }

    void invalidCombinationsAreRefused()
    {
        DumpOptions o;
        o.outputPath = QStringLiteral("/tmp/x.dump");
        o.jobs = 2;
        QCOMPARE(PgCommandBuilder::dump(tool(150018), target(), o).error().field, QStringLiteral("jobs"));
        o.jobs = 1;
        o.format = ArchiveFormat::Tar;
        o.compression = 5;
        QCOMPARE(PgCommandBuilder::dump(tool(150018), target(), o).error().field, QStringLiteral("compression"));
        RestoreOptions r;
        r.inputPath = QStringLiteral("/tmp/x.dump");
        r.jobs = 2;
        r.singleTransaction = true;
        QCOMPARE(PgCommandBuilder::restore(tool(150018), target(), r).error().field, QStringLiteral("jobs"));
        // The options both tools share are checked alike and written alike.
        o = DumpOptions{};
        o.outputPath = QStringLiteral("/tmp/x.dump");
        r = RestoreOptions{};
        r.inputPath = QStringLiteral("/tmp/x.dump");
        for (ObjectOptions *shared : std::initializer_list<ObjectOptions *>{&o, &r}) {
            shared->ifExists = true;
        }
        QCOMPARE(PgCommandBuilder::dump(tool(150018), target(), o).error().field, QStringLiteral("ifExists"));
        QCOMPARE(PgCommandBuilder::restore(tool(150018), target(), r).error().field, QStringLiteral("ifExists"));
        for (ObjectOptions *shared : std::initializer_list<ObjectOptions *>{&o, &r}) {
            shared->clean = true;
            shared->content = Content::DataOnly;
        }
        QCOMPARE(PgCommandBuilder::dump(tool(150018), target(), o).error().field, QStringLiteral("clean"));
        QCOMPARE(PgCommandBuilder::restore(tool(150018), target(), r).error().field, QStringLiteral("clean"));
        for (ObjectOptions *shared : std::initializer_list<ObjectOptions *>{&o, &r}) {
            shared->content = Content::SchemaOnly;
            shared->noOwner = true;
            shared->noPrivileges = true;
        }
        o.format = ArchiveFormat::Directory;
        o.jobs = 3;
        r.jobs = 3;
        const QStringList sharedFlags{QStringLiteral("--jobs=3"), QStringLiteral("--schema-only"), QStringLiteral("--no-owner"),
                                      QStringLiteral("--no-privileges"), QStringLiteral("--clean"), QStringLiteral("--if-exists")};
        const QStringList dumpArgs = PgCommandBuilder::dump(tool(150018), target(), o)->arguments;
        const QStringList restoreArgs = PgCommandBuilder::restore(tool(150018), target(), r)->arguments;
        for (const QString &flag : sharedFlags) {
            QVERIFY2(dumpArgs.contains(flag), qPrintable(flag));
            QVERIFY2(restoreArgs.contains(flag), qPrintable(flag));
        }
    }

    void sshTunnelProfilesAreRefused()
    {
        ConnectionTarget t = target();
        t.profile.sshHost = QStringLiteral("bastion.example.org");
        DumpOptions o;
        o.outputPath = QStringLiteral("/tmp/x.dump");
        Result<PgCommand> c = PgCommandBuilder::dump(tool(150018), t, o);
        QVERIFY(!c.ok());
        QCOMPARE(c.error().kind, ErrorKind::Unsupported);
        QVERIFY(c.error().message.contains(QLatin1String("SSH tunnel")));
    }

    void restoreCommands()
    {
        RestoreOptions r;
        r.inputPath = QStringLiteral("/tmp/x.dump");
        r.targetDatabase = QStringLiteral("copy");
        r.clean = true;
        r.ifExists = true;
        r.exitOnError = false;
        Result<PgCommand> c = PgCommandBuilder::restore(tool(150018), target(), r, QStringLiteral("/tmp/sel.list"));
        QVERIFY(c.ok());
        QVERIFY(c->arguments.contains(QStringLiteral("--clean")));
        QVERIFY(c->arguments.contains(QStringLiteral("--use-list=/tmp/sel.list")));
        QVERIFY(c->arguments.contains(QStringLiteral("--dbname=copy")));
        QVERIFY(!c->arguments.contains(QStringLiteral("--exit-on-error")));
        QCOMPARE(c->arguments.last(), QStringLiteral("/tmp/x.dump"));
        r = RestoreOptions{};
        r.inputPath = QStringLiteral("/tmp/x.sql");
        r.format = ArchiveFormat::Plain;
        r.singleTransaction = true;
        Result<PgCommand> p = PgCommandBuilder::restore(tool(150018), target(), r);
        QVERIFY(p.ok());
        QVERIFY(p->arguments.contains(QStringLiteral("--set=ON_ERROR_STOP=1")));
        QVERIFY(p->arguments.contains(QStringLiteral("--file=/tmp/x.sql")));
    }

    void dumpProgressFromVerboseOutput()
    {
        DumpProgress p;
        p.setTables({{{QStringLiteral("public"), QStringLiteral("big")}, 9000000},
                     {{QStringLiteral("public"), QStringLiteral("small")}, 1000000}});
        QCOMPARE(p.fraction(), 0.0);
        for (int i = 0; i < 46; ++i)
            p.feed(QStringLiteral("pg_dump: reading something"));
        QVERIFY(qAbs(p.fraction() - 0.05) < 1e-9);
        QVERIFY(p.feed(QStringLiteral("pg_dump: dumping contents of table \"public.big\"")));
        QCOMPARE(p.current(), QStringLiteral("public.big"));
        QCOMPARE(p.tablesDone(), 0);
        p.feed(QStringLiteral("pg_dump: dumping contents of table \"public.small\""));
        QCOMPARE(p.tablesDone(), 1);
        QVERIFY(qAbs(p.fraction() - (0.05 + 0.94 * 0.9)) < 1e-9);
        p.finish();
        QCOMPARE(p.fraction(), 1.0);

        DumpProgress parallel;
        parallel.setParallel(true);
        parallel.setTables({{{QStringLiteral("public"), QStringLiteral("a")}, 100}, {{QStringLiteral("public"), QStringLiteral("b")}, 100}});
        parallel.feed(QStringLiteral("pg_dump: dumping contents of table \"public.a\""));
        parallel.feed(QStringLiteral("pg_dump: dumping contents of table \"public.b\""));
        QCOMPARE(parallel.tablesDone(), 0);
        parallel.feed(QStringLiteral("pg_dump: finished item 3412 TABLE DATA b"));
        QCOMPARE(parallel.tablesDone(), 1);

        // pg_dump writes prefix, message and line end separately: with --jobs two workers'
        // messages can share a line (seen under load: tst_pgbackup never saw public.books).
        DumpProgress mixed;
        mixed.setParallel(true);
        mixed.setTables({{{QStringLiteral("public"), QStringLiteral("a")}, 100},
                         {{QStringLiteral("public"), QStringLiteral("b\"q")}, 100},
                         {{QStringLiteral("public"), QStringLiteral("c")}, 100}});
        QVERIFY(mixed.feed(QStringLiteral("pg_dump: pg_dump: dumping contents of table \"public.a\"dumping contents of table \"public.b\"q\"")));
        QCOMPARE(mixed.current(), QStringLiteral("public.b\"q"));
        QVERIFY(mixed.feed(QStringLiteral("pg_dump: finished item 1 TABLE DATA apg_dump: dumping contents of table \"public.c\"")));
        QCOMPARE(mixed.current(), QStringLiteral("public.c"));
        QCOMPARE(mixed.tablesDone(), 1);
        QVERIFY(mixed.feed(QStringLiteral("pg_dump: pg_dump: finished item 2 TABLE DATA b\"qfinished item 3 TABLE DATA c")));
        QCOMPARE(mixed.tablesDone(), 3);
    }

    // One big table must not leave the bar flat: the rows copied so far (pg_stat_progress_copy)
    // of the planner's estimate move the fraction inside that table's weight, never past it.
    void dumpProgressMovesWithinABigTable()
    {
        DumpProgress p;
        p.setTables({{{QStringLiteral("public"), QStringLiteral("big")}, 9000000},
                     {{QStringLiteral("public"), QStringLiteral("small")}, 1000000}});
        for (int i = 0; i < 46; ++i)
            p.feed(QStringLiteral("pg_dump: reading something"));
        p.feed(QStringLiteral("pg_dump: dumping contents of table \"public.big\""));
        const double atStart = p.fraction();
        QCOMPARE(p.rowsCopied(), qint64(-1));
        p.setRowsCopied({QStringLiteral("public"), QStringLiteral("big")}, 150000, 300000);
        QVERIFY(qAbs(p.fraction() - (0.05 + 0.94 * 0.9 * 0.5)) < 1e-9);
        QVERIFY(p.fraction() > atStart);
        QCOMPARE(p.rowsCopied(), qint64(150000));
        QCOMPARE(p.rowsEstimate(), qint64(300000));
        // Stale statistics (more rows than estimated): the table is not counted whole before it ends.
        p.setRowsCopied({QStringLiteral("public"), QStringLiteral("big")}, 400000, 300000);
        QVERIFY(p.fraction() < 0.05 + 0.94 * 0.9);
        QVERIFY(p.fraction() > 0.05 + 0.94 * 0.9 * 0.5);
        // No estimate (never analyzed): rows are known, the fraction stays where it was.
        const double before = p.fraction();
        p.setRowsCopied({QStringLiteral("public"), QStringLiteral("big")}, 500000, -1);
        QCOMPARE(p.fraction(), before);
        QCOMPARE(p.rowsCopied(), qint64(500000));
        QCOMPARE(p.rowsEstimate(), qint64(-1));
        // A table that is not being written is ignored.
        p.setRowsCopied({QStringLiteral("public"), QStringLiteral("small")}, 10, 20);
        QCOMPARE(p.fraction(), before);
        // The next table starts: big counts whole, its rows are no longer shown.
        p.feed(QStringLiteral("pg_dump: dumping contents of table \"public.small\""));
        QVERIFY(qAbs(p.fraction() - (0.05 + 0.94 * 0.9)) < 1e-9);
        QCOMPARE(p.rowsCopied(), qint64(-1));
    }

    void sqliteStatementsOfTheJobs()
    {
        QCOMPARE(sql::sqlitePragma(QStringLiteral("page_count")), QStringLiteral("PRAGMA main.page_count"));
        QCOMPARE(sql::sqliteIntegrityCheck(), QStringLiteral("PRAGMA integrity_check"));
        QCOMPARE(sql::sqliteVacuumInto(), QStringLiteral("VACUUM INTO ?"));   // the file name is bound
        QCOMPARE(sql::sqliteTouchSchema(), QStringLiteral("SELECT count(*) FROM main.sqlite_schema"));
        QCOMPARE(sql::begin(), QStringLiteral("BEGIN"));
        QCOMPARE(sql::commit(), QStringLiteral("COMMIT"));
        QCOMPARE(sql::rollback(), QStringLiteral("ROLLBACK"));
    }

    void copyProgressSqlIsBoundAndScoped()
    {
        const QString text = sql::copyProgress();
        QVERIFY(text.contains(QStringLiteral("pg_stat_progress_copy")));
        QVERIFY(text.contains(QStringLiteral("'COPY TO'")));
        QVERIFY(text.contains(QStringLiteral("current_database()")));
        QCOMPARE(text.count(QLatin1Char('?')), 1);   // the application name is bound, never pasted
    }

    void restoreProgressFromVerboseOutput()
    {
        RestoreProgress p;
        p.setTotal(4);
        QVERIFY(p.feed(QStringLiteral("pg_restore: creating TABLE \"public.books\"")));
        QCOMPARE(p.current(), QStringLiteral("TABLE public.books"));
        QVERIFY(p.feed(QStringLiteral("pg_restore: processing data for table \"public.books\"")));
        QVERIFY(!p.feed(QStringLiteral("pg_restore: connecting to database for restore")));
        QCOMPARE(p.done(), 2);
        QCOMPARE(p.fraction(), 0.5);
        p.feed(QStringLiteral("pg_restore: entering main parallel loop"));
        QVERIFY(!p.feed(QStringLiteral("pg_restore: launching item 3 INDEX books_title")));
        QVERIFY(p.feed(QStringLiteral("pg_restore: finished item 3 INDEX books_title")));
        QCOMPARE(p.done(), 3);
    }

    void toolFailuresSayWhatToDo()
    {
        ToolMessages m;
        QVERIFY(m.feed(QStringLiteral("pg_dump: error: connection to server at \"127.0.0.1\", port 5432 failed: "
                                      "FATAL:  password authentication failed for user \"alice\"")));
        const Error auth = toolFailure(QStringLiteral("pg_dump"), m, 1, target());
        QCOMPARE(auth.kind, ErrorKind::Auth);
        QVERIFY(auth.message.contains(QLatin1String("wrong password for user \"alice\"")));
        QVERIFY(!auth.message.contains(QLatin1String("s3cr")));

        ToolMessages old;
        old.feed(QStringLiteral("pg_dump: error: aborting because of server version mismatch"));
        old.feed(QStringLiteral("pg_dump: detail: server version: 16.1; pg_dump version: 15.18"));
        QCOMPARE(old.errors().size(), 1);
        const Error mismatch = toolFailure(QStringLiteral("pg_dump"), old, 1, target());
        QCOMPARE(mismatch.kind, ErrorKind::Unsupported);
        QVERIFY2(mismatch.message.contains(QLatin1String("postgresql-client-16")), qPrintable(mismatch.message));

        ToolMessages warn;
        warn.feed(QStringLiteral("pg_restore: warning: errors ignored on restore: 2"));
        QCOMPARE(warn.warnings().size(), 1);
        QVERIFY(warn.errors().isEmpty());
    }

    void archiveListParsesAndSelects()
    {
        const QString listing = QStringLiteral(
            ";\n; Archive created at 2026-12-06 07:00:00 UTC\n;     dbname: shop\n;     Format: CUSTOM\n"
            ";     Dumped from database version: 15.18 (Debian 15.18-0+deb12u1)\n"
            ";     Dumped by pg_dump version: 15.18 (Debian 15.18-0+deb12u1)\n;\n; Selected TOC Entries:\n;\n"
            "217; 1259 16395 TABLE public authors alice\n"
            "218; 1255 16400 FUNCTION public book_count(integer) alice\n"
            "3410; 0 16395 TABLE DATA public authors alice\n"
            "3260; 2606 16402 CONSTRAINT public books books_pkey alice\n"
            "3437; 0 0 ACL - SCHEMA public pg_database_owner\n");
        Result<ArchiveList> list = ArchiveList::parse(listing);
        QVERIFY(list.ok());
        QCOMPARE(list->database, QStringLiteral("shop"));
        QCOMPARE(list->format, QStringLiteral("CUSTOM"));
        QCOMPARE(list->dumpedBy.number, 150018);
        QCOMPARE(list->entries.size(), 5);
        QCOMPARE(list->entries[1].kind, QStringLiteral("FUNCTION"));
        QCOMPARE(list->entries[1].tag, QStringLiteral("book_count(integer)"));
        QCOMPARE(list->entries[2].kind, QStringLiteral("TABLE DATA"));
        QVERIFY(list->entries[2].isData());
        QCOMPARE(list->entries[3].tag, QStringLiteral("books books_pkey"));
        QCOMPARE(list->entries[4].kind, QStringLiteral("ACL"));
        QCOMPARE(list->entries[4].schema, QString());
        const QString use = list->useListText({217, 3410});
        QVERIFY(use.contains(QStringLiteral("\n217; 1259 16395 TABLE public authors alice\n")));
        QVERIFY(use.contains(QStringLiteral("\n;218; 1255")));
        QVERIFY(!ArchiveList::parse(QStringLiteral("hello\nworld")).ok());
    }

    void passwordFileIs0600AndEscaped()
    {
        QCOMPARE(PasswordFile::entry(QStringLiteral("a:b\\c")), QStringLiteral("*:*:*:*:a\\:b\\\\c\n"));
        QString path;
        {
            PasswordFile f;
            QVERIFY(f.write(QStringLiteral("pw")).ok());
            path = f.path();
            QVERIFY(QFile::exists(path));
            QCOMPARE(QFile(path).permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther | QFileDevice::WriteGroup
                                                  | QFileDevice::WriteOther),
                     QFileDevice::Permissions());
        }
        QVERIFY(!QFile::exists(path));
    }
};

STRATA_TEST_MAIN(TestBackupCommand)
#include "tst_backupcommand.moc"
