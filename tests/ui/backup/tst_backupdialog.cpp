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
#include <QFile>
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
    QContextMenuEvent event(QContextMenuEvent::Mouse, pos, view->viewport()->mapToGlobal(pos));
    QApplication::sendEvent(view->viewport(), &event);
    poll.stop();
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

// Clicks the check box drawn in column 0 of `item`, where a person clicks it.
void clickCheckBox(QTreeWidget *tree, QTreeWidgetItem *item)
{
    tree->scrollToItem(item);
    QStyleOptionViewItem option;
    option.initFrom(tree);
    option.rect = tree->visualItemRect(item);
    option.features = QStyleOptionViewItem::HasCheckIndicator | QStyleOptionViewItem::HasDisplay;
    option.text = item->text(0);
    option.checkState = item->checkState(0);
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
