#pragma once

// What `strata-bench view` measures the real widget with, offscreen:
//  - PaintProbe: the time until the grid's viewport has been painted with loaded rows where
//    the view stands (the paint itself included: the moment is taken by a call queued from
//    the paint event, which runs right after it);
//  - StallMeter: the longest time the GUI thread did not come back to its event loop, as the
//    largest gap between the ticks of a 2 ms precise timer;
//  - input as a person gives it: key presses, and a drag of the scrollbar's slider.

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <functional>

class QScrollBar;
class QWidget;

namespace strata::bench {

class PaintProbe : public QObject {
public:
    explicit PaintProbe(std::function<bool()> ready) : m_ready(std::move(ready)) {}
    /// The widget whose paint events count (the grid's viewport).
    void watch(QWidget *viewport);
    /// Runs `action`, then waits for a paint that shows ready rows: milliseconds from the
    /// start of `action` (so `action` itself counts), or -1 after `timeoutMs`.
    double measure(const std::function<void()> &action, int timeoutMs = 120000);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    std::function<bool()> m_ready;
    QPointer<QWidget> m_viewport;
    QElapsedTimer m_clock;
    bool m_armed = false;
    double m_doneMs = -1;
};

class StallMeter : public QObject {
public:
    StallMeter();
    void reset();
    /// The longest gap between two ticks since reset(), less the 2 ms interval.
    double longestMs() const;

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    qint64 m_longest = 0;
};

/// Runs the event loop until `done` or `timeoutMs`; false on timeout.
bool waitFor(const std::function<bool()> &done, int timeoutMs);
/// Lets the event loop run for `ms` milliseconds.
void settle(int ms);
/// A key press and release, delivered to `target` as the keyboard would.
void pressKey(QWidget *target, int key, Qt::KeyboardModifiers modifiers = Qt::NoModifier);
/// Presses the slider of `bar` and moves it to `fraction` of its travel (the button stays
/// down, as in a drag); releaseSlider() lets it go.
void dragSlider(QScrollBar *bar, double fraction);
void releaseSlider(QScrollBar *bar);

} // namespace strata::bench
