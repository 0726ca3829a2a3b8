#pragma once

// The SQLite ExecBackend: sqlite3_prepare_v2 / bind / step on the sqlite3* behind the QtSql
// connection. Errors carry the extended result code and, from SQLite 3.38, the character
// offset sqlite3_error_offset reports. Worker thread only.

#include "execbackend.h"

struct sqlite3;
struct sqlite3_stmt;

namespace strata::exec {

class SqliteBackend : public ExecBackend {
public:
    explicit SqliteBackend(sqlite3 *db) : m_db(db) {}
    ~SqliteBackend() override;

    void execute(const StatementRequest &request, qint64 limit, const ExecOptions &options, ExecSink &sink,
                 StatementOutcome &out, int &errorIndex) override;
    void fetch(qint64 limit, const ExecOptions &options, ExecSink &sink, StatementOutcome &out) override;
    bool hasPending() const override { return m_stmt != nullptr; }
    qint64 discardPending(ExecSink *sink) override;
    TransactionState transactionState() const override;
    Status command(const QString &sql) override;
    void forget() override;
    void *handle() const override { return m_db; }

private:
    Status bind(const QString &sql, const ParameterValues &values);
    void step(qint64 limit, const ExecOptions &options, ExecSink &sink, StatementOutcome &out);
    Error currentError(const QString &sql) const;
    void finish();

    sqlite3 *m_db;
    sqlite3_stmt *m_stmt = nullptr;   // pending (or running) statement
    QString m_sql;
};

} // namespace strata::exec
