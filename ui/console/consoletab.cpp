#include "consoletab.h"

#include "findbar.h"
#include "historypanel.h"
#include "planview.h"
#include "sqleditor.h"

#include "connection/connection.h"
#include "exec/sqlformatter.h"

#include <QAction>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QStyle>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

namespace strata::ui {

using exec::TransactionState;

ConsoleTab::ConsoleTab(const connection::ConnectionSpec &spec, const QString &dataDirectory, QWidget *parent)
    : QWidget(parent)
    , m_spec(spec)
    , m_dataDirectory(dataDirectory)
    , m_connection(new connection::Connection(spec.profile, QStringLiteral("console"), this))
    , m_executor(new exec::QueryExecutor(m_connection))
    , m_historyStore(dataDirectory + QStringLiteral("/history"), exec::HistoryStore::connectionKey(spec.profile),
                     spec.profile.driver)
    , m_autosave(dataDirectory + QStringLiteral("/console-autosave"))
    , m_autosaveId(exec::AutosaveStore::newId())
    , m_catalog(spec.profile.driver)
    , m_editor(new SqlEditor(spec.profile.driver, this))
    , m_findBar(new FindBar(m_editor, this))
    , m_results(new QTabWidget(this))
    , m_messages(new QPlainTextEdit(this))
    , m_plan(new PlanView(this))
    , m_history(new HistoryPanel(this))
    , m_vertical(new QSplitter(Qt::Vertical, this))
    , m_horizontal(new QSplitter(Qt::Horizontal, this))
    , m_status(new QLabel(this))
    , m_transactionLabel(new QLabel(this))
    , m_toolbar(new QToolBar(this))
    , m_autosaveTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("consoleTab"));
    buildActions();
    buildLayout();
    connectExecutor();

    m_editor->setCompletionProvider([this](const QString &text, int cursor, int *start) { return complete(text, cursor, start); });
    m_autosaveTimer->setSingleShot(true);
    m_autosaveTimer->setInterval(1500);
    connect(m_autosaveTimer, &QTimer::timeout, this, &ConsoleTab::autosaveNow);
    connect(m_editor, &QPlainTextEdit::textChanged, this, [this] {
        m_autosaveTimer->start();
        Q_EMIT pendingWorkChanged();
    });
    attachPendingWork();
    connect(m_history, &HistoryPanel::rerunRequested, this, [this](const QString &sql) {
        QTextCursor c = m_editor->textCursor();
        c.movePosition(QTextCursor::End);
        const int from = c.position() + (m_editor->toPlainText().isEmpty() ? 0 : 2);
        c.insertText((m_editor->toPlainText().isEmpty() ? QString() : QStringLiteral("\n\n")) + sql);
        runRange(from, from + int(sql.size()));
    });
    connect(m_history, &HistoryPanel::insertRequested, m_editor, [this](const QString &sql) { m_editor->insertPlainText(sql); });
    if (Result<QList<exec::HistoryEntry>> entries = m_historyStore.load())
        m_history->setEntries(*entries);

    m_status->setText(tr("Connecting to %1…").arg(spec.profile.displayName()));
    m_connection->open(spec.password, [this](const Result<connection::ServerInfo> &result) {
        m_open = result.ok();
        if (!result)
            appendMessage(QStringLiteral("<span style='color:#b00000'>%1</span>")
                              .arg(tr("Could not connect: %1").arg(result.error().message.toHtmlEscaped())));
        else
            loadCatalog();
        updateActions();
        updateStatus();
    });
    updateActions();
}

ConsoleTab::~ConsoleTab()
{
    // the executor posts its last job to the connection: it must go first
    delete m_executor;
    m_executor = nullptr;
}

