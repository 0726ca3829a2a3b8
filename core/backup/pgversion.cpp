#include "pgversion.h"

#include <QRegularExpression>

namespace strata::backup {

int PgVersion::majorKey() const
{
    if (number >= 100000)
        return number / 10000 * 100;
    return number / 100;
}

QString PgVersion::majorText() const
{
    if (!isValid())
        return {};
    if (number >= 100000)
        return QString::number(number / 10000);
    return QStringLiteral("%1.%2").arg(number / 10000).arg(number / 100 % 100);
}

QString PgVersion::text() const
{
    if (!isValid())
        return {};
    if (number >= 100000)
        return QStringLiteral("%1.%2").arg(number / 10000).arg(number % 10000);
    return QStringLiteral("%1.%2.%3").arg(number / 10000).arg(number / 100 % 100).arg(number % 100);
}

PgVersion PgVersion::parse(const QString &text)
{
    // "15.18", "9.6.24", "16beta2", "17devel", "15" – the first such token wins.
    static const QRegularExpression re(QStringLiteral(R"((?<![\d.])(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:devel|beta\d*|rc\d*)?(?![\d.]))"));
    QRegularExpressionMatchIterator it = re.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        const int major = m.captured(1).toInt();
        if (major >= 10 && major < 100)
            return PgVersion{major * 10000 + m.captured(2).toInt()};
        if (major >= 7 && major <= 9 && m.hasCaptured(2) && !m.captured(2).isEmpty())
            return PgVersion{major * 10000 + m.captured(2).toInt() * 100 + m.captured(3).toInt()};
    }
    return {};
}

QString debianClientPackage(const PgVersion &version)
{
    return QStringLiteral("postgresql-client-%1").arg(version.isValid() ? version.majorText() : QStringLiteral("NN"));
}

} // namespace strata::backup
