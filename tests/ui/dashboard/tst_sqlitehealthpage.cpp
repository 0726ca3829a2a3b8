// A SQLite file's health page, driven by clicks: opened from the tree's context menu, each
// check and upkeep action on a real file, a corrupted copy reported without a byte of it
// changing, a foreign key violation opened in the grid at its row, read-only disabling.

#include "dashboard/dashboardtab.h"
#include "dashboard/sqlitehealthpage.h"
#include "dashboardtesting.h"
#include "data/gridspec.h"
#include "data/tablemodel.h"
#include "grid/gridtab.h"
#include "mainwindow/mainwindow.h"
#include "monitor/sqlitehealthsession.h"
#include "support/scratchdatabase.h"
#include "support/testenvironment.h"
#include "tree/objecttreepanel.h"
#include "tree/objecttreeproxy.h"

#include <QCryptographicHash>
#include <QFile>
#include <QLabel>
#include <QTreeView>
#include <QTreeWidget>
#include <QtTest>

using namespace strata;
using namespace strata::test;
using namespace strata::ui;
using namespace Qt::StringLiterals;

namespace {

QString makeFile(const QString &name, bool orphans)
{
    const QString path = tempPath(name);
    QSqlDatabase db = openTestDatabase(path);
    QStringList sql{u"CREATE TABLE authors (id INTEGER PRIMARY KEY, name TEXT)"_s,
                    u"CREATE TABLE books (id INTEGER PRIMARY KEY, title TEXT, author_id INTEGER REFERENCES authors (id))"_s,
                    u"CREATE INDEX books_title ON books (title)"_s,
                    u"INSERT INTO authors VALUES (1, 'Hastie'), (2, 'Bishop')"_s,
                    u"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000) "
                    "INSERT INTO books SELECT i, printf('%s %d', hex(zeroblob(150)), i), 1 + i % 2 FROM n"_s};
    if (orphans)
        sql << u"DELETE FROM books WHERE id % 10 <> 0"_s << u"UPDATE books SET author_id = 99 WHERE id = 420"_s;
    const QString error = execAll(db, sql);
    closeTestDatabase(db);
    return error.isEmpty() ? path : QString();
}

QByteArray digest(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256) : QByteArray();
}

struct Opened {
    std::unique_ptr<MainWindow> window;
    int id = -1;
    SqliteHealthPage *page = nullptr;
};

Opened openHealth(const QString &path, bool readOnly = false)
{
    Opened o;
    o.window = std::make_unique<MainWindow>();
    o.window->move(0, 0);
    o.window->resize(1400, 900);
    o.window->show();
    QSignalSpy opened(o.window.get(), &MainWindow::connectionOpened);
    connection::ConnectionSpec spec;
    spec.profile.driver = dialect::DialectKind::Sqlite;
    spec.profile.filePath = path;
    spec.profile.readOnly = readOnly;
    o.window->openConnection(spec);
    if (!opened.wait(20000) || !opened.first().at(1).toBool())
        return o;
    o.id = opened.first().at(0).toInt();
    ObjectTreePanel *panel = o.window->treePanel();
    const QModelIndex node = panel->proxy()->mapFromSource(o.window->treeModel()->connectionIndex(o.id));
    if (!chooseFromContextMenu(panel->view(), node, u"File health…"_s))
        return o;
    if (auto *tab = qobject_cast<DashboardTab *>(o.window->tabs()->currentWidget()))
        o.page = tab->health();
    if (o.page)
        (void)QTest::qWaitFor([&] { return o.page->figure(u"pages"_s)->text() != u"–"_s; }, 10000);
    return o;
}

bool run(SqliteHealthPage *page, monitor::SqliteHealthAction action, bool confirm = false)
{
    QSignalSpy finished(page->session(), &monitor::SqliteHealthSession::finished);
    if (confirm) {
        if (!clickAndConfirm(page->actionButton(action)))
            return false;
    } else {
        QTest::mouseClick(page->actionButton(action), Qt::LeftButton);
    }
    if (!finished.wait(30000))
        return false;
    QCoreApplication::processEvents();
    return true;
}

} // namespace

class TestSqliteHealthPage : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void checksAndUpkeepByClicks();
    void corruptedCopyReportedNothingWritten();
    void violationOpensTheGridAtItsRow();
    void readOnlyDisablesWhatWrites();
};

