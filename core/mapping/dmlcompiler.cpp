// The unit of work's statements (declared in sqlcompiler.h): one shape per table and column
// set, so the session can prepare each once and execute it for every row.

#include "sqlcompiler.h"

#include "base/isotime.h"

namespace strata::mapping {

namespace {

QString keyCondition(const dialect::Dialect &d, const QStringList &columns)
{
    QStringList parts;
    for (const QString &k : columns)
        parts.append(d.quoteIdentifier(k) + QStringLiteral(" = ") + d.placeholder());
    return parts.join(QStringLiteral(" AND "));
}

QString columnList(const dialect::Dialect &d, const TableDef &t, const QList<int> &columns)
{
    QStringList names;
    for (int i : columns)
        names.append(d.quoteIdentifier(t.columns[size_t(i)].name));
    return names.join(QStringLiteral(", "));
}

} // namespace

QString insertSql(const dialect::Dialect &d, const TableDef &t, const QList<int> &columns,
                  const QList<int> &returning, int rows)
{
    QString sql = QStringLiteral("INSERT INTO ") + d.qualifiedName(t.schema, t.name);
    if (columns.isEmpty()) {
        sql += QStringLiteral(" DEFAULT VALUES");
    } else {
        QStringList marks;
        for (qsizetype i = 0; i < columns.size(); ++i)
            marks.append(d.placeholder());
        const QString row = QLatin1Char('(') + marks.join(QStringLiteral(", ")) + QLatin1Char(')');
        QStringList all;
        for (int r = 0; r < rows; ++r)
            all.append(row);
        sql += QStringLiteral(" (") + columnList(d, t, columns) + QStringLiteral(") VALUES ") + all.join(QStringLiteral(", "));
    }
    if (!returning.isEmpty())
        sql += QStringLiteral(" RETURNING ") + columnList(d, t, returning);
    return sql;
}

QString updateSql(const dialect::Dialect &d, const TableDef &t, const QList<int> &columns)
{
    QStringList sets;
    for (int i : columns)
        sets.append(d.quoteIdentifier(t.columns[size_t(i)].name) + QStringLiteral(" = ") + d.placeholder());
    return QStringLiteral("UPDATE ") + d.qualifiedName(t.schema, t.name) + QStringLiteral(" SET ")
        + sets.join(QStringLiteral(", ")) + QStringLiteral(" WHERE ") + keyCondition(d, t.primaryKey());
}

QString deleteSql(const dialect::Dialect &d, const TableDef &t)
{
    return QStringLiteral("DELETE FROM ") + d.qualifiedName(t.schema, t.name) + QStringLiteral(" WHERE ")
        + keyCondition(d, t.primaryKey());
}

QString selectWhereSql(const dialect::Dialect &d, const TableDef &t, const QStringList &keyColumns)
{
    QList<int> all;
    for (size_t i = 0; i < t.columns.size(); ++i)
        all.append(int(i));
    return QStringLiteral("SELECT ") + columnList(d, t, all) + QStringLiteral(" FROM ") + d.qualifiedName(t.schema, t.name)
        + QStringLiteral(" WHERE ") + keyCondition(d, keyColumns);
}

QString selectInSql(const dialect::Dialect &d, const TableDef &t, const QString &column, int count)
{
    QList<int> all;
    for (size_t i = 0; i < t.columns.size(); ++i)
        all.append(int(i));
    QStringList marks;
    for (int i = 0; i < count; ++i)
        marks.append(d.placeholder());
    QString sql = QStringLiteral("SELECT ") + columnList(d, t, all) + QStringLiteral(" FROM ") + d.qualifiedName(t.schema, t.name)
        + QStringLiteral(" WHERE ") + d.quoteIdentifier(column) + QStringLiteral(" IN (") + marks.join(QStringLiteral(", "))
        + QLatin1Char(')');
    if (!t.keyIndexes.isEmpty())   // each owner's children in key order, whatever plan the server picks
        sql += QStringLiteral(" ORDER BY ") + columnList(d, t, t.keyIndexes);
    return sql;
}

QVariant bindValue(const dialect::Dialect &d, const QVariant &value)
{
    if (!value.isValid() || value.isNull())
        return QVariant();
    switch (value.typeId()) {
    case QMetaType::QDateTime:
        return isoUtc(*static_cast<const QDateTime *>(value.constData()));
    case QMetaType::QDate:
        return value.toDate().toString(Qt::ISODate);
    case QMetaType::QTime:
        return value.toTime().toString(Qt::ISODateWithMs);
    case QMetaType::Bool:
        if (d.kind() == dialect::DialectKind::Sqlite)
            return int(value.toBool());
        return value;
    default:
        return value;
    }
}

} // namespace strata::mapping
