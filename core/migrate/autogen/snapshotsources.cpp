#include "snapshotsources.h"

#include "catalog/catalogreader.h"
#include "connection/databaseopener.h"
#include "dialect/transactionguard.h"
#include "exec/statementsplitter.h"
#include "mapping/metadata.h"

#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>

namespace strata::migrate::autogen {

namespace {

using dialect::DialectKind;

QString defaultSchema(DialectKind kind, const QString &schema)
{
    if (!schema.isEmpty())
        return schema;
    return kind == DialectKind::Sqlite ? QStringLiteral("main") : QStringLiteral("public");
}

Status readEnums(QSqlDatabase &db, const dialect::Dialect &dialect, ops::SchemaSnapshot &snapshot)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    const QString sql = QStringLiteral(
        "SELECT t.typname, e.enumlabel FROM pg_type AS t "
        "JOIN pg_namespace AS n ON n.oid = t.typnamespace "
        "JOIN pg_enum AS e ON e.enumtypid = t.oid "
        "WHERE n.nspname = ? ORDER BY t.typname, e.enumsortorder");
    if (!q.prepare(sql))
        return dialect.mapError(q.lastError(), sql);
    q.addBindValue(snapshot.schema);
    if (!q.exec())
        return dialect.mapError(q.lastError(), sql);
    while (q.next()) {
        const QString name = q.value(0).toString();
        if (snapshot.enums.isEmpty() || snapshot.enums.last().name != name)
            snapshot.enums.append({snapshot.schema, name, {}});
        snapshot.enums.last().labels.append(q.value(1).toString());
    }
    return {};
}

// Runs a script statement by statement; a failure names the statement's line.
Status runScript(QSqlDatabase &db, const dialect::Dialect &dialect, const QString &sqlText)
{
    for (const exec::SqlStatement &statement : exec::StatementSplitter::split(sqlText, dialect.kind())) {
        QSqlQuery q(db);
        if (!q.exec(statement.text)) {
            Error e = dialect.mapError(q.lastError(), statement.text);
            e.message = QStringLiteral("line %1: %2").arg(statement.line + 1).arg(e.message);
            return e;
        }
    }
    return {};
}

// The scratch schema's name also shows in texts the server wrote (pg_get_indexdef qualifies
// the table: "ON strata_autogen_1a2b.books"); it is unique, so a plain replace is safe.
void renameInTexts(catalog::TableDetail &t, const QString &from, const QString &to)
{
    const dialect::Dialect &pg = dialect::dialectFor(DialectKind::Postgres);
    const QString quotedTo = pg.quoteIdentifier(to, dialect::QuotePolicy::WhenNeeded) + QLatin1Char('.');
    const auto fix = [&](QString &text) {
        for (const QString &name : {pg.quoteIdentifier(from), from})
            text.replace(name + QLatin1Char('.'), quotedTo);
    };
    for (catalog::ColumnInfo &c : t.columns) {
        fix(c.defaultValue);
        fix(c.generationExpression);
    }
    for (catalog::IndexInfo &i : t.indexes) {
        fix(i.definition);
        fix(i.predicate);
    }
    for (catalog::ConstraintInfo &c : t.constraints)
        fix(c.expression);
    for (catalog::TriggerInfo &trigger : t.triggers)
        fix(trigger.definition);
    fix(t.viewDefinition);
    fix(t.ddl);
}

void renameSchema(ops::SchemaSnapshot &snapshot, const QString &from, const QString &to)
{
    snapshot.schema = from;
    ops::moveToSchema(snapshot, to);
    if (from != to && snapshot.dialect == DialectKind::Postgres)
        for (QList<catalog::TableDetail> *list : {&snapshot.tables, &snapshot.views})
            for (catalog::TableDetail &t : *list)
                renameInTexts(t, from, to);
}

Status runScripts(QSqlDatabase &db, const dialect::Dialect &dialect, const QList<ScratchScript> &scripts)
{
    for (const ScratchScript &script : scripts) {
        if (Status s = runScript(db, dialect, script.sql); !s) {
            Error e = s.error();
            if (!script.name.isEmpty())
                e.message = script.name + QStringLiteral(": ") + e.message;
            return e;
        }
    }
    return {};
}

Result<ops::SchemaSnapshot> sqliteFromSql(const QList<ScratchScript> &scripts, const QString &schema)
{
    const QString name = connection::uniqueConnectionName(QStringLiteral("autogen-scratch"));
    Result<ops::SchemaSnapshot> result = Error(ErrorKind::Internal, QString());
    {
        QSqlDatabase scratch = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        scratch.setDatabaseName(QStringLiteral(":memory:"));
        if (!scratch.open()) {
            result = Error(ErrorKind::Connection, scratch.lastError().text());
        } else if (Status s = runScripts(scratch, dialect::dialectFor(DialectKind::Sqlite), scripts); !s) {
            result = s.error();
        } else {
            result = readSnapshot(scratch, QStringLiteral("main"));
            if (result)
                renameSchema(*result, QStringLiteral("main"), schema);
        }
        scratch.close();
    }
    QSqlDatabase::removeDatabase(name);
    return result;
}

Result<ops::SchemaSnapshot> postgresFromSql(QSqlDatabase &db, const QList<ScratchScript> &scripts, const QString &schema,
                                            ScratchPlacement placement)
{
    const dialect::Dialect &d = dialect::dialectFor(DialectKind::Postgres);
    const QString scratch = QStringLiteral("strata_autogen_%1").arg(QRandomGenerator::system()->generate64() & 0xffffffffffULL, 10, 16, QLatin1Char('0'));
    dialect::TransactionGuard transaction(db);
    if (Status begun = transaction.begin(); !begun)
        return begun.error();
    // Everything happens inside the transaction and is rolled back: the scratch schema never
    // becomes visible to other sessions, nor survives a failure. Revisions name their schema
    // ("public"."books"), so for them the schema itself is shadowed by an empty one.
    const QString quoted = d.quoteIdentifier(scratch);
    const QString shadowed = d.quoteIdentifier(schema);
    const QString setup = placement == ScratchPlacement::TemporarySchema
                              ? QStringLiteral("CREATE SCHEMA %1;\nSET LOCAL search_path TO %1").arg(quoted)
                              : QStringLiteral("ALTER SCHEMA %1 RENAME TO %2;\nCREATE SCHEMA %1;\nSET LOCAL search_path TO %1")
                                    .arg(shadowed, quoted);
    const QString read = placement == ScratchPlacement::TemporarySchema ? scratch : schema;
    Status status = runScript(db, d, setup);
    if (status)
        status = runScripts(db, d, scripts);
    Result<ops::SchemaSnapshot> result = status ? readSnapshot(db, read) : Result<ops::SchemaSnapshot>(status.error());
    transaction.rollback();
    if (result)
        renameSchema(*result, read, schema);
    return result;
}

} // namespace

