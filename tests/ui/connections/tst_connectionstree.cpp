// Saved connections in the main window's tree: grouped by folder with colour tags, sorted
// and filtered; connecting by activation reuses the saved node and disconnecting keeps it;
// a production connection colours the status bar; a dropped .db file opens; the recent
// files list. Also saves (with STRATA_SCREENSHOT_DIR) docs/screenshots/connections-tree.png.

#include "connection/connection.h"
#include "connection/connectionstore.h"
#include "connections/savedconnections.h"
#include "demo/demodatabase.h"
#include "mainwindow/mainwindow.h"
#include "support/modelsearch.h"
#include "support/testenvironment.h"
#include "tree/objecttreepanel.h"
#include "tree/objecttreeproxy.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QSettings>
#include <QSignalSpy>
#include <QStatusBar>
#include <QToolButton>
#include <QTreeView>
#include <QtConcurrent>
#include <QtTest>

using namespace strata;
using namespace strata::ui;
using connection::ConnectionProfile;

namespace {

using test::findText;

QStringList childTexts(const QAbstractItemModel *model, const QModelIndex &parent)
{
    QStringList texts;
    for (int row = 0; row < model->rowCount(parent); ++row)
        texts << model->index(row, 0, parent).data().toString();
    return texts;
}

ConnectionProfile pgProfile(const QString &name, const QString &group, const QString &tag, const QString &host)
{
    ConnectionProfile p;
    p.driver = dialect::DialectKind::Postgres;
    p.name = name;
    p.group = group;
    p.colorTag = tag;
    p.host = host;
    p.port = 5432;
    p.database = name.section(QLatin1Char(' '), 0, 0).toLower();
    p.user = QStringLiteral("app");
    return p;
}

ConnectionProfile sqliteProfile(const QString &name, const QString &group, const QString &tag, const QString &path)
{
    ConnectionProfile p;
    p.driver = dialect::DialectKind::Sqlite;
    p.name = name;
    p.group = group;
    p.colorTag = tag;
    p.filePath = path;
    return p;
}

} // namespace

class TestConnectionsTree : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void savedConnectionsAreGroupedWithTags();
    void connectReusesSavedNodeAndDisconnectKeepsIt();
    void productionColoursTheStatusBar();
    void filterAndSort();
    void editsInTheStoreShowInTheTree();
    void droppedFileOpensAndIsRecent();
    void screenshot();

private:
    QString m_demoPath;
    QString m_booksId;
    QString m_prodId;
};

void TestConnectionsTree::initTestCase()
{
    m_demoPath = demo::defaultDemoPath();
    QVERIFY(demo::installDemoDatabase(m_demoPath).ok());
    QSettings settings;
    connection::ConnectionStore store(settings);
    QList<ConnectionProfile> profiles = {
        pgProfile(QStringLiteral("Orders (production)"), QStringLiteral("Customers"), QStringLiteral("production"), QStringLiteral("orders.db.internal")),
        pgProfile(QStringLiteral("Orders replica"), QStringLiteral("Customers"), QStringLiteral("staging"), QStringLiteral("replica.db.internal")),
        pgProfile(QStringLiteral("Analytics"), QStringLiteral("Reporting"), QStringLiteral("test"), QStringLiteral("warehouse.internal")),
        sqliteProfile(QStringLiteral("Books catalogue"), QStringLiteral("Local"), QStringLiteral("development"), m_demoPath),
        sqliteProfile(QStringLiteral("Live shop mirror"), QStringLiteral("Local"), QStringLiteral("production"), m_demoPath),
        sqliteProfile(QStringLiteral("Scratch"), QString(), QString(), m_demoPath),
    };
    profiles[1].sshHost = QStringLiteral("bastion.example.com");
    for (ConnectionProfile &p : profiles)
        QVERIFY(store.save(p).ok());
    m_booksId = profiles[3].id;
    m_prodId = profiles[4].id;
}

