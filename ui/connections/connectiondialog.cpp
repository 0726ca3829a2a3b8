// The connection dialog's widgets and layout. Reading and writing the fields, the live
// preview and the test connection are in connectiondialogfields.cpp.

#include "connectiondialog.h"

#include "widgets/colortags.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QStackedWidget>
#include <QTabWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace strata::ui {

namespace {

QLabel *hintLabel(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setStyleSheet(QStringLiteral("color: palette(placeholder-text);"));
    return label;
}

} // namespace

ConnectionDialog::ConnectionDialog(QWidget *parent)
    : QDialog(parent)
    , m_env(QProcessEnvironment::systemEnvironment())
    , m_name(new QLineEdit(this))
    , m_group(new QComboBox(this))
    , m_color(new QComboBox(this))
    , m_driver(new QComboBox(this))
    , m_readOnly(new QCheckBox(tr("&Read-only"), this))
    , m_url(new QLineEdit(this))
    , m_urlError(new QLabel(this))
    , m_pages(new QStackedWidget(this))
    , m_preview(new QLabel(this))
{
    setWindowTitle(tr("Connection"));
    setObjectName(QStringLiteral("ConnectionDialog"));
    m_name->setPlaceholderText(tr("e.g. Books (production)"));
    m_group->setEditable(true);
    m_group->setInsertPolicy(QComboBox::NoInsert);
    m_group->lineEdit()->setPlaceholderText(tr("no folder"));
    m_color->addItem(colorSwatch(QColor()), tr("No tag"), QString());
    for (const ColorTag &tag : colorTags())
        m_color->addItem(colorSwatch(tag.color), tag.label, tag.name);
    m_driver->addItem(tr("PostgreSQL"), int(dialect::DialectKind::Postgres));
    m_driver->addItem(tr("SQLite"), int(dialect::DialectKind::Sqlite));
    m_readOnly->setToolTip(tr("Enforced by the database: every write fails (SQLite opens the file read-only; "
                              "PostgreSQL sessions default to read-only transactions)."));
    m_url->setPlaceholderText(tr("Paste a URL or keyword string: postgresql://user@host:5432/db, host=… dbname=…, books.db"));
    m_url->setClearButtonEnabled(true);
    m_urlError->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_urlError->setWordWrap(true);
    m_urlError->hide();
    m_preview->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_preview->setWordWrap(true);
    m_preview->setStyleSheet(QStringLiteral("font-family: monospace; color: palette(placeholder-text);"));

    m_pgTabs = new QTabWidget(this);
    m_pgTabs->addTab(buildPostgresGeneral(), tr("General"));
    m_pgTabs->addTab(buildPostgresSsl(), tr("SSL"));
    m_pgTabs->addTab(buildPostgresSsh(), tr("SSH tunnel"));
    m_pgTabs->addTab(buildPostgresAdvanced(), tr("Advanced"));
    m_pages->addWidget(m_pgTabs);
    m_pages->addWidget(buildSqlitePage());

    auto *top = new QFormLayout;
    top->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    auto *nameRow = new QHBoxLayout;
    nameRow->addWidget(m_name, 3);
    auto *groupLabel = new QLabel(tr("&Folder:"), this);
    groupLabel->setBuddy(m_group);
    nameRow->addWidget(groupLabel);
    nameRow->addWidget(m_group, 2);
    auto *tagLabel = new QLabel(tr("Ta&g:"), this);
    tagLabel->setBuddy(m_color);
    nameRow->addWidget(tagLabel);
    nameRow->addWidget(m_color, 1);
    auto *nameLabel = new QLabel(tr("&Name:"), this);
    nameLabel->setBuddy(m_name);
    top->addRow(nameLabel, nameRow);
    auto *typeRow = new QHBoxLayout;
    typeRow->addWidget(m_driver);
    typeRow->addSpacing(12);
    typeRow->addWidget(m_readOnly);
    typeRow->addStretch(1);
    auto *typeLabel = new QLabel(tr("T&ype:"), this);
    typeLabel->setBuddy(m_driver);
    top->addRow(typeLabel, typeRow);
    top->addRow(tr("&Paste:"), m_url);
    top->addRow(QString(), m_urlError);

    auto *previewRow = new QHBoxLayout;
    auto *previewTitle = new QLabel(tr("URL:"), this);
    previewRow->addWidget(previewTitle);
    previewRow->addWidget(m_preview, 1);

    auto *buttons = new QDialogButtonBox(this);
    QPushButton *connectButton = buttons->addButton(tr("&Connect"), QDialogButtonBox::AcceptRole);
    QPushButton *saveButton = buttons->addButton(tr("&Save"), QDialogButtonBox::ApplyRole);
    buttons->addButton(QDialogButtonBox::Cancel);
    connectButton->setDefault(true);
    connectButton->setToolTip(tr("Save the connection and connect"));
    saveButton->setToolTip(tr("Save the connection without connecting"));
    connect(connectButton, &QPushButton::clicked, this, [this] { accept(Action::Connect); });
    connect(saveButton, &QPushButton::clicked, this, [this] { accept(Action::Save); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_pages, 1);
    layout->addLayout(previewRow);
    layout->addWidget(buildTestRow());
    layout->addWidget(buttons);

    connect(m_url, &QLineEdit::textEdited, this, [this](const QString &text) {
        if (text.trimmed().isEmpty())
            m_urlError->hide();
        else
            applyConnectionString(text);
    });
    connect(m_driver, &QComboBox::currentIndexChanged, this, &ConnectionDialog::updateDriver);
    for (QLineEdit *edit : findChildren<QLineEdit *>())
        if (edit != m_url)
            connect(edit, &QLineEdit::textChanged, this, &ConnectionDialog::updatePreview);
    for (QSpinBox *spin : findChildren<QSpinBox *>())
        connect(spin, &QSpinBox::valueChanged, this, &ConnectionDialog::updatePreview);
    for (QCheckBox *box : findChildren<QCheckBox *>())
        connect(box, &QCheckBox::toggled, this, &ConnectionDialog::updatePreview);
    for (QRadioButton *radio : findChildren<QRadioButton *>())
        connect(radio, &QRadioButton::toggled, this, &ConnectionDialog::updatePreview);
    connect(m_sslMode, &QComboBox::currentIndexChanged, this, &ConnectionDialog::updatePreview);

    setMinimumWidth(640);
    resize(700, 480);
    updateDriver();
}

ConnectionDialog::~ConnectionDialog()
{
    cancelTest();
}

void ConnectionDialog::addField(QFormLayout *form, const QString &label, QWidget *field, const QString &name, QWidget *focus)
{
    form->addRow(label, field);
    auto *error = new QLabel(this);
    error->setObjectName(QStringLiteral("error-") + name);
    error->setStyleSheet(QStringLiteral("color: #c62828;"));
    error->setWordWrap(true);
    error->hide();
    form->addRow(QString(), error);
    m_fieldErrors.insert(name, error);
    m_fieldWidgets.insert(name, focus ? focus : field);
}

QWidget *ConnectionDialog::withBrowse(QLineEdit *edit, bool save)
{
    auto *box = new QWidget(this);
    auto *row = new QHBoxLayout(box);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(edit, 1);
    auto *browse = new QToolButton(box);
    browse->setText(tr("Browse…"));
    connect(browse, &QToolButton::clicked, this, [this, edit, save] {
        const QString path = save ? QFileDialog::getSaveFileName(this, tr("New SQLite database"), edit->text(),
                                                                 tr("SQLite databases (*.db *.sqlite *.sqlite3)"))
                                  : QFileDialog::getOpenFileName(this, tr("Choose a file"), edit->text());
        if (!path.isEmpty())
            edit->setText(path);
    });
    row->addWidget(browse);
    return box;
}

QWidget *ConnectionDialog::buildPostgresGeneral()
{
    auto *page = new QWidget(this);
    auto *form = new QFormLayout(page);
    m_host = new QLineEdit(page);
    m_host->setPlaceholderText(QStringLiteral("localhost"));
    m_port = new QSpinBox(page);
    m_port->setRange(1, 65535);
    m_port->setValue(5432);
    auto *hostRow = new QWidget(page);
    auto *hostLayout = new QHBoxLayout(hostRow);
    hostLayout->setContentsMargins(0, 0, 0, 0);
    hostLayout->addWidget(m_host, 1);
    hostLayout->addWidget(new QLabel(tr("Port:"), hostRow));
    hostLayout->addWidget(m_port);
    addField(form, tr("&Host:"), hostRow, QStringLiteral("host"), m_host);
    m_fieldWidgets.insert(QStringLiteral("port"), m_port);
    m_database = new QLineEdit(page);
    m_database->setPlaceholderText(tr("same as the user name"));
    addField(form, tr("Data&base:"), m_database, QStringLiteral("database"));
    m_user = new QLineEdit(page);
    m_user->setPlaceholderText(tr("your login name"));
    addField(form, tr("&User:"), m_user, QStringLiteral("user"));
    m_password = new QLineEdit(page);
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(tr("ask when needed"));
    m_savePassword = new QCheckBox(tr("Save password in the system keychain"), page);
    auto *pwBox = new QWidget(page);
    auto *pwLayout = new QVBoxLayout(pwBox);
    pwLayout->setContentsMargins(0, 0, 0, 0);
    pwLayout->addWidget(m_password);
    pwLayout->addWidget(m_savePassword);
    addField(form, tr("Pass&word:"), pwBox, QStringLiteral("password"), m_password);
    m_passwordNote = hintLabel(QString(), page);
    m_passwordNote->setObjectName(QStringLiteral("passwordNote"));
    form->addRow(QString(), m_passwordNote);
    connect(m_password, &QLineEdit::textChanged, this, &ConnectionDialog::updatePasswordNote);
    return page;
}

QWidget *ConnectionDialog::buildPostgresSsl()
{
    auto *page = new QWidget(this);
    auto *form = new QFormLayout(page);
    m_sslMode = new QComboBox(page);
    m_sslMode->addItem(tr("default (prefer)"), QString());
    for (const char *mode : {"disable", "allow", "prefer", "require", "verify-ca", "verify-full"})
        m_sslMode->addItem(QLatin1String(mode), QLatin1String(mode));
    addField(form, tr("SSL &mode:"), m_sslMode, QStringLiteral("sslmode"));
    m_sslCert = new QLineEdit(page);
    m_sslKey = new QLineEdit(page);
    m_sslRootCert = new QLineEdit(page);
    m_sslRootCert->setPlaceholderText(QStringLiteral("~/.postgresql/root.crt"));
    addField(form, tr("Client &certificate:"), withBrowse(m_sslCert, false), QStringLiteral("sslcert"), m_sslCert);
    addField(form, tr("Client &key:"), withBrowse(m_sslKey, false), QStringLiteral("sslkey"), m_sslKey);
    addField(form, tr("&Root certificate:"), withBrowse(m_sslRootCert, false), QStringLiteral("sslrootcert"), m_sslRootCert);
    form->addRow(QString(), hintLabel(tr("verify-ca checks the server's certificate against the root certificate; "
                                         "verify-full also checks that it names the host."), page));
    return page;
}

QWidget *ConnectionDialog::buildPostgresSsh()
{
    auto *page = new QWidget(this);
    auto *form = new QFormLayout(page);
    m_useSsh = new QCheckBox(tr("Connect through an SSH tunnel"), page);
    form->addRow(QString(), m_useSsh);
    m_sshHost = new QLineEdit(page);
    m_sshHost->setPlaceholderText(tr("bastion.example.com or a ~/.ssh/config host"));
    m_sshPort = new QSpinBox(page);
    m_sshPort->setRange(0, 65535);
    m_sshPort->setSpecialValueText(tr("default"));
    auto *hostRow = new QWidget(page);
    auto *hostLayout = new QHBoxLayout(hostRow);
    hostLayout->setContentsMargins(0, 0, 0, 0);
    hostLayout->addWidget(m_sshHost, 1);
    hostLayout->addWidget(new QLabel(tr("Port:"), hostRow));
    hostLayout->addWidget(m_sshPort);
    addField(form, tr("SSH &host:"), hostRow, QStringLiteral("sshHost"), m_sshHost);
    m_fieldWidgets.insert(QStringLiteral("sshPort"), m_sshPort);
    m_fieldErrors.insert(QStringLiteral("sshPort"), m_fieldErrors.value(QStringLiteral("sshHost")));
    m_sshUser = new QLineEdit(page);
    m_sshUser->setPlaceholderText(tr("from ~/.ssh/config or your login name"));
    addField(form, tr("SSH &user:"), m_sshUser, QStringLiteral("sshUser"));
    m_sshIdentity = new QLineEdit(page);
    m_sshIdentity->setPlaceholderText(tr("empty: the SSH agent and your default keys"));
    addField(form, tr("&Identity file:"), withBrowse(m_sshIdentity, false), QStringLiteral("sshIdentityFile"), m_sshIdentity);
    m_sshJump = new QLineEdit(page);
    m_sshJump->setPlaceholderText(tr("optional: [user@]jumphost[:port]"));
    addField(form, tr("&Jump host:"), m_sshJump, QStringLiteral("sshJumpHost"));
    form->addRow(QString(), hintLabel(tr("Strata runs your OpenSSH client (ssh -N -L), so ~/.ssh/config, known_hosts and "
                                         "the agent apply. It never sends a password to ssh: use a key. The database "
                                         "host and port on the General tab are as seen from the SSH server."), page));
    auto enable = [this](bool on) {
        for (QWidget *w : {static_cast<QWidget *>(m_sshHost), static_cast<QWidget *>(m_sshPort), static_cast<QWidget *>(m_sshUser),
                           static_cast<QWidget *>(m_sshIdentity), static_cast<QWidget *>(m_sshJump)})
            w->setEnabled(on);
    };
    connect(m_useSsh, &QCheckBox::toggled, this, enable);
    enable(false);
    return page;
}

QWidget *ConnectionDialog::buildPostgresAdvanced()
{
    auto *page = new QWidget(this);
    auto *form = new QFormLayout(page);
    m_timeout = new QSpinBox(page);
    m_timeout->setRange(0, 600);
    m_timeout->setSuffix(tr(" s"));
    m_timeout->setSpecialValueText(tr("default (10 s)"));
    addField(form, tr("Connect &timeout:"), m_timeout, QStringLiteral("connect_timeout"));
    m_appName = new QLineEdit(page);
    m_appName->setPlaceholderText(QStringLiteral("Strata"));
    addField(form, tr("&Application name:"), m_appName, QStringLiteral("application_name"));
    m_notes = new QLineEdit(page);
    addField(form, tr("N&otes:"), m_notes, QStringLiteral("notes"));
    return page;
}

QWidget *ConnectionDialog::buildSqlitePage()
{
    auto *page = new QWidget(this);
    auto *form = new QFormLayout(page);
    m_openExisting = new QRadioButton(tr("Open an existing file"), page);
    m_createNew = new QRadioButton(tr("Create a new file (if it does not exist)"), page);
    m_inMemory = new QRadioButton(tr("In memory (gone when closed)"), page);
    m_openExisting->setChecked(true);
    auto *modes = new QWidget(page);
    auto *modeLayout = new QVBoxLayout(modes);
    modeLayout->setContentsMargins(0, 0, 0, 0);
    modeLayout->addWidget(m_openExisting);
    modeLayout->addWidget(m_createNew);
    modeLayout->addWidget(m_inMemory);
    form->addRow(tr("Mode:"), modes);
    m_file = new QLineEdit(page);
    m_file->setPlaceholderText(tr("/path/to/books.db"));
    QWidget *fileRow = withBrowse(m_file, false);
    addField(form, tr("&File:"), fileRow, QStringLiteral("file"), m_file);
    connect(m_inMemory, &QRadioButton::toggled, fileRow, [fileRow](bool memory) { fileRow->setEnabled(!memory); });
    form->addRow(QString(), hintLabel(tr("Foreign keys are enforced. Read-only opens the file read-only: "
                                         "nothing, not even a PRAGMA, can change it."), page));
    return page;
}

QWidget *ConnectionDialog::buildTestRow()
{
    auto *row = new QWidget(this);
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 4, 0, 4);
    m_testButton = new QPushButton(tr("&Test connection"), row);
    // Wide enough for both of its texts, so it never jumps or gets cut.
    m_testButton->setMinimumWidth(qMax(m_testButton->sizeHint().width(),
                                       m_testButton->fontMetrics().horizontalAdvance(tr("Cancel test")) + 32));
    m_testButton->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    m_testProgress = new QProgressBar(row);
    m_testProgress->setRange(0, 0);
    m_testProgress->setMaximumWidth(80);
    m_testProgress->setMaximumHeight(12);
    m_testProgress->setTextVisible(false);
    m_testProgress->hide();
    m_testStatus = new QLabel(row);
    m_testStatus->setWordWrap(true);
    m_testStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_testButton);
    layout->addWidget(m_testProgress);
    layout->addWidget(m_testStatus, 1);
    connect(m_testButton, &QPushButton::clicked, this, [this] { isTesting() ? cancelTest() : testConnection(); });
    return row;
}

QLabel *ConnectionDialog::fieldError(const QString &field) const
{
    return m_fieldErrors.value(field);
}

void ConnectionDialog::setGroups(const QStringList &groups)
{
    const QString current = m_group->currentText();
    m_group->clear();
    m_group->addItem(QString());
    m_group->addItems(groups);
    m_group->setCurrentText(current);
}

void ConnectionDialog::setSessionOnlyPasswords(bool sessionOnly)
{
    m_savePassword->setText(sessionOnly ? tr("Remember password for this session (no keychain available)")
                                        : tr("Save password in the system keychain"));
}

void ConnectionDialog::updateDriver()
{
    const bool sqlite = m_driver->currentData().toInt() == int(dialect::DialectKind::Sqlite);
    m_pages->setCurrentIndex(sqlite ? 1 : 0);
    updatePreview();
    updatePasswordNote();
}

} // namespace strata::ui
