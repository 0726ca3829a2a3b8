// Plans of RevisionGraph: ordered steps and the version-table change of each step.

#include "revisiongraph.h"

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
    for (const QString &rev : sorted(todo, true)) {
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
    for (const QString &rev : sorted(remove)) {
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

Result<QStringList> RevisionGraph::stampHeads(const QStringList &currentHeads, const QStringList &targets, bool purge) const
{
    for (const QString &a : targets)
        for (const QString &b : targets)
            if (a != b && ancestors({b}, false).contains(a))
                return Error(ErrorKind::Migration,
                             QStringLiteral("Stamp targets %1 and %2 are on the same branch (%1 is an ancestor of %2)").arg(a, b));
    if (purge || targets.size() != 1)
        return sorted(toSet(targets));
    QSet<QString> result;
    const QString &target = targets.first();
    for (const QString &h : currentHeads) {
        if (!contains(h))
            return Error(ErrorKind::Migration,
                         QStringLiteral("The database names revision %1, which is not in the script directory; use --purge").arg(h));
        if (!sharesLineage(h, target))
            result.insert(h);
    }
    result.insert(target);
    return sorted(result);
}

} // namespace strata::migrate
