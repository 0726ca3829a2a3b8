#pragma once

// BackupDialog: Backup… of a database (issue 23). For PostgreSQL it asks for pg_dump's
// format (custom, directory with parallel jobs, tar, plain SQL) and options, the file or
// folder, the tables (BackupTableList: leave a table's data out; for tables chosen in the
// tree, which tables) and whether to verify the copy; for SQLite, online backup or compact
// copy (VACUUM INTO) and verification. Running the job, Cancel, the report and "Copy command"
// (the exact pg_dump command, password masked) are JobDialog's.
// `schemas`: the schemas selected in the tree (empty: the whole database); `tables`: the
// tables chosen in the tree (not empty: only the tables ticked in the dialog's list, these
// ticked first).

#include "backup/backupoptions.h"
#include "connection/connectionstring.h"
#include "jobdialog.h"

class QCheckBox;
class QHBoxLayout;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace strata::ui {

class BackupTableList;

class BackupDialog : public JobDialog {
    Q_OBJECT
public:
    BackupDialog(connection::ConnectionSpec spec, QStringList schemas, QList<backup::TableName> tables = {},
                 QWidget *parent = nullptr);
    ~BackupDialog() override;

    void setOutputPath(const QString &path);
    /// pg_dump's options as the widgets say now.
    backup::DumpOptions dumpOptions() const;
    void start() override;

    QLineEdit *pathEdit() const { return m_path; }
    QComboBox *formatBox() const { return m_format; }
    QComboBox *sqliteMethodBox() const { return m_method; }
    QCheckBox *verifyBox() const { return m_verify; }
    /// PostgreSQL: the tables, with their "Data" boxes (and, for tables chosen in the tree, a box each).
    BackupTableList *tableList() const { return m_tables; }
    /// PostgreSQL: the folder searched for pg_dump besides PATH (kept in the settings).
    QLineEdit *toolFolderEdit() const { return m_toolFolder; }
    /// After a backup: "Open the copy" (SQLite) or "Restore into a new database…" (PostgreSQL).
    QPushButton *useCopyButton() const { return m_useCopy; }

Q_SIGNALS:
    /// "Open the copy": the SQLite backup just written, as a connection of its own.
    void openConnectionRequested(const strata::connection::ConnectionSpec &spec);
    /// "Restore into a new database…": the PostgreSQL archive just written.
    void restoreRequested(const QString &archivePath);

protected:
    void jobEnded(const Result<backup::JobReport> &result) override;
    CommandPreview commandPreview() const override;

private:
    QWidget *buildPostgresOptions();
    QWidget *buildSqliteOptions();
    QLabel *describeScope();
    QHBoxLayout *pathRow(QWidget *parent, const QString &suffix);
    void updateOptionWidgets();
    void formatChanged();
    void browse();
    void useCopy();
    std::shared_ptr<backup::BackupJob> makeJob() const;

    connection::ConnectionSpec m_spec;
    QStringList m_schemas;
    QList<backup::TableName> m_chosenTables;
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
    BackupTableList *m_tables = nullptr;
    QComboBox *m_method = nullptr;
    QCheckBox *m_verify = nullptr;
    QPushButton *m_useCopy = nullptr;
    QString m_written;   ///< the backup the last run wrote (empty: none, or it failed)
};

} // namespace strata::ui
