#include "execbackend.h"

#include "postgresbackend.h"
#include "sqlitebackend.h"

#include "connection/connectionworker.h"

namespace strata::exec {

BatchWriter::BatchWriter(ExecSink &sink, int statement, int columnCount, qint64 firstRow, const ExecOptions &options)
    : m_sink(sink)
    , m_statement(statement)
    , m_columnCount(columnCount)
    , m_nextRow(firstRow)
    , m_options(options)
{
    startBatch();
}

void BatchWriter::startBatch()
{
    m_batch = std::make_shared<RowBatch>();
    m_batch->statement = m_statement;
    m_batch->columnCount = m_columnCount;
    m_batch->firstRow = m_nextRow;
    m_batch->cells.reserve(qsizetype(m_columnCount) * std::min(m_options.chunkRows, 4096));
    m_batch->text.reserve(qsizetype(m_columnCount) * std::min(m_options.chunkRows, 4096) * 16);
    m_age.start();
}

void BatchWriter::rowDone()
{
    ++m_rows;
    ++m_nextRow;
    const int rows = m_batch->rowCount();
    // the first row goes out at once; then by size, and by age checked every 64 rows
    if (m_first || rows >= m_options.chunkRows || ((rows & 63) == 0 && m_age.elapsed() >= m_options.chunkMs)) {
        m_first = false;
        flush();
    }
}

void BatchWriter::flush()
{
    if (!m_batch || m_batch->cells.isEmpty())
        return;
    m_sink.rows(std::move(m_batch));
    startBatch();
}

std::unique_ptr<ExecBackend> ExecBackend::create(connection::JobContext &job)
{
    if (job.native.postgres())
        return std::make_unique<PostgresBackend>(job.native.postgres());
    if (job.native.sqlite())
        return std::make_unique<SqliteBackend>(job.native.sqlite());
    return nullptr;
}

} // namespace strata::exec
