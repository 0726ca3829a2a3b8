#pragma once

// MigrationConfirmDialog: asked before every command that changes the database. It lists
// the revisions in the order they will run, shows the exact SQL (the offline script of the
// same plan), calls out statements that drop tables or columns, and on a connection tagged
// "production" only lets the command run once the user has typed the database's name.

#include <QDialog>

class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;

namespace strata::ui {

struct MigrationConfirmation {
    QString title;                 ///< "Upgrade to head"
    QString summary;               ///< one sentence: what happens to which database
    QStringList revisions;         ///< one line per revision, in run order
    QString sql;                   ///< the script that runs
    QStringList destructive;       ///< statements that drop tables or columns, each with its file:line
    bool production = false;
    QString databaseName;          ///< what must be typed when `production`
    QString runLabel;              ///< the accept button's text ("Upgrade", "Downgrade", "Stamp")
};

class MigrationConfirmDialog : public QDialog {
    Q_OBJECT
public:
    explicit MigrationConfirmDialog(const MigrationConfirmation &confirmation, QWidget *parent = nullptr);

    const MigrationConfirmation &confirmation() const { return m_confirmation; }
    QListWidget *revisionList() const { return m_revisions; }
    QPlainTextEdit *sqlView() const { return m_sql; }
    /// The "type the database name" field; nullptr unless the connection is production.
    QLineEdit *nameEdit() const { return m_name; }
    QPushButton *runButton() const { return m_run; }
    QLabel *warningLabel() const { return m_warning; }
    /// True when the command may run (always, except production without the right name).
    bool canRun() const;

public Q_SLOTS:
    /// Refuses (stays open) while canRun() is false.
    void accept() override;

private:
    MigrationConfirmation m_confirmation;
    QListWidget *m_revisions;
    QPlainTextEdit *m_sql;
    QLabel *m_warning = nullptr;
    QLineEdit *m_name = nullptr;
    QPushButton *m_run = nullptr;
};

} // namespace strata::ui
