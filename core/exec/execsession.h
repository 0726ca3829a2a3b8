#pragma once

// ExecSession: the worker-side state of one console's connection (its ExecBackend and the
// result left pending at the row limit) and the jobs that run on it: a script statement by
// statement, fetch more, commit/rollback, EXPLAIN. Worker thread only; QueryExecutor posts
// these jobs and relays what they report to the GUI thread.

#include "execbackend.h"
#include "explainplan.h"
#include "statementsplitter.h"

#include <memory>

namespace strata::connection { struct JobContext; }

namespace strata::exec {

class ExecSession {
public:
    ~ExecSession();

    /// Runs the statements of `request`, reporting each to `sink`; ends with sink.summary().
    void runScript(connection::JobContext &job, const ScriptRequest &request, ExecSink &sink);
    /// Continues the pending result of the last run with up to `rows` more rows (< 0: all).
    void fetchMore(connection::JobContext &job, qint64 rows, const ExecOptions &options, ExecSink &sink);
    /// COMMIT or ROLLBACK (discarding a pending result first).
    Status endTransaction(connection::JobContext &job, bool commit);
    Result<TransactionState> transactionState(connection::JobContext &job);
    Result<ExplainPlan> explain(connection::JobContext &job, const QString &statement, bool analyze,
                                const ParameterValues &values, const ExecOptions &options);
    /// Finalises what is pending (before the connection closes).
    void reset();

    /// True for statements that must not get an implicit BEGIN in manual-commit mode:
    /// transaction control itself, and what cannot run inside a transaction block.
    static bool skipsImplicitBegin(const QString &statement, DialectKind dialect);

private:
    ExecBackend *backend(connection::JobContext &job);

    std::unique_ptr<ExecBackend> m_backend;
    StatementOutcome m_pending;   // the last statement, while its result is pending
};

} // namespace strata::exec
