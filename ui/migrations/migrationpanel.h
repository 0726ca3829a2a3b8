#pragma once

// MigrationPanel: the migration runner of one connection, as a tab. It links the
// connection to a migrations project folder (a Strata project, strata.ini, or an Alembic
// project, alembic.ini, read-only), remembered per connection in QSettings; shows every
// revision as a graph with what is applied, pending or cannot run here, where the database
// is, and files edited since they were applied (verify); shows the selected revision's file;
// and runs Upgrade / Downgrade / Stamp after a confirmation that lists the revisions and the
// exact SQL (production connections must type the database name).
//
// The disk is the one source of truth for revision files: the panel watches the project
// folder (strata.ini, the versions folder and each file; files replaced by an atomic save
// are watched again) and reads the project again when something changes, so its graph,
// file view and failure marks follow the files; every action also reads the files again
// before it plans. The confirmation keeps the fingerprints of the files it showed and the
// run (MigrationRunner, reading the files itself) refuses to start when one changed since.
//
// Threads: the panel opens a Connection of its own ("migrations") from the connection's
// spec; reading the version rows, verify and every run happen there as Connection jobs.
// The runner's events (revision started / finished, each statement, waiting for the
// migration lock) are posted back to the GUI thread as they happen, so the progress rows
// and the log are live; Cancel stops between revisions (MigrationRunner::cancel). After a
// run, ok or not, the version rows are read again and the view shows the database's true
// state. Alembic projects run the `alembic` executable (if on PATH) with QProcess.

#include "migrationaction.h"
#include "migrationconfirmdialog.h"

#include "connection/connectionstring.h"
#include "migrate/migrationengine.h"

#include <QPointer>
#include <QWidget>
#include <functional>
#include <memory>
#include <optional>

class QAction;
class QFileSystemWatcher;
class QLabel;
class QPlainTextEdit;
class QProcess;
class QPushButton;
class QScrollArea;
class QStackedWidget;
class QTimer;
class QToolButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace strata::connection { class Connection; }

namespace strata::ui {

class RevisionGraphWidget;
struct MigrationRunControl;

class MigrationPanel : public QWidget {
    Q_OBJECT
public:
    /// Decides whether a command runs; the default shows the dialog modally. Tests inject one.
    using Confirmer = std::function<bool(MigrationConfirmDialog &dialog)>;

    /// Opens its own connection from `spec` and re-attaches the project remembered for it.
    explicit MigrationPanel(const connection::ConnectionSpec &spec, QWidget *parent = nullptr);
    ~MigrationPanel() override;

    /// Attaches the project in `folder` (strata.ini, else alembic.ini), remembers it for this
    /// connection and reads the database's state. Errors (a broken revision file...) are
    /// returned and shown in the panel.
    Status attachProject(const QString &folder);
    /// MigrationEngine::init in `folder`, then attachProject.
    Status createProject(const QString &folder);
    QString projectFolder() const { return m_folder; }
    std::shared_ptr<const migrate::MigrationEngine> engine() const { return m_engine; }
    const connection::ConnectionProfile &profile() const { return m_spec.profile; }

    /// The version rows as last read from the database.
    QStringList currentHeads() const { return m_heads; }
    bool isBusy() const { return m_busy; }
    bool isReady() const { return m_ready; }

    /// Plans `action` from the version rows last read and the revision selected in the graph.
    Result<PlannedMigration> plan(MigrationAction action) const;
    /// The offline SQL of plan(action): what the action would run.
    Result<QString> previewSql(MigrationAction action) const;
    /// Reads the version rows again, plans, asks the confirmer, runs. actionFinished follows.
    void runAction(MigrationAction action);
    /// Writes a new revision file on the current head (or the selected head); returns its path.
    Result<QString> newRevision(const QString &message);
    /// Writes a merge revision of all heads; returns its path.
    Result<QString> mergeHeads(const QString &message);
    /// Reads the version rows and verify's checksums again (async; refreshed() follows).
    void refresh();
    void cancel();
    /// Reads verify's checksums again and writes what it found to the log (refreshed() follows).
    void verifyNow();
    void setConfirmer(Confirmer confirmer) { m_confirmer = std::move(confirmer); }

    /// The QSettings key under which the project folder of `profile` is remembered.
    static QString settingsKey(const connection::ConnectionProfile &profile);

