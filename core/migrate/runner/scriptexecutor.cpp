#include "scriptexecutor.h"

#include "sectioncheck.h"

#include "exec/servertext.h"
#include "exec/statementsplitter.h"

#include "connection/nativehandle.h"

#include <QElapsedTimer>
#include <QSqlError>
#include <libpq-fe.h>
#include <sqlite3.h>

namespace strata::migrate {

using dialect::DialectKind;

namespace {

Error placed(Error e, const QString &file, int line)
{
    return locatedAt(std::move(e), file, line);
}

} // namespace

ScriptExecutor::ScriptExecutor(const QSqlDatabase &db)
{
    m_kind = dialect::dialectFor(db).kind();
    if (m_kind == DialectKind::Postgres)
        m_postgres = connection::NativeHandle::postgresHandle(db);
    else
        m_sqlite = connection::NativeHandle::sqliteHandle(db);
}

void ScriptExecutor::setBusyTimeout(int ms)
{
    if (m_sqlite)
        sqlite3_busy_timeout(m_sqlite, ms);
}

Status ScriptExecutor::exec(const QString &sql)
{
    return execute(sql, QString(), 0);
}

Status ScriptExecutor::execute(const QString &sql, const QString &file, int firstLine,
                               const std::function<void(const StatementEvent &)> &onStatement)
{
    if (!isValid())
        return Error(ErrorKind::Internal, QStringLiteral("No native database handle behind the connection"));
    // Every byte runs, or nothing does: text the server would never see (after a NUL, inside
    // a construct left open at the end) is refused before the first statement.
    if (Status complete = checkComplete(sql, m_kind, file, firstLine); !complete)
        return complete;
    return m_kind == DialectKind::Sqlite ? executeSqlite(sql, file, firstLine, onStatement)
                                         : executePostgres(sql, file, firstLine, onStatement);
}

Status ScriptExecutor::executeSqlite(const QString &sql, const QString &file, int firstLine,
                                     const std::function<void(const StatementEvent &)> &onStatement)
{
    const QByteArray utf8 = sql.toUtf8();
    const char *base = utf8.constData();
    const char *tail = base;
    const char *end = base + utf8.size();
    while (tail < end) {
        const char *start = tail;
        sqlite3_stmt *stmt = nullptr;
        QElapsedTimer timer;
        timer.start();
        int rc = sqlite3_prepare_v2(m_sqlite, start, int(end - start), &stmt, &tail);
        int leading = 0;
        while (start + leading < end && QChar::isSpace(uchar(start[leading])))
            ++leading;
        const int line = firstLine + int(QByteArray(base, int(start - base) + leading).count('\n'));
        auto fail = [&]() {
            const QString text = QString::fromUtf8(start, int(tail > start ? tail - start : end - start)).trimmed();
            const QSqlError qerr(QString(), QString::fromUtf8(sqlite3_errmsg(m_sqlite)), QSqlError::StatementError,
                                 QString::number(sqlite3_extended_errcode(m_sqlite)));
            Error e = dialect::dialectFor(DialectKind::Sqlite).mapError(qerr, text);
            const int offset = sqlite3_error_offset(m_sqlite);
            if (offset >= 0)
                e.position = offset + 1;
            if (stmt)
                sqlite3_finalize(stmt);
            return placed(e, file, line);
        };
        if (rc != SQLITE_OK)
            return fail();
        if (!stmt && tail <= start)   // no progress: never loop holding the write lock
            return placed(Error(ErrorKind::Internal, QStringLiteral("SQLite read no statement from the rest of the text")),
                          file, line);
        if (!stmt)
            continue; // only whitespace or comments
        do {
            rc = sqlite3_step(stmt);
        } while (rc == SQLITE_ROW);
        if (rc != SQLITE_DONE)
            return fail();
        sqlite3_finalize(stmt);
        if (onStatement)
            onStatement(StatementEvent{QString::fromUtf8(start, int(tail - start)).trimmed(), file.isEmpty() ? 0 : line,
                                       timer.elapsed()});
    }
    return {};
}

Status ScriptExecutor::executePostgres(const QString &sql, const QString &file, int firstLine,
                                       const std::function<void(const StatementEvent &)> &onStatement)
{
    for (const exec::SqlStatement &st : exec::StatementSplitter::split(sql, DialectKind::Postgres)) {
        QElapsedTimer timer;
        timer.start();
        PGresult *res = PQexec(m_postgres, st.text.toUtf8().constData());
        const ExecStatusType status = PQresultStatus(res);
        if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && status != PGRES_EMPTY_QUERY) {
            auto field = [this, res](int code) { return exec::decodeServerText(m_postgres, PQresultErrorField(res, code)); };
            QString message = field(PG_DIAG_MESSAGE_PRIMARY);
            if (message.isEmpty())
                message = exec::decodeServerText(m_postgres, PQerrorMessage(m_postgres)).trimmed();
            if (status == PGRES_COPY_IN || status == PGRES_COPY_OUT)
                message = QStringLiteral("COPY to or from STDIN/STDOUT cannot run in a revision");
            const QSqlError qerr(QString(), message, QSqlError::StatementError, field(PG_DIAG_SQLSTATE));
            Error e = dialect::dialectFor(DialectKind::Postgres).mapError(qerr, st.text);
            e.message = message;
            QStringList detail;
            if (!field(PG_DIAG_MESSAGE_DETAIL).isEmpty())
                detail.append(field(PG_DIAG_MESSAGE_DETAIL));
            if (!field(PG_DIAG_MESSAGE_HINT).isEmpty())
                detail.append(QStringLiteral("HINT: ") + field(PG_DIAG_MESSAGE_HINT));
            e.detail = detail.join(QLatin1Char('\n'));
            const int position = field(PG_DIAG_STATEMENT_POSITION).toInt();
            int line = firstLine + st.line;
            if (position > 0) {
                e.position = position;
                line += int(st.text.left(position - 1).count(QLatin1Char('\n')));
            }
            PQclear(res);
            return placed(e, file, line);
        }
        PQclear(res);
        if (onStatement)
            onStatement(StatementEvent{st.text, file.isEmpty() ? 0 : firstLine + st.line, timer.elapsed()});
    }
    return {};
}

} // namespace strata::migrate
