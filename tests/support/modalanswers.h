// Journey helpers shared by the migration-panel journeys: answering the next modal dialog
// from inside its exec() as a person would, and finding a toolbar's button by its text.

#pragma once

#include <QAction>
#include <QApplication>
#include <QDeadlineTimer>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>

#include <functional>
#include <memory>

namespace strata::test {

/// Answers the next modal dialog of type T (polled every 20 ms, for at most timeoutMs).
template <typename T>
void whenModal(std::function<void(T *)> answer, int timeoutMs = 30000)
{
    auto *timer = new QTimer(qApp);
    auto deadline = std::make_shared<QDeadlineTimer>(timeoutMs);
    QObject::connect(timer, &QTimer::timeout, timer, [timer, answer, deadline] {
        T *dialog = qobject_cast<T *>(QApplication::activeModalWidget());
        if ((!dialog || !dialog->isVisible()) && !deadline->hasExpired())
            return;
        timer->stop();
        timer->deleteLater();
        if (dialog)
            answer(dialog);
    });
    timer->start(20);
}

/// The tool button showing `text`: a toolbar's action first, then any QToolButton.
inline QToolButton *toolButton(QWidget *parent, const QString &text)
{
    for (QToolBar *bar : parent->findChildren<QToolBar *>())
        for (QAction *a : bar->actions())
            if (a->text() == text)
                if (auto *b = qobject_cast<QToolButton *>(bar->widgetForAction(a)))
                    return b;
    for (QToolButton *b : parent->findChildren<QToolButton *>())
        if (b->text() == text)
            return b;
    return nullptr;
}

} // namespace strata::test
