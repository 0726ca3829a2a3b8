#pragma once

// PendingWorkGuard: stands between "close these tabs" (close a tab, quit, close a
// connection) and the tabs' PendingWork. With nothing pending the close goes on at once.
// Otherwise ONE window-modal prompt lists every tab with pending work and offers Save,
// Discard or Cancel:
//  - Cancel keeps everything open;
//  - Discard drops the work of every listed tab, then the close goes on;
//  - Save starts every tab's save and returns to the event loop (no nested loop, the
//    window stays responsive); when all ended the close goes on, unless a save failed
//    (the close stops, that tab keeps its work and shows why, and a message says so) or was
//    cancelled by the person (the close stops quietly). Work that appeared while saving is
//    asked about again.
// The guard is a child of the window and deletes itself once finished.

#include "pendingwork.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <functional>

#include <QMessageBox>
class QWidget;

namespace strata::ui {

class PendingWorkGuard : public QObject {
    Q_OBJECT
public:
    struct Request {
        QString title;                 ///< the prompt's window title: "Close tab", "Quit Strata"
        QList<QWidget *> tabs;         ///< the tabs about to go
        PendingWorkScope scope = PendingWorkScope::CloseTab;
        std::function<QString(QWidget *)> name;    ///< how the prompt names a tab (its title)
        std::function<QString(QWidget *)> where;   ///< optional: its connection, shown beside the name
    };

    /// Asks about the pending work of `request.tabs`, saves or discards it, then calls
    /// `proceed`. Returns nullptr when nothing was pending (`proceed` has run), else the guard,
    /// which lives until the person answered and the saves ended.
    static PendingWorkGuard *start(QWidget *window, Request request, std::function<void()> proceed);

    /// Commits what is being typed in `tabs`, then tells whether any holds work `scope` would lose.
    static bool anyPending(const QList<QWidget *> &tabs, PendingWorkScope scope);

    /// The open prompt, or nullptr (tests click its buttons).
    QMessageBox *prompt() const { return m_prompt; }

Q_SIGNALS:
    /// Saving started for `count` tabs (the window may say so in its status bar).
    void savingStarted(int count);
    /// A save failed: `tab` keeps its work and shows why; the close stopped.
    void saveFailed(QWidget *tab, const strata::Error &error);
    /// The guard is done: the close went on, or not (cancelled, a save failed).
    void finished(bool proceeded);

private:
    struct Item {
        QPointer<PendingWork> work;
        QString name;
        QString where;
        QStringList lines;
        std::optional<Status> outcome;   // set when its save ended
    };

    PendingWorkGuard(QWidget *window, Request request, std::function<void()> proceed);
    QList<Item> pendingItems() const;
    void ask();
    void answered(int button);
    void saveAll();
    void saveEnded(int round, int item, const Status &status);
    void conclude();
    void showFailures(const QList<const Item *> &failed);
    QMessageBox *makeBox(QMessageBox::Icon icon, const QString &objectName, const QString &text, const QString &details,
                         QMessageBox::StandardButtons buttons);
    static QString label(const Item &item);
    void finish(bool proceed);

    QWidget *m_window;
    Request m_request;
    std::function<void()> m_proceed;
    QList<Item> m_items;
    int m_outstanding = 0;
    int m_round = 0;   // the current round of saves (another prompt may follow a round)
    QPointer<QMessageBox> m_prompt;
    bool m_finished = false;
};

} // namespace strata::ui