Result<ops::SchemaSnapshot> readSnapshot(QSqlDatabase &db, const QString &schema)
{
    Result<const dialect::Dialect *> dialect = dialect::checkedDialectFor(db);
    if (!dialect)
        return dialect.error();
    const DialectKind kind = (*dialect)->kind();
    ops::SchemaSnapshot snapshot;
    snapshot.dialect = kind;
    snapshot.schema = defaultSchema(kind, schema);
    const std::unique_ptr<catalog::CatalogReader> reader = catalog::CatalogReader::create(kind);
    Result<catalog::SchemaObjects> objects = reader->objects(db, snapshot.schema);
    if (!objects)
        return objects.error();
    Result<QList<catalog::TableDetail>> details = reader->describe(db, snapshot.schema);
    if (!details)
        return details.error();
    for (const catalog::TableDetail &t : std::as_const(*details)) {
        switch (t.relation.kind) {
        case catalog::RelationKind::Table:
        case catalog::RelationKind::PartitionedTable:
            if (!t.relation.isPartition)
                snapshot.tables.append(t);
            break;
        case catalog::RelationKind::View:
        case catalog::RelationKind::MaterializedView: snapshot.views.append(t); break;
        case catalog::RelationKind::ForeignTable: break;
        }
    }
    for (const catalog::SequenceInfo &s : std::as_const(objects->sequences))
        if (s.ownedBy.isEmpty())
            snapshot.sequences.append(s);
    if (kind == DialectKind::Postgres)
        if (Status s = readEnums(db, **dialect, snapshot); !s)
            return s.error();
    return snapshot;
}

Result<ops::SchemaSnapshot> snapshotFromSql(QSqlDatabase &db, const QString &sqlText, const QString &schema)
{
    Result<const dialect::Dialect *> dialect = dialect::checkedDialectFor(db);
    if (!dialect)
        return dialect.error();
    return snapshotFromScripts((*dialect)->kind(), &db, {{QString(), sqlText}}, schema);
}

Result<ops::SchemaSnapshot> snapshotFromScripts(dialect::DialectKind kind, QSqlDatabase *server,
                                                const QList<ScratchScript> &scripts, const QString &schema,
                                                ScratchPlacement placement)
{
    if (kind == DialectKind::Sqlite)
        return sqliteFromSql(scripts, defaultSchema(kind, schema));
    if (!server || !server->isOpen())
        return Error(ErrorKind::Unsupported, QStringLiteral("a PostgreSQL scratch schema needs a PostgreSQL server"));
    if (Result<const dialect::Dialect *> d = dialect::checkedDialectFor(*server); !d || (*d)->kind() != kind)
        return Error(ErrorKind::Unsupported, QStringLiteral("the scratch server is not a PostgreSQL database"));
    return postgresFromSql(*server, scripts, defaultSchema(kind, schema), placement);
}

ops::SchemaSnapshot snapshotFromMetaData(const mapping::MetaData &metadata, const dialect::Dialect &dialect, const QString &schema)
{
    ops::SchemaSnapshot snapshot;
    snapshot.dialect = dialect.kind();
    snapshot.schema = defaultSchema(dialect.kind(), schema);
    for (catalog::TableDetail t : metadata.toCatalog(dialect)) {
        const QString mappedSchema = t.relation.schema;
        if (mappedSchema != snapshot.schema && mappedSchema != defaultSchema(dialect.kind(), {}))
            continue;   // a table mapped into another schema is not part of this one
        t.relation.schema = snapshot.schema;
        for (catalog::ForeignKeyInfo &fk : t.foreignKeys)
            if (fk.referencedSchema == mappedSchema)
                fk.referencedSchema = snapshot.schema;
        snapshot.tables.append(t);
    }
    return snapshot;
}

} // namespace strata::migrate::autogen
