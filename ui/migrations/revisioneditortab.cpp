#include "revisioneditortab.h"

#include "migrationaction.h"
#include "migrationruncontrol.h"
#include "revisioneditor.h"

#include "connection/connection.h"
#include "widgets/pendingwork.h"
#include "migrate/script/revisionfileparser.h"

#include <QAction>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QSaveFile>
#include <QScrollBar>
#include <QSplitter>
#include <QTextBlock>
#include <QToolBar>
#include <QVBoxLayout>

namespace strata::ui {

using connection::Connection;
using migrate::Direction;

namespace {

const QColor kRed(0xc6, 0x28, 0x28);
const QColor kGreen(0x2e, 0x8b, 0x57);
const QColor kOrange(0xb3, 0x6b, 0x00);

} // namespace

RevisionEditorTab::RevisionEditorTab(const connection::ConnectionSpec &spec, const migrate::ProjectConfig &project,
                                     const QString &path, QWidget *parent)
    : QWidget(parent), m_spec(spec), m_project(project), m_path(QFileInfo(path).absoluteFilePath())
{
    setObjectName(QStringLiteral("RevisionEditorTab"));
    buildUi();
    attachPendingWork();
    load();
    m_watcher = new QFileSystemWatcher(this);
    m_watcher->addPath(m_path);
    connect(m_watcher, &QFileSystemWatcher::fileChanged, this, &RevisionEditorTab::onFileChanged);
}

RevisionEditorTab::~RevisionEditorTab()
{
    if (m_control)
        m_control->cancel();
    // Joins the worker before this object goes: no event is posted to a dead tab.
    delete m_conn.data();
}

void RevisionEditorTab::buildUi()
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    m_notice = new QLabel(this);
    m_notice->setObjectName(QStringLiteral("revisionEditorNotice"));
    m_notice->setWordWrap(true);
    m_notice->setTextFormat(Qt::RichText);
    m_notice->setText(tr("<b>%1</b> — a revision file. This editor runs nothing by itself: Upgrade and Downgrade in the "
                         "migration panel apply and record revisions; “Run … section” runs one section after a confirmation "
                         "and records nothing.").arg(displayPath().toHtmlEscaped()));
    layout->addWidget(m_notice);

    auto *bar = new QToolBar(this);
    bar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_save = bar->addAction(tr("Save"), this, [this] { (void)save(); });
    m_save->setShortcut(QKeySequence::Save);
    m_save->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(m_save);
    bar->addSeparator();
    m_runUpgrade = bar->addAction(tr("Run upgrade section…"), this, [this] { runSection(Direction::Upgrade); });
    m_runUpgrade->setObjectName(QStringLiteral("runUpgradeSection"));
    m_runUpgrade->setToolTip(tr("Run only this file's upgrade section, after a confirmation; the version table is not changed"));
    m_runDowngrade = bar->addAction(tr("Run downgrade section…"), this, [this] { runSection(Direction::Downgrade); });
    m_runDowngrade->setObjectName(QStringLiteral("runDowngradeSection"));
    m_runDowngrade->setToolTip(tr("Run only this file's downgrade section, after a confirmation; the version table is not changed"));
    m_cancel = bar->addAction(tr("■ Cancel"), this, &RevisionEditorTab::cancel);
    m_cancel->setEnabled(false);
    layout->addWidget(bar);

    m_editor = new RevisionEditor(m_spec.profile.driver, this);
    m_output = new QPlainTextEdit(this);
    m_output->setObjectName(QStringLiteral("revisionEditorOutput"));
    m_output->setReadOnly(true);
    m_output->setMaximumBlockCount(5000);
    m_output->setPlaceholderText(tr("What a section run does appears here."));
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_editor);
    split->addWidget(m_output);
    split->setStretchFactor(0, 5);
    split->setStretchFactor(1, 1);
    layout->addWidget(split, 1);
}

