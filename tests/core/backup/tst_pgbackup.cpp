// PostgreSQL backups on the throwaway server (issue 23 items 1, 2, 3, 5; "Done when"): a
// database with views, functions, sequences, an enum, a partitioned table and 100,000 rows is
// backed up and restored in each format, and the verification reports zero differences; a
// tampered copy is reported; the lowest fitting pg_dump is chosen among several (wrappers
// reporting other versions); cancel leaves no partial file; a wrong password and a missing
// pg_dump give clear messages; the password is in no command line or environment of the
// child (read from /proc while it runs) and in no log line, progress phase or report.

#include "backup/archivelist.h"
#include "backup/backupsql.h"
#include "backup/copycomparison.h"
#include "backup/pgbackupjob.h"
#include "backup/pgrestorejob.h"
#include "backup/pgverifier.h"
#include "connection/connectionstring.h"
#include "support/scratchdatabase.h"
#include "support/testenvironment.h"

#include <QDir>
#include <QProcess>
#include <QStandardPaths>
#include <QThread>
#include <QFile>
#include <QFileInfo>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <signal.h>

using namespace strata;
using namespace strata::backup;

namespace {

const QStringList &fixture()
{
    static const QStringList statements{
        QStringLiteral("CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')"),
        QStringLiteral("CREATE SEQUENCE invoice_no START 1000"),
        QStringLiteral("CREATE TABLE authors(id serial PRIMARY KEY, name text NOT NULL, mood mood NOT NULL DEFAULT 'ok')"),
        QStringLiteral("CREATE TABLE books(id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
                       "author_id int NOT NULL REFERENCES authors(id), title text NOT NULL, "
                       "pages int CHECK (pages > 0), price numeric(8,2))"),
        QStringLiteral("CREATE INDEX books_title ON books(title)"),
        QStringLiteral("CREATE TABLE events(id bigint NOT NULL, at date NOT NULL, payload text) PARTITION BY RANGE (at)"),
        QStringLiteral("CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')"),
        QStringLiteral("CREATE TABLE events_2026 PARTITION OF events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')"),
        QStringLiteral("CREATE VIEW long_books AS SELECT id, title, pages FROM books WHERE pages > 500"),
        QStringLiteral("CREATE FUNCTION book_count(a integer) RETURNS bigint LANGUAGE sql STABLE "
                       "AS $$ SELECT count(*) FROM books WHERE author_id = a $$"),
        QStringLiteral("CREATE SCHEMA sales"),
        QStringLiteral("CREATE TABLE sales.orders(id serial PRIMARY KEY, book_id bigint REFERENCES public.books(id), "
                       "qty int NOT NULL DEFAULT 1)"),
        QStringLiteral("INSERT INTO authors(name, mood) SELECT 'author ' || g, (ARRAY['sad','ok','happy'])[g % 3 + 1]::mood "
                       "FROM generate_series(1, 100) g"),
        QStringLiteral("INSERT INTO books(author_id, title, pages, price) SELECT g % 100 + 1, 'book ' || g, g % 900 + 1, "
                       "(g % 5000) / 100.0 FROM generate_series(1, 100000) g"),
        QStringLiteral("INSERT INTO events SELECT g, DATE '2025-01-01' + (g % 700), 'e' || g FROM generate_series(1, 5000) g"),
        QStringLiteral("INSERT INTO sales.orders(book_id, qty) SELECT g, g % 7 + 1 FROM generate_series(1, 2000) g"),
        QStringLiteral("SELECT setval('invoice_no', 1234)"),
    };
    return statements;
}

ConnectionTarget targetOf(const QString &url)
{
    Result<connection::ConnectionSpec> spec = connection::parseConnectionString(url);
    Q_ASSERT(spec.ok());
    return {spec->profile, spec->password};
}

// Only the real PostgreSQL 15 install, so results do not depend on what else is on PATH.
ToolSearch realTools()
{
    ToolSearch s;
    s.installRoots = {QStringLiteral("/usr/lib/postgresql")};
    return s;
}

void writeScript(const QString &path, const QString &body)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray("#!/bin/sh\n") + body.toUtf8() + QByteArray("\n"));
    f.close();
    QVERIFY(f.setPermissions(f.permissions() | QFileDevice::ExeOwner));
}

