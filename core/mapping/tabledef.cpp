#include "tabledef.h"

namespace strata::mapping {

QString onActionSql(OnAction action)
{
    switch (action) {
    case OnAction::NoAction: return QStringLiteral("NO ACTION");
    case OnAction::Restrict: return QStringLiteral("RESTRICT");
    case OnAction::Cascade: return QStringLiteral("CASCADE");
    case OnAction::SetNull: return QStringLiteral("SET NULL");
    case OnAction::SetDefault: return QStringLiteral("SET DEFAULT");
    }
    return QStringLiteral("NO ACTION");
}

QVariant Cell::toVariant() const
{
    switch (kind) {
    case Kind::Null: return {};
    case Kind::Integer: return qlonglong(integer);
    case Kind::Real: return real;
    case Kind::Blob: return QByteArray(data ? data : "", size);
    case Kind::Text: break;
    }
    return size == 0 ? QStringLiteral("") : QString::fromUtf8(data, size);
}

const ColumnDef *TableDef::column(const QString &columnName) const
{
    const int i = columnIndex(columnName);
    return i < 0 ? nullptr : &columns[size_t(i)];
}

int TableDef::columnIndex(const QString &columnName) const
{
    for (size_t i = 0; i < columns.size(); ++i) {
        if (columns[i].name == columnName)
            return int(i);
    }
    return -1;
}

QStringList TableDef::primaryKey() const
{
    if (!keyOrder.isEmpty())
        return keyOrder;
    QStringList key;
    for (const ColumnDef &c : columns) {
        if (c.primaryKey)
            key.append(c.name);
    }
    return key;
}

QList<int> TableDef::primaryKeyIndexes() const
{
    if (!keyIndexes.isEmpty())
        return keyIndexes;   // the session asks for every row it reads
    QList<int> out;
    for (const QString &key : primaryKey())
        out.append(columnIndex(key));
    return out;
}

QStringList TableDef::referencedTables() const
{
    QStringList tables;
    for (const ForeignKeyDef &fk : foreignKeys) {
        if (fk.referencedTable != name && !tables.contains(fk.referencedTable))
            tables.append(fk.referencedTable);
    }
    return tables;
}

} // namespace strata::mapping
