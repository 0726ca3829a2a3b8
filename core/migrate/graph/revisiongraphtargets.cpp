// Target resolution of RevisionGraph: symbols, partial ids, labels and relative steps.

#include "revisiongraph.h"

#include <QRegularExpression>

namespace strata::migrate {

namespace {

Error migrationError(const QString &message)
{
    return Error(ErrorKind::Migration, message);
}

struct Relative {
    QString branch;   ///< before '@', or empty
    QString symbol;   ///< between '@' and the sign, or empty
    int delta = 0;    ///< signed step count; 0 when the text is not relative
};

Relative parseRelative(const QString &text)
{
    Relative r;
    QString rest = text;
    const int at = text.lastIndexOf(QLatin1Char('@'));
    if (at >= 0) {
        r.branch = text.left(at);
        rest = text.mid(at + 1);
    }
    static const QRegularExpression re(QStringLiteral("^([^+\\-]*)([+\\-])(\\d+)$"));
    const auto m = re.match(rest);
    if (!m.hasMatch()) {
        r.symbol = rest;
        return r;
    }
    r.symbol = m.captured(1);
    r.delta = m.captured(3).toInt() * (m.captured(2) == u"-" ? -1 : 1);
    return r;
}

QString quotedList(const QStringList &ids)
{
    QStringList q;
    for (const QString &id : ids)
        q.append(QLatin1Char('\'') + id + QLatin1Char('\''));
    return q.join(QStringLiteral(", "));
}

} // namespace

Result<QString> RevisionGraph::resolveRevision(const QString &text) const
{
    if (m_nodes.contains(text))
        return text;
    if (m_labelOwner.contains(text))
        return m_labelOwner.value(text);
    if (text.size() < 4)
        return Error(ErrorKind::NotFound,
                     QStringLiteral("No such revision or branch '%1'; please ensure at least four characters are "
                                    "present for partial revision identifier matches").arg(text));
    QStringList candidates;
    for (auto it = m_nodes.cbegin(); it != m_nodes.cend(); ++it)
        if (it.key().startsWith(text))
            candidates.append(it.key());
    std::sort(candidates.begin(), candidates.end());
    if (candidates.isEmpty())
        return Error(ErrorKind::NotFound, QStringLiteral("Can't locate revision identified by '%1'").arg(text));
    if (candidates.size() > 1)
        return migrationError(QStringLiteral("Multiple revisions start with '%1': %2").arg(text, quotedList(candidates)));
    return candidates.first();
}

Result<QString> RevisionGraph::headOfLineage(const QString &from, const QString &what) const
{
    QStringList found;
    for (const QString &h : m_heads)
        if (sharesLineage(h, from))
            found.append(h);
    if (found.size() != 1)
        return migrationError(QStringLiteral("'%1' matches %2 heads (%3); give a specific revision")
                                  .arg(what).arg(found.size()).arg(found.join(QStringLiteral(", "))));
    return found.first();
}

Result<QStringList> RevisionGraph::resolveSymbol(const QString &text, const QStringList &currentHeads) const
{
    if (text == u"base")
        return QStringList();
    if (text == u"heads")
        return m_heads;
    if (text == u"current")
        return currentHeads;
    if (text == u"head") {
        if (m_heads.size() > 1)
            return migrationError(QStringLiteral(
                "Multiple head revisions are present for given argument 'head'; please specify a specific target "
                "revision, '<branchname>@head' to narrow to a specific head, or 'heads' for all heads"));
        return m_heads;
    }
    const int at = text.indexOf(QLatin1Char('@'));
    if (at >= 0) {
        const QString branch = text.left(at);
        const QString rest = text.mid(at + 1);
        Result<QString> owner = resolveRevision(branch);
        if (!owner)
            return owner.error();
        if (rest == u"head") {
            Result<QString> h = headOfLineage(*owner, text);
            if (!h)
                return h.error();
            return QStringList{*h};
        }
        Result<QString> rev = resolveRevision(rest);
        if (!rev)
            return rev.error();
        if (!sharesLineage(*rev, *owner))
            return migrationError(QStringLiteral("Revision %1 is not a member of branch '%2'").arg(*rev, branch));
        return QStringList{*rev};
    }
    Result<QString> rev = resolveRevision(text);
    if (!rev)
        return rev.error();
    return QStringList{*rev};
}

Result<QString> RevisionGraph::currentOnBranch(const QString &branch, const QStringList &currentHeads) const
{
    Result<QString> owner = resolveRevision(branch);
    if (!owner)
        return owner.error();
    QStringList found;
    for (const QString &h : currentHeads)
        if (contains(h) && sharesLineage(h, *owner))
            found.append(h);
    if (found.isEmpty())
        return migrationError(QStringLiteral("Branch '%1' is not current: no current head is on it (current: %2)")
                                  .arg(branch, currentHeads.isEmpty() ? QStringLiteral("none") : currentHeads.join(QStringLiteral(", "))));
    if (found.size() > 1)
        return migrationError(QStringLiteral("Branch '%1' has several current heads (%2); give a revision")
                                  .arg(branch, found.join(QStringLiteral(", "))));
    return found.first();
}

Result<QString> RevisionGraph::relativeStep(const QString &start, int steps, const QString &what) const
{
    // Walks `steps` edges from `start` ("" is the base): up through the unique child,
    // down through the unique parent. Returns "" when a downward walk ends at the base.
    QString current = start;
    for (int i = 0; i < qAbs(steps); ++i) {
        if (steps > 0) {
            const QStringList next = current.isEmpty() ? m_bases : children(current);
            if (next.isEmpty())
                return migrationError(QStringLiteral("Relative revision %1 didn't produce %2 migrations").arg(what).arg(steps));
            if (next.size() > 1)
                return migrationError(QStringLiteral("Relative revision %1 is ambiguous: %2 has several next revisions (%3); "
                                                     "give a revision or a branch label (label@+N)")
                                          .arg(what, current.isEmpty() ? QStringLiteral("<base>") : current, next.join(QStringLiteral(", "))));
            current = next.first();
        } else {
            if (current.isEmpty())
                return migrationError(QStringLiteral("Relative revision %1 didn't produce %2 migrations").arg(what).arg(-steps));
            const QStringList down = node(current).downRevisions;
            if (down.size() > 1)
                return migrationError(QStringLiteral("Relative revision %1 is ambiguous: %2 is a merge point of %3; give a revision")
                                          .arg(what, current, down.join(QStringLiteral(", "))));
            current = down.value(0);
        }
    }
    return current;
}

Result<UpgradeTarget> RevisionGraph::resolveUpgradeTarget(const QString &text, const QStringList &currentHeads) const
{
    const Relative rel = parseRelative(text);
    if (rel.delta == 0) {
        Result<QStringList> revs = resolveSymbol(text, currentHeads);
        if (!revs)
            return revs.error();
        return UpgradeTarget{*revs};
    }
    QString start;
    if (!rel.symbol.isEmpty()) {
        Result<QStringList> s = rel.branch.isEmpty() ? resolveSymbol(rel.symbol, currentHeads)
                                                     : resolveSymbol(rel.branch + QLatin1Char('@') + rel.symbol, currentHeads);
        if (!s)
            return s.error();
        if (s->size() > 1)
            return migrationError(QStringLiteral("Relative revision %1 is ambiguous: '%2' is several revisions").arg(text, rel.symbol));
        start = s->value(0);
    } else if (!rel.branch.isEmpty()) {
        Result<QString> c = currentOnBranch(rel.branch, currentHeads);
        if (!c)
            return c.error();
        start = *c;
    } else {
        if (rel.delta < 0)
            return migrationError(QStringLiteral("Upgrade target %1 is below the current revision; use downgrade").arg(text));
        if (currentHeads.size() > 1)
            return migrationError(QStringLiteral("Relative revision %1 is ambiguous with several current heads (%2); "
                                                 "give a branch (label@%1) or a revision")
                                      .arg(text, currentHeads.join(QStringLiteral(", "))));
        start = currentHeads.value(0);
    }
    Result<QString> target = relativeStep(start, rel.delta, text);
    if (!target)
        return target.error();
    return UpgradeTarget{target->isEmpty() ? QStringList() : QStringList{*target}};
}

Result<DowngradeTarget> RevisionGraph::resolveDowngradeTarget(const QString &text, const QStringList &currentHeads) const
{
    const QSet<QString> applied = ancestors(currentHeads, true);
    const Relative rel = parseRelative(text);
    if (text == u"base")
        return DowngradeTarget{m_bases};
    if (rel.delta == 0 && rel.symbol == u"base" && !rel.branch.isEmpty()) {
        Result<QString> owner = resolveRevision(rel.branch);
        if (!owner)
            return owner.error();
        QStringList roots;
        for (const QString &id : m_order) {
            const QStringList labels = branchLabels(id);
            if (!labels.contains(rel.branch))
                continue;
            bool first = true;
            for (const QString &p : node(id).downRevisions)
                first = first && !branchLabels(p).contains(rel.branch);
            if (first)
                roots.append(id);
        }
        if (roots.isEmpty())
            roots.append(*owner);
        return DowngradeTarget{roots};
    }
    if (rel.delta == 0) {
        Result<QStringList> revs = resolveSymbol(text, currentHeads);
        if (!revs)
            return revs.error();
        QStringList roots;
        for (const QString &r : std::as_const(*revs)) {
            if (!applied.contains(r))
                return migrationError(QStringLiteral("Destination %1 is not a valid downgrade target from current head(s)").arg(r));
            roots += children(r) + dependents(r);
        }
        return DowngradeTarget{roots};
    }
    if (rel.delta > 0)
        return migrationError(QStringLiteral("Downgrade target %1 is above the current revision; use upgrade").arg(text));
    QString start;
    if (!rel.symbol.isEmpty()) {
        Result<QStringList> s = resolveSymbol(rel.branch.isEmpty() ? rel.symbol : rel.branch + QLatin1Char('@') + rel.symbol, currentHeads);
        if (!s)
            return s.error();
        if (s->size() != 1)
            return migrationError(QStringLiteral("Relative revision %1 needs exactly one starting revision").arg(text));
        start = s->first();
        Result<QString> target = relativeStep(start, rel.delta, text);
        if (!target)
            return target.error();
        if (!target->isEmpty()) {
            if (!applied.contains(*target))
                return migrationError(QStringLiteral("Destination %1 is not a valid downgrade target from current head(s)").arg(*target));
            return DowngradeTarget{children(*target) + dependents(*target)};
        }
        // Down to the base of start's branch: remove the base revision reached.
        Result<QString> lowest = relativeStep(start, rel.delta + 1, text);
        if (!lowest)
            return lowest.error();
        return DowngradeTarget{{*lowest}};
    }
    if (!rel.branch.isEmpty()) {
        Result<QString> c = currentOnBranch(rel.branch, currentHeads);
        if (!c)
            return c.error();
        start = *c;
    } else {
        if (currentHeads.size() > 1)
            return migrationError(QStringLiteral("Relative downgrade %1 is ambiguous with several current heads (%2); "
                                                 "give a branch (label@%1) or a revision")
                                      .arg(text, currentHeads.join(QStringLiteral(", "))));
        if (currentHeads.isEmpty())
            return migrationError(QStringLiteral("Relative revision %1 didn't produce %2 migrations: the database is at base")
                                      .arg(text).arg(-rel.delta));
        start = currentHeads.first();
    }
    // Remove exactly the revisions walked down from the current head.
    Result<QString> lowest = relativeStep(start, rel.delta + 1, text);
    if (!lowest)
        return lowest.error();
    if (lowest->isEmpty())
        return migrationError(QStringLiteral("Relative revision %1 didn't produce %2 migrations").arg(text).arg(-rel.delta));
    return DowngradeTarget{{*lowest}};
}

Result<QStringList> RevisionGraph::resolveRangeEnd(const QString &text, const QStringList &currentHeads) const
{
    const Relative rel = parseRelative(text);
    if (rel.delta == 0)
        return resolveSymbol(text, currentHeads);
    QString start;
    if (!rel.symbol.isEmpty() || !rel.branch.isEmpty()) {
        Result<QStringList> s = rel.symbol.isEmpty() ? Result<QStringList>(QStringList{currentOnBranch(rel.branch, currentHeads).valueOr(QString())})
                                                     : resolveSymbol(rel.branch.isEmpty() ? rel.symbol : rel.branch + QLatin1Char('@') + rel.symbol, currentHeads);
        if (!s)
            return s.error();
        if (s->size() != 1 || s->first().isEmpty())
            return migrationError(QStringLiteral("Relative revision %1 needs exactly one starting revision").arg(text));
        start = s->first();
    } else {
        if (currentHeads.size() > 1)
            return migrationError(QStringLiteral("Relative revision %1 is ambiguous with several current heads (%2)")
                                      .arg(text, currentHeads.join(QStringLiteral(", "))));
        start = currentHeads.value(0);
    }
    Result<QString> r = relativeStep(start, rel.delta, text);
    if (!r)
        return r.error();
    return r->isEmpty() ? QStringList() : QStringList{*r};
}

} // namespace strata::migrate
