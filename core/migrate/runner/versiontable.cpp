#include "versiontable.h"

#include "base/version.h"

#include <QSqlError>
#include <QSqlQuery>

namespace strata::migrate {

using dialect::Dialect;
using dialect::DialectKind;

namespace {

QString table(const Dialect &d, const VersionTableName &n)
{
    return d.qualifiedName(d.kind() == DialectKind::Postgres ? n.schema : QString(), n.table);
}

QString historyTableName(const Dialect &d, const VersionTableName &n)
{
    return d.qualifiedName(d.kind() == DialectKind::Postgres ? n.schema : QString(), n.historyTable());
}

} // namespace

VersionTable::VersionTable(const QSqlDatabase &db, VersionTableName name)
    : m_db(db), m_dialect(&dialect::dialectFor(db)), m_name(std::move(name))
{
}

QString VersionTable::createVersionTableSql(const Dialect &d, const VersionTableName &n)
{
    return QStringLiteral("CREATE TABLE IF NOT EXISTS %1 (\n    version_num VARCHAR(32) NOT NULL,\n    CONSTRAINT %2 PRIMARY KEY (version_num)\n)")
        .arg(table(d, n), d.quoteIdentifier(n.table + QStringLiteral("_pkc")));
}

QString VersionTable::createHistoryTableSql(const Dialect &d, const VersionTableName &n)
{
    const bool pg = d.kind() == DialectKind::Postgres;
    return QStringLiteral("CREATE TABLE IF NOT EXISTS %1 (\n    revision VARCHAR(32) NOT NULL,\n    direction VARCHAR(10) NOT NULL,\n"
                          "    checksum VARCHAR(64),\n    applied_at %2 NOT NULL,\n    duration_ms %3,\n    strata_version VARCHAR(32)\n)")
        .arg(historyTableName(d, n), pg ? QStringLiteral("TIMESTAMPTZ") : QStringLiteral("TEXT"),
             pg ? QStringLiteral("BIGINT") : QStringLiteral("INTEGER"));
}

QString VersionTable::dropVersionTableSql(const Dialect &d, const VersionTableName &n)
{
    return QStringLiteral("DROP TABLE %1").arg(table(d, n));
}

QStringList VersionTable::changeSql(const Dialect &d, const VersionTableName &n, const HeadChange &change)
{
    QStringList out;
    const QString t = table(d, n);
    for (const QString &rev : change.deletes)
        out.append(QStringLiteral("DELETE FROM %1 WHERE version_num = %2").arg(t, d.stringLiteral(rev)));
    if (!change.updateFrom.isEmpty())
        out.append(QStringLiteral("UPDATE %1 SET version_num = %2 WHERE version_num = %3")
                       .arg(t, d.stringLiteral(change.updateTo), d.stringLiteral(change.updateFrom)));
    for (const QString &rev : change.inserts)
        out.append(QStringLiteral("INSERT INTO %1 (version_num) VALUES (%2)").arg(t, d.stringLiteral(rev)));
    return out;
}

QString VersionTable::recordSql(const Dialect &d, const VersionTableName &n, const QString &revision,
                                const QString &direction, const QString &checksum)
{
    const QString now = d.kind() == DialectKind::Postgres ? QStringLiteral("CURRENT_TIMESTAMP")
                                                          : QStringLiteral("strftime('%Y-%m-%d %H:%M:%f', 'now')");
    return QStringLiteral("INSERT INTO %1 (revision, direction, checksum, applied_at, duration_ms, strata_version) "
                          "VALUES (%2, %3, %4, %5, NULL, %6)")
        .arg(historyTableName(d, n), d.stringLiteral(revision), d.stringLiteral(direction),
             checksum.isEmpty() ? QStringLiteral("NULL") : d.stringLiteral(checksum), now,
             d.stringLiteral(QStringLiteral(STRATA_VERSION_STRING)));
}

Status VersionTable::run(const QString &sql, const QVariantList &values, int expectRows) const
{
    // QPSQL prepares server-side (PREPARE), which DDL does not allow: statements without
    // values run directly.
    QSqlQuery q(m_db);
    if (values.isEmpty()) {
        if (!q.exec(sql))
            return m_dialect->mapError(q.lastError(), sql);
    } else {
        if (!q.prepare(sql))
            return m_dialect->mapError(q.lastError(), sql);
        for (const QVariant &v : values)
            q.addBindValue(v);
        if (!q.exec())
            return m_dialect->mapError(q.lastError(), sql);
    }
    if (expectRows >= 0 && q.numRowsAffected() != expectRows)
        return Error(ErrorKind::Conflict, QStringLiteral("Expected to change %1 row in %2, changed %3: the version table was "
                                                         "changed by someone else")
                                              .arg(expectRows).arg(m_name.table).arg(q.numRowsAffected()))
            .withSql(sql);
    return {};
}

Result<bool> VersionTable::tableExists(const QString &name) const
{
    QSqlQuery q(m_db);
    const bool pg = m_dialect->kind() == DialectKind::Postgres;
    const QString sql = pg ? QStringLiteral("SELECT to_regclass(?) IS NOT NULL")
                           : QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?");
    q.prepare(sql);
    q.addBindValue(pg ? m_dialect->qualifiedName(m_name.schema, name) : name);
    if (!q.exec() || !q.next())
        return m_dialect->mapError(q.lastError(), sql);
    return q.value(0).toBool();
}

Result<bool> VersionTable::exists() const
{
    return tableExists(m_name.table);
}

Status VersionTable::create()
{
    Result<bool> version = exists();
    if (!version)
        return version.error();
    if (!*version)
        if (Status s = run(createVersionTableSql(*m_dialect, m_name), {}); !s)
            return s;
    Result<bool> history = tableExists(m_name.historyTable());
    if (!history)
        return history.error();
    return *history ? Status() : run(createHistoryTableSql(*m_dialect, m_name), {});
}

Result<QStringList> VersionTable::heads() const
{
    Result<bool> has = exists();
    if (!has)
        return has.error();
    if (!*has)
        return QStringList();
    const QString sql = QStringLiteral("SELECT version_num FROM %1 ORDER BY version_num").arg(table(*m_dialect, m_name));
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.exec(sql))
        return m_dialect->mapError(q.lastError(), sql);
    QStringList out;
    while (q.next())
        out.append(q.value(0).toString());
    return out;
}

