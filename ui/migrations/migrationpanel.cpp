#include "migrationpanel.h"

#include "migrationruncontrol.h"
#include "revisiongraphwidget.h"
#include "revisionfilehighlighter.h"

#include "connection/connection.h"

#include <QAction>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QScrollArea>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTextBlock>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace strata::ui {

using connection::Connection;
using migrate::MigrationEngine;

MigrationPanel::MigrationPanel(const connection::ConnectionSpec &spec, QWidget *parent)
    : QWidget(parent), m_spec(spec), m_alembicExe(QStandardPaths::findExecutable(QStringLiteral("alembic")))
{
    setObjectName(QStringLiteral("MigrationPanel"));
    buildUi();
    // Saves come in bursts (write, rename, several files): read the project once they settle.
    m_watcher = new QFileSystemWatcher(this);
    m_reloadTimer = new QTimer(this);
    m_reloadTimer->setSingleShot(true);
    m_reloadTimer->setInterval(150);
    connect(m_watcher, &QFileSystemWatcher::fileChanged, this, [this] { m_reloadTimer->start(); });
    connect(m_watcher, &QFileSystemWatcher::directoryChanged, this, [this] { m_reloadTimer->start(); });
    connect(m_reloadTimer, &QTimer::timeout, this, &MigrationPanel::onProjectChanged);
    openConnection();
    const QString remembered = QSettings().value(settingsKey(m_spec.profile)).toString();
    if (!remembered.isEmpty())
        (void)attachProject(remembered);
    updateActions();
}

MigrationPanel::~MigrationPanel()
{
    if (m_control)
        m_control->cancel();
    if (m_process)
        m_process->kill();
    // Joins the worker before this object goes: no run event is posted to a dead panel.
    delete m_conn.data();
}

QString MigrationPanel::settingsKey(const connection::ConnectionProfile &profile)
{
    // The database's location, not how it is opened: read-only or "create if missing"
    // opens of the same file share the project.
    connection::ConnectionProfile where = profile;
    where.createIfMissing = false;
    where.readOnly = false;
    const QString identity = profile.id.isEmpty() ? connection::toUrl(where) : QStringLiteral("id:") + profile.id;
    const QByteArray hash = QCryptographicHash::hash(identity.toUtf8(), QCryptographicHash::Sha1).toHex();
    return QStringLiteral("migrations/projects/") + QString::fromLatin1(hash);
}

void MigrationPanel::openConnection()
{
    m_conn = new Connection(m_spec.profile, QStringLiteral("migrations"), this);
    m_conn->open(m_spec.password, [this](const Result<connection::ServerInfo> &r) {
        if (!r) {
            showProjectError(Error(r.error().kind, tr("Cannot connect: %1").arg(r.error().message)));
            return;
        }
        if (m_engine)
            refresh();
    });
}

QString MigrationPanel::databaseName() const
{
    const connection::ConnectionProfile &p = m_spec.profile;
    return p.isPostgres() ? p.database : QFileInfo(p.filePath).fileName();
}

void MigrationPanel::buildUi()
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);

    auto *projectBar = new QHBoxLayout;
    m_projectLabel = new QLabel(this);
    m_projectLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    projectBar->addWidget(m_projectLabel, 1);
    auto *attach = new QPushButton(tr("Attach project…"), this);
    connect(attach, &QPushButton::clicked, this, &MigrationPanel::chooseProject);
    auto *create = new QPushButton(tr("New migrations project…"), this);
    connect(create, &QPushButton::clicked, this, &MigrationPanel::chooseNewProject);
    projectBar->addWidget(attach);
    projectBar->addWidget(create);
    layout->addLayout(projectBar);
    layout->addWidget(buildToolBar());

    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("migrationSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::RichText);
    layout->addWidget(m_summary);
    auto *legend = new QLabel(tr("<span style='color:#2e8b57'>●&nbsp;applied</span> &nbsp; "
                                 "<span style='color:#8a8f98'>○&nbsp;pending (not run yet)</span> &nbsp; "
                                 "<span style='color:#c62828'>✕&nbsp;cannot run here / failed</span> &nbsp; "
                                 "<span style='color:#1f6fd1'>◆&nbsp;database is here</span> &nbsp; "
                                 "<span style='color:#e08a00'>⚠&nbsp;file edited after it was applied</span>"), this);
    legend->setTextFormat(Qt::RichText);
    layout->addWidget(legend);

    QWidget *top = buildRevisionArea();
    QWidget *runBox = buildRunArea();
    auto *vertical = new QSplitter(Qt::Vertical, this);
    vertical->addWidget(top);
    vertical->addWidget(runBox);
    vertical->setStretchFactor(0, 3);
    vertical->setStretchFactor(1, 2);
    layout->addWidget(vertical, 1);

    connect(m_graph, &RevisionGraphWidget::selectedRevisionChanged, this, [this](const QString &id) {
        showDetail(id);
        updateActions();
    });
    m_projectLabel->setText(tr("No project attached"));
}

