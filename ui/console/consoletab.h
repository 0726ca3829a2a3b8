#pragma once

// ConsoleTab: a query console on its own Connection (opened from a ConnectionSpec, so a
// long query never blocks the tree or the grid). The editor on top; result tabs (one per
// result set, named by its statement), a Messages tab and a Plan tab below; the history
// panel on the right. All SQL runs through exec::QueryExecutor on the connection's worker.
//
// Keys: Ctrl+Enter runs the statement under the cursor (or the selection); Ctrl+Shift+Enter
// and F5 run the selection or the whole script; Esc cancels; Ctrl+Space completes;
// Ctrl+/ comments; Ctrl+F / Ctrl+H find and replace; Ctrl+S saves.
//
// Unsaved text is autosaved (exec::AutosaveStore under the data directory) a moment after
// each edit and restored by restoreAutosave(); every statement run goes to the
// connection's history (exec::HistoryStore), passwords masked.
//
// Closing: an open transaction and unsaved text are the tab's PendingWork
// (consoletabstate.cpp): Save commits (asynchronously) and writes the file, Discard rolls back
// and forgets the text. Quitting asks only about the transaction: the text is autosaved
// and comes back next time.
//
// Export: the "Export…" action emits exportRequested() with the current result's model,
// whose forEachRow() is the row source; the exporter (core/data/io) is wired by the owner.

#include "connection/connectionstring.h"
#include "exec/autosavestore.h"
#include "exec/completioncatalog.h"
#include "exec/historystore.h"
#include "exec/queryexecutor.h"
#include "exec/resultsetmodel.h"
#include "exec/sqlcompletion.h"
#include "widgets/pendingwork.h"

#include <QMap>
#include <QSet>
#include <QPointer>
#include <QWidget>

class QAction;
class QLabel;
class QPlainTextEdit;
class QSplitter;
class QTabWidget;
class QTableView;
class QTimer;
class QToolBar;

namespace strata::catalog { class SchemaNotifier; struct SchemaChange; }
namespace strata::connection { class Connection; }

namespace strata::ui {

class FindBar;
class HistoryPanel;

class PlanView;
class SqlEditor;

class ConsoleTab : public QWidget {
    Q_OBJECT
public:
    /// Opens a new connection for `spec`; history and autosave live under `dataDirectory`.
    ConsoleTab(const connection::ConnectionSpec &spec, const QString &dataDirectory, QWidget *parent = nullptr);
    ~ConsoleTab() override;

    SqlEditor *editor() const { return m_editor; }
    QTabWidget *resultTabs() const { return m_results; }
    QPlainTextEdit *messages() const { return m_messages; }
    HistoryPanel *historyPanel() const { return m_history; }
    PlanView *planView() const { return m_plan; }
    QLabel *statusLabel() const { return m_status; }
    exec::QueryExecutor *executor() const { return m_executor; }
    connection::Connection *connection() const { return m_connection; }
    exec::CompletionCatalog &completionCatalog() { return m_catalog; }
    /// The result model of a statement of the last run, or nullptr.
    exec::ResultSetModel *resultModel(int statement) const { return m_models.value(statement); }
    QString autosaveId() const { return m_autosaveId; }
    QString filePath() const { return m_filePath; }
    QString title() const;
    bool isModified() const;
    bool hasOpenTransaction() const;

    QAction *runAction() const { return m_runAction; }
    QAction *runScriptAction() const { return m_runScriptAction; }
    QAction *cancelAction() const { return m_cancelAction; }
    QAction *exportAction() const { return m_exportAction; }

    void setText(const QString &text);
    /// Takes over an autosaved entry (its text, file and id).
    void restoreAutosave(const exec::AutosaveEntry &entry);
    /// Writes the autosave entry now (normally a moment after each edit).
    void autosaveNow();

    /// Follows and announces schema changes of database `database` (the tree's connection
    /// id): DDL run here is announced once committed; a change announced by anyone reloads
    /// the completion catalog.
    void setSchemaNotifier(catalog::SchemaNotifier *notifier, int database);

