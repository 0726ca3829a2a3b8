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
// state.
//
// Alembic projects (alembic.ini, Python revisions) run through the project's own Alembic
// (core/migrate/alembic), found and run safely by AlembicRunController: the probe asks that
// Alembic which database it would open and a different one is refused, or, when the project
// allows it and the user agrees, the command runs against the panel's connection. Runs are
// QProcesses (never blocking): output streams into the log, each "Running upgrade A -> B"
// moves the progress, Cancel terminates the process group, a failure names the revision file
// and line of the traceback and the server's message, and afterwards the version rows are
// read again and compared with what Alembic reported (a mismatch is shown).
//
// Parts, one job each: MigrationProjectLoader (the project on disk, watched),
// AlembicRunController (the project's Alembic), MigrationToolBar (the commands),
// MigrationRunView (failure banner, progress rows, log), RevisionGraphWidget (the graph).
// The panel plans, confirms, runs and shows the state (migrationpanel*.cpp).

#include "migrationaction.h"
#include "migrationconfirmdialog.h"

#include "migrate/alembic/alembicinstallation.h"
#include "migrate/alembic/alembicoutput.h"

#include "connection/connectionstring.h"
#include "migrate/migrationengine.h"

#include <QPointer>
#include <QWidget>
#include <functional>
#include <memory>
#include <optional>

class QAction;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QScrollArea;
class QSyntaxHighlighter;
class QStackedWidget;
class QTreeWidget;

namespace strata::connection { class Connection; }
namespace strata::migrate::alembic { class AlembicProcess; }

namespace strata::ui {

class AlembicRunController;
class MigrationProjectLoader;
class MigrationRunView;
class MigrationToolBar;
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
    QString projectFolder() const;
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

    /// Alembic projects: the Alembic found for the project (python empty until found).
    const migrate::alembic::AlembicInstallation &alembicInstallation() const;
    /// "Alembic 1.8.1 — the project's .venv (…/bin/python)", or what to install.
    QLabel *alembicLabel() const { return m_alembicLabel; }
    /// Uses the interpreter or `alembic` script at `path` for this project (remembered).
    void chooseAlembicPath(const QString &path);
    /// `alembic revision [--autogenerate] -m message`; revisionFileCreated and actionFinished follow.
    void alembicRevision(const QString &message, bool autogenerate);
    /// `alembic merge heads -m message`; revisionFileCreated and actionFinished follow.
    void alembicMergeHeads(const QString &message);
    /// `alembic upgrade|downgrade --sql start:end` for `action`; the text (or why there is
    /// none) is passed to `done`.
    void alembicPreviewSql(MigrationAction action, std::function<void(const Result<QString> &)> done);
    QAction *autogenerateAction() const;

    /// The QSettings key under which the project folder of `profile` is remembered.
    static QString settingsKey(const connection::ConnectionProfile &profile);

    RevisionGraphWidget *graphView() const { return m_graph; }
    QPlainTextEdit *detailView() const { return m_detail; }
    /// "Edit file…": opens the selected revision's file in the revision editor.
    QPushButton *editButton() const { return m_editButton; }
    QTreeWidget *progressView() const;
    QPlainTextEdit *logView() const;
    QLabel *failureLabel() const;
    QLabel *summaryLabel() const { return m_summary; }
    QAction *action(MigrationAction action) const;
    QAction *cancelAction() const;

Q_SIGNALS:
    /// The view shows the database's state as just read (after attach, refresh and runs).
    void refreshed();
    /// A command ended (after the refresh that follows it); `ok` is false on failure or cancel.
    void actionFinished(bool ok);
    /// A revision file was written (New revision, Merge heads); the main window opens it in
    /// a revision editor.
    void revisionFileCreated(const QString &path);
    /// The search for the project's Alembic ended (alembicInstallation() says what was found).
    void alembicLocated(bool found);
    /// "Edit file…" of the selected revision: the main window opens it in a revision editor.
    void editRevisionRequested(const QString &path);

private:
    struct DbState {
        QStringList heads;
        std::optional<migrate::VerifyReport> verify;
    };
    void buildUi();
    QWidget *buildToolBar();
    void askAutogenerate();
    QWidget *buildRevisionArea();
    void openConnection();
    void setEngine(std::shared_ptr<const migrate::MigrationEngine> engine);
    Status reloadEngine();
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
    /// The Alembic command that runs `planned` ("upgrade", "head").
    static QStringList alembicCommandOf(const PlannedMigration &planned);
    void buildAlembicRunner();
    void showAlembicLocated(bool found);
    void chooseAlembic();
    void onAlembicStep(const migrate::alembic::AlembicStep &step);
    void finishAlembicRun(const PlannedMigration &planned, migrate::alembic::AlembicProcess *process);
    void showAlembicFailure(const migrate::alembic::AlembicProcess &process);
    void openAlembicFile(const QStringList &files, bool ok);
    void showPreviewDialog(const QString &title, const QString &intro, const QString &sql);
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
    QString databaseName() const;

    connection::ConnectionSpec m_spec;
    QPointer<connection::Connection> m_conn;
    std::shared_ptr<const migrate::MigrationEngine> m_engine;
    std::shared_ptr<MigrationRunControl> m_control;
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
    MigrationProjectLoader *m_project = nullptr;
    AlembicRunController *m_alembicRunner = nullptr;
    std::optional<QStringList> m_expectedHeads;   // what Alembic reported, checked after the refresh
    std::optional<bool> m_alembicTransactional;
    Confirmer m_confirmer;

    QLabel *m_projectLabel = nullptr;
    QLabel *m_alembicLabel = nullptr;
    QPushButton *m_chooseAlembic = nullptr;
    QSyntaxHighlighter *m_sqlHighlighter = nullptr;
    QSyntaxHighlighter *m_pythonHighlighter = nullptr;
    QLabel *m_summary = nullptr;
    QStackedWidget *m_stack = nullptr;
    QLabel *m_placeholder = nullptr;
    QScrollArea *m_graphScroll = nullptr;
    RevisionGraphWidget *m_graph = nullptr;
    QLabel *m_detailHeader = nullptr;
    QPushButton *m_editButton = nullptr;
    QPlainTextEdit *m_detail = nullptr;
    MigrationRunView *m_runView = nullptr;
    MigrationToolBar *m_toolBar = nullptr;
};

} // namespace strata::ui