void TestSqliteHealthPage::checksAndUpkeepByClicks()
{
    const QString path = makeFile(u"books.db"_s, true);
    QVERIFY(!path.isEmpty());
    Opened o = openHealth(path);
    QVERIFY(o.page);
    SqliteHealthPage *page = o.page;
    QCOMPARE(page->figure(u"path"_s)->text(), path);
    QVERIFY(page->figure(u"freelist"_s)->text() != u"0 (0 B)"_s);

    QVERIFY(run(page, monitor::SqliteHealthAction::IntegrityCheck));
    QVERIFY2(page->reportLabel()->text().contains(u"ok, no problem found"_s), qPrintable(page->reportLabel()->text()));
    QCOMPARE(page->results()->topLevelItemCount(), 1);
    QCOMPARE(page->results()->topLevelItem(0)->text(0), u"ok"_s);
    QVERIFY(run(page, monitor::SqliteHealthAction::QuickCheck));
    QVERIFY(page->reportLabel()->text().contains(u"ok"_s));

    QVERIFY(run(page, monitor::SqliteHealthAction::ForeignKeyCheck));
    QCOMPARE(page->results()->topLevelItemCount(), 1);
    QCOMPARE(page->results()->topLevelItem(0)->text(2), u"id = 420"_s);
    screenshot(o.window.get(), u"sqlite-file-health"_s);

    const qint64 before = QFileInfo(path).size();
    QVERIFY(run(page, monitor::SqliteHealthAction::Vacuum, true));
    QVERIFY2(page->reportLabel()->text().contains(u"VACUUM done"_s), qPrintable(page->reportLabel()->text()));
    QVERIFY(QFileInfo(path).size() < before);
    QCOMPARE(page->figure(u"freelist"_s)->text(), u"0 (0 B)"_s);

    const QString copy = tempPath(u"copy.db"_s);
    page->setVacuumIntoTarget([copy] { return copy; });
    QVERIFY(run(page, monitor::SqliteHealthAction::VacuumInto));
    QVERIFY2(page->reportLabel()->text().contains(copy), qPrintable(page->reportLabel()->text()));
    QVERIFY(QFileInfo::exists(copy));

    QVERIFY(run(page, monitor::SqliteHealthAction::Optimize));
    QVERIFY(page->reportLabel()->text().contains(u"Optimize done"_s));
    // The file is in rollback-journal mode: nothing to checkpoint, and the button says why.
    QVERIFY(!page->actionButton(monitor::SqliteHealthAction::Checkpoint)->isEnabled());
    QVERIFY(page->actionButton(monitor::SqliteHealthAction::Checkpoint)->toolTip().contains(u"journal mode"_s));
}

void TestSqliteHealthPage::corruptedCopyReportedNothingWritten()
{
    const QString sound = makeFile(u"sound.db"_s, false);
    const QString path = tempPath(u"corrupted.db"_s);
    QVERIFY(QFile::copy(sound, path));
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadWrite));
        f.seek((f.size() / 4096 / 2) * 4096);
        QCOMPARE(f.write(QByteArray(4096, '\x5A')), 4096);
    }
    const QByteArray before = digest(path);
    Opened o = openHealth(path);
    QVERIFY(o.page);
    QVERIFY(run(o.page, monitor::SqliteHealthAction::IntegrityCheck));
    QVERIFY2(o.page->reportLabel()->text().contains(u"problem"_s), qPrintable(o.page->reportLabel()->text()));
    QVERIFY(!o.page->reportLabel()->text().contains(u"no problem"_s));
    QVERIFY(o.page->results()->topLevelItemCount() > 0);
    QVERIFY(o.page->results()->topLevelItem(0)->text(0) != u"ok"_s);
    o.window.reset();   // close every connection to the file before comparing it
    QCOMPARE(digest(path), before);
}

void TestSqliteHealthPage::violationOpensTheGridAtItsRow()
{
    const QString path = makeFile(u"orphans.db"_s, true);
    Opened o = openHealth(path);
    QVERIFY(o.page);
    QVERIFY(run(o.page, monitor::SqliteHealthAction::ForeignKeyCheck));
    QTreeWidgetItem *item = o.page->results()->topLevelItem(0);
    QVERIFY(item);
    QTreeWidget *results = o.page->results();
    const QRect rect = results->visualItemRect(item);
    QTest::mouseClick(results->viewport(), Qt::LeftButton, {}, rect.center());
    QCOMPARE(results->currentItem(), item);
    QTest::keyClick(results, Qt::Key_Return);   // activate it
    GridTab *grid = nullptr;
    QTRY_VERIFY2_WITH_TIMEOUT((grid = qobject_cast<GridTab *>(o.window->tabs()->currentWidget())) != nullptr,
                              qPrintable(o.window->tabs()->tabText(o.window->tabs()->currentIndex())), 10000);
    QCOMPARE(grid->object().name, u"books"_s);
    QTRY_VERIFY_WITH_TIMEOUT(!grid->model()->spec().filters.isEmpty(), 10000);
    QCOMPARE(grid->model()->spec().filters.first().value, u"420"_s);
    QTRY_COMPARE_WITH_TIMEOUT(grid->model()->rowCount(), 1, 10000);
}

void TestSqliteHealthPage::readOnlyDisablesWhatWrites()
{
    const QString path = makeFile(u"readonly.db"_s, true);
    const QByteArray before = digest(path);
    Opened o = openHealth(path, true);
    QVERIFY(o.page);
    for (auto action : {monitor::SqliteHealthAction::Vacuum, monitor::SqliteHealthAction::VacuumInto, monitor::SqliteHealthAction::Optimize}) {
        QVERIFY(!o.page->actionButton(action)->isEnabled());
        QVERIFY(o.page->actionButton(action)->toolTip().contains(u"read-only"_s));
    }
    QVERIFY(o.page->actionButton(monitor::SqliteHealthAction::IntegrityCheck)->isEnabled());
    QVERIFY(run(o.page, monitor::SqliteHealthAction::IntegrityCheck));
    QVERIFY(o.page->reportLabel()->text().contains(u"no problem"_s));
    o.window.reset();
    QCOMPARE(digest(path), before);
}

STRATA_TEST_MAIN_GUI(TestSqliteHealthPage)
#include "tst_sqlitehealthpage.moc"
