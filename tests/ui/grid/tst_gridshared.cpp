// Grid tabs of one database: the reader connection is opened once and shared (a second tab
// opens none, a tab closing leaves it to the others, a lost one is reported to every tab and
// one reconnect reopens it for all), and a table the catalog already described opens
// without a describe query (a stale description is found by the first read and described
// again). SQLite files and the throwaway PostgreSQL.

#include "catalog/catalogreader.h"
#include "catalog/descriptionstore.h"
#include "catalog/schemanotifier.h"
#include "connection/connectionstring.h"
#include "connection/readerpool.h"
#include "data/tablemodel.h"
#include "grid/gridtab.h"
#include "support/scratchdatabase.h"
#include "support/testenvironment.h"

#include <QLabel>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>
#include <QtTest>

using namespace strata;
using namespace strata::ui;
using data::TableModel;

namespace {

constexpr int kDatabase = 7;   // the tree's connection id the tabs belong to

void exec(const QString &url, const QStringList &statements)
{
    QSqlDatabase db = test::openTestDatabase(url);
    for (const QString &sql : statements) {
        QSqlQuery q(db);
        if (!q.exec(sql))
            qWarning() << sql << q.lastError().text();
    }
    test::closeTestDatabase(db);
}

QStringList booksTable(const QString &name, int rows)
{
    return {QStringLiteral("DROP TABLE IF EXISTS %1").arg(name),
            QStringLiteral("CREATE TABLE %1 (id INTEGER PRIMARY KEY, title TEXT NOT NULL, pages INTEGER)").arg(name),
            QStringLiteral("INSERT INTO %1 SELECT n, 'Title ' || n, n % 700 FROM (WITH RECURSIVE s(n) AS "
                           "(SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < %2) SELECT n FROM s) AS r").arg(name).arg(rows)};
}

std::optional<catalog::TableDetail> describe(const QString &url, dialect::DialectKind kind, const QString &schema, const QString &name)
{
    QSqlDatabase db = test::openTestDatabase(url);
    auto detail = catalog::CatalogReader::create(kind)->describeOne(db, schema, name);
    test::closeTestDatabase(db);
    if (!detail)
        return std::nullopt;
    return detail.value();
}

ObjectRef relation(const QString &schema, const QString &name, int database = kDatabase)
{
    ObjectRef ref;
    ref.kind = NodeKind::Relation;
    ref.connectionId = database;
    ref.schema = schema;
    ref.name = name;
    return ref;
}

bool firstRowShown(GridTab *tab)
{
    return QTest::qWaitFor([tab] {
        TableModel *m = tab->model();
        return m->isOpen() && m->rowCount() > 0 && m->index(0, 0).data(TableModel::LoadedRole).toBool();
    }, 20000);
}

QString sqliteFile()
{
    static int counter = 0;
    const QString path = test::tempPath(QStringLiteral("shared%1.db").arg(++counter));
    exec(path, booksTable(QStringLiteral("books"), 1000) + booksTable(QStringLiteral("authors"), 50));
    return path;
}

} // namespace

class TestGridShared : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void describedTableOpensWithoutDescribe();
    void staleDescriptionIsDescribedAgain();
    void schemaChangeDropsTheDescription();
    void tabsShareOneReader();
    void postgresConnectionsAndLostReader();
};

void TestGridShared::describedTableOpensWithoutDescribe()
{
    const QString path = sqliteFile();
    auto spec = connection::parseConnectionString(path);
    QVERIFY(spec);
    catalog::DescriptionStore store;
    auto detail = describe(path, dialect::DialectKind::Sqlite, QStringLiteral("main"), QStringLiteral("books"));
    QVERIFY(detail);
    store.put(kDatabase, *detail);

    QWidget parent;
    auto *known = new GridTab(*spec, relation(QStringLiteral("main"), QStringLiteral("books")), &parent, GridTabServices{nullptr, &store});
    QVERIFY(firstRowShown(known));
    QCOMPARE(known->model()->describeCount(), 0);
    QCOMPARE(known->model()->columnCount(), 3);
    QCOMPARE(known->model()->tableInfo().keyColumns, QList<int>{0});
    QVERIFY(known->model()->isEditable());
    QCOMPARE(known->model()->index(0, 1).data().toString(), QStringLiteral("Title 1"));

    // Not in the store (opened another way): described as before.
    auto *other = new GridTab(*spec, relation(QStringLiteral("main"), QStringLiteral("authors")), &parent, GridTabServices{nullptr, &store});
    QVERIFY(firstRowShown(other));
    QCOMPARE(other->model()->describeCount(), 1);
}

