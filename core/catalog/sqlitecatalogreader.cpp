#include "sqlitecatalogreader.h"

#include "catalogsql.h"
#include "sqlitecreateparser.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace strata::catalog {

namespace {

using dialect::DialectKind;
using dialect::QuotePolicy;

const dialect::Dialect &sqlite()
{
    return dialect::dialectFor(DialectKind::Sqlite);
}

// SQLite compares names case-insensitively for ASCII letters only ("É" and "é" differ).
QString nameKey(const QString &name)
{
    QString key = name;
    for (QChar &c : key)
        if (c.unicode() < 0x80)
            c = c.toLower();
    return key;
}

bool sameNames(const QStringList &a, const QStringList &b)
{
    if (a.size() != b.size())
        return false;
    for (int i = 0; i < a.size(); ++i)
        if (nameKey(a.at(i)) != nameKey(b.at(i)))
            return false;
    return true;
}

QString quotedList(const QStringList &names)
{
    QStringList quoted;
    for (const QString &n : names)
        quoted.append(sqlite().quoteIdentifier(n, QuotePolicy::WhenNeeded));
    return quoted.join(QLatin1String(", "));
}

// The name a parsed constraint of `kind` on exactly `columns` was given, if any.
QString constraintName(const sqliteparser::ParsedTable &parsed, const QString &kind, const QStringList &columns)
{
    for (const sqliteparser::ParsedConstraint &c : parsed.allOfKind(kind))
        if (sameNames(c.columns, columns))
            return c.name;
    return QString();
}

void applyParsedColumns(TableDetail &detail, const sqliteparser::ParsedTable &parsed)
{
    for (ColumnInfo &column : detail.columns) {
        for (const sqliteparser::ParsedColumn &p : parsed.columns) {
            if (nameKey(p.name) != nameKey(column.name))
                continue;
            if (column.isGenerated)
                column.generationExpression = p.generationExpression;
            column.collation = p.collation;
        }
    }
}

// INTEGER PRIMARY KEY in a rowid table makes the column an alias of the rowid: SQLite then
// builds no separate primary key index (INTEGER PRIMARY KEY DESC, a documented quirk, does).
void markRowidAlias(TableDetail &detail)
{
    const QStringList key = detail.primaryKey();
    if (detail.relation.withoutRowid || key.size() != 1)
        return;
    for (const IndexInfo &index : detail.indexes)
        if (index.primary)
            return;
    for (ColumnInfo &column : detail.columns) {
        if (column.name == key.first() && column.dataType.compare(QLatin1String("INTEGER"), Qt::CaseInsensitive) == 0) {
            column.isIdentity = true;
            column.nullable = false;
        }
    }
}

void addConstraints(TableDetail &detail, const sqliteparser::ParsedTable &parsed)
{
    const QStringList key = detail.primaryKey();
    if (!key.isEmpty()) {
        const QString kind = QStringLiteral("PRIMARY KEY");
        detail.constraints.append({constraintName(parsed, kind, key), ConstraintKind::PrimaryKey, key,
                                   QStringLiteral("PRIMARY KEY (%1)").arg(quotedList(key))});
    }
    for (const IndexInfo &index : detail.indexes) {
        if (!index.unique || index.primary || !index.definition.isEmpty())
            continue;   // only the automatic indexes of UNIQUE constraints
        const QString kind = QStringLiteral("UNIQUE");
        detail.constraints.append({constraintName(parsed, kind, index.columns), ConstraintKind::Unique, index.columns,
                                   QStringLiteral("UNIQUE (%1)").arg(quotedList(index.columns))});
    }
    for (const sqliteparser::ParsedConstraint &check : parsed.allOfKind(QStringLiteral("CHECK")))
        detail.constraints.append({check.name, ConstraintKind::Check, check.columns, check.expression});
    for (ForeignKeyInfo &fk : detail.foreignKeys)
        fk.name = constraintName(parsed, QStringLiteral("FOREIGN KEY"), fk.columns);
}

QString jsonArray(const QStringList &names)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(names)).toJson(QJsonDocument::Compact));
}

QString withSemicolon(const QString &sql)
{
    return sql.trimmed() + QLatin1Char(';');
}

