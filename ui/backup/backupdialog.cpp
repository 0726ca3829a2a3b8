#include "backupdialog.h"

#include "backup/pgbackupjob.h"
#include "backup/sqlitebackupjob.h"
#include "backupjobrunner.h"
#include "jobprogressview.h"
#include "pgtoolfolder.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardPaths>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace strata::ui {

using namespace strata::backup;

namespace {

QString suggestedPath(const connection::ConnectionSpec &spec, const QString &suffix)
{
    const QString base = spec.profile.isSqlite() ? QFileInfo(spec.profile.filePath).completeBaseName() : spec.profile.database;
    const QString stamp = QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmm"));
    const QString folder = spec.profile.isSqlite() ? QFileInfo(spec.profile.filePath).absolutePath()
                                                   : QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    return QDir(folder).filePath(QStringLiteral("%1-%2%3").arg(base.isEmpty() ? QStringLiteral("backup") : base, stamp, suffix));
}

} // namespace

BackupDialog::BackupDialog(connection::ConnectionSpec spec, QStringList schemas, QWidget *parent)
    : QDialog(parent), m_spec(std::move(spec)), m_schemas(std::move(schemas)), m_postgres(m_spec.profile.isPostgres()),
      m_runner(new BackupJobRunner(this))
{
    setWindowTitle(tr("Backup %1").arg(m_spec.profile.displayName()));
    auto *layout = new QVBoxLayout(this);
    auto *what = new QLabel(this);
    what->setWordWrap(true);
    what->setText(m_schemas.isEmpty() ? tr("Back up the whole database <b>%1</b>.").arg(m_spec.profile.displayName().toHtmlEscaped())
                                      : tr("Back up schema(s) <b>%1</b> of <b>%2</b>.")
                                            .arg(m_schemas.join(QStringLiteral(", ")).toHtmlEscaped(),
                                                 m_spec.profile.displayName().toHtmlEscaped()));
    layout->addWidget(what);
    m_options = m_postgres ? buildPostgresOptions() : buildSqliteOptions();
    layout->addWidget(m_options);
    m_progress = new JobProgressView(this);
    layout->addWidget(m_progress, 1);

    auto *buttons = new QDialogButtonBox(this);
    m_start = buttons->addButton(tr("&Start backup"), QDialogButtonBox::AcceptRole);
    m_cancel = buttons->addButton(tr("Cancel"), QDialogButtonBox::RejectRole);
    m_close = buttons->addButton(QDialogButtonBox::Close);
    if (m_postgres)
        m_copyCommand = buttons->addButton(tr("Copy co&mmand"), QDialogButtonBox::ActionRole);
    // After a backup: a SQLite copy opens as a connection of its own; a PostgreSQL archive is
    // offered for a restore into a new database (it cannot be opened as it is).
    m_useCopy = buttons->addButton(m_postgres ? tr("Restore into a new &database…") : tr("&Open the copy"),
                                   QDialogButtonBox::ActionRole);
    m_useCopy->setVisible(false);
    connect(m_useCopy, &QPushButton::clicked, this, &BackupDialog::useCopy);
    connect(m_start, &QPushButton::clicked, this, &BackupDialog::start);
    connect(m_cancel, &QPushButton::clicked, m_runner, &BackupJobRunner::cancel);
    connect(m_close, &QPushButton::clicked, this, &QDialog::close);
    if (m_copyCommand)
        connect(m_copyCommand, &QPushButton::clicked, this, &BackupDialog::copyCommand);
    layout->addWidget(buttons);

    connect(m_runner, &BackupJobRunner::progressed, m_progress, &JobProgressView::showProgress);
    connect(m_runner, &BackupJobRunner::logLine, m_progress, &JobProgressView::appendLog);
    connect(m_runner, &BackupJobRunner::finished, this, [this](const Result<JobReport> &result) {
        m_progress->showResult(result);
        setRunning(false);
        m_written = result.ok() ? result->path : QString();
        m_useCopy->setVisible(!m_written.isEmpty());
        Q_EMIT finished(result.ok(), result.ok() ? result->summary() : result.error().message);
    });
    setRunning(false);
    updateOptionWidgets();
    resize(640, 620);
}

BackupDialog::~BackupDialog() = default;

