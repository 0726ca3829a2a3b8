#pragma once

// Driving Strata's main window as a person does, for the journey tests: databases with a
// small books table (a SQLite file, a fresh PostgreSQL database), double-clicks in the
// object tree, context menus opened with the event a right click produces and an entry
// chosen with the keyboard, values typed into cell editors, tab close buttons, shortcuts,
// and the buttons of the dialogs that follow. Only what a person can see and do: no slots
// called, no signals emitted by the test.

#include "data/tablemodel.h"
#include "grid/gridtab.h"
#include "grid/gridview.h"
#include "mainwindow/mainwindow.h"
#include "support/scratchdatabase.h"
#include "support/modelsearch.h"
#include "support/testenvironment.h"
#include "tree/objecttreepanel.h"
#include "tree/objecttreeproxy.h"

#include <QAbstractButton>
#include <QAbstractScrollArea>
#include <QApplication>
#include <QContextMenuEvent>
#include <QDialogButtonBox>
#include <QMenu>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QTreeView>
#include <QtTest>
#include <functional>
#include <memory>

namespace strata::test::journey {

using ui::GridTab;
using ui::MainWindow;

inline QString s(const char *text) { return QString::fromUtf8(text); }

/// A database holding books(id, title NOT NULL, pages CHECK > 0) with three rows.
struct Database {
    QString location;                       ///< a SQLite file path or a postgresql:// URL
    std::unique_ptr<ScratchPgDatabase> pg;  ///< keeps the PostgreSQL database alive
    bool isPg() const { return pg != nullptr; }
};

inline QString execOn(const QString &location, const QStringList &statements)
{
    QString error;
    QSqlDatabase db = openTestDatabase(location, &error);
    if (!db.isValid() || !db.isOpen())
        return error.isEmpty() ? s("cannot open ") + location : error;
    error = execAll(db, statements);
    closeTestDatabase(db);
    return error;
}

using test::scalar;   // (location, sql): a failed query fails the test

/// `pgServer` empty: a SQLite file named `name`.
inline std::unique_ptr<Database> makeBooks(const QString &pgServer, const QString &name)
{
    auto db = std::make_unique<Database>();
    if (pgServer.isEmpty()) {
        db->location = tempPath(name + s(".db"));
    } else {
        db->pg = std::make_unique<ScratchPgDatabase>(pgServer);
        db->location = db->pg->url();
        if (db->location.isEmpty())
            return nullptr;
    }
    const QString error = execOn(db->location, {s("CREATE TABLE books (id integer PRIMARY KEY, title text NOT NULL, "
                                                  "pages integer CHECK (pages > 0))"),
                                                s("INSERT INTO books VALUES (1, 'Deep Learning', 800), "
                                                  "(2, 'Pattern Recognition and Machine Learning', 738), "
                                                  "(3, 'The Elements of Statistical Learning', 745)")});
    if (!error.isEmpty()) {
        qWarning() << "fixture:" << error;
        return nullptr;
    }
    return db;
}

/// The tree view's index of a connection's node.
inline QModelIndex connectionNode(MainWindow &window, int connectionId)
{
    return window.treePanel()->proxy()->mapFromSource(window.treeModel()->connectionIndex(connectionId));
}

/// Waits until the tree shows `text` under `parent` (anywhere when invalid).
inline QModelIndex waitForNode(MainWindow &window, const QString &text, const QModelIndex &parent = {}, int timeout = 15000)
{
    const QAbstractItemModel *model = window.treePanel()->view()->model();
    QModelIndex found;
    (void)QTest::qWaitFor([&] { return (found = findText(model, text, parent)).isValid(); }, timeout);
    return found;
}

/// Opens a location as File › Open would, and waits for it; the connection id, or 0.
inline int openDatabase(MainWindow &window, const QString &location)
{
    QSignalSpy opened(&window, &MainWindow::connectionOpened);
    if (!window.openLocation(location) || !opened.wait(20000) || !opened.first().at(1).toBool())
        return 0;
    return opened.first().at(0).toInt();
}

inline void doubleClick(QAbstractItemView *view, const QModelIndex &index)
{
    view->scrollTo(index);
    const QPoint at = view->visualRect(index).center();
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, at);
    QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, at);
}

/// Double-clicks `table` in the tree (under `parent`) and waits for its grid to open.
inline GridTab *openTable(MainWindow &window, const QString &table, const QModelIndex &parent = {})
{
    const QModelIndex node = waitForNode(window, table, parent);
    if (!node.isValid())
        return nullptr;
    doubleClick(window.treePanel()->view(), node);
    auto *tab = qobject_cast<GridTab *>(window.tabs()->currentWidget());
    if (!tab)
        return nullptr;
    if (!tab->model()->isOpen()) {
        QSignalSpy opened(tab, &GridTab::opened);
        if (!opened.wait(20000))
            return nullptr;
    }
    return QTest::qWaitFor([tab] { return tab->model()->isTableRowLoaded(0); }, 15000) ? tab : nullptr;
}

