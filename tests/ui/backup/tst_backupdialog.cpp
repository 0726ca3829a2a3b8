// Journeys through Backup… and Restore… as a person makes them: right-click the database's
// node in the object tree, choose the entry in the context menu, type a path, press Start,
// watch the progress, press Cancel, read the report; restore an archive after unticking
// objects in its table of contents. SQLite and PostgreSQL (the throwaway server).
// A SQLite copy opens as a connection of its own; a PostgreSQL archive is offered for a restore
// into a new database, which then opens. After a restore into the connection's own database the
// tree shows the restored schema (SchemaNotifier).
// With STRATA_SCREENSHOT_DIR set, the dialogs are saved as PNGs mid-run (under xvfb-run with
// QT_QPA_PLATFORM=xcb: the screen around the dialog, with `import`; otherwise QWidget::grab()).

#include "backup/backupdialog.h"
#include "backup/backuptablelist.h"
#include "backup/pgbackupjob.h"
#include "backup/pgrestorejob.h"
#include "backup/jobprogressview.h"
#include "backup/restoredialog.h"
#include "backup/sqlitebackupjob.h"
#include "demo/demodatabase.h"
#include "mainwindow/mainwindow.h"
#include "support/scratchdatabase.h"
#include "support/testenvironment.h"
#include "tree/objecttreemodel.h"
#include "tree/objecttreepanel.h"

#include <QAbstractProxyModel>
#include <QApplication>
#include <QClipboard>
#include <QCheckBox>
#include <QComboBox>
#include <QContextMenuEvent>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>
#include <QTimer>
#include <QTreeView>
#include <QTreeWidget>
#include <QMenuBar>
#include <QToolBar>
#include <QToolButton>
#include <QFile>
#include <QHeaderView>
#include <QSettings>
#include <QMessageBox>
#include <QPointer>
#include <QProcess>
#include <QStyle>
#include <QStyleOptionViewItem>

using namespace strata;
using namespace strata::ui;

namespace {

QString s(const char *text) { return QString::fromUtf8(text); }

QModelIndex findText(const QAbstractItemModel *model, const QString &text, const QModelIndex &parent = {})
{
    for (int row = 0; row < model->rowCount(parent); ++row) {
        const QModelIndex index = model->index(row, 0, parent);
        if (index.data().toString() == text)
            return index;
        if (const QModelIndex found = findText(model, text, index); found.isValid())
            return found;
    }
    return {};
}

// Right-clicks `sourceIndex` in the tree and clicks the menu entry whose text contains `entry`.
// Returns the entries the menu offered.
QStringList chooseFromContextMenu(ObjectTreePanel *panel, const QModelIndex &sourceIndex, const QString &entry)
{
    QTreeView *view = panel->view();
    auto *proxy = qobject_cast<QAbstractProxyModel *>(view->model());
    const QModelIndex index = proxy ? proxy->mapFromSource(sourceIndex) : sourceIndex;
    view->scrollTo(index);
    const QPoint pos = view->visualRect(index).center();
    QStringList offered;
    bool clicked = false;
    // The menu runs its own event loop: act on it once it is up.
    QTimer poll;
    poll.setInterval(20);
    QObject::connect(&poll, &QTimer::timeout, [&] {
        auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
        if (!menu)
            return;
        poll.stop();
        QAction *target = nullptr;
        for (QAction *a : menu->actions()) {
            offered << a->text();
            if (!target && a->text().remove(QLatin1Char('&')).contains(entry))
                target = a;
        }
        if (target) {
            clicked = true;
            QTest::mouseClick(menu, Qt::LeftButton, {}, menu->actionGeometry(target).center());
        } else {
            menu->close();
        }
    });
    poll.start();
    // A right click: the press (which keeps a selection it falls in, or selects the node), then
    // the menu.
    QTest::mousePress(view->viewport(), Qt::RightButton, {}, pos);
    QContextMenuEvent event(QContextMenuEvent::Mouse, pos, view->viewport()->mapToGlobal(pos));
    QApplication::sendEvent(view->viewport(), &event);
    poll.stop();
    QTest::mouseRelease(view->viewport(), Qt::RightButton, {}, pos);
    if (!clicked)
        offered.prepend(s("(not clicked)"));
    return offered;
}

void typeInto(QLineEdit *edit, const QString &text)
{
    edit->setFocus();
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Backspace);
    QTest::keyClicks(edit, text);
}

// Never waits for the event loop, so a mid-run picture is of the run, not of its end.
void screenshot(QWidget *w, const QString &name)
{
    const QString dir = qEnvironmentVariable("STRATA_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    QDir().mkpath(dir);
    const QString file = QDir(dir).filePath(name);
    if (QGuiApplication::platformName() != s("xcb")) {
        w->grab().save(file);
        return;
    }
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);   // the layout of the text just set
    w->repaint();
    const QRect frame = w->frameGeometry().adjusted(-8, -8, 8, 8);
    QProcess::execute(s("import"), {s("-window"), s("root"), s("-crop"),
                                    s("%1x%2+%3+%4").arg(frame.width()).arg(frame.height()).arg(qMax(0, frame.x())).arg(qMax(0, frame.y())),
                                    s("+repage"), file});
}

// Clicks the check box drawn in `column` of `item`, where a person clicks it.
void clickCheckBox(QTreeWidget *tree, QTreeWidgetItem *item, int column = 0)
{
    tree->scrollToItem(item);
    QStyleOptionViewItem option;
    option.initFrom(tree);
    option.rect = tree->visualItemRect(item);
    if (column > 0) {   // visualItemRect spans the row; the cell is the column's part of it
        option.rect.setLeft(tree->header()->sectionViewportPosition(column));
        option.rect.setWidth(tree->header()->sectionSize(column));
    }
    option.features = QStyleOptionViewItem::HasCheckIndicator | QStyleOptionViewItem::HasDisplay;
    option.text = item->text(column);
    option.checkState = item->checkState(column);
    option.widget = tree;
    const QRect box = tree->style()->subElementRect(QStyle::SE_ItemViewItemCheckIndicator, &option, tree);
    QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, box.center());
}

