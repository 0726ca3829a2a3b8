#pragma once

// A statement and the values bound to its placeholders, in order. Placeholders are written
// in the dialect's native style ("?" for SQLite, "$1", "$2"... for PostgreSQL) because the
// statements Strata renders for the grid run through the native handles
// (data/nativequery.h).

#include "dialect.h"

#include <QString>
#include <QVariantList>

namespace strata::dialect {

struct BoundSql {
    QString sql;
    QVariantList values;
};

/// Collects bound values while a statement is built.
class SqlParams {
public:
    explicit SqlParams(DialectKind kind) : m_kind(kind) {}
    /// Binds `value` and returns its placeholder.
    QString add(const QVariant &value)
    {
        m_values.append(value);
        return m_kind == DialectKind::Postgres ? QStringLiteral("$%1").arg(m_values.size()) : QStringLiteral("?");
    }
    const QVariantList &values() const { return m_values; }

private:
    DialectKind m_kind;
    QVariantList m_values;
};

} // namespace strata::dialect