void TestConnectionsTree::savedConnectionsAreGroupedWithTags()
{
    MainWindow window;
    new QAbstractItemModelTester(window.treeModel(), QAbstractItemModelTester::FailureReportingMode::QtTest, &window);
    window.show();
    const QAbstractItemModel *model = window.treePanel()->view()->model();
    // Folders first, sorted; then connections without a folder.
    QCOMPARE(childTexts(model, {}), (QStringList{QStringLiteral("Customers"), QStringLiteral("Local"), QStringLiteral("Reporting"),
                                                 QStringLiteral("Scratch")}));
    const QModelIndex customers = findText(model, QStringLiteral("Customers"));
    QCOMPARE(childTexts(model, customers), (QStringList{QStringLiteral("Orders (production)"), QStringLiteral("Orders replica")}));
    QCOMPARE(customers.siblingAtColumn(1).data().toString(), QStringLiteral("2"));
    const QModelIndex prod = findText(model, QStringLiteral("Orders (production)"));
    QCOMPARE(prod.data(ObjectTreeModel::ColorTagRole).toString(), QStringLiteral("production"));
    QVERIFY(prod.data(Qt::FontRole).value<QFont>().bold());
    QVERIFY(prod.data(Qt::BackgroundRole).value<QBrush>().color().red() > 150);
    QCOMPARE(prod.siblingAtColumn(1).data().toString(), QStringLiteral("orders.db.internal"));
    QVERIFY(!prod.data(Qt::ToolTipRole).toString().contains(QLatin1String("password")));
    QCOMPARE(findText(model, QStringLiteral("Orders replica")).siblingAtColumn(1).data().toString(),
             QStringLiteral("replica.db.internal"));
    QVERIFY(findText(model, QStringLiteral("Orders replica")).data(Qt::ToolTipRole).toString().contains(QLatin1String("postgresql://app@replica.db.internal")));
    QVERIFY(!model->hasChildren(prod));   // not connected: nothing to expand
}

void TestConnectionsTree::connectReusesSavedNodeAndDisconnectKeepsIt()
{
    MainWindow window;
    new QAbstractItemModelTester(window.treeModel(), QAbstractItemModelTester::FailureReportingMode::QtTest, &window);
    window.show();
    QTreeView *view = window.treePanel()->view();
    const QAbstractItemModel *model = view->model();
    const int rowsBefore = window.treeModel()->rowCount();
    QSignalSpy opened(&window, &MainWindow::connectionOpened);
    const QModelIndex books = findText(model, QStringLiteral("Books catalogue"));
    view->setCurrentIndex(books);
    Q_EMIT view->activated(books);   // double click / Enter
    QVERIFY(opened.wait(20000));
    QCOMPARE(opened.first().at(1).toBool(), true);
    const int id = opened.first().at(0).toInt();
    QCOMPARE(window.treeModel()->rowCount(), rowsBefore);   // the saved node, not a new one
    QCOMPARE(window.treeModel()->connectionIdForProfile(m_booksId), id);
    QTRY_VERIFY_WITH_TIMEOUT(findText(model, QStringLiteral("authors")).isValid(), 10000);
    QVERIFY(window.connectionStore()->profile(m_booksId)->lastUsed.isValid());

    // Activating it again does not open a second connection.
    window.connectSaved(m_booksId);
    QTest::qWait(200);
    QCOMPARE(window.treeModel()->connectionIds().size(), 1);

    window.closeConnection(id);
    QCOMPARE(window.treeModel()->connectionIds().size(), 0);
    const QModelIndex again = findText(model, QStringLiteral("Books catalogue"));
    QVERIFY(again.isValid());
    QVERIFY(!model->hasChildren(again));
    QCOMPARE(again.siblingAtColumn(1).data().toString(), QFileInfo(m_demoPath).fileName());
}

void TestConnectionsTree::productionColoursTheStatusBar()
{
    MainWindow window;
    window.show();
    QVERIFY(window.statusBar()->styleSheet().isEmpty());
    QSignalSpy opened(&window, &MainWindow::connectionOpened);
    window.connectSaved(m_prodId);
    QVERIFY(opened.wait(20000));
    QTRY_VERIFY(window.statusBar()->styleSheet().contains(QLatin1String("#c62828")));
    QVERIFY(window.findChildren<QLabel *>().size() > 0);
    const QList<QLabel *> labels = window.statusBar()->findChildren<QLabel *>();
    const bool said = std::any_of(labels.begin(), labels.end(), [](QLabel *l) { return l->text().startsWith(QLatin1String("PRODUCTION")); });
    QVERIFY(said);
    window.closeConnection(opened.first().at(0).toInt());
    QVERIFY(window.statusBar()->styleSheet().isEmpty());
}

void TestConnectionsTree::filterAndSort()
{
    MainWindow window;
    window.show();
    const QAbstractItemModel *model = window.treePanel()->view()->model();
    window.treePanel()->filterEdit()->setText(QStringLiteral("replica"));
    QCOMPARE(childTexts(model, {}), QStringList{QStringLiteral("Customers")});
    QCOMPARE(childTexts(model, findText(model, QStringLiteral("Customers"))), QStringList{QStringLiteral("Orders replica")});
    window.treePanel()->filterEdit()->clear();

    // Descending by name (header click), folders still first.
    window.treePanel()->view()->sortByColumn(0, Qt::DescendingOrder);
    QCOMPARE(childTexts(model, {}), (QStringList{QStringLiteral("Reporting"), QStringLiteral("Local"), QStringLiteral("Customers"),
                                                 QStringLiteral("Scratch")}));
    // By last use: the one used most recently first.
    QVERIFY(window.connectionStore()->touch(m_prodId).ok());
    window.treePanel()->proxy()->setSortKey(ObjectTreeProxy::SortKey::LastUsed);
    window.treePanel()->view()->sortByColumn(0, Qt::AscendingOrder);
    QCOMPARE(childTexts(model, findText(model, QStringLiteral("Local"))).first(), QStringLiteral("Live shop mirror"));
}

