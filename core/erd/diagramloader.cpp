#include "diagramloader.h"

#include "catalog/catalogreader.h"
#include "diagrambuilder.h"

#include <QMap>
#include <QSet>

namespace strata::erd {

Result<Diagram> loadDiagram(QSqlDatabase &db, dialect::DialectKind kind, const DiagramRequest &request)
{
    const auto reader = catalog::CatalogReader::create(kind);
    auto details = reader->describe(db, request.schema);
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
