#include "versiontable.h"

#include "base/version.h"
#include "dialect/ddl.h"

#include <QSqlError>
#include <QSqlQuery>

namespace strata::migrate {

using dialect::Dialect;
using dialect::DialectKind;

namespace {

namespace ddl = dialect::ddl;

// The version tables live in the configured schema where the database has schemas.
QString schemaOf(const Dialect &d, const VersionTableName &n)
{
    return d.capabilities().schemas ? n.schema : QString();
}

QString table(const Dialect &d, const VersionTableName &n)
{
    return d.qualifiedName(schemaOf(d, n), n.table);
}

QString historyTableName(const Dialect &d, const VersionTableName &n)
{
    return d.qualifiedName(schemaOf(d, n), n.historyTable());
}

// Strata's own columns are written unquoted, as Alembic writes its version table.
QString column(const Dialect &d, const char *name, const QString &type, bool notNull)
{
    ddl::Column c;
    c.name = QLatin1String(name);
    c.type = type;
    c.notNull = notNull;
    return ddl::column(d, c, dialect::QuotePolicy::WhenNeeded);
}

} // namespace

VersionTable::VersionTable(const QSqlDatabase &db, VersionTableName name)
    : m_db(db), m_dialect(&dialect::dialectFor(db)), m_name(std::move(name))
{
}

QString VersionTable::createVersionTableSql(const Dialect &d, const VersionTableName &n)
{
    const QString key = ddl::constraint(d, {ddl::Constraint::Kind::PrimaryKey, n.table + QStringLiteral("_pkc"),
                                            {QStringLiteral("version_num")}, QString()},
                                        dialect::QuotePolicy::Always, dialect::QuotePolicy::WhenNeeded);
    return ddl::createTable(d, {schemaOf(d, n), n.table, {column(d, "version_num", QStringLiteral("VARCHAR(32)"), true), key},
                                true, ddl::Layout::Indented, false});
}

QString VersionTable::createHistoryTableSql(const Dialect &d, const VersionTableName &n)
{
    // SQLite keeps applied_at as sortable text (Dialect::currentTimestamp()).
    const bool pg = d.kind() == DialectKind::Postgres;
    const QString varchar32 = QStringLiteral("VARCHAR(32)");
    return ddl::createTable(d, {schemaOf(d, n), n.historyTable(),
                                {column(d, "revision", varchar32, true), column(d, "direction", QStringLiteral("VARCHAR(10)"), true),
                                 column(d, "checksum", QStringLiteral("VARCHAR(64)"), false),
                                 column(d, "applied_at", pg ? QStringLiteral("TIMESTAMPTZ") : QStringLiteral("TEXT"), true),
                                 column(d, "duration_ms", pg ? QStringLiteral("BIGINT") : QStringLiteral("INTEGER"), false),
                                 column(d, "strata_version", varchar32, false)},
                                true, ddl::Layout::Indented, false});
}

QString VersionTable::dropVersionTableSql(const Dialect &d, const VersionTableName &n)
{
    return ddl::dropTable(d, schemaOf(d, n), n.table, false);
}

QList<VersionStatement> VersionTable::changeStatements(const Dialect &d, const VersionTableName &n, const HeadChange &change)
{
    QList<VersionStatement> out;
    const QString t = table(d, n);
    for (const QString &rev : change.deletes)
        out.append({QStringLiteral("DELETE FROM %1 WHERE version_num = ?").arg(t), {rev}});
    if (!change.updateFrom.isEmpty())
        out.append({QStringLiteral("UPDATE %1 SET version_num = ? WHERE version_num = ?").arg(t), {change.updateTo, change.updateFrom}});
    for (const QString &rev : change.inserts)
        out.append({QStringLiteral("INSERT INTO %1 (version_num) VALUES (?)").arg(t), {rev}});
    return out;
}

QStringList VersionTable::changeSql(const Dialect &d, const VersionTableName &n, const HeadChange &change)
{
    QStringList out;
    for (const VersionStatement &s : changeStatements(d, n, change))
        out.append(d.withLiterals(s.sql, s.values));
    return out;
}

VersionStatement VersionTable::recordStatement(const Dialect &d, const VersionTableName &n, const QString &revision,
                                               const QString &direction, const QString &checksum, const QVariant &appliedAt,
                                               const QVariant &durationMs)
{
    VersionStatement s;
    s.sql = QStringLiteral("INSERT INTO %1 (revision, direction, checksum, applied_at, duration_ms, strata_version) "
                           "VALUES (?, ?, ?, %2, ?, ?)")
                .arg(historyTableName(d, n), appliedAt.isValid() ? QStringLiteral("?") : d.currentTimestamp());
    s.values = {revision, direction, checksum.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(checksum)};
    if (appliedAt.isValid())
        s.values.append(appliedAt);
    s.values += {durationMs, QStringLiteral(STRATA_VERSION_STRING)};
    return s;
}

QString VersionTable::recordSql(const Dialect &d, const VersionTableName &n, const QString &revision,
                                const QString &direction, const QString &checksum)
{
    const VersionStatement s = recordStatement(d, n, revision, direction, checksum, QVariant(), QVariant());
    return d.withLiterals(s.sql, s.values);
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
    for (const VersionStatement &statement : changeStatements(*m_dialect, m_name, change))
        if (Status s = run(statement.sql, statement.values, 1); !s)
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
    const VersionStatement statement = recordStatement(*m_dialect, m_name, revision, direction, checksum, applied, durationMs);
    return run(statement.sql, statement.values);
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
