#pragma once

// RevisionEditorTab: a revision file open for editing, as a tab. It runs nothing by
// itself: no key runs SQL (F5 and Ctrl+Enter are plain keys here), Ctrl+S saves the file
// (atomically, so watchers see one change), and the title shows a modified marker. Running
// a section is an explicit action, "Run upgrade section…" / "Run downgrade section…", which
// parses the editor's text as the engine does, shows the same confirmation as the migration
// panel with the section's SQL exactly as it will run, and runs that text through
// MigrationRunner::runSection on a connection of its own: under the migration lock, in a
// transaction (unless the revision says `transactional: false`), recording nothing in the
// version table. Only the panel's Upgrade / Downgrade apply and record revisions.
//
// Unsaved edits are the tab's PendingWork: closing the tab, its connection or Strata asks
// Save / Discard / Cancel (PendingWorkGuard) and the main window marks the tab's title. The
// file changing on disk reloads it when there are no unsaved edits, and warns when there are.
//
// Threads: the GUI thread reads and writes the file; SQL runs on the tab's Connection.

#include "migrationconfirmdialog.h"

#include "connection/connectionstring.h"
#include "migrate/script/projectconfig.h"
#include "migrate/runner/migrationrunner.h"
#include "migrate/script/revisionscript.h"

#include <QPointer>
#include <QWidget>
#include <functional>
#include <memory>

class QAction;
class QFileSystemWatcher;
class QLabel;
class QPlainTextEdit;

namespace strata::connection { class Connection; }

namespace strata::ui {

class RevisionEditor;
struct MigrationRunControl;

class RevisionEditorTab : public QWidget {
    Q_OBJECT
public:
    /// Decides whether a section runs; the default shows the dialog modally.
    using Confirmer = std::function<bool(MigrationConfirmDialog &dialog)>;

    /// Opens `path` (a revision file of `project`) for the database of `spec`.
    RevisionEditorTab(const connection::ConnectionSpec &spec, const migrate::ProjectConfig &project, const QString &path,
                      QWidget *parent = nullptr);
    ~RevisionEditorTab() override;

    QString filePath() const { return m_path; }
    /// The file name (the main window adds the modified marker from the PendingWork).
    QString title() const;
    bool isModified() const;
    /// Writes the editor's text to the file. False (and a message box) when it could not.
    bool save();
    /// Parses the editor's text, confirms and runs one section (see the note at the top).
    void runSection(migrate::Direction direction);
    void cancel();
    bool isRunning() const { return m_running; }
    void setConfirmer(Confirmer confirmer) { m_confirmer = std::move(confirmer); }

    RevisionEditor *editor() const { return m_editor; }
    QPlainTextEdit *output() const { return m_output; }
    QLabel *noticeLabel() const { return m_notice; }
    QAction *saveAction() const { return m_save; }
    QAction *runUpgradeAction() const { return m_runUpgrade; }
    QAction *runDowngradeAction() const { return m_runDowngrade; }

Q_SIGNALS:
    /// The file was written (the migration panel watching the folder reads it too).
    void saved(const QString &path);
    /// A section run ended (ok false: failed, cancelled or not confirmed).
    void sectionFinished(bool ok);

private:
    void buildUi();
    void attachPendingWork();
    bool load();
    /// Writes the editor's text to the file atomically; the error says why not (also shown in the output).
    Status writeFile();
    void onFileChanged();
    Result<migrate::RevisionSection> parseSection(migrate::Direction direction, migrate::RevisionScript &script);
    MigrationConfirmation confirmation(const migrate::RevisionScript &script, migrate::Direction direction,
                                       const migrate::RevisionSection &section) const;
    void execute(const migrate::SectionRun &run);
    void finish(const Result<qint64> &result, const migrate::SectionRun &run);
    void markErrorLine(const Error &error);
    void appendOutput(const QString &text, const QColor &color = QColor());
    void setRunning(bool running);
    QString displayPath() const;
    QString databaseName() const;

    connection::ConnectionSpec m_spec;
    migrate::ProjectConfig m_project;
    QString m_path;
    QPointer<connection::Connection> m_conn;
    std::shared_ptr<MigrationRunControl> m_control;
    Confirmer m_confirmer;
    bool m_running = false;
    bool m_writing = false;   // our own save: not an outside change

    RevisionEditor *m_editor = nullptr;
    QPlainTextEdit *m_output = nullptr;
    QLabel *m_notice = nullptr;
    QFileSystemWatcher *m_watcher = nullptr;
    QAction *m_save = nullptr;
    QAction *m_runUpgrade = nullptr;
    QAction *m_runDowngrade = nullptr;
    QAction *m_cancel = nullptr;
};

} // namespace strata::ui
