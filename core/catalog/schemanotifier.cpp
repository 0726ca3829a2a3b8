#include "schemanotifier.h"

namespace strata::catalog {

bool SchemaChange::touches(int db, const QString &inSchema, const QString &table) const
{
    if (db != database)
        return false;
    if (schema.isEmpty() || inSchema.isEmpty())
        return true;
    if (schema != inSchema)
        return false;
    return tables.isEmpty() || table.isEmpty() || tables.contains(table);
}

SchemaNotifier::SchemaNotifier(QObject *parent)
    : QObject(parent)
{
}

void SchemaNotifier::notify(const SchemaChange &change)
{
    Q_EMIT changed(change);
}

} // namespace strata::catalog
