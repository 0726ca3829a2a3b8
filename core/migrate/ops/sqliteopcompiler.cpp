#include "sqliteopcompiler.h"

#include "ddltext.h"
#include "overloaded.h"
#include "snapshotedits.h"
#include "sqlitetablerebuild.h"

namespace strata::migrate::ops {

using catalog::ColumnInfo;
using catalog::TableDetail;
using dialect::Dialect;
using dialect::DialectKind;

namespace {

constexpr DialectKind kSqlite = DialectKind::Sqlite;

Error unsupported(const QString &what)
{
    return Error(ErrorKind::Unsupported, QStringLiteral("SQLite has no %1").arg(what));
}

bool isNullDefault(const QString &expression)
{
    return expression.trimmed().isEmpty() || expression.trimmed().compare(QLatin1String("NULL"), Qt::CaseInsensitive) == 0;
}

// ALTER TABLE ADD COLUMN's limits (sqlite.org/lang_altertable.html#altertabaddcol).
bool canAddNatively(const ColumnInfo &c)
{
    if (c.primaryKeyPosition > 0 || c.isGenerated)
        return false;
    if (!c.nullable && isNullDefault(c.defaultValue))
        return false;
    return c.defaultValue.isEmpty() || ddl::isSqliteConstantDefault(c.defaultValue);
}

// What in `owner` (a table or view) names column `column` of `table`.
QString triggerUsing(const TableDetail &owner, const QString &table, const QString &column)
{
    for (const catalog::TriggerInfo &t : owner.triggers)
        if (ddl::mentions(t.definition, column)
            && (ddl::sameName(kSqlite, owner.relation.name, table) || ddl::mentions(t.definition, table)))
            return QStringLiteral("trigger ") + t.name;
    return QString();
}

// A trigger, view or other table's foreign key that reads column `column` of `table`.
QString columnReader(const SchemaSnapshot &snapshot, const QString &table, const QString &column)
{
    for (const TableDetail &other : snapshot.tables) {
        for (const catalog::ForeignKeyInfo &fk : other.foreignKeys)
            if (ddl::sameName(kSqlite, fk.referencedTable, table) && ddl::containsName(kSqlite, fk.referencedColumns, column))
                return QStringLiteral("a foreign key of ") + other.relation.name;
        if (const QString user = triggerUsing(other, table, column); !user.isEmpty())
            return user;
    }
    for (const TableDetail &view : snapshot.views)
        if (const QString user = triggerUsing(view, table, column); !user.isEmpty())
            return user;
    for (const TableDetail *view : SqliteTableRebuild::dependentViews(snapshot, table))
        if (ddl::mentions(view->viewDefinition, column))
            return QStringLiteral("view ") + view->relation.name;
    return QString();
}

class Compiler {
public:
    Compiler(const Dialect &d, const SchemaSnapshot &before, const SchemaSnapshot &after)
        : m_d(d), m_before(before), m_after(after) {}

