#include "metadata.h"

#include "ddlcompiler.h"

#include "dialect/transactionguard.h"

#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>

namespace strata::mapping {

MetaData &MetaData::addTable(const TableDef &table)
{
    if (std::find(m_tables.begin(), m_tables.end(), &table) == m_tables.end())
        m_tables.push_back(&table);
    return *this;
}

const TableDef *MetaData::table(const QString &name) const
{
    for (const TableDef *t : m_tables) {
        if (t->name == name)
            return t;
    }
    return nullptr;
}

Result<std::vector<const TableDef *>> MetaData::sortedTables() const
{
    // Depth-first topological sort; referenced tables outside this MetaData are ignored.
    std::vector<const TableDef *> out;
    QHash<const TableDef *, int> state;   // 1 visiting, 2 done
    std::function<bool(const TableDef *)> visit = [&](const TableDef *t) {
        if (state.value(t) == 2)
            return true;
        if (state.value(t) == 1)
            return false;
        state.insert(t, 1);
        for (const QString &ref : t->referencedTables()) {
            if (const TableDef *r = table(ref); r && !visit(r))
                return false;
        }
        state.insert(t, 2);
        out.push_back(t);
        return true;
    };
    for (const TableDef *t : m_tables) {
        if (!visit(t))
            return Error(ErrorKind::Unsupported,
                         QStringLiteral("foreign keys form a cycle through table %1").arg(t->name));
    }
    return out;
}

Status MetaData::validate(const dialect::Dialect &dialect) const
{
    auto fail = [](const TableDef *t, const QString &what) {
        return Error(ErrorKind::Syntax, QStringLiteral("mapping of %1: %2").arg(t->name, what));
    };
    for (const TableDef *t : m_tables) {
        const QStringList key = t->primaryKey();
        if (key.isEmpty())
            return fail(t, QStringLiteral("no primary key"));
        for (const QString &k : key) {
            if (!t->column(k))
                return fail(t, QStringLiteral("primary key column %1 is not mapped").arg(k));
        }
        for (const ColumnDef &c : t->columns) {
            if (c.autoIncrement && key.size() > 1 && dialect.kind() == dialect::DialectKind::Sqlite)
                return fail(t, QStringLiteral("SQLite generates only a single-column integer key (%1)").arg(c.name));
            if (c.autoIncrement && c.type != ColumnType::Integer && c.type != ColumnType::BigInt)
                return fail(t, QStringLiteral("AutoIncrement needs an integer column (%1)").arg(c.name));
        }
        for (const IndexDef &i : t->indexes) {
            for (const QString &col : i.columns) {
                if (!t->column(col))
                    return fail(t, QStringLiteral("index %1 names unknown column %2").arg(i.name, col));
            }
        }
        for (const ForeignKeyDef &fk : t->foreignKeys) {
            if (fk.columns.contains(QString()) || fk.columns.size() != fk.referencedColumns.size())
                return fail(t, QStringLiteral("foreign key to %1 has unmapped or mismatched columns").arg(fk.referencedTable));
        }
        for (const RelationDef &r : t->relations) {
            if (r.foreignKeyColumns().isEmpty())
                return fail(t, QStringLiteral("a relationship's foreign key member is not a mapped column"));
        }
    }
    return {};
}

QStringList MetaData::createStatements(const dialect::Dialect &dialect) const
{
    QStringList out;
    const auto sorted = sortedTables();
    for (const TableDef *t : sorted ? *sorted : m_tables)
        out += createTableStatements(dialect, *t);
    return out;
}

QStringList MetaData::dropStatements(const dialect::Dialect &dialect) const
{
    QStringList out;
    const auto sorted = sortedTables();
    const std::vector<const TableDef *> &list = sorted ? *sorted : m_tables;
    for (auto it = list.rbegin(); it != list.rend(); ++it)
        out.append(dropTableStatement(dialect, **it));
    return out;
}

Status MetaData::createAll(QSqlDatabase &db) const
{
    const auto d = dialectOf(db);
    if (!d)
        return d.error();
    if (const Status v = validate(**d); !v)
        return v;
    if (const auto sorted = sortedTables(); !sorted)
        return sorted.error();
    return runInTransaction(db, **d, createStatements(**d));
}

Status MetaData::dropAll(QSqlDatabase &db) const
{
    const auto d = dialectOf(db);
    if (!d)
        return d.error();
    return runInTransaction(db, **d, dropStatements(**d));
}

Result<const dialect::Dialect *> dialectOf(const QSqlDatabase &db)
{
    return dialect::checkedDialectFor(db);
}

Status runInTransaction(QSqlDatabase &db, const dialect::Dialect &dialect, const QStringList &statements)
{
    dialect::TransactionGuard transaction(db);
    if (Status begun = transaction.begin(); !begun)
        return begun;
    QSqlQuery q(db);
    for (const QString &sql : statements)
        if (!q.exec(sql))
            return dialect.mapError(q.lastError(), sql);
    return transaction.commit();
}

} // namespace strata::mapping