void TestConnectionsTree::editsInTheStoreShowInTheTree()
{
    MainWindow window;
    window.show();
    const QAbstractItemModel *model = window.treePanel()->view()->model();
    connection::ConnectionStore *store = window.connectionStore();
    ConnectionProfile p = pgProfile(QStringLiteral("Billing"), QStringLiteral("Finance"), QStringLiteral("production"), QStringLiteral("billing.internal"));
    QVERIFY(store->save(p).ok());
    QVERIFY(findText(model, QStringLiteral("Finance")).isValid());
    QCOMPARE(findText(model, QStringLiteral("Billing")).parent().data().toString(), QStringLiteral("Finance"));
    // Moved to another folder, renamed: the empty folder goes away.
    p.group = QStringLiteral("Customers");
    QVERIFY(store->save(p).ok());
    QVERIFY(store->rename(p.id, QStringLiteral("Billing (prod)")).ok());
    QVERIFY(!findText(model, QStringLiteral("Finance")).isValid());
    QCOMPARE(findText(model, QStringLiteral("Billing (prod)")).parent().data().toString(), QStringLiteral("Customers"));
    const Result<ConnectionProfile> copy = store->duplicate(p.id);
    QVERIFY(copy.ok());
    QVERIFY(findText(model, QStringLiteral("Billing (prod) (copy)")).isValid());
    QVERIFY(store->remove(copy->id).ok());
    QVERIFY(store->remove(p.id).ok());
    QVERIFY(!findText(model, QStringLiteral("Billing (prod)")).isValid());
}

void TestConnectionsTree::droppedFileOpensAndIsRecent()
{
    MainWindow window;
    window.show();
    const QString path = test::tempPath(QStringLiteral("dropped.sqlite"));
    QVERIFY(QFile::copy(m_demoPath, path));
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(path)});
    QSignalSpy opened(&window, &MainWindow::connectionOpened);
    QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&window, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&window, &drop);
    QVERIFY(opened.wait(20000));
    QCOMPARE(opened.first().at(1).toBool(), true);
    QTRY_VERIFY(findText(window.treePanel()->view()->model(), QStringLiteral("dropped.sqlite")).isValid());
    QCOMPARE(QSettings().value(QStringLiteral("recentFiles")).toStringList().value(0), path);
    // A text file is not accepted.
    QMimeData other;
    other.setUrls({QUrl::fromLocalFile(test::tempPath(QStringLiteral("notes.txt")))});
    QDragEnterEvent enterText(QPoint(10, 10), Qt::CopyAction, &other, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&window, &enterText);
    QVERIFY(!enterText.isAccepted());
}

void TestConnectionsTree::screenshot()
{
    MainWindow window;
    window.resize(1100, 680);
    window.show();
    window.resizeDocks({window.findChild<QDockWidget *>()}, {380}, Qt::Horizontal);
    QSignalSpy opened(&window, &MainWindow::connectionOpened);
    window.connectSaved(m_prodId);
    QVERIFY(opened.wait(20000));
    const QAbstractItemModel *model = window.treePanel()->view()->model();
    QTRY_VERIFY_WITH_TIMEOUT(findText(model, QStringLiteral("authors")).isValid(), 10000);
    for (const char *folder : {"Customers", "Reporting"})
        window.treePanel()->view()->expand(findText(model, QLatin1String(folder)));
    const QModelIndex tracks = findText(model, QStringLiteral("tracks"));
    window.treePanel()->view()->setCurrentIndex(tracks);
    Q_EMIT window.treePanel()->view()->activated(tracks);
    QTest::qWait(500);
    const QImage shot = window.grab().toImage();
    // STRATA_SCREENSHOT_DIR=docs/screenshots refreshes the documentation's pictures.
    const QString docs = qEnvironmentVariable("STRATA_SCREENSHOT_DIR", QFileInfo(test::tempPath(QStringLiteral("shot"))).absolutePath());
    QDir().mkpath(docs);
    QVERIFY(shot.save(docs + QStringLiteral("/connections-tree.png")));
}

STRATA_TEST_MAIN_GUI(TestConnectionsTree)
#include "tst_connectionstree.moc"
