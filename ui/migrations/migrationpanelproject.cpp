// MigrationPanel: the project on disk (read again, watched), project commands (new revision,
// merge heads, preview SQL, verify) and Alembic projects run through the `alembic` executable.

#include "migrationpanel.h"

#include "revisiongraphwidget.h"
#include "revisionfilehighlighter.h"

#include <QAction>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProcess>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace strata::ui {

using migrate::MigrationEngine;

Status MigrationPanel::reloadEngine()
{
    const QString ini = m_engine ? m_engine->config().iniPath : QString();
    if (ini.isEmpty())
        return {};
    Result<migrate::ProjectConfig> config = migrate::ProjectConfig::load(ini);
    Result<MigrationEngine> engine = config ? MigrationEngine::open(*config) : Result<MigrationEngine>(config.error());
    if (!engine) {
        m_engine.reset();
        showProjectError(engine.error());
        watchProject();   // keep watching, so fixing the file brings the project back
        return engine.error();
    }
    setEngine(std::make_shared<const MigrationEngine>(std::move(*engine)));
    return {};
}

void MigrationPanel::watchProject()
{
    // Called again after every change: an atomic save (write a new file, rename it over the
    // old one) drops the old file from the watcher.
    QStringList paths;
    if (!m_folder.isEmpty()) {
        paths << m_folder;
        for (const QString &ini : {QStringLiteral("strata.ini"), QStringLiteral("alembic.ini")})
            if (QFileInfo::exists(QDir(m_folder).filePath(ini)))
                paths << QDir(m_folder).filePath(ini);
    }
    if (m_engine && !m_engine->config().scriptDir.startsWith(QLatin1Char(':'))) {
        paths << m_engine->config().scriptDir;
        for (const migrate::RevisionScript &script : m_engine->store().scripts())
            paths << script.path;
    }
    const QStringList watched = m_watcher->files() + m_watcher->directories();
    QStringList gone;
    for (const QString &p : watched)
        if (!paths.contains(p))
            gone << p;
    if (!gone.isEmpty())
        m_watcher->removePaths(gone);
    QStringList added;
    for (const QString &p : std::as_const(paths))
        if (!watched.contains(p) && QFileInfo::exists(p))
            added << p;
    if (!added.isEmpty())
        m_watcher->addPaths(added);
}

void MigrationPanel::onProjectChanged()
{
    if (m_folder.isEmpty())
        return;
    if (m_busy) {
        m_reloadPending = true;   // finishAction() reads it when the command is over
        return;
    }
    refresh();
}

Result<QString> MigrationPanel::newRevision(const QString &message)
{
    if (!m_engine)
        return Error(ErrorKind::Migration, tr("No migrations project is attached"));
    MigrationEngine copy = *m_engine;
    migrate::NewRevisionOptions options;
    options.message = message;
    const QString selected = m_graph->selectedRevision();
    if (!selected.isEmpty() && copy.graph().contains(selected) && copy.graph().isHead(selected))
        options.head = selected;
    Result<migrate::RevisionScript> script = copy.createRevision(options);
    if (!script)
        return script.error();
    setEngine(std::make_shared<const MigrationEngine>(std::move(copy)));
    m_graph->setSelectedRevision(script->id);
    appendLog(tr("New revision %1 written to %2").arg(script->id, script->path));
    Q_EMIT revisionFileCreated(script->path);
    return script->path;
}

Result<QString> MigrationPanel::mergeHeads(const QString &message)
{
    if (!m_engine)
        return Error(ErrorKind::Migration, tr("No migrations project is attached"));
    MigrationEngine copy = *m_engine;
    Result<migrate::RevisionScript> script = copy.merge(copy.graph().heads(), message);
    if (!script)
        return script.error();
    setEngine(std::make_shared<const MigrationEngine>(std::move(copy)));
    m_graph->setSelectedRevision(script->id);
    appendLog(tr("Merge revision %1 written to %2 (it joins %3)").arg(script->id, script->path, script->downRevisions.join(QStringLiteral(", "))));
    Q_EMIT revisionFileCreated(script->path);
    return script->path;
}

void MigrationPanel::askNewRevision()
{
    bool ok = false;
    const QString message = QInputDialog::getText(this, tr("New revision"),
                                                  tr("What does this revision change? (e.g. “add a users table”)"),
                                                  QLineEdit::Normal, QString(), &ok);
    if (!ok || message.trimmed().isEmpty())
        return;
    Result<QString> path = newRevision(message.trimmed());
    if (!path)
        QMessageBox::warning(this, tr("New revision"), path.error().message);
}

