// MigrationPanel: planning, confirming and running commands, and the project commands
// (new revision, merge heads, preview, verify).

#include "migrationpanel.h"

#include "alembicruncontroller.h"
#include "migrationruncontrol.h"
#include "migrationrunview.h"
#include "revisiongraphwidget.h"

#include "connection/connection.h"
#include "migrate/alembic/alembiccommand.h"
#include "migrate/alembic/alembicprocess.h"

#include <QLabel>
#include <QPlainTextEdit>
#include <QTextBlock>
#include <QTreeWidget>

namespace strata::ui {

using migrate::Direction;
using migrate::RunEvent;

namespace {

const QColor kRed(0xc6, 0x28, 0x28);
const QColor kGreen(0x2e, 0x8b, 0x57);
const QColor kBlue(0x1f, 0x6f, 0xd1);
const QColor kOrange(0xb3, 0x6b, 0x00);

QString shortList(const QStringList &ids)
{
    if (ids.isEmpty())
        return QObject::tr("base");
    QStringList s;
    for (const QString &id : ids)
        s.append(id.left(12));
    return s.join(QStringLiteral(", "));
}

} // namespace

QStringList MigrationPanel::alembicCommandOf(const PlannedMigration &p)
{
    using migrate::alembic::AlembicCommand;
    return p.stamp ? AlembicCommand::stamp(p.target)
         : p.direction == Direction::Upgrade ? AlembicCommand::upgrade(p.target)
                                             : AlembicCommand::downgrade(p.target);
}

Result<PlannedMigration> MigrationPanel::plan(MigrationAction action) const
{
    if (!m_engine)
        return Error(ErrorKind::Migration, tr("No migrations project is attached"));
    return planMigrationAction(*m_engine, action, m_heads, m_graph->selectedRevision(), m_spec.profile.driver);
}

Result<QString> MigrationPanel::previewSql(MigrationAction action) const
{
    Result<PlannedMigration> p = plan(action);
    if (!p)
        return p.error();
    return p->sql;
}

void MigrationPanel::runAction(MigrationAction action)
{
    if (!m_engine || m_busy)
        return;
    // Plan from the files and the version rows as they are now, so the confirmation shows
    // what will run (the run itself refuses files changed after the confirmation).
    if (!reloadEngine()) {
        appendLog(tr("%1: the project cannot be read; nothing was run").arg(migrationActionName(action)), kRed);
        Q_EMIT actionFinished(false);
        return;
    }
    setBusy(true);
    m_runView->hideFailure();
    m_failedRevision.clear();
    m_failedFingerprint.clear();
    m_failedLine = 0;
    m_graph->clearRunStates();
    readState([this, action] {
        Result<PlannedMigration> p = plan(action);
        if (!p) {
            appendLog(tr("%1: %2").arg(migrationActionName(action), p.error().message), kRed);
            showFailure(p.error());
            setBusy(false);
            Q_EMIT actionFinished(false);
            return;
        }
        if (p->isEmpty()) {
            appendLog(tr("%1: nothing to do, the database is already at %2").arg(migrationActionName(action), shortList(m_heads)));
            setBusy(false);
            Q_EMIT actionFinished(true);
            return;
        }
        if (!confirm(*p)) {
            appendLog(tr("%1: not confirmed, nothing was changed").arg(migrationActionName(action)));
            setBusy(false);
            Q_EMIT actionFinished(false);
            return;
        }
        m_engine->config().alembic ? executeAlembic(*p) : execute(*p);
    });
}

MigrationConfirmation MigrationPanel::confirmation(const PlannedMigration &p) const
{
    MigrationConfirmation c;
    c.title = migrationActionName(p.action);
    c.production = m_spec.profile.colorTag.compare(QLatin1String("production"), Qt::CaseInsensitive) == 0;
    c.databaseName = databaseName();
    const QString db = databaseName();
    const bool perRevision = m_engine->config().transactionPerMigration;
    const int n = int(p.plan.steps.size());
    if (p.stamp) {
        c.runLabel = tr("Stamp");
        c.summary = tr("Record %1 as the revision of %2 without running any SQL. The version table changes from %3 to %4.")
                        .arg(shortList(p.stampTargets), db, shortList(p.startHeads), shortList(p.endHeads));
        c.revisions.append(tr("version table: %1  →  %2").arg(shortList(p.startHeads), shortList(p.endHeads)));
        c.sql = tr("-- No schema change: only the version table (%1) is updated.").arg(m_engine->config().versionTable);
    } else {
        const bool up = p.direction == Direction::Upgrade;
        c.runLabel = up ? tr("Upgrade") : tr("Downgrade");
        const QString what = n == 1 ? tr("1 revision") : tr("%1 revisions").arg(n);
        c.summary = (up ? tr("Run %1 on %2, oldest first.") : tr("Undo %1 on %2, newest first.")).arg(what, db)
                  + QLatin1Char(' ')
                  + (perRevision ? tr("Each revision commits on its own.") : tr("All in one transaction: if one fails, none is kept."));
        for (const migrate::MigrationStep &step : p.plan.steps) {
            const migrate::RevisionScript *s = m_engine->store().find(step.revision);
            c.revisions.append(QStringLiteral("%1  %2  %3").arg(up ? QStringLiteral("▲") : QStringLiteral("▼"), step.revision,
                                                                s ? s->message : QString()));
        }
        c.sql = p.sql;
    }
    if (m_engine->config().alembic)
        c.sql = tr("-- Alembic runs its own (Python) revisions with %1 (alembic %2):\n--   alembic %3\n-- in %4\n"
                   "-- Before it runs, Strata checks that Alembic will connect to this database.\n"
                   "-- Preview SQL shows what Alembic's --sql mode renders for this command.")
                    .arg(m_alembicRunner->installation().python, m_alembicRunner->installation().version,
                         migrate::alembic::AlembicProcess::displayCommand(alembicCommandOf(p)).mid(8),
                         m_engine->config().projectDir);
    c.destructive = p.destructive;
    return c;
}

bool MigrationPanel::confirm(const PlannedMigration &planned)
{
    MigrationConfirmDialog dialog(confirmation(planned), this);
    if (m_confirmer)
        return m_confirmer(dialog);
    return dialog.exec() == QDialog::Accepted;
}

void MigrationPanel::execute(const PlannedMigration &p)
{
    m_runView->setSteps(*m_engine, p.plan);
    const QString verb = p.stamp ? QStringLiteral("stamp") : migrate::directionName(p.direction);
    appendLog(tr("── %1  (strata-migrate %2 %3)").arg(migrationActionName(p.action), verb, p.stamp ? p.stampTargets.join(QLatin1Char(' ')) : p.target),
              kBlue);
    m_runningRevision.clear();
    m_control = std::make_shared<MigrationRunControl>();
    auto engine = m_engine;
    auto control = m_control;
    MigrationPanel *panel = this;   // valid while the job runs: the destructor joins the worker first
    m_conn->run<migrate::RunResult>(this, [engine, control, panel, p](connection::JobContext &jc) -> Result<migrate::RunResult> {
        migrate::RunnerOptions options;
        options.transactionPerMigration = engine->config().transactionPerMigration;
        options.lockTimeoutSeconds = 600;
        options.confirmed = p.confirmed;
        options.refuseDrift = engine->config().strictDrift;
        options.onEvent = [panel](const RunEvent &event) {
            QMetaObject::invokeMethod(panel, [panel, event] { panel->onRunEvent(event); }, Qt::QueuedConnection);
        };
        migrate::MigrationRunner runner = engine->runner(jc.db, options);
        control->attach(&runner);
        Result<migrate::RunResult> r = p.stamp ? runner.stamp(p.stampTargets, false)
                                     : p.direction == Direction::Upgrade ? runner.upgrade(p.target)
                                                                         : runner.downgrade(p.target);
        control->detach();
        return r;
    }, [this](Result<migrate::RunResult> r) { onRunFinished(r); });
}

void MigrationPanel::onRunEvent(const RunEvent &e)
{
    switch (e.kind) {
    case RunEvent::Kind::Waiting:
        appendLog(QStringLiteral("⏳ ") + e.text, kOrange);
        m_summary->setText(tr("<span style='color:#b36b00'><b>⏳ Waiting for the migration lock:</b> another migration is running on "
                              "this database. This one starts when it ends (or press Cancel).</span>"));
        break;
    case RunEvent::Kind::RevisionStarted:
        m_runningRevision = e.revision;
        m_runView->setState(e.revision, tr("running…"), kBlue);
        m_graph->setRunState(e.revision, RevisionView::Run::Running);
        appendLog(tr("▶ %1 %2 → %3: %4   (%5)")
                      .arg(migrate::directionName(e.direction), shortList(e.direction == Direction::Upgrade ? e.fromRevisions : QStringList{e.revision}),
                           e.direction == Direction::Upgrade ? e.revision.left(12) : shortList(engine()->graph().node(e.revision).downRevisions),
                           e.text, e.file),
                  kBlue);
        break;
    case RunEvent::Kind::Statement: {
        QString sql = e.text.simplified();
        if (sql.size() > 240)
            sql = sql.left(240) + QStringLiteral("…");
        appendLog(QStringLiteral("    %1:%2  %3  (%4 ms)").arg(e.file).arg(e.line).arg(sql).arg(e.durationMs));
        break;
    }
    case RunEvent::Kind::RevisionFinished:
        m_runView->setState(e.revision, tr("done"), kGreen, tr("%1 ms").arg(e.durationMs));
        m_graph->setRunState(e.revision, RevisionView::Run::Done);
        appendLog(tr("✓ %1 done in %2 ms").arg(e.revision.left(12)).arg(e.durationMs), kGreen);
        m_runningRevision.clear();
        break;
    case RunEvent::Kind::Warning:
        appendLog(QStringLiteral("⚠ ") + e.text, kOrange);
        break;
    case RunEvent::Kind::Committed:
    case RunEvent::Kind::Info:
        appendLog(e.text);
        break;
    }
}

void MigrationPanel::onRunFinished(const Result<migrate::RunResult> &r)
{
    m_control.reset();
    bool ok = r.ok();
    if (ok) {
        appendLog(r->nothingToDo() ? tr("Nothing to do: the database was already there.")
                                   : tr("Finished: the database is now at %1.").arg(shortList(r->endHeads)),
                  kGreen);
    } else if (r.error().isCancelled()) {
        appendLog(tr("Cancelled: %1. The open transaction was rolled back.").arg(r.error().message), kOrange);
        m_runView->setState(m_runningRevision, tr("cancelled"));
    } else {
        showFailure(r.error());
    }
    finishAction(ok);
}

void MigrationPanel::showFailure(const Error &error)
{
    if (error.kind == ErrorKind::Conflict) {
        // The files changed after the confirmation: the runner stopped before running anything.
        m_runView->showFailure(tr("<b>✕ Nothing was run: a revision file changed after you confirmed</b><br>%1.<br>"
                                  "The confirmation showed the file as it was before; look at it again, then run the command again.")
                                   .arg(error.message.toHtmlEscaped()));
        appendLog(tr("✕ REFUSED: %1.").arg(error.message), kRed);
        m_runView->setAllStates(tr("not run"));
        return;
    }
    const migrate::RevisionScript *script = m_engine && !m_runningRevision.isEmpty() ? m_engine->store().find(m_runningRevision) : nullptr;
    QString server = error.message;
    int line = 0;
    if (script && server.startsWith(script->displayPath + QLatin1Char(':'))) {
        const QString rest = server.mid(script->displayPath.size() + 1);
        line = rest.section(QLatin1Char(':'), 0, 0).toInt();
        server = rest.section(QLatin1Char(':'), 1).trimmed();
    }
    QStringList parts;
    if (script) {
        m_failedRevision = script->id;
        m_failedFingerprint = script->fingerprint;
        parts.append(tr("<b>✕ Revision %1 failed</b> (%2)").arg(script->id, script->message.toHtmlEscaped()));
        parts.append(tr("File: <code>%1</code>%2").arg(script->displayPath.toHtmlEscaped(), line > 0 ? tr(", line %1").arg(line) : QString()));
    } else {
        parts.append(tr("<b>✕ The command failed</b>"));
    }
    if (!error.sql.isEmpty())
        parts.append(tr("Statement: <code>%1</code>").arg(error.sql.simplified().left(400).toHtmlEscaped()));
    QString code;
    if (!error.sqlState.isEmpty())
        code = m_spec.profile.isPostgres() ? tr(" (SQLSTATE %1)").arg(error.sqlState) : tr(" (SQLite error code %1)").arg(error.sqlState);
    parts.append((script || !code.isEmpty() ? tr("Database said: <b>%1</b>%2") : tr("Reason: <b>%1</b>%2")).arg(server.toHtmlEscaped(), code));
    if (!error.detail.isEmpty())
        parts.append(error.detail.toHtmlEscaped());
    if (script)
        parts.append(m_engine->config().transactionPerMigration
                         ? tr("This revision was rolled back; revisions committed before it stay applied. The graph shows where the database is now.")
                         : tr("Everything this command did was rolled back. The graph shows where the database is now."));
    m_runView->showFailure(parts.join(QStringLiteral("<br>")));
    appendLog(tr("✕ FAILED: %1").arg(error.message), kRed);
    if (!error.detail.isEmpty())
        appendLog(error.detail, kRed);
    m_runView->setState(m_failedRevision, tr("failed"), kRed);
    if (!script)
        return;
    m_graph->setRunState(script->id, RevisionView::Run::Failed);
    m_failedLine = line;
    m_graph->setSelectedRevision(script->id);
    markFailedLine();
}

void MigrationPanel::markFailedLine()
{
    const migrate::RevisionScript *script = m_engine ? m_engine->store().find(m_failedRevision) : nullptr;
    if (!script || m_failedLine <= 0 || m_graph->selectedRevision() != m_failedRevision) {
        m_detail->setExtraSelections({});
        return;
    }
    QTextEdit::ExtraSelection mark;
    mark.cursor = QTextCursor(m_detail->document()->findBlockByNumber(m_failedLine - 1));
    mark.format.setBackground(QColor(0xfd, 0xd8, 0xd5));
    mark.format.setProperty(QTextFormat::FullWidthSelection, true);
    m_detail->setExtraSelections({mark});
    m_detail->setTextCursor(mark.cursor);
    m_detail->centerCursor();
}

void MigrationPanel::finishAction(bool ok)
{
    m_lastOk = ok;
    readState([this, ok] {
        // Progress rows tell the truth after the fact: "done" rows of a rolled-back
        // transaction are not applied.
        QStringList known;
        for (const QString &h : std::as_const(m_heads))
            if (m_engine->graph().contains(h))
                known.append(h);
        const QSet<QString> applied = m_engine->graph().ancestors(known, true);
        QTreeWidget *progress = m_runView->progressView();
        for (int i = 0; i < progress->topLevelItemCount() && !ok; ++i) {
            QTreeWidgetItem *row = progress->topLevelItem(i);
            const bool upgrade = row->data(2, Qt::UserRole).toInt() == int(Direction::Upgrade);
            if (row->text(2) == tr("done") && applied.contains(row->data(0, Qt::UserRole).toString()) != upgrade) {
                row->setText(2, tr("rolled back"));
                row->setForeground(2, kOrange);
            }
        }
        if (m_expectedHeads) {
            QStringList actual = m_heads;
            actual.sort();
            if (actual != *m_expectedHeads) {
                appendLog(tr("⚠ Alembic reported the database at %1, but alembic_version says %2.")
                              .arg(shortList(*m_expectedHeads), shortList(actual)), kRed);
                m_runView->appendFailure(tr("<b>⚠ Mismatch:</b> Alembic reported <code>%1</code>, the database's alembic_version "
                                            "says <code>%2</code>. The graph shows what the database says.")
                                             .arg(shortList(*m_expectedHeads), shortList(actual)));
            }
            m_expectedHeads.reset();
        }
        setBusy(false);
        m_ready = true;
        if (m_reloadPending) {
            m_reloadPending = false;
            (void)reloadEngine();
        }
        Q_EMIT refreshed();
        Q_EMIT actionFinished(ok);
    });
}

void MigrationPanel::cancel()
{
    if (m_control) {
        m_control->cancel();
        appendLog(tr("Cancel requested: stopping before the next revision…"), kOrange);
    }
    if (m_alembicRunner->cancel())
        appendLog(tr("Cancel: terminating Alembic (its whole process group)…"), kOrange);
}

} // namespace strata::ui
