#include "lockspanel.h"

#include "backendactions.h"
#include "monitor/blockingtreemodel.h"
#include "monitor/locksummarymodel.h"
#include "monitor/postgresmonitor.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QTreeView>
#include <QVBoxLayout>

namespace strata::ui {

using monitor::BlockingTreeModel;

LocksPanel::LocksPanel(monitor::PostgresMonitor *monitor, BackendActions *actions, QWidget *parent)
    : QWidget(parent)
    , m_monitor(monitor)
    , m_actions(actions)
    , m_treeModel(new BlockingTreeModel(this))
    , m_summaryModel(new monitor::LockSummaryModel(this))
    , m_tree(new QTreeView(this))
    , m_summary(new QTableView(this))
    , m_headline(new QLabel(this))
    , m_summaryLine(new QLabel(this))
    , m_cancel(new QPushButton(tr("Cancel &query…"), this))
    , m_terminate(new QPushButton(tr("&Terminate…"), this))
{
    m_treeModel->setDetailFetcher([monitor](int pid, QObject *context, std::function<void(Result<QList<monitor::LockGroup>>)> done) {
        monitor->fetchLockDetail(pid, context, std::move(done));
    });
    m_tree->setObjectName(QStringLiteral("blockingTree"));
    m_tree->setModel(m_treeModel);
    m_tree->setUniformRowHeights(true);
    m_tree->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    m_tree->header()->setStretchLastSection(true);
    const int widths[] = {260, 120, 220, 70, 90, 80};
    for (int c = 0; c < int(std::size(widths)); ++c)
        m_tree->setColumnWidth(c, widths[c]);
    connect(m_treeModel, &BlockingTreeModel::rebuilt, this, &LocksPanel::expandBackends);
    connect(m_tree, &QTreeView::customContextMenuRequested, this, &LocksPanel::showContextMenu);
    connect(m_tree->selectionModel(), &QItemSelectionModel::selectionChanged, this, &LocksPanel::updateButtons);
    connect(m_treeModel, &QAbstractItemModel::modelReset, this, &LocksPanel::updateButtons);

    auto *proxy = new QSortFilterProxyModel(this);
    proxy->setSourceModel(m_summaryModel);
    proxy->setSortRole(monitor::LockSummaryModel::SortRole);
    m_summary->setObjectName(QStringLiteral("lockSummary"));
    m_summary->setModel(proxy);
    m_summary->setSortingEnabled(true);
    m_summary->sortByColumn(monitor::LockSummaryModel::Locks, Qt::DescendingOrder);
    m_summary->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_summary->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_summary->verticalHeader()->setVisible(false);
    m_summary->verticalHeader()->setDefaultSectionSize(m_summary->fontMetrics().height() + 6);
    m_summary->horizontalHeader()->setStretchLastSection(true);
    const int summaryWidths[] = {100, 110, 240, 190, 80, 90};
    for (int c = 0; c < int(std::size(summaryWidths)); ++c)
        m_summary->setColumnWidth(c, summaryWidths[c]);

    m_cancel->setObjectName(QStringLiteral("cancelBlocker"));
    m_terminate->setObjectName(QStringLiteral("terminateBlocker"));
    connect(m_cancel, &QPushButton::clicked, this, [this] { if (int pid = selectedPid()) m_actions->cancelQuery(pid, describe(pid)); });
    connect(m_terminate, &QPushButton::clicked, this, [this] { if (int pid = selectedPid()) m_actions->terminate(pid, describe(pid)); });

    QFont bold = m_headline->font();
    bold.setBold(true);
    m_headline->setFont(bold);
    m_headline->setObjectName(QStringLiteral("blockingHeadline"));
    m_summaryLine->setObjectName(QStringLiteral("lockSummaryLine"));

    auto *top = new QWidget(this);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    auto *header = new QHBoxLayout;
    header->addWidget(m_headline, 1);
    header->addWidget(m_cancel);
    header->addWidget(m_terminate);
    topLayout->addLayout(header);
    topLayout->addWidget(m_tree, 1);
    auto *bottom = new QWidget(this);
    auto *bottomLayout = new QVBoxLayout(bottom);
    bottomLayout->setContentsMargins(0, 4, 0, 0);
    bottomLayout->addWidget(m_summaryLine);
    bottomLayout->addWidget(m_summary, 1);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(top);
    split->addWidget(bottom);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 6, 4, 4);
    layout->addWidget(split, 1);
    updateButtons();
}

