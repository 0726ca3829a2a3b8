#include "runcanceller.h"

#include <sqlite3.h>

namespace strata::migrate {

namespace {

// SQLite runs the progress handler every this many virtual-machine instructions.
constexpr int kProgressInstructions = 1000;
constexpr int kBusySleepMs = 10;

int readBusyTimeout(sqlite3 *db)
{
    int ms = 0;
    sqlite3_exec(
        db, "PRAGMA busy_timeout",
        [](void *out, int columns, char **values, char **) {
            if (columns > 0 && values[0])
                *static_cast<int *>(out) = std::atoi(values[0]);
            return 0;
        },
        &ms, nullptr);
    return ms;
}

} // namespace

void RunCanceller::interrupt(const QString &reason)
{
    QMutexLocker lock(&m_mutex);
    if (!reason.isEmpty())
        m_reason = reason;
    m_cancelled.store(true);
    m_interrupted.store(true);
    if (m_interrupting.load())
        m_handle.interrupt();
}

QString RunCanceller::interruptReason() const
{
    QMutexLocker lock(&m_mutex);
    return m_reason;
}

void RunCanceller::stopInterrupting()
{
    QMutexLocker lock(&m_mutex);
    m_interrupting.store(false);
}

int RunCanceller::onProgress(void *self)
{
    return static_cast<RunCanceller *>(self)->stopsStatements() ? 1 : 0;
}

int RunCanceller::onBusy(void *self, int count)
{
    auto *c = static_cast<RunCanceller *>(self);
    if (c->stopsStatements())
        return 0;
    if (count == 0)
        c->m_busyWait.start();
    if (c->m_busyWait.elapsed() >= c->m_busyTimeoutMs)
        return 0;
    sqlite3_sleep(kBusySleepMs);
    return 1;
}

RunCanceller::Armed::Armed(RunCanceller &canceller, const QSqlDatabase &db) : m_canceller(canceller)
{
    QMutexLocker lock(&canceller.m_mutex);
    canceller.m_handle.attach(db);
    canceller.m_sqlite = canceller.m_handle.sqlite();
    if (sqlite3 *s = canceller.m_sqlite) {
        m_previousBusyTimeoutMs = readBusyTimeout(s);
        canceller.m_busyTimeoutMs = m_previousBusyTimeoutMs;
        sqlite3_progress_handler(s, kProgressInstructions, &RunCanceller::onProgress, &canceller);
        sqlite3_busy_handler(s, &RunCanceller::onBusy, &canceller);
    }
}

RunCanceller::Armed::~Armed()
{
    QMutexLocker lock(&m_canceller.m_mutex);
    if (sqlite3 *s = m_canceller.m_sqlite) {
        sqlite3_progress_handler(s, 0, nullptr, nullptr);
        sqlite3_busy_timeout(s, m_previousBusyTimeoutMs);
    }
    m_canceller.m_sqlite = nullptr;
    m_canceller.m_handle.detach();
}

} // namespace strata::migrate
