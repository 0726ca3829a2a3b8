// Targets of RevisionGraph: Alembic's _parse_upgrade_target, _parse_downgrade_target,
// _collect_upgrade_revisions and _collect_downgrade_revisions, step by step, with the
// refusals Alembic makes (and the one Strata adds: `-N` with several current heads).

#include "revisiongraph.h"

#include <QRegularExpression>

namespace strata::migrate {

namespace {

Error migrationError(const QString &message)
{
    return Error(ErrorKind::Migration, message);
}

/// Alembic's _relative_destination, matched at the start only (re.match).
struct Relative {
    bool matched = false;
    QString branch;
    QString symbol;
    qint64 delta = 0;
    QString deltaText;
};

Relative parseRelative(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("^(?:(.+?)@)?(\\w+)?((?:\\+|-)\\d+)"),
                                       QRegularExpression::UseUnicodePropertiesOption);
    Relative r;
    const QRegularExpressionMatch m = re.match(text);
    if (!m.hasMatch())
        return r;
    bool ok = false;
    r.delta = m.captured(3).toLongLong(&ok);
    r.matched = ok;
    r.branch = m.captured(1);
    r.symbol = m.captured(2);
    r.deltaText = m.captured(3);
    return r;
}

QString notProduced(const Relative &r)
{
    return QStringLiteral("Relative revision %1 didn't produce %2 migrations").arg(r.deltaText).arg(qAbs(r.delta));
}

} // namespace

Result<QList<RevisionGraph::WalkPoint>> RevisionGraph::parseUpgradeTarget(const QStringList &current, const QString &target,
                                                                         bool assertLength) const
{
    const Relative rel = parseRelative(target);
    if (!rel.matched)
        return getRevisions(target);
    if (rel.delta > 0 && rel.symbol.isEmpty()) {
        // From the current revisions, or from where the branch's lineage is applied.
        Result<QStringList> starts = startRevisions(current, rel.branch);
        if (!starts)
            return starts.error();
        if (starts->size() > 1)
            return migrationError(QStringLiteral("Ambiguous upgrade from multiple current revisions (%1): give a branch "
                                                 "(label@%2) or a revision (REV%2)")
                                      .arg(starts->join(QStringLiteral(", ")), rel.deltaText));
        Result<WalkPoint> start = starts->first().isNull() ? Result<WalkPoint>(WalkPoint::none()) : getRevision(starts->first());
        if (!start)
            return start.error();
        Result<WalkPoint> w = walk(*start, rel.delta, rel.branch, assertLength, target);
        if (!w)
            return w.error();
        if (w->kind == WalkPoint::Kind::None)
            return migrationError(notProduced(rel));
        return QList<WalkPoint>{*w};
    }
    if (rel.delta <= 0 && rel.symbol.isEmpty())
        return migrationError(QStringLiteral("%1; to go down, use downgrade").arg(notProduced(rel)));
    Result<WalkPoint> start = getRevision(rel.delta > 0 || rel.branch.isEmpty() ? rel.symbol : rel.branch + QLatin1Char('@') + rel.symbol);
    if (!start)
        return start.error();
    Result<WalkPoint> w = walk(*start, rel.delta, rel.delta > 0 ? rel.branch : QString(), assertLength, target);
    if (!w)
        return w.error();
    return QList<WalkPoint>{*w};
}

Result<QStringList> RevisionGraph::startRevisions(const QStringList &current, const QString &branch) const
{
    // The start of "+N" / "label@+N"; a null string stands for "before the bases".
    if (branch.isEmpty())
        return current.isEmpty() ? QStringList{QString()} : current;
    Result<QList<WalkPoint>> revs = getRevisionsOf(current);
    if (!revs)
        return revs.error();
    QStringList ids;
    for (const WalkPoint &p : std::as_const(*revs)) {
        if (!p.isRevision())
            return migrationError(QStringLiteral("'%1' names no revision to start from").arg(current.join(QStringLiteral(", "))));
        ids.append(p.id);
    }
    Result<QStringList> onBranch = filterForLineage(ids, branch);
    if (!onBranch || !onBranch->isEmpty())
        return onBranch;
    // No current revision on the branch: start from the tips of what is applied of its lineage.
    const QSet<QString> applied = lineage(ids, true, true);
    Result<QStringList> active = filterForLineage(QStringList(applied.cbegin(), applied.cend()), branch);
    if (!active)
        return active.error();
    QSet<QString> tips(active->cbegin(), active->cend());
    for (const QString &a : std::as_const(*active))
        for (const QString &d : normalizedDownRevisions(a))
            tips.remove(d);
    if (tips.isEmpty())
        return QStringList{QString()};
    QStringList out(tips.cbegin(), tips.cend());
    std::sort(out.begin(), out.end());
    return out;
}

