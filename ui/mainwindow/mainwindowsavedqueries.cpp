// MainWindow: the "Saved queries" dock (issue 19 item 7): shown with View › Saved queries,
// below the object tree; it follows the connection in front (the current tab's, else the
// tree's); "Save…" stores the console in front; opening a query puts it in a new console
// with its ${placeholders} written out and the first one selected.

#include "mainwindow.h"

#include "connection/connection.h"
#include "console/consoletab.h"
#include "console/sqleditor.h"
#include "exec/historystore.h"
#include "queries/savedqueriesdock.h"
#include "queries/snippet.h"
#include "tree/objecttreepanel.h"

#include <QDockWidget>
#include <QInputDialog>
#include <QLabel>
#include <QMenu>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTextCursor>
#include <QTreeView>

namespace strata::ui {

void MainWindow::createSavedQueries(QMenu *view)
{
    m_savedQueries = new SavedQueriesPanel(this);
    auto *dock = new QDockWidget(tr("Saved queries"), this);
    dock->setObjectName(QStringLiteral("SavedQueriesDock"));
    dock->setWidget(m_savedQueries);
    dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable | QDockWidget::DockWidgetClosable);
    addDockWidget(Qt::LeftDockWidgetArea, dock);
    if (auto *tree = findChild<QDockWidget *>(QStringLiteral("ObjectTreeDock")))
        splitDockWidget(tree, dock, Qt::Vertical);
    dock->hide();   // until the person asks for it (a restored layout may show it)
    QAction *toggle = dock->toggleViewAction();
    toggle->setText(tr("&Saved queries"));
    toggle->setObjectName(QStringLiteral("actionSavedQueries"));
    view->addAction(toggle);

    connect(m_savedQueries, &SavedQueriesPanel::openRequested, this, [this](const QString &text) {
        ConsoleTab *console = openConsole();
        if (!console)
            return;
        const queries::ExpandedSnippet snippet = queries::expandSnippet(text);
        console->editor()->setPlainText(snippet.text);
        QList<QPair<int, int>> fields;
        for (const queries::SnippetField &field : snippet.fields)
            fields.append({field.start, field.length});
        console->editor()->setSnippetFields(fields);   // the first selected; Tab to the next
    });
    connect(m_savedQueries, &SavedQueriesPanel::saveRequested, this, [this] {
        auto *console = qobject_cast<ConsoleTab *>(m_tabs->currentWidget());
        if (!console || console->editor()->toPlainText().trimmed().isEmpty()) {
            statusBar()->showMessage(tr("Save… stores the text of the query console in front: open one first."), 8000);
            return;
        }
        bool ok = false;
        const QString name = QInputDialog::getText(this, tr("Save query"), tr("Name of the query (its file: NAME.sql):"),
                                                   QLineEdit::Normal, QString(), &ok);
        if (!ok || name.trimmed().isEmpty())
            return;
        const Result<QString> saved = m_savedQueries->save(name, console->editor()->toPlainText());
        statusBar()->showMessage(saved ? tr("Saved %1").arg(saved.value()) : saved.error().message, 8000);
    });
    connect(m_tabs, &QTabWidget::currentChanged, this, &MainWindow::followSavedQueriesConnection);
    connect(m_treePanel->view()->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &MainWindow::followSavedQueriesConnection);
    connect(this, &MainWindow::connectionOpened, this, &MainWindow::followSavedQueriesConnection);
}

void MainWindow::followSavedQueriesConnection()
{
    int id = currentConnectionId();
    if (QWidget *page = m_tabs->currentWidget(); page && page->property("connectionId").isValid())
        id = page->property("connectionId").toInt();
    const connection::Connection *conn = m_model->connection(id);
    if (!conn) {
        m_savedQueries->setConnection({}, {});
        return;
    }
    const QString key = exec::HistoryStore::connectionKey(conn->profile());
    const QString dataDir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    if (key == m_savedQueries->connectionKey())
        return;   // the same database: the folder and its watcher stay
    m_savedQueries->setConnection(key, queries::SavedQueryFolder::defaultFolder(dataDir, conn->profile()));
}

}   // namespace strata::ui
