// MigrationPanel and Alembic projects: finding the project's Alembic, the database check
// before each command that connects, the runs (streamed, per-revision progress, cancel,
// failures), and the project commands (revision, autogenerate, merge heads, preview SQL).
// The logic lives in core/migrate/alembic; this file shows it.

#include "migrationpanel.h"

#include "alembicrefusaldialog.h"
#include "revisiongraphwidget.h"

#include "migrate/alembic/alembiccommand.h"
#include "migrate/alembic/alembicpreflight.h"
#include "migrate/alembic/alembicprocess.h"

#include <QAction>
#include <QCryptographicHash>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
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

QString MigrationPanel::alembicSettingsKey() const
{
    const QByteArray hash = QCryptographicHash::hash(m_folder.toUtf8(), QCryptographicHash::Sha1).toHex();
    return QStringLiteral("migrations/alembic/") + QString::fromLatin1(hash);
}

QStringList MigrationPanel::alembicBaseArgs() const
{
    return AlembicCommand::base(m_engine->config().iniPath);
}

void MigrationPanel::locateAlembic()
{
    m_alembic = {};
    m_alembicLabel->setText(tr("Looking for the project's Alembic…"));
    const QString chosen = QSettings().value(alembicSettingsKey()).toString();
    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    auto *preflight = new AlembicPreflight(m_folder, env, this);
    preflight->locate(AlembicLocator::candidates(m_folder, env, chosen), [this, preflight](const Result<AlembicInstallation> &r) {
        preflight->deleteLater();
        if (r) {
            m_alembic = *r;
            m_alembicAdvice.clear();
            m_alembicLabel->setText(tr("<b>Alembic %1</b> — %2 &nbsp;<code>%3</code>")
                                        .arg(r->version.toHtmlEscaped(), r->origin.toHtmlEscaped(),
                                             (r->executable.isEmpty() ? r->python : r->executable).toHtmlEscaped()));
        } else {
            m_alembicAdvice = r.error().message;
            m_alembicLabel->setText(tr("<span style='color:#c62828'><b>No Alembic for this project.</b></span><pre>%1</pre>")
                                        .arg(m_alembicAdvice.toHtmlEscaped()));
        }
        updateActions();
        Q_EMIT alembicLocated(r.ok());
    });
}

void MigrationPanel::chooseAlembic()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("The Python interpreter or alembic script of this project"),
                                                      m_folder);
    if (!path.isEmpty())
        chooseAlembicPath(path);
}

void MigrationPanel::chooseAlembicPath(const QString &path)
{
    QSettings().setValue(alembicSettingsKey(), path);
    locateAlembic();
}

void MigrationPanel::runAlembic(const QStringList &command, AlembicDone done)
{
    const QString shown = AlembicProcess::displayCommand(command);
    if (m_alembic.python.isEmpty()) {
        showFailure(Error(ErrorKind::NotFound, m_alembicAdvice.isEmpty() ? tr("No Alembic found for this project") : m_alembicAdvice));
        done(nullptr);
        return;
    }
    appendLog(tr("── $ %1   (in %2, with %3)").arg(shown, m_folder, m_alembic.python), kBlue);
    if (!AlembicCommand::touchesDatabase(command)) {
        startAlembic(command, false, std::move(done));
        return;
    }
    appendLog(tr("Asking the project's Alembic which database it would open (no connection is made)…"));
    m_preflight = new AlembicPreflight(m_folder, QProcessEnvironment::systemEnvironment(), this);
    m_preflight->check(m_alembic, alembicBaseArgs(), m_spec.profile, m_spec.password,
                       [this, command, shown, done = std::move(done)](const Result<AlembicTarget> &t) {
        m_preflight->deleteLater();
        if (!t) {
            appendLog(tr("✕ Strata could not find out which database Alembic would use; nothing was run:\n%1").arg(t.error().message), kRed);
            showFailure(Error(t.error().kind, tr("Not run: Strata could not find out which database Alembic would use. %1").arg(t.error().message)));
            done(nullptr);
            return;
        }
        if (t->matches()) {
            appendLog(tr("✓ Alembic will connect to %1: this connection.").arg(t->configured.display()), kGreen);
            startAlembic(command, false, done);
            return;
        }
        appendLog(tr("✕ REFUSED: %1").arg(t->refusal()), kRed);
        AlembicRefusalDialog dialog(*t, shown, this);
        const bool override = t->overrideWorks() && dialog.exec() == QDialog::Accepted;
        if (!override) {
            m_failure->setText(tr("<b>✕ Refused:</b> Alembic would connect to <code>%1</code>, but this panel shows <code>%2</code>. "
                                  "Nothing was run.")
                                   .arg(t->configured.display().toHtmlEscaped(), t->expected.display().toHtmlEscaped()));
            m_failure->show();
            done(nullptr);
            return;
        }
        appendLog(tr("Running against this connection instead: %1; Alembic now connects to %2.")
                      .arg(t->overrideHow, t->overridden->display()), kOrange);
        startAlembic(command, true, done);
    });
}