// A pg_dump that says it is version `version` and otherwise runs the real one.
void fakeDump(const QString &folder, const QString &version)
{
    QDir().mkpath(folder);
    writeScript(folder + QStringLiteral("/pg_dump"),
                QStringLiteral("if [ \"$1\" = --version ]; then echo 'pg_dump (PostgreSQL) %1'; exit 0; fi\n"
                               "exec /usr/lib/postgresql/15/bin/pg_dump \"$@\"").arg(version));
}

// The parent learns that exec succeeded when the child's close-on-exec descriptors close,
// which happens a moment before the kernel sets the new program's argument area: until then
// /proc/<pid>/cmdline reads empty. Read again for a little while.
QByteArray procFile(qint64 pid, const char *name)
{
    QByteArray content;
    for (int attempt = 0; attempt < 200 && content.isEmpty(); ++attempt) {
        if (attempt > 0)
            QThread::usleep(500);
        QFile f(QStringLiteral("/proc/%1/%2").arg(pid).arg(QLatin1String(name)));
        if (f.open(QIODevice::ReadOnly))
            content = f.readAll();
    }
    return content;
}

// Everything a job said: log lines, progress phases, the report.
struct Transcript {
    QStringList lines;
    QList<JobProgress> progress;
    void attach(BackupJob &job)
    {
        job.setLogSink([this](const QString &l) { lines << l; });
        job.setProgressSink([this](const JobProgress &p) {
            progress << p;
            lines << p.phase;
        });
    }
};

} // namespace

class TestPgBackup : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<test::ScratchPgDatabase> m_source;
    ConnectionTarget m_target;

    Result<JobReport> backup(const DumpOptions &o, bool verify, Transcript *t = nullptr, ToolSearch search = realTools())
    {
        PgBackupJob job({m_target, o, search, std::nullopt, verify});
        if (t)
            t->attach(job);
        return job.run();
    }

