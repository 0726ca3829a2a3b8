#include "restoredialog.h"

#include "archivecontentstree.h"
#include "backup/sqliterestorejob.h"
#include "jobprogressview.h"
#include "pgtoolfolder.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace strata::ui {

using namespace strata::backup;

RestoreDialog::RestoreDialog(connection::ConnectionSpec spec, QWidget *parent)
    : JobDialog(tr("&Restore"), spec.profile.isPostgres(), parent), m_spec(std::move(spec)),
      m_postgres(m_spec.profile.isPostgres())
{
    setWindowTitle(tr("Restore into %1").arg(m_spec.profile.displayName()));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(buildPathRow());
    m_formatLabel = new QLabel(this);
    m_formatLabel->setWordWrap(true);
    layout->addWidget(m_formatLabel);
    QWidget *options = m_postgres ? buildPostgresOptions() : buildSqliteOptions();
    layout->addWidget(options, 1);
    lockWhileRunning(options);
    progressView()->log()->setMaximumHeight(120);
    layout->addWidget(progressView());
    m_open = buttons()->addButton(m_postgres ? tr("&Open the new database") : tr("&Open as a new connection"),
                                  QDialogButtonBox::ActionRole);
    m_open->setVisible(!m_postgres);
    lockWhileRunning(m_open);
    connect(m_open, &QPushButton::clicked, this, &RestoreDialog::openAsConnection);
    layout->addWidget(buttons());
    updateOptionWidgets();
    resize(940, 700);
}

RestoreDialog::~RestoreDialog() = default;

QWidget *RestoreDialog::buildPathRow()
{
    auto *row = new QWidget(this);
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    m_path = new QLineEdit(row);
    m_path->setPlaceholderText(m_postgres ? tr("a .dump, .tar or .sql file, or a backup folder") : tr("a SQLite backup file"));
    auto *browseButton = new QPushButton(tr("&Browse…"), row);
    auto *pathLabel = new QLabel(tr("&Backup:"), row);
    pathLabel->setBuddy(m_path);
    layout->addWidget(pathLabel);
    layout->addWidget(m_path, 1);
    layout->addWidget(browseButton);
    connect(browseButton, &QPushButton::clicked, this, &RestoreDialog::browse);
    connect(m_path, &QLineEdit::editingFinished, this, &RestoreDialog::loadContents);
    lockWhileRunning(row);
    return row;
}

QWidget *RestoreDialog::buildPostgresOptions()
{
    auto *box = new QWidget(this);
    auto *split = new QHBoxLayout(box);
    split->setContentsMargins(0, 0, 0, 0);
    m_tree = new ArchiveContentsTree(box);
    connect(m_tree, &ArchiveContentsTree::loaded, this, &RestoreDialog::contentsRead);
    split->addWidget(m_tree, 5);

    auto *side = new QWidget(box);
    auto *form = new QFormLayout(side);
    form->setContentsMargins(0, 0, 0, 0);
    m_target = new QComboBox(side);
    m_target->addItem(tr("This database (%1)").arg(m_spec.profile.database));
    m_target->addItem(tr("A new database"));
    form->addRow(tr("&Into:"), m_target);
    m_newDatabase = new QLineEdit(side);
    m_newDatabase->setPlaceholderText(tr("name of the new database"));
    form->addRow(tr("&New name:"), m_newDatabase);
    m_createArchiveDb = new QCheckBox(tr("Create the &archive's database (--create)"), side);
    m_createArchiveDb->setToolTip(tr("pg_restore connects to this database, creates the database the backup was taken "
                                     "from (its name and settings; with Clean, drops it first) and restores into it."));
    form->addRow(QString(), m_createArchiveDb);
    m_content = new QComboBox(side);
    m_content->addItem(tr("Schema and data"), int(Content::Everything));
    m_content->addItem(tr("Schema only"), int(Content::SchemaOnly));
    m_content->addItem(tr("Data only"), int(Content::DataOnly));
    form->addRow(tr("C&ontent:"), m_content);
    form->addRow(tr("&Tools folder:"), PgToolFolder::makeEdit(side));
    m_jobs = new QSpinBox(side);
    m_jobs->setRange(1, 16);
    form->addRow(tr("Parallel &jobs:"), m_jobs);
    m_clean = new QCheckBox(tr("C&lean (drop objects first)"), side);
    m_ifExists = new QCheckBox(tr("&If exists"), side);
    m_single = new QCheckBox(tr("&Single transaction"), side);
    m_noOwner = new QCheckBox(tr("No o&wner"), side);
    m_noPrivileges = new QCheckBox(tr("No &privileges"), side);
    m_exitOnError = new QCheckBox(tr("S&top at the first error"), side);
    m_exitOnError->setChecked(true);
    for (QCheckBox *c : {m_clean, m_ifExists, m_single, m_noOwner, m_noPrivileges, m_exitOnError})
        form->addRow(QString(), c);
    split->addWidget(side, 3);
    for (QCheckBox *c : {m_clean, m_single, m_createArchiveDb})
        connect(c, &QCheckBox::toggled, this, &RestoreDialog::updateOptionWidgets);
    connect(m_target, &QComboBox::currentIndexChanged, this, &RestoreDialog::updateOptionWidgets);
    connect(m_content, &QComboBox::currentIndexChanged, this, &RestoreDialog::updateOptionWidgets);
    return box;
}

