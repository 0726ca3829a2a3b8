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
#include "connection/connection.h"
#include "support/scratchdatabase.h"
#include "tree/objecttreemodel.h"
#include "support/testenvironment.h"

#include <QLabel>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QScopeGuard>
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
        if (!m->isOpen() || m->rowCount() == 0)
            return false;
        m->index(0, 0).data();   // asks for the row, as a view painting it does
        return m->index(0, 0).data(TableModel::LoadedRole).toBool();
    }, 20000);
}

/// Expands the object tree as a user does, down to `name`'s node and that node itself (which
/// describes the table), and no other table. Returns when the store has the description.
bool expandInTree(ObjectTreeModel &tree, catalog::DescriptionStore &store, int id, const QString &schema, const QString &name)
{
    return QTest::qWaitFor([&] {
        QList<QModelIndex> pending{QModelIndex()};
        while (!pending.isEmpty()) {
            const QModelIndex parent = pending.takeFirst();
            const ObjectRef ref = tree.objectAt(parent);
            const bool otherTable = parent.isValid() && ref.kind == NodeKind::Relation && ref.name != name;
            if (otherTable)
                continue;
            if (tree.canFetchMore(parent))
                tree.fetchMore(parent);
            for (int r = 0; r < tree.rowCount(parent); ++r)
                pending << tree.index(r, 0, parent);
        }
        return store.find(id, schema, name).has_value();
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
    void postgresDescriptionReuse();
    void postgresBlockedTabDoesNotStallOthers();
};

void TestGridShared::describedTableOpensWithoutDescribe()
{
    const QString path = sqliteFile();
    auto spec = connection::parseConnectionString(path);
    QVERIFY(spec);
    // The tree describes `books` when its node is expanded, and keeps it for the grid.
    catalog::DescriptionStore store;
    ObjectTreeModel tree;
    tree.setDescriptionStore(&store);
    auto *treeConnection = new connection::Connection(spec->profile, QStringLiteral("tree"), &tree);
    treeConnection->open(spec->password);
    QVERIFY(QTest::qWaitFor([treeConnection] { return treeConnection->state() == connection::Connection::State::Open; }, 20000));
    const int id = tree.addConnection(treeConnection);
    QVERIFY(expandInTree(tree, store, id, QStringLiteral("main"), QStringLiteral("books")));
    QVERIFY(!store.find(id, QStringLiteral("main"), QStringLiteral("authors")));

    QWidget parent;
    auto *known = new GridTab(*spec, relation(QStringLiteral("main"), QStringLiteral("books"), id), &parent, GridTabServices{nullptr, &store});
    QVERIFY(firstRowShown(known));
    QCOMPARE(known->model()->describeCount(), 0);
    QCOMPARE(known->model()->columnCount(), 3);
    QCOMPARE(known->model()->tableInfo().keyColumns, QList<int>{0});
    QVERIFY(known->model()->isEditable());
    QCOMPARE(known->model()->index(0, 1).data().toString(), QStringLiteral("Title 1"));

    // Not in the store (the tree never expanded it): described as before.
    auto *other = new GridTab(*spec, relation(QStringLiteral("main"), QStringLiteral("authors"), id), &parent, GridTabServices{nullptr, &store});
    QVERIFY(firstRowShown(other));
    QCOMPARE(other->model()->describeCount(), 1);

    // Refreshing the tree drops what it described: the next grid describes again.
    tree.refresh(tree.connectionIndex(id));
    QVERIFY(!store.find(id, QStringLiteral("main"), QStringLiteral("books")));
}

void TestGridShared::staleDescriptionIsDescribedAgain()
{
    const QString path = sqliteFile();
    auto spec = connection::parseConnectionString(path);
    QVERIFY(spec);
    catalog::DescriptionStore store;
    auto books = describe(path, dialect::DialectKind::Sqlite, QStringLiteral("main"), QStringLiteral("books"));
    auto authors = describe(path, dialect::DialectKind::Sqlite, QStringLiteral("main"), QStringLiteral("authors"));
    QVERIFY(books && authors);
    // Another tool changed both tables after the tree described them, without Strata
    // hearing of it: SQLite would even read a dropped "pages" as the string 'pages'.
    exec(path, {QStringLiteral("ALTER TABLE books DROP COLUMN pages"), QStringLiteral("ALTER TABLE authors ADD COLUMN born INTEGER DEFAULT 1900")});
    store.put(kDatabase, *books);
    store.put(kDatabase, *authors);

    QWidget parent;
    auto *tab = new GridTab(*spec, relation(QStringLiteral("main"), QStringLiteral("books")), &parent, GridTabServices{nullptr, &store});
    QSignalSpy failed(tab->model(), &TableModel::fetchFailed);
    QVERIFY(firstRowShown(tab));
    QCOMPARE(tab->model()->columnCount(), 2);
    QCOMPARE(tab->model()->describeCount(), 1);
    QCOMPARE(tab->model()->index(0, 1).data().toString(), QStringLiteral("Title 1"));
    QCOMPARE(failed.count(), 0);

    auto *added = new GridTab(*spec, relation(QStringLiteral("main"), QStringLiteral("authors")), &parent, GridTabServices{nullptr, &store});
    QVERIFY(firstRowShown(added));
    QCOMPARE(added->model()->columnCount(), 4);
    QCOMPARE(added->model()->describeCount(), 1);
    QCOMPARE(added->model()->index(0, 3).data().toString(), QStringLiteral("1900"));
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

    // A DDL run in Strata (the console announces it): the next grid sees the new column.
    const QString path = sqliteFile();
    auto spec = connection::parseConnectionString(path);
    QVERIFY(spec);
    auto detail = describe(path, dialect::DialectKind::Sqlite, QStringLiteral("main"), QStringLiteral("books"));
    QVERIFY(detail);
    store.put(kDatabase, *detail);
    exec(path, {QStringLiteral("ALTER TABLE books ADD COLUMN isbn TEXT DEFAULT 'none'")});
    notifier.notify(catalog::SchemaChange{kDatabase, QStringLiteral("main"), {QStringLiteral("books")}});
    QVERIFY(!store.find(kDatabase, QStringLiteral("main"), QStringLiteral("books")));
    QWidget parent;
    auto *tab = new GridTab(*spec, relation(QStringLiteral("main"), QStringLiteral("books")), &parent, GridTabServices{nullptr, &store});
    QVERIFY(firstRowShown(tab));
    QCOMPARE(tab->model()->columnCount(), 4);
    QCOMPARE(tab->model()->index(0, 3).data().toString(), QStringLiteral("none"));
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
    auto *third = new GridTab(*spec, relation(QStringLiteral("main"), QStringLiteral("books")), &parent, GridTabServices{&pool, nullptr});
    QVERIFY(firstRowShown(books));
    QVERIFY(firstRowShown(authors));
    QVERIFY(firstRowShown(third));
    QCOMPARE(pool.openedCount(), 1);
    QCOMPARE(pool.users(kDatabase), 3);
    delete third;
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
    auto *third = new GridTab(*spec, relation(QStringLiteral("public"), QStringLiteral("shared_books")), &parent, GridTabServices{&pool, nullptr});
    QVERIFY(firstRowShown(books));
    QVERIFY(firstRowShown(authors));
    QVERIFY(firstRowShown(third));
    // One shared reader and each tab's own (counting, saving): 4, where three tabs took 6.
    QTRY_COMPARE_WITH_TIMEOUT(scalar(count).toInt(), 4, 10000);
    QCOMPARE(pool.openedCount(), 1);
    delete third;
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

void TestGridShared::postgresDescriptionReuse()
{
    STRATA_REQUIRE_PG(serverUrl);
    exec(serverUrl, booksTable(QStringLiteral("reuse_books"), 500));
    auto spec = connection::parseConnectionString(serverUrl);
    QVERIFY(spec);
    catalog::DescriptionStore store;
    connection::ReaderPool pool;
    auto detail = describe(serverUrl, dialect::DialectKind::Postgres, QStringLiteral("public"), QStringLiteral("reuse_books"));
    QVERIFY(detail);
    store.put(kDatabase, *detail);
    QWidget parent;
    auto *known = new GridTab(*spec, relation(QStringLiteral("public"), QStringLiteral("reuse_books")), &parent, GridTabServices{&pool, &store});
    QVERIFY(firstRowShown(known));
    QCOMPARE(known->model()->describeCount(), 0);
    QCOMPARE(known->model()->columnCount(), 3);
    QCOMPARE(known->model()->tableInfo().keyColumns, QList<int>{0});
    QCOMPARE(known->model()->index(0, 1).data().toString(), QStringLiteral("Title 1"));

    // A column added outside Strata: the next tab finds the description stale and describes.
    exec(serverUrl, {QStringLiteral("ALTER TABLE reuse_books ADD COLUMN isbn text DEFAULT 'none'")});
    auto *after = new GridTab(*spec, relation(QStringLiteral("public"), QStringLiteral("reuse_books")), &parent, GridTabServices{&pool, &store});
    QVERIFY(firstRowShown(after));
    QCOMPARE(after->model()->describeCount(), 1);
    QCOMPARE(after->model()->columnCount(), 4);
    QCOMPARE(after->model()->index(0, 3).data().toString(), QStringLiteral("none"));
    QCOMPARE(pool.openedCount(), 1);
}

void TestGridShared::postgresBlockedTabDoesNotStallOthers()
{
    STRATA_REQUIRE_PG(serverUrl);
    exec(serverUrl, booksTable(QStringLiteral("locked_books"), 300) + booksTable(QStringLiteral("free_books"), 300));
    auto spec = connection::parseConnectionString(serverUrl);
    QVERIFY(spec);
    // Another session holds a lock on locked_books: a read of it waits (on the shared reader).
    QSqlDatabase locker = test::openTestDatabase(serverUrl);
    QSqlQuery lock(locker);
    QVERIFY(lock.exec(QStringLiteral("BEGIN")));
    QVERIFY(lock.exec(QStringLiteral("LOCK TABLE locked_books IN ACCESS EXCLUSIVE MODE")));
    auto unlock = qScopeGuard([&] {   // also when a check below fails
        lock.exec(QStringLiteral("ROLLBACK"));
        lock = QSqlQuery();
        test::closeTestDatabase(locker);
    });

    connection::ReaderPool pool;
    QWidget parent;
    auto *blocked = new GridTab(*spec, relation(QStringLiteral("public"), QStringLiteral("locked_books")), &parent, GridTabServices{&pool, nullptr});
    QTest::qWait(500);   // its description or its first read is waiting for the lock now
    // The other tab of the database shows its rows while the first one waits.
    auto *other = new GridTab(*spec, relation(QStringLiteral("public"), QStringLiteral("free_books")), &parent, GridTabServices{&pool, nullptr});
    QVERIFY(firstRowShown(other));
    QCOMPARE(other->model()->index(0, 1).data().toString(), QStringLiteral("Title 1"));
    QVERIFY(!blocked->model()->index(0, 1).data(TableModel::LoadedRole).toBool());
    QCOMPARE(pool.openedCount(), 1);

    // The lock goes: the first tab reads its rows, through the shared reader it waited on.
    unlock.dismiss();
    QVERIFY(lock.exec(QStringLiteral("COMMIT")));
    QVERIFY(firstRowShown(blocked));
    lock = QSqlQuery();
    test::closeTestDatabase(locker);
}

STRATA_TEST_MAIN_GUI(TestGridShared)
#include "tst_gridshared.moc"
