#pragma once

// Operations as PostgreSQL DDL: plain ALTER TABLE for every change, names qualified with
// the operation's schema, CREATE TYPE ... AS ENUM, sequences and materialized views.

#include "base/result.h"
#include "schemasnapshot.h"

namespace strata::migrate::ops {

class PostgresOpCompiler {
public:
    explicit PostgresOpCompiler(const dialect::Dialect &dialect) : m_dialect(dialect) {}

    /// The statements of one operation (RawSql excluded: the caller handles it).
    Result<QStringList> compile(const Operation &op) const;

private:
    const dialect::Dialect &m_dialect;
};

} // namespace strata::migrate::ops
