// MigrationPanel: the project read again when it changed on disk (MigrationProjectLoader
// watches it), project commands (new revision, merge heads, preview SQL, verify); for Alembic
// projects these go to migrationpanelalembic.cpp.

#include "migrationpanel.h"

#include "migrationprojectloader.h"
#include "revisiongraphwidget.h"
#include "revisionfilehighlighter.h"

#include <QAction>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
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
    if (!m_engine)
        return {};
    Result<MigrationEngine> engine = m_project->reopen();
    if (!engine) {
        m_engine.reset();
        showProjectError(engine.error());
        m_project->watch(nullptr);   // keep watching, so fixing the file brings the project back
        return engine.error();
    }
    setEngine(std::make_shared<const MigrationEngine>(std::move(*engine)));
    return {};
}

void MigrationPanel::onProjectChanged()
{
    if (m_project->folder().isEmpty())
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
    if (m_engine && m_engine->config().alembic) {
        alembicRevision(message.trimmed(), false);
        return;
    }
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
    if (m_engine && m_engine->config().alembic) {
        alembicMergeHeads(message.trimmed());
        return;
    }
    Result<QString> path = mergeHeads(message.trimmed());
    if (!path)
        QMessageBox::warning(this, tr("Merge heads"), path.error().message);
}

void MigrationPanel::showPreview(MigrationAction action)
{
    if (m_busy || !reloadEngine())   // the files as they are now
        return;
    if (m_engine->config().alembic) {
        alembicPreviewSql(action, [this, action](const Result<QString> &sql) {
            if (!sql)
                QMessageBox::warning(this, tr("Preview SQL"), sql.error().message);
            else
                showPreviewDialog(migrationActionName(action),
                                  tr("What Alembic's offline mode (<code>--sql</code>) renders for “%1”:").arg(migrationActionName(action)), *sql);
        });
        return;
    }
    Result<PlannedMigration> p = plan(action);
    if (!p) {
        QMessageBox::warning(this, tr("Preview SQL"), p.error().message);
        return;
    }
    const QString range = (p->startHeads.isEmpty() ? QString() : p->startHeads.join(QLatin1Char(',')) + QLatin1Char(':')) + p->target;
    showPreviewDialog(migrationActionName(action),
                      p->sql.isEmpty() ? tr("Nothing to run: the database is already there.")
                                       : tr("What “%1” would run now (the same as <code>strata-migrate %2 %3 --sql</code>):")
                                             .arg(migrationActionName(action), migrate::directionName(p->direction), range),
                      p->sql);
}

void MigrationPanel::showPreviewDialog(const QString &title, const QString &intro, const QString &sql)
{
    auto *dialog = new QDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setObjectName(QStringLiteral("previewSqlDialog"));
    dialog->setWindowTitle(tr("Preview SQL — %1").arg(title));
    auto *layout = new QVBoxLayout(dialog);
    auto *label = new QLabel(intro, dialog);
    label->setWordWrap(true);
    layout->addWidget(label);
    auto *text = new QPlainTextEdit(dialog);
    text->setReadOnly(true);
    text->setLineWrapMode(QPlainTextEdit::NoWrap);
    QFont mono(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::Monospace);
    text->setFont(mono);
    new RevisionFileHighlighter(text->document());
    text->setPlainText(sql);
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

} // namespace strata::ui
