#pragma once

// Where saved passwords live, keyed by profile id. The interface is asynchronous because
// OS keychains are (QtKeychain jobs answer by signal); callbacks run on the store's thread
// (the GUI thread) and are dropped when `context` is destroyed first.
//
// KeychainCredentialStore uses the OS keychain through QtKeychain (libsecret / KWallet on
// Linux, Credential Manager on Windows, Keychain on macOS). When the keychain fails with
// anything but "no such entry" (no D-Bus, no secret service, a locked wallet), it falls
// back for the rest of the session: passwords are kept in this process's memory only, and
// fallbackActivated() is emitted once so the UI can say so. Passwords are never written
// anywhere else.

#include "base/result.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <functional>
#include <optional>

namespace strata::connection {

class CredentialStore : public QObject {
    Q_OBJECT
public:
    /// nullopt: no password stored for that id.
    using ReadCallback = std::function<void(Result<std::optional<QString>>)>;
    using DoneCallback = std::function<void(Status)>;

    using QObject::QObject;

    virtual void readPassword(const QString &profileId, QObject *context, ReadCallback done) = 0;
    virtual void writePassword(const QString &profileId, const QString &password, QObject *context, DoneCallback done) = 0;
    virtual void removePassword(const QString &profileId, QObject *context, DoneCallback done) = 0;
    /// True once passwords are kept for this session only (the keychain is unavailable).
    virtual bool isSessionOnly() const = 0;

Q_SIGNALS:
    /// Emitted once, when the store starts keeping passwords in memory only.
    void fallbackActivated(const QString &reason);
};

class KeychainCredentialStore : public CredentialStore {
    Q_OBJECT
public:
    /// `service` names Strata's entries in the keychain ("Strata" in the app; tests use
    /// their own so they never touch real entries).
    explicit KeychainCredentialStore(const QString &service = QStringLiteral("Strata"), QObject *parent = nullptr);

    void readPassword(const QString &profileId, QObject *context, ReadCallback done) override;
    void writePassword(const QString &profileId, const QString &password, QObject *context, DoneCallback done) override;
    void removePassword(const QString &profileId, QObject *context, DoneCallback done) override;
    bool isSessionOnly() const override { return m_sessionOnly; }
    /// Why the store fell back to memory (the keychain's own message), or empty.
    QString fallbackReason() const { return m_fallbackReason; }

private:
    void fallBack(const QString &reason);
    static QString key(const QString &profileId) { return QStringLiteral("connection/") + profileId; }

    QString m_service;
    bool m_sessionOnly = false;
    QString m_fallbackReason;
    QHash<QString, QString> m_session;   // profile id -> password, while in fallback
};

} // namespace strata::connection
