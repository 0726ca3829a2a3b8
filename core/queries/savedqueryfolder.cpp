#include "savedqueryfolder.h"

#include "exec/historystore.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QSaveFile>

namespace strata::queries {

SavedQueryFolder::SavedQueryFolder(QString directory)
    : m_directory(std::move(directory))
{
}

QString SavedQueryFolder::fileNameFor(const QString &name)
{
    QString out;
    for (const QChar c : name.trimmed()) {
        const bool refused = c.unicode() < 0x20 || QStringLiteral("/\\:*?\"<>|").contains(c);
        out += refused ? QLatin1Char('_') : c;
    }
    while (out.startsWith(QLatin1Char('.')))
        out.remove(0, 1);   // no hidden files, no "..", no "."
    out = out.trimmed();
    if (out.endsWith(QLatin1String(".sql"), Qt::CaseInsensitive))
        out.chop(4);
    return out.isEmpty() ? QString() : out + QStringLiteral(".sql");
}

Result<QList<SavedQuery>> SavedQueryFolder::list() const
{
    QList<SavedQuery> out;
    const QDir dir(m_directory);
    if (!dir.exists())
        return out;
    const QFileInfoList files =
        dir.entryInfoList({QStringLiteral("*.sql")}, QDir::Files | QDir::Readable, QDir::Name | QDir::IgnoreCase);
    for (const QFileInfo &info : files) {
        QFile file(info.absoluteFilePath());
        if (!file.open(QIODevice::ReadOnly))
            return Error(ErrorKind::Io, QStringLiteral("cannot read %1: %2").arg(info.absoluteFilePath(), file.errorString()));
        out.append({info.completeBaseName(), info.absoluteFilePath(), QString::fromUtf8(file.readAll())});
    }
    return out;
}

Result<QString> SavedQueryFolder::save(const QString &name, const QString &text, bool overwrite) const
{
    const QString fileName = fileNameFor(name);
    if (fileName.isEmpty())
        return Error(ErrorKind::Syntax, QStringLiteral("a saved query needs a name"));
    if (!QDir().mkpath(m_directory))
        return Error(ErrorKind::Io, QStringLiteral("cannot create the folder %1").arg(m_directory));
    const QString path = QDir(m_directory).filePath(fileName);
    if (!overwrite && QFile::exists(path))
        return Error(ErrorKind::Conflict, QStringLiteral("%1 exists already").arg(fileName));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(text.toUtf8()) < 0 || !file.commit())
        return Error(ErrorKind::Io, QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    return path;
}

Status SavedQueryFolder::remove(const QString &name) const
{
    const QString fileName = fileNameFor(name);
    const QString path = QDir(m_directory).filePath(fileName);
    if (fileName.isEmpty() || !QFile::exists(path))
        return Error(ErrorKind::NotFound, QStringLiteral("no saved query %1").arg(name));
    if (!QFile::remove(path))
        return Error(ErrorKind::Io, QStringLiteral("cannot remove %1").arg(path));
    return Status();
}

QList<SavedQuery> SavedQueryFolder::filter(const QList<SavedQuery> &queries, const QString &search)
{
    const QStringList words = search.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    QList<SavedQuery> out;
    for (const SavedQuery &query : queries) {
        bool all = true;
        for (const QString &word : words)
            all = all && (query.name.contains(word, Qt::CaseInsensitive) || query.text.contains(word, Qt::CaseInsensitive));
        if (all)
            out.append(query);
    }
    return out;
}

QString SavedQueryFolder::defaultFolder(const QString &dataDir, const connection::ConnectionProfile &profile)
{
    // The history's key names the database (file path or server/database/user); hashed so
    // any key is a safe folder name.
    const QByteArray key = exec::HistoryStore::connectionKey(profile).toUtf8();
    const QString hash = QString::fromLatin1(QCryptographicHash::hash(key, QCryptographicHash::Sha1).toHex().left(16));
    return QDir(dataDir).filePath(QStringLiteral("saved-queries/") + hash);
}

}   // namespace strata::queries