Result<QString> RevisionGraph::relativeDowngradeStart(const QStringList &current, const QString &branch, const QString &text) const
{
    Result<QStringList> onBranch = filterForLineage(current, branch);
    if (!onBranch)
        return onBranch.error();
    QStringList found = *onBranch;
    if (found.isEmpty()) {
        // Alembic's _get_all_current: the branch tips (down_revision edges) of what is applied.
        Result<QStringList> tipsOnBranch = filterForLineage(currentTips(current), branch);
        if (!tipsOnBranch)
            return tipsOnBranch.error();
        found = *tipsOnBranch;
    }
    if (found.size() != 1)
        return migrationError(found.isEmpty() ? QStringLiteral("Relative revision %1: no current revision is on branch '%2'").arg(text, branch)
                                              : QStringLiteral("Relative revision %1: branch '%2' has several current revisions (%3); "
                                                               "give a revision")
                                                    .arg(text, branch, found.join(QStringLiteral(", "))));
    return found.first();
}

Result<RevisionGraph::DowngradeDestination> RevisionGraph::parseDowngradeTarget(const QStringList &current, const QString &target,
                                                                               bool assertLength) const
{
    const Relative rel = parseRelative(target);
    if (!rel.matched) {
        const qsizetype at = target.lastIndexOf(QLatin1Char('@'));
        Result<WalkPoint> r = getRevision(target.mid(at + 1));
        if (!r)
            return r.error();
        return DowngradeDestination{at > 0 ? target.left(at) : QString(), *r};
    }
    if (rel.delta >= 0) {
        if (rel.symbol.isEmpty())
            return migrationError(QStringLiteral("%1; to go up, use upgrade").arg(notProduced(rel)));
        Result<WalkPoint> start = getRevision(rel.symbol);
        if (!start)
            return start.error();
        Result<WalkPoint> w = walk(*start, rel.delta, rel.branch, assertLength, target);
        if (!w)
            return w.error();
        if (w->kind == WalkPoint::Kind::None)
            return migrationError(QStringLiteral("Relative revision %1 walked too far").arg(target));
        return DowngradeDestination{rel.branch, *w};
    }
    QString branch = rel.branch;
    QString symbol = rel.symbol;
    if (symbol.isEmpty()) {
        if (!branch.isEmpty()) {
            Result<QString> s = relativeDowngradeStart(current, branch, target);
            if (!s)
                return s.error();
            symbol = *s;
        } else {
            if (current.isEmpty())
                return migrationError(QStringLiteral("%1: the database is at base").arg(notProduced(rel)));
            // Deliberately refused: Alembic 1.8 warns that this is ambiguous (and will be
            // disallowed) and walks down from whichever row the database returns first.
            if (QSet<QString>(current.cbegin(), current.cend()).size() > 1)
                return migrationError(QStringLiteral("Relative downgrade %1 is ambiguous with several current heads (%2); "
                                                     "give a branch (label@%1) or a revision (REV%1)")
                                          .arg(target, current.join(QStringLiteral(", "))));
            symbol = current.first();
            branch = symbol;
        }
    }
    Result<WalkPoint> start = getRevision(branch.isEmpty() ? symbol : branch + QLatin1Char('@') + symbol);
    if (!start)
        return start.error();
    Result<WalkPoint> w = walk(*start, rel.delta, {}, assertLength, target);
    if (!w)
        return w.error();
    if (w->kind == WalkPoint::Kind::None)
        return migrationError(rel.symbol.isEmpty() ? notProduced(rel) : QStringLiteral("Relative revision %1 walked too far").arg(target));
    return DowngradeDestination{branch, *w};
}

Result<UpgradeTarget> RevisionGraph::resolveUpgradeTarget(const QString &text, const QStringList &currentHeads) const
{
    Result<UpgradeSets> sets = collectUpgrade(RangeEnd::symbol(text), RangeEnd::revisions(currentHeads), false, true, true);
    if (!sets)
        return sets.error();
    return UpgradeTarget{sets->targets};
}

