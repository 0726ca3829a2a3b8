#include "passwordfile.h"

#include <QDir>
#include <QTemporaryFile>

namespace strata::backup {

PasswordFile::PasswordFile() = default;
PasswordFile::~PasswordFile() = default;

QString PasswordFile::entry(const QString &password)
{
    QString escaped = password;
    escaped.replace(QLatin1Char('\\'), QLatin1String("\\\\")).replace(QLatin1Char(':'), QLatin1String("\\:"));
    return QStringLiteral("*:*:*:*:") + escaped + QLatin1Char('\n');
}

Status PasswordFile::write(const QString &password)
{
    m_file.reset();
    if (password.isEmpty())
        return {};
    auto file = std::make_unique<QTemporaryFile>(QDir::tempPath() + QStringLiteral("/strata-pgpass-XXXXXX"));
    if (!file->open())
        return Error(ErrorKind::Io, QStringLiteral("Could not create a temporary password file: %1").arg(file->errorString()));
    // QTemporaryFile creates the file 0600 already; say so explicitly, libpq ignores anything wider.
    file->setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    const QByteArray bytes = entry(password).toUtf8();
    if (file->write(bytes) != bytes.size() || !file->flush())
        return Error(ErrorKind::Io, QStringLiteral("Could not write the temporary password file: %1").arg(file->errorString()));
    m_file = std::move(file);
    return {};
}

QString PasswordFile::path() const
{
    return m_file ? m_file->fileName() : QString();
}

} // namespace strata::backup
