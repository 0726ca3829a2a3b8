#include "revisionchecksum.h"

#include <QCryptographicHash>

namespace strata::migrate {

namespace {

const QLatin1String kPrefix("v2:");
const QLatin1String kNoSection("-");

QString sectionDigest(const RevisionScript &script, Direction direction, const QString &dialectName)
{
    Result<RevisionSection> section = script.section(direction, dialectName);
    if (!section)
        return kNoSection;
    const QByteArray hash = QCryptographicHash::hash(normalizedSql(section->sql).toUtf8(), QCryptographicHash::Sha256);
    return QString::fromLatin1(hash.left(16).toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

bool isOlderFormat(const QString &recorded)
{
    if (recorded.size() != 64)
        return false;
    for (const QChar c : recorded)
        if (!c.isDigit() && (c < QLatin1Char('a') || c > QLatin1Char('f')))
            return false;
    return true;
}

} // namespace

QString revisionChecksum(const RevisionScript &script, const QString &dialectName)
{
    return kPrefix + sectionDigest(script, Direction::Upgrade, dialectName) + QLatin1Char(':')
         + sectionDigest(script, Direction::Downgrade, dialectName);
}

ChecksumComparison compareChecksum(const QString &recorded, const RevisionScript &script, const QString &dialectName)
{
    using Match = ChecksumComparison::Match;
    if (isOlderFormat(recorded)) {
        Result<RevisionSection> up = script.section(Direction::Upgrade, dialectName);
        if (up && sqlChecksum(up->sql) == recorded)
            return {Match::SameOlderFormat,
                    QStringLiteral("checksum recorded by an older version of Strata: it covers the upgrade section only")};
        return {Match::Edited, QStringLiteral("its upgrade section differs from what ran")};
    }
    const QStringList parts = recorded.split(QLatin1Char(':'));
    if (!recorded.startsWith(kPrefix) || parts.size() != 3)
        return {Match::Unknown, QStringLiteral("the recorded checksum is in a format this version does not know")};
    const bool upEdited = parts[1] != sectionDigest(script, Direction::Upgrade, dialectName);
    const bool downEdited = parts[2] != sectionDigest(script, Direction::Downgrade, dialectName);
    if (upEdited && downEdited)
        return {Match::Edited, QStringLiteral("its upgrade and downgrade sections differ from what ran")};
    if (upEdited)
        return {Match::Edited, QStringLiteral("its upgrade section differs from what ran")};
    if (downEdited)
        return {Match::Edited, QStringLiteral("its downgrade section differs from what ran")};
    return {Match::Same, QString()};
}

} // namespace strata::migrate
