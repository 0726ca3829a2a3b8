// MainWindow: the last session — the connections that were open (saved profiles by id, files
// by path, the demo database included) and their tabs (grids, properties, consoles, migration
// panels, dashboards) — saved when the window closes and reopened on the next start unless
// File › Reopen connections on start is off. A console's text comes back through its
// autosave; tabs reopen once their connection is open again.

#include "mainwindow.h"

#include "connection/connection.h"
#include "connection/connectionstore.h"
#include "console/consoletab.h"
#include "dashboard/dashboardtab.h"
#include "grid/gridtab.h"
#include "migrations/migrationpanel.h"
#include "tree/objectpropertiestab.h"

#include <QFileInfo>
#include <QSettings>
#include <QTabWidget>

namespace strata::ui {

namespace {

const QString kReopenSetting = QStringLiteral("session/reopenOnStart");
const QString kConnections = QStringLiteral("session/openConnections");
const QString kTabs = QStringLiteral("session/tabs");
const QChar kSeparator = QLatin1Char('\t');

} // namespace

QString MainWindow::sessionKey(int connectionId) const
{
    const connection::ConnectionProfile p = m_model->connectionSpec(connectionId).profile;
    if (!p.id.isEmpty() && m_store->profile(p.id))
        return QStringLiteral("profile:") + p.id;
    if (p.isSqlite() && !p.inMemory && !p.filePath.isEmpty())
        return QStringLiteral("file:") + p.filePath;
    return {};   // an unsaved server connection: its password is not kept, so it is not reopened
}

void MainWindow::saveSession()
{
    QStringList open;
    for (int id : m_model->connectionIds())
        if (const QString key = sessionKey(id); !key.isEmpty() && !open.contains(key))
            open << key;
    QStringList tabs;
    for (QWidget *page : allTabs()) {
        const QString key = sessionKey(page->property("connectionId").toInt());
        if (key.isEmpty())
            continue;
        QStringList fields;
        if (auto *grid = qobject_cast<GridTab *>(page))
            fields = {QStringLiteral("data"), key, grid->object().schema, grid->object().name};
        else if (auto *properties = qobject_cast<ObjectPropertiesTab *>(page))
            fields = {QStringLiteral("properties"), key, properties->object().schema, properties->object().name};
        else if (qobject_cast<ConsoleTab *>(page))
            fields = {QStringLiteral("console"), key};
        else if (qobject_cast<MigrationPanel *>(page))
            fields = {QStringLiteral("migrations"), key};
        else if (qobject_cast<DashboardTab *>(page))
            fields = {QStringLiteral("dashboard"), key};
        if (!fields.isEmpty())
            tabs << fields.join(kSeparator);
    }
    m_settings->setValue(kConnections, open);
    m_settings->setValue(kTabs, tabs);
}

bool MainWindow::reopenLastSession()
{
    if (!m_settings->value(kReopenSetting, true).toBool())
        return false;
    const QStringList entries = m_settings->value(kConnections).toStringList();
    m_sessionTabs.clear();
    for (const QString &tab : m_settings->value(kTabs).toStringList())
        if (const QStringList fields = tab.split(kSeparator); fields.size() >= 2)
            m_sessionTabs.append(fields);
    if (!m_sessionTabs.isEmpty() && !m_sessionWatch) {
        m_sessionWatch = connect(this, &MainWindow::connectionOpened, this, [this](int id, bool ok) {
            if (ok)
                reopenSessionTabs(id);
        });
    }
    int reopened = 0;
    for (const QString &entry : entries) {
        if (entry.startsWith(QLatin1String("profile:")) && m_store->profile(entry.mid(8))) {
            connectSaved(entry.mid(8));
            ++reopened;
        } else if (entry.startsWith(QLatin1String("file:")) && QFileInfo::exists(entry.mid(5))) {
            openLocation(entry.mid(5));
            ++reopened;
        }
    }
    return reopened > 0;
}

void MainWindow::reopenSessionTabs(int connectionId)
{
    const QString key = sessionKey(connectionId);
    for (auto it = m_sessionTabs.begin(); it != m_sessionTabs.end();) {
        const QStringList fields = *it;
        if (fields.value(1) != key) {
            ++it;
            continue;
        }
        it = m_sessionTabs.erase(it);
        const QString &kind = fields.first();
        ObjectRef ref;
        ref.kind = NodeKind::Relation;
        ref.connectionId = connectionId;
        ref.schema = fields.value(2);
        ref.name = fields.value(3);
        if (kind == QLatin1String("data") && !ref.name.isEmpty())
            openData(ref);
        else if (kind == QLatin1String("properties") && !ref.name.isEmpty())
            openObject(ref);
        else if (kind == QLatin1String("console"))
            openConsole(connectionId);
        else if (kind == QLatin1String("migrations"))
            openMigrations(connectionId);
        else if (kind == QLatin1String("dashboard"))
            openDashboard(connectionId);
    }
    if (m_sessionTabs.isEmpty()) {
        disconnect(m_sessionWatch);
        m_sessionWatch = {};
    }
}

} // namespace strata::ui
