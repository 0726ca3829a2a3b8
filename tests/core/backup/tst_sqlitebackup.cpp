// SQLite backups on real files (issue 23 item 4 and the SQLite part of item 5): an online
// backup taken while another connection writes in a loop is consistent (integrity_check ok,
// the row count at a transaction boundary, an uncommitted transaction not in the copy);
// VACUUM INTO; cancel leaves no file; verification passes on a good copy and finds a
// tampered one; restore over an existing file and into a new one; a damaged backup is refused.

#include "backup/copycomparison.h"
#include "backup/sqlitebackupjob.h"
#include "backup/sqliterestorejob.h"
#include "support/scratchdatabase.h"
#include "support/testenvironment.h"

#include <QFile>
#include <QFileInfo>
#include <QThread>
#include <QTest>

#include <atomic>
#include <sqlite3.h>
#include <thread>

using namespace strata;
using namespace strata::backup;

namespace {

constexpr int kBatch = 10;

// A raw sqlite3 connection for fixtures and for the writer thread.
struct Raw {
    sqlite3 *db = nullptr;
    explicit Raw(const QString &path)
    {
        sqlite3_open_v2(QFile::encodeName(path).constData(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
        sqlite3_busy_timeout(db, 10000);
    }
    ~Raw() { sqlite3_close(db); }
    int exec(const char *sql) { return sqlite3_exec(db, sql, nullptr, nullptr, nullptr); }
    qint64 scalar(const char *sql)
    {
        sqlite3_stmt *st = nullptr;
        sqlite3_prepare_v2(db, sql, -1, &st, nullptr);
        qint64 v = -1;
        if (sqlite3_step(st) == SQLITE_ROW)
            v = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
        return v;
    }
};

// A file of `rows` rows in batches of kBatch (the batch number in each row), 2 indexes, a view.
QString makeSource(const QString &name, int rows, bool wal)
{
    const QString path = test::tempPath(name);
    Raw raw(path);
    if (wal)
        raw.exec("PRAGMA journal_mode=WAL");
    raw.exec("CREATE TABLE items(id INTEGER PRIMARY KEY, batch INTEGER NOT NULL, payload TEXT)");
    raw.exec("CREATE INDEX items_batch ON items(batch)");
    raw.exec("CREATE TABLE notes(id INTEGER PRIMARY KEY, body TEXT)");
    raw.exec("CREATE VIEW batches AS SELECT batch, count(*) AS n FROM items GROUP BY batch");
    raw.exec("BEGIN");
    for (int b = 0; b < rows / kBatch; ++b) {
        const QByteArray sql = QStringLiteral("INSERT INTO items(batch, payload) SELECT %1, hex(randomblob(100)) "
                                              "FROM (WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < %2) "
                                              "SELECT x FROM c)").arg(b).arg(kBatch).toUtf8();
        raw.exec(sql.constData());
    }
    raw.exec("INSERT INTO notes(body) VALUES ('a'), ('b')");
    raw.exec("COMMIT");
    return path;
}

// Writes batches of kBatch rows, each batch one transaction, until stopped.
class Writer {
public:
    explicit Writer(QString path) : m_path(std::move(path)) {}
    void start()
    {
        m_thread = std::thread([this] {
            Raw raw(m_path);
            int batch = 1000000;
            while (!m_stop.load()) {
                if (raw.exec("BEGIN IMMEDIATE") != SQLITE_OK)
                    continue;
                bool ok = true;
                for (int i = 0; i < kBatch && ok; ++i) {
                    const QByteArray sql = QStringLiteral("INSERT INTO items(batch, payload) VALUES (%1, hex(randomblob(100)))")
                                               .arg(batch).toUtf8();
                    ok = raw.exec(sql.constData()) == SQLITE_OK;
                }
                if (ok && raw.exec("COMMIT") == SQLITE_OK) {
                    ++batch;
                    m_commits.fetch_add(1);
                } else {
                    raw.exec("ROLLBACK");
                }
            }
        });
    }
    void stop()
    {
        m_stop.store(true);
        if (m_thread.joinable())
            m_thread.join();
    }
    int commits() const { return m_commits.load(); }
    ~Writer() { stop(); }

private:
    QString m_path;
    std::thread m_thread;
    std::atomic<bool> m_stop{false};
    std::atomic<int> m_commits{0};
};

} // namespace

class TestSqliteBackup : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void onlineBackupWhileAnotherConnectionWrites_data()
    {
        QTest::addColumn<bool>("wal");
        QTest::newRow("wal") << true;
        QTest::newRow("rollback journal") << false;
    }
    void onlineBackupWhileAnotherConnectionWrites()
    {
        QFETCH(bool, wal);
        const QString source = makeSource(QStringLiteral("source.db"), 40000, wal);
        const QString copy = test::tempPath(QStringLiteral("copy.db"));

        Writer writer(source);
        writer.start();
        while (writer.commits() < 20)
            QThread::msleep(1);
        SqliteBackupRequest request;
        request.sourcePath = source;
        request.destinationPath = copy;
        request.pagesPerStep = 4;
        request.verify = true;
        SqliteBackupJob job(request);
        int progressCalls = 0;
        double lastFraction = -1;
        job.setProgressSink([&](const JobProgress &p) {
            ++progressCalls;
            if (p.itemsUnit == QLatin1String("pages"))
                lastFraction = p.fraction;
            QThread::msleep(2);   // give the writer time between steps
        });
        const int commitsBefore = writer.commits();
        Result<JobReport> report = job.run();
        const int commitsDuring = writer.commits() - commitsBefore;
        writer.stop();
        QVERIFY2(report.ok(), qPrintable(report.ok() ? QString() : report.error().message));
        QCOMPARE(lastFraction, 1.0);
        QVERIFY(progressCalls > 3);
        if (wal)   // writers go on in WAL mode while the copy reads its snapshot
            QVERIFY2(commitsDuring > 0, "the writer did not commit while the backup ran: the test proves nothing");
        QVERIFY(report->verification.has_value());
        QVERIFY2(report->verification->passed, qPrintable(report->verification->differences.join(QLatin1Char('\n'))));
        QVERIFY(report->verification->rowsCompared >= 40000);

        QCOMPARE(sqliteIntegrity(copy).value(), QStringLiteral("ok"));
        Raw check(copy);
        const qint64 rows = check.scalar("SELECT count(*) FROM items");
        QVERIFY(rows >= 40000 + 20 * kBatch);
        QCOMPARE(rows % kBatch, 0);   // at a transaction boundary
        QCOMPARE(check.scalar("SELECT count(*) FROM batches WHERE n <> 10"), 0);
        QCOMPARE(check.scalar("SELECT count(*) FROM sqlite_schema WHERE type = 'view'"), 1);
        QVERIFY(report->summary().contains(QLatin1String("Verified")));
    }

