#include "objectactions.h"

#include "connection/connectionworker.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>

namespace strata::exec {

using dialect::Dialect;
using dialect::DialectKind;

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("strata::exec::ObjectActions", text);
}

Error unsupported(const QString &message)
{
    return Error(ErrorKind::Unsupported, message);
}

Result<ObjectActionSql> checkNames(std::initializer_list<QString> names)
{
    for (const QString &name : names)
        if (name.trimmed().isEmpty())
            return Error(ErrorKind::Syntax, tr("A name cannot be empty."));
    return ObjectActionSql{};
}

} // namespace

QString ObjectActionSql::script() const
{
    QString text;
    for (const QString &statement : statements)
        text += statement + QStringLiteral(";\n");
    return text;
}

Result<ObjectActionSql> dropRelation(const Dialect &d, const QString &schema, const QString &name, bool isView)
{
    if (auto bad = checkNames({name}); !bad)
        return bad;
    ObjectActionSql sql;
    sql.statements << (isView ? QStringLiteral("DROP VIEW ") : QStringLiteral("DROP TABLE ")) + d.qualifiedName(schema, name);
    sql.destroys = isView ? tr("The view %1 (its definition).").arg(name)
                          : tr("The table %1 with all its rows, indexes and triggers.").arg(name);
    return sql;
}

Result<ObjectActionSql> renameRelation(const Dialect &d, const QString &schema, const QString &name, const QString &newName, bool isView)
{
    if (auto bad = checkNames({name, newName}); !bad)
        return bad;
    if (isView && d.kind() == DialectKind::Sqlite)
        return unsupported(tr("SQLite cannot rename a view: drop it and create it again under the new name."));
    ObjectActionSql sql;
    sql.statements << (isView ? QStringLiteral("ALTER VIEW ") : QStringLiteral("ALTER TABLE ")) + d.qualifiedName(schema, name)
                          + QStringLiteral(" RENAME TO ") + d.quoteIdentifier(newName);
    return sql;
}

Result<ObjectActionSql> emptyTable(const Dialect &d, const QString &schema, const QString &name)
{
    if (auto bad = checkNames({name}); !bad)
        return bad;
    ObjectActionSql sql;
    sql.statements << (d.kind() == DialectKind::Postgres ? QStringLiteral("TRUNCATE TABLE ") : QStringLiteral("DELETE FROM "))
                          + d.qualifiedName(schema, name);
    sql.destroys = tr("Every row of the table %1 (the table and its structure stay).").arg(name);
    return sql;
}

Result<ObjectActionSql> duplicateTable(const Dialect &d, const QString &schema, const QString &name, const QString &newName, bool withData)
{
    if (auto bad = checkNames({name, newName}); !bad)
        return bad;
    const QString source = d.qualifiedName(schema, name);
    const QString target = d.qualifiedName(schema, newName);
    ObjectActionSql sql;
    if (d.kind() == DialectKind::Postgres) {
        sql.statements << QStringLiteral("CREATE TABLE %1 (LIKE %2 INCLUDING ALL)").arg(target, source);
        if (withData)   // identity columns keep the copied values
            sql.statements << QStringLiteral("INSERT INTO %1 OVERRIDING SYSTEM VALUE SELECT * FROM %2").arg(target, source);
    } else {
        sql.statements << QStringLiteral("CREATE TABLE %1 AS SELECT * FROM %2%3")
                              .arg(target, source, withData ? QString() : QStringLiteral(" WHERE 0"));
    }
    return sql;
}

Result<ObjectActionSql> createIndex(const Dialect &d, const QString &schema, const QString &table, const QString &indexName,
                                    const QStringList &columns, bool unique)
{
    if (auto bad = checkNames({table, indexName}); !bad)
        return bad;
    if (columns.isEmpty())
        return Error(ErrorKind::Syntax, tr("An index needs at least one column."));
    QStringList quoted;
    for (const QString &column : columns)
        quoted << d.quoteIdentifier(column);
    // SQLite names the index's database on the index, PostgreSQL the table's schema on the table.
    const bool sqlite = d.kind() == DialectKind::Sqlite;
    const QString index = sqlite ? d.qualifiedName(schema, indexName) : d.quoteIdentifier(indexName);
    const QString on = sqlite ? d.quoteIdentifier(table) : d.qualifiedName(schema, table);
    ObjectActionSql sql;
    sql.statements << QStringLiteral("CREATE %1INDEX %2 ON %3 (%4)")
                          .arg(unique ? QStringLiteral("UNIQUE ") : QString(), index, on, quoted.join(QStringLiteral(", ")));
    return sql;
}

Result<ObjectActionSql> createSchema(const Dialect &d, const QString &name)
{
    if (!d.capabilities().schemas)
        return unsupported(tr("SQLite has no schemas: attach another database file instead."));
    if (auto bad = checkNames({name}); !bad)
        return bad;
    ObjectActionSql sql;
    sql.statements << QStringLiteral("CREATE SCHEMA ") + d.quoteIdentifier(name);
    return sql;
}

Result<ObjectActionSql> dropSchema(const Dialect &d, const QString &name, bool cascade)
{
    if (!d.capabilities().schemas)
        return unsupported(tr("SQLite has no schemas to drop."));
    if (auto bad = checkNames({name}); !bad)
        return bad;
    ObjectActionSql sql;
    sql.statements << QStringLiteral("DROP SCHEMA ") + d.quoteIdentifier(name) + (cascade ? QStringLiteral(" CASCADE") : QString());
    sql.destroys = cascade ? tr("The schema %1 and every table, view, function and sequence in it, with their data.").arg(name)
                           : tr("The schema %1 (only when it is empty; the server refuses otherwise).").arg(name);
    return sql;
}

Result<ObjectActionSql> renameSchema(const Dialect &d, const QString &name, const QString &newName)
{
    if (!d.capabilities().schemas)
        return unsupported(tr("SQLite has no schemas to rename."));
    if (auto bad = checkNames({name, newName}); !bad)
        return bad;
    ObjectActionSql sql;
    sql.statements << QStringLiteral("ALTER SCHEMA %1 RENAME TO %2").arg(d.quoteIdentifier(name), d.quoteIdentifier(newName));
    return sql;
}

Status runObjectAction(connection::JobContext &job, const ObjectActionSql &action)
{
    if (!job.db.transaction())
        return job.dialect.mapError(job.db.lastError(), QStringLiteral("BEGIN"));
    for (const QString &statement : action.statements) {
        QSqlQuery query(job.db);
        if (!query.exec(statement)) {
            Error error = job.dialect.mapError(query.lastError(), statement);
            query.finish();
            job.db.rollback();
            return error;
        }
    }
    if (!job.db.commit()) {
        Error error = job.dialect.mapError(job.db.lastError(), QStringLiteral("COMMIT"));
        job.db.rollback();
        return error;
    }
    return {};
}

} // namespace strata::exec