QWidget *BackupDialog::buildPostgresOptions()
{
    auto *box = new QWidget(this);
    auto *form = new QFormLayout(box);
    form->setContentsMargins(0, 0, 0, 0);
    m_format = new QComboBox(box);
    m_format->addItem(tr("Custom (compressed, pg_restore picks objects)"), int(ArchiveFormat::Custom));
    m_format->addItem(tr("Directory (one file per table, parallel jobs)"), int(ArchiveFormat::Directory));
    m_format->addItem(tr("Tar"), int(ArchiveFormat::Tar));
    m_format->addItem(tr("Plain SQL"), int(ArchiveFormat::Plain));
    form->addRow(tr("&Format:"), m_format);
    auto *pathRow = new QHBoxLayout;
    m_path = new QLineEdit(suggestedPath(m_spec, formatSuffix(ArchiveFormat::Custom)), box);
    auto *browse = new QPushButton(tr("&Browse…"), box);
    connect(browse, &QPushButton::clicked, this, &BackupDialog::browse);
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browse);
    form->addRow(writeToLabel(box), pathRow);
    m_content = new QComboBox(box);
    m_content->addItem(tr("Schema and data"), int(Content::Everything));
    m_content->addItem(tr("Schema only"), int(Content::SchemaOnly));
    m_content->addItem(tr("Data only"), int(Content::DataOnly));
    form->addRow(tr("C&ontent:"), m_content);
    auto *tuning = new QHBoxLayout;
    m_jobs = new QSpinBox(box);
    m_jobs->setRange(1, 16);
    m_jobs->setPrefix(tr("jobs: "));
    m_compression = new QSpinBox(box);
    m_compression->setRange(-1, 9);
    m_compression->setSpecialValueText(tr("default compression"));
    m_compression->setPrefix(tr("compression: "));
    m_compression->setValue(-1);
    m_encoding = new QLineEdit(box);
    m_encoding->setPlaceholderText(tr("encoding (database's)"));
    tuning->addWidget(m_jobs);
    tuning->addWidget(m_compression);
    tuning->addWidget(m_encoding);
    form->addRow(tr("Tuning:"), tuning);
    auto *flags = new QHBoxLayout;
    m_noOwner = new QCheckBox(tr("No o&wner"), box);
    m_noPrivileges = new QCheckBox(tr("No &privileges"), box);
    m_clean = new QCheckBox(tr("C&lean (DROP first)"), box);
    m_ifExists = new QCheckBox(tr("&If exists"), box);
    for (QCheckBox *c : {m_noOwner, m_noPrivileges, m_clean, m_ifExists})
        flags->addWidget(c);
    flags->addStretch();
    form->addRow(tr("Options:"), flags);
    m_toolFolder = PgToolFolder::makeEdit(box);
    form->addRow(tr("&Tools folder:"), m_toolFolder);
    m_verify = new QCheckBox(tr("&Verify: restore into a scratch database and compare schema and row counts"), box);
    form->addRow(QString(), m_verify);
    connect(m_format, &QComboBox::currentIndexChanged, this, [this] {
        const auto format = ArchiveFormat(m_format->currentData().toInt());
        QFileInfo fi(m_path->text());
        QString base = fi.fileName();
        for (ArchiveFormat f : {ArchiveFormat::Custom, ArchiveFormat::Tar, ArchiveFormat::Plain})
            if (base.endsWith(formatSuffix(f)))
                base.chop(formatSuffix(f).size());
        m_path->setText(fi.dir().filePath(base + formatSuffix(format)));
        updateOptionWidgets();
    });
    for (QCheckBox *c : {m_clean})
        connect(c, &QCheckBox::toggled, this, &BackupDialog::updateOptionWidgets);
    connect(m_content, &QComboBox::currentIndexChanged, this, &BackupDialog::updateOptionWidgets);
    return box;
}

QWidget *BackupDialog::buildSqliteOptions()
{
    auto *box = new QWidget(this);
    auto *form = new QFormLayout(box);
    form->setContentsMargins(0, 0, 0, 0);
    m_method = new QComboBox(box);
    m_method->addItem(tr("Online backup (consistent copy while the file is in use)"), int(SqliteCopyMethod::OnlineBackup));
    m_method->addItem(tr("Compact copy (VACUUM INTO)"), int(SqliteCopyMethod::CompactCopy));
    form->addRow(tr("&Method:"), m_method);
    auto *pathRow = new QHBoxLayout;
    m_path = new QLineEdit(suggestedPath(m_spec, QStringLiteral(".backup.db")), box);
    auto *browse = new QPushButton(tr("&Browse…"), box);
    connect(browse, &QPushButton::clicked, this, &BackupDialog::browse);
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browse);
    form->addRow(writeToLabel(box), pathRow);
    m_verify = new QCheckBox(tr("&Verify: integrity check of the copy, compare schema and row counts"), box);
    m_verify->setChecked(true);
    form->addRow(QString(), m_verify);
    auto *note = new QLabel(tr("Unsaved edits in open grids are not part of the copy."), box);
    note->setEnabled(false);
    form->addRow(QString(), note);
    return box;
}

QLabel *BackupDialog::writeToLabel(QWidget *parent)
{
    auto *label = new QLabel(tr("&Write to:"), parent);
    label->setBuddy(m_path);
    return label;
}

