// MigrationPanel and Alembic projects: which Alembic was found, the runs (per-revision
// progress, cancel, failures) and the project commands (revision, autogenerate, merge heads,
// preview SQL). Finding and running Alembic safely is AlembicRunController's (the database
// check, the refusal); the logic lives in core/migrate/alembic; this file shows it.

#include "migrationpanel.h"

#include "alembicruncontroller.h"
#include "migrationrunview.h"
#include "revisiongraphwidget.h"

#include "migrate/alembic/alembiccommand.h"
#include "migrate/alembic/alembicprocess.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QTreeWidget>

namespace strata::ui {

using namespace migrate::alembic;

namespace {

const QColor kRed(0xc6, 0x28, 0x28);
const QColor kGreen(0x2e, 0x8b, 0x57);
const QColor kBlue(0x1f, 0x6f, 0xd1);
const QColor kOrange(0xb3, 0x6b, 0x00);

QColor colorOf(const QString &line)
{
    if (line.startsWith(QLatin1String("FAILED")) || line.startsWith(QLatin1String("ERROR")) || line.startsWith(QLatin1String("Traceback"))
        || line.startsWith(QLatin1String("sqlalchemy.exc")))
        return kRed;
    if (line.contains(QLatin1String("Running upgrade")) || line.contains(QLatin1String("Running downgrade")))
        return kBlue;
    return {};
}

} // namespace

void MigrationPanel::buildAlembicRunner()
{
    m_alembicRunner = new AlembicRunController(m_spec, this);
    connect(m_alembicRunner, &AlembicRunController::located, this, &MigrationPanel::showAlembicLocated);
    connect(m_alembicRunner, &AlembicRunController::logMessage, this, &MigrationPanel::appendLog);
    connect(m_alembicRunner, &AlembicRunController::lineRead, this, [this](const QString &line) { appendLog(line, colorOf(line)); });
    connect(m_alembicRunner, &AlembicRunController::stepStarted, this, &MigrationPanel::onAlembicStep);
    connect(m_alembicRunner, &AlembicRunController::notRun, this, &MigrationPanel::showFailure);
    connect(m_alembicRunner, &AlembicRunController::refused, this, [this](const QString &configured, const QString &expected) {
        m_runView->showFailure(tr("<b>✕ Refused:</b> Alembic would connect to <code>%1</code>, but this panel shows <code>%2</code>. "
                                  "Nothing was run.")
                                   .arg(configured.toHtmlEscaped(), expected.toHtmlEscaped()));
    });
}

const AlembicInstallation &MigrationPanel::alembicInstallation() const
{
    return m_alembicRunner->installation();
}

void MigrationPanel::showAlembicLocated(bool found)
{
    const AlembicInstallation &i = m_alembicRunner->installation();
    if (found)
        m_alembicLabel->setText(tr("<b>Alembic %1</b> — %2 &nbsp;<code>%3</code>")
                                    .arg(i.version.toHtmlEscaped(), i.origin.toHtmlEscaped(),
                                         (i.executable.isEmpty() ? i.python : i.executable).toHtmlEscaped()));
    else
        m_alembicLabel->setText(tr("<span style='color:#c62828'><b>No Alembic for this project.</b></span><pre>%1</pre>")
                                    .arg(m_alembicRunner->advice().toHtmlEscaped()));
    updateActions();
    Q_EMIT alembicLocated(found);
}

void MigrationPanel::chooseAlembic()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("The Python interpreter or alembic script of this project"),
                                                      projectFolder());
    if (!path.isEmpty())
        chooseAlembicPath(path);
}

void MigrationPanel::chooseAlembicPath(const QString &path)
{
    m_alembicLabel->setText(tr("Looking for the project's Alembic…"));
    m_alembicRunner->choosePath(path);
}

void MigrationPanel::executeAlembic(const PlannedMigration &p)
{
    m_runView->setSteps(*m_engine, p.plan);
    m_runningRevision.clear();
    m_alembicTransactional.reset();
    m_alembicRunner->run(alembicCommandOf(p), [this, p](AlembicProcess *process) {
        if (!process) {
            m_runView->setAllStates(tr("not run"));
            finishAction(false);
            return;
        }
        finishAlembicRun(p, process);
    });
}

