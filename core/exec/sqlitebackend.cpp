#include "sqlitebackend.h"

#include "sqlparameters.h"

#include "dialect/dialect.h"

#include <QSet>

#include <QElapsedTimer>
#include <sqlite3.h>

namespace strata::exec {

SqliteBackend::~SqliteBackend()
{
    finish();
}

void SqliteBackend::forget()
{
    m_stmt = nullptr;   // belonged to a closed connection
    m_db = nullptr;
}

void SqliteBackend::finish()
{
    if (m_stmt)
        sqlite3_finalize(m_stmt);
    m_stmt = nullptr;
}

Error SqliteBackend::currentError(const QString &sql) const
{
    const int code = sqlite3_extended_errcode(m_db);
    const QSqlError qerr(QString(), QString::fromUtf8(sqlite3_errmsg(m_db)), QSqlError::StatementError, QString::number(code));
    Error e = dialect::dialectFor(dialect::DialectKind::Sqlite).mapError(qerr, sql);
    if ((code & 0xff) == SQLITE_INTERRUPT)
        e.kind = ErrorKind::Cancelled;
    return e;
}

Status SqliteBackend::bind(const QString &sql, const ParameterValues &values)
{
    const int count = sqlite3_bind_parameter_count(m_stmt);
    QSet<QString> used;   // "SELECT ?7" has indexes 1..6 that no parameter uses: they stay NULL
    for (const ParameterRef &p : SqlParameters::find(sql, dialect::DialectKind::Sqlite))
        used.insert(p.key);
    for (int i = 1; i <= count; ++i) {
        const char *name = sqlite3_bind_parameter_name(m_stmt, i);
        const QString key = name ? QString::fromUtf8(name) : QStringLiteral("?%1").arg(i);
        if (!used.contains(key))
            continue;
        if (!values.contains(key))
            return Error(ErrorKind::Syntax, QStringLiteral("No value was given for parameter %1.").arg(key)).withSql(sql);
        const QVariant v = values.value(key);
        int rc = SQLITE_OK;
        if (v.isNull()) {
            rc = sqlite3_bind_null(m_stmt, i);
        } else if (v.typeId() == QMetaType::LongLong || v.typeId() == QMetaType::Int || v.typeId() == QMetaType::Bool) {
            rc = sqlite3_bind_int64(m_stmt, i, v.toLongLong());
        } else if (v.typeId() == QMetaType::Double) {
            rc = sqlite3_bind_double(m_stmt, i, v.toDouble());
        } else if (v.typeId() == QMetaType::QByteArray) {
            const QByteArray bytes = v.toByteArray();
            rc = sqlite3_bind_blob64(m_stmt, i, bytes.constData(), sqlite3_uint64(bytes.size()), SQLITE_TRANSIENT);
        } else {
            const QByteArray text = v.toString().toUtf8();
            rc = sqlite3_bind_text64(m_stmt, i, text.constData(), sqlite3_uint64(text.size()), SQLITE_TRANSIENT, SQLITE_UTF8);
        }
        if (rc != SQLITE_OK)
            return currentError(sql);
    }
    return {};
}

void SqliteBackend::execute(const StatementRequest &request, qint64 limit, const ExecOptions &options, ExecSink &sink,
                            StatementOutcome &out, int &errorIndex)
{
    finish();
    errorIndex = -1;
    m_sql = request.sql;
    const QByteArray utf8 = request.sql.toUtf8();
    if (sink.cancelled()) {
        out.error = Error(ErrorKind::Cancelled, QStringLiteral("Cancelled"));
        return;
    }
    const int rc = sqlite3_prepare_v2(m_db, utf8.constData(), int(utf8.size()), &m_stmt, nullptr);
    if (rc != SQLITE_OK) {
        out.error = currentError(request.sql);
        const int offset = sqlite3_error_offset(m_db);
        if (offset >= 0 && offset <= utf8.size())
            errorIndex = int(QString::fromUtf8(utf8.constData(), offset).size());
        finish();
        return;
    }
    if (!m_stmt)
        return;   // only a comment
    if (Status bound = bind(request.sql, request.parameters); !bound) {
        out.error = bound.error();
        finish();
        return;
    }
    const int columns = sqlite3_column_count(m_stmt);
    if (columns > 0) {
        out.hasResultSet = true;
        for (int c = 0; c < columns; ++c)
            out.columns.append(ResultColumn{QString::fromUtf8(sqlite3_column_name(m_stmt, c)),
                                            QString::fromUtf8(sqlite3_column_decltype(m_stmt, c)), 0});
        sink.columns(out.index, out.columns);
    }
    step(limit, options, sink, out);
}

void SqliteBackend::fetch(qint64 limit, const ExecOptions &options, ExecSink &sink, StatementOutcome &out)
{
    out.hasMoreRows = false;
    if (m_stmt)
        step(limit, options, sink, out);
}

void SqliteBackend::step(qint64 limit, const ExecOptions &options, ExecSink &sink, StatementOutcome &out)
{
    const int columns = sqlite3_column_count(m_stmt);
    BatchWriter writer(sink, out.index, columns, out.rowCount, options);
    qint64 delivered = 0;
    while (true) {
        if (limit >= 0 && delivered >= limit) {
            out.hasMoreRows = true;
            return;
        }
        // sqlite3_interrupt only stops a statement that runs; the flag covers the gaps
        if (sink.cancelled()) {
            writer.flush();
            out.error = Error(ErrorKind::Cancelled, QStringLiteral("Cancelled"));
            finish();
            return;
        }
        const int rc = sqlite3_step(m_stmt);
        if (rc == SQLITE_ROW) {
            RowBatch &batch = writer.batch();
            QList<QVariant> &cells = batch.cells;
            for (int c = 0; c < columns; ++c) {
                switch (sqlite3_column_type(m_stmt, c)) {
                case SQLITE_INTEGER: cells.emplaceBack(qlonglong(sqlite3_column_int64(m_stmt, c))); break;
                case SQLITE_FLOAT: cells.emplaceBack(sqlite3_column_double(m_stmt, c)); break;
                case SQLITE_NULL: cells.emplaceBack(); break;
                case SQLITE_BLOB:
                    cells.emplaceBack(QByteArray(static_cast<const char *>(sqlite3_column_blob(m_stmt, c)),
                                                 sqlite3_column_bytes(m_stmt, c)));
                    break;
                default:
                    batch.appendText(reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, c)), sqlite3_column_bytes(m_stmt, c));
                    break;
                }
            }
            writer.rowDone();
            ++delivered;
            ++out.rowCount;
            continue;
        }
        writer.flush();
        if (rc == SQLITE_DONE) {
            if (!sqlite3_stmt_readonly(m_stmt))
                out.rowsAffected = sqlite3_changes64(m_db);
        } else {
            out.error = currentError(m_sql);
        }
        finish();
        return;
    }
}

qint64 SqliteBackend::discardPending(ExecSink *)
{
    qint64 dropped = 0;
    while (m_stmt && sqlite3_step(m_stmt) == SQLITE_ROW)
        ++dropped;
    finish();
    return dropped;
}

TransactionState SqliteBackend::transactionState() const
{
    return sqlite3_get_autocommit(m_db) ? TransactionState::Idle : TransactionState::Active;
}

Status SqliteBackend::command(const QString &sql)
{
    discardPending(nullptr);
    char *message = nullptr;
    if (sqlite3_exec(m_db, sql.toUtf8().constData(), nullptr, nullptr, &message) != SQLITE_OK) {
        Error e = currentError(sql);
        sqlite3_free(message);
        return e;
    }
    return {};
}

} // namespace strata::exec