void MigrationPanel::startAlembic(const QStringList &command, bool override, AlembicDone done)
{
    auto *process = new AlembicProcess(m_alembic, m_folder, m_engine->config().scriptDir, this);
    m_alembicProcess = process;
    process->setKnownRevisions(m_engine->graph().walkOrder());
    QStringList options;
    if (override) {
        const AlembicOverride o = AlembicOverride::forProfile(m_spec.profile, m_spec.password, QProcessEnvironment::systemEnvironment());
        process->setEnvironment(o.environment);
        options = o.options;
    }
    connect(process, &AlembicProcess::lineRead, this, [this](const QString &line) { appendLog(line, colorOf(line)); });
    connect(process, &AlembicProcess::stepStarted, this, &MigrationPanel::onAlembicStep);
    connect(process, &AlembicProcess::finished, this, [process, done = std::move(done)] {
        done(process);
        process->deleteLater();
    });
    process->start(options + QStringList{QStringLiteral("--")} + alembicBaseArgs() + command);
}

void MigrationPanel::executeAlembic(const PlannedMigration &p)
{
    m_progress->clear();
    for (const migrate::MigrationStep &step : p.plan.steps) {
        const migrate::RevisionScript *s = m_engine->store().find(step.revision);
        auto *row = new QTreeWidgetItem(m_progress, {step.revision.left(12), s ? s->message : QString(), tr("waiting"), QString()});
        row->setData(0, Qt::UserRole, step.revision);
        row->setData(2, Qt::UserRole, int(step.direction));
        row->setForeground(2, QColor(0x80, 0x80, 0x80));
    }
    m_runningRevision.clear();
    m_alembicTransactional.reset();
    const QStringList command = p.stamp ? AlembicCommand::stamp(p.target)
                              : p.direction == migrate::Direction::Upgrade ? AlembicCommand::upgrade(p.target)
                                                                           : AlembicCommand::downgrade(p.target);
    runAlembic(command, [this, p](AlembicProcess *process) {
        if (!process) {
            for (int i = 0; i < m_progress->topLevelItemCount(); ++i)
                m_progress->topLevelItem(i)->setText(2, tr("not run"));
            finishAction(false);
            return;
        }
        finishAlembicRun(p, process);
    });
}

void MigrationPanel::onAlembicStep(const AlembicStep &step)
{
    if (QTreeWidgetItem *previous = progressRow(m_runningRevision)) {
        previous->setText(2, tr("done"));
        previous->setForeground(2, kGreen);
        m_graph->setRunState(m_runningRevision, RevisionView::Run::Done);
    }
    m_runningRevision = step.upgrade ? step.to.value(0) : step.from.value(0);
    QTreeWidgetItem *row = progressRow(m_runningRevision);
    if (!row) {
        row = new QTreeWidgetItem(m_progress, {m_runningRevision.left(12), step.message, QString(), QString()});
        row->setData(0, Qt::UserRole, m_runningRevision);
        row->setData(2, Qt::UserRole, int(step.upgrade ? migrate::Direction::Upgrade : migrate::Direction::Downgrade));
    }
    row->setText(2, tr("running…"));
    row->setForeground(2, kBlue);
    m_progress->scrollToItem(row);
    m_graph->setRunState(m_runningRevision, RevisionView::Run::Running);
    int done = 0;
    for (int i = 0; i < m_progress->topLevelItemCount(); ++i)
        done += m_progress->topLevelItem(i)->text(2) == tr("done") ? 1 : 0;
    m_summary->setText(tr("<b>Running %1 %2</b> (%3 of %4) — %5")
                           .arg(step.upgrade ? tr("upgrade") : tr("downgrade"), m_runningRevision.left(12))
                           .arg(done + 1)
                           .arg(m_progress->topLevelItemCount())
                           .arg(step.message.toHtmlEscaped()));
}

void MigrationPanel::finishAlembicRun(const PlannedMigration &p, AlembicProcess *process)
{
    const AlembicOutput &out = process->output();
    m_alembicTransactional = out.transactionalDdl();
    const bool ok = process->result().ok();
    if (ok) {
        if (QTreeWidgetItem *row = progressRow(m_runningRevision)) {
            row->setText(2, tr("done"));
            row->setForeground(2, kGreen);
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
        if (QTreeWidgetItem *row = progressRow(m_runningRevision))
            row->setText(2, tr("cancelled"));
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
    m_failure->setText(parts.join(QStringLiteral("<br>")));
    m_failure->show();
    if (script) {
        m_failedRevision = script->id;
        m_failedFingerprint = script->fingerprint;
        m_failedLine = f->line;
        m_graph->setRunState(script->id, RevisionView::Run::Failed);
        if (QTreeWidgetItem *row = progressRow(script->id)) {
            row->setText(2, tr("failed"));
            row->setForeground(2, kRed);
        }
        m_graph->setSelectedRevision(script->id);
        markFailedLine();
    }
}

void MigrationPanel::alembicRevision(const QString &message, bool autogenerate)
{
    if (!m_engine || m_busy)
        return;
    setBusy(true);
    m_failure->hide();
    runAlembic(AlembicCommand::revision(message, autogenerate), [this](AlembicProcess *process) {
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
    m_failure->hide();
    runAlembic(AlembicCommand::mergeHeads(message), [this](AlembicProcess *process) {
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
    runAlembic(AlembicCommand::previewSql(up, start, end), [this, done = std::move(done)](AlembicProcess *process) {
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
