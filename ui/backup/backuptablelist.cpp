#include "backuptablelist.h"

#include "backup/backupjob.h"
#include "backup/pgbackupjob.h"

#include <QFutureWatcher>
#include <algorithm>
#include <QHeaderView>
#include <QtConcurrent>

namespace strata::ui {

using namespace strata::backup;

namespace {
constexpr int kSchemaRole = Qt::UserRole + 1;
constexpr int kTableRole = Qt::UserRole + 2;
} // namespace

BackupTableList::BackupTableList(QWidget *parent)
    : QTreeWidget(parent)
{
    setHeaderLabels({tr("Table"), tr("Data"), tr("Size")});
    header()->setStretchLastSection(false);
    header()->setSectionResizeMode(NameColumn, QHeaderView::Stretch);
    header()->setSectionResizeMode(DataColumn, QHeaderView::ResizeToContents);
    header()->setSectionResizeMode(SizeColumn, QHeaderView::ResizeToContents);
    setUniformRowHeights(true);
    setRootIsDecorated(true);
    setToolTip(tr("Untick \"Data\" to back up a table's definition without its rows."));
    connect(this, &QTreeWidget::itemChanged, this, &BackupTableList::keepDataWithTable);
}

void BackupTableList::keepDataWithTable(QTreeWidgetItem *item, int column)
{
    // In "chosen tables" mode a table's rows come only with the table: unticking a table
    // unticks its data, ticking its data ticks the table (and ticking a table brings its rows).
    if (!m_choosesTables || !item->parent() || m_syncing)
        return;
    m_syncing = true;
    if (column == NameColumn)
        item->setCheckState(DataColumn, item->checkState(NameColumn) == Qt::Checked ? Qt::Checked : Qt::Unchecked);
    else if (column == DataColumn && item->checkState(DataColumn) == Qt::Checked)
        item->setCheckState(NameColumn, Qt::Checked);
    m_syncing = false;
}

void BackupTableList::load(const ConnectionTarget &target, const QStringList &schemas, const QList<TableName> &chosen)
{
    m_choosesTables = !chosen.isEmpty();
    const int generation = ++m_generation;
    showMessage(tr("Reading the tables…"));
    auto *watcher = new QFutureWatcher<Result<QList<TableWeight>>>(this);
    connect(watcher, &QFutureWatcher<Result<QList<TableWeight>>>::finished, this, [this, watcher, generation, chosen] {
        watcher->deleteLater();
        if (generation != m_generation)
            return;
        const Result<QList<TableWeight>> tables = watcher->result();
        if (!tables) {
            showMessage(tr("The tables could not be read: %1").arg(tables.error().message));
            Q_EMIT loaded(false);
            return;
        }
        showTables(chosen, *tables);
        Q_EMIT loaded(true);
    });
    watcher->setFuture(QtConcurrent::run([target, schemas] { return PgBackupJob::choosableTables(target, schemas); }));
}

void BackupTableList::showMessage(const QString &text)
{
    clear();
    auto *item = new QTreeWidgetItem(this, {text});
    item->setFlags(Qt::ItemIsEnabled);
    item->setFirstColumnSpanned(true);
}

QTreeWidgetItem *BackupTableList::schemaItem(const QString &schema)
{
    for (int i = 0; i < topLevelItemCount(); ++i)
        if (topLevelItem(i)->data(NameColumn, kSchemaRole).toString() == schema)
            return topLevelItem(i);
    auto *item = new QTreeWidgetItem(this, {schema});
    item->setData(NameColumn, kSchemaRole, schema);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsAutoTristate);
    return item;
}

void BackupTableList::showTables(const QList<TableName> &chosen, const QList<TableWeight> &tables)
{
    clear();
    QList<TableWeight> rows = tables;
    for (const TableName &t : chosen) {
        const bool listed = std::any_of(tables.cbegin(), tables.cend(), [&t](const TableWeight &w) { return w.table == t; });
        if (!listed)
            rows.append({t, -1});
    }
    for (const TableWeight &w : rows) {
        QTreeWidgetItem *parent = schemaItem(w.table.schema);
        auto *item = new QTreeWidgetItem(parent, {w.table.name, QString(), w.bytes < 0 ? QString() : formatBytes(w.bytes)});
        item->setData(NameColumn, kTableRole, QVariant::fromValue(QStringList{w.table.schema, w.table.name}));
        item->setTextAlignment(SizeColumn, Qt::AlignRight | Qt::AlignVCenter);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
        const bool backedUp = !m_choosesTables || chosen.contains(w.table);
        if (m_choosesTables)
            item->setCheckState(NameColumn, backedUp ? Qt::Checked : Qt::Unchecked);
        item->setCheckState(DataColumn, backedUp ? Qt::Checked : Qt::Unchecked);
    }
    for (int i = 0; i < topLevelItemCount(); ++i) {
        QTreeWidgetItem *group = topLevelItem(i);
        // The schema's boxes (auto tristate) show and set its tables' boxes.
        if (m_choosesTables) {
            bool anyChosen = false;
            for (int c = 0; c < group->childCount(); ++c)
                anyChosen = anyChosen || group->child(c)->checkState(NameColumn) == Qt::Checked;
            group->setExpanded(anyChosen || topLevelItemCount() == 1);
        } else {
            group->setExpanded(true);
        }
    }
}

TableName BackupTableList::tableOf(const QTreeWidgetItem *item)
{
    const QStringList parts = item->data(NameColumn, kTableRole).toStringList();
    return parts.size() == 2 ? TableName{parts[0], parts[1]} : TableName{};
}

QList<TableName> BackupTableList::chosenTables() const
{
    QList<TableName> out;
    if (!m_choosesTables)
        return out;
    for (int i = 0; i < topLevelItemCount(); ++i)
        for (int c = 0; c < topLevelItem(i)->childCount(); ++c)
            if (const QTreeWidgetItem *item = topLevelItem(i)->child(c); item->checkState(NameColumn) == Qt::Checked)
                out << tableOf(item);
    return out;
}

QList<TableName> BackupTableList::excludedData() const
{
    QList<TableName> out;
    for (int i = 0; i < topLevelItemCount(); ++i) {
        for (int c = 0; c < topLevelItem(i)->childCount(); ++c) {
            const QTreeWidgetItem *item = topLevelItem(i)->child(c);
            const bool backedUp = !m_choosesTables || item->checkState(NameColumn) == Qt::Checked;
            if (backedUp && item->checkState(DataColumn) == Qt::Unchecked)
                out << tableOf(item);
        }
    }
    return out;
}

QTreeWidgetItem *BackupTableList::itemFor(const TableName &table) const
{
    for (int i = 0; i < topLevelItemCount(); ++i)
        for (int c = 0; c < topLevelItem(i)->childCount(); ++c)
            if (tableOf(topLevelItem(i)->child(c)) == table)
                return topLevelItem(i)->child(c);
    return nullptr;
}

} // namespace strata::ui