QWidget *RestoreDialog::buildSqliteOptions()
{
    auto *box = new QLabel(tr("The backup replaces the content of <b>%1</b> in one transaction (a failure or Cancel "
                              "leaves it as it was). You are asked to confirm first.")
                               .arg(m_spec.profile.filePath.toHtmlEscaped()), this);
    box->setWordWrap(true);
    box->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    return box;
}

QTreeWidget *RestoreDialog::contentsTree() const
{
    return m_tree;
}

void RestoreDialog::updateOptionWidgets()
{
    if (!m_postgres)
        return;
    m_newDatabase->setEnabled(m_target->currentIndex() == 1);
    const bool plain = m_detected == ArchiveFormat::Plain;
    const bool dataOnly = Content(m_content->currentData().toInt()) == Content::DataOnly;
    for (QWidget *w : std::initializer_list<QWidget *>{m_content, m_clean, m_noOwner, m_noPrivileges, m_tree})
        w->setEnabled(!plain);
    m_clean->setEnabled(!plain && !dataOnly);
    m_ifExists->setEnabled(!plain && m_clean->isChecked());
    m_jobs->setEnabled(!plain && !m_single->isChecked());
    // --create: into the archive's own database, through this one; not inside one transaction.
    m_createArchiveDb->setEnabled(!plain && m_target->currentIndex() == 0 && !m_single->isChecked());
    m_target->setEnabled(!createsArchiveDatabase());
}

bool RestoreDialog::createsArchiveDatabase() const
{
    return m_createArchiveDb && m_createArchiveDb->isEnabled() && m_createArchiveDb->isChecked();
}

void RestoreDialog::browse()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Backup to restore"), m_path->text());
    if (!path.isEmpty())
        setInputPath(path);
}

void RestoreDialog::setInputPath(const QString &path)
{
    m_path->setText(path);
    loadContents();
}

void RestoreDialog::loadContents()
{
    const QString path = m_path->text().trimmed();
    if (!path.isEmpty() && path == m_loadedPath)
        return;   // editingFinished again (focus left the field): keep the ticks
    m_loadedPath = path;
    if (m_tree)
        m_tree->clearContents();
    if (path.isEmpty() || !m_postgres) {
        m_formatLabel->setText(QString());
        return;
    }
    Result<ArchiveFormat> format = detectArchiveFormat(path);
    if (!format) {
        contentsRead(false, format.error().message);
        return;
    }
    m_detected = *format;
    updateOptionWidgets();
    if (m_detected == ArchiveFormat::Plain) {
        m_formatLabel->setText(tr("A plain SQL file: it runs with psql as it is written."));
        Q_EMIT contentsLoaded(true);
        return;
    }
    m_formatLabel->setText(tr("Reading the contents of the %1 archive…").arg(formatName(m_detected)));
    m_tree->load(path, PgToolFolder::search());
}

void RestoreDialog::contentsRead(bool ok, const QString &error)
{
    if (!ok) {
        m_loadedPath.clear();
        m_formatLabel->setText(error);
        Q_EMIT contentsLoaded(false);
        return;
    }
    const ArchiveList &list = *m_tree->contents();
    m_formatLabel->setText(tr("%1 archive of database <b>%2</b>, written by pg_dump %3 from PostgreSQL %4: %5 objects.")
                               .arg(list.format.toLower(), list.database.toHtmlEscaped(), list.dumpedBy.text(),
                                    list.dumpedFrom.text())
                               .arg(list.entries.size()));
    Q_EMIT contentsLoaded(true);
}

QList<int> RestoreDialog::selectedIds() const
{
    return m_tree ? m_tree->selectedIds() : QList<int>();
}

