#include "backupsql.h"

#include "dialect/dialect.h"

#include <QMap>
#include <QSqlError>
#include <QSqlQuery>

namespace strata::backup {

namespace {

using dialect::DialectKind;

const dialect::Dialect &pg()
{
    return dialect::dialectFor(DialectKind::Postgres);
}

const dialect::Dialect &dialectOf(const QSqlDatabase &db)
{
    return dialect::dialectFor(db.driverName() == QLatin1String("QPSQL") ? DialectKind::Postgres : DialectKind::Sqlite);
}

Result<QSqlQuery> select(QSqlDatabase &db, const QString &text, const QVariantList &values = {})
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.prepare(text))
        return dialectOf(db).mapError(q.lastError(), text);
    for (const QVariant &v : values)
        q.addBindValue(v);
    if (!q.exec())
        return dialectOf(db).mapError(q.lastError(), text);
    return q;
}

// Relations no extension owns, outside the system schemas.
const char *kUserRelation =
    "n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%' "
    "AND n.nspname NOT LIKE 'pg\\_temp\\_%' "
    "AND NOT EXISTS (SELECT 1 FROM pg_depend AS d WHERE d.classid = 'pg_class'::regclass "
    "AND d.objid = c.oid AND d.deptype = 'e')";

} // namespace

