#pragma once

// RestoreDialog: Restore… into a database (issue 23 items 2 and 4).
// PostgreSQL: choose a backup (custom, directory, tar or plain SQL: detected); an archive's
// table of contents (pg_restore --list, read off the GUI thread) shows as a tree, by schema,
// with a checkbox per object; restore into this database or a new one created first; clean,
// if exists, single transaction, parallel jobs, schema/data only, no owner/privileges, stop at
// the first error or continue and collect the errors. SQLite: choose a backup file; after a
// confirmation it replaces the database's content through the backup API (in one write
// transaction: a failure or cancel leaves the file as it was).
// The job runs on a pool thread (BackupJobRunner) with progress and Cancel.

#include "backup/archivelist.h"
#include "backup/backupoptions.h"
#include "connection/connectionstring.h"

#include <QDialog>
#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTreeWidget;

namespace strata::backup { class BackupJob; }

namespace strata::ui {

class BackupJobRunner;
class JobProgressView;

class RestoreDialog : public QDialog {
    Q_OBJECT
public:
    RestoreDialog(connection::ConnectionSpec spec, QWidget *parent = nullptr);
    ~RestoreDialog() override;

    /// Sets the backup to restore and (PostgreSQL archives) reads its contents.
    void setInputPath(const QString &path);
    /// PostgreSQL: restore into a new database of this name (the "A new database" choice).
    void setNewDatabase(const QString &name);
    /// Whether the restore writes into the connection's own database (its views must reload).
    bool restoresIntoThisDatabase() const;
    bool isRunning() const;
    void start();
    void reject() override;

protected:
    void keyPressEvent(QKeyEvent *event) override;

public:
    /// The dump ids checked in the tree (empty when all are).
    QList<int> selectedIds() const;
    backup::RestoreOptions restoreOptions() const;

    QLineEdit *pathEdit() const { return m_path; }
    QTreeWidget *contentsTree() const { return m_tree; }
    QComboBox *targetBox() const { return m_target; }
    QLineEdit *newDatabaseEdit() const { return m_newDatabase; }
    QCheckBox *exitOnErrorBox() const { return m_exitOnError; }
    QPushButton *startButton() const { return m_start; }
    QPushButton *cancelButton() const { return m_cancel; }
    /// SQLite: "Open as a new connection" (the backup file, instead of restoring it);
    /// PostgreSQL, after a restore into a new database: "Open the new database".
    QPushButton *openButton() const { return m_open; }
    JobProgressView *progressView() const { return m_progress; }

Q_SIGNALS:
    /// The archive's contents are shown (or could not be read: ok false).
    void contentsLoaded(bool ok);
    /// The restore ended; `ok` and the summary or the error.
    void finished(bool ok, const QString &summary);
    /// The backup file (SQLite) or the new database (PostgreSQL) should open as a connection.
    void openConnectionRequested(const strata::connection::ConnectionSpec &spec);

private:
    QWidget *buildPostgresOptions();
    QWidget *buildSqliteOptions();
    void browse();
    void loadContents();
    void showContents(const backup::ArchiveList &list);
    void updateOptionWidgets();
    std::shared_ptr<backup::BackupJob> makeJob() const;
    void setRunning(bool running);
    void openAsConnection();

    connection::ConnectionSpec m_spec;
    bool m_postgres;
    std::optional<backup::ArchiveList> m_list;
    QString m_loadedPath;   ///< the file m_list (or the plain-file notice) is about
    backup::ArchiveFormat m_detected = backup::ArchiveFormat::Custom;
    QLineEdit *m_path = nullptr;
    QLabel *m_formatLabel = nullptr;
    QTreeWidget *m_tree = nullptr;
    QComboBox *m_target = nullptr;
    QLineEdit *m_newDatabase = nullptr;
    QComboBox *m_content = nullptr;
    QSpinBox *m_jobs = nullptr;
    QCheckBox *m_clean = nullptr;
    QCheckBox *m_ifExists = nullptr;
    QCheckBox *m_single = nullptr;
    QCheckBox *m_noOwner = nullptr;
    QCheckBox *m_noPrivileges = nullptr;
    QCheckBox *m_exitOnError = nullptr;
    QWidget *m_options = nullptr;
    QPushButton *m_start = nullptr;
    QPushButton *m_cancel = nullptr;
    QPushButton *m_close = nullptr;
    QPushButton *m_open = nullptr;
    QString m_restoredDatabase;   ///< PostgreSQL: the new database the last run created
    JobProgressView *m_progress = nullptr;
    BackupJobRunner *m_runner = nullptr;
    int m_generation = 0;
};

} // namespace strata::ui
