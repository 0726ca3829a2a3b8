#include "savedconnections.h"

#include "connectiondialog.h"
#include "connection/pgenvironment.h"
#include "importreviewdialog.h"
#include "passworddialog.h"

#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QInputDialog>
#include <QMenu>
#include <QMessageBox>
#include <QSet>

namespace strata::ui {

using connection::ConnectionProfile;
using connection::ConnectionSpec;
using connection::ImportResult;

SavedConnections::SavedConnections(connection::ConnectionStore *store, connection::CredentialStore *credentials, QWidget *window)
    : QObject(window)
    , m_store(store)
    , m_credentials(credentials)
    , m_window(window)
{
    connect(m_credentials, &connection::CredentialStore::fallbackActivated, this, [this](const QString &reason) {
        Q_EMIT notice(tr("No system keychain is available (%1): saved passwords are kept for this session only.").arg(reason));
    });
}

QStringList SavedConnections::groups() const
{
    QSet<QString> set;
    for (const ConnectionProfile &p : m_store->profiles())
        if (!p.group.isEmpty())
            set.insert(p.group);
    QStringList list(set.begin(), set.end());
    list.sort(Qt::CaseInsensitive);
    return list;
}

void SavedConnections::createNew(const ConnectionProfile &preset)
{
    ConnectionProfile p = preset;
    if (p.id.isEmpty() && p.host.isEmpty() && p.filePath.isEmpty() && !p.inMemory)
        p.driver = dialect::DialectKind::Postgres;
    runDialog(p, true);
}

void SavedConnections::edit(const QString &profileId)
{
    if (const auto p = m_store->profile(profileId))
        runDialog(*p, false);
}

void SavedConnections::runDialog(const ConnectionProfile &profile, bool isNew)
{
    ConnectionDialog dialog(m_window);
    dialog.setWindowTitle(isNew ? tr("New connection") : tr("Edit connection — %1").arg(profile.displayName()));
    dialog.setGroups(groups());
    dialog.setSessionOnlyPasswords(m_credentials->isSessionOnly());
    dialog.setProfile(profile);
    if (!isNew && profile.isPostgres())
        dialog.passwordEdit()->setPlaceholderText(tr("leave empty to keep the saved password"));
    if (dialog.exec() != QDialog::Accepted)
        return;
    ConnectionProfile saved = dialog.profile();
    if (Status s = m_store->save(saved); !s) {
        QMessageBox::warning(m_window, tr("Could not save the connection"), s.error().message);
        return;
    }
    const std::optional<QString> password = dialog.password();
    if (password)
        storePassword(saved.id, password, dialog.savePassword());
    if (dialog.action() == ConnectionDialog::Action::Connect) {
        (void)m_store->touch(saved.id);
        Q_EMIT openRequested(ConnectionSpec{*m_store->profile(saved.id), password});
    }
}

void SavedConnections::storePassword(const QString &profileId, const std::optional<QString> &password, bool save)
{
    if (save && password)
        m_credentials->writePassword(profileId, *password, this, {});
    else
        m_credentials->removePassword(profileId, this, {});   // typed but not to be kept
}

void SavedConnections::duplicate(const QString &profileId)
{
    const Result<ConnectionProfile> copy = m_store->duplicate(profileId);
    if (!copy) {
        QMessageBox::warning(m_window, tr("Could not duplicate"), copy.error().message);
        return;
    }
    runDialog(copy.value(), false);
}

void SavedConnections::rename(const QString &profileId)
{
    const auto p = m_store->profile(profileId);
    if (!p)
        return;
    bool ok = false;
    const QString name = QInputDialog::getText(m_window, tr("Rename connection"), tr("Name:"), QLineEdit::Normal,
                                               p->displayName(), &ok);
    if (ok && !name.trimmed().isEmpty())
        if (Status s = m_store->rename(profileId, name); !s)
            QMessageBox::warning(m_window, tr("Could not rename"), s.error().message);
}

void SavedConnections::remove(const QString &profileId)
{
    const auto p = m_store->profile(profileId);
    if (!p)
        return;
    const auto answer = QMessageBox::question(m_window, tr("Delete connection"),
                                              tr("Delete the saved connection \"%1\"?\nIts saved password is removed too; "
                                                 "the database itself is not touched.").arg(p->displayName()),
                                              QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer != QMessageBox::Yes)
        return;
    m_credentials->removePassword(profileId, this, {});
    if (Status s = m_store->remove(profileId); !s)
        QMessageBox::warning(m_window, tr("Could not delete"), s.error().message);
}

void SavedConnections::copyUrl(const QString &profileId)
{
    if (const auto p = m_store->profile(profileId)) {
        QApplication::clipboard()->setText(connection::toUrl(*p));   // never with the password
        Q_EMIT notice(tr("Copied %1").arg(connection::toUrl(*p)));
    }
}

void SavedConnections::connectProfile(const QString &profileId)
{
    const auto p = m_store->profile(profileId);
    if (!p)
        return;
    (void)m_store->touch(profileId);
    const ConnectionProfile profile = *m_store->profile(profileId);
    if (!profile.isPostgres()) {
        Q_EMIT openRequested(ConnectionSpec{profile, std::nullopt});
        return;
    }
    m_credentials->readPassword(profileId, this, [this, profile](Result<std::optional<QString>> r) {
        // No saved password: libpq's .pgpass / PGPASSWORD, else the server asks and we ask.
        Q_EMIT openRequested(ConnectionSpec{profile, r ? r.value() : std::nullopt});
    });
}

void SavedConnections::askPassword(const ConnectionSpec &spec, const Error &error)
{
    const QString target = spec.profile.displayName();
    PasswordDialog dialog(target, spec.password ? error.message : QString(), m_credentials->isSessionOnly(), m_window);
    if (dialog.exec() != QDialog::Accepted)
        return;
    ConnectionSpec retry = spec;
    retry.password = dialog.password();
    if (dialog.savePassword() && !spec.profile.id.isEmpty() && m_store->profile(spec.profile.id))
        m_credentials->writePassword(spec.profile.id, dialog.password(), this, {});
    Q_EMIT openRequested(retry);
}

} // namespace strata::ui
