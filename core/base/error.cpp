#include "error.h"

namespace strata {

QString errorKindName(ErrorKind kind)
{
    switch (kind) {
    case ErrorKind::Connection: return QStringLiteral("connection");
    case ErrorKind::Auth: return QStringLiteral("authentication");
    case ErrorKind::NotFound: return QStringLiteral("not found");
    case ErrorKind::Syntax: return QStringLiteral("syntax");
    case ErrorKind::Constraint: return QStringLiteral("constraint");
    case ErrorKind::Conflict: return QStringLiteral("conflict");
    case ErrorKind::Permission: return QStringLiteral("permission");
    case ErrorKind::Busy: return QStringLiteral("busy");
    case ErrorKind::Cancelled: return QStringLiteral("cancelled");
    case ErrorKind::Unsupported: return QStringLiteral("unsupported");
    case ErrorKind::Io: return QStringLiteral("i/o");
    case ErrorKind::Migration: return QStringLiteral("migration");
    case ErrorKind::Usage: return QStringLiteral("usage");
    case ErrorKind::Internal: return QStringLiteral("internal");
    }
    return QStringLiteral("unknown");
}

Error locatedAt(Error e, const QString &file, int line, int column)
{
    if (file.isEmpty())
        return e;
    e.message = QStringLiteral("%1:%2: %3").arg(file).arg(line).arg(e.message);
    e.location = SourceLocation{file, line, column};
    return e;
}

QString Error::toString() const
{
    QString s = message;
    if (!detail.isEmpty())
        s += QStringLiteral(" — ") + detail;
    if (!sqlState.isEmpty())
        s += QStringLiteral(" (SQLSTATE %1)").arg(sqlState);
    return s;
}

} // namespace strata