void RevisionEditorTab::attachPendingWork()
{
    PendingWork::Hooks hooks;
    // Quitting loses the edits too: nothing autosaves a revision file.
    hooks.describe = [this](PendingWorkScope) {
        return isModified() ? QStringList{tr("unsaved edits to %1").arg(displayPath())} : QStringList();
    };
    hooks.save = [this](PendingWorkScope, PendingWork::SaveDone done) { done(writeFile()); };
    hooks.discard = [this](PendingWorkScope) { m_editor->document()->setModified(false); };   // the tab goes
    auto *work = new PendingWork(this, std::move(hooks));
    connect(m_editor->document(), &QTextDocument::modificationChanged, work, &PendingWork::changed);
}

QString RevisionEditorTab::displayPath() const
{
    return m_project.projectDir.isEmpty() ? m_path : QDir(m_project.projectDir).relativeFilePath(m_path);
}

QString RevisionEditorTab::databaseName() const
{
    const connection::ConnectionProfile &p = m_spec.profile;
    return p.isPostgres() ? p.database : QFileInfo(p.filePath).fileName();
}

QString RevisionEditorTab::title() const
{
    return QFileInfo(m_path).fileName();
}

bool RevisionEditorTab::isModified() const
{
    return m_editor->document()->isModified();
}

bool RevisionEditorTab::load()
{
    QFile f(m_path);
    if (!f.open(QIODevice::ReadOnly)) {
        appendOutput(tr("Cannot read %1: %2").arg(m_path, f.errorString()), kRed);
        return false;
    }
    const int position = m_editor->textCursor().position();
    m_editor->setPlainText(QString::fromUtf8(f.readAll()));
    QTextCursor cursor = m_editor->textCursor();
    cursor.setPosition(std::min(position, int(m_editor->document()->characterCount()) - 1));
    m_editor->setTextCursor(cursor);
    m_editor->document()->setModified(false);
    return true;
}

bool RevisionEditorTab::save()
{
    const Status written = writeFile();
    if (!written)
        QMessageBox::warning(this, tr("Save revision file"), written.error().message);
    return bool(written);
}

Status RevisionEditorTab::writeFile()
{
    // QSaveFile writes a new file and renames it over the old one: nobody reads half a file.
    QSaveFile f(m_path);
    if (!f.open(QIODevice::WriteOnly) || f.write(m_editor->toPlainText().toUtf8()) < 0 || !f.commit()) {
        const QString message = tr("Cannot save %1: %2").arg(m_path, f.errorString());
        appendOutput(QStringLiteral("✕ ") + message, kRed);
        return Error(ErrorKind::Io, message);
    }
    m_editor->document()->setModified(false);
    m_notice->setStyleSheet(QString());
    // The rename replaced the watched file: watch the new one.
    if (!m_watcher->files().contains(m_path))
        m_watcher->addPath(m_path);
    Q_EMIT saved(m_path);
    return Status();
}

void RevisionEditorTab::onFileChanged()
{
    if (QFileInfo::exists(m_path) && !m_watcher->files().contains(m_path))
        m_watcher->addPath(m_path);   // replaced by an atomic save
    QFile f(m_path);
    if (!f.open(QIODevice::ReadOnly))
        return;
    const QString onDisk = QString::fromUtf8(f.readAll());
    if (onDisk == m_editor->toPlainText())
        return;   // our own save, or no real change
    if (!isModified()) {
        load();
        appendOutput(tr("The file changed on disk; reloaded."));
        return;
    }
    m_notice->setStyleSheet(QStringLiteral("QLabel { background: #fff4e0; }"));
    appendOutput(tr("⚠ %1 changed on disk while you have unsaved edits here; saving overwrites the other change.").arg(displayPath()),
                 kOrange);
}

Result<migrate::RevisionSection> RevisionEditorTab::parseSection(Direction direction, migrate::RevisionScript &script)
{
    // The engine's own parser, on the text as shown (saved or not).
    Result<migrate::RevisionScript> parsed = migrate::RevisionFileParser::parse(m_editor->toPlainText(), displayPath());
    if (!parsed)
        return parsed.error();
    script = *parsed;
    return script.section(direction, dialect::dialectFor(m_spec.profile.driver).name());
}