void ConsoleTab::buildActions()
{
    auto action = [this](const QString &text, QStyle::StandardPixmap icon, const QKeySequence &key, auto slot) {
        auto *a = new QAction(style()->standardIcon(icon), text, this);
        if (!key.isEmpty())
            a->setShortcut(key);
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        connect(a, &QAction::triggered, this, slot);
        addAction(a);
        return a;
    };
    m_runAction = action(tr("Run statement"), QStyle::SP_MediaPlay, QKeySequence(Qt::CTRL | Qt::Key_Return), [this] { runStatementAtCursor(); });
    m_runAction->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)});
    m_runAction->setToolTip(tr("Run the statement under the cursor, or the selection (Ctrl+Enter)"));
    m_runScriptAction = action(tr("Run script"), QStyle::SP_MediaSeekForward, QKeySequence(Qt::Key_F5), [this] { runScript(); });
    m_runScriptAction->setShortcuts({QKeySequence(Qt::Key_F5), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Return),
                                     QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Enter)});
    m_runScriptAction->setToolTip(tr("Run the selection or the whole script (F5, Ctrl+Shift+Enter)"));
    m_cancelAction = action(tr("Cancel"), QStyle::SP_MediaStop, QKeySequence(Qt::Key_Escape), [this] { cancel(); });
    m_cancelAction->setToolTip(tr("Stop the running statement on the server (Esc)"));
    m_explainAction = action(tr("Explain"), QStyle::SP_FileDialogDetailedView, QKeySequence(Qt::CTRL | Qt::Key_E), [this] { explain(false); });
    m_explainAnalyzeAction = action(tr("Explain analyze"), QStyle::SP_FileDialogInfoView, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E),
                                    [this] { explain(true); });
    m_explainAnalyzeAction->setToolTip(tr("EXPLAIN ANALYZE runs the statement to time it (Ctrl+Shift+E)"));
    m_formatAction = action(tr("Format SQL"), QStyle::SP_FileDialogListView, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F), [this] { formatSql(); });
    m_autoCommitAction = action(tr("Auto-commit"), QStyle::SP_DialogApplyButton, QKeySequence(), [this](bool on) { setAutoCommit(on); });
    m_autoCommitAction->setCheckable(true);
    m_autoCommitAction->setChecked(true);
    m_autoCommitAction->setToolTip(tr("Commit each statement as it runs; off: Commit or Roll back by hand"));
    m_commitAction = action(tr("Commit"), QStyle::SP_DialogSaveButton, QKeySequence(), [this] { m_executor->commit(); });
    m_rollbackAction = action(tr("Rollback"), QStyle::SP_DialogDiscardButton, QKeySequence(), [this] { m_executor->rollback(); });
    m_fetchMoreAction = action(tr("Fetch more"), QStyle::SP_ArrowDown, QKeySequence(), [this] { m_executor->fetchMore(m_executor->options().rowLimit); });
    m_fetchAllAction = action(tr("Fetch all"), QStyle::SP_ArrowDown, QKeySequence(), [this] { m_executor->fetchMore(-1); });
    m_exportAction = action(tr("Export…"), QStyle::SP_DriveFDIcon, QKeySequence(), [this] {
        auto *view = qobject_cast<QTableView *>(m_results->currentWidget());
        const int statement = m_views.key(view, -1);
        if (exec::ResultSetModel *model = m_models.value(statement))
            Q_EMIT exportRequested(model, m_results->tabText(m_results->currentIndex()));
    });
    m_exportAction->setToolTip(tr("Export the shown result"));
    m_historyAction = action(tr("History"), QStyle::SP_FileDialogContentsView, QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_H), [this](bool on) {
        m_history->setVisible(on);
    });
    m_historyAction->setCheckable(true);
    action(tr("Open…"), QStyle::SP_DialogOpenButton, QKeySequence(), [this] { openDialog(); })->setObjectName(QStringLiteral("openSql"));
    action(tr("Save"), QStyle::SP_DialogSaveButton, QKeySequence::Save, [this] {
        if (m_filePath.isEmpty())
            saveAs();
        else
            saveFile(m_filePath);
    })->setObjectName(QStringLiteral("saveSql"));
    action(tr("Find"), QStyle::SP_FileDialogContentsView, QKeySequence::Find, [this] { m_findBar->open(false); });
    action(tr("Replace"), QStyle::SP_FileDialogContentsView, QKeySequence(Qt::CTRL | Qt::Key_H), [this] { m_findBar->open(true); });
}