void finish(TableDetail &detail, const QString &sql)
{
    QStringList ddl{withSemicolon(sql)};
    if (detail.relation.kind == RelationKind::View) {
        detail.viewDefinition = sqliteparser::parseViewSelect(sql);
    } else {
        const sqliteparser::ParsedTable parsed = sqliteparser::parseCreateTable(sql);
        applyParsedColumns(detail, parsed);
        markRowidAlias(detail);
        // WITHOUT ROWID tables enforce NOT NULL on their key, whatever was declared.
        if (detail.relation.withoutRowid)
            for (ColumnInfo &column : detail.columns)
                column.nullable = column.nullable && column.primaryKeyPosition == 0;
        addConstraints(detail, parsed);
        for (const IndexInfo &index : detail.indexes)
            if (!index.definition.isEmpty())
                ddl.append(withSemicolon(index.definition));
    }
    for (const TriggerInfo &trigger : detail.triggers)
        ddl.append(withSemicolon(trigger.definition));
    detail.ddl = ddl.join(QLatin1Char('\n'));
}

} // namespace

Status SqliteCatalogReader::runCatalog(QSqlDatabase &db, const QString &queryName, const QString &schema,
                                       const QVariant &names, const RowHandler &onRow) const
{
    Result<QString> sql = catalogSql(QStringLiteral("sqlite/") + queryName);
    if (!sql)
        return sql.error();
    // The schema of sqlite_schema cannot be bound; everything else is.
    QString text = *sql;
    text.replace(QLatin1String("{schema}"), sqlite().quoteIdentifier(schema));
    Status status = run(db, DialectKind::Sqlite, text, {schema, names}, onRow);
    if (!status && status.error().message.contains(QLatin1String("unknown database"))) {
        Error error = status.error();
        error.kind = ErrorKind::NotFound;   // a schema that is not attached
        return error;
    }
    return status;
}

Result<QList<SchemaInfo>> SqliteCatalogReader::schemas(QSqlDatabase &db, bool includeSystem) const
{
    Q_UNUSED(includeSystem)   // SQLite has no system schemas
    Result<QString> sql = catalogSql(QStringLiteral("sqlite/schemas"));
    if (!sql)
        return sql.error();
    QList<SchemaInfo> list;
    const Status status = run(db, DialectKind::Sqlite, *sql, {}, [&list](const QSqlQuery &row) {
        list.append({row.value(0).toString(), QString(), false, QString()});
    });
    if (!status)
        return status.error();
    return list;
}

Result<QList<SqliteCatalogReader::Relation>> SqliteCatalogReader::relations(QSqlDatabase &db, const QString &schema,
                                                                             const QVariant &names) const
{
    QList<Relation> list;
    const Status status = runCatalog(db, QStringLiteral("relations"), schema, names, [&](const QSqlQuery &row) {
        Relation r;
        r.info.schema = schema;
        r.info.name = row.value(0).toString();
        r.info.kind = row.value(1).toString() == QLatin1String("view") ? RelationKind::View : RelationKind::Table;
        r.sql = row.value(2).toString();
        r.info.withoutRowid = row.value(3).toInt() != 0;
        list.append(r);
    });
    if (!status)
        return status.error();
    return list;
}

Result<SchemaObjects> SqliteCatalogReader::objects(QSqlDatabase &db, const QString &schema) const
{
    Result<QList<Relation>> list = relations(db, schema, QVariant(QMetaType::fromType<QString>()));
    if (!list)
        return list.error();
    SchemaObjects objects;
    objects.schema = schema;
    for (const Relation &r : *list)
        objects.relations.append(r.info);
    return objects;
}

Result<QList<TableDetail>> SqliteCatalogReader::describe(QSqlDatabase &db, const QString &schema,
                                                         const QStringList &names) const
{
    const QVariant nameFilter = names.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : jsonArray(names);
    Result<QList<Relation>> list = relations(db, schema, nameFilter);
    if (!list)
        return list.error();
    QList<TableDetail> details(list->size());
    DetailMap byName;
    for (int i = 0; i < list->size(); ++i) {
        details[i].relation = list->at(i).info;
        byName.insert(nameKey(list->at(i).info.name), &details[i]);
    }
    if (details.isEmpty())
        return details;
    for (auto read : {&SqliteCatalogReader::readColumns, &SqliteCatalogReader::readIndexes,
                      &SqliteCatalogReader::readForeignKeys, &SqliteCatalogReader::readTriggers}) {
        const Status status = (this->*read)(db, schema, nameFilter, byName);
        if (!status)
            return status.error();
    }
    for (int i = 0; i < details.size(); ++i)
        finish(details[i], list->at(i).sql);
    return details;
}

