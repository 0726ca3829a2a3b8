#pragma once

// Catalog reads as asynchronous jobs on a Connection's worker thread: the tree, the
// properties tab and (later) completion call these from the GUI thread and get the result
// back there. `context` guards the callback: it is dropped when context is destroyed.

#include "catalogreader.h"
#include "connection/connection.h"

#include <functional>

namespace strata::catalog {

void fetchSchemas(connection::Connection &connection, QObject *context, bool includeSystem,
                  std::function<void(Result<QList<SchemaInfo>>)> done);

void fetchObjects(connection::Connection &connection, QObject *context, const QString &schema,
                  std::function<void(Result<SchemaObjects>)> done);

void fetchTableDetail(connection::Connection &connection, QObject *context, const QString &schema,
                      const QString &name, std::function<void(Result<TableDetail>)> done);

} // namespace strata::catalog
