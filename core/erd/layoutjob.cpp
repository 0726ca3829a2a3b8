#include "layoutjob.h"

#include <QCoreApplication>
#include <QPointer>
#include <QThreadPool>

namespace strata::erd {

struct LayoutJob::Shared {
    std::atomic_bool cancel{false};
};

LayoutJob::LayoutJob(QObject *parent) : QObject(parent) {}

LayoutJob::~LayoutJob()
{
    if (m_state)
        m_state->cancel = true;
}

void LayoutJob::start(LayoutInput input)
{
    if (m_state)
        m_state->cancel = true;   // superseded: its late result is dropped
    auto state = std::make_shared<Shared>();
    m_state = state;
    QPointer<LayoutJob> self(this);
    QThreadPool::globalInstance()->start([self, state, input = std::move(input)]() {
        const auto report = [self, state](int done, int total) {
            QMetaObject::invokeMethod(QCoreApplication::instance(), [self, state, done, total] {
                if (self && self->m_state == state)
                    Q_EMIT self->progress(done, total);
            }, Qt::QueuedConnection);
        };
        auto result = std::make_shared<Result<LayoutOutput>>(computeLayout(input, &state->cancel, report));
        QMetaObject::invokeMethod(QCoreApplication::instance(), [self, state, result] {
            if (!self || self->m_state != state)
                return;   // cancelled or superseded meanwhile
            self->m_state.reset();
            Q_EMIT self->finished(*result);
        }, Qt::QueuedConnection);
    });
}

void LayoutJob::cancel()
{
    if (!m_state)
        return;
    m_state->cancel = true;
    m_state.reset();
    Q_EMIT finished(Error(ErrorKind::Cancelled, tr("Layout cancelled")));
}

} // namespace strata::erd