// Clicks Yes in the confirmation a click opened (a modal QMessageBox has its own event loop).
void answerYesSoon(bool *answered)
{
    QTimer::singleShot(50, [answered] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box) {
            answerYesSoon(answered);
            return;
        }
        *answered = true;
        QTest::mouseClick(box->button(QMessageBox::Yes), Qt::LeftButton);
    });
}

int newConnectionId(MainWindow &window, const QList<int> &before)
{
    for (int id : window.treeModel()->connectionIds())
        if (!before.contains(id))
            return id;
    return -1;
}

template <typename Dialog>
Dialog *waitForDialog(QWidget *window)
{
    Dialog *dialog = nullptr;
    const bool shown = QTest::qWaitFor([&] { return (dialog = window->findChild<Dialog *>()) && dialog->isVisible(); }, 5000);
    return shown ? dialog : nullptr;
}


// The node of table `name` under the "Tables" folder of `schema` in connection `id`, once loaded.
QModelIndex tableNode(MainWindow &window, int id, const QString &schema, const QString &name)
{
    ObjectTreeModel *model = window.treeModel();
    const QModelIndex connection = model->connectionIndex(id);
    for (int row = 0; row < model->rowCount(connection); ++row) {
        const QModelIndex schemaNode = model->index(row, 0, connection);
        if (model->objectAt(schemaNode).kind != NodeKind::Schema || model->objectAt(schemaNode).name != schema)
            continue;
        for (int f = 0; f < model->rowCount(schemaNode); ++f) {
            const QModelIndex folder = model->index(f, 0, schemaNode);
            for (int t = 0; t < model->rowCount(folder); ++t) {
                const QModelIndex node = model->index(t, 0, folder);
                const ObjectRef ref = model->objectAt(node);
                if (ref.kind == NodeKind::Relation && ref.name == name)
                    return node;
            }
        }
    }
    return {};
}

QModelIndex inView(ObjectTreePanel *panel, const QModelIndex &source)
{
    auto *proxy = qobject_cast<QAbstractProxyModel *>(panel->view()->model());
    return proxy ? proxy->mapFromSource(source) : source;
}

// Clicks a node of the tree (with `modifiers`: Ctrl adds it to the selection).
void clickNode(ObjectTreePanel *panel, const QModelIndex &source, Qt::KeyboardModifiers modifiers = {})
{
    QTreeView *view = panel->view();
    const QModelIndex index = inView(panel, source);
    view->scrollTo(index);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, modifiers, view->visualRect(index).center());
}

// The archive's entries of `kind` (TABLE, TABLE DATA), as "schema.tag".
QStringList archiveEntries(const QString &archive, const QString &kind)
{
    backup::ToolSearch search;
    search.installRoots = {s("/usr/lib/postgresql")};
    Result<backup::ArchiveList> list = backup::PgRestoreJob::listArchive(archive, search);
    if (!list)
        return {s("(unreadable: %1)").arg(list.error().message)};
    QStringList out;
    for (const backup::ArchiveEntry &e : list->entries)
        if (e.kind == kind)
            out << e.schema + QLatin1Char('.') + e.tag;
    out.sort();
    return out;
}

} // namespace

