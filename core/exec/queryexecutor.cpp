#include "queryexecutor.h"

#include "connection/connection.h"

#include <QPointer>
#include <QThread>
#include <atomic>

namespace strata::exec {

/// Lives on the executor's thread; the worker posts lambdas to it. Shared by the executor
/// and running jobs, and deleted (later, on its thread) when the last of them lets go.
class ExecRelay : public QObject {
public:
    QPointer<QueryExecutor> executor;
    std::atomic<int> inFlight{0};
    std::atomic<bool> cancel{false};
};

/// The worker-side ExecSink: posts everything to the relay, in order; slows the worker
/// down when the GUI thread falls behind by more than a few hundred batches.
class RelaySink : public ExecSink {
public:
    explicit RelaySink(std::shared_ptr<ExecRelay> relay) : m_relay(std::move(relay)) {}

    void columns(int statement, const QList<ResultColumn> &columns) override
    {
        post([statement, columns](QueryExecutor &e) { Q_EMIT e.columnsReady(statement, columns); });
    }
    void rows(RowBatchPtr batch) override
    {
        while (m_relay->inFlight.load(std::memory_order_relaxed) > 256 && !cancelled())
            QThread::usleep(500);
        post([batch = std::move(batch)](QueryExecutor &e) { Q_EMIT e.rowsReady(batch); });
    }
    void notice(int statement, const Notice &notice) override
    {
        post([statement, notice](QueryExecutor &e) { Q_EMIT e.noticeReceived(statement, notice); });
    }
    bool cancelled() const override { return m_relay->cancel.load(std::memory_order_relaxed); }
    void started(const StatementOutcome &outcome) override
    {
        post([outcome](QueryExecutor &e) { Q_EMIT e.statementStarted(outcome); });
    }
    void finished(const StatementOutcome &outcome) override
    {
        post([outcome](QueryExecutor &e) { e.onStatementFinished(outcome); });
    }
    void summary(const RunSummary &summary) override
    {
        post([summary](QueryExecutor &e) { e.onSummary(summary); });
    }

private:
    void post(std::function<void(QueryExecutor &)> f)
    {
        ExecRelay *relay = m_relay.get();
        relay->inFlight.fetch_add(1, std::memory_order_relaxed);
        QMetaObject::invokeMethod(relay, [relay, f = std::move(f)] {
            relay->inFlight.fetch_sub(1, std::memory_order_relaxed);
            if (relay->executor)
                f(*relay->executor);
        }, Qt::QueuedConnection);
    }

    std::shared_ptr<ExecRelay> m_relay;
};

QueryExecutor::QueryExecutor(connection::Connection *connection, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
    , m_session(std::make_shared<ExecSession>())
    , m_relay(new ExecRelay, [](ExecRelay *r) { r->deleteLater(); })
{
    m_relay->executor = this;
}

QueryExecutor::~QueryExecutor()
{
    m_relay->executor = nullptr;
    m_relay->cancel = true;
    if (m_busy)
        m_connection->cancel();
    // finalise pending statements on the worker, before the connection closes
    auto session = std::move(m_session);
    m_connection->run<bool>(nullptr, [session](connection::JobContext &) -> Result<bool> {
        session->reset();
        return true;
    });
}

void QueryExecutor::setBusy(bool busy)
{
    if (m_busy == busy)
        return;
    m_busy = busy;
    Q_EMIT busyChanged(busy);
}

void QueryExecutor::setTransaction(TransactionState state)
{
    if (m_transaction == state)
        return;
    m_transaction = state;
    Q_EMIT transactionStateChanged(state);
}

void QueryExecutor::onStatementFinished(const StatementOutcome &outcome)
{
    m_pendingStatement = outcome.hasMoreRows ? outcome.index : -1;
    Q_EMIT statementFinished(outcome);
}

void QueryExecutor::onSummary(const RunSummary &summary)
{
    setBusy(false);
    setTransaction(summary.transaction);
    Q_EMIT runFinished(summary);
}

bool QueryExecutor::run(ScriptRequest request)
{
    if (m_busy)
        return false;
    request.options = m_options;
    m_relay->cancel = false;
    m_pendingStatement = -1;
    setBusy(true);
    auto relay = m_relay;
    auto session = m_session;
    m_connection->run<bool>(this, [relay, session, request](connection::JobContext &job) -> Result<bool> {
        RelaySink sink(relay);
        session->runScript(job, request, sink);
        return true;
    }, [this](Result<bool> result) {
        if (!result) {
            setBusy(false);
            Q_EMIT failed(result.error());
            Q_EMIT runFinished(RunSummary{0, 1, false, 0, m_transaction});
        }
    });
    return true;
}

bool QueryExecutor::fetchMore(qint64 rows)
{
    if (m_busy || m_pendingStatement < 0)
        return false;
    m_relay->cancel = false;
    setBusy(true);
    auto relay = m_relay;
    auto session = m_session;
    const ExecOptions options = m_options;
    m_connection->run<bool>(this, [relay, session, rows, options](connection::JobContext &job) -> Result<bool> {
        RelaySink sink(relay);
        session->fetchMore(job, rows, options, sink);
        return true;
    }, [this](Result<bool> result) {
        if (!result) {
            setBusy(false);
            Q_EMIT failed(result.error());
        }
    });
    return true;
}

void QueryExecutor::cancel()
{
    m_relay->cancel = true;
    m_connection->cancel();
}

bool QueryExecutor::commit()
{
    return endTransaction(true);
}

bool QueryExecutor::rollback()
{
    return endTransaction(false);
}

bool QueryExecutor::endTransaction(bool commit)
{
    if (m_busy)
        return false;
    setBusy(true);
    m_pendingStatement = -1;
    auto session = m_session;
    using Outcome = std::pair<Status, TransactionState>;
    m_connection->run<Outcome>(this, [session, commit](connection::JobContext &job) -> Result<Outcome> {
        Status status = session->endTransaction(job, commit);
        return Outcome{status, session->transactionState(job).valueOr(TransactionState::Idle)};
    }, [this](Result<Outcome> result) {
        setBusy(false);
        if (!result) {
            Q_EMIT failed(result.error());
            return;
        }
        if (!result->first)
            Q_EMIT failed(result->first.error());
        setTransaction(result->second);
    });
    return true;
}

void QueryExecutor::refreshTransactionState()
{
    auto session = m_session;
    m_connection->run<TransactionState>(this, [session](connection::JobContext &job) {
        return session->transactionState(job);
    }, [this](Result<TransactionState> result) {
        if (result)
            setTransaction(*result);
    });
}

bool QueryExecutor::explain(const QString &statement, bool analyze, const ParameterValues &values,
                            std::function<void(Result<ExplainPlan>)> done)
{
    if (m_busy)
        return false;
    setBusy(true);
    m_pendingStatement = -1;
    auto session = m_session;
    const ExecOptions options = m_options;
    using Outcome = std::pair<Result<ExplainPlan>, TransactionState>;
    m_connection->run<std::shared_ptr<Outcome>>(this,
        [session, statement, analyze, values, options](connection::JobContext &job) -> Result<std::shared_ptr<Outcome>> {
            Result<ExplainPlan> plan = session->explain(job, statement, analyze, values, options);
            return std::make_shared<Outcome>(std::move(plan), session->transactionState(job).valueOr(TransactionState::Idle));
        },
        [this, done](Result<std::shared_ptr<Outcome>> result) {
            setBusy(false);
            if (!result) {
                done(result.error());
                return;
            }
            setTransaction((*result)->second);
            done((*result)->first);
        });
    return true;
}

} // namespace strata::exec
