#include "migrationpanel.h"

#include "alembicruncontroller.h"
#include "migrationprojectloader.h"
#include "migrationruncontrol.h"
#include "migrationrunview.h"
#include "migrationtoolbar.h"
#include "pythonrevisionhighlighter.h"
#include "revisionfilehighlighter.h"
#include "revisiongraphwidget.h"

#include "connection/connection.h"

#include <QAction>
#include <QCryptographicHash>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace strata::ui {

using connection::Connection;
using migrate::MigrationEngine;

MigrationPanel::MigrationPanel(const connection::ConnectionSpec &spec, QWidget *parent)
    : QWidget(parent), m_spec(spec)
{
    setObjectName(QStringLiteral("MigrationPanel"));
    buildUi();
    m_project = new MigrationProjectLoader(this);
    connect(m_project, &MigrationProjectLoader::changedOnDisk, this, &MigrationPanel::onProjectChanged);
    buildAlembicRunner();
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
    delete m_alembicRunner;   // kills Alembic's process group
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
    // A long project path wraps (or is cut, whole in the tooltip) rather than widening the window.
    m_projectLabel->setWordWrap(true);
    m_projectLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_projectLabel->setMinimumWidth(120);
    projectBar->addWidget(m_projectLabel, 1);
    auto *attach = new QPushButton(tr("Attach project…"), this);
    connect(attach, &QPushButton::clicked, this, &MigrationPanel::chooseProject);
    auto *create = new QPushButton(tr("New migrations project…"), this);
    connect(create, &QPushButton::clicked, this, &MigrationPanel::chooseNewProject);
    projectBar->addWidget(attach);
    projectBar->addWidget(create);
    layout->addLayout(projectBar);
    auto *alembicBar = new QHBoxLayout;
    m_alembicLabel = new QLabel(this);
    m_alembicLabel->setObjectName(QStringLiteral("alembicLabel"));
    m_alembicLabel->setTextFormat(Qt::RichText);
    m_alembicLabel->setWordWrap(true);
    m_alembicLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_chooseAlembic = new QPushButton(tr("Choose Alembic…"), this);
    m_chooseAlembic->setToolTip(tr("Pick the Python interpreter (e.g. .venv/bin/python) or the alembic script this project runs with"));
    connect(m_chooseAlembic, &QPushButton::clicked, this, &MigrationPanel::chooseAlembic);
    alembicBar->addWidget(m_alembicLabel, 1);
    alembicBar->addWidget(m_chooseAlembic, 0, Qt::AlignTop);
    m_alembicLabel->hide();
    m_chooseAlembic->hide();
    layout->addLayout(alembicBar);
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
    m_runView = new MigrationRunView(this);
    // Alembic failures link to the revision file's line: show it there.
    connect(m_runView, &MigrationRunView::revisionLinkActivated, this, [this](const QString &id, int line) {
        if (!m_engine)
            return;
        m_failedRevision = id;
        m_failedLine = line;
        m_graph->setSelectedRevision(m_failedRevision);
        markFailedLine();
    });
    auto *vertical = new QSplitter(Qt::Vertical, this);
    vertical->addWidget(top);
    vertical->addWidget(m_runView);
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
    m_sqlHighlighter = new RevisionFileHighlighter(m_detail->document());
    m_pythonHighlighter = new PythonRevisionHighlighter(nullptr);
    detailLayout->addLayout(headerRow);
    detailLayout->addWidget(m_detail, 1);

    auto *top = new QSplitter(Qt::Horizontal, this);
    top->addWidget(m_stack);
    top->addWidget(detailBox);
    top->setStretchFactor(0, 3);
    top->setStretchFactor(1, 2);

    return top;
}

QWidget *MigrationPanel::buildToolBar()
{
    m_toolBar = new MigrationToolBar(this);
    connect(m_toolBar, &MigrationToolBar::runRequested, this, &MigrationPanel::runAction);
    connect(m_toolBar, &MigrationToolBar::previewRequested, this, &MigrationPanel::showPreview);
    connect(m_toolBar, &MigrationToolBar::cancelRequested, this, &MigrationPanel::cancel);
    connect(m_toolBar, &MigrationToolBar::newRevisionRequested, this, &MigrationPanel::askNewRevision);
    connect(m_toolBar, &MigrationToolBar::autogenerateRequested, this, &MigrationPanel::askAutogenerate);
    connect(m_toolBar, &MigrationToolBar::mergeRequested, this, &MigrationPanel::askMergeHeads);
    connect(m_toolBar, &MigrationToolBar::verifyRequested, this, &MigrationPanel::verifyNow);
    connect(m_toolBar, &MigrationToolBar::refreshRequested, this, &MigrationPanel::refresh);
    return m_toolBar;
}

