#include "tableinfo.h"

#include "catalog/catalogreader.h"
#include "catalog/catalogsql.h"

#include <QSqlError>
#include <QSqlQuery>

namespace strata::data {

using catalog::RelationKind;
using dialect::DialectKind;

int TableInfo::identityWidth() const
{
    switch (identity) {
    case RowIdentity::PrimaryKey: return int(keyColumns.size());
    case RowIdentity::Rowid:
    case RowIdentity::Ctid: return 1;
    case RowIdentity::WholeRow: return int(columns.size());
    case RowIdentity::None: return 0;
    }
    return 0;
}

bool TableInfo::enableViewEditing()
{
    if (!updatableView)
        return false;
    readOnlyReason.clear();
    if (identity == RowIdentity::None)
        identity = RowIdentity::WholeRow;
    return true;
}

int TableInfo::columnIndex(const QString &column) const
{
    for (int i = 0; i < columns.size(); ++i)
        if (columns.at(i).name == column)
            return i;
    return -1;
}

namespace {

QString sqliteRowidName(const QList<ColumnMeta> &columns)
{
    for (const char *candidate : {"rowid", "_rowid_", "oid"}) {
        const QString name = QString::fromLatin1(candidate);
        bool shadowed = false;
        for (const ColumnMeta &c : columns)
            shadowed = shadowed || c.name.compare(name, Qt::CaseInsensitive) == 0;
        if (!shadowed)
            return name;
    }
    return {};
}

void chooseIdentity(TableInfo &info, const catalog::TableDetail &detail)
{
    const RelationKind kind = detail.relation.kind;
    const bool isTable = kind == RelationKind::Table || kind == RelationKind::PartitionedTable;
    if (!info.keyColumns.isEmpty() && (isTable || kind == RelationKind::ForeignTable)) {
        info.identity = RowIdentity::PrimaryKey;
    } else if (isTable && info.dialect == DialectKind::Sqlite && !detail.relation.withoutRowid) {
        info.rowidName = sqliteRowidName(info.columns);
        info.identity = info.rowidName.isEmpty() ? RowIdentity::None : RowIdentity::Rowid;
    } else if (kind == RelationKind::Table && info.dialect == DialectKind::Postgres) {
        info.identity = RowIdentity::Ctid;
    }
    if (info.dialect == DialectKind::Sqlite && isTable && !detail.relation.withoutRowid)
        info.rowidName = sqliteRowidName(info.columns);

    if (kind == RelationKind::View || kind == RelationKind::MaterializedView)
        info.readOnlyReason = QObject::tr("Views are read-only.");
    else if (kind == RelationKind::ForeignTable && info.identity != RowIdentity::PrimaryKey)
        info.readOnlyReason = QObject::tr("This foreign table has no primary key.");
    else if (kind == RelationKind::PartitionedTable && info.identity != RowIdentity::PrimaryKey)
        info.readOnlyReason = QObject::tr("This partitioned table has no primary key: rows cannot be identified safely.");
    else if (info.identity == RowIdentity::None)
        info.readOnlyReason = QObject::tr("This table has no key that identifies its rows.");
}

} // namespace

TableInfo tableInfoFromDetail(const catalog::TableDetail &detail, DialectKind kind, bool readOnlyConnection)
{
    TableInfo info;
    info.dialect = kind;
    info.schema = detail.relation.schema;
    info.name = detail.relation.name;
    info.kind = detail.relation.kind;
    info.foreignKeys = detail.foreignKeys;
    QList<QPair<int, int>> keyOrder;
    for (const catalog::ColumnInfo &c : detail.columns) {
        ColumnMeta meta;
        meta.name = c.name;
        meta.declaredType = c.dataType;
        meta.type = valueTypeFor(kind, c.dataType);
        meta.nullable = c.nullable;
        meta.generated = c.isGenerated;
        meta.identityAlways = c.identityGeneration.compare(QLatin1String("ALWAYS"), Qt::CaseInsensitive) == 0;
        meta.hasDefault = !c.defaultValue.isEmpty() || c.isIdentity || c.isGenerated;
        meta.keyPosition = c.primaryKeyPosition;
        if (c.primaryKeyPosition > 0)
            keyOrder.append({c.primaryKeyPosition, int(info.columns.size())});
        info.columns.append(meta);
    }
    std::sort(keyOrder.begin(), keyOrder.end());
    for (const auto &k : keyOrder)
        info.keyColumns.append(k.second);
    chooseIdentity(info, detail);
    if (readOnlyConnection && info.readOnlyReason.isEmpty())
        info.readOnlyReason = QObject::tr("The connection is read-only.");
    return info;
}

namespace {

/// PostgreSQL: how each column's values are compared (resources/catalog/postgres/
/// columncomparison.sql) and which columns no value can be written to.
Status describeComparisons(QSqlDatabase &db, TableInfo &info, QStringList *names)
{
    const auto &dialect = dialect::dialectFor(DialectKind::Postgres);
    Result<QString> sql = catalog::catalogSql(QStringLiteral("postgres/columncomparison"));
    if (!sql)
        return sql.error();
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(sql.value());
    const QString relation = dialect.qualifiedName(info.schema, info.name);
    q.addBindValue(relation);
    q.addBindValue(relation);
    if (!q.exec())
        return dialect.mapError(q.lastError(), sql.value());
    while (q.next()) {
        if (names)
            names->append(q.value(0).toString());
        const int column = info.columnIndex(q.value(0).toString());
        if (column < 0)
            continue;
        ColumnMeta &meta = info.columns[column];
        meta.comparedType = q.value(1).toString();
        meta.equality = q.value(2).toBool() ? dialect::Equality::Typed : dialect::Equality::TextForm;
        if (q.value(3).toBool())
            meta.readOnlyReason = QObject::tr("Values of the pseudo-type %1 cannot be written.").arg(meta.declaredType);
    }
    return {};
}

/// PostgreSQL enum labels for every enum-typed column, in one query.
Status describeEnums(QSqlDatabase &db, TableInfo &info)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    const QString sql = QStringLiteral(
        "SELECT a.attname, e.enumlabel FROM pg_attribute a JOIN pg_enum e ON e.enumtypid = a.atttypid "
        "WHERE a.attrelid = to_regclass(?) AND a.attnum > 0 AND NOT a.attisdropped "
        "ORDER BY a.attnum, e.enumsortorder");
    q.prepare(sql);
    q.addBindValue(dialect::dialectFor(DialectKind::Postgres).qualifiedName(info.schema, info.name));
    if (!q.exec())
        return dialect::dialectFor(DialectKind::Postgres).mapError(q.lastError(), sql);
    while (q.next()) {
        const int column = info.columnIndex(q.value(0).toString());
        if (column >= 0) {
            info.columns[column].type = ValueType::Enum;
            info.columns[column].enumLabels.append(q.value(1).toString());
        }
    }
    return {};
}

} // namespace

