#include "backupdialog.h"

#include "backup/pgbackupjob.h"
#include "backup/sqlitebackupjob.h"
#include "backuptablelist.h"
#include "jobprogressview.h"
#include "pgtoolfolder.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardPaths>
#include <QVBoxLayout>

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

BackupDialog::BackupDialog(connection::ConnectionSpec spec, QStringList schemas, QList<TableName> tables, QWidget *parent)
    : JobDialog(tr("&Start backup"), spec.profile.isPostgres(), parent), m_spec(std::move(spec)),
      m_schemas(std::move(schemas)), m_chosenTables(std::move(tables)), m_postgres(m_spec.profile.isPostgres())
{
    setWindowTitle(tr("Backup %1").arg(m_spec.profile.displayName()));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(describeScope());
    QWidget *options = m_postgres ? buildPostgresOptions() : buildSqliteOptions();
    layout->addWidget(options);
    lockWhileRunning(options);
    layout->addWidget(progressView(), 1);
    // After a backup: a SQLite copy opens as a connection of its own; a PostgreSQL archive is
    // offered for a restore into a new database (it cannot be opened as it is).
    m_useCopy = buttons()->addButton(m_postgres ? tr("Restore into a new &database…") : tr("&Open the copy"),
                                     QDialogButtonBox::ActionRole);
    m_useCopy->setVisible(false);
    connect(m_useCopy, &QPushButton::clicked, this, &BackupDialog::useCopy);
    layout->addWidget(buttons());
    updateOptionWidgets();
    resize(m_postgres ? 700 : 640, m_postgres ? 760 : 620);
}

BackupDialog::~BackupDialog() = default;

QLabel *BackupDialog::describeScope()
{
    auto *what = new QLabel(this);
    what->setWordWrap(true);
    const QString database = m_spec.profile.displayName().toHtmlEscaped();
    if (m_postgres && !m_chosenTables.isEmpty())
        what->setText(tr("Back up the tables ticked below of <b>%1</b>, with their partitions, indexes, constraints, "
                         "triggers and serial sequences. Types, functions and tables they refer to are not included: "
                         "restore those first, or back up the schema.").arg(database));
    else if (m_schemas.isEmpty())
        what->setText(tr("Back up the whole database <b>%1</b>.").arg(database));
    else
        what->setText(tr("Back up schema(s) <b>%1</b> of <b>%2</b>.").arg(m_schemas.join(QStringLiteral(", ")).toHtmlEscaped(), database));
    return what;
}

QHBoxLayout *BackupDialog::pathRow(QWidget *parent, const QString &suffix)
{
    auto *row = new QHBoxLayout;
    m_path = new QLineEdit(suggestedPath(m_spec, suffix), parent);
    auto *browse = new QPushButton(tr("&Browse…"), parent);
    connect(browse, &QPushButton::clicked, this, &BackupDialog::browse);
    row->addWidget(m_path, 1);
    row->addWidget(browse);
    return row;
}

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
    QHBoxLayout *path = pathRow(box, formatSuffix(ArchiveFormat::Custom));
    auto *writeTo = new QLabel(tr("&Write to:"), box);
    writeTo->setBuddy(m_path);
    form->addRow(writeTo, path);
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
    m_tables = new BackupTableList(box);
    m_tables->setMinimumHeight(150);
    auto *tablesLabel = new QLabel(tr("T&ables:"), box);
    tablesLabel->setBuddy(m_tables);
    form->addRow(tablesLabel, m_tables);
    m_tables->load({m_spec.profile, m_spec.password}, m_schemas, m_chosenTables);
    m_verify = new QCheckBox(tr("&Verify: restore into a scratch database and compare schema and row counts"), box);
    form->addRow(QString(), m_verify);
    connect(m_format, &QComboBox::currentIndexChanged, this, &BackupDialog::formatChanged);
    connect(m_clean, &QCheckBox::toggled, this, &BackupDialog::updateOptionWidgets);
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
    QHBoxLayout *path = pathRow(box, QStringLiteral(".backup.db"));
    auto *writeTo = new QLabel(tr("&Write to:"), box);
    writeTo->setBuddy(m_path);
    form->addRow(writeTo, path);
    m_verify = new QCheckBox(tr("&Verify: integrity check of the copy, compare schema and row counts"), box);
    m_verify->setChecked(true);
    form->addRow(QString(), m_verify);
    auto *note = new QLabel(tr("Unsaved edits in open grids are not part of the copy."), box);
    note->setEnabled(false);
    form->addRow(QString(), note);
    return box;
}

void BackupDialog::formatChanged()
{
    const auto format = ArchiveFormat(m_format->currentData().toInt());
    QFileInfo fi(m_path->text());
    QString base = fi.fileName();
    for (ArchiveFormat f : {ArchiveFormat::Custom, ArchiveFormat::Tar, ArchiveFormat::Plain})
        if (base.endsWith(formatSuffix(f)))
            base.chop(formatSuffix(f).size());
    m_path->setText(fi.dir().filePath(base + formatSuffix(format)));
    updateOptionWidgets();
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
    o.schemas = m_tables->choosesTables() ? QStringList() : m_schemas;
    o.tables = m_tables->chosenTables();
    if (o.content != Content::SchemaOnly)
        o.excludeTableData = m_tables->excludedData();
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
        refuse(tr("Choose where to write the backup."));
        return;
    }
    if (m_postgres && m_tables->choosesTables() && m_tables->chosenTables().isEmpty()) {
        refuse(tr("Tick at least one table to back up."));
        return;
    }
    m_written.clear();
    m_useCopy->setVisible(false);
    run(makeJob());
}

void BackupDialog::jobEnded(const Result<JobReport> &result)
{
    m_written = result.ok() ? result->path : QString();
    m_useCopy->setVisible(!m_written.isEmpty());
}

JobDialog::CommandPreview BackupDialog::commandPreview() const
{
    const PgBackupRequest r{{m_spec.profile, m_spec.password}, dumpOptions(), PgToolFolder::search(), std::nullopt, false};
    return [r] { return PgBackupJob::preview(r); };
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

} // namespace strata::ui