private Q_SLOTS:
    void initTestCase()
    {
        STRATA_REQUIRE_PG(url);
        m_source = std::make_unique<test::ScratchPgDatabase>(url);
        QVERIFY2(!m_source->url().isEmpty(), qPrintable(m_source->error()));
        QString error;
        QSqlDatabase db = test::openTestDatabase(m_source->url(), &error);
        QVERIFY2(db.isOpen(), qPrintable(error));
        const QString failed = test::execAll(db, fixture());
        test::closeTestDatabase(db);
        QVERIFY2(failed.isEmpty(), qPrintable(failed));
        m_target = targetOf(m_source->url());
        QVERIFY(m_target.password.has_value());
        // The harness's own variable holds the password; children inherit the environment, and
        // the test reads their environment for the password: only what Strata adds may show.
        qunsetenv("STRATA_TEST_PG_URL");
    }

    void cleanupTestCase() { m_source.reset(); }

    void backupVerifyRestoreEachFormat_data()
    {
        QTest::addColumn<int>("format");
        QTest::addColumn<int>("jobs");
        QTest::newRow("custom") << int(ArchiveFormat::Custom) << 1;
        QTest::newRow("directory, 2 jobs") << int(ArchiveFormat::Directory) << 2;
        QTest::newRow("tar") << int(ArchiveFormat::Tar) << 1;
        QTest::newRow("plain") << int(ArchiveFormat::Plain) << 1;
    }
    void backupVerifyRestoreEachFormat()
    {
        QFETCH(int, format);
        QFETCH(int, jobs);
        DumpOptions o;
        o.format = ArchiveFormat(format);
        o.jobs = jobs;
        o.outputPath = test::tempPath(QStringLiteral("shop") + formatSuffix(o.format));
        Transcript t;
        Result<JobReport> report = backup(o, true, &t);
        QVERIFY2(report.ok(), qPrintable(report.ok() ? QString() : report.error().message + QLatin1Char('\n') + report.error().detail));
        QVERIFY(report->tool.startsWith(QLatin1String("pg_dump 15.")));
        QVERIFY(report->bytes > 100000);
        QCOMPARE(report->bytes, pathSize(o.outputPath));
        QVERIFY(report->verification.has_value());
        const Verification &v = *report->verification;
        QVERIFY2(v.passed, qPrintable(v.differences.join(QLatin1Char('\n'))));
        QCOMPARE(v.schemasCompared, 2);
        QVERIFY(v.tablesCompared >= 5);                     // authors, books, two partitions, sales.orders
        QCOMPARE(v.rowsCompared, qint64(100 + 100000 + 5000 + 2000));
        QCOMPARE(detectArchiveFormat(o.outputPath).value(), o.format);
        // Progress went from the catalog through the tables to the end.
        bool sawTable = false;
        for (const JobProgress &p : t.progress)
            sawTable = sawTable || p.phase == QLatin1String("Writing public.books");
        QVERIFY2(sawTable, qPrintable(t.lines.join(QLatin1Char('\n'))));

        // Restore it into a new database and compare it with the source.
        const QString copyName = PgVerifier::scratchName();
        PgRestoreRequest r;
        r.target = m_target;
        r.options.inputPath = o.outputPath;
        r.options.format = o.format;
        r.options.jobs = o.format == ArchiveFormat::Directory ? 2 : 1;
        r.search = realTools();
        r.newDatabase = copyName;
        PgRestoreJob restore(r);
        Transcript rt;
        rt.attach(restore);
        Result<JobReport> restored = restore.run();
        QVERIFY2(restored.ok(), qPrintable(restored.ok() ? QString() : restored.error().message + QLatin1Char('\n') + restored.error().detail));
        QVERIFY2(restored->errors.isEmpty(), qPrintable(restored->errors.join(QLatin1Char('\n'))));
        if (o.format != ArchiveFormat::Plain) {
            QCOMPARE(rt.progress.last().fraction, 1.0);
            QVERIFY(rt.progress.last().itemsTotal > 20);
        }
        compareWithSource(copyName, QString());
    }

    void verificationReportsATamperedRestore()
    {
        DumpOptions o;
        o.format = ArchiveFormat::Plain;
        o.outputPath = test::tempPath(QStringLiteral("tamper.sql"));
        QVERIFY(backup(o, false).ok());
        // Remove one row of books and the view from the SQL file.
        QFile f(o.outputPath);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QStringList lines = QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'));
        f.close();
        const qsizetype row = lines.indexOf(QStringLiteral("12345\t46\tbook 12345\t646\t23.45"));
        QVERIFY2(row > 0, "the row to remove is not in the dump");
        lines.removeAt(row);
        const qsizetype view = lines.indexOf(QStringLiteral("CREATE VIEW public.long_books AS"));
        QVERIFY(view > 0);
        lines[view] = QStringLiteral("CREATE VIEW public.long_books_renamed AS");
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(lines.join(QLatin1Char('\n')).toUtf8());
        f.close();

        PgBackupJob job({m_target, o, realTools(), std::nullopt, false});
        QString error;
        QSqlDatabase source = test::openTestDatabase(m_source->url(), &error);
        PgVerifier verifier(job, m_target, realTools(), PgVersion::fromNumber(150000), PgVersion::fromNumber(150000));
        CompareScope scope;
        scope.schemas = {QStringLiteral("public"), QStringLiteral("sales")};
        Result<Verification> v = verifier.verify(source, o.outputPath, ArchiveFormat::Plain, scope);
        test::closeTestDatabase(source);
        QVERIFY2(v.ok(), qPrintable(v.ok() ? QString() : v.error().message));
        QVERIFY(!v->passed);
        const QString all = v->differences.join(QLatin1Char('\n'));
        QVERIFY2(all.contains(QLatin1String("rows in public.books: 100000 in the source, 99999 in the copy")), qPrintable(all));
        QVERIFY2(all.contains(QLatin1String("long_books")), qPrintable(all));
        JobReport withVerification;
        withVerification.verification = *v;
        QVERIFY(!withVerification.summary().contains(QLatin1String("Verified")));
        QVERIFY(withVerification.summary().contains(QLatin1String("difference(s)")));
    }

    void choosesTheLowestFittingPgDump()
    {
        QTemporaryDir dir;
        fakeDump(dir.filePath(QStringLiteral("old")), QStringLiteral("14.9"));
        fakeDump(dir.filePath(QStringLiteral("new")), QStringLiteral("17.2"));
        fakeDump(dir.filePath(QStringLiteral("newer")), QStringLiteral("18.1"));
        ToolSearch search;
        search.pathFolders = {dir.filePath(QStringLiteral("newer")), dir.filePath(QStringLiteral("old")),
                              dir.filePath(QStringLiteral("new"))};
        DumpOptions o;
        o.outputPath = test::tempPath(QStringLiteral("chosen.dump"));
        o.tables = {{QStringLiteral("public"), QStringLiteral("authors")}};
        Result<JobReport> r = backup(o, false, nullptr, search);
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
        QVERIFY2(r->tool.startsWith(QStringLiteral("pg_dump 17.2 (") + dir.filePath(QStringLiteral("new"))), qPrintable(r->tool));
        QVERIFY(QFileInfo(o.outputPath).size() > 0);

        // With the real 15 installed too, 15 is the one.
        search.installRoots = {QStringLiteral("/usr/lib/postgresql")};
        Result<JobReport> real = backup(o, false, nullptr, search);
        QVERIFY2(real.ok() && real->tool.startsWith(QLatin1String("pg_dump 15.")), qPrintable(real.ok() ? real->tool : real.error().message));

        // Only an older one: refused, naming the package.
        search.installRoots.clear();
        search.pathFolders = {dir.filePath(QStringLiteral("old"))};
        Result<JobReport> tooOld = backup(o, false, nullptr, search);
        QVERIFY(!tooOld.ok());
        QVERIFY2(tooOld.error().message.contains(QLatin1String("postgresql-client-15")), qPrintable(tooOld.error().message));
        QVERIFY(tooOld.error().detail.contains(QLatin1String("pg_dump 14.9")));
    }

    void missingPgDumpSaysWhatToInstall()
    {
        QTemporaryDir empty;
        ToolSearch search;
        search.userFolder = empty.path();
        search.pathFolders = {empty.path()};
        DumpOptions o;
        o.outputPath = test::tempPath(QStringLiteral("never.dump"));
        Result<JobReport> r = backup(o, false, nullptr, search);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().kind, ErrorKind::NotFound);
        QVERIFY2(r.error().message.contains(QLatin1String("pg_dump was not found"))
                     && r.error().message.contains(QLatin1String("apt install postgresql-client-15")),
                 qPrintable(r.error().message));
        QVERIFY(!QFileInfo::exists(o.outputPath));
    }

    void wrongPasswordIsClearAndNeverShown()
    {
        ConnectionTarget wrong = m_target;
        wrong.password = QStringLiteral("Wr0ngPassw0rdXyz");
        DumpOptions o;
        o.outputPath = test::tempPath(QStringLiteral("denied.dump"));
        PgBackupJob job({wrong, o, realTools(), std::nullopt, false});
        Transcript t;
        t.attach(job);
        Result<JobReport> r = job.run();
        QVERIFY(!r.ok());
        QCOMPARE(r.error().kind, ErrorKind::Auth);
        QVERIFY2(r.error().message.contains(QLatin1String("password"), Qt::CaseInsensitive), qPrintable(r.error().message));
        QVERIFY(!r.error().message.contains(wrong.password.value()));
        QVERIFY(!r.error().detail.contains(wrong.password.value()));
        QVERIFY(!t.lines.join(QLatin1Char('\n')).contains(wrong.password.value()));
        QVERIFY(!QFileInfo::exists(o.outputPath));

        // pg_dump itself, told a wrong password through its password file, is explained the same way.
        PgCommand command = PgCommandBuilder::list(PgToolFinder::discover(PgProgram::Dump, realTools()).first(), QString());
        command.arguments = {QStringLiteral("--schema-only"), QStringLiteral("--no-password"), QStringLiteral("--file=/dev/null")};
        PgCommandBuilder::addConnection(command, wrong);
        ToolMessages messages;
        ChildProcess::Callbacks cb;
        cb.stderrLine = [&messages](const QString &l) { messages.feed(l); };
        Result<int> exit = job.runTool(command, wrong.password, cb);
        QVERIFY(exit.ok());
        QVERIFY(*exit != 0);
        const Error e = toolFailure(QStringLiteral("pg_dump"), messages, *exit, wrong);
        QCOMPARE(e.kind, ErrorKind::Auth);
        QVERIFY2(e.message.contains(QLatin1String("wrong password for user")), qPrintable(e.message));
        QVERIFY(!e.detail.contains(wrong.password.value()));
    }

    void passwordIsInNoCommandLineEnvironmentOrLog()
    {
        const QString password = m_target.password.value();
        QVERIFY(password.size() >= 8);
        DumpOptions o;
        o.format = ArchiveFormat::Directory;
        o.jobs = 2;
        o.outputPath = test::tempPath(QStringLiteral("secret-check"));
        PgBackupJob job({m_target, o, realTools(), std::nullopt, true});
        Transcript t;
        t.attach(job);
        QList<QByteArray> cmdlines;
        QList<QByteArray> environs;
        job.setProcessSink([&](qint64 pid) {
            cmdlines << procFile(pid, "cmdline");
            environs << procFile(pid, "environ");
        });
        Result<JobReport> r = job.run();
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
        QCOMPARE(cmdlines.size(), 2);   // pg_dump, then pg_restore for the verification
        QVERIFY2(cmdlines[0].contains("--format=directory"), QByteArray(cmdlines[0]).replace('\0', ' ').constData());
        QVERIFY(cmdlines[1].contains("pg_restore"));
        for (int i = 0; i < cmdlines.size(); ++i) {
            QVERIFY(!cmdlines[i].contains(password.toUtf8()));
            QVERIFY(environs[i].contains("PGPASSFILE="));
            QVERIFY(!environs[i].contains(password.toUtf8()));
            QVERIFY(!environs[i].contains("PGPASSWORD="));
        }
        QVERIFY(t.lines.size() > 20);
        QVERIFY(!t.lines.join(QLatin1Char('\n')).contains(password));
        QVERIFY(!r->summary().contains(password));
        QVERIFY(r->command.contains(QLatin1String("PGPASSWORD='********'")));
        QVERIFY(!r->command.contains(password));
        // The temporary password files are gone.
        const QStringList left = QDir(QDir::tempPath()).entryList({QStringLiteral("strata-pgpass-*")}, QDir::Files);
        QVERIFY2(left.isEmpty(), qPrintable(left.join(QLatin1Char(' '))));
    }

    void cancelLeavesNoPartialFile_data()
    {
        QTest::addColumn<int>("format");
        QTest::addColumn<int>("jobs");
        QTest::newRow("custom") << int(ArchiveFormat::Custom) << 1;
        QTest::newRow("directory, 2 jobs") << int(ArchiveFormat::Directory) << 2;
        QTest::newRow("plain") << int(ArchiveFormat::Plain) << 1;
    }
    void cancelLeavesNoPartialFile()
    {
        QFETCH(int, format);
        QFETCH(int, jobs);
        DumpOptions o;
        o.format = ArchiveFormat(format);
        o.jobs = jobs;
        o.compression = o.format == ArchiveFormat::Plain ? -1 : 9;   // slower: more time to cancel in
        o.outputPath = test::tempPath(QStringLiteral("cancelled") + formatSuffix(o.format));
        PgBackupJob job({m_target, o, realTools(), std::nullopt, false});
        qint64 pid = 0;
        bool sawOutput = false;
        job.setProcessSink([&pid](qint64 p) { pid = p; });
        job.setProgressSink([&](const JobProgress &p) {
            // Cancel once pg_dump writes rows: the file exists then.
            if (p.phase.startsWith(QLatin1String("Writing"))) {
                sawOutput = sawOutput || QFileInfo::exists(o.outputPath);
                job.cancel();
            }
        });
        Result<JobReport> r = job.run();
        QVERIFY(!r.ok());
        QVERIFY2(r.error().isCancelled(), qPrintable(r.error().message));
        QVERIFY(sawOutput);
        QVERIFY(!QFileInfo::exists(o.outputPath));
        QVERIFY(pid > 0);
        QCOMPARE(::kill(pid_t(pid), 0), -1);                  // pg_dump is gone
        QCOMPARE(::kill(-pid_t(pid), 0), -1);                 // and its workers with it
    }

    // A partitioned table chosen for --table brings its partitions (pg_dump 15 would write the
    // parent's definition only, so no rows); excluded from the data, its partitions' rows stay out.
    void chosenPartitionedTableBringsItsPartitions()
    {
        auto entries = [](const QString &archive, const QString &kind) {
            QStringList out;
            Result<ArchiveList> list = PgRestoreJob::listArchive(archive, realTools());
            if (!list)
                return QStringList{list.error().message};
            for (const ArchiveEntry &e : list->entries)
                if (e.kind == kind)
                    out << e.schema + QLatin1Char('.') + e.tag;
            out.sort();
            return out;
        };
        DumpOptions o;
        o.outputPath = test::tempPath(QStringLiteral("events.dump"));
        // (A table whose column has a type of its own, as authors.mood, would not restore alone:
        // pg_dump --table writes no object the table depends on; the verification says so.)
        o.tables = {{QStringLiteral("public"), QStringLiteral("events")}};
        Result<JobReport> report = backup(o, true);
        QVERIFY2(report.ok(), qPrintable(report.ok() ? QString() : report.error().message + report.error().detail));
        QVERIFY2(report->verification && report->verification->passed,
                 qPrintable(report->verification ? report->verification->differences.join(QLatin1Char('\n')) : QString()));
        QCOMPARE(entries(o.outputPath, QStringLiteral("TABLE")),
                 (QStringList{QStringLiteral("public.events"), QStringLiteral("public.events_2025"), QStringLiteral("public.events_2026")}));
        QCOMPARE(entries(o.outputPath, QStringLiteral("TABLE DATA")),
                 (QStringList{QStringLiteral("public.events_2025"), QStringLiteral("public.events_2026")}));
        QCOMPARE(report->verification->rowsCompared, qint64(5000));
        QVERIFY(report->command.contains(QLatin1String("--table=public.events_2025"))
                || report->command.contains(QLatin1String("'--table=\"public\".\"events_2025\"'")));

        o.outputPath = test::tempPath(QStringLiteral("events-nodata.dump"));
        o.excludeTableData = {{QStringLiteral("public"), QStringLiteral("events")}};
        report = backup(o, false);
        QVERIFY2(report.ok(), qPrintable(report.ok() ? QString() : report.error().message + report.error().detail));
        QCOMPARE(entries(o.outputPath, QStringLiteral("TABLE DATA")), QStringList());
        QCOMPARE(entries(o.outputPath, QStringLiteral("TABLE")).size(), 3);

        // A chosen table that is gone stops the backup with its name (--strict-names).
        o.outputPath = test::tempPath(QStringLiteral("gone.dump"));
        o.tables = {{QStringLiteral("public"), QStringLiteral("no_such_table")}};
        o.excludeTableData.clear();
        report = backup(o, false);
        QVERIFY(!report.ok());
        QVERIFY2(report.error().message.contains(QLatin1String("no_such_table")) || report.error().detail.contains(QLatin1String("no_such_table")),
                 qPrintable(report.error().message + QLatin1Char('\n') + report.error().detail));
        QVERIFY(!QFileInfo::exists(o.outputPath));
    }

    void restoreSelectedObjectsFromTheTableOfContents()
    {
        DumpOptions o;
        o.outputPath = test::tempPath(QStringLiteral("toc.dump"));
        QVERIFY(backup(o, false).ok());
        Result<ArchiveList> list = PgRestoreJob::listArchive(o.outputPath, realTools());
        QVERIFY2(list.ok(), qPrintable(list.ok() ? QString() : list.error().message));
        QVERIFY(list->dumpedBy.number >= 150000);
        QList<int> ids;
        for (const ArchiveEntry &e : list->entries)
            if ((e.kind == QLatin1String("TABLE") || e.kind == QLatin1String("TABLE DATA") || e.kind == QLatin1String("TYPE"))
                && (e.tag == QLatin1String("authors") || e.tag == QLatin1String("mood")))
                ids << e.id;
        QCOMPARE(ids.size(), 3);
        const QString copyName = PgVerifier::scratchName();
        PgRestoreRequest r;
        r.target = m_target;
        r.options.inputPath = o.outputPath;
        r.options.selectedIds = ids;
        r.options.noOwner = true;
        r.search = realTools();
        r.newDatabase = copyName;
        r.list = *list;
        Result<JobReport> restored = PgRestoreJob(r).run();
        QVERIFY2(restored.ok(), qPrintable(restored.ok() ? QString() : restored.error().message + restored.error().detail));
        connection::ConnectionProfile p = m_target.profile;
        p.database = copyName;
        QString error;
        QSqlDatabase copy = test::openTestDatabase(connection::toUrl(p, m_target.password, connection::PasswordMode::Include), &error);
        QVERIFY2(copy.isOpen(), qPrintable(error));
        QSqlQuery q(copy);
        QVERIFY(q.exec(QStringLiteral("SELECT count(*), (SELECT count(*) FROM pg_class WHERE relname = 'books') FROM authors")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 100);
        QCOMPARE(q.value(1).toInt(), 0);
        q.finish();
        test::closeTestDatabase(copy);
        dropDatabase(copyName);
    }

    void restoreContinuesPastErrorsAndCollectsThem()
    {
        DumpOptions o;
        o.outputPath = test::tempPath(QStringLiteral("again.dump"));
        QVERIFY(backup(o, false).ok());
        // Restoring into the source itself: every CREATE collides.
        PgRestoreRequest r;
        r.target = m_target;
        r.options.inputPath = o.outputPath;
        r.options.content = Content::SchemaOnly;
        r.options.exitOnError = false;
        r.search = realTools();
        Result<JobReport> continued = PgRestoreJob(r).run();
        QVERIFY2(continued.ok(), qPrintable(continued.ok() ? QString() : continued.error().message));
        QVERIFY(continued->errors.size() > 3);
        QVERIFY2(continued->errors.first().contains(QLatin1String("already exists")), qPrintable(continued->errors.first()));
        r.options.exitOnError = true;
        Result<JobReport> stopped = PgRestoreJob(r).run();
        QVERIFY(!stopped.ok());
        QVERIFY2(stopped.error().message.contains(QLatin1String("already exists")), qPrintable(stopped.error().message));
    }

    // What keeps the bar moving inside one big table: the rows a pg_dump session's COPY has
    // written so far. psql, named like pg_dump, copies a table of ~190 MB of text (far more
    // than the pipe and socket buffers hold) into a pipe nobody reads, so the COPY stops
    // part-way; BackupCatalog::copyProgress must see it there, and only for that application name.
    void copyProgressSeesAStalledCopy()
    {
        {
            QString error;
            QSqlDatabase admin = test::openTestDatabase(m_source->url(), &error);
            QVERIFY2(admin.isOpen(), qPrintable(error));
            const QString failed = test::execAll(admin, {QStringLiteral("DROP TABLE IF EXISTS copy_probe"),
                QStringLiteral("CREATE TABLE copy_probe AS SELECT g, repeat(md5(g::text), 300) AS t FROM generate_series(1, 20000) g")});
            test::closeTestDatabase(admin);
            QVERIFY2(failed.isEmpty(), qPrintable(failed));
        }
        const QString psql = QStandardPaths::findExecutable(QStringLiteral("psql"), {QStringLiteral("/usr/lib/postgresql/15/bin")});
        QVERIFY2(!psql.isEmpty(), "psql not found");
        const connection::ConnectionProfile &p = m_target.profile;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("PGAPPNAME"), QStringLiteral("pg_dump"));
        env.insert(QStringLiteral("PGPASSWORD"), *m_target.password);
        QProcess reader;   // its output is never read: no event loop runs until it is killed
        reader.setProcessEnvironment(env);
        reader.start(psql, {QStringLiteral("--no-psqlrc"), QStringLiteral("--host=") + p.host,
                            QStringLiteral("--port=") + QString::number(p.port), QStringLiteral("--username=") + p.user,
                            QStringLiteral("--dbname=") + p.database, QStringLiteral("--command=COPY public.copy_probe TO STDOUT")});
        QVERIFY(reader.waitForStarted());
        QString error;
        QSqlDatabase db = test::openTestDatabase(m_source->url(), &error);
        QVERIFY2(db.isOpen(), qPrintable(error));
        QList<CopyProgress> seen;
        for (int i = 0; i < 200 && seen.isEmpty(); ++i) {
            QThread::msleep(50);
            Result<QList<CopyProgress>> copies = BackupCatalog::copyProgress(db, QStringLiteral("pg_dump"));
            QVERIFY2(copies.ok(), copies.ok() ? "" : qPrintable(copies.error().message));
            for (const CopyProgress &c : *copies)
                if (c.rows > 0)
                    seen << c;
        }
        Result<QList<CopyProgress>> others = BackupCatalog::copyProgress(db, QStringLiteral("not pg_dump"));
        reader.kill();
        reader.waitForFinished();
        test::closeTestDatabase(db);
        {
            QSqlDatabase admin = test::openTestDatabase(m_source->url(), &error);
            test::execAll(admin, {QStringLiteral("DROP TABLE IF EXISTS copy_probe")});
            test::closeTestDatabase(admin);
        }
        QCOMPARE(seen.size(), 1);
        QCOMPARE(seen.first().table, (TableName{QStringLiteral("public"), QStringLiteral("copy_probe")}));
        QVERIFY2(seen.first().rows > 0 && seen.first().rows < 20000, qPrintable(QString::number(seen.first().rows)));
        QVERIFY(others.ok());
        QVERIFY(others->isEmpty());
    }

