#pragma once

// Input for journey tests (beside journey.h, which it includes), delivered the way the
// window system delivers a person's input: keys go to the window, which hands them to the open popup (a completer's list, a menu) or
// else to the focus widget; a right click on a window makes the context menu event; menus
// are used by clicking their entries. Nothing here calls a slot or emits a signal.

#include "journey.h"   // the shared journey helpers (findText, databases, prompts)
#include "tree/objecttreepanel.h"

#include <QAbstractItemView>
#include <QAction>
#include <QApplication>
#include <QMenu>
#include <QTest>
#include <QTimer>
#include <QToolButton>
#include <QTreeView>
#include <QWindow>

namespace strata::test::journey {

inline QWindow *windowOf(QWidget *widget)
{
    return widget->window()->windowHandle();
}

/// One key press and release, as the keyboard sends it to the window `widget` is in.
inline void key(QWidget *widget, Qt::Key k, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
{
    QTest::keyClick(windowOf(widget), k, modifiers);
}

/// Types ASCII text key by key into the window `widget` is in.
inline void type(QWidget *widget, const QString &text)
{
    for (const QChar c : text)
        QTest::keyClick(windowOf(widget), c.toLatin1());
}

/// Makes `widget`'s window the active one and gives `widget` the focus, as a click would.
inline bool focus(QWidget *widget)
{
    widget->window()->activateWindow();
    if (!QTest::qWaitForWindowActive(widget->window(), 5000))
        return false;
    widget->setFocus(Qt::MouseFocusReason);
    return QTest::qWaitFor([widget] { return widget->hasFocus(); }, 2000);
}

/// A left click at `pos` (the centre by default) of `widget`, through its window: the press
/// and release a mouse sends, with what the window system makes of them (focus, grabs).
inline void click(QWidget *widget, QPoint pos = {})
{
    if (pos.isNull())
        pos = widget->rect().center();
    QTest::mouseClick(windowOf(widget), Qt::LeftButton, Qt::NoModifier, widget->mapTo(widget->window(), pos));
}

/// A double click (press, release, press, release) through the window.
inline void doubleClick(QWidget *widget, QPoint pos = {})
{
    if (pos.isNull())
        pos = widget->rect().center();
    QTest::mouseDClick(windowOf(widget), Qt::LeftButton, Qt::NoModifier, widget->mapTo(widget->window(), pos));
}

/// The tool button showing `action` (a toolbar's), or nullptr.
inline QToolButton *buttonFor(QAction *action)
{
    for (QObject *object : action->associatedObjects())
        if (auto *button = qobject_cast<QToolButton *>(object); button && button->isVisible())
            return button;
    return nullptr;
}

/// Clicks the toolbar button of `action`; false when it has no visible, enabled button.
inline bool clickButton(QAction *action)
{
    QToolButton *button = buttonFor(action);
    if (!button || !button->isEnabled())
        return false;
    click(static_cast<QWidget *>(button));   // through the window, not journey.h's click on the button
    return true;
}

/// Clicks the centre of an item view's cell.
inline void clickCell(QAbstractItemView *view, const QModelIndex &index)
{
    view->scrollTo(index);
    click(view->viewport(), view->visualRect(index).center());
}

/// Double-clicks the centre of an item view's cell.
inline void doubleClickCell(QAbstractItemView *view, const QModelIndex &index)
{
    view->scrollTo(index);
    doubleClick(view->viewport(), view->visualRect(index).center());
}

/// Right-clicks a cell through the window (which makes the context menu event) and clicks
/// the menu entry whose text, without '&', is `entry`. False when no such entry appeared.
inline bool chooseFromContextMenu(QAbstractItemView *view, const QModelIndex &index, const QString &entry)
{
    view->scrollTo(index);
    bool chosen = false;
    QTimer poll;
    poll.setInterval(20);
    QObject::connect(&poll, &QTimer::timeout, [&] {
        auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
        if (!menu)
            return;
        poll.stop();
        for (QAction *action : menu->actions()) {
            if (action->text().remove(QLatin1Char('&')) == entry && action->isEnabled()) {
                click(menu, menu->actionGeometry(action).center());
                chosen = true;
                return;
            }
        }
        menu->close();
    });
    poll.start();
    const QPoint at = view->viewport()->mapTo(view->window(), view->visualRect(index).center());
    QTest::mouseClick(windowOf(view), Qt::RightButton, Qt::NoModifier, at);
    if (!QTest::qWaitFor([&] { return !poll.isActive(); }, 5000))
        return false;   // no menu opened
    return chosen;
}

/// Waits until the object tree shows `text` and returns its (view model) index, scrolled to.
inline QModelIndex waitForTreeItem(ui::ObjectTreePanel *panel, const QString &text)
{
    QTreeView *view = panel->view();
    if (!QTest::qWaitFor([&] { return findText(view->model(), text).isValid(); }, 15000))
        return {};
    const QModelIndex index = findText(view->model(), text);
    for (QModelIndex p = index.parent(); p.isValid(); p = p.parent())
        view->expand(p);
    view->scrollTo(index);
    return index;
}

} // namespace strata::test::journey
