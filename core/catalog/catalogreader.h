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
#include <QSqlQuery>
#include <QVariantList>
#include <functional>
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

    /// Called with the text of every statement the reader runs, on the thread that runs it
    /// (for a SQL log, and for tests that check how many queries a call needs). Set it
    /// before the reader is used; it is not synchronised.
    using QueryObserver = std::function<void(const QString &sql)>;
    void setQueryObserver(QueryObserver observer) { m_observer = std::move(observer); }

protected:
    using RowHandler = std::function<void(const QSqlQuery &row)>;

    /// Prepares `sql`, binds `values` in order, runs it forward-only and calls `onRow` for
    /// each row; errors (also those that end the rows early) are mapped through the
    /// dialect of `kind`.
    Status run(QSqlDatabase &db, dialect::DialectKind kind, const QString &sql,
               const QVariantList &values, const RowHandler &onRow) const;

private:
    QueryObserver m_observer;
};

} // namespace strata::catalog