namespace sql {

QString createDatabase(const QString &name)
{
    return QStringLiteral("CREATE DATABASE %1 TEMPLATE template0").arg(pg().quoteIdentifier(name));
}

QString dropDatabase(const QString &name, int serverVersionNum)
{
    return QStringLiteral("DROP DATABASE IF EXISTS %1%2")
        .arg(pg().quoteIdentifier(name), serverVersionNum >= 130000 ? QStringLiteral(" WITH (FORCE)") : QString());
}

QString countRows(DialectKind kind, const TableName &table)
{
    const dialect::Dialect &d = dialect::dialectFor(kind);
    const QString schema = kind == DialectKind::Sqlite && table.schema.isEmpty() ? QStringLiteral("main") : table.schema;
    return QStringLiteral("SELECT count(*) FROM %1").arg(d.qualifiedName(schema, table.name));
}

QString beginSnapshot()
{
    return QStringLiteral("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
}

QString exportSnapshot()
{
    return QStringLiteral("SELECT pg_export_snapshot()");
}

QString begin()
{
    return QStringLiteral("BEGIN");
}

QString commit()
{
    return QStringLiteral("COMMIT");
}

QString rollback()
{
    return QStringLiteral("ROLLBACK");
}

QString sqliteTouchSchema()
{
    return QStringLiteral("SELECT count(*) FROM main.sqlite_schema");
}

QString sqlitePragma(const QString &name)
{
    return QStringLiteral("PRAGMA main.%1").arg(name);
}

QString sqliteIntegrityCheck()
{
    return QStringLiteral("PRAGMA integrity_check");
}

QString sqliteVacuumInto()
{
    return QStringLiteral("VACUUM INTO ?");
}

QString copyProgress()
{
    return QStringLiteral(
        "SELECT n.nspname, c.relname, p.tuples_processed, c.reltuples::bigint "
        "FROM pg_stat_progress_copy AS p JOIN pg_stat_activity AS a ON a.pid = p.pid "
        "JOIN pg_class AS c ON c.oid = p.relid JOIN pg_namespace AS n ON n.oid = c.relnamespace "
        "WHERE p.command = 'COPY TO' AND a.application_name = ? "
        "AND p.datid = (SELECT oid FROM pg_database WHERE datname = current_database())");
}

} // namespace sql

Status BackupCatalog::exec(QSqlDatabase &db, const QString &statement)
{
    QSqlQuery q(db);
    if (!q.exec(statement))
        return dialectOf(db).mapError(q.lastError(), statement);
    return {};
}

Result<QList<TableWeight>> BackupCatalog::dataTables(QSqlDatabase &db, const DumpOptions &options)
{
    const QString text = QStringLiteral(
        "SELECT n.nspname, c.relname, pg_relation_size(c.oid) + "
        "COALESCE(pg_relation_size(NULLIF(c.reltoastrelid, 0)), 0) "
        "FROM pg_class AS c JOIN pg_namespace AS n ON n.oid = c.relnamespace "
        "WHERE c.relkind = 'r' AND %1 ORDER BY 1, 2").arg(QLatin1String(kUserRelation));
    Result<QSqlQuery> q = select(db, text);
    if (!q)
        return q.error();
    QList<TableWeight> tables;
    if (options.content == Content::SchemaOnly)
        return tables;
    while (q->next()) {
        const TableName t{q->value(0).toString(), q->value(1).toString()};
        if (!options.schemas.isEmpty() && !options.schemas.contains(t.schema))
            continue;
        if (!options.tables.isEmpty() && !options.tables.contains(t))
            continue;
        if (options.excludeTableData.contains(t))
            continue;
        tables.append({t, q->value(2).toLongLong()});
    }
    return tables;
}

Result<QList<TableWeight>> BackupCatalog::choosableTables(QSqlDatabase &db, const QStringList &schemas, int serverVersionNum)
{
    const QString partitionedSize = serverVersionNum >= 120000
        ? QStringLiteral("(SELECT COALESCE(sum(pg_table_size(t.relid)), 0) FROM pg_partition_tree(c.oid) AS t)")
        : QStringLiteral("0");
    const QString text = QStringLiteral(
        "SELECT n.nspname, c.relname, CASE WHEN c.relkind = 'p' THEN %1 ELSE pg_table_size(c.oid) END "
        "FROM pg_class AS c JOIN pg_namespace AS n ON n.oid = c.relnamespace "
        "WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND %2 ORDER BY 1, 2")
        .arg(partitionedSize, QLatin1String(kUserRelation));
    Result<QSqlQuery> q = select(db, text);
    if (!q)
        return q.error();
    QList<TableWeight> tables;
    while (q->next()) {
        const TableName t{q->value(0).toString(), q->value(1).toString()};
        if (schemas.isEmpty() || schemas.contains(t.schema))
            tables.append({t, q->value(2).toLongLong()});
    }
    return tables;
}

Result<DumpOptions> BackupCatalog::withPartitions(QSqlDatabase &db, DumpOptions options, int serverVersionNum)
{
    if (serverVersionNum < 120000 || (options.tables.isEmpty() && options.excludeTableData.isEmpty()))
        return options;
    // Every partitioned table with the partitions (and sub-partitioned tables) under it.
    const QString text = QStringLiteral(
        "SELECT rn.nspname, r.relname, n.nspname, c.relname "
        "FROM pg_class AS r JOIN pg_namespace AS rn ON rn.oid = r.relnamespace "
        "CROSS JOIN LATERAL pg_partition_tree(r.oid) AS t "
        "JOIN pg_class AS c ON c.oid = t.relid JOIN pg_namespace AS n ON n.oid = c.relnamespace "
        "WHERE r.relkind = 'p' AND t.relid <> r.oid ORDER BY 3, 4");
    Result<QSqlQuery> q = select(db, text);
    if (!q)
        return q.error();
    QMap<QPair<QString, QString>, QList<TableName>> partitions;
    while (q->next())
        partitions[{q->value(0).toString(), q->value(1).toString()}].append({q->value(2).toString(), q->value(3).toString()});
    auto expand = [&partitions](QList<TableName> &list) {
        const QList<TableName> named = list;
        for (const TableName &t : named)
            for (const TableName &p : partitions.value({t.schema, t.name}))
                if (!list.contains(p))
                    list.append(p);
    };
    expand(options.tables);
    expand(options.excludeTableData);
    return options;
}

Result<QStringList> BackupCatalog::userSchemas(QSqlDatabase &db)
{
    const QString text = QStringLiteral(
        "SELECT n.nspname FROM pg_namespace AS n "
        "WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%' "
        "AND NOT EXISTS (SELECT 1 FROM pg_depend AS d WHERE d.classid = 'pg_namespace'::regclass "
        "AND d.objid = n.oid AND d.deptype = 'e') ORDER BY 1");
    Result<QSqlQuery> q = select(db, text);
    if (!q)
        return q.error();
    QStringList schemas;
    while (q->next())
        schemas << q->value(0).toString();
    return schemas;
}

Result<QList<FunctionSignature>> BackupCatalog::functions(QSqlDatabase &db, const QString &schema)
{
    const QString text = QStringLiteral(
        "SELECT p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ') returns ' || "
        "COALESCE(pg_get_function_result(p.oid), ''), md5(COALESCE(p.prosrc, '') || COALESCE(p.probin, '')) "
        "FROM pg_proc AS p JOIN pg_namespace AS n ON n.oid = p.pronamespace "
        "WHERE n.nspname = ? AND NOT EXISTS (SELECT 1 FROM pg_depend AS d WHERE d.classid = 'pg_proc'::regclass "
        "AND d.objid = p.oid AND d.deptype = 'e') ORDER BY 1");
    Result<QSqlQuery> q = select(db, text, {schema});
    if (!q)
        return q.error();
    QList<FunctionSignature> out;
    while (q->next())
        out.append({schema, q->value(0).toString(), q->value(1).toString()});
    return out;
}

Result<QList<TableName>> BackupCatalog::countedRelations(QSqlDatabase &db, const QString &schema)
{
    const QString text = QStringLiteral(
        "SELECT c.relname FROM pg_class AS c JOIN pg_namespace AS n ON n.oid = c.relnamespace "
        "WHERE n.nspname = ? AND (c.relkind = 'r' OR (c.relkind = 'm' AND c.relispopulated)) AND %1 "
        "ORDER BY 1").arg(QLatin1String(kUserRelation));
    Result<QSqlQuery> q = select(db, text, {schema});
    if (!q)
        return q.error();
    QList<TableName> out;
    while (q->next())
        out.append({schema, q->value(0).toString()});
    return out;
}

Result<qint64> BackupCatalog::countRows(QSqlDatabase &db, const TableName &table)
{
    const DialectKind kind = dialectOf(db).kind();
    Result<QSqlQuery> q = select(db, sql::countRows(kind, table));
    if (!q)
        return q.error();
    if (!q->next())
        return Error(ErrorKind::Internal, QStringLiteral("count(*) returned no row"));
    return q->value(0).toLongLong();
}

Result<QList<CopyProgress>> BackupCatalog::copyProgress(QSqlDatabase &db, const QString &applicationName)
{
    Result<QSqlQuery> q = select(db, sql::copyProgress(), {applicationName});
    if (!q)
        return q.error();
    QList<CopyProgress> out;
    while (q->next())
        out.append({{q->value(0).toString(), q->value(1).toString()}, q->value(2).toLongLong(), q->value(3).toLongLong()});
    return out;
}

Result<QList<TableName>> BackupCatalog::sqliteTables(QSqlDatabase &db)
{
    Result<QSqlQuery> q = select(db, QStringLiteral(
        "SELECT name FROM main.sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name"));
    if (!q)
        return q.error();
    QList<TableName> out;
    while (q->next())
        out.append({QStringLiteral("main"), q->value(0).toString()});
    return out;
}

} // namespace strata::backup
