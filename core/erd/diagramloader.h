#pragma once

// Reads what a diagram shows from a live database: the tables of one schema (plus the
// tables of other schemas its foreign keys point at), optionally cut down to a selection
// or to a table's neighbourhood. Uses the catalog readers, so the SQL stays in
// resources/catalog; a fixed number of catalog queries per schema involved. A neighbourhood
// first reads the bare foreign-key graph of the schema (one query) and describes only the
// tables within its hops.
//
// Threads: loadDiagram() is synchronous and runs on the thread that owns `db` (a
// connection's worker); fetchDiagram() posts it to a Connection and calls back on the
// Connection's thread.

#include "base/result.h"
#include "connection/connection.h"
#include "diagramtypes.h"

#include <QSqlDatabase>
#include <functional>

namespace strata::erd {

struct DiagramRequest {
    QString schema;                 ///< the schema drawn ("main" for SQLite)
    QList<TableKey> tables;         ///< only these (and edges among them); empty: the whole schema
    TableKey center;                ///< with hops >= 0: the neighbourhood of this table
    int hops = -1;                  ///< foreign-key steps from center; < 0: no neighbourhood cut
};

[[nodiscard]] Result<Diagram> loadDiagram(QSqlDatabase &db, dialect::DialectKind kind, const DiagramRequest &request);

void fetchDiagram(connection::Connection &connection, QObject *context, const DiagramRequest &request,
                  std::function<void(Result<Diagram>)> done);

} // namespace strata::erd
