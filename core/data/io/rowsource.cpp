#include "rowsource.h"

namespace strata::data::io {

ListRowSource::ListRowSource(QStringList columns, QList<QVariantList> rows, QList<QMetaType> types)
    : m_columns(std::move(columns))
    , m_rows(std::move(rows))
    , m_types(std::move(types))
{
    if (m_types.size() != m_columns.size()) {
        // Unknown types: take each column's type from its first non-null value.
        m_types = QList<QMetaType>(m_columns.size());
        for (qsizetype c = 0; c < m_columns.size(); ++c) {
            for (const QVariantList &row : std::as_const(m_rows)) {
                if (c < row.size() && !row.at(c).isNull()) {
                    m_types[c] = row.at(c).metaType();
                    break;
                }
            }
        }
    }
}

Result<bool> ListRowSource::next(QVariantList &row)
{
    if (m_next >= m_rows.size())
        return false;
    row = m_rows.at(m_next++);
    row.resize(m_columns.size());
    return true;
}

} // namespace strata::data::io