    void uncommittedChangesAreNotCopied()
    {
        const QString source = makeSource(QStringLiteral("pending.db"), 100, true);
        Raw pending(source);
        QCOMPARE(pending.exec("BEGIN"), SQLITE_OK);
        QCOMPARE(pending.exec("INSERT INTO notes(body) VALUES ('not saved')"), SQLITE_OK);
        SqliteBackupJob job({source, test::tempPath(QStringLiteral("pending-copy.db")), SqliteCopyMethod::OnlineBackup, 256, false});
        Result<JobReport> report = job.run();
        QVERIFY2(report.ok(), qPrintable(report.ok() ? QString() : report.error().message));
        Raw check(report->path);
        QCOMPARE(check.scalar("SELECT count(*) FROM notes"), 2);
        pending.exec("ROLLBACK");
    }

    void compactCopyWithVacuumInto()
    {
        const QString source = makeSource(QStringLiteral("fragmented.db"), 20000, false);
        {
            Raw raw(source);
            raw.exec("DELETE FROM items WHERE batch % 2 = 0");
        }
        const QString copy = test::tempPath(QStringLiteral("compact.db"));
        SqliteBackupJob job({source, copy, SqliteCopyMethod::CompactCopy, 256, true});
        Result<JobReport> report = job.run();
        QVERIFY2(report.ok(), qPrintable(report.ok() ? QString() : report.error().message));
        QVERIFY(report->tool.contains(QLatin1String("VACUUM INTO")));
        QVERIFY(QFileInfo(copy).size() < QFileInfo(source).size() * 7 / 10);
        QCOMPARE(sqliteIntegrity(copy).value(), QStringLiteral("ok"));
        QVERIFY2(report->verification->passed, qPrintable(report->verification->differences.join(QLatin1Char('\n'))));
        QCOMPARE(Raw(copy).scalar("SELECT count(*) FROM items"), 10000);
    }

