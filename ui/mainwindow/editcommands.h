#pragma once

// The Edit menu's commands (undo, redo, cut, copy, paste, find, select all) acting on the
// widget that has the keyboard focus. A command first looks, from the focus widget up to the
// window, for a panel action bound to the same standard key (the grid's Copy and Paste, the
// console's Find) and triggers it; otherwise it sends the key to the focus widget, which
// handles it as if typed (line edits, SQL editors, item views). Each command is enabled only
// when the focus widget can do it now (updated when the focus moves and when the menu opens).
// The menu shows the usual shortcuts but does not take them: typing them still reaches the
// widget directly.

#include <QKeySequence>
#include <QObject>

class QAction;
class QMenu;
class QWidget;

namespace strata::ui {

class EditCommands : public QObject {
    Q_OBJECT
public:
    /// Fills `menu` with the commands; they are children of this object.
    EditCommands(QMenu *menu, QWidget *window);

    /// The command bound to `key` (Undo, Redo, Cut, Copy, Paste, Find, SelectAll).
    QAction *command(QKeySequence::StandardKey key) const;
    /// Enables each command per the current focus widget.
    void update();

private:
    bool canDo(QKeySequence::StandardKey key, QWidget *focus) const;
    void run(QKeySequence::StandardKey key);

    QWidget *m_window;
    QList<QPair<QKeySequence::StandardKey, QAction *>> m_commands;
};

/// The enabled action of `focus` or one of its ancestors (up to `window`) bound to `key`.
QAction *panelActionFor(QKeySequence::StandardKey key, QWidget *focus, QWidget *window);

} // namespace strata::ui
