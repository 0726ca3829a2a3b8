// TableModel: key boundary sampling, and approximate positions until it ends (see tablemodel.h).

#include "tablemodel.h"

#include "connection/connection.h"
#include "nativequery.h"

namespace strata::data {

using connection::JobContext;

namespace {
constexpr int kStepsPerSample = 1024;     // boundaries found by one step-sampling query
constexpr int kSampleKeys = 2000;         // keys wanted from a TABLESAMPLE when there is no histogram

struct Quantiles {
    QVariantList keys;
    bool histogram = true;
};
}

std::optional<Approximation> TableModel::approximation() const
{
    // New guesses only until sampling ends; but while guessed windows remain (until they
    // are located), the planner must know them, so that nothing read from one of them is
    // taken for exact.
    const bool guessing = !m_boundariesComplete && !m_approxOff && !m_quantiles.isEmpty();
    if (m_approxThreshold <= 0 || (!guessing && m_approxWindows.size() == 0))
        return std::nullopt;
    Approximation a;
    a.windows = &m_approxWindows;
    a.quantiles = guessing ? &m_quantiles : nullptr;
    a.rows = m_tableRows;
    a.threshold = m_approxThreshold;
    return a;
}

bool TableModel::isRowApproximate(qint64 tableRow) const
{
    const int window = m_cache.windowOf(tableRow);
    return m_approxWindows.contains(window) && m_cache.contains(window);
}

void TableModel::runQuantiles(int generation)
{
    m_backgroundBusy = true;
    const BoundSql histogram = *m_builder.keyHistogram();
    const double percent = qBound(0.0001, 100.0 * kSampleKeys / double(qMax<qint64>(1, m_tableRows)), 100.0);
    const BoundSql sample = m_builder.keySample(percent);
    m_background->run<Quantiles>(
        this,
        [histogram, sample](JobContext &job) -> Result<Quantiles> {
            Quantiles q;
            Result<RowSet> rows = runNative(job.native, job.dialect, histogram);
            if (rows && rows->rows.size() < 2) {
                // Never analyzed: a block sample costs a few pages' reads.
                q.histogram = false;
                rows = runNative(job.native, job.dialect, sample);
            }
            if (!rows)
                return rows.error();
            for (const QVariantList &row : rows->rows)
                q.keys << row.value(0);
            return q;
        },
        [this, generation](Result<Quantiles> result) {
            backgroundDone(generation);
            if (generation != m_generation)
                return;
            // A missing histogram or sample only means exact (slower) first jumps.
            if (result && result->keys.size() >= 2)
                m_quantiles = KeyQuantiles(result->keys, result->histogram);
            runCount(generation);
        });
}

void TableModel::sampleNext(int generation, const QVariantList &from, int firstWindow)
{
    const bool steps = m_builder.navigationWidth() == 1;
    auto next = [this, generation, from, firstWindow, steps] {
        if (steps)
            sampleStepChunk(generation, from, firstWindow);
        else
            sampleChunk(generation, from, firstWindow);
    };
    // A window the user waits for goes first: sampling yields the CPU and the disk.
    if (m_inFlight >= 0)
        m_pausedSampling = next;
    else
        next();
}

void TableModel::sampleStepChunk(int generation, const QVariantList &from, int firstWindow)
{
    const int size = m_cache.windowSize();
    m_backgroundBusy = true;
    m_background->run<RowSet>(
        this,
        [sql = m_builder.sampleSteps(from, kStepsPerSample, size)](JobContext &job) { return runNative(job.native, job.dialect, sql); },
        [this, generation, firstWindow](Result<RowSet> result) {
            backgroundDone(generation);
            if (generation != m_generation || !result)
                return;
            for (const QVariantList &row : result->rows)
                m_boundaries.set(firstWindow + row.value(0).toInt(), {row.value(1)});
            if (result->rows.size() == kStepsPerSample + 1) {
                sampleNext(generation, {result->rows.last().value(1)}, firstWindow + kStepsPerSample);
                return;
            }
            samplingDone();
        });
}

void TableModel::samplingDone()
{
    m_boundariesComplete = true;
    Q_EMIT boundariesSampled();
    Q_EMIT statusChanged();
    locateApproximate();
}

void TableModel::locateApproximate()
{
    if (m_approxWindows.size() == 0)
        return;
    if (m_approxFocus < 0 || !m_approxWindows.contains(m_approxFocus) || !m_boundaries.contains(m_approxFocus)) {
        // Nothing to keep the user's place by: forget the guesses, the view reads again.
        for (int w : m_approxWindows.windows())
            m_cache.drop(w);
        m_approxWindows.clear();
        emitAllChanged();
        return;
    }
    const int focus = m_approxFocus;
    const int generation = m_generation;
    const BoundSql sql = m_builder.keyDistance(m_boundaries.key(focus), m_approxWindows.key(focus));
    // On the background connection: sampling is over, and a window read must not wait.
    m_backgroundBusy = true;
    m_background->run<RowSet>(
        this, [sql](JobContext &job) { return runNative(job.native, job.dialect, sql); },
        [this, generation, focus](Result<RowSet> result) {
            backgroundDone(generation);
            if (generation != m_generation)
                return;
            const qint64 delta = result && !result->rows.isEmpty() ? result->rows.first().value(0).toLongLong() : 0;
            if (result)
                Q_EMIT rowsRepositioned(modelRow(qint64(focus) * m_cache.windowSize()), delta);
            for (int w : m_approxWindows.windows())
                m_cache.drop(w);
            m_approxWindows.clear();
            m_approxFocus = -1;
            emitAllChanged();
            Q_EMIT statusChanged();
        });
}

} // namespace strata::data
