#pragma once

// A CatalogReader reads schema objects from a live database into catalog value types.
// Readers are stateless; every call runs synchronously on the calling thread with the
// given QSqlDatabase, so callers run them on the connection's worker thread (see
// connection/connection.h), never on the GUI thread.
// PostgreSQL reads are set-based: a handful of pg_catalog queries per call, whatever the
// number of tables, so a 10,000-table schema lists in well under a second.

#include "base/result.h"
#include "catalogtypes.h"
#include "dialect/dialect.h"

#include <QSqlDatabase>
#include <memory>

namespace strata::catalog {

class CatalogReader {
public:
    virtual ~CatalogReader() = default;

    /// Schemas (PostgreSQL namespaces; SQLite "main", "temp" when it holds objects, and
    /// attached databases). System schemas only with includeSystem.
    virtual Result<QList<SchemaInfo>> schemas(QSqlDatabase &db, bool includeSystem = false) const = 0;

    /// Tables, views, materialized views, sequences and routines of one schema, sorted by name.
    virtual Result<SchemaObjects> objects(QSqlDatabase &db, const QString &schema) const = 0;

    /// Details (columns, indexes, foreign keys, constraints, triggers, DDL) of the named
    /// relations of a schema; all relations of the schema when `names` is empty. Unknown
    /// names are skipped; the result follows the order of the schema listing.
    virtual Result<QList<TableDetail>> describe(QSqlDatabase &db, const QString &schema,
                                                const QStringList &names = {}) const = 0;

    /// Details of one relation; NotFound when it does not exist.
    Result<TableDetail> describeOne(QSqlDatabase &db, const QString &schema, const QString &name) const;

    /// The reader for a dialect.
    static std::unique_ptr<CatalogReader> create(dialect::DialectKind kind);
};

} // namespace strata::catalog
