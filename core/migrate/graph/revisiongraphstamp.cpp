// `stamp` of RevisionGraph: Alembic's ScriptDirectory._stamp_revs and the HeadMaintainer
// moves of its StampSteps, step by step, including the combinations Alembic refuses.

#include "revisiongraph.h"

namespace strata::migrate {

namespace {

Error stampError(const QString &message)
{
    return Error(ErrorKind::Migration, message);
}

using StampMove = RevisionGraph::StampMove;

Status removeRow(QSet<QString> &rows, const QString &id)
{
    if (!rows.remove(id))
        return stampError(QStringLiteral("Stamp would move the version row %1, which another target of the same stamp "
                                         "already moved; stamp the targets one at a time").arg(id));
    return {};
}

Status apply(QSet<QString> &rows, const StampMove &m)
{
    // HeadMaintainer.update_to_step for a StampStep.
    const bool fromMissing = !QSet<QString>(m.from.cbegin(), m.from.cend()).subtract(rows).isEmpty();
    if (!m.upgrade && m.branchMove)
        return m.from.size() == 1 ? removeRow(rows, m.from.first()) : stampError(QStringLiteral("Stamp cannot delete several rows at once"));
    if (m.upgrade && (m.branchMove || fromMissing) && !m.to.isEmpty() && !rows.contains(m.to)) {
        rows.insert(m.to);
        return {};
    }
    if (m.to.isEmpty() || (m.from.size() != 1 && m.from.size() < 2))
        return stampError(QStringLiteral("Stamp target %1 is already in the version table").arg(m.to));
    if (rows.contains(m.to))
        return stampError(QStringLiteral("Stamp target %1 is already in the version table").arg(m.to));
    for (const QString &f : m.from)
        if (Status s = removeRow(rows, f); !s)
            return s;
    rows.insert(m.to);
    return {};
}

} // namespace

Result<QList<RevisionGraph::StampMove>> RevisionGraph::stampMoves(const QString &dest, const QStringList &moving) const
{
    // The StampSteps of one destination (empty: the base) from the current heads `moving`.
    if (dest.isEmpty()) {
        QList<StampMove> moves;
        for (const QString &h : moving)
            moves.append(StampMove{{h}, {}, false, true});
        return moves;
    }
    if (moving.contains(dest))
        return QList<StampMove>();
    const QSet<QString> above = lineage({dest}, false, true);
    const QSet<QString> below = lineage({dest}, true, true);
    const QSet<QString> movingSet(moving.cbegin(), moving.cend());
    // Deliberately only the heads on this target's lineage move to it: Alembic moves the
    // heads of every target's lineage, so `stamp A2 B1` from A1, B1 forgets B1.
    QStringList from;
    for (const QString &h : moving)
        if (above.contains(h) || below.contains(h))
            from.append(h);
    if (above.intersects(movingSet)) {
        if (below.intersects(movingSet))
            return stampError(QStringLiteral("Stamp target %1 is both above and below the current heads %2")
                                  .arg(dest, moving.join(QStringLiteral(", "))));
        return QList<StampMove>{StampMove{from, dest, false, false}};
    }
    if (below.intersects(movingSet))
        return QList<StampMove>{StampMove{from, dest, true, false}};
    return QList<StampMove>{StampMove{{}, dest, true, true}};
}

Result<QStringList> RevisionGraph::stampHeads(const QStringList &currentHeads, const QStringList &targets, bool purge) const
{
    const QStringList heads = purge ? QStringList() : currentHeads;
    for (const QString &h : heads)
        if (!contains(h))
            return Error(ErrorKind::NotFound, QStringLiteral("Can't locate revision identified by '%1': the database names a "
                                                             "revision that is not in the script directory; use --purge").arg(h));
    const QStringList revs = targets.isEmpty() ? QStringList{QStringLiteral("base")} : targets;
    // The current heads each target's lineage (with dependencies) reaches.
    QStringList moving;
    for (const QString &rev : revs) {
        if (rev.isEmpty())
            continue;
        Result<QStringList> onLineage = filterForLineage(heads, rev, true);
        if (!onLineage)
            return onLineage.error();
        for (const QString &h : std::as_const(*onLineage))
            if (!moving.contains(h))
                moving.append(h);
    }
    Result<QList<WalkPoint>> dests = getRevisionsOf(revs);
    if (!dests)
        return dests.error();
    if (dests->isEmpty())
        dests->append(WalkPoint::none());
    QSet<QString> rows(heads.cbegin(), heads.cend());
    for (const WalkPoint &dest : std::as_const(*dests)) {
        if (dest.kind == WalkPoint::Kind::Base)
            return stampError(QStringLiteral("Stamp targets %1 walk below the base").arg(revs.join(QStringLiteral(" "))));
        Result<QList<StampMove>> moves = stampMoves(dest.isRevision() ? dest.id : QString(), moving);
        if (!moves)
            return moves.error();
        for (const StampMove &m : std::as_const(*moves))
            if (Status s = apply(rows, m); !s)
                return s.error();
    }
    // Deliberately never a revision together with its ancestor: Alembic 1.8 writes both rows
    // (e.g. `stamp A B` from an empty table, A below B), which its own upgrade then refuses.
    return filterHeads(rows);
}

} // namespace strata::migrate
