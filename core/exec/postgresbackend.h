#pragma once

// The PostgreSQL ExecBackend: PQsendQueryParams + PQsetSingleRowMode on the PGconn* behind
// the QtSql connection; notices through a notice receiver installed for the backend's
// lifetime; errors with SQLSTATE, DETAIL/HINT and the statement position. Worker thread only.

#include "execbackend.h"

struct pg_conn;
struct pg_result;

namespace strata::exec {

class PostgresBackend : public ExecBackend {
public:
    explicit PostgresBackend(pg_conn *conn);
    ~PostgresBackend() override;

    void execute(const StatementRequest &request, qint64 limit, const ExecOptions &options, ExecSink &sink,
                 StatementOutcome &out, int &errorIndex) override;
    void fetch(qint64 limit, const ExecOptions &options, ExecSink &sink, StatementOutcome &out) override;
    bool hasPending() const override { return m_pending; }
    qint64 discardPending(ExecSink *sink) override;
    TransactionState transactionState() const override;
    Status command(const QString &sql) override;
    void forget() override;
    void *handle() const override { return m_conn; }

private:
    enum class CellKind { Text, Integer, Float, Bool, Bytes };
    static void onNotice(void *arg, const pg_result *res);
    /// Reads results until the statement ends or `limit` rows were delivered.
    void read(qint64 limit, const ExecOptions &options, ExecSink &sink, StatementOutcome &out, int *errorPosition);
    void takeColumns(const pg_result *res, ExecSink &sink, StatementOutcome &out);
    Error errorOf(const pg_result *res, int *position) const;

    pg_conn *m_conn;
    void (*m_previousReceiver)(void *, const pg_result *) = nullptr;
    void *m_previousArg = nullptr;
    TransactionState m_stateBeforeStatement = TransactionState::Idle;
    bool m_pending = false;             // rows of the last statement are still on the wire
    QList<CellKind> m_kinds;
    StatementOutcome *m_current = nullptr;   // receives notices while a statement runs
    ExecSink *m_currentSink = nullptr;
};

} // namespace strata::exec
