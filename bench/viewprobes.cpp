#include "viewprobes.h"

#include <QApplication>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QScrollBar>
#include <QStyle>
#include <QStyleOptionSlider>

namespace strata::bench {

void PaintProbe::watch(QWidget *viewport)
{
    if (m_viewport)
        m_viewport->removeEventFilter(this);
    m_viewport = viewport;
    if (viewport)
        viewport->installEventFilter(this);
}

double PaintProbe::measure(const std::function<void()> &action, int timeoutMs)
{
    m_doneMs = -1;
    m_armed = true;
    m_clock.start();
    action();
    if (m_viewport)
        m_viewport->update();   // a paint comes even when the action changed nothing visible
    if (!waitFor([this] { return m_doneMs >= 0; }, timeoutMs)) {
        m_armed = false;
        return -1;
    }
    return m_doneMs;
}

bool PaintProbe::eventFilter(QObject *, QEvent *event)
{
    if (event->type() == QEvent::Paint && m_armed && m_ready()) {
        m_armed = false;
        // Queued: runs once this paint event has been handled.
        QMetaObject::invokeMethod(this, [this] { m_doneMs = double(m_clock.nsecsElapsed()) / 1e6; }, Qt::QueuedConnection);
    }
    return false;
}

StallMeter::StallMeter()
{
    m_clock.start();
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        const qint64 now = m_clock.nsecsElapsed();
        m_longest = qMax(m_longest, now - m_last);
        m_last = now;
    });
    m_timer.start(2);
}

void StallMeter::reset()
{
    m_last = m_clock.nsecsElapsed();
    m_longest = 0;
}

double StallMeter::longestMs() const
{
    return qMax(0.0, double(m_longest) / 1e6 - 2.0);
}

bool waitFor(const std::function<bool()> &done, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    QTimer tick;
    tick.start(10);   // wake up now and then even when nothing arrives
    while (!done()) {
        if (timer.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents);
    }
    return true;
}

void settle(int ms)
{
    QElapsedTimer timer;
    timer.start();
    waitFor([&timer, ms] { return timer.elapsed() >= ms; }, ms + 1000);
}

void pressKey(QWidget *target, int key, Qt::KeyboardModifiers modifiers)
{
    QKeyEvent press(QEvent::KeyPress, key, modifiers);
    QApplication::sendEvent(target, &press);
    QKeyEvent release(QEvent::KeyRelease, key, modifiers);
    QApplication::sendEvent(target, &release);
}

namespace {

QStyleOptionSlider sliderOption(QScrollBar *bar)
{
    QStyleOptionSlider option;
    option.initFrom(bar);
    option.orientation = bar->orientation();
    option.minimum = bar->minimum();
    option.maximum = bar->maximum();
    option.sliderPosition = bar->sliderPosition();
    option.sliderValue = bar->value();
    option.pageStep = bar->pageStep();
    option.singleStep = bar->singleStep();
    return option;
}

void sendMouse(QScrollBar *bar, QEvent::Type type, const QPoint &at, Qt::MouseButtons buttons)
{
    QMouseEvent event(type, QPointF(at), bar->mapToGlobal(QPointF(at)), type == QEvent::MouseMove ? Qt::NoButton : Qt::LeftButton,
                      buttons, Qt::NoModifier);
    QApplication::sendEvent(bar, &event);
}

} // namespace

void dragSlider(QScrollBar *bar, double fraction)
{
    const QStyleOptionSlider option = sliderOption(bar);
    const QRect handle = bar->style()->subControlRect(QStyle::CC_ScrollBar, &option, QStyle::SC_ScrollBarSlider, bar);
    const QRect groove = bar->style()->subControlRect(QStyle::CC_ScrollBar, &option, QStyle::SC_ScrollBarGroove, bar);
    const QPoint start = handle.center();
    sendMouse(bar, QEvent::MouseButtonPress, start, Qt::LeftButton);
    const QPoint end(start.x(), groove.top() + handle.height() / 2 + int(fraction * (groove.height() - handle.height())));
    sendMouse(bar, QEvent::MouseMove, end, Qt::LeftButton);
}

void releaseSlider(QScrollBar *bar)
{
    const QStyleOptionSlider option = sliderOption(bar);
    const QRect handle = bar->style()->subControlRect(QStyle::CC_ScrollBar, &option, QStyle::SC_ScrollBarSlider, bar);
    sendMouse(bar, QEvent::MouseButtonRelease, handle.center(), Qt::NoButton);
}

} // namespace strata::bench
