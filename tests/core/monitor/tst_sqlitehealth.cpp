// SQLite file health on real files: the figures, each check and upkeep action with its
// sizes before and after, a corrupted copy that integrity_check reports without a byte of
// the file changing, foreign key violations with the key of each row, read-only refusals.

#include "monitor/sqlitehealth.h"
#include "monitor/sqlitehealthsession.h"
#include "support/scratchdatabase.h"
#include "support/testenvironment.h"

#include <QCryptographicHash>
#include <QFile>
#include <QSqlQuery>
#include <QtTest>

using namespace strata;
using namespace strata::monitor;
using namespace strata::test;
using namespace Qt::StringLiterals;

namespace {

/// authors and books (a foreign key), `rows` books with long titles; `deleteMost` frees pages.
QString makeFile(const QString &name, int rows, bool deleteMost, bool wal = false)
{
    const QString path = tempPath(name);
    QSqlDatabase db = openTestDatabase(path);
    QStringList sql{u"PRAGMA journal_mode = %1"_s.arg(wal ? u"wal"_s : u"delete"_s),
                    u"CREATE TABLE authors (id INTEGER PRIMARY KEY, name TEXT)"_s,
                    u"CREATE TABLE books (id INTEGER PRIMARY KEY, title TEXT, author_id INTEGER REFERENCES authors (id))"_s,
                    u"CREATE INDEX books_title ON books (title)"_s,
                    u"INSERT INTO authors VALUES (1, 'Hastie'), (2, 'Bishop')"_s,
                    u"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %1) "
                    "INSERT INTO books SELECT i, printf('%s %d', hex(zeroblob(150)), i), 1 + i % 2 FROM n"_s.arg(rows)};
    if (deleteMost)
        sql << u"DELETE FROM books WHERE id % 10 <> 0"_s;
    const QString error = execAll(db, sql);
    closeTestDatabase(db);
    return error.isEmpty() ? path : QString();
}

QByteArray digest(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256) : QByteArray();
}

connection::ConnectionSpec specFor(const QString &path, bool readOnly = false)
{
    connection::ConnectionSpec spec;
    spec.profile.driver = dialect::DialectKind::Sqlite;
    spec.profile.filePath = path;
    spec.profile.readOnly = readOnly;
    return spec;
}

struct Outcome {
    SqliteActionReport report;
    QStringList rows;
    QList<ForeignKeyViolation> violations;
};

Outcome runAndWait(SqliteHealthSession &session, SqliteHealthAction action, const QString &target = {})
{
    Outcome out;
    bool done = false;
    QObject context;
    QObject::connect(&session, &SqliteHealthSession::checkRow, &context, [&](const QString &row) { out.rows << row; });
    QObject::connect(&session, &SqliteHealthSession::violationsFound, &context, [&](const QList<ForeignKeyViolation> &v) { out.violations = v; });
    QObject::connect(&session, &SqliteHealthSession::finished, &context, [&](const SqliteActionReport &r) {
        out.report = r;
        done = true;
    });
    session.run(action, target);
    (void)QTest::qWaitFor([&] { return done; }, 60000);
    QCoreApplication::processEvents();   // rows posted just before the report
    return out;
}

} // namespace

class TestSqliteHealth : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void figures();
    void checksOnASoundFile();
    void corruptedCopyIsReportedAndNotWritten();
    void foreignKeyViolationsWithTheirKeys();
    void vacuumShrinksTheFile();
    void vacuumIntoWritesANewFile();
    void optimizeAndCheckpoint();
    void readOnlyRunsChecksOnly();
};

void TestSqliteHealth::figures()
{
    const QString path = makeFile(u"figures.db"_s, 2000, true);
    QVERIFY(!path.isEmpty());
    SqliteHealthSession session(specFor(path));
    QSignalSpy read(&session, &SqliteHealthSession::healthRead);
    session.readHealth();
    QVERIFY(read.wait(10000));
    QVERIFY(read.first().at(0).toBool());
    const SqliteFileHealth &h = session.health();
    QCOMPARE(h.filePath, path);
    QCOMPARE(h.pageSize, 4096);
    QCOMPARE(h.fileSize, QFileInfo(path).size());
    QCOMPARE(h.pageCount * h.pageSize, h.fileSize);
    QVERIFY(h.freelistCount > 0);   // 90% of the rows were deleted
    QVERIFY(h.dataSize() < h.allocatedSize());
    QCOMPARE(h.journalMode, u"delete"_s);
    QCOMPARE(h.walSize, -1);
    QCOMPARE(h.tables, 2);
    QCOMPARE(h.indexes, 1);
    QVERIFY(h.schemaVersion > 0);
}

