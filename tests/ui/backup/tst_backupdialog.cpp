// Journeys through Backup… and Restore… as a person makes them: right-click the database's
// node in the object tree, choose the entry in the context menu, type a path, press Start,
// watch the progress, press Cancel, read the report; restore an archive after unticking
// objects in its table of contents. SQLite and PostgreSQL (the throwaway server).
// With STRATA_SCREENSHOT_DIR set, the dialogs are saved as PNGs mid-run.

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

void screenshot(QWidget *w, const QString &name)
{
    const QString dir = qEnvironmentVariable("STRATA_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    QDir().mkpath(dir);
    w->grab().save(QDir(dir).filePath(name));
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
        dialog->close();
    }

    void postgresBackupCancelAndRestoreFromTheTree()
    {
        STRATA_REQUIRE_PG(url);
        test::ScratchPgDatabase scratch(url);
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
                  "FROM generate_series(1, 300000) g")});
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
        QTest::mouseClick(dialog->verifyBox(), Qt::LeftButton);
        QVERIFY(dialog->verifyBox()->isChecked());
        bool shot = false;
        bool sawBusyGui = true;
        connect(dialog->progressView()->progressBar(), &QProgressBar::valueChanged, dialog, [&](int value) {
            if (!shot && value >= 50 && value < 1000) {
                shot = true;
                screenshot(dialog, s("backup-dialog-running.png"));
                sawBusyGui = false;   // the GUI thread painted mid-run: it was not blocked
            }
        });
        QSignalSpy finished(dialog, &BackupDialog::finished);
        QTest::mouseClick(dialog->startButton(), Qt::LeftButton);
        QVERIFY(dialog->cancelButton()->isEnabled());
        QVERIFY(finished.wait(120000));
        QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
        const QString report = finished.first().at(1).toString();
        QVERIFY2(report.contains(s("Verified")) && report.contains(s("Used pg_dump 15.")), qPrintable(report));
        QVERIFY(shot);
        QVERIFY(!sawBusyGui);
        QVERIFY(!dialog->progressView()->log()->toPlainText().isEmpty());
        screenshot(dialog, s("backup-dialog-done.png"));

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
        QVERIFY(loaded.wait(20000) || !loaded.isEmpty());
        QVERIFY(loaded.first().at(0).toBool());
        QTreeWidget *tree = restore->contentsTree();
        QVERIFY(tree->topLevelItemCount() >= 1);
        QList<QTreeWidgetItem *> view = tree->findItems(s("long_books"), Qt::MatchExactly | Qt::MatchRecursive);
        QVERIFY(!view.isEmpty());
        tree->setFocus();
        tree->setCurrentItem(view.first());
        QTest::keyClick(tree, Qt::Key_Space);
        QCOMPARE(view.first()->checkState(0), Qt::Unchecked);
        QVERIFY(!restore->selectedIds().isEmpty());
        restore->targetBox()->setFocus();
        QTest::keyClick(restore->targetBox(), Qt::Key_Down);
        QCOMPARE(restore->targetBox()->currentIndex(), 1);
        const QString newName = s("restored_%1").arg(QDateTime::currentMSecsSinceEpoch());
        typeInto(restore->newDatabaseEdit(), newName);
        screenshot(restore, s("restore-dialog-contents.png"));
        QSignalSpy restored(restore, &RestoreDialog::finished);
        QTest::mouseClick(restore->startButton(), Qt::LeftButton);
        QVERIFY(restored.wait(120000));
        QVERIFY2(restored.first().at(0).toBool(), qPrintable(restored.first().at(1).toString()));

        connection::ConnectionProfile p = spec->profile;
        p.database = newName;
        QString error;
        QSqlDatabase copy = test::openTestDatabase(connection::toUrl(p, spec->password, connection::PasswordMode::Include), &error);
        QVERIFY2(copy.isOpen(), qPrintable(error));
        {
            QSqlQuery q(copy);
            QVERIFY(q.exec(s("SELECT (SELECT count(*) FROM books), (SELECT count(*) FROM pg_views WHERE viewname = 'long_books')")));
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toLongLong(), 300000);
            QCOMPARE(q.value(1).toInt(), 0);
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
