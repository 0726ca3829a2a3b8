#include "sqliteforeignkeys.h"

#include <QSqlError>
#include <QSqlQuery>

namespace strata::migrate {

using dialect::DialectKind;

ForeignKeysOff::ForeignKeysOff(ScriptExecutor &exec, const QSqlDatabase &db) : m_exec(exec)
{
    if (exec.kind() != DialectKind::Sqlite)
        return;
    QSqlQuery q(db);
    if (q.exec(QStringLiteral("PRAGMA foreign_keys")) && q.next())
        m_wasOn = q.value(0).toInt() == 1;
    q.finish();
    m_active = true;
    (void)m_exec.exec(QStringLiteral("PRAGMA foreign_keys = OFF"));
}

ForeignKeysOff::~ForeignKeysOff()
{
    if (m_active && m_wasOn)
        (void)m_exec.exec(QStringLiteral("PRAGMA foreign_keys = ON"));
}

Status foreignKeyCheck(const QSqlDatabase &db, const QString &context)
{
    if (dialect::dialectFor(db).kind() != DialectKind::Sqlite)
        return {};
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("PRAGMA foreign_key_check")))
        return dialect::dialectFor(DialectKind::Sqlite).mapError(q.lastError(), QStringLiteral("PRAGMA foreign_key_check"));
    QStringList problems;
    while (q.next() && problems.size() < 10)
        problems.append(QStringLiteral("%1 row %2 references %3").arg(q.value(0).toString(), q.value(1).toString(), q.value(2).toString()));
    if (problems.isEmpty())
        return {};
    return Error(ErrorKind::Constraint, QStringLiteral("%1 (PRAGMA foreign_key_check): %2")
                                            .arg(context, problems.join(QStringLiteral("; "))))
        .withSql(QStringLiteral("PRAGMA foreign_key_check"));
}

} // namespace strata::migrate
