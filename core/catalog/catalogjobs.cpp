#include "catalogjobs.h"

namespace strata::catalog {

using connection::JobContext;

void fetchSchemas(connection::Connection &connection, QObject *context, bool includeSystem,
                  std::function<void(Result<QList<SchemaInfo>>)> done)
{
    connection.run<QList<SchemaInfo>>(context, [includeSystem](JobContext &job) {
        return CatalogReader::create(job.dialect.kind())->schemas(job.db, includeSystem);
    }, std::move(done));
}

void fetchObjects(connection::Connection &connection, QObject *context, const QString &schema,
                  std::function<void(Result<SchemaObjects>)> done)
{
    connection.run<SchemaObjects>(context, [schema](JobContext &job) {
        return CatalogReader::create(job.dialect.kind())->objects(job.db, schema);
    }, std::move(done));
}

void fetchTableDetail(connection::Connection &connection, QObject *context, const QString &schema,
                      const QString &name, std::function<void(Result<TableDetail>)> done)
{
    connection.run<TableDetail>(context, [schema, name](JobContext &job) {
        return CatalogReader::create(job.dialect.kind())->describeOne(job.db, schema, name);
    }, std::move(done));
}

} // namespace strata::catalog
