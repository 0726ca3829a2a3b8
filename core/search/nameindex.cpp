#include "nameindex.h"

#include "fuzzymatch.h"

namespace strata::search {

bool hasRows(NameKind kind)
{
    switch (kind) {
    case NameKind::Table:
    case NameKind::View:
    case NameKind::MaterializedView:
    case NameKind::ForeignTable:
    case NameKind::Column:
    case NameKind::Sequence:
        return true;
    case NameKind::Schema:
    case NameKind::Function:
    case NameKind::Procedure:
        return false;
    }
    return false;
}

NameIndexBuilder::NameIndexBuilder(int database, const QString &connectionName)
    : m_index(std::make_shared<NameIndex>())
{
    m_index->m_database = database;
    m_index->m_connectionName = connectionName;
}

int NameIndexBuilder::schema(const QString &name)
{
    // Few schemas: a linear look-up from the last one added is cheapest for rows that
    // arrive grouped by schema.
    for (qsizetype i = m_index->m_schemas.size() - 1; i >= 0; --i)
        if (m_index->m_schemas[i] == name)
            return int(i);
    m_index->m_schemas.append(name);
    return int(m_index->m_schemas.size() - 1);
}

qint32 NameIndexBuilder::add(NameKind kind, int schema, QStringView name, qint32 parent)
{
    NameIndex &index = *m_index;
    const QString folded = foldForMatch(name);
    index.m_names.append(name);
    index.m_folded.append(folded);
    index.m_offsets.append(quint32(index.m_names.size()));
    index.m_masks.append(charMask(folded));
    index.m_kinds.append(quint8(kind));
    index.m_schemaOf.append(quint16(schema));
    index.m_parents.append(parent);
    return qint32(index.m_kinds.size() - 1);
}

std::shared_ptr<const NameIndex> NameIndexBuilder::finish()
{
    m_index->m_names.squeeze();
    m_index->m_folded.squeeze();
    m_index->m_offsets.squeeze();
    m_index->m_masks.squeeze();
    m_index->m_kinds.squeeze();
    m_index->m_schemaOf.squeeze();
    m_index->m_parents.squeeze();
    std::shared_ptr<const NameIndex> done = std::move(m_index);
    m_index = std::make_shared<NameIndex>();
    return done;
}

}   // namespace strata::search
