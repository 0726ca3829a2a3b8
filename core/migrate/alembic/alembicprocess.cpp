#include "alembicprocess.h"

#include <QEventLoop>
#include <QFile>
#include <QTimer>

#include <csignal>
#include <sys/types.h>
#include <unistd.h>

namespace strata::migrate::alembic {

AlembicProcess::AlembicProcess(AlembicInstallation installation, QString projectDir, QString versionsDir,
                               QObject *parent)
    : QObject(parent), m_installation(std::move(installation)), m_projectDir(std::move(projectDir)),
      m_env(QProcessEnvironment::systemEnvironment()), m_output(std::move(versionsDir))
{
}

AlembicProcess::~AlembicProcess()
{
    if (m_process && m_process->state() != QProcess::NotRunning) {
        ::kill(-static_cast<pid_t>(m_process->processId()), SIGKILL);
        m_process->waitForFinished(3000);
    }
}

QString AlembicProcess::displayCommand(const QStringList &args)
{
    QStringList shown;
    bool afterSeparator = !args.contains(QStringLiteral("--"));
    for (const QString &a : args) {
        if (!afterSeparator) {
            afterSeparator = a == QLatin1String("--");
            continue;
        }
        shown << (a.contains(QLatin1Char(' ')) ? QLatin1Char('"') + a + QLatin1Char('"') : a);
    }
    return QStringLiteral("alembic ") + shown.join(QLatin1Char(' '));
}

void AlembicProcess::start(const QStringList &args)
{
    m_scriptDir = std::make_unique<QTemporaryDir>();
    const QString script = m_scriptDir->filePath(QStringLiteral("strata_alembic.py"));
    QFile in(QStringLiteral(":/strata/alembic/strata_alembic.py"));
    QFile out(script);
    if (!m_scriptDir->isValid() || !in.open(QIODevice::ReadOnly) || !out.open(QIODevice::WriteOnly)
        || out.write(in.readAll()) < 0) {
        m_result.startError = QStringLiteral("Cannot write Strata's Alembic entry point to %1").arg(script);
        QTimer::singleShot(0, this, &AlembicProcess::finish);
        return;
    }
    out.close();
    m_process = new QProcess(this);
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    m_process->setWorkingDirectory(m_projectDir);
    QProcessEnvironment env = m_env;
    env.insert(QStringLiteral("PYTHONUNBUFFERED"), QStringLiteral("1"));   // lines as they happen
    env.insert(QStringLiteral("PYTHONDONTWRITEBYTECODE"), QStringLiteral("1"));
    m_process->setProcessEnvironment(env);
    m_process->setChildProcessModifier([] { ::setsid(); });   // a process group to cancel
    connect(m_process, &QProcess::readyRead, this, [this] { readLines(false); });
    connect(m_process, &QProcess::finished, this, &AlembicProcess::onFinished);
    connect(m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error != QProcess::FailedToStart)
            return;
        m_result.startError = QStringLiteral("Cannot start %1: %2").arg(m_installation.python, m_process->errorString());
        finish();
    });
    m_process->start(m_installation.python, QStringList{script} + args);
    m_result.started = true;
}

void AlembicProcess::readLines(bool all)
{
    while (m_process->canReadLine() || (all && m_process->bytesAvailable() > 0)) {
        QString line = QString::fromUtf8(m_process->readLine());
        while (line.endsWith(QLatin1Char('\n')) || line.endsWith(QLatin1Char('\r')))
            line.chop(1);
        m_result.lines << line;
        const std::optional<AlembicStep> step = m_output.feed(line);
        Q_EMIT lineRead(line);
        if (step)
            Q_EMIT stepStarted(*step);
    }
}

void AlembicProcess::onFinished(int code, QProcess::ExitStatus status)
{
    readLines(true);
    m_result.exitCode = code;
    m_result.crashed = status == QProcess::CrashExit && !m_result.cancelled;
    finish();
}

void AlembicProcess::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    if (!m_result.startError.isEmpty())
        m_result.started = false;
    Q_EMIT finished();
}

bool AlembicProcess::isRunning() const
{
    return m_process && m_process->state() != QProcess::NotRunning;
}

void AlembicProcess::cancel()
{
    if (!isRunning())
        return;
    m_result.cancelled = true;
    const auto group = -static_cast<pid_t>(m_process->processId());
    ::kill(group, SIGTERM);
    QTimer::singleShot(3000, this, [this, group] {
        if (isRunning())
            ::kill(group, SIGKILL);
    });
}

bool AlembicProcess::waitForFinished(int msecs)
{
    if (m_finished)
        return true;
    QEventLoop loop;
    connect(this, &AlembicProcess::finished, &loop, &QEventLoop::quit);
    if (msecs >= 0)
        QTimer::singleShot(msecs, &loop, &QEventLoop::quit);
    loop.exec();
    return m_finished;
}

} // namespace strata::migrate::alembic
