// Symbols, identifiers, lineage and walks of RevisionGraph: Alembic's RevisionMap
// _resolve_revision_number, get_revisions, get_revision, _revision_for_ident,
// _resolve_branch, filter_for_lineage, _shares_lineage and _walk, step by step.

#include "revisiongraph.h"

#include <QRegularExpression>

namespace strata::migrate {

namespace {

Error migrationError(const QString &message)
{
    return Error(ErrorKind::Migration, message);
}

QString quotedList(const QStringList &ids)
{
    QStringList q;
    for (const QString &id : ids)
        q.append(QLatin1Char('\'') + id + QLatin1Char('\''));
    return q.join(QStringLiteral(", "));
}

/// Python's int() on a revision symbol: an optional sign and decimal digits.
bool parseInteger(const QString &text, qint64 &value)
{
    static const QRegularExpression re(QStringLiteral("^\\s*[+\\-]?\\d+\\s*$"));
    if (!re.match(text).hasMatch())
        return false;
    bool ok = false;
    value = text.trimmed().toLongLong(&ok);
    return ok;
}

} // namespace

QString RevisionGraph::lookupKey(const QString &key) const
{
    if (m_nodes.contains(key))
        return key;
    return m_labelOwner.value(key);
}

Result<RevisionGraph::Symbol> RevisionGraph::resolveRevisionNumber(const QString &text) const
{
    Symbol s;
    QString id = text;
    const qsizetype at = text.indexOf(QLatin1Char('@'));
    if (at >= 0) {
        s.hasBranch = true;
        s.branch = text.left(at);
        id = text.mid(at + 1);
    }
    if (id == u"heads") {
        if (s.branch.isEmpty()) {
            s.ids = m_realHeads;
            return s;
        }
        Result<QStringList> onBranch = filterForLineage(m_heads, s.branch);
        if (!onBranch)
            return onBranch.error();
        s.ids = *onBranch;
    } else if (id == u"head") {
        Result<QString> head = currentHead(s.branch);
        if (!head)
            return head.error();
        if (!head->isEmpty())
            s.ids = {*head};
    } else if (id != u"base") {
        s.ids = {id};
    }
    return s;
}

Result<QString> RevisionGraph::currentHead(const QString &branch) const
{
    QStringList heads = m_heads;
    if (!branch.isEmpty()) {
        Result<QStringList> onBranch = filterForLineage(heads, branch);
        if (!onBranch)
            return onBranch.error();
        heads = *onBranch;
    }
    if (heads.size() > 1) {
        const QString argument = branch.isEmpty() ? QStringLiteral("head") : branch + QStringLiteral("@head");
        return migrationError(QStringLiteral("Multiple head revisions are present for given argument '%1' (%2); please specify "
                                             "a specific target revision, '<branchname>@head' to narrow to a specific head, "
                                             "or 'heads' for all heads")
                                  .arg(argument, heads.join(QStringLiteral(", "))));
    }
    return heads.value(0);
}

Result<QList<RevisionGraph::WalkPoint>> RevisionGraph::getRevisionsOf(const QStringList &texts) const
{
    QList<WalkPoint> out;
    for (const QString &t : texts) {
        Result<QList<WalkPoint>> r = getRevisions(t);
        if (!r)
            return r.error();
        out += *r;
    }
    return out;
}

Result<QList<RevisionGraph::WalkPoint>> RevisionGraph::getRevisions(const QString &text) const
{
    Result<Symbol> s = resolveRevisionNumber(text);
    if (!s)
        return s.error();
    QList<WalkPoint> out;
    qint64 steps = 0;
    if (s->ids.size() == 1 && parseInteger(s->ids.first(), steps) && steps < 0) {
        // "branch@-n": walk down from each head carrying the branch's label.
        for (const QString &head : m_realHeads) {
            if (s->hasBranch && !branchLabels(head).contains(s->branch))
                continue;
            Result<WalkPoint> w = walk(WalkPoint::revision(head), steps, {}, true, text);
            if (!w)
                return w.error();
            out.append(*w);
        }
        return out;
    }
    for (const QString &id : std::as_const(s->ids)) {
        Result<QString> r = revisionForIdent(id, s->branch);
        if (!r)
            return r.error();
        out.append(WalkPoint::revision(*r));
    }
    return out;
}

Result<RevisionGraph::WalkPoint> RevisionGraph::getRevision(const QString &text) const
{
    Result<Symbol> s = resolveRevisionNumber(text);
    if (!s)
        return s.error();
    if (s->ids.size() > 1)
        return migrationError(QStringLiteral("Multiple head revisions are present for given argument '%1' (%2); please specify "
                                             "a specific target revision, '<branchname>@%1' to narrow to a specific head, or "
                                             "'heads' for all heads")
                                  .arg(text, s->ids.join(QStringLiteral(", "))));
    if (s->ids.isEmpty()) {
        if (!s->branch.isEmpty()) {
            Result<QString> b = resolveBranch(s->branch);
            if (!b)
                return b.error();
        }
        return WalkPoint::none();
    }
    Result<QString> r = revisionForIdent(s->ids.first(), s->branch);
    if (!r)
        return r.error();
    return WalkPoint::revision(*r);
}

Result<QString> RevisionGraph::resolveBranch(const QString &label) const
{
    const QString exact = lookupKey(label);
    if (!exact.isEmpty())
        return exact;
    Result<QString> r = revisionForIdent(label);
    if (!r)
        return Error(ErrorKind::NotFound, QStringLiteral("No such branch: '%1'").arg(label));
    return r;
}

Result<QString> RevisionGraph::revisionForIdent(const QString &ident, const QString &checkBranch) const
{
    QString branchRevision;
    if (!checkBranch.isEmpty()) {
        Result<QString> b = resolveBranch(checkBranch);
        if (!b)
            return b.error();
        branchRevision = *b;
    }
    QString revision = lookupKey(ident);
    if (revision.isEmpty()) {
        if (ident.isEmpty())
            return Error(ErrorKind::NotFound, QStringLiteral("An empty revision identifier names no revision"));
        // A prefix of any length matches ids and labels longer than three characters.
        QStringList candidates;
        for (const QString &key : m_keys)
            if (key.size() > 3 && key.startsWith(ident))
                candidates.append(key);
        if (!branchRevision.isEmpty()) {
            Result<QStringList> onBranch = filterForLineage(candidates, checkBranch);
            if (!onBranch)
                return onBranch.error();
            candidates = *onBranch;
        }
        if (candidates.isEmpty())
            return Error(ErrorKind::NotFound, QStringLiteral("Can't locate revision identified by '%1'").arg(ident));
        if (candidates.size() > 1) {
            // Deliberately every candidate (Alembic shows the first three and "...").
            std::sort(candidates.begin(), candidates.end());
            return migrationError(QStringLiteral("Multiple revisions start with '%1': %2").arg(ident, quotedList(candidates)));
        }
        revision = lookupKey(candidates.first());
    }
    if (!checkBranch.isEmpty()) {
        Result<bool> shares = sharesLineage(revision, {branchRevision}, false);
        if (!shares)
            return shares.error();
        if (!*shares)
            return migrationError(QStringLiteral("Revision %1 is not a member of branch '%2'").arg(revision, checkBranch));
    }
    return revision;
}

Result<QStringList> RevisionGraph::filterForLineage(const QStringList &targets, const QString &checkAgainst,
                                                    bool includeDependencies) const
{
    Result<Symbol> s = resolveRevisionNumber(checkAgainst);
    if (!s)
        return s.error();
    QStringList shares;
    if (!s->branch.isEmpty())
        shares.append(s->branch);
    shares += s->ids;
    QStringList out;
    for (const QString &t : targets) {
        Result<bool> r = sharesLineage(t, shares, includeDependencies);
        if (!r)
            return r.error();
        if (*r)
            out.append(t);
    }
    return out;
}

Result<bool> RevisionGraph::sharesLineage(const QString &target, const QStringList &against, bool includeDependencies) const
{
    if (against.isEmpty())
        return true;
    Result<QString> t = revisionForIdent(target);
    if (!t)
        return t.error();
    const QSet<QString> related = lineage({*t}, true, includeDependencies) | lineage({*t}, false, includeDependencies);
    bool found = false;
    for (const QString &a : against) {
        Result<QString> r = revisionForIdent(a);
        if (!r)
            return r.error();
        found = found || related.contains(*r);
    }
    return found;
}

Result<RevisionGraph::WalkPoint> RevisionGraph::walk(WalkPoint start, qint64 steps, const QString &branch, bool noOverwalk,
                                                     const QString &what) const
{
    WalkPoint at = start;
    for (qint64 i = 0; i < qAbs(steps); ++i) {
        QStringList next;
        if (steps > 0) {
            if (at.kind == WalkPoint::Kind::Base)
                return migrationError(QStringLiteral("Relative revision %1: cannot walk up from the base").arg(what));
            next = at.kind == WalkPoint::Kind::None ? m_bases : children(at.id);
            if (!branch.isEmpty()) {
                Result<QStringList> onBranch = filterForLineage(next, branch);
                if (!onBranch)
                    return onBranch.error();
                next = *onBranch;
            }
        } else if (at.kind != WalkPoint::Kind::Base) {
            next = at.kind == WalkPoint::Kind::None ? m_heads : node(at.id).downRevisions;
            if (next.isEmpty()) {
                at = WalkPoint::base();
                continue;
            }
        }
        if (next.isEmpty())
            return noOverwalk ? WalkPoint::none() : at;
        if (next.size() > 1)
            return migrationError(ambiguousWalkMessage(at, steps > 0, next, what));
        at = WalkPoint::revision(next.first());
    }
    return at;
}

QString RevisionGraph::ambiguousWalkMessage(const WalkPoint &at, bool up, const QStringList &choices, const QString &what) const
{
    // Alembic only says "Ambiguous walk"; Strata names the ways to say what is meant.
    const QString list = choices.join(QStringLiteral(", "));
    if (up)
        return QStringLiteral("Ambiguous walk: relative revision %1 reaches %2, which has several next revisions (%3); "
                              "give one of them, or a branch label (label@+N)")
            .arg(what, at.isRevision() ? at.id : QStringLiteral("the base"), list);
    if (!at.isRevision())
        return QStringLiteral("Ambiguous walk: relative revision %1 starts from several heads (%2); give a branch label "
                              "(label@-N) or a revision").arg(what, list);
    // Walking down from a merge point: one parent's branch, or both down to where they split.
    QSet<QString> common = lineage({choices.first()}, true, false);
    for (const QString &c : choices)
        common &= lineage({c}, true, false);
    const QStringList splits = filterHeads(common);
    const QString both = splits.isEmpty() ? QStringLiteral("downgrade base")
                                          : QStringLiteral("downgrade %1").arg(splits.join(QStringLiteral(" ")));
    QStringList one;
    for (const QString &c : choices)
        one.append(QStringLiteral("downgrade %1").arg(c));
    return QStringLiteral("Ambiguous walk: relative revision %1 reaches %2, which merges %3; say `%4` to step back over "
                          "the merge only (both branches stay), or `%5` to go down both branches to where they split")
        .arg(what, at.id, list, one.join(QStringLiteral("` or `")), both);
}

} // namespace strata::migrate
