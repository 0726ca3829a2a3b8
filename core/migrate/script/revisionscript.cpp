#include "revisionscript.h"

#include "base/quotedtext.h"

#include <QCryptographicHash>
#include <QRegularExpression>

namespace strata::migrate {

RevisionNode RevisionScript::toNode() const
{
    RevisionNode n;
    n.id = id;
    n.downRevisions = downRevisions;
    n.dependsOn = dependsOn;
    n.branchLabels = branchLabels;
    n.message = message;
    n.file = displayPath;
    n.line = revisionLine;
    n.downRevisionLine = downRevisionLine;
    n.dependsOnLine = dependsOnLine;
    n.branchLabelsLine = branchLabelsLine;
    return n;
}

Result<RevisionSection> RevisionScript::section(Direction direction, const QString &dialectName) const
{
    if (python)
        return Error(ErrorKind::Unsupported,
                     QStringLiteral("%1: an Alembic Python revision; Strata reads it but cannot run it").arg(displayPath));
    const QString base = directionName(direction);
    const auto specific = sections.constFind(base + QLatin1Char(' ') + dialectName);
    if (specific != sections.constEnd())
        return *specific;
    const auto plain = sections.constFind(base);
    if (plain != sections.constEnd())
        return *plain;
    return Error(ErrorKind::Migration,
                 QStringLiteral("%1: revision %2 has no '-- +%3' section for %4").arg(displayPath, id, base, dialectName));
}

QString RevisionWarning::text() const
{
    return QStringLiteral("%1:%2: warning: %3").arg(location.file).arg(location.line).arg(message);
}

QString RevisionScript::longDoc() const
{
    return QStringLiteral("%1\n\nRevision ID: %2\nRevises: %3\nCreate Date: %4")
        .arg(message, id, downRevisions.join(QStringLiteral(", ")), created);
}

QString invalidRevisionIdReason(const QString &id)
{
    if (id.isEmpty())
        return QStringLiteral("the revision id is empty");
    if (id.size() > 32)
        return QStringLiteral("revision id '%1' is %2 characters long; at most 32 fit the version table").arg(quotedInput(id)).arg(id.size());
    static const QRegularExpression bad(QStringLiteral("[@+\\-,\\s]"));
    if (id.contains(bad))
        return QStringLiteral("revision id '%1' contains '@', '-', '+', ',' or a space").arg(quotedInput(id));
    static const QStringList reserved{QStringLiteral("head"), QStringLiteral("heads"), QStringLiteral("base"),
                                      QStringLiteral("current"), QStringLiteral("none")};
    if (reserved.contains(id.toLower()))
        return QStringLiteral("'%1' is a reserved word and cannot be a revision id").arg(id);
    return {};
}

QString normalizedSql(const QString &sql)
{
    QString text = sql;
    text.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    text.replace(QLatin1Char('\r'), QLatin1Char('\n'));
    QStringList lines = text.split(QLatin1Char('\n'));
    for (QString &line : lines) {
        int end = int(line.size());
        while (end > 0 && line[end - 1].isSpace())
            --end;
        line.truncate(end);
    }
    while (!lines.isEmpty() && lines.first().isEmpty())
        lines.removeFirst();
    while (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    return lines.join(QLatin1Char('\n'));
}

QString sqlChecksum(const QString &sql)
{
    return QString::fromLatin1(QCryptographicHash::hash(normalizedSql(sql).toUtf8(), QCryptographicHash::Sha256).toHex());
}

QString directionName(Direction direction)
{
    return direction == Direction::Upgrade ? QStringLiteral("upgrade") : QStringLiteral("downgrade");
}

} // namespace strata::migrate
