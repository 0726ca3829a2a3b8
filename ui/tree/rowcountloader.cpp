#include "rowcountloader.h"

#include "objecttreeitems.h"
#include "objecttreemodel.h"
#include "objecttreeproxy.h"
#include "catalog/sqliterowcounts.h"
#include "connection/connection.h"

#include <QLocale>
#include <QTreeView>

namespace strata::ui {

using connection::Connection;

RowCountLoader::RowCountLoader(ObjectTreeModel *model, ObjectTreeProxy *proxy, QTreeView *view, QObject *parent)
    : QObject(parent)
    , m_model(model)
{
    connect(view, &QTreeView::expanded, this, [this, proxy](const QModelIndex &index) { start(proxy->mapToSource(index)); });
    connect(view, &QTreeView::collapsed, this, [this, proxy](const QModelIndex &index) { cancel(proxy->mapToSource(index)); });
    // A reload replaces the folder's rows: whatever was counting for them is moot.
    connect(model, &QAbstractItemModel::rowsAboutToBeRemoved, this, [this](const QModelIndex &removedFrom) {
        for (auto it = m_running.begin(); it != m_running.end();) {
            if (!it.key().isValid() || it.key() == removedFrom || it.key().parent() == removedFrom) {
                it.value()->store(true);
                it = m_running.erase(it);
            } else {
                ++it;
            }
        }
    });
}

bool RowCountLoader::isCounting(const QModelIndex &sourceFolder) const
{
    return m_running.contains(QPersistentModelIndex(sourceFolder.siblingAtColumn(0)));
}

void RowCountLoader::start(const QModelIndex &sourceIndex)
{
    const QModelIndex folder = sourceIndex.siblingAtColumn(0);
    if (folder.data(ObjectTreeModel::KindRole).toInt() != int(NodeKind::Folder)
        || folder.data(ObjectTreeModel::FolderRole).toInt() != int(FolderKind::Tables))
        return;
    const int id = folder.data(ObjectTreeModel::ConnectionIdRole).toInt();
    Connection *conn = m_model->connection(id);
    if (!conn || !conn->profile().isSqlite() || conn->state() != Connection::State::Open)
        return;
    QStringList tables;
    for (int row = 0; row < m_model->rowCount(folder); ++row) {
        const QModelIndex child = m_model->index(row, 0, folder);
        if (child.data(ObjectTreeModel::KindRole).toInt() == int(NodeKind::Relation))
            tables << child.data(ObjectTreeModel::NameRole).toString();
    }
    if (tables.isEmpty())
        return;
    cancel(folder);
    const QString schema = folder.data(ObjectTreeModel::SchemaRole).toString();
    auto cancelled = std::make_shared<std::atomic_bool>(false);
    const QPersistentModelIndex persistent(folder);
    m_running.insert(persistent, cancelled);
    conn->run<QList<catalog::RowCount>>(
        this,
        [schema, tables, cancelled](connection::JobContext &job) {
            return catalog::sqliteRowCounts(job, schema.isEmpty() ? QStringLiteral("main") : schema, tables,
                                            catalog::kExactRowCountSizeLimit, *cancelled);
        },
        [this, persistent, cancelled](Result<QList<catalog::RowCount>> counts) {
            if (m_running.value(persistent) == cancelled)
                m_running.remove(persistent);
            if (cancelled->load() || !persistent.isValid() || !counts)
                return;   // collapsed, reloaded or failed: the cells stay as they were
            QHash<QString, catalog::RowCount> byName;
            for (const catalog::RowCount &count : counts.value())
                byName.insert(count.table, count);
            for (int row = 0; row < m_model->rowCount(persistent); ++row) {
                const QModelIndex name = m_model->index(row, 0, persistent);
                const auto found = byName.constFind(name.data(ObjectTreeModel::NameRole).toString());
                if (found == byName.constEnd())
                    continue;
                QStandardItem *cell = m_model->itemFromIndex(name.siblingAtColumn(1));
                if (!cell)
                    continue;
                const QString text = treeitems::formatRowEstimate(found->rows);
                cell->setText(found->estimate ? QStringLiteral("~") + text : text);
                cell->setToolTip(found->estimate ? tr("≈ %1 rows (estimate from sqlite_stat1; ANALYZE refreshes it)").arg(QLocale().toString(found->rows))
                                                 : tr("%1 rows").arg(QLocale().toString(found->rows)));
            }
            Q_EMIT countsShown(persistent);
        });
}

void RowCountLoader::cancel(const QModelIndex &sourceIndex)
{
    const auto it = m_running.find(QPersistentModelIndex(sourceIndex.siblingAtColumn(0)));
    if (it == m_running.end())
        return;
    it.value()->store(true);   // the job stops at its next progress check or table
    m_running.erase(it);
}

} // namespace strata::ui
