#pragma once

// The connection manager's actions on saved profiles: new, edit, duplicate, rename, delete
// (asks), copy URL (never the password), import (with review) and export; and connecting a
// saved profile: its password comes from the credential store, else libpq's own sources
// (.pgpass, PGPASSWORD), else the user is asked when the server wants one. Passwords go to
// the CredentialStore only. The window opens the connections (openRequested).

#include "connection/connectionstore.h"
#include "connection/connectionstring.h"
#include "connection/credentialstore.h"
#include "connection/profileimport.h"

#include <QObject>
#include <QPointer>

class QMenu;
class QWidget;

namespace strata::ui {

class SavedConnections : public QObject {
    Q_OBJECT
public:
    enum class ImportKind { StrataJson, UrlList, ServiceFile, PgPass, DotEnv, PgAdmin, DBeaver };

    /// Neither store is owned; `window` parents the dialogs.
    SavedConnections(connection::ConnectionStore *store, connection::CredentialStore *credentials, QWidget *window);

    connection::ConnectionStore *store() const { return m_store; }
    connection::CredentialStore *credentials() const { return m_credentials; }

    /// Opens the connection dialog for a new profile (fields from `preset`).
    void createNew(const connection::ConnectionProfile &preset = {});
    void edit(const QString &profileId);
    void duplicate(const QString &profileId);
    void rename(const QString &profileId);
    /// Asks first; removes the saved password too.
    void remove(const QString &profileId);
    void copyUrl(const QString &profileId);
    /// Reads the saved password, marks the profile used, then emits openRequested.
    void connectProfile(const QString &profileId);
    /// After the server refused or wanted a password: asks, saves it if wished, and emits
    /// openRequested again. Does nothing when the user cancels.
    void askPassword(const connection::ConnectionSpec &spec, const Error &error);

    /// Asks for a file of `kind` (or takes the usual one), shows the review, saves.
    void importConnections(ImportKind kind);
    void exportConnections();
    /// A menu with one entry per import format.
    QMenu *createImportMenu(QWidget *parent);
    /// Saves the chosen candidates (new ids), their passwords to the credential store.
    int saveImported(const QList<connection::ImportCandidate> &candidates);

Q_SIGNALS:
    void openRequested(const strata::connection::ConnectionSpec &spec);
    /// Something to tell the user in passing (status bar).
    void notice(const QString &text);

private:
    void runDialog(const connection::ConnectionProfile &profile, bool isNew);
    void storePassword(const QString &profileId, const std::optional<QString> &password, bool save);
    QStringList groups() const;

    connection::ConnectionStore *m_store;
    connection::CredentialStore *m_credentials;
    QPointer<QWidget> m_window;
};

} // namespace strata::ui