void TestSqliteHealth::checksOnASoundFile()
{
    const QString path = makeFile(u"sound.db"_s, 500, false);
    const QByteArray before = digest(path);
    SqliteHealthSession session(specFor(path));
    for (SqliteHealthAction check : {SqliteHealthAction::IntegrityCheck, SqliteHealthAction::QuickCheck}) {
        const Outcome out = runAndWait(session, check);
        QVERIFY2(out.report.ok, qPrintable(out.report.error.message));
        QVERIFY(out.report.clean);
        QCOMPARE(out.rows, QStringList{u"ok"_s});
        QCOMPARE(out.report.before.pageCount, out.report.after.pageCount);
    }
    QCOMPARE(digest(path), before);
}

void TestSqliteHealth::corruptedCopyIsReportedAndNotWritten()
{
    const QString sound = makeFile(u"tocorrupt.db"_s, 3000, false);
    const QString path = tempPath(u"corrupted.db"_s);
    QVERIFY(QFile::copy(sound, path));
    {
        // Garbage over a b-tree page in the middle of the file (not page 1, the schema).
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadWrite));
        const qint64 pages = f.size() / 4096;
        QVERIFY(pages > 10);
        f.seek((pages / 2) * 4096);
        QVERIFY(f.write(QByteArray(4096, '\xA5')) == 4096);
    }
    const QByteArray before = digest(path);
    SqliteHealthSession session(specFor(path));
    const Outcome integrity = runAndWait(session, SqliteHealthAction::IntegrityCheck);
    QVERIFY2(integrity.report.ok, qPrintable(integrity.report.error.message));
    QVERIFY(!integrity.report.clean);
    QVERIFY(integrity.report.rows > 0);
    QVERIFY(!integrity.rows.isEmpty());
    QVERIFY2(integrity.rows.first() != u"ok"_s, qPrintable(integrity.rows.join(u'\n')));
    const Outcome quick = runAndWait(session, SqliteHealthAction::QuickCheck);
    QVERIFY(quick.report.ok);
    QVERIFY(!quick.report.clean);
    QCOMPARE(digest(path), before);   // nothing was written
    QVERIFY(!QFileInfo::exists(path + u"-journal"_s));
    QVERIFY(!QFileInfo::exists(path + u"-wal"_s));
}

void TestSqliteHealth::foreignKeyViolationsWithTheirKeys()
{
    const QString path = makeFile(u"orphans.db"_s, 100, false);
    {
        QSqlDatabase db = openTestDatabase(path);
        QCOMPARE(execAll(db, {u"PRAGMA foreign_keys = OFF"_s, u"UPDATE books SET author_id = 99 WHERE id IN (7, 42)"_s,
                              u"CREATE TABLE reviews (book_title TEXT PRIMARY KEY, book_id INTEGER REFERENCES books (id))"_s,
                              u"INSERT INTO reviews VALUES ('lost', 5000)"_s}), QString());
        closeTestDatabase(db);
    }
    SqliteHealthSession session(specFor(path));
    const Outcome out = runAndWait(session, SqliteHealthAction::ForeignKeyCheck);
    QVERIFY2(out.report.ok, qPrintable(out.report.error.message));
    QVERIFY(!out.report.clean);
    QCOMPARE(out.violations.size(), 3);
    QStringList found;
    for (const ForeignKeyViolation &v : out.violations)
        found << u"%1 %2=%3 -> %4 (%5)"_s.arg(v.table, v.keyColumn, v.keyValue, v.parent, v.columns.join(u',')) ;
    found.sort();
    QCOMPARE(found, (QStringList{u"books id=42 -> authors (author_id)"_s, u"books id=7 -> authors (author_id)"_s,
                                 u"reviews book_title=lost -> books (book_id)"_s}));
}