private:
    void compareWithSource(const QString &copyName, const QString &)
    {
        connection::ConnectionProfile p = m_target.profile;
        p.database = copyName;
        QString error;
        QSqlDatabase source = test::openTestDatabase(m_source->url(), &error);
        QSqlDatabase copy = test::openTestDatabase(connection::toUrl(p, m_target.password, connection::PasswordMode::Include), &error);
        QVERIFY2(copy.isOpen(), qPrintable(error));
        CompareScope scope;
        scope.schemas = {QStringLiteral("public"), QStringLiteral("sales")};
        Result<Verification> v = CopyComparison::compare(source, copy, scope);
        QVERIFY2(v.ok(), qPrintable(v.ok() ? QString() : v.error().message));
        QVERIFY2(v->passed, qPrintable(v->differences.join(QLatin1Char('\n'))));
        QCOMPARE(v->rowsCompared, qint64(107100));
        // Tamper with the restored copy: the comparison sees it.
        QVERIFY(test::execAll(copy, {QStringLiteral("DELETE FROM books WHERE id = 99999"),
                                     QStringLiteral("DROP VIEW long_books"),
                                     QStringLiteral("CREATE OR REPLACE FUNCTION book_count(a integer) RETURNS bigint "
                                                    "LANGUAGE sql STABLE AS $$ SELECT 0::bigint $$")}).isEmpty());
        Result<Verification> tampered = CopyComparison::compare(source, copy, scope);
        QVERIFY(tampered.ok());
        QVERIFY(!tampered->passed);
        const QString all = tampered->differences.join(QLatin1Char('\n'));
        QVERIFY2(all.contains(QLatin1String("rows in public.books: 100000 in the source, 99999 in the copy")), qPrintable(all));
        QVERIFY2(all.contains(QLatin1String("long_books")), qPrintable(all));
        QVERIFY2(all.contains(QLatin1String("book_count(a integer) returns bigint has another body")), qPrintable(all));
        test::closeTestDatabase(source);
        test::closeTestDatabase(copy);
        dropDatabase(copyName);
    }

    void dropDatabase(const QString &name)
    {
        QString error;
        QSqlDatabase admin = test::openTestDatabase(m_source->url(), &error);
        QVERIFY(test::execAll(admin, {sql::dropDatabase(name, 150000)}).isEmpty());
        test::closeTestDatabase(admin);
    }
};

STRATA_TEST_MAIN(TestPgBackup)
#include "tst_pgbackup.moc"
