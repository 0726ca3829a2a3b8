// MainWindow: the schema tools (ui/schemadiff, ui/designer): where they open from (the Tools
// menu, the tree's context menu) and what happens after they change something (the migration
// panel reloads a project that got a revision; a changed database is announced through the
// SchemaNotifier, which the tree and the open tabs follow), and the revision editor the
// migration panel opens its files in.

#include "mainwindow.h"

#include "catalog/schemanotifier.h"
#include "connection/connection.h"
#include "designer/tabledesignertab.h"
#include "migrations/migrationpanel.h"
#include "migrations/revisioneditor.h"
#include "migrations/revisioneditortab.h"
#include "schemadiff/schemadifftab.h"
#include "tree/objecttreepanel.h"

#include <QFileInfo>
#include <QMenu>
#include <QTabWidget>

namespace strata::ui {

using connection::Connection;

SchemaDiffTab *MainWindow::openSchemaDiff(int connectionId, const QString &schema)
{
    QList<ConnectionChoice> choices;
    for (int id : m_model->connectionIds()) {
        const Connection *conn = m_model->connection(id);
        if (conn && conn->state() == Connection::State::Open)
            choices << ConnectionChoice{conn->profile().displayName(), m_model->connectionSpec(id), id};
    }
    auto *tab = new SchemaDiffTab(choices, m_tabs);
    int target = -1;
    for (int i = 0; i < choices.size(); ++i)
        if (choices[i].connectionId == connectionId)
            target = i;
    if (target >= 0) {
        tab->targetPicker()->selectConnection(target, schema);
        // The source is another connection when there is one: comparing two databases is the usual case.
        const int source = choices.size() > 1 ? (target == 0 ? 1 : 0) : target;
        tab->sourcePicker()->selectConnection(source, source == target ? schema : QString());
    }
    connect(tab, &SchemaDiffTab::revisionWritten, this, [this](const QString &, const QString &folder) { reloadMigrationPanels(folder); });
    connect(tab, &SchemaDiffTab::databaseChanged, this, [this](int id) {
        m_schemaNotifier->notify(catalog::SchemaChange{id, {}, {}});
    });
    const int index = addTab(tab, tr("Schema diff"), -1);   // it spans connections
    m_tabs->setCurrentIndex(index);
    return tab;
}

TableDesignerTab *MainWindow::openTableDesigner(const ObjectRef &object, bool newTable)
{
    if (!m_model->connection(object.connectionId))
        return nullptr;
    const QString table = newTable ? QString() : object.name;
    auto *tab = new TableDesignerTab(m_model->connectionSpec(object.connectionId), object.connectionId, object.schema, table, m_tabs);
    connect(tab, &TableDesignerTab::revisionWritten, this, [this](const QString &, const QString &folder) { reloadMigrationPanels(folder); });
    tab->setSchemaNotifier(m_schemaNotifier);   // applying directly tells the tree and the open grids
    connect(tab, &TableDesignerTab::titleChanged, this, [this, tab](const QString &title) { setTabTitle(tab, title); });
    const int index = addTab(tab, tab->title(), object.connectionId);
    m_tabs->setTabToolTip(index, m_model->connectionSpec(object.connectionId).profile.displayName());
    m_tabs->setCurrentIndex(index);
    return tab;
}

RevisionEditorTab *MainWindow::openRevisionEditor(int connectionId, const QString &path, const migrate::ProjectConfig &project)
{
    if (!m_model->connection(connectionId))
        return nullptr;
    const QString absolute = QFileInfo(path).absoluteFilePath();
    for (int i = 0; i < m_tabs->count(); ++i)
        if (auto *open = qobject_cast<RevisionEditorTab *>(m_tabs->widget(i)); open && open->filePath() == absolute) {
            m_tabs->setCurrentIndex(i);
            return open;
        }
    auto *tab = new RevisionEditorTab(m_model->connectionSpec(connectionId), project, absolute, m_tabs);
    // A section run may change the schema: every view of the database reads it again.
    connect(tab, &RevisionEditorTab::sectionFinished, this, [this, connectionId](bool ok) {
        if (ok)
            m_schemaNotifier->notify(catalog::SchemaChange{connectionId, {}, {}});
    });
    const int index = addTab(tab, tab->title(), connectionId);   // its PendingWork: the unsaved text
    m_tabs->setTabToolTip(index, absolute);
    m_tabs->setCurrentIndex(index);
    tab->editor()->setFocus();
    return tab;
}

void MainWindow::reloadMigrationPanels(const QString &projectFolder)
{
    for (int i = 0; i < m_tabs->count(); ++i) {
        auto *panel = qobject_cast<MigrationPanel *>(m_tabs->widget(i));
        if (panel && !panel->isBusy() && panel->projectFolder() == projectFolder)
            (void)panel->attachProject(projectFolder);   // errors show in the panel
    }
}

void MainWindow::addSchemaToolEntries(QMenu *menu, const QModelIndex &source)
{
    const ObjectRef ref = m_model->objectAt(source);
    const Connection *conn = m_model->connection(ref.connectionId);
    if (!source.isValid() || !conn || conn->state() != Connection::State::Open)
        return;
    const bool tablesFolder = ref.kind == NodeKind::Folder && FolderKind(source.data(ObjectTreeModel::FolderRole).toInt()) == FolderKind::Tables;
    const bool sqliteConnection = ref.kind == NodeKind::Connection && conn->profile().isSqlite();
    bool added = false;
    if (ref.kind == NodeKind::Schema || ref.kind == NodeKind::Connection) {
        const QString schema = ref.kind == NodeKind::Schema ? ref.name : QString();
        menu->addAction(tr("Schema &diff…"), this, [this, id = ref.connectionId, schema] { openSchemaDiff(id, schema); });
        added = true;
    }
    if (ref.kind == NodeKind::Schema || tablesFolder || sqliteConnection) {
        ObjectRef where = ref;
        if (ref.kind == NodeKind::Schema)
            where.schema = ref.name;
        menu->addAction(tr("&New table…"), this, [this, where] { openTableDesigner(where, true); });
        added = true;
    }
    if (ref.kind == NodeKind::Relation && ref.relationKind == catalog::RelationKind::Table) {
        menu->addAction(tr("D&esign table…"), this, [this, ref] { openTableDesigner(ref, false); });
        added = true;
    }
    if (added)
        menu->addSeparator();
}

} // namespace strata::ui
