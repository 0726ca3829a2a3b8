#include "archivecontentstree.h"

#include "backup/pgrestorejob.h"

#include <QFutureWatcher>
#include <QHeaderView>
#include <QMap>
#include <QtConcurrent>

namespace strata::ui {

using namespace strata::backup;

namespace {
constexpr int kIdRole = Qt::UserRole + 1;
}

ArchiveContentsTree::ArchiveContentsTree(QWidget *parent)
    : QTreeWidget(parent)
{
    setHeaderLabels({tr("Object"), tr("Kind"), tr("Owner")});
    header()->setStretchLastSection(false);
    header()->setSectionResizeMode(0, QHeaderView::Stretch);
    header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    header()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    setUniformRowHeights(true);
}

void ArchiveContentsTree::clearContents()
{
    ++m_generation;
    m_list.reset();
    clear();
}

void ArchiveContentsTree::load(const QString &path, const ToolSearch &search)
{
    clearContents();
    const int generation = m_generation;
    auto *watcher = new QFutureWatcher<Result<ArchiveList>>(this);
    connect(watcher, &QFutureWatcher<Result<ArchiveList>>::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != m_generation)
            return;   // another file was chosen meanwhile
        const Result<ArchiveList> list = watcher->result();
        if (!list) {
            Q_EMIT loaded(false, list.error().message);
            return;
        }
        showContents(*list);
        Q_EMIT loaded(true, QString());
    });
    watcher->setFuture(QtConcurrent::run([path, search] { return PgRestoreJob::listArchive(path, search); }));
}

void ArchiveContentsTree::showContents(const ArchiveList &list)
{
    m_list = list;
    QMap<QString, QTreeWidgetItem *> groups;
    for (const ArchiveEntry &e : list.entries) {
        const QString group = e.schema.isEmpty() ? tr("(database)") : e.schema;
        QTreeWidgetItem *parent = groups.value(group);
        if (!parent) {
            parent = new QTreeWidgetItem(this, {group, tr("schema")});
            parent->setFlags(parent->flags() | Qt::ItemIsUserCheckable | Qt::ItemIsAutoTristate);
            parent->setCheckState(0, Qt::Checked);
            groups.insert(group, parent);
        }
        auto *item = new QTreeWidgetItem(parent, {e.tag, e.kind, e.owner});
        item->setData(0, kIdRole, e.id);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(0, Qt::Checked);
    }
    expandAll();
}

QList<int> ArchiveContentsTree::selectedIds() const
{
    QList<int> ids;
    bool all = true;
    for (int g = 0; g < topLevelItemCount(); ++g) {
        QTreeWidgetItem *group = topLevelItem(g);
        for (int i = 0; i < group->childCount(); ++i) {
            if (group->child(i)->checkState(0) == Qt::Checked)
                ids << group->child(i)->data(0, kIdRole).toInt();
            else
                all = false;
        }
    }
    return all ? QList<int>() : ids;
}

} // namespace strata::ui