    RevisionGraphWidget *graphView() const { return m_graph; }
    QPlainTextEdit *detailView() const { return m_detail; }
    /// "Edit file…": opens the selected revision's file in the revision editor.
    QPushButton *editButton() const { return m_editButton; }
    QTreeWidget *progressView() const { return m_progress; }
    QPlainTextEdit *logView() const { return m_log; }
    QLabel *failureLabel() const { return m_failure; }
    QLabel *summaryLabel() const { return m_summary; }
    QAction *action(MigrationAction action) const;
    QAction *cancelAction() const { return m_cancel; }

Q_SIGNALS:
    /// The view shows the database's state as just read (after attach, refresh and runs).
    void refreshed();
    /// A command ended (after the refresh that follows it); `ok` is false on failure or cancel.
    void actionFinished(bool ok);
    /// A revision file was written (New revision, Merge heads); the main window opens it in
    /// a revision editor.
    void revisionFileCreated(const QString &path);
    /// "Edit file…" of the selected revision: the main window opens it in a revision editor.
    void editRevisionRequested(const QString &path);

private:
    struct DbState {
        QStringList heads;
        std::optional<migrate::VerifyReport> verify;
    };
    void buildUi();
    QWidget *buildToolBar();
    QWidget *buildRevisionArea();
    QWidget *buildRunArea();
    void openConnection();
    void setEngine(std::shared_ptr<const migrate::MigrationEngine> engine);
    Status reloadEngine();
    void watchProject();
    void onProjectChanged();
    void applyState(const DbState &state);
    void rebuildGraph();
    void showDetail(const QString &id);
    void markFailedLine();
    void updateActions();
    void updateSummary();
    void setBusy(bool busy);
    void showProjectError(const Error &error);
    void readState(std::function<void()> then);
    bool confirm(const PlannedMigration &planned);
    MigrationConfirmation confirmation(const PlannedMigration &planned) const;
    void execute(const PlannedMigration &planned);
    void executeAlembic(const PlannedMigration &planned);
    void onRunEvent(const migrate::RunEvent &event);
    void onRunFinished(const Result<migrate::RunResult> &result);
    void showFailure(const Error &error);
    void finishAction(bool ok);
    void appendLog(const QString &text, const QColor &color = QColor());
    void chooseProject();
    void chooseNewProject();
    void askNewRevision();
    void askMergeHeads();
    void showPreview(MigrationAction action);
    QTreeWidgetItem *progressRow(const QString &revision) const;
    QString databaseName() const;

    connection::ConnectionSpec m_spec;
    QPointer<connection::Connection> m_conn;
    std::shared_ptr<const migrate::MigrationEngine> m_engine;
    std::shared_ptr<MigrationRunControl> m_control;
    QString m_folder;
    QStringList m_heads;
    std::optional<migrate::VerifyReport> m_verify;
    bool m_busy = false;
    bool m_ready = false;
    bool m_lastOk = true;
    QString m_runningRevision;
    QString m_failedRevision;
    QString m_failedFingerprint;   // of the failed revision's file when it failed
    int m_failedLine = 0;
    bool m_reloadPending = false;  // the project changed on disk during a command
    QFileSystemWatcher *m_watcher = nullptr;
    QTimer *m_reloadTimer = nullptr;
    QString m_alembicExe;
    QPointer<QProcess> m_process;
    Confirmer m_confirmer;

    QLabel *m_projectLabel = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_failure = nullptr;
    QStackedWidget *m_stack = nullptr;
    QLabel *m_placeholder = nullptr;
    QScrollArea *m_graphScroll = nullptr;
    RevisionGraphWidget *m_graph = nullptr;
    QLabel *m_detailHeader = nullptr;
    QPushButton *m_editButton = nullptr;
    QPlainTextEdit *m_detail = nullptr;
    QTreeWidget *m_progress = nullptr;
    QPlainTextEdit *m_log = nullptr;
    QHash<MigrationAction, QAction *> m_actions;
    QAction *m_newRevision = nullptr;
    QAction *m_merge = nullptr;
    QAction *m_verifyAction = nullptr;
    QAction *m_refresh = nullptr;
    QAction *m_cancel = nullptr;
    QToolButton *m_previewButton = nullptr;
};

} // namespace strata::ui
