#include "copycomparison.h"

#include "backupsql.h"
#include "migrate/autogen/comparator.h"
#include "migrate/autogen/snapshotsources.h"

#include <QHash>
#include <QSet>

namespace strata::backup {

namespace {

namespace ops = migrate::ops;
namespace autogen = migrate::autogen;

bool isPostgres(const QSqlDatabase &db)
{
    return db.driverName() == QLatin1String("QPSQL");
}

QString qualified(const TableName &t)
{
    return t.schema + QLatin1Char('.') + t.name;
}

// Only the tables of a --table backup: views, sequences and enum types were not in it.
void restrictTo(ops::SchemaSnapshot &snapshot, const QList<TableName> &tables)
{
    if (tables.isEmpty())
        return;
    QList<catalog::TableDetail> kept;
    for (const catalog::TableDetail &t : snapshot.tables)
        if (tables.contains(TableName{snapshot.schema, t.relation.name}))
            kept.append(t);
    snapshot.tables = kept;
    snapshot.views.clear();
    snapshot.sequences.clear();
    snapshot.enums.clear();
}

Status compareSchema(QSqlDatabase &source, QSqlDatabase &copy, const QString &schema, const CompareScope &scope,
                     Verification &v)
{
    Result<ops::SchemaSnapshot> wanted = autogen::readSnapshot(source, schema);
    if (!wanted)
        return wanted.error();
    Result<ops::SchemaSnapshot> got = autogen::readSnapshot(copy, schema);
    if (!got)
        return got.error();
    restrictTo(*wanted, scope.onlyTables);
    restrictTo(*got, scope.onlyTables);
    autogen::CompareOptions options;
    options.proposeRenames = false;
    options.ignoreTables.clear();   // a backup keeps the version tables too
    Result<autogen::Comparison> diff = autogen::compare(*got, *wanted, options);
    if (!diff)
        return diff.error();
    for (const ops::Operation &op : diff->operations)
        v.differences << QStringLiteral("schema %1: %2").arg(schema, ops::describe(op));
    return {};
}

Status compareFunctions(QSqlDatabase &source, QSqlDatabase &copy, const QString &schema, Verification &v)
{
    Result<QList<FunctionSignature>> wanted = BackupCatalog::functions(source, schema);
    if (!wanted)
        return wanted.error();
    Result<QList<FunctionSignature>> got = BackupCatalog::functions(copy, schema);
    if (!got)
        return got.error();
    QHash<QString, QString> copyBodies;
    for (const FunctionSignature &f : *got)
        copyBodies.insert(f.signature, f.bodyHash);
    for (const FunctionSignature &f : *wanted) {
        if (!copyBodies.contains(f.signature))
            v.differences << QStringLiteral("schema %1: function %2 is missing in the copy").arg(schema, f.signature);
        else if (copyBodies.value(f.signature) != f.bodyHash)
            v.differences << QStringLiteral("schema %1: function %2 has another body in the copy").arg(schema, f.signature);
        copyBodies.remove(f.signature);
    }
    for (auto it = copyBodies.cbegin(); it != copyBodies.cend(); ++it)
        v.differences << QStringLiteral("schema %1: function %2 is in the copy only").arg(schema, it.key());
    return {};
}

Result<QList<TableName>> countedTables(QSqlDatabase &source, const CompareScope &scope)
{
    QList<TableName> tables;
    for (const QString &schema : scope.schemas) {
        Result<QList<TableName>> some = isPostgres(source) ? BackupCatalog::countedRelations(source, schema)
                                                           : BackupCatalog::sqliteTables(source);
        if (!some)
            return some.error();
        for (const TableName &t : *some) {
            if (!scope.onlyTables.isEmpty() && !scope.onlyTables.contains(t))
                continue;
            if (!scope.skipRowCounts.contains(t))
                tables.append(t);
        }
    }
    return tables;
}

} // namespace

Result<Verification> CopyComparison::compare(QSqlDatabase &source, QSqlDatabase &copy, const CompareScope &scope,
                                             const Step &step)
{
    Verification v;
    const bool postgres = isPostgres(source);
    QSet<QString> copySchemas;
    if (postgres) {
        Result<QStringList> schemas = BackupCatalog::userSchemas(copy);
        if (!schemas)
            return schemas.error();
        copySchemas = QSet<QString>(schemas->cbegin(), schemas->cend());
    }
    for (const QString &schema : scope.schemas) {
        if (postgres && schema != QLatin1String("public") && !copySchemas.contains(schema)) {
            v.differences << QStringLiteral("schema %1 is missing in the copy").arg(schema);
            continue;
        }
        if (Status s = compareSchema(source, copy, schema, scope, v); !s)
            return s.error();
        if (postgres && scope.onlyTables.isEmpty())
            if (Status s = compareFunctions(source, copy, schema, v); !s)
                return s.error();
        ++v.schemasCompared;
    }
    if (scope.compareRows) {
        Result<QList<TableName>> tables = countedTables(source, scope);
        if (!tables)
            return tables.error();
        for (int i = 0; i < tables->size(); ++i) {
            const TableName &t = tables->at(i);
            if (step && !step(i, int(tables->size()), qualified(t)))
                return Error(ErrorKind::Cancelled, QStringLiteral("Cancelled."));
            Result<qint64> wanted = BackupCatalog::countRows(source, t);
            if (!wanted)
                return wanted.error();
            Result<qint64> got = BackupCatalog::countRows(copy, t);
            if (!got) {
                v.differences << QStringLiteral("rows in %1: the copy cannot be read (%2)").arg(qualified(t), got.error().message);
                continue;
            }
            if (*wanted != *got)
                v.differences << QStringLiteral("rows in %1: %2 in the source, %3 in the copy").arg(qualified(t)).arg(*wanted).arg(*got);
            ++v.tablesCompared;
            v.rowsCompared += *wanted;
        }
    } else {
        v.notes << QStringLiteral("row counts not compared: the backup holds the schema only");
    }
    if (!scope.skipRowCounts.isEmpty())
        v.notes << QStringLiteral("row counts not compared for %1 table(s) whose data was left out").arg(scope.skipRowCounts.size());
    v.passed = v.differences.isEmpty();
    return v;
}

} // namespace strata::backup