MigrationConfirmation RevisionEditorTab::confirmation(const migrate::RevisionScript &script, Direction direction,
                                                      const migrate::RevisionSection &section) const
{
    const bool up = direction == Direction::Upgrade;
    const int lastLine = section.line + int(section.sql.count(QLatin1Char('\n')));
    MigrationConfirmation c;
    c.title = up ? tr("Run the upgrade section of %1").arg(script.id) : tr("Run the downgrade section of %1").arg(script.id);
    c.summary = (up ? tr("Run the upgrade section of revision %1 on %2") : tr("Run the downgrade section of revision %1 on %2"))
                    .arg(script.id, databaseName())
              + QLatin1Char(' ')
              + (script.transactional ? tr("in one transaction.") : tr("outside a transaction (the file says transactional: false)."))
              + QLatin1Char(' ')
              + tr("This is not an %1: nothing is recorded in the version table (%2), so the database's revision does not change.")
                    .arg(up ? tr("upgrade") : tr("downgrade"), m_project.versionTable)
              + (isModified() ? tr(" The SQL is the editor's text, which is not saved yet.") : QString());
    c.revisions.append(tr("%1  %2  %3  (%4 section only: %5, lines %6–%7)")
                           .arg(up ? QStringLiteral("▲") : QStringLiteral("▼"), script.id, script.message,
                                migrate::directionName(direction), displayPath())
                           .arg(section.line)
                           .arg(lastLine));
    c.sql = section.sql;
    c.destructive = destructiveStatements(section.sql, displayPath(), section.line, m_spec.profile.driver);
    c.production = m_spec.profile.colorTag.compare(QLatin1String("production"), Qt::CaseInsensitive) == 0;
    c.databaseName = databaseName();
    c.runLabel = up ? tr("Run upgrade section") : tr("Run downgrade section");
    return c;
}

void RevisionEditorTab::runSection(Direction direction)
{
    if (m_running)
        return;
    const QString name = migrate::directionName(direction);
    migrate::RevisionScript script;
    Result<migrate::RevisionSection> section = parseSection(direction, script);
    if (!section) {
        appendOutput(tr("✕ Cannot run the %1 section: %2").arg(name, section.error().message), kRed);
        markErrorLine(section.error());
        Q_EMIT sectionFinished(false);
        return;
    }
    if (section->sql.trimmed().isEmpty()) {
        appendOutput(tr("The %1 section is empty: nothing to run.").arg(name));
        Q_EMIT sectionFinished(false);
        return;
    }
    MigrationConfirmDialog dialog(confirmation(script, direction, *section), this);
    const bool accepted = m_confirmer ? m_confirmer(dialog) : dialog.exec() == QDialog::Accepted;
    if (!accepted) {
        appendOutput(tr("Run %1 section: not confirmed, nothing was run.").arg(name));
        Q_EMIT sectionFinished(false);
        return;
    }
    // The text the confirmation showed is the text that runs.
    migrate::SectionRun run;
    run.revision = script.id;
    run.direction = direction;
    run.sql = dialog.confirmation().sql;
    run.file = displayPath();
    run.firstLine = section->line;
    run.transactional = script.transactional;
    execute(run);
}

