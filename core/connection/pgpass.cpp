// The password file (https://www.postgresql.org/docs/current/libpq-pgpass.html), matched the
// way libpq's passwordFromFile and pwdfMatchesString do it, so Strata finds exactly the
// password psql would.

#include "pgenvironment.h"

#include <QFile>
#include <QFileInfo>

namespace strata::connection {

namespace {

// Matches one ':'-terminated field of `line` at `pos` against `token`; on a match, moves
// `pos` past the ':'. A field that is exactly "*" matches anything; a backslash makes the
// next character literal. The last field (the password) is not matched here.
bool matchField(const QString &line, qsizetype &pos, const QString &token)
{
    if (line.mid(pos, 2) == QLatin1String("*:")) {
        pos += 2;
        return true;
    }
    qsizetype t = 0;
    for (qsizetype i = pos; i < line.size(); ++i) {
        bool escaped = false;
        if (line.at(i) == QLatin1Char('\\')) {
            escaped = true;
            if (++i >= line.size())
                return false;
        }
        if (line.at(i) == QLatin1Char(':') && !escaped && t == token.size()) {
            pos = i + 1;
            return true;
        }
        if (t == token.size() || line.at(i) != token.at(t))
            return false;
        ++t;
    }
    return false;
}

// The password field: up to the next unescaped ':', with escapes removed.
QString passwordField(const QString &line, qsizetype pos)
{
    QString password;
    for (qsizetype i = pos; i < line.size() && line.at(i) != QLatin1Char(':'); ++i) {
        if (line.at(i) == QLatin1Char('\\') && i + 1 < line.size())
            ++i;
        password += line.at(i);
    }
    return password;
}

// The rwxrwxrwx bits as a Unix mode number.
int unixMode(QFileDevice::Permissions permissions)
{
    const int bits = int(permissions.toInt());
    return (((bits >> 12) & 7) << 6) | (((bits >> 4) & 7) << 3) | (bits & 7);
}

// Why libpq would refuse to read the file, or empty.
QString refusal(const QString &filePath, const QFileInfo &info)
{
    if (!info.isFile())
        return QStringLiteral("password file \"%1\" ignored: it is not a plain file").arg(filePath);
#ifdef Q_OS_UNIX
    const int mode = unixMode(info.permissions());
    if (mode & 077)
        return QStringLiteral("password file \"%1\" ignored: permissions %2 allow group or world access; "
                              "they should be u=rw (0600) or less")
            .arg(filePath, QStringLiteral("0%1").arg(mode, 3, 8, QLatin1Char('0')));
#endif
    return QString();
}

} // namespace

PasswordLookup lookupPgPass(const QString &filePath, const QString &host, int port,
                            const QString &database, const QString &user)
{
    PasswordLookup result;
    const QFileInfo info(filePath);
    if (filePath.isEmpty() || !info.exists())
        return result;
    result.warning = refusal(filePath, info);
    if (!result.warning.isEmpty())
        return result;
    QFile file(filePath);
    if (!file.open(QIODevice::ReadOnly)) {
        result.warning = QStringLiteral("password file \"%1\" could not be read: %2").arg(filePath, file.errorString());
        return result;
    }

    const bool localHost = host.isEmpty() || host == defaultSocketDirectory();
    const QString hostToken = localHost ? QStringLiteral("localhost") : host;
    const QString portToken = QString::number(port > 0 ? port : 5432);
    const QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'));
    for (QString line : lines) {
        while (line.endsWith(QLatin1Char('\r')))
            line.chop(1);
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        qsizetype pos = 0;
        if (!matchField(line, pos, hostToken) || !matchField(line, pos, portToken)
            || !matchField(line, pos, database) || !matchField(line, pos, user))
            continue;
        const QString password = passwordField(line, pos);
        if (!password.isEmpty()) {
            result.source = PasswordSource::PasswordFile;
            result.password = password;
            result.filePath = filePath;
        }
        return result;
    }
    return result;
}

} // namespace strata::connection
