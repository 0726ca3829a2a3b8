// TableModel: reading windows and counting (see tablemodel.h).

#include "tablemodel.h"

#include "connection/connection.h"
#include "nativequery.h"

#include <QElapsedTimer>
#include <utility>

namespace strata::data {

using connection::JobContext;

namespace {
constexpr int kMaxWanted = 8;            // queued window reads; older wishes are dropped
constexpr int kWindowsPerSample = 256;   // windows covered by one boundary-sampling query
}

void TableModel::resetReading(bool keepRows)
{
    ++m_generation;
    if (m_inFlightConnection && m_inFlight >= 0 && !(m_saving && writerConnection() == m_inFlightConnection))
        m_inFlightConnection->cancel(this);   // its result is dropped by the generation check
    m_cache.clear();
    m_boundaries.clear();
    m_boundariesComplete = false;
    m_approxWindows.clear();
    m_quantiles = KeyQuantiles();
    m_approxFocus = -1;
    m_approxOff = false;
    m_pausedSampling = nullptr;
    m_wanted.clear();
    m_countCancelled = false;
    m_countError.reset();
    if (!keepRows) {
        // Always inside a model reset.
        m_tableRows = 0;
        resetTotalRows(insertedRowCount());
        m_countState = CountState::Unknown;
        m_moreRows = false;
    } else if (m_countState == CountState::Exact) {
        m_countState = CountState::Estimate;   // the old count, until the new one arrives
    }
    m_counting = m_background != nullptr;
    // The first window goes first: counting and sampling start once no window read is
    // wanted (see dispatch()), so that they never compete with the rows the user waits for.
    m_backgroundPending = true;
    scheduleDispatch();
}

void TableModel::fetchTableRow(qint64 tableRow)
{
    requestWindow(m_cache.windowOf(tableRow));
}

void TableModel::requestWindow(int window) const
{
    if (!m_open || window < 0 || m_cache.contains(window))
        return;
    if (m_inFlight == window && m_inFlightGeneration == m_generation)
        return;
    m_wanted.insert(window, ++m_requestSequence);
    while (m_wanted.size() > kMaxWanted) {
        auto oldest = m_wanted.begin();
        for (auto it = m_wanted.begin(); it != m_wanted.end(); ++it)
            if (it.value() < oldest.value())
                oldest = it;
        m_wanted.erase(oldest);
    }
    scheduleDispatch();
}

void TableModel::scheduleDispatch() const
{
    if (m_dispatchScheduled)
        return;
    m_dispatchScheduled = true;
    auto *self = const_cast<TableModel *>(this);
    // Deferred: data() runs while painting; all the rows one paint wants are queued first.
    QMetaObject::invokeMethod(self, [self] {
        self->m_dispatchScheduled = false;
        self->dispatch();
    }, Qt::QueuedConnection);
}

void TableModel::dispatch()
{
    while (m_inFlight < 0 && !m_wanted.isEmpty() && m_reader && m_open) {
        auto latest = m_wanted.begin();
        for (auto it = m_wanted.begin(); it != m_wanted.end(); ++it)
            if (it.value() > latest.value())
                latest = it;
        const int window = latest.key();
        m_wanted.erase(latest);
        if (m_cache.contains(window))
            continue;
        if (window > 0 && m_countState != CountState::Unknown && qint64(window) * m_cache.windowSize() >= m_tableRows)
            continue;
        const std::optional<Approximation> guess = approximation();
        const WindowPlan plan = planWindow(m_builder, m_cache, m_boundaries, window,
                                           m_countState == CountState::Exact ? m_tableRows : -1, guess ? &*guess : nullptr);
        m_inFlight = window;
        m_inFlightGeneration = m_generation;
        m_inFlightConnection = readConnection();
        const int generation = m_generation;
        QElapsedTimer timer;
        timer.start();
        m_inFlightConnection->run<RowSet>(
            this, [sql = plan.sql](JobContext &job) { return runNative(job.native, job.dialect, sql); },
            [this, generation, plan, timer](Result<RowSet> result) {
                windowArrived(generation, plan, std::move(result), timer.elapsed());
            });
        Q_EMIT statusChanged();
    }
    if (m_backgroundPending && m_inFlight < 0 && m_wanted.isEmpty()) {
        m_backgroundPending = false;
        startBackground();
    }
    if (m_inFlight < 0 && m_pausedSampling) {
        std::function<void()> resume = std::move(m_pausedSampling);
        m_pausedSampling = nullptr;
        resume();
    }
}

void TableModel::windowArrived(int generation, const WindowPlan &plan, Result<RowSet> result, qint64 elapsedMs)
{
    m_inFlight = -1;
    if (generation != m_generation) {
        dispatch();
        return;
    }
    const bool checkDescription = std::exchange(m_checkDescription, false);
    if (!result && checkDescription && !result.error().isCancelled() && result.error().kind != ErrorKind::Connection) {
        // Opened from the catalog's description and the first read failed: the description
        // may be stale (changed outside Strata). Describe the table and read again.
        refresh();
        return;
    }
    if (!result) {
        if (!result.error().isCancelled())
            Q_EMIT fetchFailed(result.error());
        Q_EMIT statusChanged();
        dispatch();
        return;
    }
    GridRows rows = std::move(result->rows);
    if (plan.reversed())
        std::reverse(rows.begin(), rows.end());
    const int size = m_cache.windowSize();
    if (plan.approximate && rows.size() < plan.limit) {
        // The estimate missed (statistics older than the table): read this one exactly.
        m_approxOff = true;
        requestWindow(plan.window);
        dispatch();
        return;
    }
    m_lastFetchMs = elapsedMs;
    m_lastFetchTime = QDateTime::currentDateTime();
    const qint64 first = qint64(plan.window) * size;
    if (plan.approximate) {
        // A guessed position says nothing about where the table ends.
    } else if (!plan.reversed() && rows.size() < size) {
        const qint64 end = first + rows.size();
        if ((!rows.isEmpty() || plan.window == 0) && (m_countState != CountState::Exact || m_tableRows != end)) {
            m_moreRows = false;
            setTableRows(end, CountState::Exact);
        }
    } else if (!plan.reversed() && m_countState == CountState::Unknown && first + size > m_tableRows) {
        m_moreRows = true;
        setTableRows(first + size, CountState::Unknown);
    }
    if (!rows.isEmpty()) {
        if (plan.approximate) {
            m_approxWindows.set(plan.window, m_builder.navigationKey(rows.first()));
            m_approxFocus = plan.window;
        } else {
            m_approxWindows.remove(plan.window);
            if (m_builder.keyset())
                m_boundaries.set(plan.window, m_builder.navigationKey(rows.first()));
        }
        const int count = int(rows.size());
        m_cache.insert(plan.window, std::move(rows));
        const qint64 inserted = insertedRowCount();
        emitRowsChanged(first + inserted, first + count - 1 + inserted);
    }
    Q_EMIT windowLoaded(plan.window);
    Q_EMIT statusChanged();
    dispatch();
}

void TableModel::setTableRows(qint64 rows, CountState state)
{
    // 64-bit: the model's window shows the part of the rows an int can number.
    rows = qMax(qint64(0), rows);
    if (rows != m_tableRows) {
        const bool shorter = rows < m_tableRows;
        setTotalRows(insertedRowCount() + rows, [this, rows, shorter] {
            m_tableRows = rows;
            if (shorter)
                m_cache.dropFrom(int((rows + m_cache.windowSize() - 1) / m_cache.windowSize()));
        });
    }
    m_countState = state;
    Q_EMIT statusChanged();
    emitLocated();
}

void TableModel::cancelCount()
{
    if (m_counting && m_backgroundBusy && m_background) {
        m_countCancelled = true;
        if (!(m_saving && writerConnection() == m_background))
            m_background->cancel(this);
    }
}

void TableModel::startBackground()
{
    if (!m_background || !m_open)
        return;
    if (m_backgroundBusy) {
        m_backgroundRestart = true;
        if (!(m_background == writerConnection() && m_saving))
            m_background->cancel(this);
        return;
    }
    if (m_builder.estimate())
        runEstimate(m_generation);
    else
        runCount(m_generation);
}

void TableModel::backgroundDone(int generation)
{
    m_backgroundBusy = false;
    if (generation != m_generation && m_backgroundRestart) {
        m_backgroundRestart = false;
        startBackground();
    }
}

void TableModel::runEstimate(int generation)
{
    m_backgroundBusy = true;
    m_background->run<RowSet>(
        this, [sql = *m_builder.estimate()](JobContext &job) { return runNative(job.native, job.dialect, sql); },
        [this, generation](Result<RowSet> result) {
            backgroundDone(generation);
            if (generation != m_generation)
                return;
            bool ok = false;
            const qint64 estimate = result && !result->rows.isEmpty() ? result->rows.first().value(0).toLongLong(&ok) : -1;
            // Below 1 is never an estimate: a table with rows must not show 0 (see estimate()).
            if (ok && estimate >= 1 && m_countState != CountState::Exact)
                setTableRows(qMax(estimate, m_tableRows), CountState::Estimate);
            if (m_builder.keyHistogram() && m_tableRows > 0)
                runQuantiles(generation);
            else
                runCount(generation);
        });
}

void TableModel::runCount(int generation)
{
    m_backgroundBusy = true;
    m_counting = true;
    Q_EMIT statusChanged();
    m_background->run<RowSet>(
        this, [sql = m_builder.count()](JobContext &job) { return runNative(job.native, job.dialect, sql); },
        [this, generation](Result<RowSet> result) {
            backgroundDone(generation);
            if (generation != m_generation)
                return;
            m_counting = false;
            if (!result) {
                if (!result.error().isCancelled()) {
                    m_countError = result.error();
                    Q_EMIT fetchFailed(result.error());
                }
                Q_EMIT statusChanged();
                return;
            }
            m_moreRows = false;
            setTableRows(result->rows.value(0).value(0).toLongLong(), CountState::Exact);
            Q_EMIT countFinished();
            if (m_builder.keyset() && m_tableRows > 2 * m_cache.windowSize())
                sampleNext(generation, {}, 0);
            else
                samplingDone();
        });
}

void TableModel::sampleChunk(int generation, const QVariantList &after, int firstWindow)
{
    const int size = m_cache.windowSize();
    const int chunk = size * kWindowsPerSample;
    m_backgroundBusy = true;
    m_background->run<RowSet>(
        this, [sql = m_builder.sampleBoundaries(after, chunk, size)](JobContext &job) { return runNative(job.native, job.dialect, sql); },
        [this, generation, firstWindow, size, chunk](Result<RowSet> result) {
            backgroundDone(generation);
            if (generation != m_generation || !result)
                return;
            QVariantList last;
            qint64 lastRow = 0;
            for (const QVariantList &row : result->rows) {
                const qint64 rn = row.last().toLongLong();
                const QVariantList key = row.mid(0, row.size() - 1);
                if ((rn - 1) % size == 0)
                    m_boundaries.set(firstWindow + int((rn - 1) / size), key);
                last = key;
                lastRow = rn;
            }
            if (lastRow == chunk) {
                sampleNext(generation, last, firstWindow + kWindowsPerSample);
                return;
            }
            samplingDone();
        });
}

} // namespace strata::data
