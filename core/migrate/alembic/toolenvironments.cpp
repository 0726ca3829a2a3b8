#include "toolenvironments.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTimer>
#include <memory>

namespace strata::migrate::alembic {

namespace {

/// True when `file` is in `dir` or one of its parents.
bool inFolderOrParent(const QString &dir, const QString &file)
{
    QDir d(QFileInfo(dir).absoluteFilePath());
    for (;;) {
        if (QFileInfo::exists(d.filePath(file)))
            return true;
        if (!d.cdUp())
            return false;
    }
}

/// The environment a tool printed: its last non-empty line, when that is a folder.
QString printedFolder(const QByteArray &output)
{
    const QList<QByteArray> lines = output.split('\n');
    for (auto it = lines.crbegin(); it != lines.crend(); ++it) {
        const QString line = QString::fromUtf8(it->trimmed());
        if (line.isEmpty())
            continue;
        return QFileInfo(line).isDir() ? QDir::cleanPath(QFileInfo(line).absoluteFilePath()) : QString();
    }
    return {};
}

} // namespace

ToolEnvironments::ToolEnvironments(QString projectDir, QProcessEnvironment env, QObject *parent)
    : QObject(parent), m_projectDir(std::move(projectDir)), m_env(std::move(env))
{
}

QList<ToolEnvironments::Query> ToolEnvironments::queries(const QString &projectDir, const QProcessEnvironment &env)
{
    const QStringList path = env.value(QStringLiteral("PATH")).split(QLatin1Char(':'), Qt::SkipEmptyParts);
    QList<Query> list;
    if (path.isEmpty())
        return list;
    if (inFolderOrParent(projectDir, QStringLiteral("pyproject.toml"))) {
        const QString poetry = QStandardPaths::findExecutable(QStringLiteral("poetry"), path);
        if (!poetry.isEmpty())
            list.append({poetry, {QStringLiteral("env"), QStringLiteral("info"), QStringLiteral("-p")},
                         QStringLiteral("Poetry's environment")});
    }
    if (inFolderOrParent(projectDir, QStringLiteral("Pipfile"))) {
        const QString pipenv = QStandardPaths::findExecutable(QStringLiteral("pipenv"), path);
        if (!pipenv.isEmpty())
            list.append({pipenv, {QStringLiteral("--venv")}, QStringLiteral("pipenv's environment")});
    }
    return list;
}

void ToolEnvironments::find(Found done)
{
    ask(queries(m_projectDir, m_env), {}, std::move(done));
}

void ToolEnvironments::ask(QList<Query> rest, QList<AlembicInstallation> found, Found done)
{
    if (rest.isEmpty()) {
        done(found);
        return;
    }
    const Query query = rest.takeFirst();
    auto *process = new QProcess(this);
    process->setProgram(query.program);
    process->setArguments(query.arguments);
    process->setWorkingDirectory(m_projectDir);
    QProcessEnvironment env = m_env;
    env.insert(QStringLiteral("NO_COLOR"), QStringLiteral("1"));   // plain text, no escape codes
    process->setProcessEnvironment(env);
    process->setStandardInputFile(QProcess::nullDevice());
    auto *timer = new QTimer(process);
    timer->setSingleShot(true);
    connect(timer, &QTimer::timeout, process, &QProcess::kill);   // finished() follows
    auto answered = std::make_shared<bool>(false);
    auto finish = [this, process, query, rest, found, done, answered](bool ok) mutable {
        if (*answered)
            return;
        *answered = true;
        const QString venv = ok ? printedFolder(process->readAllStandardOutput()) : QString();
        process->deleteLater();
        const AlembicInstallation i = venv.isEmpty() ? AlembicInstallation{}
                                                     : AlembicLocator::fromVirtualEnvironment(venv, QStringLiteral("%1 (%2)").arg(query.origin, venv));
        if (i.isValid())
            found.append(i);
        ask(std::move(rest), std::move(found), std::move(done));
    };
    connect(process, &QProcess::finished, this, [finish](int code, QProcess::ExitStatus status) mutable {
        finish(status == QProcess::NormalExit && code == 0);
    });
    connect(process, &QProcess::errorOccurred, this, [finish](QProcess::ProcessError error) mutable {
        if (error == QProcess::FailedToStart)
            finish(false);
    });
    process->start();
    timer->start(m_timeoutMs);
}

} // namespace strata::migrate::alembic
