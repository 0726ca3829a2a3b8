#pragma once

// PlanView: an EXPLAIN plan as a tree — node, table, estimated cost and rows, actual time,
// rows and loops (EXPLAIN ANALYZE), the node's own share, and its conditions. The
// heaviest nodes are shown in bold on a red background.

#include "exec/explainplan.h"

#include <QTreeWidget>

namespace strata::ui {

class PlanView : public QTreeWidget {
    Q_OBJECT
public:
    explicit PlanView(QWidget *parent = nullptr);
    void setPlan(const exec::ExplainPlan &plan);
    const exec::ExplainPlan &plan() const { return m_plan; }

private:
    exec::ExplainPlan m_plan;
};

} // namespace strata::ui
