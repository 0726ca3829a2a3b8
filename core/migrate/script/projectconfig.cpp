#include "projectconfig.h"

#include "base/quotedtext.h"

#include "inifile.h"

#include <QDir>
#include <QFileInfo>

namespace strata::migrate {

namespace {

QString resolveDir(const QString &projectDir, const QString &location)
{
    if (location.startsWith(QLatin1Char(':')) || QDir::isAbsolutePath(location))
        return QDir::cleanPath(location);
    return QDir::cleanPath(projectDir + QLatin1Char('/') + location);
}

} // namespace

ProjectConfig ProjectConfig::forScriptDirectory(const QString &scriptDir)
{
    ProjectConfig c;
    c.scriptDir = scriptDir;
    c.projectDir = QFileInfo(scriptDir).path();
    return c;
}

Result<ProjectConfig> ProjectConfig::load(const QString &iniPath)
{
    Result<IniFile> ini = IniFile::load(iniPath);
    if (!ini)
        return ini.error();
    ProjectConfig c;
    c.iniPath = iniPath;
    c.projectDir = iniPath.startsWith(QLatin1Char(':')) ? QFileInfo(iniPath).path() : QFileInfo(iniPath).absolutePath();
    if (!ini->hasSection(QStringLiteral("strata")) && ini->hasSection(QStringLiteral("alembic"))) {
        const QString a = QStringLiteral("alembic");
        c.alembic = true;
        c.versionTable = ini->value(a, QStringLiteral("version_table"), QStringLiteral("alembic_version"));
        c.versionTableSchema = ini->value(a, QStringLiteral("version_table_schema"));
        c.url = ini->value(a, QStringLiteral("sqlalchemy.url"));
        const QString location = ini->value(a, QStringLiteral("script_location"), QStringLiteral("alembic"));
        c.scriptDir = resolveDir(c.projectDir, location) + QStringLiteral("/versions");
        return c;
    }
    const QString s = QStringLiteral("strata");
    if (!ini->hasSection(s))
        return Error(ErrorKind::Syntax, QStringLiteral("%1: no [strata] section").arg(iniPath));
    static const QStringList known{QStringLiteral("script_location"), QStringLiteral("version_table"),
                                   QStringLiteral("version_table_schema"), QStringLiteral("url"),
                                   QStringLiteral("transaction_per_migration"), QStringLiteral("file_template"),
                                   QStringLiteral("truncate_slug_length"), QStringLiteral("dialects"),
                                   QStringLiteral("strict_drift")};
    for (const QString &key : ini->keys(s))
        if (!known.contains(key))
            return Error(ErrorKind::Syntax, QStringLiteral("%1: unknown setting '%2' in [strata] (known: %3)")
                                                .arg(iniPath, quotedInput(key), known.join(QStringLiteral(", "))));
    c.scriptDir = resolveDir(c.projectDir, ini->value(s, QStringLiteral("script_location"), QStringLiteral("versions")));
    c.versionTable = ini->value(s, QStringLiteral("version_table"), c.versionTable);
    c.versionTableSchema = ini->value(s, QStringLiteral("version_table_schema"));
    c.url = ini->value(s, QStringLiteral("url"));
    c.fileTemplate = ini->value(s, QStringLiteral("file_template"), c.fileTemplate);
    Result<bool> perMigration = ini->boolValue(s, QStringLiteral("transaction_per_migration"), false);
    if (!perMigration)
        return Error(ErrorKind::Syntax, iniPath + QStringLiteral(": ") + perMigration.error().message);
    c.transactionPerMigration = *perMigration;
    Result<bool> strictDrift = ini->boolValue(s, QStringLiteral("strict_drift"), false);
    if (!strictDrift)
        return Error(ErrorKind::Syntax, iniPath + QStringLiteral(": ") + strictDrift.error().message);
    c.strictDrift = *strictDrift;
    bool ok = true;
    c.truncateSlugLength = ini->value(s, QStringLiteral("truncate_slug_length"), QStringLiteral("40")).toInt(&ok);
    if (!ok || c.truncateSlugLength < 1)
        return Error(ErrorKind::Syntax, QStringLiteral("%1: truncate_slug_length must be a positive number").arg(iniPath));
    for (const QString &part : ini->value(s, QStringLiteral("dialects")).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString name = part.trimmed().toLower();
        if (name != u"sqlite" && name != u"postgresql")
            return Error(ErrorKind::Syntax, QStringLiteral("%1: dialects: unknown dialect '%2' (known: sqlite, postgresql)").arg(iniPath, quotedInput(part.trimmed())));
        if (!c.dialects.contains(name))
            c.dialects.append(name);
    }
    if (c.versionTable.isEmpty())
        return Error(ErrorKind::Syntax, QStringLiteral("%1: version_table is empty").arg(iniPath));
    return c;
}

} // namespace strata::migrate
