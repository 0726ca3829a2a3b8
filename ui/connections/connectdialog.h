#pragma once

// "Connect to PostgreSQL…": host, port, database, user, password and SSL mode, or a pasted
// connection string (any form the core parser reads) that fills every field. The full
// connection manager (saved profiles, keychain, test connection) is its own feature; this
// dialog only produces a profile and a password held in memory.

#include "connection/connectionstring.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace strata::ui {

class ConnectDialog : public QDialog {
    Q_OBJECT
public:
    explicit ConnectDialog(QWidget *parent = nullptr);

    /// The profile and password the fields describe.
    connection::ConnectionSpec spec() const;
    /// Fills the fields from a connection string; shows the parser's error otherwise.
    bool applyConnectionString(const QString &text);

    QLineEdit *urlEdit() const { return m_url; }
    QLineEdit *hostEdit() const { return m_host; }
    QSpinBox *portEdit() const { return m_port; }
    QLineEdit *databaseEdit() const { return m_database; }
    QLineEdit *userEdit() const { return m_user; }
    QLineEdit *passwordEdit() const { return m_password; }
    QComboBox *sslModeBox() const { return m_sslMode; }

private:
    void updatePreview();

    QLineEdit *m_url;
    QLabel *m_urlError;
    QLineEdit *m_host;
    QSpinBox *m_port;
    QLineEdit *m_database;
    QLineEdit *m_user;
    QLineEdit *m_password;
    QComboBox *m_sslMode;
    QLabel *m_preview;
    QMap<QString, QString> m_extraOptions;   // options from a pasted string with no field of their own
    QString m_applicationName;
    int m_connectTimeout = 0;
};

} // namespace strata::ui