    bool openFile(const QString &path);
    bool saveFile(const QString &path);

    void runStatementAtCursor();
    void runScript();
    /// Runs text[from, to) of the editor (asks for parameter values first).
    void runRange(int from, int to);
    void cancel();
    void explain(bool analyze);
    void formatSql();

Q_SIGNALS:
    void titleChanged(const QString &title);
    /// The text or the transaction changed: what closing would lose may have changed.
    void pendingWorkChanged();
    /// "Export…": `model` is the shown result (forEachRow() streams its rows).
    void exportRequested(const strata::exec::ResultSetModel *model, const QString &suggestedName);

private:
    void buildActions();
    void buildLayout();
    void connectExecutor();
    void loadCatalog();
    void fetchColumns(const QList<exec::TableRef> &tables);
    QList<exec::CompletionItem> complete(const QString &text, int cursor, int *replaceStart);
    void onStatementStarted(const exec::StatementOutcome &outcome);
    void onColumns(int statement, const QList<exec::ResultColumn> &columns);
    void onStatementFinished(const exec::StatementOutcome &outcome);
    void onRunFinished(const exec::RunSummary &summary);
    void onTransactionState(exec::TransactionState state);
    void appendMessage(const QString &html);
    void updateActions();
    void updateStatus();
    void clearResults();
    void saveAs();
    QString askSavePath();
    Status writeFile(const QString &path);
    // closing and schema changes (consoletabstate.cpp)
    void attachPendingWork();
    QStringList pendingWork(PendingWorkScope scope) const;
    void savePending(PendingWorkScope scope, std::function<void(const Status &)> done);
    void commitThen(std::function<void()> next, std::function<void(const Status &)> failed);
    void saveTextForClose(std::function<void(const Status &)> done);
    void noteStatement(const exec::StatementOutcome &outcome);
    void announceSchemaChange();
    void onSchemaChanged(const catalog::SchemaChange &change);
    void openDialog();
    void setAutoCommit(bool on);
    void discardAutosave();

    connection::ConnectionSpec m_spec;
    QString m_dataDirectory;
    connection::Connection *m_connection;
    exec::QueryExecutor *m_executor;
    exec::HistoryStore m_historyStore;
    exec::AutosaveStore m_autosave;
    QString m_autosaveId;
    QString m_filePath;
    QString m_savedText;
    exec::CompletionCatalog m_catalog;
    QSet<QString> m_columnsRequested;
    int m_completionWaitingAt = -1;   // cursor position whose completion waits for columns
    exec::ParameterValues m_parameters;

    SqlEditor *m_editor;
    FindBar *m_findBar;
    QTabWidget *m_results;
    QPlainTextEdit *m_messages;
    PlanView *m_plan;
    HistoryPanel *m_history;
    QSplitter *m_vertical;
    QSplitter *m_horizontal;
    QLabel *m_status;
    QLabel *m_transactionLabel;
    QToolBar *m_toolbar;
    QTimer *m_autosaveTimer;
    QMap<int, exec::ResultSetModel *> m_models;
    QMap<int, QTableView *> m_views;
    QMap<int, exec::StatementOutcome> m_outcomes;

    QAction *m_runAction = nullptr;
    QAction *m_runScriptAction = nullptr;
    QAction *m_cancelAction = nullptr;
    QAction *m_explainAction = nullptr;
    QAction *m_explainAnalyzeAction = nullptr;
    QAction *m_formatAction = nullptr;
    QAction *m_autoCommitAction = nullptr;
    QAction *m_commitAction = nullptr;
    QAction *m_rollbackAction = nullptr;
    QAction *m_fetchMoreAction = nullptr;
    QAction *m_fetchAllAction = nullptr;
    QAction *m_exportAction = nullptr;
    QAction *m_historyAction = nullptr;
    qint64 m_runRows = 0;
    int m_runStatements = 0;
    bool m_open = false;
    catalog::SchemaNotifier *m_notifier = nullptr;
    int m_database = 0;
    bool m_schemaChanged = false;   // DDL ran; announced once no transaction holds it
};

} // namespace strata::ui
