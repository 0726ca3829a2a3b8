#pragma once

// CatalogReader for PostgreSQL: set-based pg_catalog queries (resources/catalog/postgres/),
// a fixed handful per call whatever the number of tables. objects() runs three (relations,
// sequences, routines; a fourth only when all are empty, to tell an empty schema from a
// missing one, NotFound); describe() runs five (relations, columns, indexes, constraints,
// triggers), each for every requested relation at once, the names bound as one text[].
// DDL is rebuilt by buildPostgresDdl (postgresddl.h).

#include "catalogreader.h"
#include "postgresddl.h"

namespace strata::catalog {

class PostgresCatalogReader : public CatalogReader {
public:
    Result<QList<SchemaInfo>> schemas(QSqlDatabase &db, bool includeSystem = false) const override;
    Result<SchemaObjects> objects(QSqlDatabase &db, const QString &schema) const override;
    Result<QList<TableDetail>> describe(QSqlDatabase &db, const QString &schema,
                                        const QStringList &names = {}) const override;

    /// A text[] literal for `names` ({"a","b \"c\""}), every element quoted and escaped, to
    /// bind as one parameter cast with ::text[].
    static QString textArrayLiteral(const QStringList &names);

private:
    struct Entry {
        TableDetail detail;
        PostgresDdlInput ddl;
    };
    using DetailRow = void (*)(const QSqlQuery &row, TableDetail &detail, PostgresDdlInput &ddl);

    Status runFile(QSqlDatabase &db, const QString &file, const QVariantList &values, const RowHandler &onRow) const;
    /// Runs selection.sql (the CTE of the requested relations) followed by `file`.
    Status runSelection(QSqlDatabase &db, const QString &file, const QVariantList &selection,
                        const RowHandler &onRow) const;
};

} // namespace strata::catalog