void TestGridShared::staleDescriptionIsDescribedAgain()
{
    const QString path = sqliteFile();
    auto spec = connection::parseConnectionString(path);
    QVERIFY(spec);
    catalog::DescriptionStore store;
    auto detail = describe(path, dialect::DialectKind::Sqlite, QStringLiteral("main"), QStringLiteral("books"));
    QVERIFY(detail);
    // Another tool dropped a column after the tree described the table.
    exec(path, {QStringLiteral("ALTER TABLE books DROP COLUMN pages")});
    store.put(kDatabase, *detail);

    QWidget parent;
    auto *tab = new GridTab(*spec, relation(QStringLiteral("main"), QStringLiteral("books")), &parent, GridTabServices{nullptr, &store});
    QSignalSpy failed(tab->model(), &TableModel::fetchFailed);
    QVERIFY(QTest::qWaitFor([tab] { return tab->model()->isOpen() && tab->model()->columnCount() == 2; }, 20000));
    QVERIFY(firstRowShown(tab));
    QCOMPARE(tab->model()->describeCount(), 1);
    QCOMPARE(tab->model()->index(0, 1).data().toString(), QStringLiteral("Title 1"));
    QCOMPARE(failed.count(), 0);
}

void TestGridShared::schemaChangeDropsTheDescription()
{
    catalog::SchemaNotifier notifier;
    catalog::DescriptionStore store(&notifier);
    catalog::TableDetail books;
    books.relation.schema = QStringLiteral("main");
    books.relation.name = QStringLiteral("books");
    catalog::TableDetail authors = books;
    authors.relation.name = QStringLiteral("authors");
    store.put(kDatabase, books);
    store.put(kDatabase, authors);
    store.put(kDatabase + 1, books);
    notifier.notify(catalog::SchemaChange{kDatabase, QStringLiteral("main"), {QStringLiteral("books")}});
    QVERIFY(!store.find(kDatabase, QStringLiteral("main"), QStringLiteral("books")));
    QVERIFY(store.find(kDatabase, QStringLiteral("main"), QStringLiteral("authors")));
    QVERIFY(store.find(kDatabase + 1, QStringLiteral("main"), QStringLiteral("books")));
    notifier.notify(catalog::SchemaChange{kDatabase, {}, {}});
    QVERIFY(!store.find(kDatabase, QStringLiteral("main"), QStringLiteral("authors")));
    store.forget(kDatabase + 1);
    QCOMPARE(store.size(), 0);
}

void TestGridShared::tabsShareOneReader()
{
    const QString path = sqliteFile();
    auto spec = connection::parseConnectionString(path);
    QVERIFY(spec);
    connection::ReaderPool pool;
    QWidget parent;
    auto *books = new GridTab(*spec, relation(QStringLiteral("main"), QStringLiteral("books")), &parent, GridTabServices{&pool, nullptr});
    auto *authors = new GridTab(*spec, relation(QStringLiteral("main"), QStringLiteral("authors")), &parent, GridTabServices{&pool, nullptr});
    QVERIFY(firstRowShown(books));
    QVERIFY(firstRowShown(authors));
    QCOMPARE(pool.openedCount(), 1);
    QCOMPARE(pool.users(kDatabase), 2);

    // Saves go through the tab's own connection, and the shared reader reads them back.
    TableModel *m = authors->model();
    QVERIFY(m->setData(m->index(0, 1), QStringLiteral("Saved beside a shared reader")));
    QSignalSpy saved(m, &TableModel::saveFinished);
    m->save();
    QVERIFY(saved.wait(20000));
    QVERIFY(saved.first().at(0).toBool());
    QTRY_COMPARE_WITH_TIMEOUT(m->index(0, 1).data().toString(), QStringLiteral("Saved beside a shared reader"), 20000);

    // Closing one tab leaves the connection to the other.
    delete books;
    QCOMPARE(pool.users(kDatabase), 1);
    authors->refreshAction()->trigger();
    QVERIFY(firstRowShown(authors));
    QCOMPARE(authors->model()->index(0, 1).data().toString(), QStringLiteral("Saved beside a shared reader"));
    delete authors;
    QCOMPARE(pool.users(kDatabase), 0);
    // A tab opened without a tree connection keeps a reader of its own.
    auto *own = new GridTab(*spec, relation(QStringLiteral("main"), QStringLiteral("books"), -1), &parent, GridTabServices{&pool, nullptr});
    QVERIFY(firstRowShown(own));
    QCOMPARE(pool.openedCount(), 1);
}

