#include "errorreport.h"

#include "base/quotedtext.h"

#include <QJsonDocument>

namespace strata::migrate::cli {

namespace {

/// A line of a message: long enough for any message Strata writes, short enough that a
/// 5 MB value quoted by a driver does not become a 5 MB message.
constexpr int kMessageLineLimit = 2000;

/// Stable names for scripts: lower case, no spaces.
QString jsonKind(ErrorKind kind)
{
    switch (kind) {
    case ErrorKind::NotFound: return QStringLiteral("not_found");
    case ErrorKind::Io: return QStringLiteral("io");
    case ErrorKind::Auth: return QStringLiteral("auth");
    case ErrorKind::Usage: return QStringLiteral("syntax");   // the stable name scripts read
    default: return errorKindName(kind);
    }
}

} // namespace

QString cappedMessage(const QString &message)
{
    QStringList lines = message.split(QLatin1Char('\n'));
    for (QString &line : lines)
        line = capped(line, kMessageLineLimit);
    return lines.join(QLatin1Char('\n'));
}

QJsonObject errorToJson(const Error &e)
{
    QJsonObject o{{QStringLiteral("kind"), jsonKind(e.kind)}, {QStringLiteral("message"), cappedMessage(e.message)}};
    if (!e.detail.isEmpty())
        o.insert(QStringLiteral("detail"), cappedMessage(e.detail));
    if (!e.sqlState.isEmpty())
        o.insert(QStringLiteral("sqlstate"), e.sqlState);
    if (!e.sql.isEmpty())
        o.insert(QStringLiteral("sql"), cappedMessage(e.sql));
    if (e.location.isValid()) {
        QJsonObject location{{QStringLiteral("file"), e.location.file}, {QStringLiteral("line"), e.location.line}};
        if (e.location.column > 0)
            location.insert(QStringLiteral("column"), e.location.column);
        o.insert(QStringLiteral("location"), location);
    }
    return o;
}

void reportError(const Error &e, bool json, QTextStream &out, QTextStream &err, const QString &prefix)
{
    if (json) {
        out << QJsonDocument(QJsonObject{{QStringLiteral("error"), errorToJson(e)}}).toJson(QJsonDocument::Indented);
        out.flush();
        return;
    }
    err << prefix << cappedMessage(e.message) << "\n";
    if (!e.detail.isEmpty())
        err << cappedMessage(e.detail) << "\n";
}

} // namespace strata::migrate::cli
