// MainWindow: what the command line asked for (strata FILE --table books, strata URL
// --table schema.table, strata FILE --sql script.sql): the locations, then, once the first
// is open, the table's grid and/or a console holding the script.

#include "mainwindow.h"

#include "startupoptions.h"
#include "connection/connection.h"
#include "console/consoletab.h"
#include "grid/gridtab.h"

#include <QFileInfo>
#include <QMessageBox>
#include <QStatusBar>

namespace strata::ui {

void MainWindow::openStartup(const StartupOptions &options)
{
    for (int i = 0; i < options.locations.size(); ++i) {
        const QList<int> before = m_model->connectionIds();
        if (!openLocation(options.locations[i]) || i > 0 || (options.table.isEmpty() && options.sqlFile.isEmpty()))
            continue;
        int id = 0;
        for (int candidate : m_model->connectionIds())
            if (!before.contains(candidate))
                id = candidate;
        if (id == 0)
            continue;   // a saved connection that was open already, or none
        auto once = std::make_shared<QMetaObject::Connection>();
        *once = connect(this, &MainWindow::connectionOpened, this, [this, id, options, once](int opened, bool ok) {
            if (opened != id)
                return;
            disconnect(*once);
            if (ok)
                openStartupTargets(id, options);
        });
    }
}

void MainWindow::openStartupTargets(int connectionId, const StartupOptions &options)
{
    const connection::Connection *conn = m_model->connection(connectionId);
    if (!conn)
        return;
    if (!options.sqlFile.isEmpty()) {
        ConsoleTab *console = openConsole(connectionId);
        if (console && !console->openFile(options.sqlFile))
            statusBar()->showMessage(tr("Could not read %1").arg(QFileInfo(options.sqlFile).absoluteFilePath()), 10000);
    }
    if (!options.table.isEmpty()) {
        const bool sqlite = conn->profile().isSqlite();
        const auto [schema, name] = options.tableName(sqlite, sqlite ? QStringLiteral("main") : QStringLiteral("public"));
        ObjectRef ref;
        ref.kind = NodeKind::Relation;
        ref.connectionId = connectionId;
        ref.schema = schema;
        ref.name = name;
        openData(ref);   // a missing table shows its error in the grid tab
    }
}

} // namespace strata::ui
