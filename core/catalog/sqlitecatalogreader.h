#pragma once

// CatalogReader for SQLite. Reads sqlite_schema joined with the pragma table-valued
// functions (pragma_table_xinfo, pragma_index_list, pragma_index_xinfo,
// pragma_foreign_key_list): one query per kind of detail for all requested tables, never
// one per table (except a fallback when a broken view makes the set query fail). What the
// pragmas do not say (CHECK constraints, constraint names, generation and index
// expressions, trigger timing) comes from the stored CREATE text via sqliteparser.
// Schemas are "main", "temp" (only when it holds objects) and attached databases; SQLite
// has no sequences or routines.

#include "catalogreader.h"

namespace strata::catalog {

class SqliteCatalogReader : public CatalogReader {
public:
    Result<QList<SchemaInfo>> schemas(QSqlDatabase &db, bool includeSystem = false) const override;
    Result<SchemaObjects> objects(QSqlDatabase &db, const QString &schema) const override;
    Result<QList<TableDetail>> describe(QSqlDatabase &db, const QString &schema,
                                        const QStringList &names = {}) const override;

private:
    struct Relation {
        RelationInfo info;
        QString sql;
    };
    using DetailMap = QHash<QString, TableDetail *>;

    Status runCatalog(QSqlDatabase &db, const QString &queryName, const QString &schema,
                      const QVariant &names, const RowHandler &onRow) const;
    Result<QList<Relation>> relations(QSqlDatabase &db, const QString &schema, const QVariant &names) const;
    Status readColumns(QSqlDatabase &db, const QString &schema, const QVariant &names, const DetailMap &details) const;
    static void addColumn(const QSqlQuery &row, const DetailMap &details);
    Status readIndexes(QSqlDatabase &db, const QString &schema, const QVariant &names, const DetailMap &details) const;
    Status readForeignKeys(QSqlDatabase &db, const QString &schema, const QVariant &names, const DetailMap &details) const;
    Status readTriggers(QSqlDatabase &db, const QString &schema, const QVariant &names, const DetailMap &details) const;
};

} // namespace strata::catalog
