#pragma once

// Extra PostgreSQL sessions for monitor tests, straight through libpq: one that holds a
// lock, one that waits for it, one that runs a load. Queries are sent without waiting
// (send) so a test can watch them block; results are awaited while the Qt event loop spins.
// superuserConninfo() reaches the throwaway server's `postgres` role over its socket
// (scripts/with-postgres.sh puts it in the sock/ directory beside STRATA_TEST_PG_DATA).

#include <QDir>
#include <QFileInfo>
#include <QTest>
#include <QUrl>

#include <libpq-fe.h>

namespace strata::test {

inline QByteArray conninfoFromUrl(const QString &urlText)
{
    const QUrl url(urlText);
    return QStringLiteral("host=%1 port=%2 user=%3 password=%4 dbname=%5 application_name=strata-test-session")
        .arg(url.host()).arg(url.port(5432)).arg(url.userName(), url.password(), url.path().mid(1)).toUtf8();
}

/// The superuser over the socket, on database `database` of the server behind `urlText`.
inline QByteArray superuserConninfo(const QString &urlText, const QString &database)
{
    const QString data = qEnvironmentVariable("STRATA_TEST_PG_DATA");
    const QString sock = QFileInfo(data).absolutePath() + QStringLiteral("/sock");
    return QStringLiteral("host=%1 port=%2 user=postgres dbname=%3 application_name=strata-test-superuser")
        .arg(sock).arg(QUrl(urlText).port(5432)).arg(database).toUtf8();
}

class PgSession {
public:
    explicit PgSession(const QByteArray &conninfo) : m_conn(PQconnectdb(conninfo.constData())) {}
    ~PgSession() { PQfinish(m_conn); }
    PgSession(const PgSession &) = delete;
    PgSession &operator=(const PgSession &) = delete;

    bool ok() const { return PQstatus(m_conn) == CONNECTION_OK; }
    QString error() const { return QString::fromUtf8(PQerrorMessage(m_conn)).trimmed(); }
    int pid() const { return PQbackendPID(m_conn); }
    PGconn *conn() const { return m_conn; }

    /// Runs `sql` to the end; empty on success, else the error message.
    QString exec(const QString &sql)
    {
        PGresult *r = PQexec(m_conn, sql.toUtf8().constData());
        const ExecStatusType st = PQresultStatus(r);
        QString error;
        if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
            error = QString::fromUtf8(PQresultErrorMessage(r)).trimmed();
        PQclear(r);
        return error;
    }
    /// The first value of the first row of `sql`.
    QString value(const QString &sql)
    {
        PGresult *r = PQexec(m_conn, sql.toUtf8().constData());
        const QString v = PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) > 0 ? QString::fromUtf8(PQgetvalue(r, 0, 0)) : QString();
        PQclear(r);
        return v;
    }
    /// Sends without waiting for the answer.
    bool send(const QString &sql) { return PQsendQuery(m_conn, sql.toUtf8().constData()) == 1; }
    /// True while the sent query has not answered.
    bool busy()
    {
        PQconsumeInput(m_conn);
        return PQisBusy(m_conn) != 0;
    }
    /// Waits (spinning the event loop) for the sent query's results; returns the
    /// SQLSTATE of the first error, "" when every result succeeded, or "timeout".
    QString waitResult(int timeoutMs = 20000)
    {
        if (!QTest::qWaitFor([this] { return !busy(); }, timeoutMs))
            return QStringLiteral("timeout");
        QString state;
        while (PGresult *r = PQgetResult(m_conn)) {
            const ExecStatusType st = PQresultStatus(r);
            if (state.isEmpty() && st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK && st != PGRES_EMPTY_QUERY) {
                const char *s = PQresultErrorField(r, PG_DIAG_SQLSTATE);
                state = s ? QString::fromLatin1(s) : QStringLiteral("error");
                m_lastError = QString::fromUtf8(PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY));
            }
            PQclear(r);
        }
        return state;
    }
    QString lastError() const { return m_lastError; }
    /// Asks the server to cancel the sent query (PQcancel), as psql's Ctrl+C does.
    bool cancel()
    {
        PGcancel *c = PQgetCancel(m_conn);
        char err[256] = {};
        const bool ok = c && PQcancel(c, err, int(sizeof err)) == 1;
        PQfreeCancel(c);
        return ok;
    }

private:
    PGconn *m_conn;
    QString m_lastError;
};

} // namespace strata::test
