#pragma once

// BackupDialog: Backup… of a database (issue 23). For PostgreSQL it asks for pg_dump's
// format (custom, directory with parallel jobs, tar, plain SQL) and options, the file or
// folder, and whether to verify the copy; for SQLite, online backup or compact copy
// (VACUUM INTO) and verification. Start runs a core::backup job on a pool thread
// (BackupJobRunner): the progress bar, the status line and the tool's output follow it,
// Cancel ends it and removes what it wrote, and the report stays in the dialog.
// "Copy command" puts the exact pg_dump command on the clipboard (password masked); finding
// the pg_dump for the server happens off the GUI thread too.
// `schemas`: the schemas selected in the tree (empty: the whole database).

#include "backup/backupoptions.h"
#include "connection/connectionstring.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QStackedWidget;

namespace strata::backup { class BackupJob; }

namespace strata::ui {

class BackupJobRunner;
class JobProgressView;

class BackupDialog : public QDialog {
    Q_OBJECT
public:
    BackupDialog(connection::ConnectionSpec spec, QStringList schemas, QWidget *parent = nullptr);
    ~BackupDialog() override;

    void setOutputPath(const QString &path);
    /// pg_dump's options as the widgets say now.
    backup::DumpOptions dumpOptions() const;
    bool isRunning() const;
    /// Start (what the Start button does).
    void start();
    /// While a job runs: cancel it and stay open; otherwise close.
    void reject() override;

    QLineEdit *pathEdit() const { return m_path; }
    QComboBox *formatBox() const { return m_format; }
    QComboBox *sqliteMethodBox() const { return m_method; }
    QCheckBox *verifyBox() const { return m_verify; }
    /// PostgreSQL: the folder searched for pg_dump besides PATH (kept in the settings).
    QLineEdit *toolFolderEdit() const { return m_toolFolder; }
    QPushButton *startButton() const { return m_start; }
    QPushButton *cancelButton() const { return m_cancel; }
    QPushButton *copyCommandButton() const { return m_copyCommand; }
    /// After a backup: "Open the copy" (SQLite) or "Restore into a new database…" (PostgreSQL).
    QPushButton *useCopyButton() const { return m_useCopy; }
    JobProgressView *progressView() const { return m_progress; }

Q_SIGNALS:
    /// The job ended: `ok`, and the report's summary or the error message.
    void finished(bool ok, const QString &summary);
    /// "Copy command" put this on the clipboard (or failed: the message).
    void commandCopied(bool ok, const QString &text);
    /// "Open the copy": the SQLite backup just written, as a connection of its own.
    void openConnectionRequested(const strata::connection::ConnectionSpec &spec);
    /// "Restore into a new database…": the PostgreSQL archive just written.
    void restoreRequested(const QString &archivePath);

private:
    QWidget *buildPostgresOptions();
    QWidget *buildSqliteOptions();
    void updateOptionWidgets();
    void browse();
    void copyCommand();
    void useCopy();
    QLabel *writeToLabel(QWidget *parent);
    std::shared_ptr<backup::BackupJob> makeJob() const;
    void setRunning(bool running);

    connection::ConnectionSpec m_spec;
    QStringList m_schemas;
    bool m_postgres;
    QLineEdit *m_path = nullptr;
    QComboBox *m_format = nullptr;
    QSpinBox *m_jobs = nullptr;
    QComboBox *m_content = nullptr;
    QCheckBox *m_noOwner = nullptr;
    QCheckBox *m_noPrivileges = nullptr;
    QCheckBox *m_clean = nullptr;
    QCheckBox *m_ifExists = nullptr;
    QSpinBox *m_compression = nullptr;
    QLineEdit *m_encoding = nullptr;
    QLineEdit *m_toolFolder = nullptr;
    QComboBox *m_method = nullptr;
    QCheckBox *m_verify = nullptr;
    QPushButton *m_start = nullptr;
    QPushButton *m_cancel = nullptr;
    QPushButton *m_close = nullptr;
    QPushButton *m_copyCommand = nullptr;
    QPushButton *m_useCopy = nullptr;
    QString m_written;   ///< the backup the last run wrote (empty: none, or it failed)
    QWidget *m_options = nullptr;
    JobProgressView *m_progress = nullptr;
    BackupJobRunner *m_runner = nullptr;
};

} // namespace strata::ui
