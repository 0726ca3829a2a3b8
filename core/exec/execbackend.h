#pragma once

// ExecBackend: runs one statement at a time on the native connection behind a QtSql one
// (PGconn* in single-row mode, sqlite3* with prepare/step) and streams its rows as
// RowBatches into an ExecSink. Worker thread only: a backend is created, used and
// destroyed on the thread that owns the connection.
//
// A result that reaches its row limit stays open ("pending"): fetch() continues it and
// discardPending() reads the rest without keeping it (never cancels: a cancelled INSERT ...
// RETURNING would roll back). Anything else run on the connection discards it first.

#include "base/result.h"
#include "statementoutcome.h"

#include <QElapsedTimer>
#include <functional>
#include <memory>

namespace strata::connection { struct JobContext; }

namespace strata::exec {

/// Where rows, columns and notices go; called on the worker thread.
class ExecSink {
public:
    virtual ~ExecSink() = default;
    virtual void columns(int statement, const QList<ResultColumn> &columns) = 0;
    virtual void rows(RowBatchPtr batch) = 0;
    virtual void notice(int statement, const Notice &notice) = 0;
    /// True once the user asked to stop: the backend stops reading and reports Cancelled.
    virtual bool cancelled() const = 0;
    /// Statement boundaries and the end of a run (the script job reports these).
    virtual void started(const StatementOutcome &) {}
    virtual void finished(const StatementOutcome &) {}
    virtual void summary(const RunSummary &) {}
};

/// Collects rows into batches and posts them by size or age (first row at once, so the
/// first rows show immediately).
class BatchWriter {
public:
    BatchWriter(ExecSink &sink, int statement, int columnCount, qint64 firstRow, const ExecOptions &options);
    ~BatchWriter() { flush(); }
    QList<QVariant> &cells() { return m_batch->cells; }
    RowBatch &batch() { return *m_batch; }
    /// Call after appending one row's cells.
    void rowDone();
    void flush();
    qint64 rowsWritten() const { return m_rows; }

private:
    void startBatch();

    ExecSink &m_sink;
    int m_statement;
    int m_columnCount;
    qint64 m_nextRow;
    qint64 m_rows = 0;
    const ExecOptions &m_options;
    std::shared_ptr<RowBatch> m_batch;
    QElapsedTimer m_age;
    bool m_first = true;
};

/// One statement to run: the text as written and the values of its parameters.
struct StatementRequest {
    int index = 0;
    QString sql;
    ParameterValues parameters;
};

class ExecBackend {
public:
    /// The backend for the job's connection; nullptr when there is no native handle.
    static std::unique_ptr<ExecBackend> create(connection::JobContext &job);
    virtual ~ExecBackend() = default;

    /// Runs `request`, streaming up to `limit` rows (< 0: all) to `sink`; fills `out`
    /// (columns, counts, notices, error with `errorIndex` = character index in
    /// request.sql). Leaves the result pending when the limit stopped it.
    virtual void execute(const StatementRequest &request, qint64 limit, const ExecOptions &options, ExecSink &sink,
                         StatementOutcome &out, int &errorIndex) = 0;
    /// Continues the pending result with up to `limit` more rows (< 0: all).
    virtual void fetch(qint64 limit, const ExecOptions &options, ExecSink &sink, StatementOutcome &out) = 0;
    virtual bool hasPending() const = 0;
    /// Reads and drops the rest of the pending result; returns how many rows it dropped.
    virtual qint64 discardPending(ExecSink *sink) = 0;
    virtual TransactionState transactionState() const = 0;
    /// Runs a statement that returns no rows (BEGIN, COMMIT, ROLLBACK).
    virtual Status command(const QString &sql) = 0;
    /// The native handle the backend works on (to notice a reconnect).
    virtual void *handle() const = 0;
    /// The connection was closed underneath: drop the handle without touching it.
    virtual void forget() = 0;
};

} // namespace strata::exec