class TestBackupDialog : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void sqliteBackupFromTheTree()
    {
        connection::ConnectionSpec spec;
        spec.profile.driver = dialect::DialectKind::Sqlite;
        spec.profile.filePath = test::tempPath(s("demo.db"));
        QVERIFY(demo::installDemoDatabase(spec.profile.filePath).ok());
        MainWindow window;
        window.resize(1100, 760);
        window.show();
        QSignalSpy opened(&window, &MainWindow::connectionOpened);
        window.openConnection(spec);
        QVERIFY(opened.wait(20000));
        const int id = window.treeModel()->connectionIds().last();

        const QStringList offered = chooseFromContextMenu(window.treePanel(), window.treeModel()->connectionIndex(id), s("Backup…"));
        QVERIFY2(!offered.startsWith(s("(not clicked)")), qPrintable(offered.join(s(" | "))));
        QVERIFY(offered.join(s("|")).contains(s("&Restore…")));
        auto *dialog = waitForDialog<BackupDialog>(&window);
        QVERIFY(dialog);
        QVERIFY(dialog->sqliteMethodBox());
        QVERIFY(dialog->verifyBox()->isChecked());
        const QString copy = test::tempPath(s("demo-copy.db"));
        typeInto(dialog->pathEdit(), copy);
        QSignalSpy finished(dialog, &BackupDialog::finished);
        QTest::mouseClick(dialog->startButton(), Qt::LeftButton);
        QVERIFY(!dialog->startButton()->isEnabled() || !finished.isEmpty());
        QVERIFY(finished.wait(30000) || !finished.isEmpty());
        QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
        QVERIFY(finished.first().at(1).toString().contains(s("Verified")));
        QVERIFY(dialog->progressView()->statusLabel()->text().contains(s("Verified")));
        QCOMPARE(dialog->progressView()->progressBar()->value(), 1000);
        QCOMPARE(backup::sqliteIntegrity(copy).value(), s("ok"));
        QVERIFY(dialog->startButton()->isEnabled());

        // "Open the copy": the backup opens as a connection of its own.
        QVERIFY(dialog->useCopyButton()->isVisible());
        QCOMPARE(dialog->useCopyButton()->text().remove(QLatin1Char('&')), s("Open the copy"));
        const QList<int> before = window.treeModel()->connectionIds();
        QTest::mouseClick(dialog->useCopyButton(), Qt::LeftButton);
        QVERIFY(opened.wait(20000));
        const int copyId = newConnectionId(window, before);
        QVERIFY(copyId >= 0);
        QCOMPARE(QFileInfo(window.treeModel()->connectionSpec(copyId).profile.filePath).canonicalFilePath(),
                 QFileInfo(copy).canonicalFilePath());
        dialog->close();

        // The copy gains a table; restored over the original, the original's tree shows it.
        {
            QString error;
            QSqlDatabase db = test::openTestDatabase(s("sqlite:///") + copy, &error);
            QVERIFY2(db.isOpen(), qPrintable(error));
            QVERIFY(test::execAll(db, {s("CREATE TABLE restored_only(x integer)")}).isEmpty());
            test::closeTestDatabase(db);
        }
        QVERIFY(!findText(window.treeModel(), s("restored_only"), window.treeModel()->connectionIndex(id)).isValid());
        QStringList entries = chooseFromContextMenu(window.treePanel(), window.treeModel()->connectionIndex(id), s("Restore…"));
        QVERIFY2(!entries.startsWith(s("(not clicked)")), qPrintable(entries.join(s(" | "))));
        auto *restore = waitForDialog<RestoreDialog>(&window);
        QVERIFY(restore);
        QVERIFY(restore->openButton()->isVisible());   // "Open as a new connection", instead of restoring
        typeInto(restore->pathEdit(), copy);
        QTest::keyClick(restore->pathEdit(), Qt::Key_Return);
        QVERIFY(!restore->isRunning());   // Return in the path field never starts a restore
        QSignalSpy restored(restore, &RestoreDialog::finished);
        bool answered = false;
        answerYesSoon(&answered);
        QTest::mouseClick(restore->startButton(), Qt::LeftButton);
        QVERIFY(answered);
        QVERIFY(restored.wait(30000) || !restored.isEmpty());
        QVERIFY2(restored.first().at(0).toBool(), qPrintable(restored.first().at(1).toString()));
        QVERIFY2(QTest::qWaitFor([&] {
                     return findText(window.treeModel(), s("restored_only"), window.treeModel()->connectionIndex(id)).isValid();
                 }, 10000),
                 "the tree did not show the restored table");
        restore->close();

        // Restore… offers "Open as a new connection" instead of restoring over the file: a
        // second copy of the backup opens as a connection of its own, with its tables in the tree.
        const QString second = test::tempPath(s("demo-copy-2.db"));
        QVERIFY(QFile::copy(copy, second));
        entries = chooseFromContextMenu(window.treePanel(), window.treeModel()->connectionIndex(id), s("Restore…"));
        QVERIFY2(!entries.startsWith(s("(not clicked)")), qPrintable(entries.join(s(" | "))));
        QPointer<RestoreDialog> opener = waitForDialog<RestoreDialog>(&window);
        QVERIFY(opener);
        typeInto(opener->pathEdit(), second);
        QCOMPARE(opener->openButton()->text().remove(QLatin1Char('&')), s("Open as a new connection"));
        const QList<int> beforeOpen = window.treeModel()->connectionIds();
        const QDateTime originalWritten = QFileInfo(spec.profile.filePath).lastModified();
        opened.clear();
        QTest::mouseClick(opener->openButton(), Qt::LeftButton);
        QVERIFY(opened.wait(20000) || !opened.isEmpty());
        QVERIFY2(QTest::qWaitFor([&] { return opener.isNull() || !opener->isVisible(); }, 5000), "the dialog stayed open");
        const int secondId = newConnectionId(window, beforeOpen);
        QVERIFY(secondId >= 0);
        QCOMPARE(QFileInfo(window.treeModel()->connectionSpec(secondId).profile.filePath).canonicalFilePath(),
                 QFileInfo(second).canonicalFilePath());
        QVERIFY2(QTest::qWaitFor([&] {
                     return findText(window.treeModel(), s("restored_only"), window.treeModel()->connectionIndex(secondId)).isValid();
                 }, 10000),
                 "the backup opened as a connection does not show its tables");
        QCOMPARE(QFileInfo(spec.profile.filePath).lastModified(), originalWritten);   // nothing was restored over it

        // Tools › Backup… backs up the connection selected in the tree.
        QTreeView *view = window.treePanel()->view();
        auto *proxy = qobject_cast<QAbstractProxyModel *>(view->model());
        const QModelIndex row = proxy ? proxy->mapFromSource(window.treeModel()->connectionIndex(id)) : window.treeModel()->connectionIndex(id);
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(row).center());
        auto *toolsMenu = window.findChild<QMenu *>(s("toolsMenu"));
        QVERIFY(toolsMenu);
        QTest::mouseClick(window.menuBar(), Qt::LeftButton, {}, window.menuBar()->actionGeometry(toolsMenu->menuAction()).center());
        QVERIFY(QTest::qWaitFor([&] { return toolsMenu->isVisible(); }, 3000));
        QAction *backupAction = nullptr;
        for (QAction *a : toolsMenu->actions())
            if (a->text() == s("&Backup…"))
                backupAction = a;
        QVERIFY(backupAction);
        QTest::mouseClick(toolsMenu, Qt::LeftButton, {}, toolsMenu->actionGeometry(backupAction).center());
        QVERIFY(QTest::qWaitFor([&] {
            for (BackupDialog *d : window.findChildren<BackupDialog *>())
                if (d->isVisible() && d->windowTitle().contains(QFileInfo(spec.profile.filePath).fileName()))
                    return true;
            return false;
        }, 5000));

        // The toolbar's Restore… button restores into the connection selected in the tree.
        auto *toolBar = window.findChild<QToolBar *>(s("mainToolBar"));
        QVERIFY(toolBar);
        QAction *restoreAction = window.findChild<QAction *>(s("actionRestore"));
        QVERIFY(restoreAction);
        QWidget *restoreButton = toolBar->widgetForAction(restoreAction);
        QVERIFY(restoreButton && restoreButton->isVisible());
        QTest::mouseClick(restoreButton, Qt::LeftButton);
        QVERIFY(QTest::qWaitFor([&] {
            for (RestoreDialog *d : window.findChildren<RestoreDialog *>())
                if (d->isVisible() && d->windowTitle().contains(QFileInfo(spec.profile.filePath).fileName()))
                    return true;
            return false;
        }, 5000));
    }

    // Backup… on tables chosen in the tree (a table, then several with Ctrl-click): the dialog
    // lists them ticked; names with capitals, dots, quotes and pg_dump's wildcards match only
    // themselves (tables that a loose pattern would catch stay out); a partitioned table brings
    // its partitions; unticking a table's "Data" box keeps its definition and leaves its rows out.
    void postgresBackupOfTablesChosenInTheTree()
    {
        STRATA_REQUIRE_PG(url);
        test::ScratchPgDatabase scratch(url);
        QVERIFY2(!scratch.url().isEmpty(), qPrintable(scratch.error()));
        {
            QString error;
            QSqlDatabase db = test::openTestDatabase(scratch.url(), &error);
            QVERIFY2(db.isOpen(), qPrintable(error));
            const QString failed = test::execAll(db, {
                s("CREATE TABLE \"Books\"(id int PRIMARY KEY, title text)"),
                s("INSERT INTO \"Books\" SELECT g, 'b' || g FROM generate_series(1, 30) g"),
                s("CREATE TABLE books(id int)"),                 // what "Books" unquoted would match
                s("CREATE TABLE \"Weird.Name\"(x int)"),
                s("INSERT INTO \"Weird.Name\" VALUES (1), (2)"),
                s("CREATE SCHEMA weird"),
                s("CREATE TABLE weird.name(x int)"),             // what Weird.Name unquoted would match
                s("CREATE TABLE \"St*r\"(x int)"),
                s("INSERT INTO \"St*r\" VALUES (1)"),
                s("CREATE TABLE \"StXr\"(x int)"),              // what St*r unquoted would match
                s("CREATE TABLE \"q?\"(x int)"),
                s("CREATE TABLE qx(x int)"),                     // what q? unquoted would match
                s("CREATE TABLE \"say \"\"hi\"\"\"(x int)"),
                s("INSERT INTO \"say \"\"hi\"\"\" VALUES (7)"),
                s("CREATE TABLE events(id int, at date) PARTITION BY RANGE (at)"),
                s("CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')"),
                s("CREATE TABLE events_2026 PARTITION OF events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')"),
                s("INSERT INTO events SELECT g, DATE '2025-06-01' + g FROM generate_series(1, 400) g")});
            test::closeTestDatabase(db);
            QVERIFY2(failed.isEmpty(), qPrintable(failed));
        }
        Result<connection::ConnectionSpec> spec = connection::parseConnectionString(scratch.url());
        QVERIFY(spec.ok());
        MainWindow window;
        window.resize(1100, 900);
        window.show();
        QSignalSpy opened(&window, &MainWindow::connectionOpened);
        window.openConnection(*spec);
        QVERIFY(opened.wait(20000));
        const int id = window.treeModel()->connectionIds().last();

        // Open public › Tables as a person does: select the folder, press Right.
        QModelIndex folder;
        QVERIFY(QTest::qWaitFor([&] {
            const QModelIndex connection = window.treeModel()->connectionIndex(id);
            const QModelIndex publicNode = findText(window.treeModel(), s("public"), connection);
            folder = publicNode.isValid() ? findText(window.treeModel(), s("Tables"), publicNode) : QModelIndex();
            return folder.isValid() && window.treePanel()->view()->isExpanded(inView(window.treePanel(), folder.parent()));
        }, 20000));
        clickNode(window.treePanel(), folder);
        QTest::keyClick(window.treePanel()->view(), Qt::Key_Right);
        QVERIFY(QTest::qWaitFor([&] { return tableNode(window, id, s("public"), s("q?")).isValid(); }, 20000));

        // One table: Backup… on it lists every table, that one ticked.
        QStringList offered = chooseFromContextMenu(window.treePanel(), tableNode(window, id, s("public"), s("Weird.Name")), s("Backup…"));
        QVERIFY2(!offered.startsWith(s("(not clicked)")), qPrintable(offered.join(s(" | "))));
        auto *single = waitForDialog<BackupDialog>(&window);
        QVERIFY(single);
        QVERIFY(QTest::qWaitFor([&] { return single->tableList()->itemFor({s("public"), s("Weird.Name")}); }, 20000));
        QVERIFY(single->tableList()->choosesTables());
        QCOMPARE(single->tableList()->chosenTables(), (QList<backup::TableName>{{s("public"), s("Weird.Name")}}));
        QCOMPARE(single->tableList()->itemFor({s("public"), s("books")})->checkState(BackupTableList::NameColumn), Qt::Unchecked);
        QVERIFY(single->dumpOptions().excludeTableData.isEmpty());
        single->close();
        QVERIFY(QTest::qWaitFor([&] { return window.findChildren<BackupDialog *>().isEmpty(); }, 5000));

        // Several tables: Ctrl-click them, right-click one of them.
        const QList<backup::TableName> chosen{{s("public"), s("Books")}, {s("public"), s("St*r")}, {s("public"), s("Weird.Name")},
                                              {s("public"), s("events")}, {s("public"), s("q?")}, {s("public"), s("say \"hi\"")}};
        clickNode(window.treePanel(), tableNode(window, id, s("public"), chosen.first().name));
        for (qsizetype i = 1; i < chosen.size(); ++i)
            clickNode(window.treePanel(), tableNode(window, id, s("public"), chosen[i].name), Qt::ControlModifier);
        offered = chooseFromContextMenu(window.treePanel(), tableNode(window, id, s("public"), s("St*r")), s("Backup 6 tables…"));
        QVERIFY2(!offered.startsWith(s("(not clicked)")), qPrintable(offered.join(s(" | "))));
        auto *dialog = waitForDialog<BackupDialog>(&window);
        QVERIFY(dialog);
        BackupTableList *list = dialog->tableList();
        QVERIFY(QTest::qWaitFor([&] { return list->itemFor({s("public"), s("events")}); }, 20000));
        QList<backup::TableName> ticked = list->chosenTables();
        std::sort(ticked.begin(), ticked.end(), [](const backup::TableName &a, const backup::TableName &b) { return a.name < b.name; });
        QList<backup::TableName> expected = chosen;
        std::sort(expected.begin(), expected.end(), [](const backup::TableName &a, const backup::TableName &b) { return a.name < b.name; });
        QCOMPARE(ticked, expected);
        for (const QString &loose : {s("books"), s("StXr"), s("qx")}) {
            QCOMPARE(list->itemFor({s("public"), loose})->checkState(BackupTableList::NameColumn), Qt::Unchecked);
            QCOMPARE(list->itemFor({s("public"), loose})->checkState(BackupTableList::DataColumn), Qt::Unchecked);
        }
        // A table's rows come with the table: ticking qx's Data ticks qx; unticking qx unticks both.
        QTreeWidgetItem *qx = list->itemFor({s("public"), s("qx")});
        clickCheckBox(list, qx, BackupTableList::DataColumn);
        QCOMPARE(qx->checkState(BackupTableList::NameColumn), Qt::Checked);
        clickCheckBox(list, qx, BackupTableList::NameColumn);
        QCOMPARE(qx->checkState(BackupTableList::NameColumn), Qt::Unchecked);
        QCOMPARE(qx->checkState(BackupTableList::DataColumn), Qt::Unchecked);

        // "Data" of Books unticked: its definition without its rows.
        QTreeWidgetItem *books = list->itemFor({s("public"), s("Books")});
        QCOMPARE(books->checkState(BackupTableList::DataColumn), Qt::Checked);
        clickCheckBox(list, books, BackupTableList::DataColumn);
        QCOMPARE(books->checkState(BackupTableList::DataColumn), Qt::Unchecked);
        QCOMPARE(dialog->dumpOptions().excludeTableData, (QList<backup::TableName>{{s("public"), s("Books")}}));

        const QString archive = test::tempPath(s("chosen.dump"));
        typeInto(dialog->pathEdit(), archive);
        // "Copy command": the exact patterns (a partitioned table's partitions with it), the
        // data left out, the password masked.
        QSignalSpy copied(dialog, &BackupDialog::commandCopied);
        QTest::mouseClick(dialog->copyCommandButton(), Qt::LeftButton);
        QVERIFY(copied.wait(20000) || !copied.isEmpty());
        const QString command = copied.first().at(1).toString();
        QVERIFY2(copied.first().at(0).toBool(), qPrintable(command));
        QCOMPARE(QApplication::clipboard()->text(), command);
        for (const QString &part : {s("'--table=\"public\".\"St*r\"'"), s("'--table=\"public\".\"say \"\"hi\"\"\"'"),
                                    s("'--table=\"public\".\"events_2026\"'"), s("'--exclude-table-data=\"public\".\"Books\"'"),
                                    s("--strict-names"), s("PGPASSWORD='********'")})
            QVERIFY2(command.contains(part), qPrintable(part + s(" not in ") + command));
        QVERIFY(spec->password && !command.contains(*spec->password));
        QTest::mouseClick(dialog->verifyBox(), Qt::LeftButton);
        QVERIFY(dialog->verifyBox()->isChecked());
        list->scrollToItem(books);
        screenshot(dialog, s("backup-dialog-tables.png"));
        QSignalSpy finished(dialog, &BackupDialog::finished);
        QTest::mouseClick(dialog->startButton(), Qt::LeftButton);
        QVERIFY(finished.wait(120000) || !finished.isEmpty());
        QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
        QVERIFY2(finished.first().at(1).toString().contains(s("Verified")), qPrintable(finished.first().at(1).toString()));

        const QStringList tables = archiveEntries(archive, s("TABLE"));
        QCOMPARE(tables, (QStringList{s("public.Books"), s("public.St*r"), s("public.Weird.Name"), s("public.events"),
                                      s("public.events_2025"), s("public.events_2026"), s("public.q?"), s("public.say \"hi\"")}));
        const QStringList data = archiveEntries(archive, s("TABLE DATA"));
        // (a partitioned table's rows are its partitions' TABLE DATA)
        QCOMPARE(data, (QStringList{s("public.St*r"), s("public.Weird.Name"), s("public.events_2025"),
                                    s("public.events_2026"), s("public.q?"), s("public.say \"hi\"")}));
        dialog->close();
        QVERIFY(QTest::qWaitFor([&] { return window.findChildren<BackupDialog *>().isEmpty(); }, 5000));

        // Several schemas the same way: Backup 2 schemas… lists their tables, each with its Data box.
        const QModelIndex connection = window.treeModel()->connectionIndex(id);
        const QModelIndex publicNode = findText(window.treeModel(), s("public"), connection);
        const QModelIndex weirdNode = findText(window.treeModel(), s("weird"), connection);
        QVERIFY(publicNode.isValid() && weirdNode.isValid());
        clickNode(window.treePanel(), publicNode);
        clickNode(window.treePanel(), weirdNode, Qt::ControlModifier);
        offered = chooseFromContextMenu(window.treePanel(), weirdNode, s("Backup 2 schemas…"));
        QVERIFY2(!offered.startsWith(s("(not clicked)")), qPrintable(offered.join(s(" | "))));
        auto *schemas = waitForDialog<BackupDialog>(&window);
        QVERIFY(schemas);
        QVERIFY(QTest::qWaitFor([&] { return schemas->tableList()->itemFor({s("weird"), s("name")}); }, 20000));
        QVERIFY(!schemas->tableList()->choosesTables());
        QStringList chosenSchemas = schemas->dumpOptions().schemas;
        chosenSchemas.sort();
        QCOMPARE(chosenSchemas, (QStringList{s("public"), s("weird")}));
        QVERIFY(schemas->dumpOptions().tables.isEmpty());
        QVERIFY(!schemas->tableList()->itemFor({s("public"), s("Books")})->data(BackupTableList::NameColumn, Qt::CheckStateRole).isValid());
        schemas->close();
    }

    // Restore… with "Create the archive's database" (pg_restore --create): from a connection to
    // another database, the database the backup was taken from comes back, and opens.
    void postgresRestoreCreatesTheArchiveDatabase()
    {
        STRATA_REQUIRE_PG(url);
        test::ScratchPgDatabase gone(url);
        test::ScratchPgDatabase other(url);
        QVERIFY2(!gone.url().isEmpty() && !other.url().isEmpty(), qPrintable(gone.error() + other.error()));
        QString error;
        {
            QSqlDatabase db = test::openTestDatabase(gone.url(), &error);
            QVERIFY2(db.isOpen(), qPrintable(error));
            const QString failed = test::execAll(db, {s("CREATE TABLE kept(x int)"), s("INSERT INTO kept VALUES (1), (2), (3)")});
            test::closeTestDatabase(db);
            QVERIFY2(failed.isEmpty(), qPrintable(failed));
        }
        Result<connection::ConnectionSpec> goneSpec = connection::parseConnectionString(gone.url());
        QVERIFY(goneSpec.ok());
        backup::DumpOptions o;
        o.outputPath = test::tempPath(s("gone.dump"));
        backup::ToolSearch search;
        search.installRoots = {s("/usr/lib/postgresql")};
        Result<backup::JobReport> dumped = backup::PgBackupJob({{goneSpec->profile, goneSpec->password}, o, search, std::nullopt, false}).run();
        QVERIFY2(dumped.ok(), qPrintable(dumped.ok() ? QString() : dumped.error().message));
        QSqlDatabase admin = test::openTestDatabase(other.url(), &error);
        QVERIFY2(admin.isOpen(), qPrintable(error));
        QVERIFY(test::execAll(admin, {s("DROP DATABASE \"%1\" WITH (FORCE)").arg(gone.name())}).isEmpty());

        Result<connection::ConnectionSpec> spec = connection::parseConnectionString(other.url());
        QVERIFY(spec.ok());
        MainWindow window;
        window.resize(1100, 760);
        window.show();
        QSignalSpy opened(&window, &MainWindow::connectionOpened);
        window.openConnection(*spec);
        QVERIFY(opened.wait(20000));
        const int id = window.treeModel()->connectionIds().last();
        const QStringList offered = chooseFromContextMenu(window.treePanel(), window.treeModel()->connectionIndex(id), s("Restore…"));
        QVERIFY2(!offered.startsWith(s("(not clicked)")), qPrintable(offered.join(s(" | "))));
        auto *restore = waitForDialog<RestoreDialog>(&window);
        QVERIFY(restore);
        QSignalSpy loaded(restore, &RestoreDialog::contentsLoaded);
        typeInto(restore->pathEdit(), o.outputPath);
        QTest::keyClick(restore->pathEdit(), Qt::Key_Return);
        QVERIFY(loaded.wait(20000) || !loaded.isEmpty());
        QVERIFY(loaded.first().at(0).toBool());
        QVERIFY(restore->createArchiveDatabaseBox()->isEnabled());
        QTest::mouseClick(restore->createArchiveDatabaseBox(), Qt::LeftButton);
        QVERIFY(restore->restoreOptions().createDatabase);
        QVERIFY(!restore->restoresIntoThisDatabase());
        QVERIFY(!restore->targetBox()->isEnabled());
        QSignalSpy restored(restore, &RestoreDialog::finished);
        QTest::mouseClick(restore->startButton(), Qt::LeftButton);
        QVERIFY(restored.wait(60000) || !restored.isEmpty());
        QVERIFY2(restored.first().at(0).toBool(), qPrintable(restored.first().at(1).toString()));

        // "Open the new database": the re-created database, with its rows.
        QVERIFY(restore->openButton()->isVisible());
        const QList<int> before = window.treeModel()->connectionIds();
        QTest::mouseClick(restore->openButton(), Qt::LeftButton);
        QVERIFY(opened.wait(20000));
        const int createdId = newConnectionId(window, before);
        QVERIFY(createdId >= 0);
        QCOMPARE(window.treeModel()->connectionSpec(createdId).profile.database, gone.name());
        window.closeConnection(createdId);
        QSqlDatabase back = test::openTestDatabase(gone.url(), &error);
        QVERIFY2(back.isOpen(), qPrintable(error));
        {
            QSqlQuery q(back);
            QVERIFY(q.exec(s("SELECT count(*) FROM kept")) && q.next());
            QCOMPARE(q.value(0).toInt(), 3);
        }
        test::closeTestDatabase(back);
        test::closeTestDatabase(admin);
    }

    void postgresBackupCancelAndRestoreFromTheTree()
    {
        STRATA_REQUIRE_PG(url);
        test::ScratchPgDatabase scratch(url);
        const qint64 rows = qEnvironmentVariableIsSet("STRATA_SCREENSHOT_DIR") ? 2000000 : 300000;
        QVERIFY2(!scratch.url().isEmpty(), qPrintable(scratch.error()));
        {
            QString error;
            QSqlDatabase db = test::openTestDatabase(scratch.url(), &error);
            QVERIFY2(db.isOpen(), qPrintable(error));
            const QString failed = test::execAll(db, {
                s("CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')"),
                s("CREATE TABLE authors(id serial PRIMARY KEY, name text NOT NULL, mood mood)"),
                s("CREATE TABLE books(id bigserial PRIMARY KEY, author_id int REFERENCES authors(id), title text, pages int)"),
                s("CREATE VIEW long_books AS SELECT * FROM books WHERE pages > 500"),
                s("CREATE FUNCTION book_count(a int) RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) FROM books WHERE author_id = a $$"),
                s("INSERT INTO authors(name, mood) SELECT 'author ' || g, 'ok' FROM generate_series(1, 50) g"),
                s("INSERT INTO books(author_id, title, pages) SELECT g % 50 + 1, md5(g::text) || md5((g * 7)::text), g % 900 "
                  "FROM generate_series(1, %1) g").arg(rows), s("ANALYZE")});
            test::closeTestDatabase(db);
            QVERIFY2(failed.isEmpty(), qPrintable(failed));
        }
        Result<connection::ConnectionSpec> spec = connection::parseConnectionString(scratch.url());
        QVERIFY(spec.ok());
        MainWindow window;
        window.resize(1100, 760);
        window.show();
        QSignalSpy opened(&window, &MainWindow::connectionOpened);
        window.openConnection(*spec);
        QVERIFY(opened.wait(20000));
        const int id = window.treeModel()->connectionIds().last();

        // Backup… with verification; a screenshot while it runs.
        QStringList offered = chooseFromContextMenu(window.treePanel(), window.treeModel()->connectionIndex(id), s("Backup…"));
        QVERIFY2(!offered.startsWith(s("(not clicked)")), qPrintable(offered.join(s(" | "))));
        auto *dialog = waitForDialog<BackupDialog>(&window);
        QVERIFY(dialog);
        dialog->resize(680, 640);
        const QString archive = test::tempPath(s("books.dump"));
        typeInto(dialog->pathEdit(), archive);
        // The user's own tools folder holds a pg_dump 15.0 (a wrapper around the real one): the
        // lowest version that fits the server, so the one used.
        const QString tools = test::tempPath(s("tools"));
        QVERIFY(QDir().mkpath(tools));
        {
            QFile wrapper(tools + s("/pg_dump"));
            QVERIFY(wrapper.open(QIODevice::WriteOnly));
            wrapper.write("#!/bin/sh\nif [ \"$1\" = --version ]; then echo 'pg_dump (PostgreSQL) 15.0'; exit 0; fi\n"
                          "exec /usr/lib/postgresql/15/bin/pg_dump \"$@\"\n");
            wrapper.close();
            QVERIFY(wrapper.setPermissions(wrapper.permissions() | QFileDevice::ExeOwner));
        }
        typeInto(dialog->toolFolderEdit(), tools);
        QTest::mouseClick(dialog->verifyBox(), Qt::LeftButton);
        QVERIFY(dialog->verifyBox()->isChecked());
        bool shot = false;
        bool sawBusyGui = true;
        bool sawRows = false;   // "… of about … rows copied": the bar moved inside the big table
        connect(dialog->progressView()->progressBar(), &QProgressBar::valueChanged, dialog, [&](int value) {
            if (!shot && value >= 50 && value < 1000) {
                shot = true;
                if (!sawRows)
                    screenshot(dialog, s("backup-dialog-running.png"));
                sawBusyGui = false;   // the GUI thread painted mid-run: it was not blocked
            }
            if (!sawRows && value < 1000 && dialog->progressView()->statusLabel()->text().contains(s("rows copied"))) {
                sawRows = true;
                screenshot(dialog, s("backup-dialog-running.png"));
            }
        });
        QSignalSpy finished(dialog, &BackupDialog::finished);
        QTest::mouseClick(dialog->startButton(), Qt::LeftButton);
        QVERIFY(dialog->cancelButton()->isEnabled());
        QVERIFY(finished.wait(120000));
        QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
        const QString report = finished.first().at(1).toString();
        QVERIFY2(report.contains(s("Verified")) && report.contains(s("pg_dump 15.0 (") + tools), qPrintable(report));
        QSettings().remove(s("backup/toolFolder"));
        QVERIFY(shot);
        QVERIFY(!sawBusyGui);
        qInfo("rows copied seen mid-table: %s", sawRows ? "yes" : "no");
        if (rows > 1000000)   // long enough that several polls fall inside the COPY
            QVERIFY(sawRows);
        QVERIFY(!dialog->progressView()->log()->toPlainText().isEmpty());
        screenshot(dialog, s("backup-dialog-done.png"));

        // "Restore into a new database…" opens the restore with the archive and a new name.
        QVERIFY(dialog->useCopyButton()->isVisible());
        QTest::mouseClick(dialog->useCopyButton(), Qt::LeftButton);
        QPointer<RestoreDialog> offeredRestore = waitForDialog<RestoreDialog>(&window);
        QVERIFY(offeredRestore);
        QCOMPARE(offeredRestore->pathEdit()->text(), archive);
        QCOMPARE(offeredRestore->targetBox()->currentIndex(), 1);
        QCOMPARE(offeredRestore->newDatabaseEdit()->text(), s("books_restored"));
        QVERIFY(QTest::qWaitFor([&] { return offeredRestore->contentsTree()->topLevelItemCount() > 0; }, 20000));
        offeredRestore->close();
        QVERIFY(QTest::qWaitFor([&] { return offeredRestore.isNull(); }, 5000));

        // Run it again and press Cancel while it writes: no file is left.
        const QString cancelled = test::tempPath(s("cancelled.dump"));
        typeInto(dialog->pathEdit(), cancelled);
        QTest::mouseClick(dialog->verifyBox(), Qt::LeftButton);
        bool pressed = false;
        QTimer watch;
        watch.setInterval(5);
        connect(&watch, &QTimer::timeout, dialog, [&] {
            if (!pressed && dialog->progressView()->statusLabel()->text().startsWith(s("Writing"))) {
                pressed = true;
                QTest::mouseClick(dialog->cancelButton(), Qt::LeftButton);
            }
        });
        watch.start();
        finished.clear();
        QTest::mouseClick(dialog->startButton(), Qt::LeftButton);
        QVERIFY(finished.wait(60000));
        watch.stop();
        QVERIFY(pressed);
        QCOMPARE(finished.first().at(0).toBool(), false);
        QCOMPARE(dialog->progressView()->progressBar()->text(), s("Cancelled"));
        QVERIFY(!QFileInfo::exists(cancelled));
        dialog->close();

        // Restore… the archive into a new database, without the view.
        offered = chooseFromContextMenu(window.treePanel(), window.treeModel()->connectionIndex(id), s("Restore…"));
        QVERIFY2(!offered.startsWith(s("(not clicked)")), qPrintable(offered.join(s(" | "))));
        auto *restore = waitForDialog<RestoreDialog>(&window);
        QVERIFY(restore);
        QSignalSpy loaded(restore, &RestoreDialog::contentsLoaded);
        typeInto(restore->pathEdit(), archive);
        QTest::keyClick(restore->pathEdit(), Qt::Key_Return);
        // Return read the archive; it did not press Restore (which wrote into this database
        // before: the table of contents was then disabled and could not be unticked).
        QVERIFY(!restore->isRunning());
        QVERIFY(restore->startButton()->isEnabled());
        QVERIFY(loaded.wait(20000) || !loaded.isEmpty());
        QVERIFY(loaded.first().at(0).toBool());
        QTreeWidget *tree = restore->contentsTree();
        QVERIFY(tree->topLevelItemCount() >= 1);
        QVERIFY(tree->isEnabled());
        QList<QTreeWidgetItem *> view = tree->findItems(s("long_books"), Qt::MatchExactly | Qt::MatchRecursive);
        QVERIFY(!view.isEmpty());
        tree->setFocus();
        tree->setCurrentItem(view.first());
        QTest::keyClick(tree, Qt::Key_Space);   // untick with the keyboard
        QCOMPARE(view.first()->checkState(0), Qt::Unchecked);
        QList<QTreeWidgetItem *> function = tree->findItems(s("book_count(integer)"), Qt::MatchStartsWith | Qt::MatchRecursive);
        QVERIFY(!function.isEmpty());
        clickCheckBox(tree, function.first());   // and with the mouse
        QCOMPARE(function.first()->checkState(0), Qt::Unchecked);
        QCOMPARE(function.first()->parent()->checkState(0), Qt::PartiallyChecked);
        QVERIFY(!restore->selectedIds().isEmpty());
        restore->targetBox()->setFocus();
        QTest::keyClick(restore->targetBox(), Qt::Key_Down);
        QCOMPARE(restore->targetBox()->currentIndex(), 1);
        const QString newName = s("restored_%1").arg(QDateTime::currentMSecsSinceEpoch());
        typeInto(restore->newDatabaseEdit(), newName);
        screenshot(restore, s("backup-restore-contents.png"));
        // "Copy command": the pg_restore that Restore runs, into the new database, password masked.
        QSignalSpy copied(restore, &RestoreDialog::commandCopied);
        QTest::mouseClick(restore->copyCommandButton(), Qt::LeftButton);
        QVERIFY(copied.wait(20000) || !copied.isEmpty());
        const QString command = copied.first().at(1).toString();
        QVERIFY2(copied.first().at(0).toBool(), qPrintable(command));
        QVERIFY2(command.contains(s("pg_restore")) && command.contains(s("--dbname=") + newName) && command.contains(s("--use-list="))
                     && command.contains(s("PGPASSWORD='********'")) && command.endsWith(archive),
                 qPrintable(command));
        QVERIFY(spec->password && !command.contains(*spec->password));
        QSignalSpy restored(restore, &RestoreDialog::finished);
        QTest::mouseClick(restore->startButton(), Qt::LeftButton);
        QVERIFY(restored.wait(120000));
        QVERIFY2(restored.first().at(0).toBool(), qPrintable(restored.first().at(1).toString()));
        screenshot(restore, s("backup-restore-done.png"));

        // "Open the new database": the restored copy as a connection of its own.
        QVERIFY(restore->openButton()->isVisible());
        const QList<int> before = window.treeModel()->connectionIds();
        QTest::mouseClick(restore->openButton(), Qt::LeftButton);
        QVERIFY(opened.wait(20000));
        const int restoredId = newConnectionId(window, before);
        QVERIFY(restoredId >= 0);
        QCOMPARE(window.treeModel()->connectionSpec(restoredId).profile.database, newName);
        window.closeConnection(restoredId);

        connection::ConnectionProfile p = spec->profile;
        p.database = newName;
        QString error;
        QSqlDatabase copy = test::openTestDatabase(connection::toUrl(p, spec->password, connection::PasswordMode::Include), &error);
        QVERIFY2(copy.isOpen(), qPrintable(error));
        {
            QSqlQuery q(copy);
            QVERIFY(q.exec(s("SELECT (SELECT count(*) FROM books), (SELECT count(*) FROM pg_views WHERE viewname = 'long_books'), "
                             "(SELECT count(*) FROM pg_proc WHERE proname = 'book_count')")));
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toLongLong(), rows);
            QCOMPARE(q.value(1).toInt(), 0);
            QCOMPARE(q.value(2).toInt(), 0);
        }
        test::closeTestDatabase(copy);
        QSqlDatabase admin = test::openTestDatabase(scratch.url(), &error);
        test::execAll(admin, {s("DROP DATABASE IF EXISTS \"%1\"").arg(newName)});
        test::closeTestDatabase(admin);
        restore->close();
    }
};

STRATA_TEST_MAIN_GUI(TestBackupDialog)
#include "tst_backupdialog.moc"
