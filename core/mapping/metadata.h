#pragma once

// MetaData: the collection of mapped tables (SQLAlchemy's Base.metadata). It orders tables
// by their foreign keys, creates and drops them (createAll/dropAll, each in one transaction
// on the calling thread's QSqlDatabase), checks declarations that only values can get wrong
// (validate), and describes the mapped schema with the catalog's value types so it can be
// compared with a live database.

#include "base/result.h"
#include "catalog/catalogtypes.h"
#include "dialect/dialect.h"
#include "table.h"

#include <QSqlDatabase>

namespace strata::mapping {

class MetaData {
public:
    template <typename... Ts>
    MetaData &add()
    {
        (addTable(tableDef<Ts>()), ...);
        return *this;
    }
    MetaData &addTable(const TableDef &table);

    const std::vector<const TableDef *> &tables() const { return m_tables; }
    const TableDef *table(const QString &name) const;

    /// Tables with every referenced table before its referrers; a cycle is an error.
    Result<std::vector<const TableDef *>> sortedTables() const;

    /// Declaration mistakes: unknown columns in keys, indexes and foreign keys, optional
    /// key members, SQLite autoincrement on a composite key, relationships without a key.
    Status validate(const dialect::Dialect &dialect) const;

    QStringList createStatements(const dialect::Dialect &dialect) const;
    QStringList dropStatements(const dialect::Dialect &dialect) const;

    /// CREATE TABLE IF NOT EXISTS for every table, referenced tables first, in one transaction.
    Status createAll(QSqlDatabase &db) const;
    /// DROP TABLE IF EXISTS for every table, referrers first, in one transaction.
    Status dropAll(QSqlDatabase &db) const;

    /// The mapped schema as catalog values (types named by `dialect`), comparable with what a
    /// CatalogReader reads from a database created by createAll.
    QList<catalog::TableDetail> toCatalog(const dialect::Dialect &dialect) const;
    static catalog::TableDetail toCatalog(const dialect::Dialect &dialect, const TableDef &table);

private:
    std::vector<const TableDef *> m_tables;
};

/// The dialect of an open QSqlDatabase (QSQLITE / QPSQL); other drivers are unsupported.
Result<const dialect::Dialect *> dialectOf(const QSqlDatabase &db);

/// Runs statements in one transaction; the first failure rolls back and is returned.
Status runInTransaction(QSqlDatabase &db, const dialect::Dialect &dialect, const QStringList &statements);

} // namespace strata::mapping