QWidget *MigrationPanel::buildRevisionArea()
{
    m_graph = new RevisionGraphWidget(this);
    m_graphScroll = new QScrollArea(this);
    m_graphScroll->setWidget(m_graph);
    m_graphScroll->setWidgetResizable(true);
    m_placeholder = new QLabel(this);
    m_placeholder->setWordWrap(true);
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setMargin(30);
    m_placeholder->setText(tr("<h3>No migrations project attached</h3>"
                              "<p>A migrations project is a folder with a <code>strata.ini</code> and a <code>versions/</code> folder "
                              "of revision files. Each revision is a small SQL file with the SQL that moves the schema one step "
                              "forward (upgrade) and back (downgrade); the database records which revision it is at.</p>"
                              "<p>Attach an existing project (Strata's, or an Alembic project with <code>alembic.ini</code>), "
                              "or create a new one.</p>"));
    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_placeholder);
    m_stack->addWidget(m_graphScroll);

    auto *detailBox = new QWidget(this);
    auto *detailLayout = new QVBoxLayout(detailBox);
    detailLayout->setContentsMargins(0, 0, 0, 0);
    m_detailHeader = new QLabel(tr("Select a revision to see its file."), detailBox);
    m_detailHeader->setWordWrap(true);
    m_detailHeader->setTextFormat(Qt::RichText);
    m_editButton = new QPushButton(tr("Edit file…"), detailBox);
    m_editButton->setObjectName(QStringLiteral("editRevisionButton"));
    m_editButton->setToolTip(tr("Open the revision file in an editor (it runs nothing by itself)"));
    m_editButton->setEnabled(false);
    connect(m_editButton, &QPushButton::clicked, this, [this] {
        const migrate::RevisionScript *script = m_engine ? m_engine->store().find(m_graph->selectedRevision()) : nullptr;
        if (script && !script->path.startsWith(QLatin1Char(':')))
            Q_EMIT editRevisionRequested(script->path);
    });
    auto *headerRow = new QHBoxLayout;
    headerRow->addWidget(m_detailHeader, 1);
    headerRow->addWidget(m_editButton, 0, Qt::AlignTop);
    m_detail = new QPlainTextEdit(detailBox);
    m_detail->setReadOnly(true);
    m_detail->setLineWrapMode(QPlainTextEdit::NoWrap);
    QFont mono(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::Monospace);
    m_detail->setFont(mono);
    new RevisionFileHighlighter(m_detail->document());
    detailLayout->addLayout(headerRow);
    detailLayout->addWidget(m_detail, 1);

    auto *top = new QSplitter(Qt::Horizontal, this);
    top->addWidget(m_stack);
    top->addWidget(detailBox);
    top->setStretchFactor(0, 3);
    top->setStretchFactor(1, 2);

    return top;
}

QWidget *MigrationPanel::buildRunArea()
{
    auto *runBox = new QWidget(this);
    auto *runLayout = new QVBoxLayout(runBox);
    runLayout->setContentsMargins(0, 0, 0, 0);
    m_failure = new QLabel(runBox);
    m_failure->setObjectName(QStringLiteral("migrationFailure"));
    m_failure->setWordWrap(true);
    m_failure->setTextFormat(Qt::RichText);
    m_failure->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_failure->setStyleSheet(QStringLiteral("QLabel { background: #fdecea; color: #8a1c1c; border: 1px solid #e3a5a0;"
                                            " border-radius: 4px; padding: 6px; }"));
    m_failure->hide();
    m_progress = new QTreeWidget(runBox);
    m_progress->setRootIsDecorated(false);
    m_progress->setHeaderLabels({tr("Revision"), tr("Message"), tr("Status"), tr("Time")});
    m_progress->header()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_progress->setColumnWidth(0, 110);
    m_progress->header()->setStretchLastSection(false);
    m_progress->header()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    m_progress->header()->setSectionResizeMode(3, QHeaderView::ResizeToContents);
    m_log = new QPlainTextEdit(runBox);
    m_log->setReadOnly(true);
    QFont mono(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::Monospace);
    m_log->setFont(mono);
    m_log->setMaximumBlockCount(20000);
    m_log->setPlaceholderText(tr("The statements of a run appear here as they execute."));
    auto *runSplit = new QSplitter(Qt::Horizontal, runBox);
    runSplit->addWidget(m_progress);
    runSplit->addWidget(m_log);
    runSplit->setStretchFactor(0, 2);
    runSplit->setStretchFactor(1, 3);
    runLayout->addWidget(m_failure);
    runLayout->addWidget(runSplit, 1);

    return runBox;
}

