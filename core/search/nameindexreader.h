#pragma once

// Reads the names quick open searches (nameindex.h) from a live database in one query
// (resources/search/<dialect>/names.sql): schemas, tables, views, materialized and foreign
// tables, columns, functions, procedures and sequences, outside the system schemas.
// Synchronous on the calling thread with its QSqlDatabase: run it on the connection's
// worker (fetchNameIndex), never on the GUI thread.

#include "base/result.h"
#include "dialect/dialect.h"
#include "nameindex.h"

#include <QObject>
#include <QSqlDatabase>
#include <functional>
#include <memory>

namespace strata::connection {
class Connection;
}

namespace strata::search {

using NameIndexPtr = std::shared_ptr<const NameIndex>;

/// The names of `db`'s objects; `database` and `connectionName` label the index.
Result<NameIndexPtr> readNameIndex(QSqlDatabase &db, dialect::DialectKind kind, int database, const QString &connectionName);

/// readNameIndex on `connection`'s worker; `done` runs on the connection's thread unless
/// `context` was destroyed meanwhile.
void fetchNameIndex(connection::Connection &connection, QObject *context, int database, const QString &connectionName,
                    std::function<void(Result<NameIndexPtr>)> done);

}   // namespace strata::search
