// SchemaDiffTab: reading both sides, comparing, rename decisions, writing a revision and
// applying to the target.

#include "schemadifftab.h"

#include "schemadiffmodel.h"
#include "sqlview.h"

#include "connection/connection.h"
#include "migrate/autogen/autogenerator.h"
#include "migrate/autogen/snapshotsources.h"
#include "migrate/ops/operationcompiler.h"
#include "migrations/migrationpanel.h"

#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPointer>
#include <QSettings>
#include <QTreeView>
#include <QtConcurrent>

namespace strata::ui {

namespace ops = migrate::ops;
namespace autogen = migrate::autogen;
using connection::Connection;
using connection::JobContext;

void SchemaDiffTab::readSide(SchemaSourcePicker *side, SchemaSourcePicker *other,
                             std::function<void(Result<ops::SchemaSnapshot>)> done)
{
    Connection *conn = side->isFile() ? other->connection() : side->connection();
    if (!conn) {
        done(Error(ErrorKind::Internal, tr("Choose a database on at least one side: a schema.sql file is read on the other side's connection.")));
        return;
    }
    if (!side->isFile()) {
        const QString schema = side->schema();
        conn->run<ops::SchemaSnapshot>(this, [schema](JobContext &j) { return autogen::readSnapshot(j.db, schema); }, std::move(done));
        return;
    }
    const QString schema = other->isFile() ? QString() : other->schema();
    const bool postgres = !other->choice()->spec.profile.isSqlite();
    QPointer<Connection> guarded(conn);
    side->readSql(postgres, this, [this, guarded, schema, done = std::move(done)](Result<QString> text) mutable {
        if (!text) {
            done(text.error());
            return;
        }
        if (!guarded) {
            done(Error(ErrorKind::Cancelled, tr("The connection closed.")));
            return;
        }
        guarded->run<ops::SchemaSnapshot>(this, [sql = text.value(), schema](JobContext &j) { return autogen::snapshotFromSql(j.db, sql, schema); },
                                          std::move(done));
    });
}

void SchemaDiffTab::compare()
{
    if (m_source->isFile() && m_target->isFile()) {
        showFailure(tr("Choose a database on at least one side: a schema.sql file is read on the other side's connection."));
        return;
    }
    if (!m_source->isFile() && !m_target->isFile() && m_source->choice()->spec.profile.driver != m_target->choice()->spec.profile.driver) {
        showFailure(tr("Both sides must be the same kind of database (SQLite or PostgreSQL)."));
        return;
    }
    const int generation = ++m_generation;
    m_proposals.clear();
    m_current.reset();
    m_wanted.reset();
    showFailure({});
    setBusy(true, tr("Reading the target, %1…").arg(m_target->description()));
    readSide(m_target, m_source, [this, generation](Result<ops::SchemaSnapshot> current) {
        if (generation != m_generation)
            return;
        if (!current) {
            setBusy(false, tr("Comparison failed."));
            showFailure(tr("Reading the target failed: %1").arg(current.error().message));
            Q_EMIT compared(false);
            return;
        }
        m_current = std::move(current.value());
        setBusy(true, tr("Reading the source, %1…").arg(m_source->description()));
        readSide(m_source, m_target, [this, generation](Result<ops::SchemaSnapshot> wanted) {
            if (generation != m_generation)
                return;
            if (!wanted) {
                setBusy(false, tr("Comparison failed."));
                showFailure(tr("Reading the source failed: %1").arg(wanted.error().message));
                Q_EMIT compared(false);
                return;
            }
            // Comparing schema "app" of one database with "public" of another compares contents.
            ops::moveToSchema(wanted.value(), m_current->schema);
            m_wanted = std::move(wanted.value());
            runComparison();
        });
    });
}

void SchemaDiffTab::cancel()
{
    if (!m_busy)
        return;
    ++m_generation;
    for (SchemaSourcePicker *side : {m_source, m_target})
        if (side->connection())
            side->connection()->cancel();
    setBusy(false, tr("Cancelled."));
}

void SchemaDiffTab::runComparison()
{
    const int generation = m_generation;
    autogen::CompareOptions options;
    for (const autogen::RenameProposal &p : std::as_const(m_proposals))
        if (!p.accepted)
            options.rejected << p;
    setBusy(true, tr("Comparing…"));
    using Outcome = Result<autogen::Comparison>;
    auto *watcher = new QFutureWatcher<Outcome>(this);
    connect(watcher, &QFutureWatcher<Outcome>::finished, this, [this, watcher, generation] {
        const Outcome outcome = watcher->result();
        watcher->deleteLater();
        if (generation != m_generation)
            return;
        if (!outcome) {
            setBusy(false, tr("Comparison failed."));
            showFailure(outcome.error().message);
            Q_EMIT compared(false);
            return;
        }
        showComparison(outcome.value());
        Q_EMIT compared(true);
    });
    // Comparing is pure but may be long on big schemas: off the GUI thread.
    watcher->setFuture(QtConcurrent::run([current = *m_current, wanted = *m_wanted, options] {
        return autogen::compare(current, wanted, options);
    }));
}

void SchemaDiffTab::showComparison(const autogen::Comparison &comparison)
{
    // Proposals keep their place (and the user's choice) when a rejection compares again.
    for (const autogen::RenameProposal &p : comparison.renames)
        if (!m_proposals.contains(p))
            m_proposals << p;
    rebuildRenames();
    m_model->setOperations(comparison.operations);
    m_tree->expandAll();
    if (m_model->rowCount() > 0)
        m_tree->setCurrentIndex(m_model->index(0, 0));
    else
        showDdl({});
    const int n = int(comparison.operations.size());
    setBusy(false, n == 0 ? tr("No differences: %1 matches %2.").arg(m_target->description(), m_source->description())
                          : tr("%n difference(s) in %1 to make %2 match %3.", nullptr, n)
                                .arg(QString::number(m_model->rowCount()) + tr(" object(s)"), m_target->description(),
                                     m_source->description()));
    updatePreview();
}

void SchemaDiffTab::setRenameAccepted(int index, bool accepted)
{
    if (index < 0 || index >= m_proposals.size() || !m_current || !m_wanted)
        return;
    m_proposals[index].accepted = accepted;
    ++m_generation;
    runComparison();
}

QString SchemaDiffTab::attachedProjectFolder() const
{
    const ConnectionChoice *c = m_target->isFile() ? nullptr : m_target->choice();
    return c ? QSettings().value(MigrationPanel::settingsKey(c->spec.profile)).toString() : QString();
}

Result<migrate::RevisionScript> SchemaDiffTab::generateRevision(const QString &message, const QString &projectFolder)
{
    const QString folder = projectFolder.isEmpty() ? attachedProjectFolder() : projectFolder;
    if (folder.isEmpty())
        return Error(ErrorKind::Migration, tr("No migrations project is attached to the target connection"));
    if (!m_current || m_compiled.isEmpty())
        return Error(ErrorKind::Migration, tr("Nothing to write: compare first and tick at least one change"));
    Result<migrate::ProjectConfig> config = migrate::ProjectConfig::load(QDir(folder).filePath(QStringLiteral("strata.ini")));
    if (!config)
        return config.error();
    autogen::AutogenRequest request;
    request.message = message.trimmed().isEmpty() ? tr("schema diff") : message.trimmed();
    request.operations = m_model->checkedOperations();
    request.before = {*m_current};
    Result<migrate::RevisionScript> script = autogen::writeRevision(config.value(), request);
    if (!script)
        return script;
    m_status->setText(tr("Revision %1 written to %2. Run it from the Migrations panel (Upgrade).").arg(script->id, script->path));
    Q_EMIT revisionWritten(script->path, folder);
    return script;
}

void SchemaDiffTab::generateClicked()
{
    QString folder = attachedProjectFolder();
    if (folder.isEmpty()) {
        const auto answer = QMessageBox::question(this, tr("Generate revision"),
                                                  tr("No migrations project is attached to %1.\nChoose the project folder "
                                                     "(the one with strata.ini)? It is remembered for this connection, as in "
                                                     "the Migrations panel.").arg(m_target->description()));
        if (answer != QMessageBox::Yes)
            return;
        folder = QFileDialog::getExistingDirectory(this, tr("Migrations project folder"));
        if (folder.isEmpty())
            return;
        if (!QFileInfo::exists(QDir(folder).filePath(QStringLiteral("strata.ini")))) {
            QMessageBox::warning(this, tr("Generate revision"),
                                 tr("%1 has no strata.ini. Create the project in the Migrations panel first.").arg(folder));
            return;
        }
        QSettings().setValue(MigrationPanel::settingsKey(m_target->choice()->spec.profile), folder);
    }
    Result<migrate::RevisionScript> script = generateRevision(m_message->text(), folder);
    if (!script)
        QMessageBox::warning(this, tr("Generate revision"), script.error().message);
}

void SchemaDiffTab::applyToDatabase()
{
    Connection *conn = m_target->isFile() ? nullptr : m_target->connection();
    if (!conn || m_compiled.isEmpty() || m_busy)
        return;
    const connection::ConnectionProfile &profile = conn->profile();
    const MigrationConfirmation c = applyConfirmation(
        profile, tr("Apply to database"),
        tr("Runs the ticked changes on %1 now, in one transaction. No revision is written: the migration "
           "history will not know about them.").arg(m_target->description()),
        m_model->checkedOperations(), m_compiled);
    MigrationConfirmDialog dialog(c, this);
    const bool go = m_confirmer ? m_confirmer(dialog) : dialog.exec() == QDialog::Accepted;
    if (!go)
        return;
    const QStringList statements = m_compiled;
    const int connectionId = m_target->choice()->connectionId;
    showFailure({});
    setBusy(true, tr("Applying %n statement(s) to %1…", nullptr, int(statements.size())).arg(m_target->description()));
    conn->run<bool>(this, [statements](JobContext &j) -> Result<bool> {
        const Status status = ops::applyStatements(j.db, j.dialect, statements);
        if (!status)
            return status.error();
        return true;
    }, [this, connectionId](Result<bool> done) {
        if (!done) {
            setBusy(false, tr("Nothing was applied: the transaction was rolled back."));
            QString text = tr("Apply failed: %1").arg(done.error().message);
            if (!done.error().sql.isEmpty())
                text += QStringLiteral("\n") + done.error().sql;
            showFailure(text);
            Q_EMIT applied(false);
            return;
        }
        setBusy(false, tr("Applied. Comparing again…"));
        Q_EMIT databaseChanged(connectionId);
        Q_EMIT applied(true);
        compare();
    });
}

} // namespace strata::ui
