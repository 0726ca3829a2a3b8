#include "sqlitelockfile.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QLockFile>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>
#endif

namespace strata::migrate {

namespace {

QByteArray holderText()
{
    return QStringLiteral("pid %1, %2, since %3\n")
        .arg(QCoreApplication::applicationPid())
        .arg(QCoreApplication::applicationName().isEmpty() ? QStringLiteral("unknown program") : QCoreApplication::applicationName(),
             QDateTime::currentDateTime().toString(Qt::ISODate))
        .toUtf8();
}

} // namespace

SqliteLockFile::SqliteLockFile(const QString &databasePath) : m_path(databasePath + QStringLiteral(".strata-lock")) {}

SqliteLockFile::~SqliteLockFile()
{
    unlock();
}

#ifdef Q_OS_UNIX

Result<bool> SqliteLockFile::tryLock()
{
    if (m_held)
        return true;
    if (m_fd < 0) {
        const QByteArray native = QFile::encodeName(m_path);
        m_fd = ::open(native.constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0666);
        if (m_fd < 0)
            return Error(ErrorKind::Io, QStringLiteral("Cannot open the migration lock file %1: %2")
                                            .arg(m_path, QString::fromLocal8Bit(std::strerror(errno))));
    }
    if (::flock(m_fd, LOCK_EX | LOCK_NB) != 0) {
        if (errno == EWOULDBLOCK || errno == EINTR)
            return false;
        return Error(ErrorKind::Io, QStringLiteral("Cannot lock the migration lock file %1: %2")
                                        .arg(m_path, QString::fromLocal8Bit(std::strerror(errno))));
    }
    m_held = true;
    const QByteArray text = holderText();
    if (::ftruncate(m_fd, 0) == 0)
        (void)!::pwrite(m_fd, text.constData(), size_t(text.size()), 0);
    return true;
}

void SqliteLockFile::unlock()
{
    if (m_fd < 0)
        return;
    if (m_held)
        (void)!::ftruncate(m_fd, 0);   // what it says is only for messages
    ::close(m_fd);   // releases the flock
    m_fd = -1;
    m_held = false;
}

#else

Result<bool> SqliteLockFile::tryLock()
{
    if (m_held)
        return true;
    if (!m_fallback) {
        m_fallback = std::make_unique<QLockFile>(m_path);
        m_fallback->setStaleLockTime(0);   // stale only when its holder no longer runs
    }
    if (m_fallback->tryLock(0)) {
        m_held = true;
        return true;
    }
    if (m_fallback->error() == QLockFile::LockFailedError)
        return false;
    return Error(ErrorKind::Io, QStringLiteral("Cannot create the migration lock file %1").arg(m_path));
}

void SqliteLockFile::unlock()
{
    if (m_fallback && m_held)
        m_fallback->unlock();
    m_held = false;
}

#endif

QString SqliteLockFile::holder() const
{
    QFile f(m_path);
    if (!f.open(QIODevice::ReadOnly))
        return QString();
    return QString::fromUtf8(f.read(512)).section(QLatin1Char('\n'), 0, 0).trimmed();
}

} // namespace strata::migrate