Result<DowngradeTarget> RevisionGraph::resolveDowngradeTarget(const QString &text, const QStringList &currentHeads) const
{
    Result<DowngradeDestination> dest = parseDowngradeTarget(currentHeads, text, true);
    if (!dest)
        return dest.error();
    const bool toBase = !dest->target.isRevision();
    QStringList roots = toBase ? m_bases : children(dest->target.id);
    const int rootCount = toBase ? m_baseKeyCount : int(roots.size());
    if (!dest->branch.isEmpty() && rootCount > 1) {
        // Only the roots below the branch: `label@base` keeps the other lineages.
        Result<QString> branchRevision = resolveBranch(dest->branch);
        if (!branchRevision)
            return branchRevision.error();
        const QSet<QString> below = lineage({*branchRevision}, true, false);
        QStringList kept;
        for (const QString &r : std::as_const(roots))
            if (below.contains(r))
                kept.append(r);
        if (kept.isEmpty())
            return migrationError(QStringLiteral("%1 is not a valid downgrade target from current heads").arg(text));
        roots = kept;
    }
    for (const QString &h : currentHeads)
        if (!contains(h))
            return Error(ErrorKind::NotFound, QStringLiteral("Can't locate revision identified by '%1'").arg(h));
    if (!toBase && !currentHeads.contains(dest->target.id) && (descendants(roots, true) & ancestors(currentHeads, true)).isEmpty())
        return migrationError(QStringLiteral("Destination %1 is not a valid downgrade target from current head(s)").arg(text));
    return DowngradeTarget{roots};
}

Result<QStringList> RevisionGraph::upgradeTargets(const RangeEnd &upper, const RangeEnd &lower, bool assertLength) const
{
    Result<QList<WalkPoint>> parsed = upper.isText ? parseUpgradeTarget(lower.items, upper.items.value(0), assertLength)
                                                   : getRevisionsOf(upper.items);
    if (!parsed)
        return parsed.error();
    QStringList targets;
    for (const WalkPoint &p : std::as_const(*parsed)) {
        if (!p.isRevision())
            return migrationError(QStringLiteral("%1 names no revision").arg(upper.items.join(QStringLiteral(", "))));
        targets.append(p.id);
    }
    if (!lower.isText || !lower.items.value(0).contains(QLatin1Char('@')))
        return targets;
    // A named base ("label@base:heads") keeps only the targets on that branch.
    QString branch = lower.items.value(0).section(QLatin1Char('@'), 0, 0);
    Result<WalkPoint> branchRevision = getRevision(branch);
    if (!branchRevision)
        return branchRevision.error();
    if (branchRevision->isRevision() && branchRevision->id == branch) {
        if (branchLabels(branch).size() != 1)
            return migrationError(QStringLiteral("Revision %1 used as a branch must carry exactly one branch label").arg(branch));
        branch = branchLabels(branch).first();
    }
    QStringList kept;
    for (const QString &t : std::as_const(targets))
        if (branchLabels(t).contains(branch))
            kept.append(t);
    return kept;
}

Result<QStringList> RevisionGraph::lowerRevisions(const RangeEnd &upper, RangeEnd &lower, const QSet<QString> &required,
                                                  bool implicitBase, bool assertLength) const
{
    const QString rangeText = lower.items.join(QLatin1Char(',')) + QLatin1Char(':') + upper.items.join(QLatin1Char(','));
    auto notAncestor = [&] {
        return migrationError(QStringLiteral("Requested range %1 does not refer to ancestor/descendant revisions along the same branch")
                                  .arg(rangeText));
    };
    Result<QList<WalkPoint>> revs = lower.isText ? getRevisions(lower.items.value(0)) : getRevisionsOf(lower.items);
    if (!revs)
        return revs.error();
    if (!implicitBase)
        for (const WalkPoint &p : std::as_const(*revs))
            if (p.kind != WalkPoint::Kind::None && !(p.isRevision() && required.contains(p.id)))
                return notAncestor();
    if (!revs->isEmpty() && revs->first().kind == WalkPoint::Kind::None) {
        // A relative lower end that walked off the tree: read it as a downgrade target.
        if (!lower.isText)
            return notAncestor();
        Result<DowngradeDestination> d = parseDowngradeTarget(upper.items, lower.items.value(0), assertLength);
        if (!d)
            return d.error();
        if (d->target.kind == WalkPoint::Kind::None)
            return notAncestor();
        *revs = d->target.isRevision() ? QList<WalkPoint>{d->target} : QList<WalkPoint>{};
        lower = d->target.isRevision() ? RangeEnd::revisions({d->target.id}) : RangeEnd::revisions({});
    }
    QStringList ids;
    for (const WalkPoint &p : std::as_const(*revs)) {
        if (!p.isRevision())
            return notAncestor();
        ids.append(p.id);
    }
    return ids;
}

