// Views: can the server update this one, and which of its columns are the base table's key?

#include "tableinfo.h"

#include "connection/nativehandle.h"
#include "dialect/dialect.h"

#include <QSqlError>
#include <QSqlQuery>
#include <sqlite3.h>

namespace strata::data {

using dialect::DialectKind;

namespace {

Result<QStringList> column(QSqlDatabase &db, DialectKind kind, const QString &sql, const QVariantList &values)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(sql);
    for (const QVariant &v : values)
        q.addBindValue(v);
    if (!q.exec())
        return dialect::dialectFor(kind).mapError(q.lastError(), sql);
    QStringList out;
    while (q.next())
        out << q.value(0).toString();
    return out;
}

/// PostgreSQL: the view is updatable when the server says UPDATE works on it (simple views
/// are auto-updatable; others need INSTEAD OF triggers or rules). Its key: the primary key
/// of its one base relation, when the view shows those columns under their own names.
Result<QStringList> postgresView(QSqlDatabase &db, TableInfo &info)
{
    const QString regclass = dialect::dialectFor(DialectKind::Postgres).qualifiedName(info.schema, info.name);
    Result<QStringList> updatable = column(db, DialectKind::Postgres,
        QStringLiteral("SELECT (pg_relation_is_updatable(to_regclass(?)::oid, false) & 4) <> 0"), {regclass});
    if (!updatable)
        return updatable.error();
    info.updatableView = updatable->value(0) == QLatin1String("true");
    if (!info.updatableView)
        return QStringList();
    return column(db, DialectKind::Postgres, QStringLiteral(
        "WITH base AS (SELECT DISTINCT d.refobjid AS rel FROM pg_rewrite r JOIN pg_depend d ON d.objid = r.oid "
        "  AND d.classid = 'pg_rewrite'::regclass AND d.refclassid = 'pg_class'::regclass "
        "  WHERE r.ev_class = to_regclass(?) AND d.refobjid <> r.ev_class) "
        "SELECT a.attname FROM base JOIN pg_index i ON i.indrelid = base.rel AND i.indisprimary "
        "JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey) "
        "WHERE (SELECT count(*) FROM base) = 1 ORDER BY array_position(i.indkey::int2[], a.attnum)"),
        {regclass});
}

/// SQLite: a view is updatable through INSTEAD OF UPDATE triggers. Its key: the columns
/// whose origin (sqlite3_column_origin_name) is the primary key of their one base table.
Result<QStringList> sqliteView(QSqlDatabase &db, TableInfo &info)
{
    Result<QStringList> triggers = column(db, DialectKind::Sqlite,
        QStringLiteral("SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = ?"), {info.name});
    if (!triggers)
        return triggers.error();
    for (const QString &sql : *triggers)
        info.updatableView = info.updatableView || sql.simplified().contains(QLatin1String("INSTEAD OF UPDATE"), Qt::CaseInsensitive);
    sqlite3 *handle = connection::NativeHandle::sqliteHandle(db);
    if (!info.updatableView || !handle)
        return QStringList();
    const QByteArray select = (QStringLiteral("SELECT * FROM ") + dialect::dialectFor(DialectKind::Sqlite).quoteIdentifier(info.name)).toUtf8();
    sqlite3_stmt *stmt = nullptr;
    if (sqlite3_prepare_v2(handle, select.constData(), -1, &stmt, nullptr) != SQLITE_OK)
        return QStringList();
    QString table;
    QStringList origins;
    for (int c = 0; c < sqlite3_column_count(stmt); ++c) {
        const char *t = sqlite3_column_table_name(stmt, c);
        const char *o = sqlite3_column_origin_name(stmt, c);
        origins << (o ? QString::fromUtf8(o) : QString());
        if (t && table.isEmpty())
            table = QString::fromUtf8(t);
        else if (t && table != QString::fromUtf8(t))
            table = QStringLiteral("\n");   // more than one base table: no key
    }
    sqlite3_finalize(stmt);
    if (table.isEmpty() || table == QLatin1String("\n"))
        return QStringList();
    Result<QStringList> key = column(db, DialectKind::Sqlite,
        QStringLiteral("SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk"), {table});
    if (!key)
        return key.error();
    // View column names for the base key columns (a view may rename them).
    QStringList mapped;
    for (const QString &k : *key) {
        const int at = int(origins.indexOf(k));
        if (at < 0 || at >= info.columns.size())
            return QStringList();
        mapped << info.columns.at(at).name;
    }
    return mapped;
}

} // namespace

Status describeUpdatableView(QSqlDatabase &db, TableInfo &info)
{
    Result<QStringList> key = info.dialect == DialectKind::Postgres ? postgresView(db, info) : sqliteView(db, info);
    if (!key)
        return key.error();
    if (!info.updatableView)
        return {};
    info.readOnlyReason = QObject::tr("This view is read-only.");
    QList<int> columns;
    for (const QString &name : *key) {
        const int c = info.columnIndex(name);
        if (c < 0)
            return {};   // the key is not shown: rows are identified by their whole image
        columns << c;
    }
    if (!columns.isEmpty()) {
        info.keyColumns = columns;
        info.identity = RowIdentity::PrimaryKey;
    }
    return {};
}

} // namespace strata::data
