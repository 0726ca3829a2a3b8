#pragma once

// ConnectionStore: the saved connection profiles, persisted in QSettings under a versioned
// schema:
//     connections/schemaVersion = 1
//     connections/v1/<id>/name, driver, host, port, ..., options/<keyword>
// A profile has no password, and none is ever written here (passwords live in a
// CredentialStore). Version 1 is the first schema; a later one migrates older groups
// forward when it reads them. A file written by a newer Strata (a higher schemaVersion) is
// read as far as it is understood and never overwritten, so going back to an older Strata
// cannot destroy a newer one's profiles.
//
// The store keeps its profiles in memory and writes through on every change; it lives on
// the GUI thread (QSettings is not shared across threads here).

#include "base/result.h"
#include "connectionprofile.h"

#include <QObject>
#include <QSettings>
#include <optional>

namespace strata::connection {

class ConnectionStore : public QObject {
    Q_OBJECT
public:
    static constexpr int kSchemaVersion = 1;

    /// Reads the profiles from `settings`, which must outlive the store.
    explicit ConnectionStore(QSettings &settings, QObject *parent = nullptr);

    /// Saved profiles, sorted by group then name (case-insensitive).
    QList<ConnectionProfile> profiles() const;
    std::optional<ConnectionProfile> profile(const QString &id) const;
    bool isEmpty() const { return m_profiles.isEmpty(); }
    /// The schema version found in the settings (0 when nothing was saved yet).
    int storedSchemaVersion() const { return m_storedVersion; }
    /// False when the settings were written by a newer Strata: changes are refused.
    bool isWritable() const { return m_storedVersion <= kSchemaVersion; }

    /// Adds or replaces a profile. A profile without an id gets a new UUID, and one without
    /// a creation time gets now; both are written back into `profile`.
    Status save(ConnectionProfile &profile);
    Status remove(const QString &id);
    /// A copy of profile `id` under a new id, named "<name> (copy)", saved. NotFound when
    /// there is no such profile.
    Result<ConnectionProfile> duplicate(const QString &id);
    Status rename(const QString &id, const QString &name);
    /// Sets lastUsed to now.
    Status touch(const QString &id);

    /// Rereads the settings (another window or process may have changed them).
    void reload();

Q_SIGNALS:
    void profilesChanged();

private:
    void load();
    Status refuseNewer() const;
    void write(const ConnectionProfile &profile);

    QSettings &m_settings;
    QList<ConnectionProfile> m_profiles;
    int m_storedVersion = 0;
};

} // namespace strata::connection
