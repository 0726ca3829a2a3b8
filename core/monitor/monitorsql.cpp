#include "monitorsql.h"

#include <QFile>
#include <QRegularExpression>

namespace strata::monitor {

Result<QString> renderVersioned(const QString &text, int serverVersion)
{
    static const QRegularExpression marker(QStringLiteral("--\\s*@(\\S*)\\s*$"));
    static const QRegularExpression condition(QStringLiteral("^pg(>=|<)(\\d{1,2})$"));
    const int major = serverVersion / 10000;
    QStringList lines;
    int number = 0;
    for (const QString &line : text.split(QLatin1Char('\n'))) {
        ++number;
        if (line.trimmed().startsWith(QLatin1String("--")))
            continue;
        const QRegularExpressionMatch m = marker.match(line);
        if (!m.hasMatch()) {
            lines.append(line);
            continue;
        }
        const QRegularExpressionMatch c = condition.match(m.captured(1));
        if (!c.hasMatch())
            return Error(ErrorKind::Internal, QStringLiteral("line %1: unknown version condition \"@%2\"").arg(number).arg(m.captured(1)));
        const int version = c.captured(2).toInt();
        const bool holds = c.captured(1) == QLatin1String(">=") ? major >= version : major < version;
        if (!holds)
            continue;
        QString kept = line.left(m.capturedStart());
        while (!kept.isEmpty() && kept.back().isSpace())
            kept.chop(1);
        lines.append(kept);
    }
    return lines.join(QLatin1Char('\n'));
}

Result<QString> monitorSql(const QString &name, int serverVersion)
{
    QFile file(QStringLiteral(":/strata/monitor/%1.sql").arg(name));
    if (!file.open(QIODevice::ReadOnly))
        return Error(ErrorKind::Internal, QStringLiteral("monitor query %1 is not built into Strata").arg(name));
    Result<QString> text = renderVersioned(QString::fromUtf8(file.readAll()), serverVersion);
    if (!text)
        return Error(ErrorKind::Internal, QStringLiteral("%1.sql: %2").arg(name, text.error().message));
    return text;
}

} // namespace strata::monitor
