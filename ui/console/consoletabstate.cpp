// ConsoleTab: what closing it would lose (an open transaction, unsaved text) as its
// PendingWork, and the schema changes its statements make (see consoletab.h).

#include "consoletab.h"

#include "sqleditor.h"

#include "catalog/schemanotifier.h"
#include "exec/schemastatement.h"

#include <QFileInfo>
#include <QTimer>

namespace strata::ui {

using exec::TransactionState;

void ConsoleTab::attachPendingWork()
{
    PendingWork::Hooks hooks;
    hooks.describe = [this](PendingWorkScope scope) { return pendingWork(scope); };
    hooks.save = [this](PendingWorkScope scope, PendingWork::SaveDone done) { savePending(scope, std::move(done)); };
    hooks.discard = [this](PendingWorkScope scope) {
        // The transaction rolls back when the tab's connection closes. Quitting keeps the
        // text in the autosave (it comes back next time); closing forgets it.
        if (scope == PendingWorkScope::Quit)
            return;
        m_autosaveTimer->stop();
        discardAutosave();
    };
    auto *work = new PendingWork(this, std::move(hooks));
    connect(this, &ConsoleTab::pendingWorkChanged, work, &PendingWork::changed);
    connect(m_executor, &exec::QueryExecutor::transactionStateChanged, work, &PendingWork::changed);
    // A run, a commit or a rollback ended: DDL it committed is announced (once the
    // transaction state that came with it is known).
    connect(m_executor, &exec::QueryExecutor::busyChanged, this, [this](bool busy) {
        if (!busy)
            QTimer::singleShot(0, this, &ConsoleTab::announceSchemaChange);
    });
}

QStringList ConsoleTab::pendingWork(PendingWorkScope scope) const
{
    QStringList lines;
    if (m_executor && m_executor->transactionState() == TransactionState::Failed)
        lines << tr("a failed transaction (Discard rolls it back)");
    else if (hasOpenTransaction())
        lines << tr("an open transaction (Save commits it, Discard rolls it back)");
    if (scope != PendingWorkScope::Quit && isModified())
        lines << (m_filePath.isEmpty() ? tr("unsaved SQL text") : tr("unsaved changes to %1").arg(QFileInfo(m_filePath).fileName()));
    return lines;
}

void ConsoleTab::savePending(PendingWorkScope scope, std::function<void(const Status &)> done)
{
    auto saveText = [this, scope, done] {
        if (scope == PendingWorkScope::Quit || !isModified())
            done(Status());
        else
            saveTextForClose(done);
    };
    if (!hasOpenTransaction()) {
        saveText();
        return;
    }
    if (m_executor->transactionState() == TransactionState::Failed) {
        // COMMIT of an aborted transaction rolls it back: saving it is not possible.
        done(Error(ErrorKind::Conflict, tr("The transaction failed; it can only be rolled back (Discard).")));
        return;
    }
    commitThen(saveText, done);
}

void ConsoleTab::commitThen(std::function<void()> next, std::function<void(const Status &)> failed)
{
    // The commit's outcome arrives as signals; the last of them is busyChanged(false)
    // followed, in the same callback, by failed() and transactionStateChanged(): look once
    // the event loop is back.
    auto error = std::make_shared<std::optional<Error>>();
    auto *context = new QObject(this);
    connect(m_executor, &exec::QueryExecutor::failed, context, [error](const Error &e) { *error = e; });
    connect(m_executor, &exec::QueryExecutor::busyChanged, context, [this, context, error, next, failed](bool busy) {
        if (busy)
            return;
        QTimer::singleShot(0, context, [this, context, error, next, failed] {
            context->deleteLater();
            if (*error)
                failed(**error);
            else if (hasOpenTransaction())
                failed(Error(ErrorKind::Internal, tr("The transaction is still open after COMMIT.")));
            else
                next();
        });
    });
    if (!m_executor->commit()) {
        delete context;
        failed(Error(ErrorKind::Busy, tr("A statement is still running in %1; cancel it or wait, then close again.").arg(title())));
    }
}

void ConsoleTab::saveTextForClose(std::function<void(const Status &)> done)
{
    const QString path = m_filePath.isEmpty() ? askSavePath() : m_filePath;
    if (path.isEmpty()) {
        done(Error(ErrorKind::Cancelled, tr("Not saved")));
        return;
    }
    done(writeFile(path));
}

void ConsoleTab::setSchemaNotifier(catalog::SchemaNotifier *notifier, int database)
{
    if (m_notifier)
        disconnect(m_notifier, nullptr, this, nullptr);
    m_notifier = notifier;
    m_database = database;
    if (notifier)
        connect(notifier, &catalog::SchemaNotifier::changed, this, &ConsoleTab::onSchemaChanged);
}

void ConsoleTab::noteStatement(const exec::StatementOutcome &outcome)
{
    if (outcome.ok() && exec::changesSchema(outcome.sql, m_spec.profile.driver))
        m_schemaChanged = true;
}

void ConsoleTab::announceSchemaChange()
{
    // Others see DDL once it is committed (PostgreSQL runs DDL in transactions); after a
    // rollback a reload shows the schema unchanged, which is still right.
    if (!m_schemaChanged || hasOpenTransaction() || (m_executor && m_executor->isBusy()))
        return;
    m_schemaChanged = false;
    if (m_notifier)
        m_notifier->notify(catalog::SchemaChange{m_database, {}, {}});
}

void ConsoleTab::onSchemaChanged(const catalog::SchemaChange &change)
{
    if (change.database != m_database || !m_open)
        return;
    // The completion catalog is read again from scratch: dropped tables go, new ones come.
    m_catalog = exec::CompletionCatalog(m_spec.profile.driver);
    m_columnsRequested.clear();
    loadCatalog();
}

} // namespace strata::ui
