#include "pendingworkguard.h"

#include <QMessageBox>
#include <QPushButton>
#include <QWidget>

namespace strata::ui {

PendingWorkGuard::PendingWorkGuard(QWidget *window, Request request, std::function<void()> proceed)
    : QObject(window)
    , m_window(window)
    , m_request(std::move(request))
    , m_proceed(std::move(proceed))
{
    setObjectName(QStringLiteral("pendingWorkGuard"));
}

PendingWorkGuard *PendingWorkGuard::start(QWidget *window, Request request, std::function<void()> proceed)
{
    for (QWidget *tab : request.tabs)
        if (PendingWork *work = PendingWork::of(tab))
            work->finishEditing();   // a value still in its cell editor counts
    auto *guard = new PendingWorkGuard(window, std::move(request), std::move(proceed));
    guard->m_items = guard->pendingItems();
    if (guard->m_items.isEmpty()) {
        const std::function<void()> go = std::move(guard->m_proceed);
        delete guard;
        go();
        return nullptr;
    }
    guard->ask();
    return guard;
}

bool PendingWorkGuard::anyPending(const QList<QWidget *> &tabs, PendingWorkScope scope)
{
    for (QWidget *tab : tabs) {
        if (PendingWork *work = PendingWork::of(tab)) {
            work->finishEditing();
            if (work->isPending(scope))
                return true;
        }
    }
    return false;
}

QList<PendingWorkGuard::Item> PendingWorkGuard::pendingItems() const
{
    QList<Item> items;
    for (QWidget *tab : m_request.tabs) {
        PendingWork *work = PendingWork::of(tab);
        if (!work)
            continue;
        const QStringList lines = work->describe(m_request.scope);
        if (!lines.isEmpty())
            items << Item{work, m_request.name ? m_request.name(tab) : tab->windowTitle(),
                          m_request.where ? m_request.where(tab) : QString(), lines, std::nullopt};
    }
    return items;
}

QString PendingWorkGuard::label(const Item &item)
{
    QString text = QStringLiteral("<b>%1</b>").arg(item.name.toHtmlEscaped());
    if (!item.where.isEmpty())
        text += QStringLiteral(" <span style=\"color: #606060;\">— %1</span>").arg(item.where.toHtmlEscaped());
    return text;
}

QMessageBox *PendingWorkGuard::makeBox(QMessageBox::Icon icon, const QString &objectName, const QString &text,
                                       const QString &details, QMessageBox::StandardButtons buttons)
{
    auto *box = new QMessageBox(icon, m_request.title, text, buttons, m_window);
    box->setObjectName(objectName);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setTextFormat(Qt::RichText);
    box->setInformativeText(details);
    // Room for a tab's name beside its connection on one line.
    box->setStyleSheet(QStringLiteral("QLabel#qt_msgbox_informativelabel { min-width: 460px; }"));
    return box;
}

void PendingWorkGuard::ask()
{
    const bool one = m_items.size() == 1;
    QString list = QStringLiteral("<ul style=\"margin-left: 0px; -qt-list-indent: 1;\">");
    for (const Item &item : std::as_const(m_items)) {
        QStringList lines;
        for (const QString &line : item.lines)
            lines << line.toHtmlEscaped();
        list += QStringLiteral("<li>%1<br>%2</li>").arg(label(item), lines.join(QStringLiteral("<br>")));
    }
    list += QStringLiteral("</ul>");
    list += one ? tr("<p>Save it first, discard it, or cancel and keep working.</p>")
                : tr("<p>Save all of it first, discard all of it, or cancel and keep working.</p>");
    QMessageBox *box = makeBox(QMessageBox::Warning, QStringLiteral("pendingWorkPrompt"),
                               one ? tr("<b>“%1” has unsaved work.</b>").arg(m_items.first().name.toHtmlEscaped())
                                   : tr("<b>%n tabs have unsaved work.</b>", nullptr, int(m_items.size())),
                               list, QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel);
    box->button(QMessageBox::Save)->setText(one ? tr("&Save") : tr("&Save All"));
    box->button(QMessageBox::Discard)->setText(one ? tr("&Discard") : tr("&Discard All"));
    box->setDefaultButton(QMessageBox::Save);
    box->setEscapeButton(QMessageBox::Cancel);
    connect(box, &QMessageBox::finished, this, [this, box] {
        const int button = box->clickedButton() ? int(box->standardButton(box->clickedButton())) : int(QMessageBox::Cancel);
        answered(button);
    });
    m_prompt = box;
    box->open();
}

void PendingWorkGuard::answered(int button)
{
    m_prompt = nullptr;
    if (button == QMessageBox::Discard) {
        for (const Item &item : std::as_const(m_items))
            if (item.work)
                item.work->discard(m_request.scope);
        finish(true);
    } else if (button == QMessageBox::Save) {
        saveAll();
    } else {
        finish(false);
    }
}

void PendingWorkGuard::saveAll()
{
    m_outstanding = int(m_items.size());
    Q_EMIT savingStarted(m_outstanding);
    // Rounds are numbered: answers of an earlier round never count in a later one.
    const int round = ++m_round;
    QPointer<PendingWorkGuard> self(this);
    // A tab that goes away while saving (its connection closed) has nothing left to lose.
    for (int i = 0; i < m_items.size(); ++i) {
        if (PendingWork *work = m_items[i].work)
            connect(work, &QObject::destroyed, this, [this, round, i] { saveEnded(round, i, Status()); });
    }
    for (int i = 0; i < m_items.size(); ++i) {
        if (PendingWork *work = m_items[i].work)
            work->save(m_request.scope, [self, round, i](const Status &status) {
                if (self)
                    self->saveEnded(round, i, status);
            });
        else
            saveEnded(round, i, Status());
    }
}

void PendingWorkGuard::saveEnded(int round, int item, const Status &status)
{
    if (m_finished || round != m_round || item < 0 || item >= m_items.size() || m_items[item].outcome)
        return;
    m_items[item].outcome = status;
    if (--m_outstanding == 0)
        conclude();
}

void PendingWorkGuard::conclude()
{
    ++m_round;
    QList<const Item *> failed;
    bool cancelled = false;
    for (const Item &item : std::as_const(m_items)) {
        if (!item.outcome || item.outcome->ok())
            continue;
        if (item.outcome->error().isCancelled())
            cancelled = true;
        else
            failed << &item;
    }
    if (!failed.isEmpty()) {
        showFailures(failed);
        for (const Item *item : std::as_const(failed))
            Q_EMIT saveFailed(item->work ? item->work->tab() : nullptr, item->outcome->error());
        finish(false);
        return;
    }
    if (cancelled) {
        finish(false);
        return;
    }
    // Work that appeared while saving (an edit made meanwhile) is asked about again.
    m_items = pendingItems();
    if (m_items.isEmpty())
        finish(true);
    else
        ask();
}

void PendingWorkGuard::showFailures(const QList<const Item *> &failed)
{
    QString details;
    if (failed.size() == 1) {
        const Item &item = *failed.first();
        if (!item.where.isEmpty())
            details += QStringLiteral("<p>%1</p>").arg(label(item));
        details += QStringLiteral("<p>%1</p>").arg(item.outcome->error().message.toHtmlEscaped());
    } else {
        details += QStringLiteral("<ul style=\"margin-left: 0px; -qt-list-indent: 1;\">");
        for (const Item *item : failed)
            details += QStringLiteral("<li>%1<br>%2</li>").arg(label(*item), item->outcome->error().message.toHtmlEscaped());
        details += QStringLiteral("</ul>");
    }
    details += tr("<p>Your work stays in the tab: fix the problem and save again, or discard it.</p>");
    QMessageBox *box = makeBox(QMessageBox::Critical, QStringLiteral("pendingWorkError"),
                               failed.size() == 1 ? tr("<b>Could not save “%1”. Nothing was closed.</b>").arg(failed.first()->name.toHtmlEscaped())
                                                  : tr("<b>%n tabs could not be saved. Nothing was closed.</b>", nullptr, int(failed.size())),
                               details, QMessageBox::Ok);
    box->open();
}

void PendingWorkGuard::finish(bool proceed)
{
    if (m_finished)
        return;
    m_finished = true;
    if (proceed && m_proceed)
        m_proceed();
    Q_EMIT finished(proceed);
    deleteLater();
}

} // namespace strata::ui
