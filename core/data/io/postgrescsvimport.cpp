// PostgreSQL: BEGIN, CREATE TABLE when asked, COPY ... FROM STDIN (FORMAT text) through the
// native libpq connection, COMMIT. Each record is written again in COPY's text form (tab
// separated, \N for NULL, backslash escapes), so the file's delimiter, quote, NULL text,
// encoding and column mapping never reach the server, and every record is one line: the
// line the server names in an error is the record's number. A malformed record or a
// cancel ends the COPY with PQputCopyEnd(errormsg), which fails the statement, and the
// transaction rolls back. Each record's line in the file is kept so errors name it.

#include "csvimport_p.h"

#include "dialect/postgresdialect.h"
#include "dialect/transactionguard.h"

#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>

#include <libpq-fe.h>

namespace strata::data::io::detail {

namespace {

constexpr qsizetype kCopyChunk = 256 * 1024;

Error resultError(PGconn *conn, PGresult *result, const QList<qint64> &recordLines)
{
    const char *state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    const char *primary = result ? PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
    const char *context = result ? PQresultErrorField(result, PG_DIAG_CONTEXT) : nullptr;
    QString message = QString::fromUtf8(primary ? primary : PQerrorMessage(conn)).trimmed();
    const QString contextText = QString::fromUtf8(context ? context : "");
    // "COPY t, line 3, column b: "x"": the server's record number -> the file's line.
    static const QRegularExpression lineRe(QStringLiteral("COPY [^\\n]*, line ([0-9]+)(, column ([^:\\n]+))?"));
    const QRegularExpressionMatch m = lineRe.match(contextText);
    if (m.hasMatch()) {
        const qint64 record = m.captured(1).toLongLong();
        if (record >= 1 && record <= recordLines.size()) {
            QString where = QStringLiteral("Line %1").arg(recordLines.at(record - 1));
            if (!m.captured(3).isEmpty())
                where += QStringLiteral(", column %1").arg(m.captured(3));
            message = where + QStringLiteral(": ") + message;
        }
    }
    Error e(dialect::PostgresDialect::kindForSqlState(QString::fromLatin1(state ? state : "")), message);
    e.sqlState = QString::fromLatin1(state ? state : "");
    e.detail = contextText;
    return e;
}

/// Appends `text` in COPY's text format: backslash, line feed, carriage return and tab
/// escaped, so every record is exactly one line of the stream.
void appendCopyField(const QString &text, QByteArray &out)
{
    const QByteArray utf8 = text.toUtf8();
    for (const char c : utf8) {
        switch (c) {
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default: out += c;
        }
    }
}

/// Ends a COPY that must not commit: the server fails it with `reason`; drains results.
void abortCopy(PGconn *conn, const QString &reason)
{
    PQputCopyEnd(conn, reason.toUtf8().constData());
    while (PGresult *r = PQgetResult(conn))
        PQclear(r);
}

/// Streams every record into the running COPY. On a malformed record, a cancel or a send
/// failure, ends the COPY so that it fails, and returns the reason.
Status sendRecords(PGconn *conn, ImportRun &run, QList<qint64> &recordLines)
{
    QByteArray chunk;
    chunk.reserve(kCopyChunk + 4096);
    auto flush = [&]() -> Status {
        if (PQputCopyData(conn, chunk.constData(), static_cast<int>(chunk.size())) != 1) {
            abortCopy(conn, QStringLiteral("send failed"));
            return Error(ErrorKind::Connection, QString::fromUtf8(PQerrorMessage(conn)).trimmed());
        }
        chunk.resize(0);   // keeps the capacity
        return {};
    };
    const int every = qMax(1, run.options.progressEvery);
    CsvRecord record;
    for (;;) {
        if (run.cancelled()) {
            abortCopy(conn, QStringLiteral("cancelled by the user"));
            return cancelledError(run.rows);
        }
        Result<bool> more = run.nextRecord(record);
        if (!more) {
            abortCopy(conn, more.error().message);
            return more.error();
        }
        if (!more.value())
            break;
        recordLines << record.line;
        for (qsizetype i = 0; i < run.options.columns.size(); ++i) {
            if (i)
                chunk += '\t';
            const int field = run.options.columns.at(i).csvColumn;
            if (record.isNull(field))
                chunk += "\\N";
            else
                appendCopyField(record.fields.at(field), chunk);
        }
        chunk += '\n';
        if (chunk.size() >= kCopyChunk)
            if (Status s = flush(); !s)
                return s;
        if (++run.rows % every == 0)
            run.report();
    }
    return chunk.isEmpty() ? Status() : flush();
}

} // namespace

Result<qint64> importPostgres(QSqlDatabase &db, PGconn *conn, ImportRun &run)
{
    const dialect::Dialect &dialect = dialect::dialectFor(dialect::DialectKind::Postgres);
    dialect::TransactionGuard transaction(db);
    if (Status begun = transaction.begin(); !begun)
        return begun.error();
    if (run.options.createTable) {
        const QString create = createTableSql(dialect, run.options);
        QSqlQuery query(db);
        if (!query.exec(create))
            return dialect.mapError(query.lastError(), create);
    }
    const QString copy = copySql(dialect, run.options);
    PGresult *started = PQexec(conn, copy.toUtf8().constData());
    if (PQresultStatus(started) != PGRES_COPY_IN) {
        Error e = resultError(conn, started, {}).withSql(copy);
        PQclear(started);
        return e;
    }
    PQclear(started);

    QList<qint64> recordLines;   // COPY line (= record) - 1 -> line in the file
    if (Status sent = sendRecords(conn, run, recordLines); !sent)
        return sent.error();
    PQputCopyEnd(conn, nullptr);
    std::optional<Error> failure;
    while (PGresult *r = PQgetResult(conn)) {
        if (PQresultStatus(r) != PGRES_COMMAND_OK && !failure)
            failure = resultError(conn, r, recordLines).withSql(copy);
        PQclear(r);
    }
    if (failure)
        return failure->kind == ErrorKind::Cancelled ? cancelledError(run.rows) : *failure;
    if (run.cancelled())
        return cancelledError(run.rows);
    if (Status committed = transaction.commit(); !committed)
        return committed.error();
    run.report();
    return run.rows;
}

} // namespace strata::data::io::detail