void MigrationPanel::onAlembicStep(const AlembicStep &step)
{
    if (!m_runningRevision.isEmpty()) {
        m_runView->setState(m_runningRevision, tr("done"), kGreen);
        m_graph->setRunState(m_runningRevision, RevisionView::Run::Done);
    }
    m_runningRevision = step.upgrade ? step.to.value(0) : step.from.value(0);
    if (!m_runView->row(m_runningRevision))
        m_runView->addRow(m_runningRevision, step.message, step.upgrade ? migrate::Direction::Upgrade : migrate::Direction::Downgrade);
    m_runView->setState(m_runningRevision, tr("running…"), kBlue);
    m_graph->setRunState(m_runningRevision, RevisionView::Run::Running);
    m_summary->setText(tr("<b>Running %1 %2</b> (%3 of %4) — %5")
                           .arg(step.upgrade ? tr("upgrade") : tr("downgrade"), m_runningRevision.left(12))
                           .arg(m_runView->count(tr("done")) + 1)
                           .arg(m_runView->progressView()->topLevelItemCount())
                           .arg(step.message.toHtmlEscaped()));
}

void MigrationPanel::finishAlembicRun(const PlannedMigration &p, AlembicProcess *process)
{
    const AlembicOutput &out = process->output();
    m_alembicTransactional = out.transactionalDdl();
    const bool ok = process->result().ok();
    if (ok) {
        if (m_runView->row(m_runningRevision)) {
            m_runView->setState(m_runningRevision, tr("done"), kGreen);
            m_graph->setRunState(m_runningRevision, RevisionView::Run::Done);
        }
        // Alembic prints the steps; a step's target that is an ancestor of another head is no
        // row of its own (the graph knows which).
        QStringList expected = p.stamp ? p.endHeads : out.headsAfter(p.startHeads);
        QStringList known, unknown;
        for (const QString &id : std::as_const(expected))
            (m_engine->graph().contains(id) ? known : unknown) << id;
        expected = m_engine->graph().filterHeads(QSet<QString>(known.cbegin(), known.cend())) + unknown;
        expected.sort();
        m_expectedHeads = expected;
        appendLog(tr("Alembic finished: it reports the database at %1.").arg(expected.isEmpty() ? tr("base") : expected.join(QStringLiteral(", "))),
                  kGreen);
    } else if (process->result().cancelled) {
        m_runView->setState(m_runningRevision, tr("cancelled"));
        const QString kept = m_alembicTransactional.value_or(false)
                                 ? tr("Alembic used transactional DDL: the revision that was running was rolled back, and unless env.py "
                                      "sets transaction_per_migration=True, so was everything this command ran.")
                                 : tr("Alembic did not use transactional DDL (SQLite): statements that completed before the cancel "
                                      "may be kept.");
        appendLog(tr("Cancelled: Alembic was terminated. %1 The graph shows what alembic_version says now.").arg(kept), kOrange);
    } else {
        showAlembicFailure(*process);
    }
    finishAction(ok);
}

void MigrationPanel::showAlembicFailure(const AlembicProcess &process)
{
    const AlembicOutput &out = process.output();
    const std::optional<AlembicFailure> f = out.failure();
    QStringList parts;
    const migrate::RevisionScript *script = nullptr;
    if (f && !f->file.isEmpty())
        for (const migrate::RevisionScript &s : m_engine->store().scripts())
            if (QFileInfo(s.path).canonicalFilePath() == QFileInfo(f->file).canonicalFilePath())
                script = &s;
    if (script) {
        parts << tr("<b>✕ Revision %1 failed</b> (%2)").arg(script->id, script->message.toHtmlEscaped());
        parts << tr("File: <a href='revision:%1:%2'>%3, line %2</a> in %4()")
                     .arg(script->id)
                     .arg(f->line)
                     .arg(script->displayPath.toHtmlEscaped(), f->function.toHtmlEscaped());
    } else {
        parts << tr("<b>✕ Alembic failed</b> (exit code %1)").arg(process.result().exitCode);
        if (f && !f->file.isEmpty())
            parts << tr("Last frame: <code>%1</code>, line %2 in %3()").arg(f->file.toHtmlEscaped()).arg(f->line).arg(f->function.toHtmlEscaped());
    }
    if (f && !f->serverMessage.isEmpty())
        parts << tr("Database said: <b>%1</b>").arg(f->serverMessage.toHtmlEscaped());
    else if (f && !f->exception.isEmpty())
        parts << tr("Error: <b>%1</b>").arg(f->exception.toHtmlEscaped());
    if (!out.failedLine().isEmpty())
        parts << tr("Alembic said: <b>%1</b>").arg(out.failedLine().toHtmlEscaped());
    if (!process.result().startError.isEmpty())
        parts << process.result().startError.toHtmlEscaped();
    if (script)
        parts << (out.transactionalDdl().value_or(false)
                      ? tr("Alembic used transactional DDL: this revision was rolled back (and, unless env.py sets "
                           "transaction_per_migration=True, everything this command ran). The graph shows where the database is now.")
                      : tr("Without transactional DDL (SQLite) statements before the failure may be kept. The graph shows where the "
                           "database is now."));
    m_runView->showFailure(parts.join(QStringLiteral("<br>")));
    if (script) {
        m_failedRevision = script->id;
        m_failedFingerprint = script->fingerprint;
        m_failedLine = f->line;
        m_graph->setRunState(script->id, RevisionView::Run::Failed);
        m_runView->setState(script->id, tr("failed"), kRed);
        m_graph->setSelectedRevision(script->id);
        markFailedLine();
    }
}

