#pragma once

// Shared by the executor tests: open a Connection from a URL and wait; record what a
// QueryExecutor reports; run a script and wait for its end.

#include "connection/connection.h"
#include "connection/connectionstring.h"
#include "exec/queryexecutor.h"

#include <QtTest>
#include <memory>

namespace strata::test {

inline std::unique_ptr<connection::Connection> openConnection(const QString &url, QString *error = nullptr)
{
    Result<connection::ConnectionSpec> spec = connection::parseConnectionString(url);
    if (!spec) {
        if (error)
            *error = spec.error().message;
        return nullptr;
    }
    spec->profile.createIfMissing = spec->profile.isSqlite();
    auto conn = std::make_unique<connection::Connection>(spec->profile, QStringLiteral("console-test"));
    std::optional<bool> ok;
    QString message;
    conn->open(spec->password, [&](const Result<connection::ServerInfo> &r) {
        ok = r.ok();
        if (!r)
            message = r.error().message;
    });
    if (!QTest::qWaitFor([&] { return ok.has_value(); }, 20000) || !*ok) {
        if (error)
            *error = message.isEmpty() ? QStringLiteral("open timed out") : message;
        return nullptr;
    }
    return conn;
}

struct Recorder {
    QList<exec::StatementOutcome> started;
    QList<exec::StatementOutcome> finished;
    QMap<int, QList<exec::ResultColumn>> columns;
    QMap<int, QList<QVariantList>> rows;   // per statement
    QList<exec::Notice> notices;
    std::optional<exec::RunSummary> summary;
    QList<Error> failures;
    QStringList order;   // event names, to check ordering

    QObject context;   // the connections die with the recorder

    explicit Recorder(exec::QueryExecutor &e)
    {
        QObject::connect(&e, &exec::QueryExecutor::statementStarted, &context, [this](const exec::StatementOutcome &o) {
            started.append(o);
            order.append(QStringLiteral("start%1").arg(o.index));
        });
        QObject::connect(&e, &exec::QueryExecutor::columnsReady, &context, [this](int s, const QList<exec::ResultColumn> &c) {
            columns[s] = c;
        });
        QObject::connect(&e, &exec::QueryExecutor::rowsReady, &context, [this](const exec::RowBatchPtr &b) {
            for (int r = 0; r < b->rowCount(); ++r) {
                QVariantList row;
                for (int c = 0; c < b->columnCount; ++c)
                    row.append(b->cell(r, c));
                rows[b->statement].append(row);
            }
        });
        QObject::connect(&e, &exec::QueryExecutor::noticeReceived, &context, [this](int, const exec::Notice &n) { notices.append(n); });
        QObject::connect(&e, &exec::QueryExecutor::statementFinished, &context, [this](const exec::StatementOutcome &o) {
            finished.append(o);
            order.append(QStringLiteral("end%1").arg(o.index));
        });
        QObject::connect(&e, &exec::QueryExecutor::runFinished, &context, [this](const exec::RunSummary &s) { summary = s; });
        QObject::connect(&e, &exec::QueryExecutor::failed, &context, [this](const Error &err) { failures.append(err); });
    }
};

/// Runs `sql` and waits for runFinished; the recorder is cleared first.
inline bool runAndWait(exec::QueryExecutor &e, Recorder &rec, const QString &sql, const exec::ParameterValues &params = {},
                       int timeoutMs = 30000)
{
    rec.started.clear();
    rec.finished.clear();
    rec.columns.clear();
    rec.rows.clear();
    rec.notices.clear();
    rec.summary.reset();
    rec.order.clear();
    exec::ScriptRequest request;
    request.text = sql;
    request.parameters = params;
    if (!e.run(request))
        return false;
    return QTest::qWaitFor([&] { return rec.summary.has_value(); }, timeoutMs);
}

} // namespace strata::test
