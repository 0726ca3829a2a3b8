#include "revisiongraph.h"

#include <algorithm>

namespace strata::migrate {

namespace {

Error migrationError(const QString &message)
{
    return Error(ErrorKind::Migration, message);
}

} // namespace

const RevisionNode &RevisionGraph::node(const QString &id) const
{
    static const RevisionNode empty;
    const auto it = m_nodes.constFind(id);
    return it == m_nodes.constEnd() ? empty : *it;
}

QString RevisionGraph::where(const QString &id, int line) const
{
    const RevisionNode &n = node(id);
    if (n.file.isEmpty())
        return QStringLiteral("revision %1").arg(id);
    return QStringLiteral("%1:%2").arg(n.file).arg(line > 0 ? line : n.line);
}

Result<RevisionGraph> RevisionGraph::build(const QList<RevisionNode> &nodes)
{
    RevisionGraph g;
    for (const RevisionNode &n : nodes) {
        if (g.m_nodes.contains(n.id)) {
            const RevisionNode &first = g.m_nodes[n.id];
            const QString here = n.file.isEmpty() ? QStringLiteral("revision %1").arg(n.id)
                                                  : QStringLiteral("%1:%2").arg(n.file).arg(n.line);
            return migrationError(QStringLiteral("%1: duplicate revision id '%2' (also in %3:%4)")
                                      .arg(here, n.id, first.file).arg(first.line));
        }
        g.m_nodes.insert(n.id, n);
    }
    for (const RevisionNode &n : nodes) {
        for (const QString &label : n.branchLabels) {
            if (g.m_labelOwner.contains(label))
                return migrationError(QStringLiteral("%1: branch label '%2' is already used by revision %3")
                                          .arg(g.where(n.id, n.branchLabelsLine), label, g.m_labelOwner[label]));
            if (g.m_nodes.contains(label))
                return migrationError(QStringLiteral("%1: branch label '%2' is also a revision id")
                                          .arg(g.where(n.id, n.branchLabelsLine), label));
            g.m_labelOwner.insert(label, n.id);
        }
    }
    for (const RevisionNode &n : nodes) {
        for (const QString &down : n.downRevisions) {
            if (!g.m_nodes.contains(down))
                return migrationError(QStringLiteral("%1: down_revision '%2' of revision %3 is not a known revision")
                                          .arg(g.where(n.id, n.downRevisionLine), down, n.id));
            if (down == n.id)
                return migrationError(QStringLiteral("%1: revision %2 names itself as its down_revision")
                                          .arg(g.where(n.id, n.downRevisionLine), n.id));
            g.m_children[down].append(n.id);
        }
        for (const QString &dep : n.dependsOn) {
            const QString target = g.m_nodes.contains(dep) ? dep : g.m_labelOwner.value(dep);
            if (target.isEmpty())
                return migrationError(QStringLiteral("%1: depends_on '%2' of revision %3 is not a known revision or branch label")
                                          .arg(g.where(n.id, n.dependsOnLine), dep, n.id));
            g.m_dependencies[n.id].append(target);
            g.m_dependents[target].append(n.id);
        }
    }
    if (Status s = checkCycles(g.m_nodes, g.m_dependencies); !s)
        return s.error();
    g.computeOrder();
    g.computeAlembicSets(nodes);
    g.propagateLabels();
    return g;
}

void RevisionGraph::computeAlembicSets(const QList<RevisionNode> &nodes)
{
    // Alembic keeps its revision map in load order; heads, bases and prefix matches follow it.
    for (const RevisionNode &n : nodes) {
        m_loadIndex.insert(n.id, int(m_loadIndex.size()));
        m_keys.append(n.id);
        if (children(n.id).isEmpty())
            m_heads.append(n.id);
        if (children(n.id).isEmpty() && dependents(n.id).isEmpty())
            m_realHeads.append(n.id);
        if (n.downRevisions.isEmpty()) {
            m_bases.append(n.id);
            m_baseKeyCount += 1 + int(n.branchLabels.size());
        }
    }
    for (const RevisionNode &n : nodes)
        m_keys += n.branchLabels;
    for (const RevisionNode &n : nodes) {
        // _normalize_depends_on: drop the dependencies an ancestor (down_revision edges)
        // already has; what is left joins the down_revisions as the edges a step moves along.
        QStringList deps = m_dependencies.value(n.id);
        for (const QString &a : lineage({n.id}, true, false))
            if (a != n.id)
                for (const QString &d : m_dependencies.value(a))
                    deps.removeAll(d);
        m_hasNormalizedDependencies.insert(n.id, !deps.isEmpty());
        QStringList down = n.downRevisions;
        for (const QString &d : std::as_const(deps))
            if (!down.contains(d))
                down.append(d);
        m_normalizedDown.insert(n.id, down);
    }
}

Status RevisionGraph::checkCycles(const QHash<QString, RevisionNode> &nodes, const QHash<QString, QStringList> &deps)
{
    // Iterative DFS with colours; the grey path is the cycle when a grey node is met again.
    QHash<QString, int> colour; // 0 white, 1 grey, 2 black
    QStringList ids = nodes.keys();
    std::sort(ids.begin(), ids.end());
    for (const QString &start : std::as_const(ids)) {
        if (colour.value(start) != 0)
            continue;
        QList<QPair<QString, int>> stack{{start, 0}};
        colour[start] = 1;
        while (!stack.isEmpty()) {
            auto &[id, next] = stack.last();
            const QStringList parents = nodes[id].downRevisions + deps.value(id);
            if (next >= parents.size()) {
                colour[id] = 2;
                stack.removeLast();
                continue;
            }
            const QString p = parents[next++];
            if (colour.value(p) == 1) {
                QStringList cycle;
                int i = int(stack.size()) - 1;
                while (i >= 0 && stack[i].first != p)
                    cycle.prepend(stack[i--].first);
                cycle.prepend(p);
                cycle.append(p);
                const RevisionNode &n = nodes[p];
                const QString loc = n.file.isEmpty() ? QStringLiteral("revision %1").arg(p)
                                                     : QStringLiteral("%1:%2").arg(n.file).arg(n.downRevisionLine);
                return Error(ErrorKind::Migration,
                             QStringLiteral("%1: cycle in the revision graph: %2").arg(loc, cycle.join(QStringLiteral(" -> "))));
            }
            if (colour.value(p) == 0) {
                colour[p] = 1;
                stack.append({p, 0});
            }
        }
    }
    return {};
}

QStringList RevisionGraph::parentsAll(const QString &id) const
{
    QStringList all = node(id).downRevisions;
    for (const QString &d : m_dependencies.value(id))
        if (!all.contains(d))
            all.append(d);
    return all;
}

void RevisionGraph::computeOrder()
{
    // Kahn's algorithm from the heads down with a stack, so that one branch is walked to
    // its branch point before the next one starts (Alembic's history reads that way).
    QHash<QString, int> remaining;
    QStringList start;
    for (auto it = m_nodes.cbegin(); it != m_nodes.cend(); ++it) {
        const int n = int(m_children.value(it.key()).size() + m_dependents.value(it.key()).size());
        remaining.insert(it.key(), n);
        if (n == 0)
            start.append(it.key());
    }
    std::sort(start.begin(), start.end(), std::greater<QString>());
    QStringList stack = start;
    while (!stack.isEmpty()) {
        const QString id = stack.takeLast();
        m_position.insert(id, int(m_order.size()));
        m_order.append(id);
        const QStringList parents = parentsAll(id);
        for (auto it = parents.crbegin(); it != parents.crend(); ++it) {
            if (--remaining[*it] == 0)
                stack.append(*it);
        }
    }
    auto byOrder = [this](const QString &a, const QString &b) { return m_position[a] < m_position[b]; };
    for (auto it = m_children.begin(); it != m_children.end(); ++it)
        std::sort(it->begin(), it->end(), byOrder);
}

void RevisionGraph::propagateLabels()
{
    // As Alembic's RevisionMap._add_branches: a label covers the revision that declares it
    // and all its descendants; Alembic then walks down from the last descendant it visited,
    // labelling until a branch point (counting depends_on) or a merge point. So the label
    // reaches below its revision only when the chain above it is plain, and then down to
    // the nearest branch or merge point.
    auto stops = [this](const QString &id) {
        const QStringList next = allChildren(id);
        return QSet<QString>(next.cbegin(), next.cend()).size() > 1 || isMergePoint(id);
    };
    for (auto it = m_labelOwner.cbegin(); it != m_labelOwner.cend(); ++it) {
        const QString &label = it.key();
        for (const QString &d : lineage({it.value()}, false, false))
            if (!m_labels[d].contains(label))
                m_labels[d].append(label);
        bool plain = true;
        for (QString x = it.value(); !x.isEmpty(); x = children(x).value(0)) {
            if (stops(x)) {
                plain = false;
                break;
            }
        }
        for (QString p = plain ? node(it.value()).downRevisions.value(0) : QString(); !p.isEmpty() && !stops(p);
             p = node(p).downRevisions.value(0)) {
            if (!m_labels[p].contains(label))
                m_labels[p].append(label);
        }
    }
    for (auto it = m_labels.begin(); it != m_labels.end(); ++it) {
        const QStringList declared = node(it.key()).branchLabels;
        QStringList rest;
        for (const QString &l : std::as_const(*it))
            if (!declared.contains(l) && !rest.contains(l))
                rest.append(l);
        std::sort(rest.begin(), rest.end());
        *it = declared + rest;
    }
}

QSet<QString> RevisionGraph::ancestors(const QStringList &ids, bool inclusive) const
{
    QSet<QString> seen;
    QStringList todo;
    for (const QString &id : ids) {
        if (inclusive)
            seen.insert(id);
        todo += parentsAll(id);
    }
    while (!todo.isEmpty()) {
        const QString id = todo.takeLast();
        if (seen.contains(id))
            continue;
        seen.insert(id);
        todo += parentsAll(id);
    }
    return seen;
}

QSet<QString> RevisionGraph::descendants(const QStringList &ids, bool inclusive) const
{
    QSet<QString> seen;
    QStringList todo;
    for (const QString &id : ids) {
        if (inclusive)
            seen.insert(id);
        todo += children(id) + dependents(id);
    }
    while (!todo.isEmpty()) {
        const QString id = todo.takeLast();
        if (seen.contains(id))
            continue;
        seen.insert(id);
        todo += children(id) + dependents(id);
    }
    return seen;
}

QStringList RevisionGraph::sorted(const QSet<QString> &ids, bool reverse) const
{
    QStringList list(ids.cbegin(), ids.cend());
    std::sort(list.begin(), list.end(), [this, reverse](const QString &a, const QString &b) {
        return reverse ? m_position.value(a) > m_position.value(b) : m_position.value(a) < m_position.value(b);
    });
    return list;
}

QStringList RevisionGraph::filterHeads(const QSet<QString> &ids) const
{
    QStringList list(ids.cbegin(), ids.cend());
    const QSet<QString> below = ancestors(list, false);
    QSet<QString> heads;
    for (const QString &id : list)
        if (!below.contains(id))
            heads.insert(id);
    return sorted(heads);
}

QSet<QString> RevisionGraph::lineage(const QStringList &ids, bool up, bool includeDependencies) const
{
    // Alembic's _get_ancestor_nodes / _get_descendant_nodes, inclusive: with dependencies
    // through depends_on edges too, without only along down_revision.
    QSet<QString> seen;
    QStringList todo = ids;
    while (!todo.isEmpty()) {
        const QString id = todo.takeLast();
        if (seen.contains(id))
            continue;
        seen.insert(id);
        if (up)
            todo += includeDependencies ? parentsAll(id) : versionedParents(id);
        else
            todo += includeDependencies ? allChildren(id) : children(id);
    }
    return seen;
}

} // namespace strata::migrate
