#include "transactionguard.h"

#include <QSqlQuery>

namespace strata::dialect {

TransactionGuard::TransactionGuard(const Dialect &dialect, Executor executor)
    : m_dialect(dialect)
    , m_exec(std::move(executor))
{
}

TransactionGuard::TransactionGuard(const QSqlDatabase &db)
    : TransactionGuard(dialectFor(db), [db](const QString &sql) -> Status {
        QSqlQuery query(db);
        if (!query.exec(sql))
            return dialectFor(db).mapError(query.lastError(), sql);
        return {};
    })
{
}

TransactionGuard::~TransactionGuard()
{
    rollback();
}

Status TransactionGuard::begin(BeginMode mode)
{
    Status s = m_exec(m_dialect.beginTransaction(mode));
    m_open = s.ok();
    return s;
}

Status TransactionGuard::commit()
{
    Status s = m_exec(m_dialect.commitTransaction());
    if (s)
        m_open = false;
    return s;
}

void TransactionGuard::rollback()
{
    if (m_open)
        (void)m_exec(m_dialect.rollbackTransaction());
    m_open = false;
}

Status TransactionGuard::savepoint(const QString &name)
{
    return m_exec(m_dialect.savepoint(name));
}

Status TransactionGuard::release(const QString &name)
{
    return m_exec(m_dialect.releaseSavepoint(name));
}

Status TransactionGuard::rollbackTo(const QString &name)
{
    return m_exec(m_dialect.rollbackToSavepoint(name));
}

} // namespace strata::dialect
