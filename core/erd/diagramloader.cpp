#include "diagramloader.h"

#include "catalog/catalogreader.h"
#include "catalog/catalogsql.h"
#include "diagrambuilder.h"

#include <QMap>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

namespace strata::erd {

namespace {

struct KeyLink {
    TableKey from;
    TableKey to;
};

/// Every foreign key of `schema` as a bare link, child to parent: one catalog query, no
/// details (PostgreSQL: foreignkeygraph.sql; SQLite: the foreign-key list of every table).
Result<QList<KeyLink>> readKeyGraph(QSqlDatabase &db, dialect::DialectKind kind, const QString &schema)
{
    const bool pg = kind == dialect::DialectKind::Postgres;
    Result<QString> sql = catalog::catalogSql(pg ? QStringLiteral("postgres/foreignkeygraph") : QStringLiteral("sqlite/foreignkeys"));
    if (!sql)
        return sql.error();
    QString text = *sql;
    QVariantList values{schema};
    if (!pg) {
        text.replace(QLatin1String("{schema}"), dialect::dialectFor(kind).quoteIdentifier(schema));
        values << QVariant();   // every table
    }
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.prepare(text))
        return dialect::dialectFor(kind).mapError(query.lastError(), text);
    for (const QVariant &v : std::as_const(values))
        query.addBindValue(v);
    if (!query.exec())
        return dialect::dialectFor(kind).mapError(query.lastError(), text);
    QList<KeyLink> links;
    while (query.next()) {
        const TableKey from{schema, query.value(0).toString()};
        links << KeyLink{from, pg ? TableKey{query.value(1).toString(), query.value(2).toString()}
                                  : TableKey{schema, query.value(QStringLiteral("table")).toString()}};
    }
    if (query.lastError().isValid())
        return dialect::dialectFor(kind).mapError(query.lastError(), text);
    return links;
}

/// The names of `schema`'s tables within `hops` keys of `center`, either direction (through
/// tables of other schemas too), `center` included.
QStringList tablesWithin(const QList<KeyLink> &links, const QString &schema, const TableKey &center, int hops)
{
    QHash<QString, QSet<QString>> next;
    for (const KeyLink &l : links) {
        next[l.from.id()].insert(l.to.id());
        next[l.to.id()].insert(l.from.id());
    }
    QSet<QString> seen{center.id()};
    QList<QString> frontier{center.id()};
    for (int hop = 0; hop < hops && !frontier.isEmpty(); ++hop) {
        QList<QString> reached;
        for (const QString &id : std::as_const(frontier))
            for (const QString &n : next.value(id))
                if (!seen.contains(n)) {
                    seen.insert(n);
                    reached << n;
                }
        frontier = reached;
    }
    QStringList names;
    for (const QString &id : std::as_const(seen))
        if (const TableKey key = TableKey::fromId(id); key.schema == schema)
            names << key.name;
    return names;
}

} // namespace

Result<Diagram> loadDiagram(QSqlDatabase &db, dialect::DialectKind kind, const DiagramRequest &request)
{
    const auto reader = catalog::CatalogReader::create(kind);
    // A neighbourhood describes only the tables within its hops (found on the bare key graph),
    // not the whole schema: on 2,000 tables that read was nearly all of its time.
    QStringList names;
    if (request.hops >= 0 && request.center.isValid() && request.center.schema == request.schema) {
        const Result<QList<KeyLink>> graph = readKeyGraph(db, kind, request.schema);
        if (!graph)
            return graph.error();
        names = tablesWithin(*graph, request.schema, request.center, request.hops);
    }
    auto details = reader->describe(db, request.schema, names);
    if (!details)
        return details.error();
    QList<catalog::TableDetail> all = std::move(details).value();
    // Tables of other schemas that keys of this one reference, read once per schema.
    QMap<QString, QSet<QString>> outside;
    for (const catalog::TableDetail &d : std::as_const(all))
        for (const catalog::ForeignKeyInfo &fk : d.foreignKeys)
            if (!fk.referencedSchema.isEmpty() && fk.referencedSchema != request.schema)
                outside[fk.referencedSchema].insert(fk.referencedTable);
    for (auto it = outside.cbegin(); it != outside.cend(); ++it) {
        auto more = reader->describe(db, it.key(), QStringList(it.value().begin(), it.value().end()));
        if (!more)
            return more.error();
        all += more.value();
    }
    Diagram diagram = buildDiagram(all);
    if (request.hops >= 0 && request.center.isValid()) {
        if (!diagram.contains(request.center))
            return Error(ErrorKind::NotFound, QObject::tr("No table %1 in schema %2").arg(request.center.display(), request.schema));
        diagram = neighbourhood(diagram, request.center, request.hops);
    }
    if (!request.tables.isEmpty())
        diagram = subset(diagram, request.tables);
    return diagram;
}

void fetchDiagram(connection::Connection &connection, QObject *context, const DiagramRequest &request,
                  std::function<void(Result<Diagram>)> done)
{
    connection.run<Diagram>(context, [request](connection::JobContext &job) {
        return loadDiagram(job.db, job.dialect.kind(), request);
    }, std::move(done));
}

} // namespace strata::erd
