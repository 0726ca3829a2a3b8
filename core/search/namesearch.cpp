#include "namesearch.h"

#include <algorithm>

namespace strata::search {

void NameSearch::setIndexes(QList<std::shared_ptr<const NameIndex>> indexes, int currentDatabase)
{
    m_indexes = std::move(indexes);
    m_current = currentDatabase;
    m_narrowable = false;
    m_candidates.clear();
    m_lastQuery.clear();
}

qsizetype NameSearch::nameCount() const
{
    qsizetype n = 0;
    for (const auto &index : m_indexes)
        n += index->size();
    return n;
}

bool NameSearch::better(const Scored &a, const Scored &b) const
{
    if (a.tier != b.tier)
        return a.tier > b.tier;
    if (a.column != b.column)
        return !a.column;
    if (a.current != b.current)
        return a.current;
    if (a.score != b.score)
        return a.score > b.score;
    if (a.length != b.length)
        return a.length < b.length;
    const NameIndex &ia = *m_indexes[a.index];
    const NameIndex &ib = *m_indexes[b.index];
    if (const int c = ia.folded(a.entry).compare(ib.folded(b.entry)); c != 0)
        return c < 0;
    if (const int c = ia.name(a.entry).compare(ib.name(b.entry)); c != 0)
        return c < 0;
    if (const int c = ia.schema(a.entry).compare(ib.schema(b.entry)); c != 0)
        return c < 0;
    if (a.index != b.index)
        return a.index < b.index;
    return a.entry < b.entry;
}

QList<NameHit> NameSearch::find(const QString &query, int limit)
{
    const QString folded = foldForMatch(query.trimmed());
    if (folded.isEmpty()) {
        m_narrowable = false;
        m_candidates.clear();
        m_lastQuery.clear();
        return {};
    }
    const quint64 queryMask = charMask(folded);
    std::vector<Candidate> next;
    std::vector<Scored> scored;
    auto test = [&](quint32 i, qint32 e) {
        const NameIndex &index = *m_indexes[i];
        if ((index.mask(e) & queryMask) != queryMask)
            return;
        const QStringView name = index.folded(e);
        if (!isSubsequence(folded, name))
            return;
        next.push_back({i, e});
        const FuzzyMatch match = fuzzyMatch(folded, name, index.name(e));
        scored.push_back(
            {match.tier, index.kind(e) == NameKind::Column, index.database() == m_current, match.score, int(name.size()), i, e});
    };
    if (m_narrowable && folded.startsWith(m_lastQuery)) {
        // Every name matching the longer query matched the shorter one.
        next.reserve(m_candidates.size());
        for (const Candidate &c : m_candidates)
            test(c.index, c.entry);
    } else {
        for (quint32 i = 0; i < quint32(m_indexes.size()); ++i)
            for (qint32 e = 0; e < qint32(m_indexes[i]->size()); ++e)
                test(i, e);
    }
    m_candidates = std::move(next);
    m_lastQuery = folded;
    m_narrowable = true;

    const auto keep = std::min<std::size_t>(scored.size(), std::size_t(std::max(limit, 0)));
    auto cmp = [this](const Scored &a, const Scored &b) { return better(a, b); };
    std::partial_sort(scored.begin(), scored.begin() + std::ptrdiff_t(keep), scored.end(), cmp);
    QList<NameHit> hits;
    hits.reserve(qsizetype(keep));
    for (std::size_t k = 0; k < keep; ++k)
        hits.append(hitFor(scored[k], folded));
    return hits;
}

NameHit NameSearch::hitFor(const Scored &s, QStringView query) const
{
    const NameIndex &index = *m_indexes[s.index];
    NameHit hit;
    hit.database = index.database();
    hit.connectionName = index.connectionName();
    hit.kind = index.kind(s.entry);
    hit.schema = index.schema(s.entry);
    hit.name = index.name(s.entry).toString();
    if (const qint32 parent = index.parent(s.entry); parent >= 0) {
        hit.relation = index.name(parent).toString();
        hit.relationKind = index.kind(parent);
    }
    const FuzzyMatch match = fuzzyMatch(query, index.folded(s.entry), index.name(s.entry), &hit.positions);
    hit.tier = match.tier;
    hit.score = match.score;
    return hit;
}

}   // namespace strata::search