Status SqliteCatalogReader::readColumns(QSqlDatabase &db, const QString &schema, const QVariant &names,
                                        const DetailMap &details) const
{
    const QString file = QStringLiteral("columns");
    if (runCatalog(db, file, schema, names, [&details](const QSqlQuery &row) { addColumn(row, details); }))
        return Status();
    // A view over a dropped table fails the whole pragma join: read one relation at a time
    // then, and leave the broken views without columns.
    for (TableDetail *detail : details)
        detail->columns.clear();
    for (TableDetail *detail : details) {
        const DetailMap one{{nameKey(detail->relation.name), detail}};
        const Status status = runCatalog(db, file, schema, jsonArray({detail->relation.name}),
                                         [&one](const QSqlQuery &row) { addColumn(row, one); });
        if (!status && status.error().kind != ErrorKind::NotFound && status.error().kind != ErrorKind::Internal)
            return status;
        if (!status)
            detail->columns.clear();
    }
    return Status();
}

void SqliteCatalogReader::addColumn(const QSqlQuery &row, const DetailMap &details)
{
    TableDetail *detail = details.value(nameKey(row.value(0).toString()));
    if (!detail)
        return;
    ColumnInfo c;
    c.position = row.value(1).toInt() + 1;
    c.name = row.value(2).toString();
    c.dataType = row.value(3).toString();
    c.nullable = row.value(4).toInt() == 0;
    c.defaultValue = row.value(5).toString();
    c.primaryKeyPosition = row.value(6).toInt();
    c.isGenerated = row.value(7).toInt() >= 2;
    detail->columns.append(c);
}

Status SqliteCatalogReader::readIndexes(QSqlDatabase &db, const QString &schema, const QVariant &names,
                                        const DetailMap &details) const
{
    sqliteparser::ParsedIndex parsed;
    return runCatalog(db, QStringLiteral("indexes"), schema, names, [&](const QSqlQuery &row) {
        TableDetail *detail = details.value(nameKey(row.value(0).toString()));
        if (!detail)
            return;
        const QString name = row.value(1).toString();
        if (detail->indexes.isEmpty() || detail->indexes.last().name != name) {
            IndexInfo index;
            index.name = name;
            index.unique = row.value(2).toInt() != 0;
            index.primary = row.value(3).toString() == QLatin1String("pk");
            index.definition = row.value(5).toString();
            parsed = sqliteparser::parseCreateIndex(index.definition);
            if (row.value(4).toInt() != 0)
                index.predicate = parsed.predicate;
            detail->indexes.append(index);
        }
        IndexInfo &index = detail->indexes.last();
        const int seqno = row.value(6).toInt();
        const bool isExpression = row.value(7).toInt() == -2;
        QString column = row.value(8).toString();
        if (isExpression)
            column = seqno < parsed.parts.size() ? parsed.parts.at(seqno) : QStringLiteral("<expression>");
        index.columns.append(column);
        index.isExpression.append(isExpression);
    });
}

Status SqliteCatalogReader::readForeignKeys(QSqlDatabase &db, const QString &schema, const QVariant &names,
                                            const DetailMap &details) const
{
    return runCatalog(db, QStringLiteral("foreignkeys"), schema, names, [&](const QSqlQuery &row) {
        TableDetail *detail = details.value(nameKey(row.value(0).toString()));
        if (!detail)
            return;
        if (row.value(2).toInt() == 0) {   // seq 0 starts the next foreign key
            ForeignKeyInfo fk;
            fk.referencedSchema = schema;
            fk.referencedTable = row.value(3).toString();
            fk.onUpdate = row.value(6).toString();
            fk.onDelete = row.value(7).toString();
            detail->foreignKeys.append(fk);
        }
        ForeignKeyInfo &fk = detail->foreignKeys.last();
        fk.columns.append(row.value(4).toString());
        // NULL "to": the parent's primary key is implied.
        if (!row.value(5).isNull())
            fk.referencedColumns.append(row.value(5).toString());
    });
}

Status SqliteCatalogReader::readTriggers(QSqlDatabase &db, const QString &schema, const QVariant &names,
                                         const DetailMap &details) const
{
    return runCatalog(db, QStringLiteral("triggers"), schema, names, [&](const QSqlQuery &row) {
        TableDetail *detail = details.value(nameKey(row.value(0).toString()));
        if (!detail)
            return;
        TriggerInfo trigger;
        trigger.name = row.value(1).toString();
        trigger.definition = row.value(2).toString();
        const sqliteparser::ParsedTrigger parsed = sqliteparser::parseCreateTrigger(trigger.definition);
        trigger.timing = parsed.timing;
        trigger.events = parsed.events;
        detail->triggers.append(trigger);
    });
}

} // namespace strata::catalog