Result<TableInfo> loadTableInfo(QSqlDatabase &db, DialectKind kind, const QString &schema, const QString &name,
                                bool readOnlyConnection)
{
    auto reader = catalog::CatalogReader::create(kind);
    Result<catalog::TableDetail> detail = reader->describeOne(db, schema, name);
    if (!detail)
        return detail.error();
    TableInfo info = tableInfoFromDetail(detail.value(), kind, readOnlyConnection);
    if (Status complete = completeTableInfo(db, info, readOnlyConnection); !complete)
        return complete.error();
    return info;
}

Status completeTableInfo(QSqlDatabase &db, TableInfo &info, bool readOnlyConnection, QStringList *columnNames)
{
    const DialectKind kind = info.dialect;
    if (info.isView() && !readOnlyConnection)
        if (Status view = describeUpdatableView(db, info); !view)
            return view;
    if (kind != DialectKind::Postgres)
        return {};
    if (Status enums = describeEnums(db, info); !enums)
        return enums;
    return describeComparisons(db, info, columnNames);
}

namespace {

/// SQLite: the relation's columns now, as "name type" lines (resources/catalog/sqlite/columnnames.sql).
Result<QStringList> sqliteColumns(QSqlDatabase &db, const TableInfo &info)
{
    Result<QString> sql = catalog::catalogSql(QStringLiteral("sqlite/columnnames"));
    if (!sql)
        return sql.error();
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(sql.value());
    q.addBindValue(info.name);
    q.addBindValue(info.schema);
    if (!q.exec())
        return dialect::dialectFor(DialectKind::Sqlite).mapError(q.lastError(), sql.value());
    QStringList columns;
    while (q.next())
        columns.append(q.value(0).toString() + QLatin1Char(' ') + q.value(1).toString());
    return columns;
}

} // namespace

Result<KnownTableInfo> tableInfoFromKnown(QSqlDatabase &db, DialectKind kind, const catalog::TableDetail &known,
                                          bool readOnlyConnection)
{
    KnownTableInfo out{tableInfoFromDetail(known, kind, readOnlyConnection), false};
    QStringList now;
    if (Status complete = completeTableInfo(db, out.info, readOnlyConnection, &now); !complete)
        return complete.error();
    QStringList described;
    if (kind == DialectKind::Sqlite) {
        Result<QStringList> columns = sqliteColumns(db, out.info);
        if (!columns)
            return columns.error();
        now = columns.value();
        for (const catalog::ColumnInfo &c : known.columns)
            described.append(c.name + QLatin1Char(' ') + c.dataType);
    } else {
        for (const catalog::ColumnInfo &c : known.columns)
            described.append(c.name);
    }
    if (now == described)
        return out;
    // Changed since it was described (outside Strata, or before a change was announced).
    Result<TableInfo> fresh = loadTableInfo(db, kind, known.relation.schema, known.relation.name, readOnlyConnection);
    if (!fresh)
        return fresh.error();
    return KnownTableInfo{std::move(fresh.value()), true};
}

} // namespace strata::data