void MigrationPanel::askMergeHeads()
{
    bool ok = false;
    const QString message = QInputDialog::getText(this, tr("Merge heads"),
                                                  tr("The project has several heads (branches). A merge revision joins them "
                                                     "so “head” means one revision again.\nMessage:"),
                                                  QLineEdit::Normal, tr("merge heads"), &ok);
    if (!ok)
        return;
    Result<QString> path = mergeHeads(message.trimmed());
    if (!path)
        QMessageBox::warning(this, tr("Merge heads"), path.error().message);
}

void MigrationPanel::showPreview(MigrationAction action)
{
    if (m_busy || !reloadEngine())   // the files as they are now
        return;
    Result<PlannedMigration> p = plan(action);
    if (!p) {
        QMessageBox::warning(this, tr("Preview SQL"), p.error().message);
        return;
    }
    auto *dialog = new QDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Preview SQL — %1").arg(migrationActionName(action)));
    auto *layout = new QVBoxLayout(dialog);
    const QString range = (p->startHeads.isEmpty() ? QString() : p->startHeads.join(QLatin1Char(',')) + QLatin1Char(':')) + p->target;
    layout->addWidget(new QLabel(p->sql.isEmpty() ? tr("Nothing to run: the database is already there.")
                                                  : tr("What “%1” would run now (the same as <code>strata-migrate %2 %3 --sql</code>):")
                                                        .arg(migrationActionName(action), migrate::directionName(p->direction), range),
                                 dialog));
    auto *text = new QPlainTextEdit(dialog);
    text->setReadOnly(true);
    text->setLineWrapMode(QPlainTextEdit::NoWrap);
    QFont mono(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::Monospace);
    text->setFont(mono);
    new RevisionFileHighlighter(text->document());
    text->setPlainText(p->sql);
    layout->addWidget(text, 1);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::close);
    layout->addWidget(buttons);
    dialog->resize(760, 560);
    dialog->show();
}

void MigrationPanel::verifyNow()
{
    if (!m_engine || m_busy)
        return;
    appendLog(tr("── Verify: comparing applied revisions with their files"), QColor(0x1f, 0x6f, 0xd1));
    readState([this] {
        if (!m_verify)
            return;
        int ok = 0, unverified = 0;
        for (const migrate::VerifyEntry &e : m_verify->entries) {
            if (e.state == migrate::VerifyEntry::State::Ok)
                ++ok;
            else if (e.state == migrate::VerifyEntry::State::Unverified)
                ++unverified;
            else
                appendLog(tr("⚠ %1 (%2) was edited after it was applied: the database ran a different version of this file")
                              .arg(e.revision, e.path), QColor(0xb3, 0x6b, 0x00));
        }
        appendLog(tr("Verify: %1 applied revision(s) match their files, %2 edited, %3 without a checksum (stamped or applied by another tool)")
                      .arg(ok).arg(m_verify->entries.size() - ok - unverified).arg(unverified));
        Q_EMIT refreshed();
    });
}

void MigrationPanel::executeAlembic(const PlannedMigration &p)
{
    QStringList args = alembicCommand(p.action).arg(p.target).split(QLatin1Char(' '));
    m_progress->clear();
    appendLog(tr("── $ alembic %1   (in %2)").arg(args.join(QLatin1Char(' ')), m_engine->config().projectDir), QColor(0x1f, 0x6f, 0xd1));
    appendLog(tr("Alembic connects with the URL of its own alembic.ini / env.py."));
    auto *process = new QProcess(this);
    m_process = process;
    process->setWorkingDirectory(m_engine->config().projectDir);
    process->setProcessChannelMode(QProcess::MergedChannels);
    connect(process, &QProcess::readyRead, this, [this, process] {
        while (process->canReadLine())
            appendLog(QString::fromUtf8(process->readLine()).trimmed());
    });
    connect(process, &QProcess::finished, this, [this, process](int code, QProcess::ExitStatus status) {
        appendLog(QString::fromUtf8(process->readAll()).trimmed());
        const bool ok = status == QProcess::NormalExit && code == 0;
        if (!ok)
            showFailure(Error(ErrorKind::Migration, tr("alembic exited with code %1; see the log").arg(code)));
        process->deleteLater();
        finishAction(ok);
    });
    connect(process, &QProcess::errorOccurred, this, [this, process](QProcess::ProcessError error) {
        if (error != QProcess::FailedToStart)
            return;
        showFailure(Error(ErrorKind::Io, tr("Cannot start %1: %2").arg(m_alembicExe, process->errorString())));
        process->deleteLater();
        finishAction(false);
    });
    process->start(m_alembicExe, args);
}

} // namespace strata::ui