Status VersionTable::apply(const HeadChange &change)
{
    const QString t = table(*m_dialect, m_name);
    for (const QString &rev : change.deletes)
        if (Status s = run(QStringLiteral("DELETE FROM %1 WHERE version_num = ?").arg(t), {rev}, 1); !s)
            return s;
    if (!change.updateFrom.isEmpty())
        if (Status s = run(QStringLiteral("UPDATE %1 SET version_num = ? WHERE version_num = ?").arg(t),
                           {change.updateTo, change.updateFrom}, 1); !s)
            return s;
    for (const QString &rev : change.inserts)
        if (Status s = run(QStringLiteral("INSERT INTO %1 (version_num) VALUES (?)").arg(t), {rev}, 1); !s)
            return s;
    return {};
}

Status VersionTable::record(const QString &revision, const QString &direction, const QString &checksum, qint64 durationMs)
{
    // applied_at orders the history: keep it strictly increasing within this process.
    QDateTime now = QDateTime::currentDateTimeUtc();
    if (m_lastApplied.isValid() && now <= m_lastApplied)
        now = m_lastApplied.addMSecs(1);
    m_lastApplied = now;
    const QVariant applied = m_dialect->kind() == DialectKind::Postgres
                                 ? QVariant(now)
                                 : QVariant(now.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz")));
    return run(QStringLiteral("INSERT INTO %1 (revision, direction, checksum, applied_at, duration_ms, strata_version) "
                              "VALUES (?, ?, ?, ?, ?, ?)").arg(historyTableName(*m_dialect, m_name)),
               {revision, direction, checksum.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(checksum), applied,
                durationMs, QStringLiteral(STRATA_VERSION_STRING)});
}

Result<QList<HistoryRow>> VersionTable::history() const
{
    QList<HistoryRow> rows;
    const bool pg = m_dialect->kind() == DialectKind::Postgres;
    Result<bool> has = tableExists(m_name.historyTable());
    if (!has)
        return has.error();
    if (!*has)
        return rows;
    const QString sql = QStringLiteral("SELECT revision, direction, checksum, %2, duration_ms, strata_version FROM %1 ORDER BY applied_at%3")
                            .arg(historyTableName(*m_dialect, m_name), pg ? QStringLiteral("to_char(applied_at, 'YYYY-MM-DD HH24:MI:SS.MS')")
                                                                 : QStringLiteral("applied_at"),
                                 pg ? QString() : QStringLiteral(", rowid"));
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.exec(sql))
        return m_dialect->mapError(q.lastError(), sql);
    while (q.next())
        rows.append(HistoryRow{q.value(0).toString(), q.value(1).toString(), q.value(2).toString(), q.value(3).toString(),
                               q.value(4).toLongLong(), q.value(5).toString()});
    return rows;
}

} // namespace strata::migrate