void TestSqliteHealth::vacuumShrinksTheFile()
{
    const QString path = makeFile(u"vacuum.db"_s, 3000, true);
    SqliteHealthSession session(specFor(path));
    const Outcome out = runAndWait(session, SqliteHealthAction::Vacuum);
    QVERIFY2(out.report.ok, qPrintable(out.report.error.message));
    QVERIFY(out.report.before.freelistCount > 0);
    QCOMPARE(out.report.after.freelistCount, 0);
    QVERIFY(out.report.after.fileSize < out.report.before.fileSize);
    QCOMPARE(out.report.after.fileSize, QFileInfo(path).size());
}

void TestSqliteHealth::vacuumIntoWritesANewFile()
{
    const QString path = makeFile(u"source.db"_s, 3000, true);
    const QByteArray before = digest(path);
    const QString target = tempPath(u"compact copy 'quoted'.db"_s);
    SqliteHealthSession session(specFor(path));
    const Outcome out = runAndWait(session, SqliteHealthAction::VacuumInto, target);
    QVERIFY2(out.report.ok, qPrintable(out.report.error.message));
    QVERIFY(QFileInfo::exists(target));
    QCOMPARE(out.report.targetSize, QFileInfo(target).size());
    QVERIFY(out.report.targetSize < out.report.before.fileSize);
    QCOMPARE(digest(path), before);
    QSqlDatabase copy = openTestDatabase(target);
    QSqlQuery q(copy);
    QVERIFY(q.exec(u"SELECT count(*) FROM books"_s) && q.next());
    QCOMPARE(q.value(0).toInt(), 300);
    q.finish();
    closeTestDatabase(copy);
}

void TestSqliteHealth::optimizeAndCheckpoint()
{
    const QString path = makeFile(u"wal.db"_s, 200, false, true);
    // Another connection writes into the WAL and stays open, so the log has content.
    QSqlDatabase writer = openTestDatabase(path);
    QCOMPARE(execAll(writer, {u"PRAGMA wal_autocheckpoint = 0"_s, u"INSERT INTO authors (name) SELECT title FROM books"_s}), QString());
    QVERIFY(QFileInfo(path + u"-wal"_s).size() > 0);
    SqliteHealthSession session(specFor(path));
    Outcome out = runAndWait(session, SqliteHealthAction::Optimize);
    QVERIFY2(out.report.ok, qPrintable(out.report.error.message));
    out = runAndWait(session, SqliteHealthAction::Checkpoint);
    QVERIFY2(out.report.ok, qPrintable(out.report.error.message));
    QVERIFY(out.report.before.walSize > 0);
    QCOMPARE(out.report.after.walSize, 0);   // TRUNCATE empties the log
    QVERIFY(out.report.summary.contains(u"busy 0"_s));
    closeTestDatabase(writer);
}

void TestSqliteHealth::readOnlyRunsChecksOnly()
{
    const QString path = makeFile(u"readonly.db"_s, 300, true);
    const QByteArray before = digest(path);
    SqliteHealthSession session(specFor(path, true));
    const QString never = tempPath(u"never.db"_s);
    for (SqliteHealthAction writes : {SqliteHealthAction::Vacuum, SqliteHealthAction::VacuumInto, SqliteHealthAction::Optimize,
                                      SqliteHealthAction::Checkpoint}) {
        QVERIFY(!session.unavailableReason(writes).isEmpty());
        const Outcome out = runAndWait(session, writes, never);
        QVERIFY(!out.report.ok);
        QCOMPARE(out.report.error.kind, ErrorKind::Permission);
    }
    QVERIFY(!QFileInfo::exists(never));
    const Outcome check = runAndWait(session, SqliteHealthAction::IntegrityCheck);
    QVERIFY(check.report.ok);
    QVERIFY(check.report.clean);
    QCOMPARE(digest(path), before);
}

STRATA_TEST_MAIN(TestSqliteHealth)
#include "tst_sqlitehealth.moc"
