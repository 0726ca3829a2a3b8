// Plans of RevisionGraph: ordered steps (Alembic's _topological_sort) and the version-table
// change of each step.

#include "revisiongraph.h"

#include <algorithm>

namespace strata::migrate {

namespace {

QSet<QString> toSet(const QStringList &list)
{
    return QSet<QString>(list.cbegin(), list.cend());
}

} // namespace

MigrationPlan RevisionGraph::planUpgrade(const QStringList &currentHeads, const UpgradeTarget &target) const
{
    MigrationPlan plan;
    plan.direction = Direction::Upgrade;
    plan.startHeads = currentHeads;
    const QSet<QString> applied = ancestors(currentHeads, true);
    const QSet<QString> todo = ancestors(target.revisions, true) - applied;
    QSet<QString> heads = toSet(currentHeads);
    QStringList order = topologicalSort(todo, target.revisions).valueOr(sorted(todo));
    std::reverse(order.begin(), order.end());
    for (const QString &rev : std::as_const(order)) {
        MigrationStep step;
        step.revision = rev;
        step.direction = Direction::Upgrade;
        step.headsBefore = sorted(heads);
        QSet<QString> next = heads;
        next.insert(rev);
        next = toSet(filterHeads(next));
        const QStringList removed = sorted(heads - next);
        if (removed.isEmpty()) {
            step.change.inserts = {rev};
        } else {
            step.change.updateFrom = removed.first();
            step.change.updateTo = rev;
            step.change.deletes = removed.mid(1);
        }
        heads = next;
        step.headsAfter = sorted(heads);
        plan.steps.append(step);
    }
    plan.endHeads = sorted(heads);
    return plan;
}

MigrationPlan RevisionGraph::planDowngrade(const QStringList &currentHeads, const DowngradeTarget &target) const
{
    MigrationPlan plan;
    plan.direction = Direction::Downgrade;
    plan.startHeads = currentHeads;
    QSet<QString> applied = ancestors(currentHeads, true);
    const QSet<QString> remove = descendants(target.removeRoots, true) & applied;
    QSet<QString> heads = toSet(currentHeads);
    for (const QString &rev : topologicalSort(remove, currentHeads).valueOr(sorted(remove))) {
        MigrationStep step;
        step.revision = rev;
        step.direction = Direction::Downgrade;
        step.headsBefore = sorted(heads);
        applied.remove(rev);
        QSet<QString> next = heads;
        next.remove(rev);
        for (const QString &p : parentsAll(rev))
            if (applied.contains(p))
                next.insert(p);
        next = toSet(filterHeads(next));
        const QStringList added = sorted(next - heads);
        if (added.isEmpty()) {
            step.change.deletes = {rev};
        } else {
            step.change.updateFrom = rev;
            step.change.updateTo = added.first();
            step.change.inserts = added.mid(1);
        }
        heads = next;
        step.headsAfter = sorted(heads);
        plan.steps.append(step);
    }
    plan.endHeads = sorted(heads);
    return plan;
}

Result<QStringList> RevisionGraph::topologicalSort(const QSet<QString> &ids, const QStringList &heads) const
{
    // Alembic's RevisionMap._topological_sort, step by step: walk down from the heads in
    // load order, switching to another head whenever the candidate is still an ancestor of
    // it, so a revision comes after everything above it and branches stay together.
    QSet<QString> todo = ids;
    QStringList current;
    for (const QString &h : heads)
        if (todo.contains(h) && !current.contains(h))
            current.append(h);
    std::sort(current.begin(), current.end(), [this](const QString &a, const QString &b) { return loadIndex(a) < loadIndex(b); });
    QList<QSet<QString>> ancestorsOf;
    for (const QString &h : std::as_const(current))
        ancestorsOf.append(ancestors({h}, true));
    QStringList out;
    qsizetype index = 0;
    qsizetype guard = (ids.size() + 2) * (ids.size() + 2) * 4;
    while (!current.isEmpty() && guard-- > 0) {
        const QString candidate = current[index];
        bool switched = false;
        for (qsizetype i = 0; i < ancestorsOf.size(); ++i) {
            if (i != index && ancestorsOf[i].contains(candidate)) {
                index = i;
                switched = true;
                break;
            }
        }
        if (switched)
            continue;
        if (todo.remove(candidate))
            out.append(candidate);
        QStringList next;
        for (const QString &r : normalizedDownRevisions(candidate))
            if (todo.contains(r) && !current.contains(r))
                next.append(r);
        if (next.isEmpty()) {
            current.removeAt(index);
            ancestorsOf.removeAt(index);
            index = qMax<qsizetype>(index - 1, 0);
        } else if (!m_hasNormalizedDependencies.value(candidate) && node(candidate).downRevisions.size() == 1) {
            current[index] = next.first();
            ancestorsOf[index].remove(candidate);
        } else {
            current[index] = next.first();
            ancestorsOf[index] = ancestors({next.first()}, true);
            for (qsizetype i = 1; i < next.size(); ++i) {
                current.append(next[i]);
                ancestorsOf.append(ancestors({next[i]}, true));
            }
        }
    }
    if (!todo.isEmpty())
        return Error(ErrorKind::Migration, QStringLiteral("Revisions %1 are not below %2 along down_revision")
                                               .arg(sorted(todo).join(QStringLiteral(", ")), heads.join(QStringLiteral(", "))));
    return out;
}

QStringList RevisionGraph::currentTips(const QStringList &rows) const
{
    QStringList known;
    for (const QString &r : rows)
        if (contains(r))
            known.append(r);
    const QSet<QString> applied = ancestors(known, true);
    QSet<QString> tips;
    for (const QString &a : applied) {
        QSet<QString> above = lineage({a}, false, false) & applied;
        above.remove(a);
        if (above.isEmpty())
            tips.insert(a);
    }
    return sorted(tips);
}

} // namespace strata::migrate