    Result<QStringList> operator()(const CreateTable &o) const { return ddl::createTableWithDependents(m_d, o.table); }
    Result<QStringList> operator()(const DropTable &o) const
    {
        return QStringList{QStringLiteral("DROP TABLE ") + name(o.table.relation.schema, o.table.relation.name)};
    }
    Result<QStringList> operator()(const RenameTable &o) const
    {
        return QStringList{alter(o.schema, o.from) + QStringLiteral(" RENAME TO ") + m_d.quoteIdentifier(o.to)};
    }
    Result<QStringList> operator()(const AddColumn &o) const
    {
        if (!o.column.nullable && isNullDefault(o.column.defaultValue) && !o.column.isGenerated
            && !(o.column.isIdentity && o.column.primaryKeyPosition > 0))
            return Error(ErrorKind::Unsupported,
                         QStringLiteral("a new NOT NULL column needs a default on SQLite (the existing rows need a value)"));
        if (!canAddNatively(o.column))
            return rebuild(o.table);
        return QStringList{alter(o.schema, o.table) + QStringLiteral(" ADD COLUMN ") + ddl::columnDefinition(m_d, o.column)};
    }
    Result<QStringList> operator()(const DropColumn &o) const
    {
        // A rebuild drops the indexes and constraints on the column, but would recreate the
        // triggers and views that read it, broken.
        if (const QString user = columnReader(m_before, o.table, o.column.name); !user.isEmpty())
            return Error(ErrorKind::Unsupported, QStringLiteral("%1 uses the column: change or drop it first").arg(user));
        if (!SqliteOpCompiler::dropColumnBlocker(m_before, o.table, o.column.name).isEmpty())
            return rebuild(o.table);
        return QStringList{alter(o.schema, o.table) + QStringLiteral(" DROP COLUMN ") + m_d.quoteIdentifier(o.column.name)};
    }
    Result<QStringList> operator()(const AlterColumn &o) const { return rebuild(o.table); }
    Result<QStringList> operator()(const RenameColumn &o) const
    {
        return QStringList{alter(o.schema, o.table) + QStringLiteral(" RENAME COLUMN %1 TO %2")
                                                          .arg(m_d.quoteIdentifier(o.from), m_d.quoteIdentifier(o.to))};
    }
    Result<QStringList> operator()(const CreateIndex &o) const { return QStringList{ddl::createIndex(m_d, o.schema, o.table, o.index)}; }
    Result<QStringList> operator()(const DropIndex &o) const { return QStringList{QStringLiteral("DROP INDEX ") + name(o.schema, o.index.name)}; }
    Result<QStringList> operator()(const AddConstraint &o) const { return rebuild(o.table); }
    Result<QStringList> operator()(const DropConstraint &o) const { return rebuild(o.table); }
    Result<QStringList> operator()(const AddForeignKey &o) const { return rebuild(o.table); }
    Result<QStringList> operator()(const DropForeignKey &o) const { return rebuild(o.table); }
    Result<QStringList> operator()(const CreateView &o) const
    {
        if (o.materialized)
            return unsupported(QStringLiteral("materialized views"));
        return QStringList{QStringLiteral("CREATE VIEW %1 AS\n%2").arg(name(o.schema, o.name), ddl::statementText(o.definition))};
    }
    Result<QStringList> operator()(const DropView &o) const
    {
        if (o.materialized)
            return unsupported(QStringLiteral("materialized views"));
        return QStringList{QStringLiteral("DROP VIEW ") + name(o.schema, o.name)};
    }
    Result<QStringList> operator()(const CreateSequence &) const { return unsupported(QStringLiteral("sequences")); }
    Result<QStringList> operator()(const DropSequence &) const { return unsupported(QStringLiteral("sequences")); }
    Result<QStringList> operator()(const CreateEnum &) const { return unsupported(QStringLiteral("enum types")); }
    Result<QStringList> operator()(const DropEnum &) const { return unsupported(QStringLiteral("enum types")); }
    Result<QStringList> operator()(const RawSql &) const { return QStringList(); }

private:
    QString name(const QString &schema, const QString &object) const { return ddl::objectName(m_d, schema, object); }
    QString alter(const QString &schema, const QString &table) const { return QStringLiteral("ALTER TABLE ") + name(schema, table); }
    Result<QStringList> rebuild(const QString &table) const
    {
        return SqliteTableRebuild::statements(m_d, m_before, m_after, table);
    }
    const Dialect &m_d;
    const SchemaSnapshot &m_before;
    const SchemaSnapshot &m_after;
};

} // namespace

Result<QStringList> SqliteOpCompiler::compile(const Operation &op, const SchemaSnapshot &before,
                                              const SchemaSnapshot &after) const
{
    return std::visit(Compiler(m_dialect, before, after), op);
}

QString SqliteOpCompiler::rebuiltTable(const Operation &op, const SchemaSnapshot &before)
{
    return std::visit(Overloaded{
        [](const AddColumn &o) { return canAddNatively(o.column) ? QString() : o.table; },
        [&before](const DropColumn &o) { return dropColumnBlocker(before, o.table, o.column.name).isEmpty() ? QString() : o.table; },
        [](const AlterColumn &o) { return o.table; },
        [](const AddConstraint &o) { return o.table; },
        [](const DropConstraint &o) { return o.table; },
        [](const AddForeignKey &o) { return o.table; },
        [](const DropForeignKey &o) { return o.table; },
        [](const auto &) { return QString(); },
    }, op);
}

QString SqliteOpCompiler::dropColumnBlocker(const SchemaSnapshot &snapshot, const QString &tableName, const QString &column)
{
    const TableDetail *table = snapshot.table(tableName);
    if (!table)
        return QString();
    for (const ColumnInfo &c : table->columns)
        if (ddl::sameName(kSqlite, c.name, column) && c.primaryKeyPosition > 0)
            return QStringLiteral("the primary key");
    for (const catalog::IndexInfo &index : table->indexes)
        if (edits::indexUses(kSqlite, index, column))
            return QStringLiteral("index ") + index.name;
    for (const catalog::ConstraintInfo &c : table->constraints)
        if (edits::constraintUses(kSqlite, c, column))
            return QStringLiteral("a constraint");
    for (const catalog::ForeignKeyInfo &fk : table->foreignKeys)
        if (ddl::containsName(kSqlite, fk.columns, column))
            return QStringLiteral("a foreign key");
    return columnReader(snapshot, tableName, column);
}

} // namespace strata::migrate::ops