Result<RevisionGraph::UpgradeSets> RevisionGraph::collectUpgrade(const RangeEnd &upper, const RangeEnd &lowerEnd, bool inclusive,
                                                                 bool implicitBase, bool assertLength) const
{
    // Alembic's _collect_upgrade_revisions: what `upper` needs minus what `lower` has.
    Result<QStringList> targets = upgradeTargets(upper, lowerEnd, assertLength);
    if (!targets)
        return targets.error();
    if (Status s = checkOverlap(*targets, true, true); !s)
        return s.error();
    const QSet<QString> required = ancestors(*targets, true);
    RangeEnd lower = lowerEnd;
    Result<QStringList> current = lowerRevisions(upper, lower, required, implicitBase, assertLength);
    if (!current)
        return current.error();
    if (Status s = checkOverlap(*current, true, true); !s)
        return s.error();
    UpgradeSets out;
    out.targets = *targets;
    out.needs = required - ancestors(*current, true);
    if (inclusive) {
        Result<QList<WalkPoint>> low = lower.isText ? getRevisions(lower.items.value(0)) : getRevisionsOf(lower.items);
        if (!low)
            return low.error();
        for (const WalkPoint &p : std::as_const(*low)) {
            if (!p.isRevision())
                return migrationError(QStringLiteral("'%1' names no revision").arg(lower.items.join(QStringLiteral(", "))));
            out.needs.insert(p.id);
        }
    }
    if (!current->isEmpty() && !implicitBase) {
        if (Status s = checkOverlap(*current, false, false); !s)
            return s.error();
        out.needs &= lineage(*current, false, false);
    }
    return out;
}

Status RevisionGraph::checkOverlap(const QStringList &targets, bool up, bool includeDependencies) const
{
    // Alembic's check=True: no requested revision may be reached from another one.
    for (const QString &t : targets) {
        QStringList overlaps;
        const QSet<QString> reached = lineage({t}, up, includeDependencies);
        for (const QString &o : targets)
            if (o != t && reached.contains(o) && !overlaps.contains(o))
                overlaps.append(o);
        if (!overlaps.isEmpty())
            return migrationError(QStringLiteral("Requested revision %1 overlaps with other requested revisions %2")
                                      .arg(t, overlaps.join(QStringLiteral(", "))));
    }
    return {};
}

Result<QStringList> RevisionGraph::offlineStartHeads(const QString &start) const
{
    if (start == u"base")
        return QStringList();
    Result<WalkPoint> r = getRevision(start);
    if (!r)
        return r.error();
    if (!r->isRevision())
        return migrationError(QStringLiteral("Starting revision '%1' names no revision").arg(start));
    return QStringList{r->id};
}

Result<QStringList> RevisionGraph::historyRange(const RangeEnd &lower, const RangeEnd &upper) const
{
    Result<UpgradeSets> sets = collectUpgrade(upper, lower, true, false, false);
    if (!sets)
        return sets.error();
    Result<QStringList> order = topologicalSort(sets->needs, sets->targets);
    if (!order)
        return migrationError(QStringLiteral("Requested range %1:%2 does not walk down from %2 to %1 along down_revision: %3")
                                  .arg(lower.items.join(QLatin1Char(',')), upper.items.join(QLatin1Char(',')), order.error().message));
    return order;
}

QStringList RevisionGraph::historyOrder() const
{
    return historyRange(RangeEnd::symbol(QStringLiteral("base")), RangeEnd::symbol(QStringLiteral("heads"))).valueOr(m_order);
}

Result<QString> RevisionGraph::resolveRevision(const QString &text) const
{
    return revisionForIdent(text);
}

Result<QStringList> RevisionGraph::revisions(const QString &text) const
{
    Result<QList<WalkPoint>> r = getRevisions(text);
    if (!r)
        return r.error();
    QStringList out;
    for (const WalkPoint &p : std::as_const(*r)) {
        if (!p.isRevision())
            return migrationError(QStringLiteral("'%1' names the base, not a revision").arg(text));
        out.append(p.id);
    }
    return out;
}

} // namespace strata::migrate
