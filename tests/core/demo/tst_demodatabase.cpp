#include "demo/demodatabase.h"
#include "support/scratchdatabase.h"
#include "support/testenvironment.h"

#include <QCryptographicHash>
#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QtTest>

using namespace strata;

namespace {

QByteArray checksum(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&file);
    return hash.result().toHex();
}

} // namespace

class TestDemoDatabase : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void leavesNoPartialFile();
    void rowCounts_data();
    void rowCounts();
    void classicBooks_data();
    void classicBooks();
    void consistent();
    void viewsAndIndexes();
    void foreignKeyActions();
    void hasNulls();
    void neverOverwrites();
    void keepsForeignFile();
    void deterministic();
    void createsMissingDirectories();
    void replacesStalePartial();
    void unwritableLocationIsIoError();
    void defaultPath();

private:
    QVariant scalar(const QString &sql);

    QString m_path;
    QSqlDatabase m_db;
};

void TestDemoDatabase::initTestCase()
{
    m_path = test::tempPath(QStringLiteral("demo.db"));
    const Result<bool> installed = demo::installDemoDatabase(m_path);
    QVERIFY2(installed.ok(), qPrintable(installed.ok() ? QString() : installed.error().toString()));
    QCOMPARE(installed.value(), true);
    QString error;
    m_db = test::openTestDatabase(m_path, &error);
    QVERIFY2(m_db.isOpen(), qPrintable(error));
}

void TestDemoDatabase::cleanupTestCase()
{
    test::closeTestDatabase(m_db);
}

QVariant TestDemoDatabase::scalar(const QString &sql)
{
    return test::scalar(m_db, sql);
}

void TestDemoDatabase::leavesNoPartialFile()
{
    QVERIFY(QFile::exists(m_path));
    QVERIFY(!QFile::exists(m_path + QStringLiteral(".partial")));
    QVERIFY(!QFile::exists(m_path + QStringLiteral(".partial-journal")));
}

void TestDemoDatabase::rowCounts_data()
{
    QTest::addColumn<QString>("table");
    QTest::addColumn<int>("rows");
    QTest::newRow("authors") << "authors" << 50;
    QTest::newRow("books") << "books" << 305;
    QTest::newRow("artists") << "artists" << 40;
    QTest::newRow("tracks") << "tracks" << 400;
    QTest::newRow("users") << "users" << 1005;
    QTest::newRow("addresses") << "addresses" << 1338;
}

void TestDemoDatabase::rowCounts()
{
    QFETCH(QString, table);
    QFETCH(int, rows);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM \"%1\"").arg(table)).toInt(), rows);
}

void TestDemoDatabase::classicBooks_data()
{
    QTest::addColumn<QString>("title");
    QTest::addColumn<QString>("author");
    QTest::addColumn<QString>("year");
    QTest::newRow("ISLR") << "An Introduction to Statistical Learning" << "Gareth James" << "2013";
    QTest::newRow("ESL") << "The Elements of Statistical Learning" << "Trevor Hastie" << "2001";
    QTest::newRow("PRML") << "Pattern Recognition and Machine Learning" << "Christopher Bishop"
                          << "2006";
    QTest::newRow("MLAPP") << "Machine Learning: A Probabilistic Perspective" << "Kevin Murphy"
                           << "2012";
    QTest::newRow("DL") << "Deep Learning" << "Ian Goodfellow" << "2016";
}

void TestDemoDatabase::classicBooks()
{
    QFETCH(QString, title);
    QFETCH(QString, author);
    QFETCH(QString, year);
    QSqlQuery query(m_db);
    QVERIFY(query.prepare(QStringLiteral(
        "SELECT authors.name, substr(books.published, 1, 4), books.pages, books.price "
        "FROM books JOIN authors ON authors.id = books.author_id WHERE books.title = ?")));
    query.addBindValue(title);
    QVERIFY2(query.exec(), qPrintable(query.lastError().text()));
    QVERIFY2(query.next(), qPrintable(title));
    QCOMPARE(query.value(0).toString(), author);
    QCOMPARE(query.value(1).toString(), year);
    QVERIFY(query.value(2).toInt() > 0);
    QVERIFY(query.value(3).toDouble() > 0);
    QVERIFY(!query.next());
}

void TestDemoDatabase::consistent()
{
    QSqlQuery query(m_db);
    QVERIFY(query.exec(QStringLiteral("PRAGMA foreign_key_check")));
    if (query.next())
        QFAIL(qPrintable(QStringLiteral("foreign key violation in ") + query.value(0).toString()));
    QCOMPARE(scalar(QStringLiteral("PRAGMA integrity_check")).toString(), QStringLiteral("ok"));
    QCOMPARE(scalar(QStringLiteral("PRAGMA user_version")).toInt(), 1);
}

void TestDemoDatabase::viewsAndIndexes()
{
    const auto exists = [this](const char *type, const char *name) {
        QSqlQuery query(m_db);
        query.prepare(QStringLiteral("SELECT count(*) FROM sqlite_schema WHERE type = ? AND name = ?"));
        query.addBindValue(QString::fromLatin1(type));
        query.addBindValue(QString::fromLatin1(name));
        return query.exec() && query.next() && query.value(0).toInt() == 1;
    };
    QVERIFY(exists("view", "books_with_authors"));
    QVERIFY(exists("view", "tracks_with_artists"));
    QVERIFY(exists("index", "books_author_id_idx"));
    QVERIFY(exists("index", "tracks_artist_id_idx"));
    QVERIFY(exists("index", "addresses_user_id_idx"));
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM books_with_authors")).toInt(), 305);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM tracks_with_artists")).toInt(), 400);
    QCOMPARE(scalar(QStringLiteral("SELECT author FROM books_with_authors WHERE book_id = 5")).toString(),
             QStringLiteral("Ian Goodfellow"));
}

