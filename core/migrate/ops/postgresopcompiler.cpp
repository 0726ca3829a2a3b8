#include "postgresopcompiler.h"

#include "ddltext.h"

namespace strata::migrate::ops {

using catalog::ColumnInfo;
using dialect::Dialect;

namespace {

QString viewKeyword(bool materialized)
{
    return materialized ? QStringLiteral("MATERIALIZED VIEW") : QStringLiteral("VIEW");
}

class PgCompiler {
public:
    explicit PgCompiler(const Dialect &d) : m_d(d) {}

    Result<QStringList> operator()(const CreateTable &o) const { return ddl::createTableWithDependents(m_d, o.table); }
    Result<QStringList> operator()(const DropTable &o) const
    {
        return QStringList{QStringLiteral("DROP TABLE ") + name(o.table.relation.schema, o.table.relation.name)};
    }
    Result<QStringList> operator()(const RenameTable &o) const
    {
        return QStringList{alter(o.schema, o.from) + QStringLiteral(" RENAME TO ") + q(o.to)};
    }
    Result<QStringList> operator()(const AddColumn &o) const
    {
        ddl::ColumnOptions options;
        options.inlineKey = o.column.primaryKeyPosition > 0;
        QStringList out{alter(o.schema, o.table) + QStringLiteral(" ADD COLUMN ")
                        + ddl::columnDefinition(m_d, o.column, options)};
        if (!o.column.comment.isEmpty())
            out.append(comment(o.schema, o.table, o.column));
        return out;
    }
    Result<QStringList> operator()(const DropColumn &o) const
    {
        return QStringList{alter(o.schema, o.table) + QStringLiteral(" DROP COLUMN ") + q(o.column.name)};
    }
    Result<QStringList> operator()(const AlterColumn &o) const;
    Result<QStringList> operator()(const RenameColumn &o) const
    {
        return QStringList{alter(o.schema, o.table) + QStringLiteral(" RENAME COLUMN %1 TO %2").arg(q(o.from), q(o.to))};
    }
    Result<QStringList> operator()(const CreateIndex &o) const
    {
        return QStringList{ddl::createIndex(m_d, o.schema, o.table, o.index)};
    }
    Result<QStringList> operator()(const DropIndex &o) const
    {
        return QStringList{QStringLiteral("DROP INDEX ") + name(o.schema, o.index.name)};
    }
    Result<QStringList> operator()(const AddConstraint &o) const
    {
        return QStringList{alter(o.schema, o.table) + QStringLiteral(" ADD ") + ddl::constraintClause(m_d, o.constraint)};
    }
    Result<QStringList> operator()(const DropConstraint &o) const { return dropConstraint(o.schema, o.table, o.constraint.name); }
    Result<QStringList> operator()(const AddForeignKey &o) const
    {
        return QStringList{alter(o.schema, o.table) + QStringLiteral(" ADD ") + ddl::foreignKeyClause(m_d, o.foreignKey)};
    }
    Result<QStringList> operator()(const DropForeignKey &o) const { return dropConstraint(o.schema, o.table, o.foreignKey.name); }
    Result<QStringList> operator()(const CreateView &o) const
    {
        return QStringList{QStringLiteral("CREATE %1 %2 AS\n%3")
                               .arg(viewKeyword(o.materialized), name(o.schema, o.name), ddl::statementText(o.definition))};
    }
    Result<QStringList> operator()(const DropView &o) const
    {
        return QStringList{QStringLiteral("DROP %1 %2").arg(viewKeyword(o.materialized), name(o.schema, o.name))};
    }
    Result<QStringList> operator()(const CreateSequence &o) const
    {
        QString text = QStringLiteral("CREATE SEQUENCE ") + name(o.sequence.schema, o.sequence.name);
        if (!o.sequence.dataType.isEmpty())
            text += QStringLiteral(" AS ") + o.sequence.dataType;
        text += QStringLiteral(" INCREMENT BY %1 START WITH %2").arg(o.increment).arg(o.start);
        return QStringList{text};
    }
    Result<QStringList> operator()(const DropSequence &o) const
    {
        return QStringList{QStringLiteral("DROP SEQUENCE ") + name(o.sequence.schema, o.sequence.name)};
    }
    Result<QStringList> operator()(const CreateEnum &o) const
    {
        QStringList labels;
        for (const QString &label : o.type.labels)
            labels.append(m_d.stringLiteral(label));
        return QStringList{QStringLiteral("CREATE TYPE %1 AS ENUM (%2)")
                               .arg(name(o.type.schema, o.type.name), labels.join(QLatin1String(", ")))};
    }
    Result<QStringList> operator()(const DropEnum &o) const
    {
        return QStringList{QStringLiteral("DROP TYPE ") + name(o.type.schema, o.type.name)};
    }
    Result<QStringList> operator()(const RawSql &) const { return QStringList(); }

private:
    QString q(const QString &identifier) const { return m_d.quoteIdentifier(identifier); }
    QString name(const QString &schema, const QString &object) const { return ddl::objectName(m_d, schema, object); }
    QString alter(const QString &schema, const QString &table) const { return QStringLiteral("ALTER TABLE ") + name(schema, table); }
    QString comment(const QString &schema, const QString &table, const ColumnInfo &column) const
    {
        return QStringLiteral("COMMENT ON COLUMN %1.%2 IS %3")
            .arg(name(schema, table), q(column.name),
                 column.comment.isEmpty() ? QStringLiteral("NULL") : m_d.stringLiteral(column.comment));
    }
    Result<QStringList> dropConstraint(const QString &schema, const QString &table, const QString &constraint) const
    {
        if (constraint.isEmpty())
            return Error(ErrorKind::Unsupported, QStringLiteral("PostgreSQL drops a constraint by its name, and it has none"));
        return QStringList{alter(schema, table) + QStringLiteral(" DROP CONSTRAINT ") + q(constraint)};
    }

