#pragma once

// PendingWork: what a tab holds that closing it would lose — a grid's unsaved edits, a
// console's open transaction or unsaved text, a table design not applied, a revision file
// edited and not saved. A tab attaches one (it becomes the tab's child, found with of());
// whoever is about to drop the tab (closing it, quitting, closing its connection) asks it
// through PendingWorkGuard, which offers Save / Discard / Cancel for all of them at once.
//
// The tab gives hooks: what is pending (one short line per item, empty when nothing),
// how to save it (asynchronously: the hook starts the save and calls `done` once, on the
// GUI thread, when it ended; it never waits in a nested event loop), how to drop it, and
// optionally how to finish what is being typed (a cell editor still open) before asking.
// The tab emits changed() (or connects one of its own signals to it) whenever the answer
// may have changed; the main window shows a modified marker in the tab's title from it.

#include "base/result.h"

#include <QObject>
#include <QStringList>
#include <functional>

class QWidget;

namespace strata::ui {

/// Why the work is about to go. Quitting keeps what comes back by itself next time (a
/// console's text is autosaved and restored), closing a tab or a connection does not.
enum class PendingWorkScope { CloseTab, CloseConnection, Quit };

class PendingWork : public QObject {
    Q_OBJECT
public:
    /// Called once when a save ended: ok, the error that stopped it, or ErrorKind::Cancelled
    /// when the person backed out (e.g. closed the file dialog).
    using SaveDone = std::function<void(const Status &)>;
    struct Hooks {
        std::function<QStringList(PendingWorkScope)> describe;
        std::function<void(PendingWorkScope, SaveDone)> save;
        std::function<void(PendingWorkScope)> discard;
        std::function<void()> finishEditing;   ///< optional: commit an editor still open
    };

    /// Attaches to `tab` (its parent from now on).
    PendingWork(QWidget *tab, Hooks hooks);
    /// The PendingWork attached to `tab`, or nullptr.
    static PendingWork *of(const QWidget *tab);

    QWidget *tab() const;
    /// One line per pending item; empty when nothing would be lost.
    QStringList describe(PendingWorkScope scope) const;
    bool isPending(PendingWorkScope scope) const { return !describe(scope).isEmpty(); }
    void save(PendingWorkScope scope, SaveDone done);
    void discard(PendingWorkScope scope);
    /// Commits what is being typed (an open cell editor), so that describe() counts it.
    void finishEditing();

Q_SIGNALS:
    /// What describe() returns may have changed.
    void changed();

private:
    Hooks m_hooks;
};

} // namespace strata::ui