void RevisionEditorTab::execute(const migrate::SectionRun &run)
{
    setRunning(true);
    m_editor->clearErrorMark();
    appendOutput(tr("── Run the %1 section of %2 (%3) on %4").arg(migrate::directionName(run.direction), run.revision, run.file,
                                                               databaseName()),
                 QColor(0x1f, 0x6f, 0xd1));
    m_control = std::make_shared<MigrationRunControl>();
    auto start = [this, run, control = m_control] {
        migrate::VersionTableName table{m_project.versionTableSchema, m_project.versionTable};
        RevisionEditorTab *tab = this;   // valid while the job runs: the destructor joins the worker first
        m_conn->run<qint64>(this, [run, control, table, tab](connection::JobContext &jc) -> Result<qint64> {
            migrate::RunnerOptions options;
            options.versionTable = table;
            options.lockTimeoutSeconds = 600;
            options.onEvent = [tab](const migrate::RunEvent &event) {
                QMetaObject::invokeMethod(tab, [tab, event] {
                    if (event.kind == migrate::RunEvent::Kind::Statement)
                        tab->appendOutput(QStringLiteral("    %1:%2  %3  (%4 ms)").arg(event.file).arg(event.line)
                                              .arg(event.text.simplified().left(240)).arg(event.durationMs));
                    else if (event.kind == migrate::RunEvent::Kind::Waiting || event.kind == migrate::RunEvent::Kind::Info)
                        tab->appendOutput(event.text, kOrange);
                }, Qt::QueuedConnection);
            };
            migrate::MigrationRunner runner(jc.db, migrate::ScriptStore(), options);
            control->attach(&runner);
            Result<qint64> r = runner.runSection(run);
            control->detach();
            return r;
        }, [this, run](Result<qint64> r) { finish(r, run); });
    };
    if (!m_conn)
        m_conn = new Connection(m_spec.profile, QStringLiteral("revision-editor"), this);
    if (m_conn->state() == Connection::State::Open) {
        start();
        return;
    }
    m_conn->open(m_spec.password, [this, start, run](const Result<connection::ServerInfo> &r) {
        if (!r) {
            finish(Error(r.error().kind, tr("Cannot connect: %1").arg(r.error().message)), run);
            return;
        }
        start();
    });
}

void RevisionEditorTab::finish(const Result<qint64> &result, const migrate::SectionRun &run)
{
    m_control.reset();
    setRunning(false);
    const QString name = migrate::directionName(run.direction);
    if (result) {
        appendOutput(tr("✓ The %1 section of %2 ran in %3 ms. Nothing was recorded in %4: the database's revision is unchanged.")
                         .arg(name, run.revision).arg(*result).arg(m_project.versionTable),
                     kGreen);
        Q_EMIT sectionFinished(true);
        return;
    }
    const Error &e = result.error();
    if (e.isCancelled()) {
        appendOutput(tr("Cancelled: %1. The transaction was rolled back.").arg(e.message), kOrange);
    } else {
        appendOutput(tr("✕ The %1 section failed: %2").arg(name, e.message), kRed);
        appendOutput(run.transactional ? tr("Its transaction was rolled back: nothing it did is kept.")
                                       : tr("The revision is not transactional: statements before the failing one stay done."),
                     kRed);
        markErrorLine(e);
    }
    Q_EMIT sectionFinished(false);
}

void RevisionEditorTab::markErrorLine(const Error &error)
{
    // Errors about this file (parser, section checks, executor) carry its line.
    const SourceLocation &at = error.location;
    if (at.line <= 0 || (!at.file.isEmpty() && at.file != displayPath()))
        return;
    if (const QTextBlock block = m_editor->document()->findBlockByNumber(at.line - 1); block.isValid())
        m_editor->markError(block.position() + std::max(0, at.column - 1), error.message);
}

void RevisionEditorTab::cancel()
{
    if (m_control) {
        m_control->cancel();
        if (m_conn)
            m_conn->cancel();
        appendOutput(tr("Cancel requested…"), kOrange);
    }
}

void RevisionEditorTab::setRunning(bool running)
{
    m_running = running;
    m_runUpgrade->setEnabled(!running);
    m_runDowngrade->setEnabled(!running);
    m_cancel->setEnabled(running);
}

void RevisionEditorTab::appendOutput(const QString &text, const QColor &color)
{
    const QString html = QStringLiteral("<span style='white-space:pre-wrap; color:%1'>%2</span>")
                             .arg(color.isValid() ? color.name() : QStringLiteral("#303030"), text.toHtmlEscaped());
    m_output->appendHtml(html);
    m_output->verticalScrollBar()->setValue(m_output->verticalScrollBar()->maximum());
}

} // namespace strata::ui
