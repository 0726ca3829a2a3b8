#include "connectionprofile.h"

#include <QFileInfo>

namespace strata::connection {

QString ConnectionProfile::displayName() const
{
    if (!name.isEmpty())
        return name;
    if (isSqlite())
        return inMemory ? QStringLiteral(":memory:") : QFileInfo(filePath).fileName();
    QString text;
    if (!user.isEmpty())
        text += user + QLatin1Char('@');
    text += host.isEmpty() ? QStringLiteral("localhost") : host;
    if (port > 0)
        text += QLatin1Char(':') + QString::number(port);
    if (!database.isEmpty())
        text += QLatin1Char('/') + database;
    return text;
}

} // namespace strata::connection
