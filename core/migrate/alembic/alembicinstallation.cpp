#include "alembicinstallation.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

namespace strata::migrate::alembic {

namespace {

QString venvPython(const QString &venv)
{
    for (const char *name : {"bin/python", "bin/python3", "Scripts/python.exe"}) {
        const QString p = QDir(venv).filePath(QString::fromLatin1(name));
        if (QFileInfo(p).isExecutable())
            return p;
    }
    return {};
}

QString venvAlembic(const QString &venv)
{
    for (const char *name : {"bin/alembic", "Scripts/alembic.exe"}) {
        const QString p = QDir(venv).filePath(QString::fromLatin1(name));
        if (QFileInfo(p).isExecutable())
            return p;
    }
    return {};
}

/// The interpreter named by a script's "#!" line ("#!/usr/bin/python3", "#!/usr/bin/env python3").
QString shebangInterpreter(const QString &script, const QProcessEnvironment &env)
{
    QFile f(script);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QByteArray first = f.readLine(4096).trimmed();
    if (!first.startsWith("#!"))
        return {};
    QStringList parts = QString::fromUtf8(first.mid(2)).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (parts.isEmpty())
        return {};
    if (parts.first().endsWith(QLatin1String("/env")) && parts.size() > 1)
        return QStandardPaths::findExecutable(parts.at(1), env.value(QStringLiteral("PATH")).split(QLatin1Char(':')));
    return parts.first();
}

} // namespace

QStringList AlembicLocator::virtualEnvironments(const QString &projectDir)
{
    QStringList found;
    QDir dir(QFileInfo(projectDir).absoluteFilePath());
    for (;;) {
        for (const char *name : {".venv", "venv", "env"}) {
            const QString venv = dir.filePath(QString::fromLatin1(name));
            if (QFileInfo::exists(QDir(venv).filePath(QStringLiteral("pyvenv.cfg"))) && !venvPython(venv).isEmpty())
                found << venv;
        }
        if (!dir.cdUp())
            break;
    }
    return found;
}

AlembicInstallation AlembicLocator::fromVirtualEnvironment(const QString &venv, const QString &origin)
{
    AlembicInstallation i;
    i.python = venvPython(venv);
    if (i.python.isEmpty())
        return {};
    i.executable = venvAlembic(venv);
    i.venvDir = venv;
    i.origin = origin;
    return i;
}

AlembicInstallation AlembicLocator::fromPath(const QString &path, const QString &origin)
{
    const QFileInfo info(path);
    if (!info.isFile() || !info.isExecutable())
        return {};
    AlembicInstallation i;
    i.origin = origin;
    if (info.fileName().startsWith(QLatin1String("python"))) {
        i.python = info.absoluteFilePath();
        const QString beside = QDir(info.absolutePath()).filePath(QStringLiteral("alembic"));
        if (QFileInfo(beside).isExecutable())
            i.executable = beside;
    } else {
        i.executable = info.absoluteFilePath();
        i.python = shebangInterpreter(i.executable, QProcessEnvironment::systemEnvironment());
    }
    const QDir bin(info.absolutePath());
    if (QFileInfo::exists(bin.absoluteFilePath(QStringLiteral("../pyvenv.cfg"))))
        i.venvDir = QDir::cleanPath(bin.absoluteFilePath(QStringLiteral("..")));
    return i.python.isEmpty() ? AlembicInstallation{} : i;
}

QList<AlembicInstallation> AlembicLocator::candidates(const QString &projectDir, const QProcessEnvironment &env,
                                                      const QString &chosen,
                                                      const QList<AlembicInstallation> &toolEnvironments)
{
    QList<AlembicInstallation> list;
    auto add = [&list](const AlembicInstallation &i) {
        if (!i.isValid())
            return;
        for (const AlembicInstallation &other : std::as_const(list))
            if (other.python == i.python)
                return;
        list << i;
    };
    if (!chosen.isEmpty())
        add(fromPath(chosen, QStringLiteral("chosen for this project")));
    const QString absProject = QFileInfo(projectDir).absoluteFilePath();
    for (const QString &venv : virtualEnvironments(projectDir)) {
        const QString where = QFileInfo(venv).absolutePath() == absProject ? QStringLiteral("the project's %1").arg(QFileInfo(venv).fileName())
                                                                           : venv;
        add(fromVirtualEnvironment(venv, where));
    }
    const QString active = env.value(QStringLiteral("VIRTUAL_ENV"));
    if (!active.isEmpty() && !venvPython(active).isEmpty())
        add(fromVirtualEnvironment(active, QStringLiteral("VIRTUAL_ENV (%1)").arg(active)));
    for (const AlembicInstallation &i : toolEnvironments)
        add(i);
    const QStringList path = env.value(QStringLiteral("PATH")).split(QLatin1Char(':'), Qt::SkipEmptyParts);
    const QString onPath = path.isEmpty() ? QString() : QStandardPaths::findExecutable(QStringLiteral("alembic"), path);
    if (!onPath.isEmpty()) {
        AlembicInstallation i;
        i.executable = onPath;
        i.python = shebangInterpreter(onPath, env);
        i.origin = QStringLiteral("PATH (%1)").arg(onPath);
        add(i);
    }
    const QString python = path.isEmpty() ? QString() : QStandardPaths::findExecutable(QStringLiteral("python3"), path);
    if (!python.isEmpty()) {
        AlembicInstallation i;
        i.python = python;
        i.origin = QStringLiteral("python3 on PATH (%1)").arg(python);
        add(i);
    }
    return list;
}

QString AlembicLocator::installAdvice(const QString &projectDir, const QProcessEnvironment &env,
                                     const QList<AlembicInstallation> &toolEnvironments)
{
    const QStringList venvs = virtualEnvironments(projectDir);
    if (venvs.isEmpty() && !toolEnvironments.isEmpty()) {
        const AlembicInstallation &tool = toolEnvironments.first();
        const bool poetry = tool.origin.startsWith(QLatin1String("Poetry"));
        return QStringLiteral("Alembic is not installed in %1. Install it there, in %2:\n    %3")
            .arg(tool.origin, QFileInfo(projectDir).absoluteFilePath(),
                 poetry ? QStringLiteral("poetry add alembic") : QStringLiteral("pipenv install alembic"));
    }
    if (!venvs.isEmpty()) {
        const QString pip = QDir(venvs.first()).filePath(QStringLiteral("bin/pip"));
        return QStringLiteral("Alembic is not installed in %1. Install it there:\n    %2 install alembic\n"
                              "(or run `source %3/bin/activate` and `pip install alembic`).")
            .arg(venvs.first(), pip, venvs.first());
    }
    Q_UNUSED(env)
    return QStringLiteral("No Alembic found: no .venv/venv/env in %1 or its parents, no VIRTUAL_ENV, no alembic on PATH.\n"
                          "Either create the project's virtual environment:\n"
                          "    cd %1 && python3 -m venv .venv && .venv/bin/pip install alembic\n"
                          "or install Debian's packages:\n"
                          "    sudo apt install alembic python3-sqlalchemy python3-psycopg2\n"
                          "or pick an interpreter with “Choose Alembic…”.")
        .arg(QFileInfo(projectDir).absoluteFilePath());
}

} // namespace strata::migrate::alembic
