#pragma once

// The connection dialog: creates or edits a profile. SQLite (open a file, create one,
// in-memory, read-only) or PostgreSQL (host, port, database, user, password with "save
// password", SSL mode and certificate files, timeout, SSH tunnel). Pasting any connection
// string the core parser reads fills every field; the URL the fields make is shown live,
// never with the password. "Test connection" opens a throwaway Connection on its worker
// thread (the dialog never waits on the database), can be cancelled, and reports the
// server version and latency, or the error beside the field it concerns (Error::field).
// When the password is left empty, a note says where libpq will find one (.pgpass,
// PGPASSWORD). The dialog saves nothing itself: the caller reads profile(), password()
// and savePassword() after exec().

#include "connection/connection.h"
#include "connection/connectionstring.h"

#include <QDialog>
#include <QElapsedTimer>
#include <QHash>
#include <QPointer>
#include <QProcessEnvironment>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QRadioButton;
class QSpinBox;
class QStackedWidget;
class QTabWidget;
class QFormLayout;

namespace strata::ui {

class ConnectionDialog : public QDialog {
    Q_OBJECT
public:
    enum class Action { Save, Connect };

    explicit ConnectionDialog(QWidget *parent = nullptr);
    ~ConnectionDialog() override;

    /// Shows `profile` for editing (its id, times and unseen options are kept).
    void setProfile(const connection::ConnectionProfile &profile, const std::optional<QString> &password = {});
    /// The profile the fields describe (no password: see password()).
    connection::ConnectionProfile profile() const;
    /// The typed password, if any.
    std::optional<QString> password() const;
    bool savePassword() const;
    connection::ConnectionSpec spec() const { return {profile(), password()}; }
    /// Which button closed the dialog with Accepted.
    Action action() const { return m_action; }
    /// Folder names offered in the folder box.
    void setGroups(const QStringList &groups);
    /// The environment for PG* defaults and the .pgpass note (the process's by default).
    void setEnvironment(const QProcessEnvironment &env);
    /// Extra ssh arguments for test connections (see Connection::setTunnelArguments).
    void setTunnelArguments(const QStringList &arguments) { m_tunnelArguments = arguments; }
    /// Says that saved passwords only last this session (the keychain is unavailable).
    void setSessionOnlyPasswords(bool sessionOnly);

    /// Fills the fields from a connection string; shows the parser's error otherwise.
    bool applyConnectionString(const QString &text);
    /// Starts a test connection (or cancels the running one).
    void testConnection();
    void cancelTest();
    bool isTesting() const { return !m_tester.isNull(); }

    // For tests and screenshots.
    QLineEdit *urlEdit() const { return m_url; }
    QLineEdit *nameEdit() const { return m_name; }
    QComboBox *groupBox() const { return m_group; }
    QComboBox *colorBox() const { return m_color; }
    QComboBox *driverBox() const { return m_driver; }
    QLineEdit *hostEdit() const { return m_host; }
    QSpinBox *portEdit() const { return m_port; }
    QLineEdit *databaseEdit() const { return m_database; }
    QLineEdit *userEdit() const { return m_user; }
    QLineEdit *passwordEdit() const { return m_password; }
    QCheckBox *savePasswordBox() const { return m_savePassword; }
    QComboBox *sslModeBox() const { return m_sslMode; }
    QLineEdit *sshHostEdit() const { return m_sshHost; }
    QLineEdit *fileEdit() const { return m_file; }
    QLabel *previewLabel() const { return m_preview; }
    QLabel *passwordNote() const { return m_passwordNote; }
    QLabel *testStatus() const { return m_testStatus; }
    QPushButton *testButton() const { return m_testButton; }
    QTabWidget *postgresTabs() const { return m_pgTabs; }
    /// The error label under a field ("password", "host", "sshHost", "file"...), or null.
    QLabel *fieldError(const QString &field) const;

Q_SIGNALS:
    /// A test connection ended: ok, failed or cancelled (ok false).
    void testFinished(bool ok);

private:
    QWidget *buildPostgresGeneral();
    QWidget *buildPostgresSsl();
    QWidget *buildPostgresSsh();
    QWidget *buildPostgresAdvanced();
    QWidget *buildSqlitePage();
    QWidget *buildTestRow();
    void addField(QFormLayout *form, const QString &label, QWidget *field, const QString &name, QWidget *focus = nullptr);
    QWidget *withBrowse(QLineEdit *edit, bool save);
    void updatePreview();
    void updatePasswordNote();
    void updateDriver();
    void clearFieldErrors();
    void showFieldError(const Error &error);
    void finishTest(const Result<connection::ServerInfo> &result);
    void accept(Action action);

    connection::ConnectionProfile m_base;   // what setProfile gave: id, times, extra options
    QProcessEnvironment m_env;
    QStringList m_tunnelArguments;
    Action m_action = Action::Connect;
    bool m_filling = false;

    QLineEdit *m_name;
    QComboBox *m_group;
    QComboBox *m_color;
    QComboBox *m_driver;
    QCheckBox *m_readOnly;
    QLineEdit *m_url;
    QLabel *m_urlError;
    QStackedWidget *m_pages;
    QTabWidget *m_pgTabs = nullptr;
    QLineEdit *m_host = nullptr;
    QSpinBox *m_port = nullptr;
    QLineEdit *m_database = nullptr;
    QLineEdit *m_user = nullptr;
    QLineEdit *m_password = nullptr;
    QCheckBox *m_savePassword = nullptr;
    QLabel *m_passwordNote = nullptr;
    QComboBox *m_sslMode = nullptr;
    QLineEdit *m_sslCert = nullptr;
    QLineEdit *m_sslKey = nullptr;
    QLineEdit *m_sslRootCert = nullptr;
    QCheckBox *m_useSsh = nullptr;
    QLineEdit *m_sshHost = nullptr;
    QSpinBox *m_sshPort = nullptr;
    QLineEdit *m_sshUser = nullptr;
    QLineEdit *m_sshIdentity = nullptr;
    QLineEdit *m_sshJump = nullptr;
    QSpinBox *m_timeout = nullptr;
    QLineEdit *m_appName = nullptr;
    QLineEdit *m_notes = nullptr;
    QLineEdit *m_file = nullptr;
    QRadioButton *m_openExisting = nullptr;
    QRadioButton *m_createNew = nullptr;
    QRadioButton *m_inMemory = nullptr;
    QLabel *m_preview;
    QPushButton *m_testButton = nullptr;
    QProgressBar *m_testProgress = nullptr;
    QLabel *m_testStatus = nullptr;
    QHash<QString, QLabel *> m_fieldErrors;
    QHash<QString, QWidget *> m_fieldWidgets;

    QPointer<connection::Connection> m_tester;
    QElapsedTimer m_testTimer;
};

} // namespace strata::ui