    void cancelLeavesNoFile_data()
    {
        QTest::addColumn<int>("method");
        QTest::newRow("online") << int(SqliteCopyMethod::OnlineBackup);
        QTest::newRow("compact") << int(SqliteCopyMethod::CompactCopy);
    }
    void cancelLeavesNoFile()
    {
        QFETCH(int, method);
        // Big enough that VACUUM INTO runs for more than one progress report (100 ms).
        const QString source = makeSource(QStringLiteral("cancel.db"), 150000, false);
        const QString copy = test::tempPath(QStringLiteral("cancelled.db"));
        SqliteBackupJob job({source, copy, SqliteCopyMethod(method), 2, false});
        bool sawFile = false;
        job.setProgressSink([&](const JobProgress &p) {
            // The online copy cancels after its first pages; VACUUM INTO at its first report.
            if (p.itemsDone > 0 || p.phase.startsWith(QLatin1String("Writing a compact copy"))) {
                sawFile = sawFile || QFileInfo::exists(copy);
                job.cancel();
            }
        });
        Result<JobReport> report = job.run();
        QVERIFY(!report.ok());
        QVERIFY(report.error().isCancelled());
        if (SqliteCopyMethod(method) == SqliteCopyMethod::OnlineBackup)
            QVERIFY(sawFile);   // it had started writing
        QVERIFY(!QFileInfo::exists(copy));
        QVERIFY(!QFileInfo::exists(copy + QStringLiteral("-journal")));
    }

    void verificationFindsATamperedCopy()
    {
        const QString source = makeSource(QStringLiteral("tamper.db"), 200, false);
        const QString copy = test::tempPath(QStringLiteral("tampered.db"));
        SqliteBackupJob job({source, copy, SqliteCopyMethod::OnlineBackup, 256, false});
        QVERIFY(job.run().ok());
        {
            Raw raw(copy);
            raw.exec("DELETE FROM items WHERE id = 7");
            raw.exec("DROP VIEW batches");
            raw.exec("ALTER TABLE notes ADD COLUMN extra TEXT");
        }
        QString error;
        QSqlDatabase a = test::openTestDatabase(source, &error);
        QSqlDatabase b = test::openTestDatabase(copy, &error);
        CompareScope scope;
        scope.schemas = {QStringLiteral("main")};
        Result<Verification> v = CopyComparison::compare(a, b, scope);
        QVERIFY2(v.ok(), qPrintable(v.ok() ? QString() : v.error().message));
        QVERIFY(!v->passed);
        const QString all = v->differences.join(QLatin1Char('\n'));
        QVERIFY2(all.contains(QLatin1String("rows in main.items: 200 in the source, 199 in the copy")), qPrintable(all));
        QVERIFY2(all.contains(QLatin1String("batches")), qPrintable(all));
        QVERIFY2(all.contains(QLatin1String("extra")), qPrintable(all));
        test::closeTestDatabase(a);
        test::closeTestDatabase(b);
    }

    void restoreOverAnExistingFileAndIntoANewOne()
    {
        const QString source = makeSource(QStringLiteral("orig.db"), 500, false);
        const QString backup = test::tempPath(QStringLiteral("orig-backup.db"));
        QVERIFY(SqliteBackupJob({source, backup, SqliteCopyMethod::OnlineBackup, 256, false}).run().ok());
        {
            Raw raw(source);   // what went wrong after the backup
            raw.exec("DELETE FROM items");
            raw.exec("DROP TABLE notes");
        }
        SqliteRestoreJob restore({backup, source, 8});
        Result<JobReport> r = restore.run();
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
        QVERIFY(r->errors.isEmpty());
        QCOMPARE(Raw(source).scalar("SELECT count(*) FROM items"), 500);
        QCOMPARE(Raw(source).scalar("SELECT count(*) FROM notes"), 2);

        const QString fresh = test::tempPath(QStringLiteral("fresh.db"));
        QVERIFY(SqliteRestoreJob({backup, fresh, 256}).run().ok());
        QCOMPARE(Raw(fresh).scalar("SELECT count(*) FROM items"), 500);
    }

    void damagedBackupIsRefused()
    {
        const QString source = makeSource(QStringLiteral("target.db"), 3000, false);
        const QString backup = test::tempPath(QStringLiteral("damaged.db"));
        QVERIFY(SqliteBackupJob({source, backup, SqliteCopyMethod::OnlineBackup, 256, false}).run().ok());
        {
            QFile f(backup);
            QVERIFY(f.open(QIODevice::ReadWrite));
            f.seek(4096 * 3);   // the header of a b-tree page
            f.write(QByteArray(3000, '\x5a'));
        }
        Result<JobReport> r = SqliteRestoreJob({backup, source, 256}).run();
        QVERIFY(!r.ok());
        QVERIFY2(r.error().message.contains(QLatin1String("damaged")), qPrintable(r.error().message));
        QCOMPARE(Raw(source).scalar("SELECT count(*) FROM items"), 3000);
    }
};

STRATA_TEST_MAIN(TestSqliteBackup)
#include "tst_sqlitebackup.moc"
