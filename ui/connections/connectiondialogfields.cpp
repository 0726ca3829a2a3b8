// The connection dialog's behaviour: profile <-> fields, pasting a connection string, the
// live URL preview, the .pgpass note, and the test connection.

#include "connectiondialog.h"

#include "connection/pgenvironment.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QTabWidget>

namespace strata::ui {

using connection::ConnectionProfile;
using connection::ConnectionSpec;

namespace {

/// Where each field lives in the PostgreSQL tabs.
int tabOfField(const QString &field)
{
    if (field.startsWith(QLatin1String("ssl")))
        return 1;
    if (field.startsWith(QLatin1String("ssh")))
        return 2;
    if (field == QLatin1String("connect_timeout") || field == QLatin1String("application_name"))
        return 3;
    return 0;
}

QString shortPath(const QString &path)
{
    const QString home = QDir::homePath();
    return path.startsWith(home + QLatin1Char('/')) ? QStringLiteral("~") + path.mid(home.size()) : path;
}

} // namespace

void ConnectionDialog::setProfile(const ConnectionProfile &p, const std::optional<QString> &password)
{
    m_filling = true;
    m_base = p;
    m_name->setText(p.name);
    m_group->setCurrentText(p.group);
    const int color = m_color->findData(p.colorTag);
    m_color->setCurrentIndex(color >= 0 ? color : 0);
    m_driver->setCurrentIndex(m_driver->findData(int(p.driver)));
    m_readOnly->setChecked(p.readOnly);
    m_host->setText(p.host);
    m_port->setValue(p.port > 0 ? p.port : 5432);
    m_database->setText(p.database);
    m_user->setText(p.user);
    m_password->setText(password.value_or(QString()));
    const int ssl = m_sslMode->findData(p.sslMode);
    m_sslMode->setCurrentIndex(ssl > 0 ? ssl : 0);
    m_sslCert->setText(p.sslCert);
    m_sslKey->setText(p.sslKey);
    m_sslRootCert->setText(p.sslRootCert);
    m_useSsh->setChecked(!p.sshHost.isEmpty());
    m_sshHost->setText(p.sshHost);
    m_sshPort->setValue(p.sshPort);
    m_sshUser->setText(p.sshUser);
    m_sshIdentity->setText(p.sshIdentityFile);
    m_sshJump->setText(p.sshJumpHost);
    m_timeout->setValue(p.connectTimeout);
    m_appName->setText(p.applicationName);
    m_notes->setText(p.notes);
    m_file->setText(p.inMemory ? QString() : p.filePath);
    (p.inMemory ? m_inMemory : p.createIfMissing ? m_createNew : m_openExisting)->setChecked(true);
    m_filling = false;
    updateDriver();
}

ConnectionProfile ConnectionDialog::profile() const
{
    ConnectionProfile p = m_base;   // keeps id, times, service and unseen options
    p.name = m_name->text().trimmed();
    p.group = m_group->currentText().trimmed();
    p.colorTag = m_color->currentData().toString();
    p.driver = dialect::DialectKind(m_driver->currentData().toInt());
    p.readOnly = m_readOnly->isChecked();
    if (p.isSqlite()) {
        p.inMemory = m_inMemory->isChecked();
        p.filePath = p.inMemory ? QString() : QDir::cleanPath(m_file->text().trimmed());
        if (p.filePath == QLatin1String("."))
            p.filePath.clear();
        p.createIfMissing = m_createNew->isChecked();
        return p;
    }
    p.host = m_host->text().trimmed();
    p.port = m_port->value();
    p.database = m_database->text().trimmed();
    p.user = m_user->text().trimmed();
    p.sslMode = m_sslMode->currentData().toString();
    p.sslCert = m_sslCert->text().trimmed();
    p.sslKey = m_sslKey->text().trimmed();
    p.sslRootCert = m_sslRootCert->text().trimmed();
    const bool ssh = m_useSsh->isChecked();
    p.sshHost = ssh ? m_sshHost->text().trimmed() : QString();
    p.sshPort = ssh ? m_sshPort->value() : 0;
    p.sshUser = ssh ? m_sshUser->text().trimmed() : QString();
    p.sshIdentityFile = ssh ? m_sshIdentity->text().trimmed() : QString();
    p.sshJumpHost = ssh ? m_sshJump->text().trimmed() : QString();
    p.connectTimeout = m_timeout->value();
    p.applicationName = m_appName->text().trimmed();
    p.notes = m_notes->text().trimmed();
    return p;
}

std::optional<QString> ConnectionDialog::password() const
{
    if (m_driver->currentData().toInt() == int(dialect::DialectKind::Sqlite) || m_password->text().isEmpty())
        return std::nullopt;
    return m_password->text();
}

bool ConnectionDialog::savePassword() const
{
    return password().has_value() && m_savePassword->isChecked();
}

void ConnectionDialog::setEnvironment(const QProcessEnvironment &env)
{
    m_env = env;
    updatePasswordNote();
}

bool ConnectionDialog::applyConnectionString(const QString &text)
{
    const Result<ConnectionSpec> parsed = connection::parseConnectionString(text.trimmed());
    if (!parsed) {
        const Error &e = parsed.error();
        m_urlError->setText(e.field.isEmpty() ? e.message : tr("%1 (%2)").arg(e.message, e.field));
        m_urlError->show();
        return false;
    }
    m_urlError->hide();
    // What the string does not say keeps what the dialog had: name, folder, tag, notes.
    ConnectionProfile p = parsed->profile;
    const ConnectionProfile current = profile();
    p.id = m_base.id;
    p.name = current.name;
    p.group = current.group;
    p.colorTag = current.colorTag;
    p.notes = current.notes;
    p.created = m_base.created;
    p.lastUsed = m_base.lastUsed;
    if (p.isPostgres()) {
        p.sshHost = current.sshHost;
        p.sshPort = current.sshPort;
        p.sshUser = current.sshUser;
        p.sshIdentityFile = current.sshIdentityFile;
        p.sshJumpHost = current.sshJumpHost;
        p.readOnly = p.readOnly || current.readOnly;
    }
    setProfile(p, parsed->password ? parsed->password : password());
    return true;
}

void ConnectionDialog::updatePreview()
{
    if (m_filling)
        return;
    const ConnectionProfile p = profile();
    QString url = connection::toUrl(p);   // never with the password
    if (p.usesSshTunnel())
        url += tr("  via ssh %1").arg((p.sshUser.isEmpty() ? QString() : p.sshUser + QLatin1Char('@')) + p.sshHost);
    m_preview->setText(url);
    updatePasswordNote();
}

void ConnectionDialog::updatePasswordNote()
{
    if (!m_passwordNote || m_filling)
        return;
    const ConnectionProfile p = profile();
    if (!p.isPostgres() || password().has_value()) {
        m_passwordNote->clear();
        m_passwordNote->setVisible(false);
        return;
    }
    const connection::PasswordLookup found = connection::lookupPassword(connection::withPgDefaults(p, m_env), m_env);
    QString note;
    switch (found.source) {
    case connection::PasswordSource::PasswordFile:
        note = tr("The password will come from %1.").arg(shortPath(found.filePath));
        break;
    case connection::PasswordSource::Environment:
        note = tr("The password will come from PGPASSWORD.");
        break;
    case connection::PasswordSource::None:
        note = found.warning.isEmpty() ? tr("No password saved: Strata asks when the server wants one.") : found.warning;
        break;
    }
    m_passwordNote->setText(note);
    m_passwordNote->setVisible(true);
}

void ConnectionDialog::clearFieldErrors()
{
    for (QLabel *label : std::as_const(m_fieldErrors)) {
        label->clear();
        label->hide();
    }
}

void ConnectionDialog::showFieldError(const Error &error)
{
    QLabel *label = m_fieldErrors.value(error.field);
    if (!label)
        return;
    label->setText(error.message);
    label->setToolTip(error.detail);
    label->show();
    if (m_driver->currentData().toInt() == int(dialect::DialectKind::Postgres))
        m_pgTabs->setCurrentIndex(tabOfField(error.field));
    if (QWidget *w = m_fieldWidgets.value(error.field))
        w->setFocus();
}

void ConnectionDialog::testConnection()
{
    cancelTest();
    clearFieldErrors();
    const ConnectionProfile p = profile();
    if (p.isSqlite() && !p.inMemory && p.filePath.isEmpty()) {
        showFieldError(Error(ErrorKind::NotFound, tr("Choose a file.")).withField(QStringLiteral("file")));
        return;
    }
    if (p.isPostgres() && m_useSsh->isChecked() && p.sshHost.isEmpty()) {
        showFieldError(Error(ErrorKind::Syntax, tr("Enter the SSH host, or turn the tunnel off.")).withField(QStringLiteral("sshHost")));
        return;
    }
    m_tester = new connection::Connection(p, QStringLiteral("test"), this);
    m_tester->setTunnelArguments(m_tunnelArguments);
    m_testButton->setText(tr("Cancel &test"));
    m_testProgress->show();
    m_testStatus->setStyleSheet(QString());
    m_testStatus->setText(p.usesSshTunnel() ? tr("Opening the SSH tunnel to %1…").arg(p.sshHost) : tr("Connecting…"));
    m_testTimer.start();
    m_tester->open(password(), [this](const Result<connection::ServerInfo> &r) { finishTest(r); });
}

void ConnectionDialog::cancelTest()
{
    if (!m_tester)
        return;
    // The worker may sit in libpq's connect until its timeout: let it finish on its own.
    m_tester->disposeLater();
    m_tester = nullptr;
    m_testButton->setText(tr("&Test connection"));
    m_testProgress->hide();
    m_testStatus->setStyleSheet(QString());
    m_testStatus->setText(tr("Cancelled."));
    Q_EMIT testFinished(false);
}

void ConnectionDialog::finishTest(const Result<connection::ServerInfo> &result)
{
    const qint64 elapsed = m_testTimer.elapsed();
    if (m_tester) {
        m_tester->disposeLater();
        m_tester = nullptr;
    }
    m_testButton->setText(tr("&Test connection"));
    m_testProgress->hide();
    if (result) {
        const connection::ServerInfo &info = result.value();
        QString text = tr("✔ Connected: %1 %2 — %3 ms to connect, %4 ms round trip")
                           .arg(info.product, info.version)
                           .arg(elapsed)
                           .arg(info.latencyMs);
        if (info.readOnly)
            text += tr(" — read-only");
        m_testStatus->setStyleSheet(QStringLiteral("color: #2e7d32;"));
        m_testStatus->setText(text);
        Q_EMIT testFinished(true);
        return;
    }
    const Error &e = result.error();
    m_testStatus->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_testStatus->setText(tr("✘ %1").arg(e.message));
    m_testStatus->setToolTip(e.detail);
    showFieldError(e);
    Q_EMIT testFinished(false);
}

void ConnectionDialog::accept(Action action)
{
    const ConnectionProfile p = profile();
    clearFieldErrors();
    if (p.isSqlite() && !p.inMemory && p.filePath.isEmpty())
        return showFieldError(Error(ErrorKind::NotFound, tr("Choose a file.")).withField(QStringLiteral("file")));
    if (p.isPostgres() && m_useSsh->isChecked() && p.sshHost.isEmpty())
        return showFieldError(Error(ErrorKind::Syntax, tr("Enter the SSH host, or turn the tunnel off.")).withField(QStringLiteral("sshHost")));
    cancelTest();
    m_action = action;
    QDialog::accept();
}

} // namespace strata::ui