void LocksPanel::refresh()
{
    const monitor::MonitorSnapshot &s = m_monitor->lastSnapshot();
    const int selected = selectedPid();
    m_treeModel->setBackends(s.blocking);
    m_summaryModel->setSummary(s.locks);
    int waiting = 0;
    for (const monitor::BlockingBackend &b : s.blocking)
        waiting += b.awaitedMode.isEmpty() ? 0 : 1;
    const int roots = int(m_treeModel->rootPids().size());
    // Plurals spelt out: tr("%n backend(s)") reads "backend(s)" without a translation loaded.
    const QString waiters = waiting == 1 ? tr("1 backend waiting for a lock") : tr("%L1 backends waiting for a lock").arg(waiting);
    const QString blockers = roots == 1 ? tr(", 1 root blocker") : tr(", %L1 root blockers").arg(roots);
    m_headline->setText(waiting == 0 ? tr("No backend waits for a lock.") : waiters + blockers);
    m_headline->setStyleSheet(waiting == 0 ? QString() : QStringLiteral("color: #c62828;"));
    m_summaryLine->setText(s.locks.totalGroups > s.locks.groups.size()
                               ? tr("%L1 locks held on the server, in %L2 groups (the %L3 largest shown)").arg(s.locks.totalLocks).arg(s.locks.totalGroups).arg(s.locks.groups.size())
                               : tr("%L1 locks held on the server, in %L2 groups").arg(s.locks.totalLocks).arg(s.locks.totalGroups));
    if (selected && selectedPid() != selected) {
        const QModelIndex again = m_treeModel->indexOfPid(selected);
        if (again.isValid())
            m_tree->setCurrentIndex(again);
    }
    updateButtons();
}

void LocksPanel::expandBackends()
{
    std::function<void(const QModelIndex &)> expand = [&](const QModelIndex &parent) {
        for (int row = 0; row < m_treeModel->rowCount(parent); ++row) {
            const QModelIndex child = m_treeModel->index(row, 0, parent);
            if (BlockingTreeModel::NodeKind(child.data(BlockingTreeModel::NodeKindRole).toInt()) != BlockingTreeModel::NodeKind::Backend)
                continue;
            m_tree->expand(child);
            expand(child);
        }
    };
    expand({});
}

int LocksPanel::selectedPid() const
{
    const QModelIndex current = m_tree->currentIndex();
    if (!current.isValid() || !m_tree->selectionModel()->isSelected(current))
        return 0;
    const auto kind = BlockingTreeModel::NodeKind(current.data(BlockingTreeModel::NodeKindRole).toInt());
    return kind == BlockingTreeModel::NodeKind::Backend ? current.data(BlockingTreeModel::PidRole).toInt() : 0;
}

QString LocksPanel::describe(int pid) const
{
    const monitor::BlockingBackend *b = m_treeModel->backend(pid);
    if (!b)
        return {};
    int waiters = 0;
    for (const monitor::BlockingBackend &other : m_treeModel->backends())
        waiters += other.blockedBy.contains(pid) ? 1 : 0;
    QString text = tr("%1 on %2 (%3), %4, holding %L5 locks").arg(b->user, b->database, b->application, b->state).arg(b->locksHeld);
    if (waiters > 0)
        text += tr("; %n backend(s) wait for it", nullptr, waiters);
    if (!b->query.isEmpty())
        text += QStringLiteral(":\n") + b->query.simplified().left(200);
    return text;
}

void LocksPanel::updateButtons()
{
    const bool has = selectedPid() != 0;
    const bool readOnly = m_monitor->isReadOnly();
    m_cancel->setEnabled(has && !readOnly);
    m_terminate->setEnabled(has && !readOnly);
    const QString reason = m_monitor->readOnlyReason();
    m_cancel->setToolTip(readOnly ? reason : tr("Cancel the selected backend's statement; a blocker that is idle in a transaction needs Terminate"));
    m_terminate->setToolTip(readOnly ? reason : tr("End the selected backend's session, releasing its locks"));
}

void LocksPanel::showContextMenu(const QPoint &pos)
{
    const QModelIndex index = m_tree->indexAt(pos);
    if (!index.isValid())
        return;
    m_tree->setCurrentIndex(index);
    if (!selectedPid())
        return;
    QMenu menu(this);
    for (QPushButton *b : {m_cancel, m_terminate}) {
        QAction *a = menu.addAction(b->text(), b, &QPushButton::click);
        a->setEnabled(b->isEnabled());
    }
    menu.exec(m_tree->viewport()->mapToGlobal(pos));
}

} // namespace strata::ui
