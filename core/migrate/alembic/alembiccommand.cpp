#include "alembiccommand.h"

namespace strata::migrate::alembic {

QStringList AlembicCommand::base(const QString &iniPath, const QStringList &xArgs)
{
    QStringList args{QStringLiteral("-c"), iniPath};
    for (const QString &x : xArgs)
        args << QStringLiteral("-x") << x;
    return args;
}

QStringList AlembicCommand::previewSql(bool upgrade, const QString &start, const QString &target)
{
    const QString range = start.isEmpty() ? target : start + QLatin1Char(':') + target;
    return {upgrade ? QStringLiteral("upgrade") : QStringLiteral("downgrade"), QStringLiteral("--sql"), range};
}

QStringList AlembicCommand::revision(const QString &message, bool autogenerate)
{
    QStringList args{QStringLiteral("revision")};
    if (autogenerate)
        args << QStringLiteral("--autogenerate");
    args << QStringLiteral("-m") << message;
    return args;
}

QStringList AlembicCommand::mergeHeads(const QString &message)
{
    return {QStringLiteral("merge"), QStringLiteral("heads"), QStringLiteral("-m"), message};
}

bool AlembicCommand::touchesDatabase(const QStringList &command)
{
    if (command.contains(QStringLiteral("--sql")))
        return false;
    const QString verb = command.value(0);
    if (verb == QLatin1String("revision"))
        return command.contains(QStringLiteral("--autogenerate"));
    return verb == QLatin1String("upgrade") || verb == QLatin1String("downgrade") || verb == QLatin1String("stamp")
        || verb == QLatin1String("current") || verb == QLatin1String("check");
}

} // namespace strata::migrate::alembic
