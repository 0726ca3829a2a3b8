#include "editcommands.h"

#include <QAbstractItemView>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QKeyEvent>
#include <QLineEdit>
#include <QMenu>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QTextEdit>

namespace strata::ui {

QAction *panelActionFor(QKeySequence::StandardKey key, QWidget *focus, QWidget *window)
{
    const QList<QKeySequence> bindings = QKeySequence::keyBindings(key);
    for (QWidget *w = focus; w; w = w->parentWidget()) {
        for (QAction *action : w->actions()) {
            if (!action->isEnabled())
                continue;
            for (const QKeySequence &shortcut : action->shortcuts())
                if (bindings.contains(shortcut))
                    return action;
        }
        if (w == window)
            break;
    }
    return nullptr;
}

namespace {

bool clipboardHasText()
{
    const QMimeData *data = QApplication::clipboard()->mimeData();
    return data && data->hasText();
}

bool lineEditCan(QKeySequence::StandardKey key, const QLineEdit *edit)
{
    const bool plainEcho = edit->echoMode() == QLineEdit::Normal;
    switch (key) {
    case QKeySequence::Undo: return edit->isUndoAvailable();
    case QKeySequence::Redo: return edit->isRedoAvailable();
    case QKeySequence::Cut: return plainEcho && edit->hasSelectedText() && !edit->isReadOnly();
    case QKeySequence::Copy: return plainEcho && edit->hasSelectedText();
    case QKeySequence::Paste: return !edit->isReadOnly() && clipboardHasText();
    case QKeySequence::SelectAll: return !edit->text().isEmpty();
    default: return false;
    }
}

template <typename Edit>
bool textEditCan(QKeySequence::StandardKey key, const Edit *edit)
{
    const bool selection = edit->textCursor().hasSelection();
    switch (key) {
    case QKeySequence::Undo: return !edit->isReadOnly() && edit->document()->isUndoAvailable();
    case QKeySequence::Redo: return !edit->isReadOnly() && edit->document()->isRedoAvailable();
    case QKeySequence::Cut: return selection && !edit->isReadOnly();
    case QKeySequence::Copy: return selection;
    case QKeySequence::Paste: return !edit->isReadOnly() && edit->canPaste();
    case QKeySequence::SelectAll: return !edit->document()->isEmpty();
    default: return false;
    }
}

bool itemViewCan(QKeySequence::StandardKey key, const QAbstractItemView *view)
{
    const bool rows = view->model() && view->model()->rowCount(view->rootIndex()) > 0;
    switch (key) {
    case QKeySequence::Copy: return view->currentIndex().isValid();
    case QKeySequence::SelectAll: return rows && view->selectionMode() >= QAbstractItemView::MultiSelection;
    default: return false;
    }
}

} // namespace

EditCommands::EditCommands(QMenu *menu, QWidget *window)
    : QObject(menu)
    , m_window(window)
{
    const struct {
        QKeySequence::StandardKey key;
        QString text;
        const char *name;
        bool separatorAfter;
    } commands[] = {
        {QKeySequence::Undo, tr("&Undo"), "actionUndo", false},
        {QKeySequence::Redo, tr("&Redo"), "actionRedo", true},
        {QKeySequence::Cut, tr("Cu&t"), "actionCut", false},
        {QKeySequence::Copy, tr("&Copy"), "actionCopy", false},
        {QKeySequence::Paste, tr("&Paste"), "actionPaste", true},
        {QKeySequence::Find, tr("&Find…"), "actionFind", false},
        {QKeySequence::SelectAll, tr("Select &all"), "actionSelectAll", false},
    };
    for (const auto &c : commands) {
        auto *action = new QAction(c.text, this);
        action->setObjectName(QLatin1String(c.name));
        action->setShortcuts(QKeySequence::keyBindings(c.key));
        // Shown in the menu, never taken from the widgets: only the open menu has them.
        action->setShortcutContext(Qt::WidgetShortcut);
        const QKeySequence::StandardKey key = c.key;
        connect(action, &QAction::triggered, this, [this, key] { run(key); });
        menu->addAction(action);
        if (c.separatorAfter)
            menu->addSeparator();
        m_commands.append({c.key, action});
    }
    connect(menu, &QMenu::aboutToShow, this, &EditCommands::update);
    connect(qApp, &QApplication::focusChanged, this, &EditCommands::update);
    update();
}

QAction *EditCommands::command(QKeySequence::StandardKey key) const
{
    for (const auto &[k, action] : m_commands)
        if (k == key)
            return action;
    return nullptr;
}

void EditCommands::update()
{
    QWidget *focus = QApplication::focusWidget();
    if (focus && focus->window() != m_window)
        focus = nullptr;   // a dialog or a popup: the window's own widgets only
    for (const auto &[key, action] : m_commands)
        action->setEnabled(focus && canDo(key, focus));
}

bool EditCommands::canDo(QKeySequence::StandardKey key, QWidget *focus) const
{
    if (panelActionFor(key, focus, m_window))
        return true;
    if (auto *edit = qobject_cast<QLineEdit *>(focus))
        return lineEditCan(key, edit);
    if (auto *edit = qobject_cast<QPlainTextEdit *>(focus))
        return textEditCan(key, edit);
    if (auto *edit = qobject_cast<QTextEdit *>(focus))
        return textEditCan(key, edit);
    if (auto *view = qobject_cast<QAbstractItemView *>(focus))
        return itemViewCan(key, view);
    return false;
}

void EditCommands::run(QKeySequence::StandardKey key)
{
    QWidget *focus = QApplication::focusWidget();
    if (!focus || focus->window() != m_window || !canDo(key, focus))
        return;
    if (QAction *action = panelActionFor(key, focus, m_window)) {
        action->trigger();
        return;
    }
    const QList<QKeySequence> bindings = QKeySequence::keyBindings(key);
    if (bindings.isEmpty())
        return;
    const QKeyCombination combination = bindings.first()[0];
    QKeyEvent press(QEvent::KeyPress, combination.key(), combination.keyboardModifiers());
    QApplication::sendEvent(focus, &press);
    QKeyEvent release(QEvent::KeyRelease, combination.key(), combination.keyboardModifiers());
    QApplication::sendEvent(focus, &release);
    update();
}

} // namespace strata::ui