void TestDemoDatabase::foreignKeyActions()
{
    const auto onDelete = [this](const char *table) {
        return scalar(QStringLiteral("SELECT on_delete FROM pragma_foreign_key_list('%1')")
                          .arg(QLatin1String(table))).toString();
    };
    QCOMPARE(onDelete("books"), QStringLiteral("RESTRICT"));
    QCOMPARE(onDelete("tracks"), QStringLiteral("CASCADE"));
    QCOMPARE(onDelete("addresses"), QStringLiteral("CASCADE"));
}

void TestDemoDatabase::hasNulls()
{
    QVERIFY(scalar(QStringLiteral("SELECT count(*) FROM books WHERE price IS NULL")).toInt() > 0);
    QVERIFY(scalar(QStringLiteral("SELECT count(*) FROM tracks WHERE album IS NULL")).toInt() > 0);
    QVERIFY(scalar(QStringLiteral("SELECT count(*) FROM books WHERE price IS NOT NULL")).toInt() > 0);
}

void TestDemoDatabase::neverOverwrites()
{
    const QByteArray before = checksum(m_path);
    QVERIFY(!before.isEmpty());
    const QDateTime modified = QFileInfo(m_path).lastModified();
    const Result<bool> again = demo::installDemoDatabase(m_path);
    QVERIFY(again.ok());
    QCOMPARE(again.value(), false);
    QCOMPARE(checksum(m_path), before);
    QCOMPARE(QFileInfo(m_path).lastModified(), modified);
    QVERIFY(!QFile::exists(m_path + QStringLiteral(".partial")));
}

void TestDemoDatabase::keepsForeignFile()
{
    const QString path = test::tempPath(QStringLiteral("demo.db"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("not a database");
    file.close();
    const Result<bool> installed = demo::installDemoDatabase(path);
    QVERIFY(installed.ok());
    QCOMPARE(installed.value(), false);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), QByteArray("not a database"));
}

void TestDemoDatabase::deterministic()
{
    const QString other = test::tempPath(QStringLiteral("demo.db"));
    const Result<bool> installed = demo::installDemoDatabase(other);
    QVERIFY2(installed.ok(), qPrintable(installed.ok() ? QString() : installed.error().toString()));
    QCOMPARE(installed.value(), true);
    QCOMPARE(checksum(other), checksum(m_path));
}

void TestDemoDatabase::createsMissingDirectories()
{
    const QString dir = QFileInfo(test::tempPath(QStringLiteral("x"))).absolutePath();
    const QString path = dir + QStringLiteral("/missing/deeper/demo.db");
    QVERIFY(!QFileInfo::exists(dir + QStringLiteral("/missing")));
    const Result<bool> installed = demo::installDemoDatabase(path);
    QVERIFY2(installed.ok(), qPrintable(installed.ok() ? QString() : installed.error().toString()));
    QCOMPARE(installed.value(), true);
    QCOMPARE(checksum(path), checksum(m_path));
}

void TestDemoDatabase::replacesStalePartial()
{
    const QString path = test::tempPath(QStringLiteral("demo.db"));
    QFile stale(path + QStringLiteral(".partial"));
    QVERIFY(stale.open(QIODevice::WriteOnly));
    stale.write("half a demo from a crash");
    stale.close();
    const Result<bool> installed = demo::installDemoDatabase(path);
    QVERIFY2(installed.ok(), qPrintable(installed.ok() ? QString() : installed.error().toString()));
    QCOMPARE(installed.value(), true);
    QCOMPARE(checksum(path), checksum(m_path));
    QVERIFY(!QFile::exists(path + QStringLiteral(".partial")));
}

void TestDemoDatabase::unwritableLocationIsIoError()
{
    // A directory cannot be made under a regular file, whoever runs the test (even root).
    const QString blocker = test::tempPath(QStringLiteral("plain-file"));
    QFile file(blocker);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    const QString path = blocker + QStringLiteral("/sub/demo.db");
    const Result<bool> installed = demo::installDemoDatabase(path);
    QVERIFY(!installed.ok());
    QCOMPARE(installed.error().kind, ErrorKind::Io);
    QVERIFY2(installed.error().message.contains(path), qPrintable(installed.error().message));
    QVERIFY(!QFileInfo::exists(path));

    // Directly under the file: the parent "exists" but is not a directory.
    const Result<bool> direct = demo::installDemoDatabase(blocker + QStringLiteral("/demo.db"));
    QVERIFY(!direct.ok());
    QCOMPARE(direct.error().kind, ErrorKind::Io);
}

void TestDemoDatabase::defaultPath()
{
    const QString dataDir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QVERIFY(!dataDir.isEmpty());
    QCOMPARE(demo::defaultDemoPath(), dataDir + QStringLiteral("/demo.db"));
    QVERIFY(demo::defaultDemoPath().startsWith(test::homeDir()));
}

STRATA_TEST_MAIN(TestDemoDatabase)
#include "tst_demodatabase.moc"