RestoreOptions RestoreDialog::restoreOptions() const
{
    RestoreOptions o;
    o.inputPath = m_path->text().trimmed();
    o.format = m_detected;
    if (!m_postgres || m_detected == ArchiveFormat::Plain) {
        o.singleTransaction = m_single && m_single->isChecked();
        o.exitOnError = !m_exitOnError || m_exitOnError->isChecked();
        return o;
    }
    o.content = Content(m_content->currentData().toInt());
    o.jobs = m_jobs->isEnabled() ? m_jobs->value() : 1;
    o.clean = m_clean->isEnabled() && m_clean->isChecked();
    o.ifExists = o.clean && m_ifExists->isChecked();
    o.singleTransaction = m_single->isChecked();
    o.noOwner = m_noOwner->isChecked();
    o.noPrivileges = m_noPrivileges->isChecked();
    o.exitOnError = m_exitOnError->isChecked();
    o.selectedIds = selectedIds();
    o.createDatabase = createsArchiveDatabase();
    return o;
}

PgRestoreRequest RestoreDialog::pgRequest() const
{
    PgRestoreRequest r;
    r.target = {m_spec.profile, m_spec.password};
    r.options = restoreOptions();
    r.search = PgToolFolder::search();
    r.newDatabase = m_target->currentIndex() == 1 ? m_newDatabase->text().trimmed() : QString();
    r.list = m_tree->contents();
    return r;
}

std::shared_ptr<BackupJob> RestoreDialog::makeJob() const
{
    if (!m_postgres)
        return std::make_shared<SqliteRestoreJob>(SqliteRestoreRequest{m_path->text().trimmed(), m_spec.profile.filePath, 256});
    return std::make_shared<PgRestoreJob>(pgRequest());
}

JobDialog::CommandPreview RestoreDialog::commandPreview() const
{
    if (!m_postgres)
        return {};
    const PgRestoreRequest r = pgRequest();
    return [r] { return PgRestoreJob::preview(r); };
}

bool RestoreDialog::confirmed()
{
    if (m_postgres)
        return true;
    return QMessageBox::question(this, tr("Restore"), tr("Replace the content of %1 with the backup %2?")
                                                          .arg(m_spec.profile.filePath, m_path->text().trimmed()))
        == QMessageBox::Yes;
}

void RestoreDialog::start()
{
    if (isRunning())
        return;
    if (m_path->text().trimmed().isEmpty()) {
        refuse(tr("Choose the backup to restore."));
        return;
    }
    if (m_postgres && m_target->currentIndex() == 1 && m_newDatabase->text().trimmed().isEmpty()) {
        refuse(tr("Name the new database."));
        return;
    }
    if (!confirmed())
        return;
    if (m_postgres)
        m_open->setVisible(false);
    run(makeJob());
}

void RestoreDialog::jobEnded(const Result<JobReport> &result)
{
    if (!m_postgres)
        return;
    m_restoredDatabase.clear();
    if (result.ok() && m_target->currentIndex() == 1)
        m_restoredDatabase = m_newDatabase->text().trimmed();
    else if (result.ok() && createsArchiveDatabase() && m_tree->contents())
        m_restoredDatabase = m_tree->contents()->database;
    m_open->setVisible(!m_restoredDatabase.isEmpty());
}

void RestoreDialog::keyPressEvent(QKeyEvent *event)
{
    // Return must not press the dialog's default button (Restore), which would write into the
    // database before any choice was made: in the path field it reads the archive's contents,
    // elsewhere it does nothing. A focused push button still takes Return itself.
    if (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) {
        if (focusWidget() == m_path)
            loadContents();
        event->accept();
        return;
    }
    QDialog::keyPressEvent(event);
}

void RestoreDialog::setNewDatabase(const QString &name)
{
    if (!m_postgres)
        return;
    m_target->setCurrentIndex(1);
    m_newDatabase->setText(name);
}

bool RestoreDialog::restoresIntoThisDatabase() const
{
    return !m_postgres || (m_target->currentIndex() == 0 && !createsArchiveDatabase());
}

void RestoreDialog::openAsConnection()
{
    connection::ConnectionSpec spec = m_spec;
    if (m_postgres) {
        if (m_restoredDatabase.isEmpty())
            return;
        spec.profile.id.clear();   // a connection of its own, not the saved profile's node
        spec.profile.name.clear();
        spec.profile.database = m_restoredDatabase;
    } else {
        const QString path = m_path->text().trimmed();
        if (path.isEmpty()) {
            refuse(tr("Choose the backup to open."));
            return;
        }
        spec = {};
        spec.profile.driver = dialect::DialectKind::Sqlite;
        spec.profile.filePath = path;
    }
    Q_EMIT openConnectionRequested(spec);
    accept();
}

} // namespace strata::ui
