#include "schemachangesaver.h"

#include "connection/connection.h"
#include "migrate/autogen/autogenerator.h"
#include "migrate/ops/operationcompiler.h"
#include "migrations/migrationpanel.h"
#include "schemadiff/sqlview.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>

namespace strata::ui {

namespace ops = migrate::ops;

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("strata::ui::SchemaChangeSaver", text);
}

} // namespace

SchemaChangeSaver::SchemaChangeSaver(connection::ConnectionProfile profile, QWidget *parent)
    : m_profile(std::move(profile)), m_parent(parent)
{
}

QString SchemaChangeSaver::attachedProjectFolder() const
{
    return QSettings().value(MigrationPanel::settingsKey(m_profile)).toString();
}

SchemaChangeSaver::Destination SchemaChangeSaver::chooseDestination(const QString &title) const
{
    using Kind = Destination::Kind;
    if (const QString folder = attachedProjectFolder(); !folder.isEmpty())
        return {Kind::Project, folder, {}};
    const Error cancelled(ErrorKind::Cancelled, tr("Not saved"));
    QMessageBox box(QMessageBox::Question, title,
                    tr("No migrations project is attached to this connection.\n\nA revision keeps the change in the "
                       "migration history. Choose the project folder (with strata.ini), or apply the change to the "
                       "database directly?"), QMessageBox::Cancel, m_parent);
    QPushButton *choose = box.addButton(tr("Choose project folder…"), QMessageBox::AcceptRole);
    QPushButton *direct = box.addButton(tr("Apply directly…"), QMessageBox::DestructiveRole);
    box.exec();
    if (box.clickedButton() == direct)
        return {Kind::Direct, {}, {}};
    if (box.clickedButton() != choose)
        return {Kind::Cancelled, {}, cancelled};
    const QString folder = QFileDialog::getExistingDirectory(m_parent, tr("Migrations project folder"));
    if (folder.isEmpty())
        return {Kind::Cancelled, {}, cancelled};
    if (!QFileInfo::exists(QDir(folder).filePath(QStringLiteral("strata.ini"))))
        return {Kind::Cancelled, {},
                Error(ErrorKind::NotFound, tr("%1 has no strata.ini. Create the project in the Migrations panel first.").arg(folder))};
    QSettings().setValue(MigrationPanel::settingsKey(m_profile), folder);
    return {Kind::Project, folder, {}};
}

Result<migrate::RevisionScript> SchemaChangeSaver::writeRevision(const QString &folder, const QString &message,
                                                                 const QList<ops::Operation> &operations,
                                                                 const ops::SchemaSnapshot &before)
{
    if (folder.isEmpty())
        return Error(ErrorKind::Migration, tr("No migrations project is attached to this connection"));
    Result<migrate::ProjectConfig> config = migrate::ProjectConfig::load(QDir(folder).filePath(QStringLiteral("strata.ini")));
    if (!config)
        return config.error();
    migrate::autogen::AutogenRequest request;
    request.message = message;
    request.operations = operations;
    request.before = {before};
    return migrate::autogen::writeRevision(config.value(), request);
}

bool SchemaChangeSaver::confirmApply(const QString &title, const QList<ops::Operation> &operations,
                                     const QStringList &statements) const
{
    const MigrationConfirmation c = applyConfirmation(
        m_profile, title,
        tr("Runs these changes on %1 now, in one transaction. No revision is written: the migration history "
           "will not know about them.").arg(m_profile.displayName()),
        operations, statements);
    MigrationConfirmDialog dialog(c, m_parent);
    return m_confirmer ? m_confirmer(dialog) : dialog.exec() == QDialog::Accepted;
}

void SchemaChangeSaver::apply(connection::Connection &connection, QObject *context, const QStringList &statements,
                              std::function<void(const Status &)> done)
{
    connection.run<bool>(context, [statements](connection::JobContext &j) -> Result<bool> {
        const Status status = ops::applyStatements(j.db, j.dialect, statements);
        if (!status)
            return status.error();
        return true;
    }, [done = std::move(done)](Result<bool> result) { done(result ? Status() : Status(result.error())); });
}

} // namespace strata::ui