QWidget *MigrationPanel::buildToolBar()
{
    auto *bar = new QToolBar(this);
    bar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    auto makeAction = [this](MigrationAction a) {
        auto *act = new QAction(migrationActionName(a), this);
        connect(act, &QAction::triggered, this, [this, a] { runAction(a); });
        m_actions.insert(a, act);
        return act;
    };
    // A short button that runs the first (most common) action; its arrow offers the others.
    auto menuButton = [bar](const QString &text, const QList<QAction *> &actions) {
        auto *button = new QToolButton(bar);
        button->setText(text);
        button->setToolTip(actions.first()->text());
        button->setPopupMode(QToolButton::MenuButtonPopup);
        auto *menu = new QMenu(button);
        menu->addActions(actions);
        button->setMenu(menu);
        QAction *main = actions.first();
        connect(button, &QToolButton::clicked, main, &QAction::trigger);
        auto sync = [button, actions] {
            bool any = false;
            for (QAction *a : actions)
                any = any || a->isEnabled();
            button->setEnabled(any);
        };
        for (QAction *a : actions)
            connect(a, &QAction::changed, button, sync);
        bar->addWidget(button);
        return button;
    };
    menuButton(tr("▲ Upgrade"), {makeAction(MigrationAction::UpgradeHead), makeAction(MigrationAction::UpgradeSelected)});
    menuButton(tr("▼ Downgrade"), {makeAction(MigrationAction::DowngradeOne), makeAction(MigrationAction::DowngradeSelected),
                                   makeAction(MigrationAction::DowngradeBase)});
    menuButton(tr("Stamp"), {makeAction(MigrationAction::StampSelected), makeAction(MigrationAction::StampHeads)});
    for (QAction *a : {m_actions[MigrationAction::StampSelected], m_actions[MigrationAction::StampHeads]})
        a->setToolTip(tr("Record a revision in the database without running its SQL"));
    bar->addSeparator();
    m_cancel = bar->addAction(tr("■ Cancel"), this, &MigrationPanel::cancel);
    m_cancel->setToolTip(tr("Stop after the revision that is running; its transaction is rolled back"));
    bar->addSeparator();
    m_newRevision = bar->addAction(tr("New revision…"), this, &MigrationPanel::askNewRevision);
    m_merge = bar->addAction(tr("Merge heads…"), this, &MigrationPanel::askMergeHeads);
    m_previewButton = new QToolButton(bar);
    m_previewButton->setText(tr("Preview SQL"));
    m_previewButton->setPopupMode(QToolButton::InstantPopup);
    auto *previewMenu = new QMenu(m_previewButton);
    for (MigrationAction a : {MigrationAction::UpgradeHead, MigrationAction::UpgradeSelected, MigrationAction::DowngradeOne,
                              MigrationAction::DowngradeSelected, MigrationAction::DowngradeBase})
        previewMenu->addAction(migrationActionName(a), this, [this, a] { showPreview(a); });
    m_previewButton->setMenu(previewMenu);
    bar->addWidget(m_previewButton);
    m_verifyAction = bar->addAction(tr("Verify"), this, &MigrationPanel::verifyNow);
    m_verifyAction->setToolTip(tr("Compare applied revisions with their files (finds files edited after they ran)"));
    m_refresh = bar->addAction(tr("Refresh"), this, &MigrationPanel::refresh);
    return bar;
}

QAction *MigrationPanel::action(MigrationAction a) const
{
    return m_actions.value(a);
}

Status MigrationPanel::attachProject(const QString &folder)
{
    const QDir dir(folder);
    QString ini = dir.filePath(QStringLiteral("strata.ini"));
    if (!QFile::exists(ini))
        ini = dir.filePath(QStringLiteral("alembic.ini"));
    if (!QFile::exists(ini)) {
        Error e(ErrorKind::NotFound, tr("%1 has no strata.ini or alembic.ini").arg(folder));
        showProjectError(e);
        return e;
    }
    Result<migrate::ProjectConfig> config = migrate::ProjectConfig::load(ini);
    Result<MigrationEngine> engine = config ? MigrationEngine::open(*config) : Result<MigrationEngine>(config.error());
    m_folder = dir.absolutePath();
    QSettings().setValue(settingsKey(m_spec.profile), m_folder);
    if (!engine) {
        m_engine.reset();
        showProjectError(engine.error());
        watchProject();
        return engine.error();
    }
    m_projectLabel->setText(tr("<b>Project:</b> %1 &nbsp;(%2)").arg(m_folder.toHtmlEscaped(),
                                                                     config->alembic ? tr("Alembic project, read-only")
                                                                                     : tr("Strata project")));
    m_failure->hide();
    setEngine(std::make_shared<const MigrationEngine>(std::move(*engine)));
    readState([this] {
        m_ready = true;
        Q_EMIT refreshed();
    });
    return {};
}

