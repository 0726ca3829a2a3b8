// TableModel: reading a range of rows for a copy (see tablemodel.h).

#include "tablemodel.h"

#include "connection/connection.h"
#include "nativequery.h"

namespace strata::data {

using connection::JobContext;

namespace {
constexpr int kRangeChunk = 8192;   // rows per read: window reads go between two chunks
}

struct TableModel::RangeRead {
    qint64 next = 0;
    qint64 last = 0;
    QList<int> columns;
    QList<QVariantList> rows;
    int generation = 0;
    std::function<void(Result<QList<QVariantList>>)> done;
};

void TableModel::readRange(qint64 first, qint64 last, const QList<int> &columns,
                           std::function<void(Result<QList<QVariantList>>)> done, qint64 maxRows)
{
    cancelRangeRead();
    if (!m_open || first < 0 || last < first || last >= totalRowCount()) {
        done(Error(ErrorKind::Internal, tr("There are no such rows.")));
        return;
    }
    if (last - first + 1 > maxRows) {
        done(Error(ErrorKind::Unsupported, tr("%1 rows are selected; copying is limited to %2 rows. Export the rows instead.")
                                              .arg(last - first + 1)
                                              .arg(maxRows)));
        return;
    }
    auto range = std::make_shared<RangeRead>();
    range->next = first;
    range->last = last;
    range->columns = columns;
    range->generation = m_generation;
    range->done = std::move(done);
    range->rows.reserve(int(last - first + 1));
    m_range = range;
    continueRange(range);
}

void TableModel::cancelRangeRead()
{
    if (m_range)
        finishRange(Error(ErrorKind::Cancelled, tr("Cancelled.")));
}

void TableModel::finishRange(Result<QList<QVariantList>> result)
{
    const std::shared_ptr<RangeRead> range = std::move(m_range);
    m_range = nullptr;
    if (range && range->done)
        range->done(std::move(result));
}

QVariantList TableModel::rangeValues(const RowRef &ref, const QList<int> &columns) const
{
    QVariantList values;
    values.reserve(columns.size());
    for (int c : columns)
        values << cellRaw(ref, c);
    return values;
}

void TableModel::continueRange(const std::shared_ptr<RangeRead> &range)
{
    if (range != m_range)
        return;   // cancelled or replaced meanwhile
    if (range->generation != m_generation) {
        finishRange(Error(ErrorKind::Cancelled, tr("The rows changed (filter, sort or refresh) while they were read.")));
        return;
    }
    const int inserted = insertedRowCount();
    const int width = m_builder.table().identityWidth();
    while (range->next <= range->last) {
        RowRef ref;
        if (range->next < inserted) {
            ref.insertIndex = int(range->next);
            ref.edit = &m_edits.inserts().at(ref.insertIndex);
        } else if (const QVariantList *read = m_cache.row(range->next - inserted)) {
            ref.read = read;
            ref.edit = m_edits.find(read->mid(0, width));
        } else {
            break;
        }
        range->rows << rangeValues(ref, range->columns);
        ++range->next;
    }
    if (range->next > range->last) {
        finishRange(std::move(range->rows));
        return;
    }
    if (!m_reader) {
        finishRange(Error(ErrorKind::Connection, tr("The connection is closed.")));
        return;
    }
    const qint64 tableRow = range->next - inserted;
    const int count = int(qMin<qint64>(kRangeChunk, range->last - range->next + 1));
    const WindowPlan plan = planRange(m_builder, m_cache, m_boundaries, tableRow, count,
                                      m_countState == CountState::Exact ? m_tableRows : -1);
    m_reader->run<RowSet>(
        this, [sql = plan.sql](JobContext &job) { return runNative(job.native, job.dialect, sql); },
        [this, range, plan, count, width](Result<RowSet> result) {
            if (range != m_range)
                return;
            if (!result) {
                finishRange(result.error());
                return;
            }
            GridRows rows = std::move(result->rows);
            if (plan.reversed())
                std::reverse(rows.begin(), rows.end());
            for (const QVariantList &row : rows) {
                RowRef ref;
                ref.read = &row;
                ref.edit = m_edits.find(row.mid(0, width));
                range->rows << rangeValues(ref, range->columns);
            }
            range->next += rows.size();
            if (rows.size() < count) {
                finishRange(Error(ErrorKind::Conflict, tr("The table has fewer rows than selected: it changed meanwhile.")));
                return;
            }
            continueRange(range);
        });
}

} // namespace strata::data
