#include "connectdialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace strata::ui {

using connection::ConnectionProfile;
using connection::ConnectionSpec;

ConnectDialog::ConnectDialog(QWidget *parent)
    : QDialog(parent)
    , m_url(new QLineEdit(this))
    , m_urlError(new QLabel(this))
    , m_host(new QLineEdit(this))
    , m_port(new QSpinBox(this))
    , m_database(new QLineEdit(this))
    , m_user(new QLineEdit(this))
    , m_password(new QLineEdit(this))
    , m_sslMode(new QComboBox(this))
    , m_preview(new QLabel(this))
{
    setWindowTitle(tr("Connect to PostgreSQL"));
    m_url->setPlaceholderText(QStringLiteral("postgresql://user@localhost:5432/books"));
    m_url->setToolTip(tr("Paste a connection string (URL or host=… dbname=…) to fill the fields"));
    m_urlError->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_urlError->setWordWrap(true);
    m_urlError->hide();
    m_host->setPlaceholderText(QStringLiteral("localhost"));
    m_port->setRange(1, 65535);
    m_port->setValue(5432);
    m_database->setPlaceholderText(tr("same as user"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(tr("from PGPASSWORD or ~/.pgpass when empty"));
    m_sslMode->addItems({QString(), QStringLiteral("disable"), QStringLiteral("allow"), QStringLiteral("prefer"),
                         QStringLiteral("require"), QStringLiteral("verify-ca"), QStringLiteral("verify-full")});
    m_sslMode->setItemText(0, tr("default (prefer)"));
    m_preview->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_preview->setStyleSheet(QStringLiteral("color: palette(mid);"));

    connect(m_url, &QLineEdit::textEdited, this, [this](const QString &text) {
        if (text.trimmed().isEmpty()) {
            m_urlError->hide();
            return;
        }
        applyConnectionString(text);
    });
    for (QLineEdit *edit : {m_host, m_database, m_user})
        connect(edit, &QLineEdit::textChanged, this, &ConnectDialog::updatePreview);
    connect(m_port, &QSpinBox::valueChanged, this, &ConnectDialog::updatePreview);
    connect(m_sslMode, &QComboBox::currentIndexChanged, this, &ConnectDialog::updatePreview);

    auto *form = new QFormLayout;
    form->addRow(tr("Connection &string:"), m_url);
    form->addRow(QString(), m_urlError);
    form->addRow(tr("&Host:"), m_host);
    form->addRow(tr("&Port:"), m_port);
    form->addRow(tr("&Database:"), m_database);
    form->addRow(tr("&User:"), m_user);
    form->addRow(tr("Pass&word:"), m_password);
    form->addRow(tr("&SSL mode:"), m_sslMode);
    form->addRow(tr("URL:"), m_preview);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Connect"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
    setMinimumWidth(480);
    updatePreview();
}

bool ConnectDialog::applyConnectionString(const QString &text)
{
    const Result<ConnectionSpec> parsed = connection::parseConnectionString(text.trimmed());
    if (!parsed) {
        const Error &e = parsed.error();
        m_urlError->setText(e.field.isEmpty() ? e.message : tr("%1 (%2)").arg(e.message, e.field));
        m_urlError->show();
        return false;
    }
    if (!parsed->profile.isPostgres()) {
        m_urlError->setText(tr("This is a SQLite location; use File › Open SQLite database… for files."));
        m_urlError->show();
        return false;
    }
    m_urlError->hide();
    const ConnectionProfile &p = parsed->profile;
    m_host->setText(p.host);
    m_port->setValue(p.port > 0 ? p.port : 5432);
    m_database->setText(p.database);
    m_user->setText(p.user);
    if (parsed->password)
        m_password->setText(*parsed->password);
    const int ssl = m_sslMode->findText(p.sslMode);
    m_sslMode->setCurrentIndex(ssl > 0 ? ssl : 0);
    m_extraOptions = p.options;
    m_applicationName = p.applicationName;
    m_connectTimeout = p.connectTimeout;
    updatePreview();
    return true;
}

ConnectionSpec ConnectDialog::spec() const
{
    ConnectionSpec spec;
    ConnectionProfile &p = spec.profile;
    p.driver = dialect::DialectKind::Postgres;
    p.host = m_host->text().trimmed();
    p.port = m_port->value();
    p.database = m_database->text().trimmed();
    p.user = m_user->text().trimmed();
    p.sslMode = m_sslMode->currentIndex() > 0 ? m_sslMode->currentText() : QString();
    p.options = m_extraOptions;
    p.applicationName = m_applicationName;
    p.connectTimeout = m_connectTimeout;
    if (!m_password->text().isEmpty())
        spec.password = m_password->text();
    return spec;
}

void ConnectDialog::updatePreview()
{
    m_preview->setText(connection::toUrl(spec().profile));
}

} // namespace strata::ui