void TestGridShared::postgresConnectionsAndLostReader()
{
    STRATA_REQUIRE_PG(serverUrl);
    exec(serverUrl, booksTable(QStringLiteral("shared_books"), 2000) + booksTable(QStringLiteral("shared_authors"), 100));
    auto spec = connection::parseConnectionString(serverUrl);
    QVERIFY(spec);
    const QString app = QStringLiteral("strata-shared-%1").arg(QUuid::createUuid().toString(QUuid::Id128).left(8));
    spec->profile.applicationName = app;
    const QString count = QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE application_name = '%1'").arg(app);
    auto scalar = [&serverUrl](const QString &sql) {
        QSqlDatabase db = test::openTestDatabase(serverUrl);
        QString value;
        {
            QSqlQuery q(db);
            if (q.exec(sql) && q.next())
                value = q.value(0).toString();
        }
        test::closeTestDatabase(db);
        return value;
    };

    connection::ReaderPool pool;
    QWidget parent;
    auto *books = new GridTab(*spec, relation(QStringLiteral("public"), QStringLiteral("shared_books")), &parent, GridTabServices{&pool, nullptr});
    auto *authors = new GridTab(*spec, relation(QStringLiteral("public"), QStringLiteral("shared_authors")), &parent, GridTabServices{&pool, nullptr});
    QVERIFY(firstRowShown(books));
    QVERIFY(firstRowShown(authors));
    // One shared reader and each tab's own (counting, saving): 3, where two tabs took 4.
    QTRY_COMPARE_WITH_TIMEOUT(scalar(count).toInt(), 3, 10000);

    // The reader's server process ends: both tabs learn it from one failed read.
    connection::Connection *reader = pool.acquire(kDatabase, *spec);
    std::optional<int> pid;
    reader->run<int>(&parent, [](connection::JobContext &job) -> Result<int> {
        QSqlQuery q(job.db);
        if (!q.exec(QStringLiteral("SELECT pg_backend_pid()")) || !q.next())
            return Error(ErrorKind::Internal, q.lastError().text());
        return q.value(0).toInt();
    }, [&pid](Result<int> r) { pid = r ? r.value() : -1; });
    QVERIFY(QTest::qWaitFor([&pid] { return pid.has_value(); }, 10000));
    pool.release(reader);
    QVERIFY(*pid > 0);
    QCOMPARE(scalar(QStringLiteral("SELECT pg_terminate_backend(%1)").arg(*pid)), QStringLiteral("true"));
    books->model()->refresh();
    QTRY_VERIFY_WITH_TIMEOUT(books->model()->isConnectionLost(), 20000);
    QTRY_VERIFY_WITH_TIMEOUT(authors->model()->isConnectionLost(), 20000);
    QVERIFY(authors->banner()->text().contains(QLatin1String("lost")));

    // One reconnect (from either tab) reopens it for both.
    QSignalSpy booksBack(books->model(), &TableModel::reconnected);
    QSignalSpy authorsBack(authors->model(), &TableModel::reconnected);
    books->reconnect();
    QVERIFY(booksBack.wait(20000));
    QTRY_COMPARE_WITH_TIMEOUT(authorsBack.count(), 1, 20000);
    QVERIFY(firstRowShown(books));
    QVERIFY(firstRowShown(authors));
    QVERIFY(!authors->model()->isConnectionLost());
    QCOMPARE(pool.openedCount(), 1);

    // Closing a tab leaves the shared reader (and the other tab) alone.
    delete books;
    QTRY_COMPARE_WITH_TIMEOUT(scalar(count).toInt(), 2, 10000);
    authors->refreshAction()->trigger();
    QVERIFY(firstRowShown(authors));
    delete authors;
    QTRY_COMPARE_WITH_TIMEOUT(scalar(count).toInt(), 0, 10000);
}

STRATA_TEST_MAIN_GUI(TestGridShared)
#include "tst_gridshared.moc"
