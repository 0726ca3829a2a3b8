#include "connectionstore.h"

#include "profilefields.h"

#include <QUuid>
#include <algorithm>

namespace strata::connection {

namespace {

const QString kRoot = QStringLiteral("connections");
const QString kVersionKey = QStringLiteral("connections/schemaVersion");

QString versionGroup(int version)
{
    return kRoot + QStringLiteral("/v") + QString::number(version);
}

} // namespace

ConnectionStore::ConnectionStore(QSettings &settings, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
{
    load();
}

void ConnectionStore::reload()
{
    m_settings.sync();
    load();
    Q_EMIT profilesChanged();
}

void ConnectionStore::load()
{
    m_profiles.clear();
    m_storedVersion = m_settings.value(kVersionKey, 0).toInt();
    // Version 1 is the first saved form, so there is nothing older to carry forward yet. A
    // version 2 adds its step here (read v1, write v2, keep v1 for older Strata versions).
    // A newer file is read through the newest group this Strata understands.
    m_settings.beginGroup(versionGroup(kSchemaVersion));
    const QStringList ids = m_settings.childGroups();
    for (const QString &id : ids) {
        m_settings.beginGroup(id);
        QVariantMap map;
        const QStringList keys = m_settings.childKeys();
        for (const QString &key : keys)
            map.insert(key, m_settings.value(key));
        m_settings.beginGroup(QStringLiteral("options"));
        QVariantMap options;
        const QStringList optionKeys = m_settings.childKeys();
        for (const QString &key : optionKeys)
            options.insert(key, m_settings.value(key));
        m_settings.endGroup();
        if (!options.isEmpty())
            map.insert(QStringLiteral("options"), options);
        m_settings.endGroup();
        ConnectionProfile p = profileFromMap(map);
        p.id = id;
        m_profiles.append(p);
    }
    m_settings.endGroup();
}

QList<ConnectionProfile> ConnectionStore::profiles() const
{
    QList<ConnectionProfile> sorted = m_profiles;
    std::sort(sorted.begin(), sorted.end(), [](const ConnectionProfile &a, const ConnectionProfile &b) {
        const int group = a.group.compare(b.group, Qt::CaseInsensitive);
        if (group != 0)
            return group < 0;
        return a.displayName().compare(b.displayName(), Qt::CaseInsensitive) < 0;
    });
    return sorted;
}

std::optional<ConnectionProfile> ConnectionStore::profile(const QString &id) const
{
    for (const ConnectionProfile &p : m_profiles)
        if (p.id == id)
            return p;
    return std::nullopt;
}

Status ConnectionStore::refuseNewer() const
{
    return Error(ErrorKind::Unsupported,
                 QStringLiteral("The saved connections were written by a newer Strata (settings schema %1; this "
                                "version understands %2). They are shown but not changed.")
                     .arg(m_storedVersion)
                     .arg(kSchemaVersion));
}

void ConnectionStore::write(const ConnectionProfile &profile)
{
    const QString group = versionGroup(kSchemaVersion) + QLatin1Char('/') + profile.id;
    m_settings.remove(group);   // fields cleared since the last save must go too
    m_settings.beginGroup(group);
    const QVariantMap map = profileToMap(profile);
    for (auto it = map.cbegin(); it != map.cend(); ++it) {
        if (it.key() == QLatin1String("id"))
            continue;   // the group name is the id
        if (it.key() == QLatin1String("options")) {
            const QVariantMap options = it.value().toMap();
            for (auto o = options.cbegin(); o != options.cend(); ++o)
                m_settings.setValue(QStringLiteral("options/") + o.key(), o.value());
            continue;
        }
        m_settings.setValue(it.key(), it.value());
    }
    m_settings.endGroup();
    m_settings.setValue(kVersionKey, kSchemaVersion);
    m_storedVersion = kSchemaVersion;
    m_settings.sync();
}

Status ConnectionStore::save(ConnectionProfile &profile)
{
    if (!isWritable())
        return refuseNewer();
    if (profile.id.isEmpty())
        profile.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    if (!profile.created.isValid())
        profile.created = QDateTime::currentDateTimeUtc();
    write(profile);
    if (m_settings.status() != QSettings::NoError)
        return Error(ErrorKind::Io, QStringLiteral("Could not write the settings file %1.").arg(m_settings.fileName()));
    auto it = std::find_if(m_profiles.begin(), m_profiles.end(), [&](const ConnectionProfile &p) { return p.id == profile.id; });
    if (it != m_profiles.end())
        *it = profile;
    else
        m_profiles.append(profile);
    Q_EMIT profilesChanged();
    return {};
}

Status ConnectionStore::remove(const QString &id)
{
    if (!isWritable())
        return refuseNewer();
    const auto removed = m_profiles.removeIf( [&](const ConnectionProfile &p) { return p.id == id; });
    if (removed == 0)
        return Error(ErrorKind::NotFound, QStringLiteral("No saved connection has the id %1.").arg(id));
    m_settings.remove(versionGroup(kSchemaVersion) + QLatin1Char('/') + id);
    m_settings.sync();
    Q_EMIT profilesChanged();
    return {};
}

Result<ConnectionProfile> ConnectionStore::duplicate(const QString &id)
{
    std::optional<ConnectionProfile> original = profile(id);
    if (!original)
        return Error(ErrorKind::NotFound, QStringLiteral("No saved connection has the id %1.").arg(id));
    ConnectionProfile copy = *original;
    copy.id.clear();
    copy.created = QDateTime();
    copy.lastUsed = QDateTime();
    copy.name = original->displayName() + QStringLiteral(" (copy)");
    if (Status s = save(copy); !s)
        return s.error();
    return copy;
}

Status ConnectionStore::rename(const QString &id, const QString &name)
{
    std::optional<ConnectionProfile> p = profile(id);
    if (!p)
        return Error(ErrorKind::NotFound, QStringLiteral("No saved connection has the id %1.").arg(id));
    p->name = name.trimmed();
    return save(*p);
}

Status ConnectionStore::touch(const QString &id)
{
    std::optional<ConnectionProfile> p = profile(id);
    if (!p)
        return Error(ErrorKind::NotFound, QStringLiteral("No saved connection has the id %1.").arg(id));
    p->lastUsed = QDateTime::currentDateTimeUtc();
    return save(*p);
}

} // namespace strata::connection