    const Dialect &m_d;
};

// Default dropped before a type change it may not survive, set again after it; identity
// and nullability last, as they depend on the final type.
Result<QStringList> PgCompiler::operator()(const AlterColumn &o) const
{
    const ColumnInfo &from = o.from;
    const ColumnInfo &to = o.to;
    const QString column = alter(o.schema, o.table) + QStringLiteral(" ALTER COLUMN ") + q(to.name);
    const bool typeChanged = from.dataType != to.dataType || from.collation != to.collation;
    const bool defaultChanged = from.defaultValue != to.defaultValue;
    QStringList out;
    if (!from.identityGeneration.isEmpty() && to.identityGeneration.isEmpty())
        out.append(column + QStringLiteral(" DROP IDENTITY"));
    if (defaultChanged && !from.defaultValue.isEmpty() && (typeChanged || to.defaultValue.isEmpty()))
        out.append(column + QStringLiteral(" DROP DEFAULT"));
    if (typeChanged) {
        QString type = to.dataType;
        if (!to.collation.isEmpty())
            type += QStringLiteral(" COLLATE ") + q(to.collation);
        out.append(column + QStringLiteral(" TYPE %1 USING %2::%3").arg(type, q(to.name), to.dataType));
    }
    if (defaultChanged && !to.defaultValue.isEmpty())
        out.append(column + QStringLiteral(" SET DEFAULT ") + to.defaultValue);
    if (from.nullable != to.nullable)
        out.append(column + (to.nullable ? QStringLiteral(" DROP NOT NULL") : QStringLiteral(" SET NOT NULL")));
    if (from.identityGeneration.isEmpty() && !to.identityGeneration.isEmpty())
        out.append(column + QStringLiteral(" ADD GENERATED %1 AS IDENTITY").arg(to.identityGeneration));
    else if (!to.identityGeneration.isEmpty() && from.identityGeneration != to.identityGeneration)
        out.append(column + QStringLiteral(" SET GENERATED ") + to.identityGeneration);
    if (from.comment != to.comment)
        out.append(comment(o.schema, o.table, to));
    return out;
}

} // namespace

Result<QStringList> PostgresOpCompiler::compile(const Operation &op) const
{
    return std::visit(PgCompiler(m_dialect), op);
}

} // namespace strata::migrate::ops
