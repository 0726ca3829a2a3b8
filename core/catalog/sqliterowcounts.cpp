#include "sqliterowcounts.h"

#include "connection/connectionworker.h"
#include "connection/nativehandle.h"

#include <QHash>
#include <QSqlError>
#include <QSqlQuery>
#include <sqlite3.h>

namespace strata::catalog {

namespace {

int stopWhenCancelled(void *flag)
{
    return static_cast<const std::atomic_bool *>(flag)->load() ? 1 : 0;
}

/// Removes the progress handler whatever way the job ends.
struct ProgressGuard {
    sqlite3 *db;
    ~ProgressGuard()
    {
        if (db)
            sqlite3_progress_handler(db, 0, nullptr, nullptr);
    }
};

Error cancelledError()
{
    return Error(ErrorKind::Cancelled, QStringLiteral("row counts cancelled"));
}

} // namespace

Result<QList<RowCount>> sqliteRowCounts(connection::JobContext &job, const QString &schema, const QStringList &tables,
                                        qint64 exactSizeLimit, const std::atomic_bool &cancelled)
{
    const dialect::Dialect &d = job.dialect;
    const QString prefix = d.quoteIdentifier(schema) + QLatin1Char('.');
    ProgressGuard guard{job.native.sqlite()};
    if (guard.db)
        sqlite3_progress_handler(guard.db, 1000, &stopWhenCancelled, const_cast<std::atomic_bool *>(&cancelled));
    auto failed = [&](const QSqlQuery &query, const QString &sql) -> Error {
        if (cancelled.load())
            return cancelledError();
        return d.mapError(query.lastError(), sql);
    };

    QSqlQuery query(job.db);
    query.setForwardOnly(true);
    const QString sizeSql = QStringLiteral("SELECT (SELECT page_count FROM pragma_page_count(%1)) * (SELECT page_size FROM pragma_page_size(%1))")
                                .arg(d.stringLiteral(schema));
    if (!query.exec(sizeSql) || !query.next())
        return failed(query, sizeSql);
    const qint64 bytes = query.value(0).toLongLong();
    QList<RowCount> counts;
    if (bytes <= exactSizeLimit) {
        for (const QString &table : tables) {
            if (cancelled.load())
                return cancelledError();
            const QString sql = QStringLiteral("SELECT count(*) FROM ") + prefix + d.quoteIdentifier(table);
            if (!query.exec(sql) || !query.next())
                return failed(query, sql);
            counts.append({table, query.value(0).toLongLong(), false});
        }
        return counts;
    }
    // A big file: ANALYZE's estimates where it left some (the first number of a table's stat).
    const QString hasStatSql = QStringLiteral("SELECT count(*) FROM %1sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'").arg(prefix);
    if (!query.exec(hasStatSql) || !query.next())
        return failed(query, hasStatSql);
    if (query.value(0).toInt() == 0)
        return counts;
    const QString statSql = QStringLiteral("SELECT tbl, stat FROM %1sqlite_stat1").arg(prefix);
    if (!query.exec(statSql))
        return failed(query, statSql);
    QHash<QString, qint64> estimates;
    while (query.next()) {
        const qint64 rows = query.value(1).toString().section(QLatin1Char(' '), 0, 0).toLongLong();
        estimates[query.value(0).toString()] = std::max(estimates.value(query.value(0).toString()), rows);
    }
    for (const QString &table : tables)
        if (estimates.contains(table))
            counts.append({table, estimates.value(table), true});
    return counts;
}

} // namespace strata::catalog
