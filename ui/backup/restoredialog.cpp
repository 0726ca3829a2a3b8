#include "restoredialog.h"

#include "archivecontentstree.h"
#include "backup/sqliterestorejob.h"
#include "jobprogressview.h"
#include "pgrestoreoptionspanel.h"
#include "pgtoolfolder.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
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
    m_options = new PgRestoreOptionsPanel(m_spec.profile.database, box);
    split->addWidget(m_options, 3);
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
    m_options->setPlain(m_detected == ArchiveFormat::Plain);
    m_tree->setEnabled(m_detected != ArchiveFormat::Plain);
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
    if (!m_postgres) {
        o.exitOnError = true;
        return o;
    }
    m_options->fill(o);
    if (m_detected != ArchiveFormat::Plain)
        o.selectedIds = selectedIds();
    return o;
}

PgRestoreRequest RestoreDialog::pgRequest() const
{
    PgRestoreRequest r;
    r.target = {m_spec.profile, m_spec.password};
    r.options = restoreOptions();
    r.search = PgToolFolder::search();
    r.newDatabase = m_options->newDatabase();
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
    if (m_postgres && m_options->targetBox()->currentIndex() == 1 && m_options->newDatabase().isEmpty()) {
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
    if (result.ok() && !m_options->newDatabase().isEmpty())
        m_restoredDatabase = m_options->newDatabase();
    else if (result.ok() && m_options->createsArchiveDatabase() && m_tree->contents())
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
    m_options->setNewDatabase(name);
}

bool RestoreDialog::restoresIntoThisDatabase() const
{
    return !m_postgres || (m_options->targetBox()->currentIndex() == 0 && !m_options->createsArchiveDatabase());
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
