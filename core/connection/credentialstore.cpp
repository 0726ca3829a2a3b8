#include "credentialstore.h"

#include <qt6keychain/keychain.h>

namespace strata::connection {

namespace {

/// Runs `fn` unless `context` died, from wherever the keychain job finished.
template <typename Fn>
void deliver(const QPointer<QObject> &context, Fn fn)
{
    if (context)
        fn();
}

} // namespace

KeychainCredentialStore::KeychainCredentialStore(const QString &service, QObject *parent)
    : CredentialStore(parent)
    , m_service(service)
{
}

void KeychainCredentialStore::fallBack(const QString &reason)
{
    if (m_sessionOnly)
        return;
    m_sessionOnly = true;
    m_fallbackReason = reason;
    Q_EMIT fallbackActivated(reason);
}

void KeychainCredentialStore::readPassword(const QString &profileId, QObject *context, ReadCallback done)
{
    QPointer<QObject> guard(context);
    if (m_sessionOnly) {
        const auto it = m_session.constFind(profileId);
        std::optional<QString> value = it == m_session.cend() ? std::nullopt : std::optional<QString>(*it);
        QMetaObject::invokeMethod(this, [guard, done, value] { deliver(guard, [&] { done(value); }); }, Qt::QueuedConnection);
        return;
    }
    auto *job = new QKeychain::ReadPasswordJob(m_service, this);
    job->setKey(key(profileId));
    connect(job, &QKeychain::Job::finished, this, [this, guard, done, job] {
        if (job->error() == QKeychain::NoError)
            return deliver(guard, [&] { done(std::optional<QString>(job->textData())); });
        if (job->error() != QKeychain::EntryNotFound)
            fallBack(job->errorString());
        // Either way nothing is stored: the caller asks for the password.
        deliver(guard, [&] { done(std::optional<QString>()); });
    });
    job->start();
}

void KeychainCredentialStore::writePassword(const QString &profileId, const QString &password, QObject *context,
                                            DoneCallback done)
{
    QPointer<QObject> guard(context);
    if (m_sessionOnly) {
        m_session.insert(profileId, password);
        QMetaObject::invokeMethod(this, [guard, done] { deliver(guard, [&] { done(Status()); }); }, Qt::QueuedConnection);
        return;
    }
    auto *job = new QKeychain::WritePasswordJob(m_service, this);
    job->setKey(key(profileId));
    job->setTextData(password);
    connect(job, &QKeychain::Job::finished, this, [this, guard, done, job, profileId, password] {
        if (job->error() != QKeychain::NoError) {
            fallBack(job->errorString());
            m_session.insert(profileId, password);
        }
        deliver(guard, [&] { done(Status()); });
    });
    job->start();
}

void KeychainCredentialStore::removePassword(const QString &profileId, QObject *context, DoneCallback done)
{
    QPointer<QObject> guard(context);
    m_session.remove(profileId);
    if (m_sessionOnly) {
        QMetaObject::invokeMethod(this, [guard, done] { deliver(guard, [&] { if (done) done(Status()); }); }, Qt::QueuedConnection);
        return;
    }
    auto *job = new QKeychain::DeletePasswordJob(m_service, this);
    job->setKey(key(profileId));
    connect(job, &QKeychain::Job::finished, this, [this, guard, done, job] {
        if (job->error() != QKeychain::NoError && job->error() != QKeychain::EntryNotFound)
            fallBack(job->errorString());
        deliver(guard, [&] { if (done) done(Status()); });
    });
    job->start();
}

} // namespace strata::connection
