#include "maintenancestatement.h"

namespace strata::monitor {

using dialect::DialectKind;

MaintenanceTarget maintenanceTarget(const TableStatistics &statistics, int serverVersion)
{
    MaintenanceTarget t;
    t.serverVersion = serverVersion;
    t.relkind = statistics.relkind;
    t.systemTable = statistics.systemTable;
    for (const IndexStatistics &index : statistics.indexes)
        if (index.clustered)
            t.clusteredIndex = index.name;
    return t;
}

QString reindexConcurrentlyUnavailable(const MaintenanceTarget &target)
{
    if (target.serverVersion > 0 && target.serverVersion < 120000)
        return QObject::tr("REINDEX CONCURRENTLY needs PostgreSQL 12 or later.");
    if (target.systemTable)
        return QObject::tr("System catalogs cannot be reindexed concurrently.");
    if (target.relkind == QLatin1String("p") && target.serverVersion < 140000)
        return QObject::tr("Partitioned tables can be reindexed from PostgreSQL 14 on.");
    return {};
}

QString clusterUnavailable(const MaintenanceTarget &target)
{
    if (target.relkind == QLatin1String("p") && target.serverVersion < 150000)
        return QObject::tr("Partitioned tables can be clustered from PostgreSQL 15 on.");
    return {};
}

Result<QString> maintenanceStatement(const dialect::Dialect &dialect, const MaintenanceRequest &request,
                                     const MaintenanceTarget &target)
{
    if (dialect.kind() != DialectKind::Postgres)
        return Error(ErrorKind::Unsupported, QObject::tr("Table maintenance is for PostgreSQL; SQLite files have their own (file health)."));
    if (request.table.isEmpty())
        return Error(ErrorKind::Internal, QObject::tr("No table given for maintenance."));
    const QString table = dialect.qualifiedName(request.schema, request.table);
    switch (request.kind) {
    case MaintenanceKind::Vacuum: {
        QStringList options;
        if (request.full)
            options << QStringLiteral("FULL");
        if (request.freeze)
            options << QStringLiteral("FREEZE");
        if (request.analyze)
            options << QStringLiteral("ANALYZE");
        return options.isEmpty() ? QStringLiteral("VACUUM %1").arg(table)
                                 : QStringLiteral("VACUUM (%1) %2").arg(options.join(QStringLiteral(", ")), table);
    }
    case MaintenanceKind::Analyze:
        return QStringLiteral("ANALYZE %1").arg(table);
    case MaintenanceKind::Reindex: {
        if (target.relkind == QLatin1String("p") && target.serverVersion < 140000)
            return Error(ErrorKind::Unsupported, QObject::tr("Partitioned tables can be reindexed from PostgreSQL 14 on."));
        if (!request.concurrently)
            return QStringLiteral("REINDEX TABLE %1").arg(table);
        const QString why = reindexConcurrentlyUnavailable(target);
        if (!why.isEmpty())
            return Error(ErrorKind::Unsupported, why);
        return QStringLiteral("REINDEX TABLE CONCURRENTLY %1").arg(table);
    }
    case MaintenanceKind::Cluster: {
        const QString why = clusterUnavailable(target);
        if (!why.isEmpty())
            return Error(ErrorKind::Unsupported, why);
        if (!request.index.isEmpty())
            return QStringLiteral("CLUSTER %1 USING %2").arg(table, dialect.quoteIdentifier(request.index));
        if (target.clusteredIndex.isEmpty())
            return Error(ErrorKind::Unsupported, QObject::tr("%1 was never clustered: choose the index to order it by.").arg(request.table));
        return QStringLiteral("CLUSTER %1").arg(table);
    }
    }
    return Error(ErrorKind::Internal, QStringLiteral("unknown maintenance kind"));
}

bool sqliteActionWrites(SqliteHealthAction action)
{
    switch (action) {
    case SqliteHealthAction::IntegrityCheck:
    case SqliteHealthAction::QuickCheck:
    case SqliteHealthAction::ForeignKeyCheck:
        return false;
    case SqliteHealthAction::Vacuum:
    case SqliteHealthAction::VacuumInto:   // SQLite refuses it on a read-only connection
    case SqliteHealthAction::Optimize:
    case SqliteHealthAction::Checkpoint:
        return true;
    }
    return true;
}

QString sqliteHealthStatement(const dialect::Dialect &dialect, SqliteHealthAction action, const QString &schema, int maxErrors)
{
    const QString s = dialect.quoteIdentifier(schema);
    switch (action) {
    case SqliteHealthAction::IntegrityCheck: return QStringLiteral("PRAGMA %1.integrity_check(%2)").arg(s).arg(maxErrors);
    case SqliteHealthAction::QuickCheck: return QStringLiteral("PRAGMA %1.quick_check(%2)").arg(s).arg(maxErrors);
    case SqliteHealthAction::ForeignKeyCheck: return QStringLiteral("PRAGMA %1.foreign_key_check").arg(s);
    case SqliteHealthAction::Vacuum: return QStringLiteral("VACUUM %1").arg(s);
    case SqliteHealthAction::VacuumInto: return QStringLiteral("VACUUM %1 INTO ?").arg(s);
    case SqliteHealthAction::Optimize: return QStringLiteral("PRAGMA %1.optimize").arg(s);
    case SqliteHealthAction::Checkpoint: return QStringLiteral("PRAGMA %1.wal_checkpoint(TRUNCATE)").arg(s);
    }
    return {};
}

} // namespace strata::monitor
