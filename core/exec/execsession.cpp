#include "execsession.h"

#include "connection/connectionworker.h"

#include <QElapsedTimer>

namespace strata::exec {

namespace {

/// Collects rows for EXPLAIN on the worker itself.
class CollectSink : public ExecSink {
public:
    void columns(int, const QList<ResultColumn> &) override {}
    void rows(RowBatchPtr batch) override { batches.append(std::move(batch)); }
    void notice(int, const Notice &) override {}
    bool cancelled() const override { return false; }
    QList<RowBatchPtr> batches;
};

void placeError(StatementOutcome &out, const QString &text, int statementOffset, int indexInStatement)
{
    if (!out.error)
        return;
    out.error->sql = out.sql;
    if (indexInStatement < 0)
        return;
    out.error->position = indexInStatement + 1;
    out.errorOffset = statementOffset + indexInStatement;
    const TextPosition p = positionOf(text, out.errorOffset);
    out.errorLine = p.line;
    out.errorColumn = p.column;
}

} // namespace

ExecSession::~ExecSession() = default;

ExecBackend *ExecSession::backend(connection::JobContext &job)
{
    void *handle = job.native.postgres() ? static_cast<void *>(job.native.postgres()) : static_cast<void *>(job.native.sqlite());
    if (m_backend && m_backend->handle() != handle) {
        m_backend->forget();   // the connection was reopened; the old handle is gone
        m_backend.reset();
    }
    if (!m_backend)
        m_backend = ExecBackend::create(job);
    return m_backend.get();
}

void ExecSession::reset()
{
    if (m_backend)
        m_backend->discardPending(nullptr);
}

bool ExecSession::skipsImplicitBegin(const QString &statement, DialectKind dialect)
{
    QStringList words;
    SqlLexer lexer(dialect, statement);
    SqlToken t;
    while (words.size() < 4 && lexer.next(t))
        if (t.kind == TokenKind::Word)
            words.append(statement.mid(t.start, t.length).toUpper());
    if (words.isEmpty())
        return true;
    static const QStringList control = {QStringLiteral("BEGIN"), QStringLiteral("START"), QStringLiteral("COMMIT"),
                                        QStringLiteral("END"), QStringLiteral("ROLLBACK"), QStringLiteral("ABORT"),
                                        QStringLiteral("VACUUM"), QStringLiteral("PRAGMA")};
    if (control.contains(words.first()) || words.contains(QStringLiteral("CONCURRENTLY")))
        return true;
    const QString two = words.mid(0, 2).join(QLatin1Char(' '));
    return two == u"CREATE DATABASE" || two == u"DROP DATABASE" || two == u"ALTER SYSTEM" || two == u"CREATE TABLESPACE"
           || two == u"DROP TABLESPACE";
}

void ExecSession::runScript(connection::JobContext &job, const ScriptRequest &request, ExecSink &sink)
{
    QElapsedTimer total;
    total.start();
    RunSummary summary;
    ExecBackend *be = backend(job);
    const DialectKind dialect = job.dialect.kind();
    const int to = request.to < 0 ? int(request.text.size()) : request.to;
    const QList<SqlStatement> statements = StatementSplitter::split(request.text, request.from, to, dialect);
    for (int i = 0; i < statements.size() && be; ++i) {
        if (sink.cancelled()) {
            summary.cancelled = true;
            break;
        }
        const SqlStatement &st = statements[i];
        StatementOutcome out;
        out.index = i;
        out.sql = st.text;
        out.offset = st.offset;
        out.line = st.line;
        out.column = st.column;
        be->discardPending(nullptr);
        sink.started(out);
        ++summary.statements;
        QElapsedTimer timer;
        timer.start();
        if (!request.options.autoCommit && be->transactionState() == TransactionState::Idle
            && !skipsImplicitBegin(st.text, dialect)) {
            if (Status begun = be->command(QStringLiteral("BEGIN")); !begun)
                out.error = begun.error();
        }
        int errorIndex = -1;
        if (!out.error) {
            const bool last = i == statements.size() - 1;
            be->execute(StatementRequest{i, st.text, request.parameters}, request.options.rowLimit, request.options, sink, out,
                        errorIndex);
            if (out.hasMoreRows && !last) {
                // only the last result stays open for "fetch more"; read the rest of this one
                out.rowsDropped = be->discardPending(nullptr);
                out.hasMoreRows = false;
            }
        }
        out.elapsedMs = timer.elapsed();
        placeError(out, request.text, st.offset, errorIndex);
        if (out.error && out.error->kind == ErrorKind::Cancelled)
            summary.cancelled = true;
        if (out.hasMoreRows)
            m_pending = out;
        sink.finished(out);
        if (out.error) {
            ++summary.failed;
            if (request.options.stopOnError || summary.cancelled)
                break;
        }
    }
    if (!be)
        summary.failed = 1;
    summary.elapsedMs = total.elapsed();
    summary.transaction = be ? be->transactionState() : TransactionState::Idle;
    sink.summary(summary);
}

void ExecSession::fetchMore(connection::JobContext &job, qint64 rows, const ExecOptions &options, ExecSink &sink)
{
    ExecBackend *be = backend(job);
    RunSummary summary;
    if (be && be->hasPending()) {
        QElapsedTimer timer;
        timer.start();
        StatementOutcome &out = m_pending;
        be->fetch(rows, options, sink, out);
        out.elapsedMs += timer.elapsed();
        summary.statements = 1;
        summary.failed = out.error ? 1 : 0;
        summary.cancelled = out.error && out.error->kind == ErrorKind::Cancelled;
        sink.finished(out);
        summary.elapsedMs = timer.elapsed();
    }
    summary.transaction = be ? be->transactionState() : TransactionState::Idle;
    sink.summary(summary);
}

Status ExecSession::endTransaction(connection::JobContext &job, bool commit)
{
    ExecBackend *be = backend(job);
    if (!be)
        return Error(ErrorKind::Connection, QStringLiteral("No native connection"));
    return be->command(commit ? QStringLiteral("COMMIT") : QStringLiteral("ROLLBACK"));
}

Result<TransactionState> ExecSession::transactionState(connection::JobContext &job)
{
    ExecBackend *be = backend(job);
    if (!be)
        return Error(ErrorKind::Connection, QStringLiteral("No native connection"));
    return be->transactionState();
}

Result<ExplainPlan> ExecSession::explain(connection::JobContext &job, const QString &statement, bool analyze,
                                         const ParameterValues &values, const ExecOptions &options)
{
    ExecBackend *be = backend(job);
    if (!be)
        return Error(ErrorKind::Connection, QStringLiteral("No native connection"));
    const DialectKind dialect = job.dialect.kind();
    if (!options.autoCommit && be->transactionState() == TransactionState::Idle)
        if (Status begun = be->command(QStringLiteral("BEGIN")); !begun)
            return begun.error();
    CollectSink sink;
    StatementOutcome out;
    int errorIndex = -1;
    const QString sql = ExplainParser::explainSql(dialect, statement, analyze);
    be->execute(StatementRequest{0, sql, values}, -1, options, sink, out, errorIndex);
    if (out.error)
        return *out.error;
    if (dialect == DialectKind::Postgres) {
        QString json;
        for (const RowBatchPtr &b : sink.batches)
            for (int r = 0; r < b->rowCount(); ++r)
                json += b->cell(r, 0).toString();
        return ExplainParser::parsePostgresJson(json);
    }
    QList<ExplainParser::SqliteRow> rows;
    for (const RowBatchPtr &b : sink.batches)
        for (int r = 0; r < b->rowCount(); ++r)
            rows.append({b->cell(r, 0).toInt(), b->cell(r, 1).toInt(), b->cell(r, b->columnCount - 1).toString()});
    return ExplainParser::fromSqliteRows(rows);
}

} // namespace strata::exec