Status MigrationPanel::createProject(const QString &folder)
{
    if (Status s = MigrationEngine::init(folder); !s) {
        showProjectError(s.error());
        return s;
    }
    return attachProject(folder);
}

void MigrationPanel::showProjectError(const Error &error)
{
    m_stack->setCurrentWidget(m_placeholder);
    m_placeholder->setText(tr("<h3>The project cannot be used</h3><pre>%1</pre><p>Fix the files and press Refresh, or attach "
                              "another project.</p>").arg(error.message.toHtmlEscaped()));
    m_summary->setText(QString());
    updateActions();
}

void MigrationPanel::setEngine(std::shared_ptr<const MigrationEngine> engine)
{
    m_engine = std::move(engine);
    // A failure mark belongs to the text that failed: a changed file drops it.
    const migrate::RevisionScript *failed = m_engine->store().find(m_failedRevision);
    if (!m_failedRevision.isEmpty() && (!failed || failed->fingerprint != m_failedFingerprint)) {
        m_failedRevision.clear();
        m_failedFingerprint.clear();
        m_failedLine = 0;
    }
    m_stack->setCurrentWidget(m_graphScroll);
    rebuildGraph();
    updateActions();
    watchProject();
}

void MigrationPanel::readState(std::function<void()> then)
{
    if (!m_engine || !m_conn)
        return;
    auto engine = m_engine;
    m_conn->run<DbState>(this, [engine](connection::JobContext &jc) -> Result<DbState> {
        DbState state;
        Result<QStringList> heads = engine->currentHeads(jc.db);
        if (!heads)
            return heads.error();
        state.heads = *heads;
        if (!engine->config().alembic) {
            Result<migrate::VerifyReport> v = engine->verify(jc.db);
            if (v)
                state.verify = *v;
        }
        return state;
    }, [this, then = std::move(then)](Result<DbState> r) {
        if (!r) {
            appendLog(tr("Cannot read the version table: %1").arg(r.error().message), QColor(0xc6, 0x28, 0x28));
            m_summary->setText(tr("<span style='color:#c62828'>Cannot read the version table: %1</span>")
                                   .arg(r.error().message.toHtmlEscaped()));
        } else {
            applyState(*r);
        }
        if (then)
            then();
    });
}

void MigrationPanel::refresh()
{
    if (!m_folder.isEmpty() && !m_engine && !m_busy) {
        (void)attachProject(m_folder);
        return;
    }
    // Reload the files too: revisions may have been added or edited outside Strata.
    if (m_engine && !m_busy && !reloadEngine())
        return;
    readState([this] {
        m_ready = true;
        Q_EMIT refreshed();
    });
}

void MigrationPanel::updateActions()
{
    const bool project = m_engine != nullptr;
    const bool alembic = project && m_engine->config().alembic;
    const bool canRun = project && !m_busy && (!alembic || !m_alembicExe.isEmpty());
    const bool selected = !m_graph->selectedRevision().isEmpty();
    for (auto it = m_actions.cbegin(); it != m_actions.cend(); ++it) {
        const bool needsSelection = it.key() == MigrationAction::UpgradeSelected || it.key() == MigrationAction::DowngradeSelected
                                 || it.key() == MigrationAction::StampSelected;
        it.value()->setEnabled(canRun && (!needsSelection || selected));
        if (alembic && m_alembicExe.isEmpty())
            it.value()->setToolTip(tr("Alembic projects run with the alembic command, which is not on PATH"));
    }
    m_newRevision->setEnabled(project && !alembic && !m_busy);
    m_merge->setEnabled(project && !alembic && !m_busy && m_engine->graph().heads().size() > 1);
    m_previewButton->setEnabled(project && !alembic && !m_busy);
    m_verifyAction->setEnabled(project && !alembic && !m_busy);
    m_refresh->setEnabled(project && !m_busy);
    m_cancel->setEnabled(m_busy);
}

void MigrationPanel::setBusy(bool busy)
{
    m_busy = busy;
    updateActions();
}

void MigrationPanel::chooseProject()
{
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Attach a migrations project (folder with strata.ini or alembic.ini)"),
                                                             m_folder);
    if (!folder.isEmpty())
        (void)attachProject(folder);
}

void MigrationPanel::chooseNewProject()
{
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Folder for the new migrations project"), m_folder);
    if (folder.isEmpty())
        return;
    if (Status s = createProject(folder); !s)
        QMessageBox::warning(this, tr("New migrations project"), s.error().message);
}

} // namespace strata::ui
