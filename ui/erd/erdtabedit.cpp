// ErdTab: editing that keeps history. A foreign key dragged on the diagram is read against
// the child's schema, shown in the ForeignKeyDialog, then written as a revision or applied
// after confirmation through SchemaChangeSaver (the table designer's path).

#include "erdtab.h"

#include "catalog/schemanotifier.h"
#include "connection/connection.h"
#include "designer/schemachangesaver.h"
#include "erdscene.h"
#include "foreignkeydialog.h"
#include "migrate/autogen/snapshotsources.h"

namespace strata::ui {

namespace ops = migrate::ops;

void ErdTab::proposeForeignKey(const erd::TableKey &from, const QString &fromColumn, const erd::TableKey &to,
                               const QString &toColumn)
{
    if (isBusy()) {
        showMessage(tr("The diagram is still being drawn: try again in a moment."));
        return;
    }
    const erd::ForeignKeyProposal proposal = erd::proposeForeignKey(m_scene->diagram(), from, fromColumn, to, toColumn);
    showMessage(tr("Reading %1 to propose the key…").arg(from.schema));
    const QString schema = from.schema;
    m_conn->run<ops::SchemaSnapshot>(
        this, [schema](connection::JobContext &j) { return migrate::autogen::readSnapshot(j.db, schema); },
        [this, proposal](Result<ops::SchemaSnapshot> before) { onProposalRead(proposal, std::move(before)); });
}

void ErdTab::onProposalRead(const erd::ForeignKeyProposal &proposal, Result<ops::SchemaSnapshot> before)
{
    if (!before) {
        showMessage(tr("Cannot read the schema: %1").arg(before.error().message), true);
        return;
    }
    showMessage({});
    ForeignKeyDialog dialog(m_scene->diagram(), proposal, *before, SchemaChangeSaver(m_profile, this).attachedProjectFolder(), this);
    dialog.exec();
    switch (dialog.choice()) {
    case ForeignKeyDialog::Choice::Cancelled:
        showMessage(tr("No foreign key added."));
        return;
    case ForeignKeyDialog::Choice::SaveRevision:
        saveProposal(dialog.proposal(), dialog.message(), *before);
        return;
    case ForeignKeyDialog::Choice::Apply:
        applyProposal(dialog.proposal(), dialog.compiled().upgrade);
        return;
    }
}

void ErdTab::saveProposal(const erd::ForeignKeyProposal &proposal, const QString &message, const ops::SchemaSnapshot &before)
{
    SchemaChangeSaver saver(m_profile, this);
    const SchemaChangeSaver::Destination where = saver.chooseDestination(tr("New foreign key"));
    if (where.kind == SchemaChangeSaver::Destination::Kind::Cancelled) {
        const bool backedOut = where.error.isCancelled();
        showMessage(backedOut ? tr("No foreign key added.") : where.error.message, !backedOut);
        return;
    }
    if (where.kind == SchemaChangeSaver::Destination::Kind::Direct) {
        const Result<ops::CompiledMigration> compiled = erd::compileProposal(before, m_scene->diagram(), proposal);
        if (!compiled) {
            showMessage(compiled.error().message, true);
            return;
        }
        applyProposal(proposal, compiled->upgrade);
        return;
    }
    const Result<migrate::RevisionScript> script =
        SchemaChangeSaver::writeRevision(where.folder, message, {erd::foreignKeyOperation(proposal)}, before);
    if (!script) {
        showMessage(tr("The revision was not written: %1").arg(script.error().message), true);
        return;
    }
    showMessage(tr("Revision %1 written to %2: run it (Upgrade in the Migrations panel) to add the key.")
                    .arg(script->id, script->path));
    Q_EMIT revisionWritten(script->path, where.folder);
}

void ErdTab::applyProposal(const erd::ForeignKeyProposal &proposal, const QStringList &statements)
{
    SchemaChangeSaver saver(m_profile, this);
    saver.setConfirmer(m_confirmer);
    if (statements.isEmpty() || !saver.confirmApply(tr("Add foreign key"), {erd::foreignKeyOperation(proposal)}, statements)) {
        showMessage(tr("No foreign key added."));
        return;
    }
    setBusy(tr("Adding the foreign key…"));
    const erd::TableKey child = proposal.child;
    SchemaChangeSaver::apply(*m_conn, this, statements, [this, child](const Status &done) {
        setBusy({});
        if (!done) {
            showMessage(tr("Nothing was applied (rolled back): %1").arg(done.error().message), true);
            return;
        }
        const catalog::SchemaChange change{m_connectionId, child.schema, {child.name}};
        if (m_notifier)
            m_notifier->notify(change);   // the tree, open grids, and this diagram (onSchemaChanged)
        if (!m_notifier || !change.touches(m_connectionId, m_request.schema))
            refresh();
    });
}

} // namespace strata::ui
