// TableDesignerTab: reading the schema, turning the form into operations and SQL, saving a
// revision and applying directly.

#include "tabledesignertab.h"

#include "schemadiff/sqlview.h"

#include "connection/connection.h"
#include "migrate/autogen/autogenerator.h"
#include "migrate/autogen/comparator.h"
#include "migrate/autogen/snapshotsources.h"
#include "migrate/ops/operationcompiler.h"
#include "schemachangesaver.h"
#include "widgets/pendingwork.h"
#include "catalog/schemanotifier.h"

#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableWidget>

namespace strata::ui {

namespace ops = migrate::ops;
namespace autogen = migrate::autogen;
using connection::JobContext;

void TableDesignerTab::load()
{
    const QString schema = m_schema;
    m_conn->run<ops::SchemaSnapshot>(this, [schema](JobContext &j) { return autogen::readSnapshot(j.db, schema); },
                                     [this](Result<ops::SchemaSnapshot> snapshot) {
        if (!snapshot) {
            m_status->setText(tr("Cannot read the schema: %1").arg(snapshot.error().message));
            Q_EMIT loaded(false);
            return;
        }
        m_before = std::move(snapshot.value());
        m_original.reset();
        if (!isNewTable()) {
            const catalog::TableDetail *table = m_before->table(m_originalName);
            if (!table) {
                m_status->setText(tr("The table %1 is not in %2 (any more).").arg(m_originalName, m_schema));
                Q_EMIT loaded(false);
                return;
            }
            m_original = *table;
        }
        fillForm(m_original ? &*m_original : nullptr);
        const QString folder = attachedProjectFolder();
        m_status->setText(folder.isEmpty()
                              ? tr("No migrations project is attached to this connection: Save will offer to choose one, or to apply directly.")
                              : tr("Save writes a revision into %1; run it from the Migrations panel.").arg(QDir::toNativeSeparators(folder)));
        Q_EMIT loaded(true);
    });
}

QStringList TableDesignerTab::forcedRenames(const QString &newName) const
{
    QStringList renames;
    if (!isNewTable() && newName != m_originalName)
        renames << m_originalName + QLatin1Char('=') + newName;
    for (int row = 0; row < m_columns->rowCount(); ++row) {
        const QString was = m_columns->item(row, ColName)->data(Qt::UserRole).toString();
        const QString now = m_columns->item(row, ColName)->text().trimmed();
        if (!was.isEmpty() && was != now)
            renames << newName + QLatin1Char('.') + was + QLatin1Char('=') + now;
    }
    return renames;
}

Result<QList<ops::Operation>> TableDesignerTab::operations() const
{
    if (!m_before)
        return Error(ErrorKind::Internal, tr("The schema has not been read yet"));
    // One table on each side: the rest of the schema is not the designer's business.
    ops::SchemaSnapshot before;
    before.dialect = m_before->dialect;
    before.schema = m_before->schema;
    ops::SchemaSnapshot after = before;
    if (m_original)
        before.tables << *m_original;
    const catalog::TableDetail table = design();
    after.tables << table;
    autogen::CompareOptions options;
    options.proposeRenames = false;   // the form knows its renames
    options.forcedRenames = forcedRenames(table.relation.name);
    options.compareViews = false;
    Result<autogen::Comparison> comparison = autogen::compare(before, after, options);
    if (!comparison)
        return comparison.error();
    return comparison->operations;
}

QString TableDesignerTab::previewSql() const
{
    return m_preview->toPlainText();
}

void TableDesignerTab::updatePreview()
{
    Q_EMIT pendingWorkChanged();   // whatever the outcome below, the form may differ now
    m_compiled.clear();
    m_save->setEnabled(false);
    m_apply->setEnabled(false);
    if (!m_before)
        return;
    const QStringList problems = validate();
    m_problems->setText(problems.join(QLatin1Char('\n')));
    m_problems->setVisible(!problems.isEmpty());
    if (!problems.isEmpty()) {
        m_preview->setPlainText(tr("-- Fix the problems below to see the SQL."));
        return;
    }
    const Result<QList<ops::Operation>> changes = operations();
    if (!changes) {
        m_preview->setPlainText(tr("-- %1").arg(changes.error().message));
        return;
    }
    if (changes->isEmpty()) {
        m_preview->setPlainText(tr("-- No changes yet."));
        return;
    }
    Result<ops::CompiledMigration> compiled = ops::compileMigration(dialect::dialectFor(m_before->dialect), *changes, *m_before);
    if (!compiled) {
        m_preview->setPlainText(tr("-- Cannot compile the changes: %1").arg(compiled.error().message));
        return;
    }
    m_compiled = compiled->upgrade;
    m_preview->setPlainText(ops::previewText(compiled->reviewNotes, m_compiled));
    const QString name = m_name->text().trimmed();
    m_message->setPlaceholderText(isNewTable() ? tr("create table %1").arg(name) : tr("change table %1").arg(name));
    m_save->setEnabled(true);
    m_apply->setEnabled(true);
}

SchemaChangeSaver TableDesignerTab::saver()
{
    SchemaChangeSaver saver(m_spec.profile, this);
    saver.setConfirmer(m_confirmer);
    return saver;
}

QString TableDesignerTab::attachedProjectFolder() const
{
    return SchemaChangeSaver(m_spec.profile, nullptr).attachedProjectFolder();
}

Result<migrate::RevisionScript> TableDesignerTab::saveRevision(const QString &message, const QString &projectFolder)
{
    const QString folder = projectFolder.isEmpty() ? attachedProjectFolder() : projectFolder;
    if (folder.isEmpty())
        return Error(ErrorKind::Migration, tr("No migrations project is attached to this connection"));
    if (const QStringList problems = validate(); !problems.isEmpty())
        return Error(ErrorKind::Migration, problems.first());
    const Result<QList<ops::Operation>> changes = operations();
    if (!changes)
        return changes.error();
    if (changes->isEmpty())
        return Error(ErrorKind::Migration, tr("Nothing to save: the table is unchanged"));
    Result<migrate::RevisionScript> script = SchemaChangeSaver::writeRevision(
        folder, message.trimmed().isEmpty() ? m_message->placeholderText() : message.trimmed(), *changes, *m_before);
    if (!script)
        return script;
    acceptSaved(*changes);
    m_status->setText(tr("Revision %1 written to %2. Run it from the Migrations panel (Upgrade) to change the database.")
                          .arg(script->id, script->path));
    Q_EMIT revisionWritten(script->path, folder);
    return script;
}

void TableDesignerTab::acceptSaved(const QList<ops::Operation> &changes)
{
    // The saved design is the new starting point: a second Save writes only what changed since.
    for (const ops::Operation &op : changes)
        (void)ops::applyOperation(*m_before, op);
    m_original = design();
    m_originalName = m_original->relation.name;
    m_message->clear();
    fillForm(&*m_original);
    Q_EMIT titleChanged(title());
}

void TableDesignerTab::saveClicked()
{
    saveChanges([this](const Status &saved) {
        if (!saved && !saved.error().isCancelled())
            QMessageBox::warning(this, tr("Save table"), saved.error().message);
    });
}

void TableDesignerTab::saveChanges(std::function<void(const Status &)> done)
{
    const SchemaChangeSaver::Destination where = saver().chooseDestination(tr("Save table"));
    if (where.kind == SchemaChangeSaver::Destination::Kind::Cancelled)
        return done(where.error);
    if (where.kind == SchemaChangeSaver::Destination::Kind::Direct) {
        // The outcome of the apply is the answer.
        auto *context = new QObject(this);
        connect(this, &TableDesignerTab::applied, context, [this, context, done](bool ok) {
            context->deleteLater();
            done(ok ? Status() : Status(m_applyError));
        });
        if (!applyDirectly()) {
            delete context;
            done(Error(ErrorKind::Cancelled, tr("Not saved")));
        }
        return;
    }
    const QString folder = where.folder;
    Result<migrate::RevisionScript> script = saveRevision(m_message->text(), folder);
    done(script ? Status() : Status(script.error()));
}

void TableDesignerTab::attachPendingWork()
{
    PendingWork::Hooks hooks;
    hooks.describe = [this](PendingWorkScope) { return unsavedChanges(); };
    hooks.save = [this](PendingWorkScope, PendingWork::SaveDone done) {
        if (const QStringList problems = validate(); !problems.isEmpty())
            return done(Error(ErrorKind::Syntax, problems.first()));
        saveChanges(std::move(done));
    };
    auto *work = new PendingWork(this, std::move(hooks));   // Discard: the form goes with the tab
    connect(this, &TableDesignerTab::pendingWorkChanged, work, &PendingWork::changed);
}

QStringList TableDesignerTab::unsavedChanges() const
{
    if (!isReady() || !m_dirty)
        return {};
    const Result<QList<ops::Operation>> changes = operations();
    if (validate().isEmpty() && changes && changes->isEmpty())
        return {};   // changed, and changed back
    const QString name = m_name->text().trimmed();
    if (isNewTable())
        return {name.isEmpty() ? tr("a new table, not created yet") : tr("the new table %1, not created yet").arg(name)};
    return {tr("changes to %1, not saved").arg(m_originalName)};
}

bool TableDesignerTab::applyDirectly()
{
    if (m_compiled.isEmpty() || !m_before)
        return false;
    const Result<QList<ops::Operation>> changes = operations();
    if (!saver().confirmApply(tr("Apply directly"), changes ? *changes : QList<ops::Operation>(), m_compiled))
        return false;
    const QStringList statements = m_compiled;
    const QString newName = m_name->text().trimmed();
    m_save->setEnabled(false);
    m_apply->setEnabled(false);
    m_status->setText(tr("Applying…"));
    SchemaChangeSaver::apply(*m_conn, this, statements, [this, newName](const Status &done) {
        if (!done) {
            m_applyError = done.error();
            m_status->setText(tr("Nothing was applied (rolled back): %1").arg(done.error().message));
            updatePreview();
            Q_EMIT applied(false);
            return;
        }
        QStringList touched{newName};
        if (!m_originalName.isEmpty() && m_originalName != newName)
            touched << m_originalName;
        m_originalName = newName;
        m_dirty = false;   // applied: nothing is left to lose while the table is read back
        Q_EMIT titleChanged(title());
        Q_EMIT pendingWorkChanged();
        if (m_notifier)
            m_notifier->notify(catalog::SchemaChange{m_connectionId, m_schema, touched});
        Q_EMIT databaseChanged(m_connectionId);
        Q_EMIT applied(true);
        load();   // read the table back as the database has it now
    });
    return true;
}

} // namespace strata::ui
