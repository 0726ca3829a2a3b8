#include "autosavestore.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QUuid>

namespace strata::exec {

AutosaveStore::AutosaveStore(QString directory)
    : m_directory(std::move(directory))
{
}

QString AutosaveStore::newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

Status AutosaveStore::save(AutosaveEntry entry)
{
    if (!QDir().mkpath(m_directory))
        return Error(ErrorKind::Io, QStringLiteral("Cannot create %1").arg(m_directory));
    entry.saved = QDateTime::currentDateTimeUtc();
    const QDir dir(m_directory);
    QSaveFile text(dir.filePath(entry.id + QStringLiteral(".sql")));
    if (!text.open(QIODevice::WriteOnly))
        return Error(ErrorKind::Io, QStringLiteral("Cannot write %1: %2").arg(text.fileName(), text.errorString()));
    text.write(entry.text.toUtf8());
    if (!text.commit())
        return Error(ErrorKind::Io, QStringLiteral("Cannot write %1: %2").arg(text.fileName(), text.errorString()));
    QJsonObject meta;
    meta.insert(QStringLiteral("connectionKey"), entry.connectionKey);
    meta.insert(QStringLiteral("connectionName"), entry.connectionName);
    meta.insert(QStringLiteral("filePath"), entry.filePath);
    meta.insert(QStringLiteral("saved"), entry.saved.toString(Qt::ISODateWithMs));
    QSaveFile metaFile(dir.filePath(entry.id + QStringLiteral(".json")));
    if (!metaFile.open(QIODevice::WriteOnly))
        return Error(ErrorKind::Io, QStringLiteral("Cannot write %1").arg(metaFile.fileName()));
    metaFile.write(QJsonDocument(meta).toJson());
    if (!metaFile.commit())
        return Error(ErrorKind::Io, QStringLiteral("Cannot write %1").arg(metaFile.fileName()));
    return {};
}

Status AutosaveStore::remove(const QString &id)
{
    const QDir dir(m_directory);
    QFile::remove(dir.filePath(id + QStringLiteral(".json")));
    const QString path = dir.filePath(id + QStringLiteral(".sql"));
    if (QFile::exists(path) && !QFile::remove(path))
        return Error(ErrorKind::Io, QStringLiteral("Cannot remove %1").arg(path));
    return {};
}

QList<AutosaveEntry> AutosaveStore::entries(const QString &connectionKey) const
{
    QList<AutosaveEntry> out;
    const QDir dir(m_directory);
    for (const QString &name : dir.entryList({QStringLiteral("*.json")}, QDir::Files)) {
        QFile metaFile(dir.filePath(name));
        if (!metaFile.open(QIODevice::ReadOnly))
            continue;
        const QJsonObject meta = QJsonDocument::fromJson(metaFile.readAll()).object();
        AutosaveEntry e;
        e.id = name.chopped(5);
        e.connectionKey = meta.value(u"connectionKey").toString();
        if (!connectionKey.isEmpty() && e.connectionKey != connectionKey)
            continue;
        e.connectionName = meta.value(u"connectionName").toString();
        e.filePath = meta.value(u"filePath").toString();
        e.saved = QDateTime::fromString(meta.value(u"saved").toString(), Qt::ISODateWithMs);
        QFile text(dir.filePath(e.id + QStringLiteral(".sql")));
        if (!text.open(QIODevice::ReadOnly))
            continue;
        e.text = QString::fromUtf8(text.readAll());
        out.append(e);
    }
    std::sort(out.begin(), out.end(), [](const AutosaveEntry &a, const AutosaveEntry &b) { return a.saved > b.saved; });
    return out;
}

} // namespace strata::exec
