// MigrationPanel: turning the project and the database's version rows into the graph, the
// summary line and the detail pane.

#include "migrationpanel.h"

#include "revisiongraphwidget.h"

#include <QFile>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>

namespace strata::ui {

using migrate::MigrationEngine;

void MigrationPanel::applyState(const DbState &state)
{
    m_heads = state.heads;
    m_verify = state.verify;
    rebuildGraph();
    updateSummary();
    updateActions();
}

void MigrationPanel::rebuildGraph()
{
    if (!m_engine)
        return;
    const migrate::RevisionGraph &g = m_engine->graph();
    QStringList known, unknown;
    for (const QString &h : std::as_const(m_heads))
        (g.contains(h) ? known : unknown).append(h);
    const QSet<QString> applied = g.ancestors(known, true);
    QHash<QString, QString> drift;   // revision -> what differs from what ran
    if (m_verify)
        for (const migrate::VerifyEntry &e : m_verify->drifted())
            drift.insert(e.revision, e.reason);
    const QString dialectName = dialect::dialectFor(m_spec.profile.driver).name();
    QHash<QString, RevisionView> views;
    QHash<QString, QString> blocked;   // revision -> why it cannot run on this database
    const QStringList order = g.walkOrder();
    const QStringList bottomUp = g.sorted(QSet<QString>(order.cbegin(), order.cend()), true);
    for (const QString &id : bottomUp) {
        const migrate::RevisionScript *script = m_engine->store().find(id);
        RevisionView v;
        v.id = id;
        v.message = g.node(id).message;
        v.created = script ? script->created : QString();
        v.branchLabels = g.branchLabels(id);
        v.head = g.isHead(id);
        v.mergePoint = g.isMergePoint(id);
        v.branchPoint = g.isBranchPoint(id);
        v.current = known.contains(id);
        v.drift = drift.contains(id);
        v.driftReason = drift.value(id);
        if (applied.contains(id)) {
            v.status = RevisionView::Status::Applied;
        } else if (!unknown.isEmpty()) {
            blocked.insert(id, tr("the database is at a revision this project does not have"));
        } else if (!m_engine->config().alembic && script && !script->section(migrate::Direction::Upgrade, dialectName)) {
            blocked.insert(id, tr("this file has no SQL for %1").arg(dialectName));
        } else {
            for (const QString &parent : g.normalizedDownRevisions(id))
                if (blocked.contains(parent))
                    blocked.insert(id, tr("needs %1, which cannot run here").arg(parent.left(12)));
        }
        if (blocked.contains(id)) {
            v.status = RevisionView::Status::Unreachable;
            v.unreachableReason = blocked.value(id);
        }
        if (id == m_failedRevision)
            v.run = RevisionView::Run::Failed;
        views.insert(id, v);
    }
    m_graph->setRevisions(RevisionLayout::compute(g), views, unknown);
    m_graph->adjustSize();
    showDetail(m_graph->selectedRevision());
}

void MigrationPanel::updateSummary()
{
    if (!m_engine)
        return;
    const migrate::RevisionGraph &g = m_engine->graph();
    QStringList known;
    for (const QString &h : std::as_const(m_heads))
        if (g.contains(h))
            known.append(h);
    const int applied = int(g.ancestors(known, true).size());
    const int pending = g.size() - applied;
    QStringList at;
    for (const QString &h : std::as_const(m_heads))
        at.append(QStringLiteral("<b>%1</b> %2").arg(h.left(12), g.contains(h) ? g.node(h).message.toHtmlEscaped() : tr("(unknown)")));
    QString text = tr("<b>%1</b> is at %2.").arg(databaseName().toHtmlEscaped(),
                                                 at.isEmpty() ? tr("<b>base</b> (no revision applied yet)") : at.join(tr(" and ")));
    if (pending == 0 && g.size() > 0)
        text += tr(" &nbsp;<span style='color:#2e8b57'>Up to date: every revision is applied.</span>");
    else if (pending > 0)
        text += pending == 1 ? tr(" &nbsp;<b>1 revision pending</b> — “Upgrade” runs it.")
                             : tr(" &nbsp;<b>%1 revisions pending</b> — “Upgrade” runs them.").arg(pending);
    if (g.heads().size() > 1)
        text += tr(" &nbsp;The project has %1 heads (branches); “Merge heads” joins them.").arg(g.heads().size());
    if (m_verify && m_verify->hasDrift())
        text += tr(" &nbsp;<span style='color:#e08a00'>⚠ Some applied files were edited afterwards.</span>");
    m_summary->setText(text);
}

void MigrationPanel::showDetail(const QString &id)
{
    const migrate::RevisionScript *script = m_engine && !id.isEmpty() ? m_engine->store().find(id) : nullptr;
    m_editButton->setEnabled(script && !script->python && !script->path.startsWith(QLatin1Char(':')));
    m_detail->setExtraSelections({});
    if (!script) {
        m_detailHeader->setText(tr("Select a revision to see its file."));
        m_detail->clear();
        return;
    }
    const RevisionView v = m_graph->revision(id);
    QStringList parts;
    parts.append(tr("<b>%1</b> — %2").arg(id, script->message.toHtmlEscaped()));
    parts.append(tr("after: %1").arg(script->downRevisions.isEmpty() ? tr("base") : script->downRevisions.join(QStringLiteral(", "))));
    if (!script->created.isEmpty())
        parts.append(tr("created %1").arg(script->created));
    parts.append(QStringLiteral("<code>%1</code>").arg(script->displayPath.toHtmlEscaped()));
    if (v.drift)
        parts.append(tr("<span style='color:#b36b00'>⚠ edited after it was applied: %1</span>").arg(v.driftReason.toHtmlEscaped()));
    m_detailHeader->setText(parts.join(QStringLiteral(" &nbsp;·&nbsp; ")));
    QFile f(script->path);
    m_detail->setPlainText(f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : tr("Cannot read %1").arg(script->path));
    markFailedLine();
}

} // namespace strata::ui
