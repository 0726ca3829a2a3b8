#pragma once

// NameSearch: quick open's ranked search over the name indexes of every open connection.
//
// Ranking, best first: the match tier (exact > prefix > word boundary > subsequence, see
// fuzzymatch.h); then objects before columns (a table called "title" before the columns
// called "title"); then the current connection's names; then the score within the tier;
// then shorter names; then the name, the schema, the connection's order.
//
// Typing one more letter only narrows: when a query extends the previous one over the same
// indexes, only the names that matched before are tested again, so each keystroke gets
// cheaper. A NameSearch is used by one thread at a time (the popup runs it on a pool
// thread, one search at a time); the indexes it reads are immutable and shared.

#include "fuzzymatch.h"
#include "nameindex.h"

#include <QList>
#include <QString>
#include <memory>
#include <vector>

namespace strata::search {

/// One ranked result, with what the popup shows and what opening it needs.
struct NameHit {
    int database = 0;
    QString connectionName;
    NameKind kind = NameKind::Table;
    QString schema;
    QString name;
    QString relation;   ///< a column's table or view; empty for other kinds
    NameKind relationKind = NameKind::Table;
    MatchTier tier = MatchTier::None;
    int score = 0;
    QList<int> positions;   ///< matched positions in `name`, for bold letters
};

class NameSearch {
public:
    /// The indexes to search (one per open connection, in the window's order) and the
    /// database of the current connection. Forgets the narrowing state.
    void setIndexes(QList<std::shared_ptr<const NameIndex>> indexes, int currentDatabase);
    /// The best `limit` names for `query` (trimmed; empty gives nothing).
    QList<NameHit> find(const QString &query, int limit = 50);
    /// Names that matched the last query (before the limit).
    qsizetype lastMatchCount() const { return m_candidates.size(); }
    qsizetype nameCount() const;

private:
    struct Candidate {
        quint32 index;   // into m_indexes
        qint32 entry;
    };
    struct Scored {
        MatchTier tier;
        bool column;
        bool current;
        int score;
        int length;
        quint32 index;
        qint32 entry;
    };
    bool better(const Scored &a, const Scored &b) const;
    NameHit hitFor(const Scored &s, QStringView query) const;

    QList<std::shared_ptr<const NameIndex>> m_indexes;
    int m_current = 0;
    QString m_lastQuery;                   // folded
    std::vector<Candidate> m_candidates;   // names that matched m_lastQuery
    bool m_narrowable = false;
};

}   // namespace strata::search