void MigrationPanel::alembicRevision(const QString &message, bool autogenerate)
{
    if (!m_engine || m_busy)
        return;
    setBusy(true);
    m_runView->hideFailure();
    m_alembicRunner->run(AlembicCommand::revision(message, autogenerate), [this](AlembicProcess *process) {
        openAlembicFile(process ? process->output().generatedFiles() : QStringList(), process && process->result().ok());
        if (process && !process->result().ok())
            showAlembicFailure(*process);
    });
}

void MigrationPanel::alembicMergeHeads(const QString &message)
{
    if (!m_engine || m_busy)
        return;
    setBusy(true);
    m_runView->hideFailure();
    m_alembicRunner->run(AlembicCommand::mergeHeads(message), [this](AlembicProcess *process) {
        openAlembicFile(process ? process->output().generatedFiles() : QStringList(), process && process->result().ok());
        if (process && !process->result().ok())
            showAlembicFailure(*process);
    });
}

void MigrationPanel::openAlembicFile(const QStringList &files, bool ok)
{
    setBusy(false);
    if (ok && !files.isEmpty()) {
        (void)reloadEngine();
        for (const migrate::RevisionScript &s : m_engine->store().scripts())
            if (QFileInfo(s.path).canonicalFilePath() == QFileInfo(files.first()).canonicalFilePath())
                m_graph->setSelectedRevision(s.id);
        appendLog(tr("Revision written to %1: review it before you upgrade.").arg(files.first()), kGreen);
        Q_EMIT revisionFileCreated(files.first());
    }
    Q_EMIT actionFinished(ok && !files.isEmpty());
}

void MigrationPanel::alembicPreviewSql(MigrationAction action, std::function<void(const Result<QString> &)> done)
{
    Result<PlannedMigration> p = plan(action);
    if (!p) {
        done(p.error());
        return;
    }
    if (p->stamp || p->startHeads.size() > 1 || p->endHeads.size() > 1) {
        done(Error(ErrorKind::Unsupported, tr("Alembic's --sql mode runs from one revision to one revision; the database or the "
                                              "target has several heads here, so there is no offline preview of this command.")));
        return;
    }
    const bool up = p->direction == migrate::Direction::Upgrade;
    const QString start = p->startHeads.value(0, QStringLiteral("base"));
    const QString end = p->endHeads.value(0, QStringLiteral("base"));
    m_alembicRunner->run(AlembicCommand::previewSql(up, start, end), [this, done = std::move(done)](AlembicProcess *process) {
        if (!process) {
            done(Error(ErrorKind::Migration, tr("Alembic could not be run")));
            return;
        }
        if (!process->result().ok()) {
            const QString why = process->output().failedLine().isEmpty() ? process->result().lines.join(QLatin1Char('\n'))
                                                                          : process->output().failedLine();
            done(Error(ErrorKind::Unsupported, tr("Alembic cannot render this command offline (--sql):\n%1").arg(why)));
            return;
        }
        QStringList sql;
        for (const QString &line : process->result().lines)
            if (!line.startsWith(QLatin1String("INFO  [")))
                sql << line;
        done(sql.join(QLatin1Char('\n')).trimmed());
    });
}

} // namespace strata::ui