void ConsoleTab::buildLayout()
{
    m_toolbar->setIconSize(QSize(16, 16));
    m_toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    for (QAction *a : {m_runAction, m_runScriptAction, m_cancelAction})
        m_toolbar->addAction(a);
    m_toolbar->addSeparator();
    m_toolbar->addAction(m_explainAction);
    m_toolbar->addAction(m_explainAnalyzeAction);
    m_toolbar->addAction(m_formatAction);
    m_toolbar->addSeparator();
    m_toolbar->addAction(m_autoCommitAction);
    m_toolbar->addAction(m_commitAction);
    m_toolbar->addAction(m_rollbackAction);
    m_toolbar->addWidget(m_transactionLabel);
    m_toolbar->addSeparator();
    m_toolbar->addAction(m_historyAction);
    // Fits 1024 px beside the tree (issue 19): the actions people look for by name keep their
    // text; the others show their icon, with the name in the tooltip and accessible name.
    for (QAction *a : {m_runScriptAction, m_explainAction, m_explainAnalyzeAction, m_formatAction}) {
        if (auto *button = qobject_cast<QToolButton *>(m_toolbar->widgetForAction(a))) {
            button->setToolButtonStyle(Qt::ToolButtonIconOnly);
            button->setAccessibleName(a->text());
        }
    }
    m_transactionLabel->setObjectName(QStringLiteral("transactionLabel"));
    m_transactionLabel->setContentsMargins(6, 0, 6, 0);

    auto *editorBox = new QWidget(this);
    auto *editorLayout = new QVBoxLayout(editorBox);
    editorLayout->setContentsMargins(0, 0, 0, 0);
    editorLayout->setSpacing(0);
    editorLayout->addWidget(m_editor, 1);
    editorLayout->addWidget(m_findBar);

    m_messages->setReadOnly(true);
    m_messages->setObjectName(QStringLiteral("messages"));
    m_messages->setMaximumBlockCount(5000);
    m_results->setDocumentMode(true);
    m_results->setObjectName(QStringLiteral("resultTabs"));
    m_results->addTab(m_plan, tr("Plan"));
    m_results->setCornerWidget(new QToolBar(this));
    auto *corner = static_cast<QToolBar *>(m_results->cornerWidget());
    corner->setIconSize(QSize(14, 14));
    corner->setToolButtonStyle(Qt::ToolButtonTextOnly);
    corner->addAction(m_fetchMoreAction);
    corner->addAction(m_fetchAllAction);
    corner->addAction(m_exportAction);

    // results and messages side by side: row counts, notices and errors stay in view
    auto *bottom = new QSplitter(Qt::Horizontal, this);
    auto *messagesBox = new QWidget(this);
    auto *messagesLayout = new QVBoxLayout(messagesBox);
    messagesLayout->setContentsMargins(0, 0, 0, 0);
    messagesLayout->setSpacing(2);
    messagesLayout->addWidget(new QLabel(tr("<b>Messages</b>"), messagesBox));
    messagesLayout->addWidget(m_messages, 1);
    bottom->addWidget(m_results);
    bottom->addWidget(messagesBox);
    bottom->setStretchFactor(0, 3);
    bottom->setStretchFactor(1, 1);
    m_vertical->addWidget(editorBox);
    m_vertical->addWidget(bottom);
    m_vertical->setStretchFactor(0, 3);
    m_vertical->setStretchFactor(1, 2);
    m_horizontal->addWidget(m_vertical);
    m_horizontal->addWidget(m_history);
    m_horizontal->setStretchFactor(0, 4);
    m_horizontal->setStretchFactor(1, 1);
    m_history->hide();

    m_status->setObjectName(QStringLiteral("consoleStatus"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_toolbar);
    layout->addWidget(m_horizontal, 1);
    auto *statusRow = new QHBoxLayout;
    statusRow->setContentsMargins(6, 2, 6, 2);
    statusRow->addWidget(m_status, 1);
    layout->addLayout(statusRow);
}

QString ConsoleTab::title() const
{
    const QString base = m_filePath.isEmpty() ? tr("Console — %1").arg(m_spec.profile.name.isEmpty() ? m_spec.profile.displayName()
                                                                                               : m_spec.profile.name)
                                              : QFileInfo(m_filePath).fileName();
    return base;   // the main window marks it modified (PendingWork)
}

bool ConsoleTab::isModified() const
{
    return m_editor->toPlainText() != m_savedText;
}

bool ConsoleTab::hasOpenTransaction() const
{
    return m_executor && m_executor->transactionState() != TransactionState::Idle;
}

void ConsoleTab::setText(const QString &text)
{
    m_editor->setPlainText(text);
}

void ConsoleTab::restoreAutosave(const exec::AutosaveEntry &entry)
{
    discardAutosave();
    m_autosaveId = entry.id;
    m_filePath = entry.filePath;
    if (!m_filePath.isEmpty()) {
        QFile file(m_filePath);
        if (file.open(QIODevice::ReadOnly))
            m_savedText = QString::fromUtf8(file.readAll());
    }
    m_editor->setPlainText(entry.text);
    appendMessage(tr("Restored unsaved text from %1.").arg(QLocale().toString(entry.saved.toLocalTime(), QLocale::ShortFormat)));
    Q_EMIT titleChanged(title());
}

void ConsoleTab::discardAutosave()
{
    if (Status removed = m_autosave.remove(m_autosaveId); !removed)
        m_status->setText(removed.error().message);
}

void ConsoleTab::autosaveNow()
{
    if (!isModified()) {
        discardAutosave();
        return;
    }
    exec::AutosaveEntry entry{m_autosaveId, exec::HistoryStore::connectionKey(m_spec.profile), m_spec.profile.displayName(),
                              m_filePath, m_editor->toPlainText(), {}};
    if (Status saved = m_autosave.save(entry); !saved)
        m_status->setText(tr("Autosave failed: %1").arg(saved.error().message));
}

bool ConsoleTab::openFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        QMessageBox::warning(this, tr("Open SQL file"), tr("Cannot read %1: %2").arg(path, file.errorString()));
        return false;
    }
    m_savedText = QString::fromUtf8(file.readAll());
    m_filePath = path;
    m_editor->setPlainText(m_savedText);
    Q_EMIT titleChanged(title());
    return true;
}