void BackupDialog::updateOptionWidgets()
{
    if (!m_postgres)
        return;
    const auto format = ArchiveFormat(m_format->currentData().toInt());
    m_jobs->setEnabled(format == ArchiveFormat::Directory);
    if (format != ArchiveFormat::Directory)
        m_jobs->setValue(1);
    m_compression->setEnabled(format != ArchiveFormat::Tar);
    const bool dataOnly = Content(m_content->currentData().toInt()) == Content::DataOnly;
    m_clean->setEnabled(!dataOnly);
    m_ifExists->setEnabled(m_clean->isChecked() && !dataOnly);
    m_verify->setEnabled(!dataOnly);
}

DumpOptions BackupDialog::dumpOptions() const
{
    DumpOptions o;
    if (!m_postgres)
        return o;
    o.format = ArchiveFormat(m_format->currentData().toInt());
    o.outputPath = m_path->text().trimmed();
    o.jobs = m_jobs->isEnabled() ? m_jobs->value() : 1;
    o.content = Content(m_content->currentData().toInt());
    o.schemas = m_schemas;
    o.noOwner = m_noOwner->isChecked();
    o.noPrivileges = m_noPrivileges->isChecked();
    o.clean = m_clean->isEnabled() && m_clean->isChecked();
    o.ifExists = o.clean && m_ifExists->isChecked();
    o.compression = m_compression->isEnabled() ? m_compression->value() : -1;
    o.encoding = m_encoding->text().trimmed();
    return o;
}

void BackupDialog::setOutputPath(const QString &path)
{
    m_path->setText(path);
}

void BackupDialog::browse()
{
    const bool folder = m_postgres && ArchiveFormat(m_format->currentData().toInt()) == ArchiveFormat::Directory;
    const QString path = folder ? QFileDialog::getExistingDirectory(this, tr("Backup folder"), m_path->text())
                                : QFileDialog::getSaveFileName(this, tr("Backup file"), m_path->text());
    if (!path.isEmpty())
        m_path->setText(path);
}

std::shared_ptr<BackupJob> BackupDialog::makeJob() const
{
    if (m_postgres) {
        PgBackupRequest r{{m_spec.profile, m_spec.password}, dumpOptions(),
                          PgToolFolder::search(), std::nullopt,
                          m_verify->isEnabled() && m_verify->isChecked()};
        return std::make_shared<PgBackupJob>(r);
    }
    SqliteBackupRequest r;
    r.sourcePath = m_spec.profile.filePath;
    r.destinationPath = m_path->text().trimmed();
    r.method = SqliteCopyMethod(m_method->currentData().toInt());
    r.verify = m_verify->isChecked();
    return std::make_shared<SqliteBackupJob>(r);
}

void BackupDialog::start()
{
    if (isRunning())
        return;
    if (m_path->text().trimmed().isEmpty()) {
        m_progress->showResult(Error(ErrorKind::Io, tr("Choose where to write the backup.")));
        return;
    }
    m_progress->reset();
    m_progress->showProgress(JobProgress::busy(tr("Starting")));
    m_written.clear();
    m_useCopy->setVisible(false);
    // Read the options before setRunning() disables their widgets (isEnabled() is false then).
    std::shared_ptr<BackupJob> job = makeJob();
    setRunning(true);
    m_runner->start(std::move(job));
}

bool BackupDialog::isRunning() const
{
    return m_runner->isRunning();
}

void BackupDialog::reject()
{
    if (isRunning()) {
        m_runner->cancel();
        return;
    }
    QDialog::reject();
}

void BackupDialog::setRunning(bool running)
{
    m_options->setEnabled(!running);
    m_start->setEnabled(!running);
    m_cancel->setEnabled(running);
    m_close->setEnabled(!running);
}

void BackupDialog::useCopy()
{
    if (m_written.isEmpty())
        return;
    if (m_postgres) {
        Q_EMIT restoreRequested(m_written);
        return;
    }
    connection::ConnectionSpec copy;
    copy.profile.driver = dialect::DialectKind::Sqlite;
    copy.profile.filePath = m_written;
    Q_EMIT openConnectionRequested(copy);
}

void BackupDialog::copyCommand()
{
    m_copyCommand->setEnabled(false);
    const PgBackupRequest r{{m_spec.profile, m_spec.password}, dumpOptions(),
                            PgToolFolder::search(), std::nullopt, false};
    auto *watcher = new QFutureWatcher<Result<PgCommand>>(this);
    connect(watcher, &QFutureWatcher<Result<PgCommand>>::finished, this, [this, watcher] {
        watcher->deleteLater();
        m_copyCommand->setEnabled(true);
        const Result<PgCommand> command = watcher->result();
        if (!command) {
            m_progress->showResult(command.error());
            Q_EMIT commandCopied(false, command.error().message);
            return;
        }
        const QString text = command->displayText();
        QApplication::clipboard()->setText(text);
        m_progress->appendLog(tr("Copied: %1").arg(text));
        Q_EMIT commandCopied(true, text);
    });
    watcher->setFuture(QtConcurrent::run([r] { return PgBackupJob::preview(r); }));
}

} // namespace strata::ui
