#pragma once

// Opening a QtSql connection for a profile, on the calling thread. The worker thread of a
// Connection calls this; so do command-line tools (strata-migrate) and tests, which have
// no GUI thread to protect. The QSqlDatabase is registered under `connectionName` and must
// be used and removed on the thread that opened it.
//
// Errors say precisely what is wrong: file not found (read-only SQLite never creates a
// file), not a database, wrong password, host unreachable, database does not exist, SSL
// required, timeout; `Error::field` names the profile field concerned where there is one.

#include "base/result.h"
#include "connectionprofile.h"

#include <QSqlDatabase>
#include <optional>

namespace strata::connection {

struct ServerInfo {
    QString product;          ///< "SQLite" / "PostgreSQL"
    QString version;          ///< "3.40.1" / "15.18"
    int versionNumber = 0;    ///< 3040001 / 150018
    qint64 latencyMs = 0;     ///< time of the first round trip after connecting
    bool readOnly = false;    ///< the session is enforced read-only
    QString currentUser;      ///< PostgreSQL current_user
    QString currentDatabase;  ///< PostgreSQL current_database(), SQLite file path
};

/// Seconds to wait for a PostgreSQL connection when the profile gives no timeout.
constexpr int kDefaultConnectTimeoutSeconds = 10;

/// Opens `profile` as QSqlDatabase `connectionName` on the calling thread. With no
/// password, libpq's own sources apply (PGPASSWORD, .pgpass). On failure the connection
/// name is removed again. Read-only profiles are enforced by the database itself
/// (SQLite: read-only open + query_only; PostgreSQL: default_transaction_read_only).
Result<ServerInfo> openDatabase(const ConnectionProfile &profile, const std::optional<QString> &password,
                                const QString &connectionName);

/// Closes and removes a connection opened by openDatabase (on the same thread).
void closeDatabase(const QString &connectionName);

/// A process-unique connection name with a readable prefix ("strata-grid-17").
QString uniqueConnectionName(const QString &purpose);

} // namespace strata::connection
