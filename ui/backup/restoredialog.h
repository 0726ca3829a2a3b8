#pragma once

// RestoreDialog: Restore… into a database (issue 23 items 2 and 4).
// PostgreSQL: choose a backup (custom, directory, tar or plain SQL: detected); an archive's
// table of contents shows as a tree with a check box per object (ArchiveContentsTree); restore
// into this database, a new one created first, or the archive's own database created by
// pg_restore --create (connecting to this one); clean, if exists, single transaction,
// parallel jobs, schema/data only, no owner/privileges, stop at the first error or continue
// and collect the errors; "Copy command" (the exact pg_restore or psql command, password
// masked). SQLite: choose a backup file; after a confirmation it replaces the database's
// content through the backup API (in one write transaction: a failure or cancel leaves the
// file as it was), or "Open as a new connection" opens the backup instead.
// Running the job, Cancel and the report are JobDialog's.

#include "backup/backupoptions.h"
#include "backup/pgrestorejob.h"
#include "connection/connectionstring.h"
#include "jobdialog.h"
#include "pgrestoreoptionspanel.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QTreeWidget;

namespace strata::ui {

class ArchiveContentsTree;

class RestoreDialog : public JobDialog {
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
    void start() override;

    /// The dump ids checked in the tree (empty when all are).
    QList<int> selectedIds() const;
    backup::RestoreOptions restoreOptions() const;

    QLineEdit *pathEdit() const { return m_path; }
    QTreeWidget *contentsTree() const;
    /// PostgreSQL: the restore's choices (where to, content, flags).
    PgRestoreOptionsPanel *optionsPanel() const { return m_options; }
    QComboBox *targetBox() const { return m_options ? m_options->targetBox() : nullptr; }
    QLineEdit *newDatabaseEdit() const { return m_options ? m_options->newDatabaseEdit() : nullptr; }
    QCheckBox *exitOnErrorBox() const { return m_options ? m_options->exitOnErrorBox() : nullptr; }
    /// PostgreSQL: "Create the archive's database" (pg_restore --create).
    QCheckBox *createArchiveDatabaseBox() const { return m_options ? m_options->createArchiveDatabaseBox() : nullptr; }
    /// SQLite: "Open as a new connection" (the backup file, instead of restoring it);
    /// PostgreSQL, after a restore into a new database: "Open the new database".
    QPushButton *openButton() const { return m_open; }

Q_SIGNALS:
    /// The archive's contents are shown (or could not be read: ok false).
    void contentsLoaded(bool ok);
    /// The backup file (SQLite) or the new database (PostgreSQL) should open as a connection.
    void openConnectionRequested(const strata::connection::ConnectionSpec &spec);

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void jobEnded(const Result<backup::JobReport> &result) override;
    CommandPreview commandPreview() const override;

private:
    QWidget *buildPathRow();
    QWidget *buildPostgresOptions();
    QWidget *buildSqliteOptions();
    void browse();
    void loadContents();
    void contentsRead(bool ok, const QString &error);
    backup::PgRestoreRequest pgRequest() const;
    std::shared_ptr<backup::BackupJob> makeJob() const;
    bool confirmed();
    void openAsConnection();

    connection::ConnectionSpec m_spec;
    bool m_postgres;
    QString m_loadedPath;   ///< the file the contents (or the plain-file notice) are about
    backup::ArchiveFormat m_detected = backup::ArchiveFormat::Custom;
    QLineEdit *m_path = nullptr;
    QLabel *m_formatLabel = nullptr;
    ArchiveContentsTree *m_tree = nullptr;
    PgRestoreOptionsPanel *m_options = nullptr;
    QPushButton *m_open = nullptr;
    QString m_restoredDatabase;   ///< PostgreSQL: the new database the last run created
};

} // namespace strata::ui
