#pragma once

// PgRestoreOptionsPanel: the PostgreSQL restore's choices beside the archive's contents —
// where to restore (this database, a new one created first, or the archive's own database
// through pg_restore --create), content, tools folder, parallel jobs, clean / if exists, single
// transaction, no owner / privileges, stop at the first error — kept consistent with each
// other and with the archive's format (a plain SQL file takes only single transaction and
// stop at the first error). GUI thread only.

#include "backup/backupoptions.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QSpinBox;

namespace strata::ui {

class PgRestoreOptionsPanel : public QWidget {
    Q_OBJECT
public:
    /// `database`: the connection's own database (the first choice of "Into").
    PgRestoreOptionsPanel(const QString &database, QWidget *parent = nullptr);

    /// The archive is a plain SQL file (psql runs it as it is written).
    void setPlain(bool plain);
    /// Puts the choices into `o` (its path, format and selection are the dialog's).
    void fill(backup::RestoreOptions &o) const;
    /// The "A new database" choice with this name.
    void setNewDatabase(const QString &name);
    /// The name of the database to create first (empty: none).
    QString newDatabase() const;
    /// "Create the archive's database" (pg_restore --create) is chosen and applies.
    bool createsArchiveDatabase() const;

    QComboBox *targetBox() const { return m_target; }
    QLineEdit *newDatabaseEdit() const { return m_newDatabase; }
    QCheckBox *exitOnErrorBox() const { return m_exitOnError; }
    QCheckBox *createArchiveDatabaseBox() const { return m_createArchiveDb; }

private:
    void update();

    bool m_plain = false;
    QComboBox *m_target;
    QLineEdit *m_newDatabase;
    QCheckBox *m_createArchiveDb;
    QComboBox *m_content;
    QSpinBox *m_jobs;
    QCheckBox *m_clean;
    QCheckBox *m_ifExists;
    QCheckBox *m_single;
    QCheckBox *m_noOwner;
    QCheckBox *m_noPrivileges;
    QCheckBox *m_exitOnError;
};

} // namespace strata::ui
