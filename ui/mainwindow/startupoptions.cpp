#include "startupoptions.h"

#include <QCoreApplication>

namespace strata::ui {

namespace {
QString tr(const char *text) { return QCoreApplication::translate("strata::ui::StartupOptions", text); }
}

QPair<QString, QString> StartupOptions::tableName(bool sqlite, const QString &defaultSchema) const
{
    const int dot = table.indexOf(QLatin1Char('.'));
    if (dot > 0) {
        const QString schema = table.left(dot);
        if (!sqlite || schema == QLatin1String("main") || schema == QLatin1String("temp"))
            return {schema, table.mid(dot + 1)};
    }
    return {defaultSchema, table};
}

Result<StartupOptions> parseStartupOptions(const QStringList &arguments)
{
    StartupOptions options;
    struct Flag {
        QString name;
        QString shortName;
        QString *field;
    };
    const Flag flags[] = {{QStringLiteral("--table"), QStringLiteral("-t"), &options.table},
                          {QStringLiteral("--sql"), QStringLiteral("-s"), &options.sqlFile}};
    for (int i = 0; i < arguments.size(); ++i) {
        const QString &arg = arguments[i];
        const Flag *matched = nullptr;
        QString value;
        for (const Flag &flag : flags) {
            if (arg == flag.name || arg == flag.shortName) {
                if (i + 1 >= arguments.size())
                    return Error(ErrorKind::Syntax, tr("%1 needs a value").arg(flag.name));
                matched = &flag;
                value = arguments[++i];
            } else if (arg.startsWith(flag.name + QLatin1Char('='))) {
                matched = &flag;
                value = arg.mid(flag.name.size() + 1);
            }
        }
        if (matched) {
            if (value.isEmpty())
                return Error(ErrorKind::Syntax, tr("%1 needs a value").arg(matched->name));
            *matched->field = value;
        } else if (arg.startsWith(QLatin1Char('-'))) {
            return Error(ErrorKind::Syntax, tr("unknown option %1").arg(arg));
        } else {
            options.locations << arg;
        }
    }
    if ((!options.table.isEmpty() || !options.sqlFile.isEmpty()) && options.locations.isEmpty())
        return Error(ErrorKind::Syntax, tr("--table and --sql need a database: strata FILE.db --table books"));
    return options;
}

} // namespace strata::ui