bool ConsoleTab::saveFile(const QString &path)
{
    if (Status written = writeFile(path); !written) {
        QMessageBox::warning(this, tr("Save SQL file"), written.error().message);
        return false;
    }
    return true;
}

Status ConsoleTab::writeFile(const QString &path)
{
    QFile file(path);
    const QString text = m_editor->toPlainText();
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(text.toUtf8()) < 0)
        return Error(ErrorKind::Io, tr("Cannot write %1: %2").arg(path, file.errorString()));
    m_filePath = path;
    m_savedText = text;
    discardAutosave();
    Q_EMIT titleChanged(title());
    Q_EMIT pendingWorkChanged();
    return {};
}

QString ConsoleTab::askSavePath()
{
    return QFileDialog::getSaveFileName(this, tr("Save SQL"), m_filePath.isEmpty() ? QStringLiteral("query.sql") : m_filePath,
                                        tr("SQL files (*.sql);;All files (*)"));
}

void ConsoleTab::saveAs()
{
    const QString path = askSavePath();
    if (!path.isEmpty())
        saveFile(path);
}

void ConsoleTab::openDialog()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open SQL"), QString(), tr("SQL files (*.sql);;All files (*)"));
    if (!path.isEmpty())
        openFile(path);
}

void ConsoleTab::formatSql()
{
    QTextCursor c = m_editor->textCursor();
    const bool selection = c.hasSelection();
    const QString text = selection ? m_editor->toPlainText().mid(c.selectionStart(), c.selectionEnd() - c.selectionStart())
                                   : m_editor->toPlainText();
    const QString formatted = exec::SqlFormatter::format(text, m_spec.profile.driver);
    if (formatted == text)
        return;
    if (!selection)
        c.select(QTextCursor::Document);
    c.beginEditBlock();
    c.insertText(formatted);
    c.endEditBlock();
}

void ConsoleTab::setAutoCommit(bool on)
{
    if (on && hasOpenTransaction()) {
        const auto answer = QMessageBox::question(this, tr("Open transaction"),
                                                  tr("Commit the open transaction before switching to auto-commit?"),
                                                  QMessageBox::Yes | QMessageBox::No | QMessageBox::Cancel);
        if (answer == QMessageBox::Cancel) {
            m_autoCommitAction->setChecked(false);
            return;
        }
        if (answer == QMessageBox::Yes)
            m_executor->commit();
        else
            m_executor->rollback();
    }
    exec::ExecOptions options = m_executor->options();
    options.autoCommit = on;
    m_executor->setOptions(options);
    updateActions();
    updateStatus();
}

} // namespace strata::ui
