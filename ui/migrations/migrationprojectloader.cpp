#include "migrationprojectloader.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QTimer>

namespace strata::ui {

using migrate::MigrationEngine;

MigrationProjectLoader::MigrationProjectLoader(QObject *parent) : QObject(parent)
{
    // Saves come in bursts (write, rename, several files): signal once they settle.
    m_watcher = new QFileSystemWatcher(this);
    m_settle = new QTimer(this);
    m_settle->setSingleShot(true);
    m_settle->setInterval(150);
    connect(m_watcher, &QFileSystemWatcher::fileChanged, m_settle, qOverload<>(&QTimer::start));
    connect(m_watcher, &QFileSystemWatcher::directoryChanged, m_settle, qOverload<>(&QTimer::start));
    connect(m_settle, &QTimer::timeout, this, &MigrationProjectLoader::changedOnDisk);
}

QString MigrationProjectLoader::iniIn(const QString &folder)
{
    const QDir dir(folder);
    for (const QString &name : {QStringLiteral("strata.ini"), QStringLiteral("alembic.ini")})
        if (QFile::exists(dir.filePath(name)))
            return dir.filePath(name);
    return {};
}

Result<MigrationEngine> MigrationProjectLoader::open(const QString &folder)
{
    const QString ini = iniIn(folder);
    if (ini.isEmpty())
        return Error(ErrorKind::NotFound, tr("%1 has no strata.ini or alembic.ini").arg(folder));
    m_folder = QDir(folder).absolutePath();
    m_iniPath = ini;
    return reopen();
}

Result<MigrationEngine> MigrationProjectLoader::reopen()
{
    if (m_iniPath.isEmpty())
        return Error(ErrorKind::Migration, tr("No migrations project is attached"));
    Result<migrate::ProjectConfig> config = migrate::ProjectConfig::load(m_iniPath);
    return config ? MigrationEngine::open(*config) : Result<MigrationEngine>(config.error());
}

void MigrationProjectLoader::watch(const MigrationEngine *engine)
{
    QStringList paths;
    if (!m_folder.isEmpty()) {
        paths << m_folder;
        for (const QString &ini : {QStringLiteral("strata.ini"), QStringLiteral("alembic.ini")})
            if (QFileInfo::exists(QDir(m_folder).filePath(ini)))
                paths << QDir(m_folder).filePath(ini);
    }
    if (engine && !engine->config().scriptDir.startsWith(QLatin1Char(':'))) {
        paths << engine->config().scriptDir;
        for (const migrate::RevisionScript &script : engine->store().scripts())
            paths << script.path;
    }
    const QStringList watched = m_watcher->files() + m_watcher->directories();
    QStringList gone;
    for (const QString &p : watched)
        if (!paths.contains(p))
            gone << p;
    if (!gone.isEmpty())
        m_watcher->removePaths(gone);
    QStringList added;
    for (const QString &p : std::as_const(paths))
        if (!watched.contains(p) && QFileInfo::exists(p))
            added << p;
    if (!added.isEmpty())
        m_watcher->addPaths(added);
}

} // namespace strata::ui
