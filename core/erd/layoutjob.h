#pragma once

// LayoutJob: computeLayout() off the calling thread (Qt's global thread pool), with progress
// and cancel. Signals arrive on the thread that made the job (the GUI's).
//
// cancel() returns at once: the job says finished(Cancelled) right away and drops whatever
// the layout thread delivers later. The thread itself stops at the next component boundary
// (diagramlayout.h: gvLayout() cannot be interrupted); its state is shared, not owned by
// this object, so deleting the job while Graphviz still runs is safe.

#include "diagramlayout.h"

#include <QObject>
#include <memory>

namespace strata::erd {

class LayoutJob : public QObject {
    Q_OBJECT
public:
    explicit LayoutJob(QObject *parent = nullptr);
    ~LayoutJob() override;

    /// Starts a layout; a layout still running is cancelled first.
    void start(LayoutInput input);
    void cancel();
    bool isRunning() const { return m_state != nullptr; }

Q_SIGNALS:
    void progress(int done, int total);
    void finished(const strata::Result<strata::erd::LayoutOutput> &result);

private:
    struct Shared;
    std::shared_ptr<Shared> m_state;
};

} // namespace strata::erd
