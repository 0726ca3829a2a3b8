#include "descriptionstore.h"

#include "schemanotifier.h"

namespace strata::catalog {

DescriptionStore::DescriptionStore(SchemaNotifier *notifier, QObject *parent)
    : QObject(parent)
{
    if (notifier)
        connect(notifier, &SchemaNotifier::changed, this, &DescriptionStore::drop);
}

void DescriptionStore::put(int database, const TableDetail &detail)
{
    m_details.insert(Key{database, detail.relation.schema, detail.relation.name}, detail);
}

std::optional<TableDetail> DescriptionStore::find(int database, const QString &schema, const QString &name) const
{
    const auto it = m_details.constFind(Key{database, schema, name});
    if (it == m_details.constEnd())
        return std::nullopt;
    return *it;
}

void DescriptionStore::forget(int database)
{
    m_details.removeIf([database](const auto &it) { return it.key().database == database; });
}

void DescriptionStore::drop(const SchemaChange &change)
{
    m_details.removeIf([&change](const auto &it) {
        return change.touches(it.key().database, it.key().schema, it.key().name);
    });
}

} // namespace strata::catalog
