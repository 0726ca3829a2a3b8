// MainWindow: the ER diagram (ui/erd): where it opens from (the tree's context menu on a
// schema, a SQLite file, a Tables folder — "Diagram…" — and on a table — "Neighbourhood…")
// and what it asks of the window (a table's grid, properties, designer, another diagram).

#include "mainwindow.h"

#include "connection/connection.h"
#include "designer/tabledesignertab.h"
#include "erd/erdtab.h"
#include "tree/objecttreepanel.h"

#include <QLabel>
#include <QMenu>
#include <QTabWidget>

namespace strata::ui {

using connection::Connection;

namespace {

ObjectRef tableRef(int connectionId, const erd::TableKey &key)
{
    ObjectRef ref;
    ref.kind = NodeKind::Relation;
    ref.connectionId = connectionId;
    ref.schema = key.schema;
    ref.name = key.name;
    return ref;
}

bool sameRequest(const erd::DiagramRequest &a, const erd::DiagramRequest &b)
{
    return a.schema == b.schema && a.center == b.center && a.tables == b.tables;
}

} // namespace

ErdTab *MainWindow::openDiagram(int connectionId, const erd::DiagramRequest &request)
{
    const Connection *conn = m_model->connection(connectionId);
    if (!conn || conn->state() != Connection::State::Open) {
        m_statusLabel->setText(tr("Open a connection first: a diagram reads its schema."));
        return nullptr;
    }
    for (int i = 0; i < m_tabs->count(); ++i) {
        auto *open = qobject_cast<ErdTab *>(m_tabs->widget(i));
        if (open && open->connectionId() == connectionId && sameRequest(open->request(), request)) {
            m_tabs->setCurrentIndex(i);
            return open;
        }
    }
    auto *tab = new ErdTab(m_model->connectionSpec(connectionId), connectionId, request, m_tabs);
    tab->setSchemaNotifier(m_schemaNotifier);
    connect(tab, &ErdTab::tableActivated, this, [this](int id, const erd::TableKey &key) { openData(tableRef(id, key)); });
    connect(tab, &ErdTab::propertiesRequested, this, [this](int id, const erd::TableKey &key) { openObject(tableRef(id, key)); });
    connect(tab, &ErdTab::designerRequested, this, [this](int id, const erd::TableKey &key) { openTableDesigner(tableRef(id, key), false); });
    // Adding a table or a column goes through the table designer (its preview, revision or apply).
    connect(tab, &ErdTab::newTableRequested, this, [this](int id, const QString &schema) {
        openTableDesigner(tableRef(id, erd::TableKey{schema, {}}), true);
    });
    connect(tab, &ErdTab::addColumnRequested, this, [this](int id, const erd::TableKey &key) {
        if (TableDesignerTab *designer = openTableDesigner(tableRef(id, key), false))
            connect(designer, &TableDesignerTab::loaded, designer, [designer](bool ok) {
                if (ok)
                    designer->startNewColumn();
            }, Qt::SingleShotConnection);
    });
    connect(tab, &ErdTab::revisionWritten, this, [this](const QString &, const QString &folder) { reloadMigrationPanels(folder); });
    connect(tab, &ErdTab::neighbourhoodRequested, this, [this](int id, const erd::TableKey &key) {
        openDiagram(id, erd::DiagramRequest{key.schema, {}, key, 2});
    });
    const int index = addTab(tab, tab->title(), connectionId);
    m_tabs->setTabToolTip(index, conn->profile().displayName());
    m_tabs->setCurrentIndex(index);
    return tab;
}

QList<erd::TableKey> MainWindow::selectedTables(int connectionId, const erd::TableKey &clicked) const
{
    // The tables selected in the tree with the one right-clicked, of its connection and schema.
    QList<erd::TableKey> out;
    for (const ObjectRef &ref : m_treePanel->selectedObjects()) {
        const erd::TableKey key{ref.schema, ref.name};
        if (ref.kind == NodeKind::Relation && ref.connectionId == connectionId && ref.schema == clicked.schema
            && (ref.relationKind == catalog::RelationKind::Table || ref.relationKind == catalog::RelationKind::PartitionedTable)
            && !out.contains(key))
            out << key;
    }
    if (!out.contains(clicked))
        return {};   // the click was outside the selection: it is about that table alone
    return out;
}

void MainWindow::addDiagramEntries(QMenu *menu, const QModelIndex &source)
{
    const ObjectRef ref = m_model->objectAt(source);
    const Connection *conn = m_model->connection(ref.connectionId);
    if (!source.isValid() || !conn || conn->state() != Connection::State::Open)
        return;
    const bool tablesFolder = ref.kind == NodeKind::Folder && FolderKind(source.data(ObjectTreeModel::FolderRole).toInt()) == FolderKind::Tables;
    const bool sqliteFile = ref.kind == NodeKind::Connection && conn->profile().isSqlite();
    const int id = ref.connectionId;
    if (ref.kind == NodeKind::Schema || tablesFolder || sqliteFile) {
        const QString schema = ref.kind == NodeKind::Schema ? ref.name : sqliteFile ? QStringLiteral("main") : ref.schema;
        menu->addAction(tr("Dia&gram…"), this, [this, id, schema] { openDiagram(id, erd::DiagramRequest{schema, {}, {}, -1}); });
        menu->addSeparator();
    } else if (ref.kind == NodeKind::Relation
               && (ref.relationKind == catalog::RelationKind::Table || ref.relationKind == catalog::RelationKind::PartitionedTable)) {
        const erd::TableKey key{ref.schema, ref.name};
        if (const QList<erd::TableKey> chosen = selectedTables(id, key); chosen.size() > 1)
            menu->addAction(tr("ER diagram of &selected tables (%1)").arg(chosen.size()), this, [this, id, key, chosen] {
                openDiagram(id, erd::DiagramRequest{key.schema, chosen, {}, -1});
            });
        menu->addAction(tr("Nei&ghbourhood…"), this, [this, id, key] { openDiagram(id, erd::DiagramRequest{key.schema, {}, key, 2}); });
        menu->addAction(tr("Schema dia&gram…"), this, [this, id, key] { openDiagram(id, erd::DiagramRequest{key.schema, {}, {}, -1}); });
        menu->addSeparator();
    }
}

} // namespace strata::ui
