#include "planview.h"

#include <QHeaderView>

namespace strata::ui {

namespace {

QString number(double v, int precision = 2)
{
    return v < 0 ? QString() : QLocale().toString(v, 'f', precision);
}

void addNode(QTreeWidgetItem *parent, QTreeWidget *tree, const exec::PlanNode &n, bool analyzed, double total)
{
    QStringList cells;
    cells << n.nodeType << (n.alias.isEmpty() || n.alias == n.relation ? n.relation : n.relation + QLatin1Char(' ') + n.alias)
          << (n.totalCost < 0 ? QString() : number(n.startupCost) + QStringLiteral(" … ") + number(n.totalCost))
          << number(n.planRows, 0) << number(n.actualTotalMs, 3) << number(n.actualRows, 0) << number(n.loops, 0)
          << (total > 0 && n.exclusive >= 0 ? QStringLiteral("%1%").arg(100.0 * n.exclusive / total, 0, 'f', 1) : QString())
          << n.detail;
    auto *item = parent ? new QTreeWidgetItem(parent, cells) : new QTreeWidgetItem(tree, cells);
    item->setToolTip(0, n.detail.isEmpty() ? n.nodeType : n.nodeType + QLatin1Char('\n') + n.detail);
    item->setToolTip(8, n.detail);
    for (int c : {2, 3, 4, 5, 6, 7})
        item->setTextAlignment(c, Qt::AlignRight | Qt::AlignVCenter);
    if (n.slow) {
        for (int c = 0; c < cells.size(); ++c) {
            item->setBackground(c, QColor(0xfd, 0xe0, 0xdc));
            QFont f = item->font(c);
            f.setBold(true);
            item->setFont(c, f);
        }
        item->setToolTip(0, QObject::tr("One of the slowest steps of this plan") + QLatin1Char('\n') + item->toolTip(0));
    }
    for (const exec::PlanNode &child : n.children)
        addNode(item, tree, child, analyzed, total);
}

double sumExclusive(const exec::PlanNode &n)
{
    double s = std::max(0.0, n.exclusive);
    for (const exec::PlanNode &c : n.children)
        s += sumExclusive(c);
    return s;
}

} // namespace

PlanView::PlanView(QWidget *parent)
    : QTreeWidget(parent)
{
    setObjectName(QStringLiteral("planView"));
    setHeaderLabels({tr("Step"), tr("Table"), tr("Cost"), tr("Est. rows"), tr("Actual ms"), tr("Actual rows"),
                     tr("Loops"), tr("Own share"), tr("Details")});
    setUniformRowHeights(true);
    setAlternatingRowColors(true);
    header()->setStretchLastSection(true);
}

void PlanView::setPlan(const exec::ExplainPlan &plan)
{
    m_plan = plan;
    clear();
    addNode(nullptr, this, plan.root, plan.analyzed, sumExclusive(plan.root));
    expandAll();
    for (int c = 0; c < columnCount() - 1; ++c)
        resizeColumnToContents(c);
    setColumnHidden(4, !plan.analyzed);
    setColumnHidden(5, !plan.analyzed);
    setColumnHidden(6, !plan.analyzed);
    const bool sqlite = plan.root.totalCost < 0 && plan.root.children.size() >= 0 && plan.root.nodeType == u"QUERY PLAN";
    for (int c : {2, 3, 7})
        setColumnHidden(c, sqlite);
}

} // namespace strata::ui
