// MainWindow: the dashboard (ui/dashboard): where it opens from (Tools › Dashboard, the
// tree's context menu on a connection), what it asks of the window (a console holding a
// query, a grid at one row), and the Statistics page of a PostgreSQL table's properties.

#include "mainwindow.h"

#include "connection/connection.h"
#include "console/consoletab.h"
#include "dashboard/dashboardtab.h"
#include "dashboard/tablestatisticspage.h"
#include "grid/gridtab.h"
#include "tree/objectpropertiestab.h"
#include "tree/objecttreepanel.h"

#include <QLabel>
#include <QMenu>
#include <QTabWidget>

namespace strata::ui {

using connection::Connection;

DashboardTab *MainWindow::openDashboard(int connectionId)
{
    if (connectionId < 0)
        connectionId = currentConnectionId();
    Connection *conn = m_model->connection(connectionId);
    if (!conn || conn->state() != Connection::State::Open) {
        m_statusLabel->setText(tr("Open a connection first: the dashboard watches a database."));
        return nullptr;
    }
    for (int i = 0; i < m_tabs->count(); ++i) {
        auto *tab = qobject_cast<DashboardTab *>(m_tabs->widget(i));
        if (tab && tab->connectionId() == connectionId) {
            m_tabs->setCurrentIndex(i);
            return tab;
        }
    }
    auto *tab = new DashboardTab(m_model->connectionSpec(connectionId), connectionId, m_tabs);
    connect(tab, &DashboardTab::consoleRequested, this, [this](int id, const QString &sql, bool explain) {
        ConsoleTab *console = openConsole(id);
        if (!console)
            return;
        console->setText(sql);
        if (explain)
            console->explain(false);
    });
    connect(tab, &DashboardTab::rowRequested, this, [this](int id, const QString &table, const QString &column, const QString &value) {
        ObjectRef ref;
        ref.kind = NodeKind::Relation;
        ref.connectionId = id;
        ref.schema = QStringLiteral("main");
        ref.name = table;
        if (GridTab *grid = openData(ref))
            grid->showMatching(column, value);
    });
    const int index = addTab(tab, tab->title(), connectionId);
    m_tabs->setTabToolTip(index, conn->profile().displayName());
    m_tabs->setCurrentIndex(index);
    return tab;
}

void MainWindow::addDashboardEntries(QMenu *menu, const QModelIndex &source)
{
    const ObjectRef ref = m_model->objectAt(source);
    const Connection *conn = m_model->connection(ref.connectionId);
    if (!source.isValid() || ref.kind != NodeKind::Connection || !conn || conn->state() != Connection::State::Open)
        return;
    menu->addAction(conn->profile().isSqlite() ? tr("File &health…") : tr("Das&hboard"), this,
                    [this, id = ref.connectionId] { openDashboard(id); });
}

void MainWindow::addTableStatistics(ObjectPropertiesTab *tab, const ObjectRef &object)
{
    const Connection *conn = m_model->connection(object.connectionId);
    const bool table = object.relationKind == catalog::RelationKind::Table || object.relationKind == catalog::RelationKind::PartitionedTable
        || object.relationKind == catalog::RelationKind::MaterializedView;
    if (!conn || !conn->profile().isPostgres() || object.kind != NodeKind::Relation || !table)
        return;
    tab->addPage(new TableStatisticsPage(m_model->connectionSpec(object.connectionId), object.schema, object.name, tab), tr("Statistics"));
}

} // namespace strata::ui
