#include "postgresbackend.h"

#include "servertext.h"

#include "sqlparameters.h"

#include "dialect/dialect.h"

#include <QElapsedTimer>
#include <libpq-fe.h>

namespace strata::exec {

namespace {

QString typeNameOf(Oid oid)
{
    switch (oid) {
    case 16: return QStringLiteral("bool");
    case 17: return QStringLiteral("bytea");
    case 18: return QStringLiteral("char");
    case 19: return QStringLiteral("name");
    case 20: return QStringLiteral("int8");
    case 21: return QStringLiteral("int2");
    case 23: return QStringLiteral("int4");
    case 25: return QStringLiteral("text");
    case 26: return QStringLiteral("oid");
    case 114: return QStringLiteral("json");
    case 700: return QStringLiteral("float4");
    case 701: return QStringLiteral("float8");
    case 1042: return QStringLiteral("bpchar");
    case 1043: return QStringLiteral("varchar");
    case 1082: return QStringLiteral("date");
    case 1083: return QStringLiteral("time");
    case 1114: return QStringLiteral("timestamp");
    case 1184: return QStringLiteral("timestamptz");
    case 1186: return QStringLiteral("interval");
    case 1700: return QStringLiteral("numeric");
    case 2950: return QStringLiteral("uuid");
    case 3802: return QStringLiteral("jsonb");
    default: return QStringLiteral("oid %1").arg(oid);
    }
}

QString field(const pg_conn *conn, const PGresult *res, int code)
{
    return decodeServerText(conn, PQresultErrorField(res, code));
}

/// PostgreSQL counts positions in characters (code points); QString indexes UTF-16 units.
int utf16Index(const QString &text, int codePoints)
{
    int i = 0;
    for (int n = 0; n < codePoints && i < text.size(); ++n)
        i += text[i].isHighSurrogate() && i + 1 < text.size() ? 2 : 1;
    return i;
}

} // namespace

PostgresBackend::PostgresBackend(pg_conn *conn)
    : m_conn(conn)
{
    m_previousReceiver = PQsetNoticeReceiver(m_conn, &PostgresBackend::onNotice, this);
}

void PostgresBackend::forget()
{
    m_conn = nullptr;
    m_pending = false;
}

PostgresBackend::~PostgresBackend()
{
    if (!m_conn)
        return;
    discardPending(nullptr);
    // libpq's default receiver ignores its argument and calls the notice processor
    PQsetNoticeReceiver(m_conn, m_previousReceiver, nullptr);
}

void PostgresBackend::onNotice(void *arg, const PGresult *res)
{
    auto *self = static_cast<PostgresBackend *>(arg);
    if (!self->m_current)
        return;
    Notice notice;
    notice.severity = field(self->m_conn, res, PG_DIAG_SEVERITY);
    notice.message = field(self->m_conn, res, PG_DIAG_MESSAGE_PRIMARY);
    QStringList detail;
    if (!field(self->m_conn, res, PG_DIAG_MESSAGE_DETAIL).isEmpty())
        detail.append(QStringLiteral("DETAIL: ") + field(self->m_conn, res, PG_DIAG_MESSAGE_DETAIL));
    if (!field(self->m_conn, res, PG_DIAG_MESSAGE_HINT).isEmpty())
        detail.append(QStringLiteral("HINT: ") + field(self->m_conn, res, PG_DIAG_MESSAGE_HINT));
    notice.detail = detail.join(QLatin1Char('\n'));
    self->m_current->notices.append(notice);
    if (self->m_currentSink)
        self->m_currentSink->notice(self->m_current->index, notice);
}

Error PostgresBackend::errorOf(const PGresult *res, int *position) const
{
    QString message = res ? field(m_conn, res, PG_DIAG_MESSAGE_PRIMARY) : QString();
    if (message.isEmpty())
        message = decodeServerText(m_conn, PQerrorMessage(m_conn)).trimmed();
    const QString state = res ? field(m_conn, res, PG_DIAG_SQLSTATE) : QString();
    Error e = dialect::dialectFor(dialect::DialectKind::Postgres)
                  .mapError(QSqlError(QString(), message, QSqlError::StatementError, state), QString());
    e.message = message;
    if (state == u"57014")
        e.kind = ErrorKind::Cancelled;
    if (res) {
        QStringList detail;
        if (!field(m_conn, res, PG_DIAG_MESSAGE_DETAIL).isEmpty())
            detail.append(QStringLiteral("DETAIL: ") + field(m_conn, res, PG_DIAG_MESSAGE_DETAIL));
        if (!field(m_conn, res, PG_DIAG_MESSAGE_HINT).isEmpty())
            detail.append(QStringLiteral("HINT: ") + field(m_conn, res, PG_DIAG_MESSAGE_HINT));
        if (!field(m_conn, res, PG_DIAG_CONTEXT).isEmpty())
            detail.append(QStringLiteral("CONTEXT: ") + field(m_conn, res, PG_DIAG_CONTEXT));
        e.detail = detail.join(QLatin1Char('\n'));
        e.position = field(m_conn, res, PG_DIAG_STATEMENT_POSITION).toInt();
        if (e.position == 0)
            e.position = -1;
    }
    if (position)
        *position = e.position;
    return e;
}

void PostgresBackend::takeColumns(const PGresult *res, ExecSink &sink, StatementOutcome &out)
{
    if (out.hasResultSet)
        return;
    out.hasResultSet = true;
    m_kinds.clear();
    const int n = PQnfields(res);
    for (int c = 0; c < n; ++c) {
        const Oid oid = PQftype(res, c);
        out.columns.append(ResultColumn{QString::fromUtf8(PQfname(res, c)), typeNameOf(oid), oid});
        switch (oid) {
        case 20: case 21: case 23: case 26: m_kinds.append(CellKind::Integer); break;
        case 700: case 701: m_kinds.append(CellKind::Float); break;
        case 16: m_kinds.append(CellKind::Bool); break;
        case 17: m_kinds.append(CellKind::Bytes); break;
        default: m_kinds.append(CellKind::Text); break;
        }
    }
    sink.columns(out.index, out.columns);
}

void PostgresBackend::execute(const StatementRequest &request, qint64 limit, const ExecOptions &options, ExecSink &sink,
                              StatementOutcome &out, int &errorIndex)
{
    discardPending(nullptr);
    errorIndex = -1;
    Result<SqlParameters::PostgresBinding> binding = SqlParameters::bindPostgres(request.sql, request.parameters);
    if (!binding) {
        out.error = binding.error();
        return;
    }
    QList<QByteArray> data;
    QList<const char *> values;
    for (const QVariant &v : binding->values) {
        data.append(v.isNull() ? QByteArray() : v.toString().toUtf8());
        values.append(v.isNull() ? nullptr : data.last().constData());
    }
    const QByteArray sql = binding->sql.toUtf8();
    m_stateBeforeStatement = transactionState();
    if (!PQsendQueryParams(m_conn, sql.constData(), int(values.size()), nullptr, values.constData(), nullptr, nullptr, 0)) {
        out.error = errorOf(nullptr, nullptr);
        out.error->kind = ErrorKind::Connection;
        return;
    }
    PQsetSingleRowMode(m_conn);
    m_pending = true;
    int position = -1;
    read(limit, options, sink, out, &position);
    if (out.error && position > 0)
        errorIndex = binding->originalIndex(utf16Index(binding->sql, position - 1));
}

void PostgresBackend::fetch(qint64 limit, const ExecOptions &options, ExecSink &sink, StatementOutcome &out)
{
    out.hasMoreRows = false;
    if (m_pending)
        read(limit, options, sink, out, nullptr);
}

void PostgresBackend::read(qint64 limit, const ExecOptions &options, ExecSink &sink, StatementOutcome &out, int *errorPosition)
{
    m_current = &out;
    m_currentSink = &sink;
    std::optional<BatchWriter> writer;
    if (out.hasResultSet)
        writer.emplace(sink, out.index, int(out.columns.size()), out.rowCount, options);
    qint64 delivered = 0;
    while (true) {
        if (limit >= 0 && delivered >= limit) {
            out.hasMoreRows = true;
            break;
        }
        PGresult *res = PQgetResult(m_conn);
        if (!res) {
            m_pending = false;
            break;
        }
        switch (PQresultStatus(res)) {
        case PGRES_SINGLE_TUPLE: {
            if (!out.hasResultSet) {
                takeColumns(res, sink, out);
                writer.emplace(sink, out.index, int(out.columns.size()), out.rowCount, options);
            }
            if (sink.cancelled())
                break;   // keep reading what is on the wire; the cancel error follows
            RowBatch &batch = writer->batch();
            QList<QVariant> &cells = batch.cells;
            for (int c = 0; c < m_kinds.size(); ++c) {
                if (PQgetisnull(res, 0, c)) {
                    cells.emplaceBack();
                    continue;
                }
                const char *v = PQgetvalue(res, 0, c);
                switch (m_kinds[c]) {
                case CellKind::Integer: cells.emplaceBack(qlonglong(strtoll(v, nullptr, 10))); break;
                case CellKind::Float: cells.emplaceBack(strtod(v, nullptr)); break;
                case CellKind::Bool: cells.emplaceBack(v[0] == 't'); break;
                case CellKind::Bytes: cells.emplaceBack(QByteArray::fromHex(QByteArray(v + 2))); break;
                case CellKind::Text: batch.appendText(v, PQgetlength(res, 0, c)); break;
                }
            }
            writer->rowDone();
            ++delivered;
            ++out.rowCount;
            break;
        }
        case PGRES_TUPLES_OK:
            takeColumns(res, sink, out);
            out.commandTag = QString::fromUtf8(PQcmdStatus(res));
            if (!out.commandTag.startsWith(u"SELECT") && *PQcmdTuples(res))
                out.rowsAffected = QByteArray(PQcmdTuples(res)).toLongLong();
            break;
        case PGRES_COMMAND_OK:
            out.commandTag = QString::fromUtf8(PQcmdStatus(res));
            if (*PQcmdTuples(res))
                out.rowsAffected = QByteArray(PQcmdTuples(res)).toLongLong();
            break;
        case PGRES_EMPTY_QUERY:
            break;
        case PGRES_COPY_IN:
            PQputCopyEnd(m_conn, "COPY FROM STDIN cannot run in the console; use Import");
            break;
        case PGRES_COPY_OUT: {
            char *buffer = nullptr;
            while (PQgetCopyData(m_conn, &buffer, 0) > 0)
                PQfreemem(buffer);
            out.error = Error(ErrorKind::Unsupported, QStringLiteral("COPY TO STDOUT cannot run in the console; use Export"));
            break;
        }
        default:
            if (!out.error)
                out.error = errorOf(res, errorPosition);
            break;
        }
        PQclear(res);
    }
    if (writer)
        writer->flush();
    if (sink.cancelled() && !out.error && !m_pending)
        out.error = Error(ErrorKind::Cancelled, QStringLiteral("Cancelled"));
    m_current = nullptr;
    m_currentSink = nullptr;
}

qint64 PostgresBackend::discardPending(ExecSink *)
{
    qint64 dropped = 0;
    while (m_pending) {
        PGresult *res = PQgetResult(m_conn);
        if (!res) {
            m_pending = false;
            break;
        }
        if (PQresultStatus(res) == PGRES_SINGLE_TUPLE)
            ++dropped;
        PQclear(res);
    }
    return dropped;
}

TransactionState PostgresBackend::transactionState() const
{
    switch (PQtransactionStatus(m_conn)) {
    case PQTRANS_INTRANS: return TransactionState::Active;
    case PQTRANS_INERROR: return TransactionState::Failed;
    // rows still pending: the state is the one from before the statement started
    case PQTRANS_ACTIVE: return m_stateBeforeStatement;
    default: return TransactionState::Idle;
    }
}

Status PostgresBackend::command(const QString &sql)
{
    discardPending(nullptr);
    PGresult *res = PQexec(m_conn, sql.toUtf8().constData());
    const ExecStatusType status = PQresultStatus(res);
    Status result;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
        result = errorOf(res, nullptr);
    PQclear(res);
    return result;
}

} // namespace strata::exec
