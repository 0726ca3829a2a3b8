#pragma once

// QueryExecutor: the console's handle on its own Connection. Lives on the GUI thread
// (or any thread with an event loop); every statement runs on the connection's worker
// through an ExecSession, and what happens there comes back here, in order, as signals:
//
//   statementStarted -> columnsReady -> rowsReady* -> noticeReceived* -> statementFinished
//   ... -> runFinished
//
// Rows arrive as immutable batches (first row at once, then every 500 rows or 50 ms).
// A result keeps at most options().rowLimit rows; the last statement's result then stays
// open and fetchMore() continues it. cancel() is thread-safe and stops the server's work
// (PQcancel / sqlite3_interrupt) and the script. One run at a time: run() refuses while busy.
// If the executor is destroyed mid-run, pending events are dropped.

#include "execsession.h"
#include "explainplan.h"
#include "statementoutcome.h"

#include <QObject>
#include <functional>
#include <memory>

namespace strata::connection { class Connection; }

namespace strata::exec {

class ExecRelay;

class QueryExecutor : public QObject {
    Q_OBJECT
public:
    /// `connection` is not owned and must outlive the executor.
    explicit QueryExecutor(connection::Connection *connection, QObject *parent = nullptr);
    ~QueryExecutor() override;

    connection::Connection *connection() const { return m_connection; }
    const ExecOptions &options() const { return m_options; }
    /// Applies to the next run (row limit, chunking, stop on error, auto-commit).
    void setOptions(const ExecOptions &options) { m_options = options; }

    bool isBusy() const { return m_busy; }
    TransactionState transactionState() const { return m_transaction; }
    /// The last result stopped at the row limit; fetchMore() continues it.
    bool hasPendingRows() const { return m_pendingStatement >= 0; }
    int pendingStatement() const { return m_pendingStatement; }

    /// Runs request.text[from, to) statement by statement with this executor's options
    /// (request.options is ignored). Returns false when a run is in progress.
    bool run(ScriptRequest request);
    /// Continues the pending result with `rows` more rows (< 0: all of them).
    bool fetchMore(qint64 rows);
    /// Thread-safe: stops the running statement and the rest of the script.
    void cancel();
    /// COMMIT / ROLLBACK the open transaction.
    bool commit();
    bool rollback();
    /// Asks the server for the transaction state (transactionStateChanged follows).
    void refreshTransactionState();
    /// EXPLAIN (FORMAT JSON[, ANALYZE]) / EXPLAIN QUERY PLAN of one statement.
    bool explain(const QString &statement, bool analyze, const ParameterValues &values,
                 std::function<void(Result<ExplainPlan>)> done);

Q_SIGNALS:
    void busyChanged(bool busy);
    void statementStarted(const strata::exec::StatementOutcome &outcome);
    void columnsReady(int statement, const QList<strata::exec::ResultColumn> &columns);
    void rowsReady(const strata::exec::RowBatchPtr &batch);
    void noticeReceived(int statement, const strata::exec::Notice &notice);
    void statementFinished(const strata::exec::StatementOutcome &outcome);
    void runFinished(const strata::exec::RunSummary &summary);
    void transactionStateChanged(strata::exec::TransactionState state);
    /// A run, commit or rollback could not start or failed as a whole (not connected...).
    void failed(const strata::Error &error);

private:
    friend class RelaySink;
    void setBusy(bool busy);
    void setTransaction(TransactionState state);
    void onStatementFinished(const StatementOutcome &outcome);
    void onSummary(const RunSummary &summary);
    bool endTransaction(bool commit);

    connection::Connection *m_connection;
    std::shared_ptr<ExecSession> m_session;   // touched on the worker only
    std::shared_ptr<ExecRelay> m_relay;
    ExecOptions m_options;
    bool m_busy = false;
    TransactionState m_transaction = TransactionState::Idle;
    int m_pendingStatement = -1;
};

} // namespace strata::exec