void MigrationPanel::askAutogenerate()
{
    bool ok = false;
    const QString message = QInputDialog::getText(this, tr("Autogenerate a revision"),
                                                  tr("Alembic compares the models (env.py's target_metadata) with the database "
                                                     "and writes a revision for the difference.\nMessage:"),
                                                  QLineEdit::Normal, QString(), &ok);
    if (ok && !message.trimmed().isEmpty())
        alembicRevision(message.trimmed(), true);
}

QAction *MigrationPanel::action(MigrationAction a) const
{
    return m_toolBar->action(a);
}

QAction *MigrationPanel::cancelAction() const
{
    return m_toolBar->cancelAction();
}

QAction *MigrationPanel::autogenerateAction() const
{
    return m_toolBar->autogenerateAction();
}

QString MigrationPanel::projectFolder() const
{
    return m_project->folder();
}

QLabel *MigrationPanel::failureLabel() const
{
    return m_runView->failureLabel();
}

QTreeWidget *MigrationPanel::progressView() const
{
    return m_runView->progressView();
}

QPlainTextEdit *MigrationPanel::logView() const
{
    return m_runView->logView();
}

void MigrationPanel::appendLog(const QString &text, const QColor &color)
{
    m_runView->appendLog(text, color);
}

Status MigrationPanel::attachProject(const QString &folder)
{
    if (MigrationProjectLoader::iniIn(folder).isEmpty()) {
        Error e(ErrorKind::NotFound, tr("%1 has no strata.ini or alembic.ini").arg(folder));
        showProjectError(e);
        return e;
    }
    Result<MigrationEngine> engine = m_project->open(folder);
    QSettings().setValue(settingsKey(m_spec.profile), m_project->folder());
    if (!engine) {
        m_engine.reset();
        showProjectError(engine.error());
        m_project->watch(nullptr);
        return engine.error();
    }
    const bool alembic = engine->config().alembic;
    m_projectLabel->setText(tr("<b>Project:</b> %1 &nbsp;(%2)").arg(m_project->folder().toHtmlEscaped(),
                                                                     alembic ? tr("Alembic project, run by its own Alembic")
                                                                             : tr("Strata project")));
    m_projectLabel->setToolTip(m_project->folder());
    m_runView->hideFailure();
    setEngine(std::make_shared<const MigrationEngine>(std::move(*engine)));
    m_alembicLabel->setVisible(alembic);
    m_chooseAlembic->setVisible(alembic);
    if (alembic) {
        m_alembicLabel->setText(tr("Looking for the project's Alembic…"));
        m_alembicRunner->locate();
    }
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
    m_alembicRunner->setProject(m_project->folder(), m_engine->config().iniPath, m_engine->config().scriptDir,
                                m_engine->graph().walkOrder());
    rebuildGraph();
    updateActions();
    m_project->watch(m_engine.get());
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
    if (!m_project->folder().isEmpty() && !m_engine && !m_busy) {
        (void)attachProject(m_project->folder());
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
    MigrationToolBar::State state;
    state.project = m_engine != nullptr;
    state.alembic = state.project && m_engine->config().alembic;
    state.noAlembic = state.alembic && m_alembicRunner->installation().python.isEmpty();
    state.busy = m_busy;
    state.selected = !m_graph->selectedRevision().isEmpty();
    state.heads = state.project ? int(m_engine->graph().heads().size()) : 0;
    m_toolBar->setState(state);
}

void MigrationPanel::setBusy(bool busy)
{
    m_busy = busy;
    updateActions();
}

void MigrationPanel::chooseProject()
{
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Attach a migrations project (folder with strata.ini or alembic.ini)"),
                                                             m_project->folder());
    if (!folder.isEmpty())
        (void)attachProject(folder);
}

void MigrationPanel::chooseNewProject()
{
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Folder for the new migrations project"), m_project->folder());
    if (folder.isEmpty())
        return;
    if (Status s = createProject(folder); !s)
        QMessageBox::warning(this, tr("New migrations project"), s.error().message);
}

} // namespace strata::ui
