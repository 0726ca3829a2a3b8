#include "nameindexreader.h"

#include "connection/connection.h"

#include <QFile>
#include <QHash>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <optional>

namespace strata::search {

namespace {

Result<QString> namesSql(dialect::DialectKind kind)
{
    const QString name = kind == dialect::DialectKind::Postgres ? QStringLiteral("postgres") : QStringLiteral("sqlite");
    QFile file(QStringLiteral(":/strata/search/%1/names.sql").arg(name));
    if (!file.open(QIODevice::ReadOnly))
        return Error(ErrorKind::Internal, QStringLiteral("the quick open query for %1 is not built into Strata").arg(name));
    // Whole-line comments go: QtSql would take an apostrophe in one for a string.
    QStringList lines;
    for (const QString &line : QString::fromUtf8(file.readAll()).split(QLatin1Char('\n')))
        if (!line.trimmed().startsWith(QLatin1String("--")))
            lines.append(line);
    return lines.join(QLatin1Char('\n'));
}

std::optional<NameKind> kindOf(const QString &kind)
{
    static const QHash<QString, NameKind> kinds{{QStringLiteral("schema"), NameKind::Schema},
                                                {QStringLiteral("table"), NameKind::Table},
                                                {QStringLiteral("virtual"), NameKind::Table},
                                                {QStringLiteral("r"), NameKind::Table},
                                                {QStringLiteral("p"), NameKind::Table},
                                                {QStringLiteral("view"), NameKind::View},
                                                {QStringLiteral("v"), NameKind::View},
                                                {QStringLiteral("m"), NameKind::MaterializedView},
                                                {QStringLiteral("f"), NameKind::ForeignTable},
                                                {QStringLiteral("S"), NameKind::Sequence},
                                                {QStringLiteral("column"), NameKind::Column},
                                                {QStringLiteral("function"), NameKind::Function},
                                                {QStringLiteral("procedure"), NameKind::Procedure}};
    const auto it = kinds.find(kind);
    return it == kinds.end() ? std::nullopt : std::optional<NameKind>(*it);
}

}   // namespace

Result<NameIndexPtr> readNameIndex(QSqlDatabase &db, dialect::DialectKind kind, int database, const QString &connectionName)
{
    const Result<QString> sql = namesSql(kind);
    if (!sql)
        return sql.error();
    const dialect::Dialect &dialect = dialect::dialectFor(kind);
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.exec(*sql))
        return dialect.mapError(query.lastError(), *sql);
    NameIndexBuilder builder(database, connectionName);
    QHash<QPair<int, QString>, qint32> relations;   // (schema, name) -> entry, for columns
    QSet<QPair<int, QString>> routines;             // overloads show once
    while (query.next()) {
        const std::optional<NameKind> k = kindOf(query.value(0).toString());
        if (!k)
            continue;
        const int schema = builder.schema(query.value(1).toString());
        const QString name = query.value(2).toString();
        if (*k == NameKind::Column) {
            const qint32 parent = relations.value({schema, query.value(3).toString()}, -1);
            if (parent >= 0)
                builder.add(*k, schema, name, parent);
        } else if (*k == NameKind::Function || *k == NameKind::Procedure) {
            if (!routines.contains({schema, name})) {
                routines.insert({schema, name});
                builder.add(*k, schema, name);
            }
        } else {
            const qint32 entry = builder.add(*k, schema, name);
            if (*k != NameKind::Schema)
                relations.insert({schema, name}, entry);
        }
    }
    if (query.lastError().isValid())
        return dialect.mapError(query.lastError(), *sql);
    return builder.finish();
}

void fetchNameIndex(connection::Connection &connection, QObject *context, int database, const QString &connectionName,
                    std::function<void(Result<NameIndexPtr>)> done)
{
    connection.run<NameIndexPtr>(
        context,
        [database, connectionName](connection::JobContext &job) {
            return readNameIndex(job.db, job.dialect.kind(), database, connectionName);
        },
        std::move(done));
}

}   // namespace strata::search