inline QString plain(QString text)
{
    return text.remove(QLatin1Char('&'));
}

/// Right-clicks `at` (viewport coordinates of any scroll area: a tree, a table, a diagram)
/// and chooses `entry` in the menu that opens, with the keyboard. False when there was none.
inline bool contextMenuAt(QAbstractScrollArea *view, QPoint at, const QString &entry)
{
    QTest::mouseClick(view->viewport(), Qt::RightButton, {}, at);
    bool chosen = false;
    auto *poll = new QTimer(view);
    poll->setInterval(20);
    QObject::connect(poll, &QTimer::timeout, view, [poll, entry, &chosen] {
        auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
        if (!menu)
            return;
        poll->stop();
        poll->deleteLater();
        for (QAction *action : menu->actions()) {
            if (plain(action->text()) == entry && action->isEnabled()) {
                menu->setActiveAction(action);
                QTest::keyClick(menu, Qt::Key_Return);
                chosen = true;
                return;
            }
        }
        QTest::keyClick(menu, Qt::Key_Escape);
    });
    poll->start();
    QContextMenuEvent event(QContextMenuEvent::Mouse, at, view->viewport()->mapToGlobal(at));
    QApplication::sendEvent(view->viewport(), &event);   // returns when the menu closed
    return chosen;
}

/// Right-clicks `index` (the press selects it, then the context menu event a right click
/// produces) and chooses `entry` in the menu with the keyboard. False when there was none.
inline bool contextMenu(QAbstractItemView *view, const QModelIndex &index, const QString &entry)
{
    view->scrollTo(index);
    return contextMenuAt(view, view->visualRect(index).center(), entry);
}

/// Clicks a cell, opens its editor with F2, replaces its text by typing, and presses Enter.
inline bool typeInCell(QAbstractItemView *view, const QModelIndex &index, const QString &text)
{
    view->scrollTo(index);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(index).center());
    QTest::keyClick(view, Qt::Key_F2);
    QWidget *editor = QApplication::focusWidget();
    if (!editor || !view->viewport()->isAncestorOf(editor)) {
        qWarning() << "no cell editor has the focus; focus:" << editor << "active window:" << QApplication::activeWindow();
        return false;
    }
    QTest::keyClick(editor, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(editor, text);
    QTest::keyClick(editor, Qt::Key_Return);
    return true;
}

/// The modal dialog open now (a window-modal prompt counts), once there is one.
template <typename T = QMessageBox>
T *waitForModal(int timeout = 10000)
{
    T *found = nullptr;
    (void)QTest::qWaitFor([&] { return (found = qobject_cast<T *>(QApplication::activeModalWidget())) != nullptr; }, timeout);
    return found;
}

/// Acts on the first modal dialog `accept` recognises once it opens (polling every 20 ms,
/// which also runs inside the dialog's own event loop).
inline void whenModal(QObject *context, std::function<bool(QWidget *)> accept, std::function<void(QWidget *)> act)
{
    auto *poll = new QTimer(context);
    poll->setInterval(20);
    QObject::connect(poll, &QTimer::timeout, context, [poll, accept, act] {
        QWidget *modal = QApplication::activeModalWidget();
        if (!modal || !accept(modal))
            return;
        poll->stop();
        poll->deleteLater();
        act(modal);
    });
    poll->start();
}

/// Waits until no modal dialog is open, then gives the window the focus back, as a window
/// manager does when a dialog closes (the offscreen platform does not).
inline bool dialogsClosed(QWidget *window)
{
    if (!QTest::qWaitFor([] { return QApplication::activeModalWidget() == nullptr; }, 10000))
        return false;
    window->activateWindow();
    return QTest::qWaitForWindowActive(window);
}

/// With STRATA_SCREENSHOT_DIR set (run under xvfb-run with QT_QPA_PLATFORM=xcb), saves the
/// whole screen as <dir>/<name>.png, for the documentation.
inline void screenshot(const QString &name)
{
    const QString dir = qEnvironmentVariable("STRATA_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    QTest::qWait(400);   // let the dialog paint
    QProcess::execute(s("import"), {s("-window"), s("root"), dir + QLatin1Char('/') + name + s(".png")});
}

inline void click(QAbstractButton *button)
{
    QTest::mouseClick(button, Qt::LeftButton, {}, button->rect().center());
}

/// The close button a tab shows (on the right or the left, per the style).
inline QAbstractButton *closeButton(QTabWidget *tabs, int index)
{
    QTabBar *bar = tabs->tabBar();
    QWidget *button = bar->tabButton(index, QTabBar::RightSide);
    if (!button)
        button = bar->tabButton(index, QTabBar::LeftSide);
    return qobject_cast<QAbstractButton *>(button);
}

/// A toolbar button or push button of `parent` showing `text` (mnemonics ignored).
template <typename T = QAbstractButton>
T *buttonNamed(QWidget *parent, const QString &text)
{
    for (T *button : parent->findChildren<T *>())
        if (plain(button->text()) == text && button->isVisible())
            return button;
    return nullptr;
}

} // namespace strata::test::journey
