#pragma once

// RevisionGraph: the revisions of a migrations project as a directed acyclic graph, with
// Alembic's RevisionMap semantics (down_revision edges, merges, branch points, several
// bases, branch labels that propagate along their branch, depends_on edges). Pure: no IO,
// no database. Built once from plain nodes; every query is const, so a graph may be shared
// between threads.
//
// Targets (resolveUpgradeTarget / resolveDowngradeTarget) are resolved against a set of
// current heads and turned into concrete targets; plans (planUpgrade / planDowngrade) are
// ordered steps, each carrying the version-table change that keeps one row per head
// (Alembic's HeadMaintainer). A concrete target re-planned from new heads gives the plan
// still to run, which is how a runner that waited for a lock re-decides what to do.

#include "base/result.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

namespace strata::migrate {

enum class Direction { Upgrade, Downgrade };

/// What the graph is built from: one revision as its file declares it.
struct RevisionNode {
    QString id;
    QStringList downRevisions;
    QStringList dependsOn;      ///< revision ids or branch labels
    QStringList branchLabels;   ///< declared on this revision
    QString message;
    QString file;               ///< for error messages; may be empty
    int line = 0;               ///< line of the `revision` header
    int downRevisionLine = 0;
    int dependsOnLine = 0;
    int branchLabelsLine = 0;
};

/// The version-table change of one step: delete rows, update one row, insert rows.
struct HeadChange {
    QStringList deletes;
    QString updateFrom;
    QString updateTo;
    QStringList inserts;
    bool isEmpty() const { return deletes.isEmpty() && updateFrom.isEmpty() && inserts.isEmpty(); }
};

struct MigrationStep {
    QString revision;
    Direction direction = Direction::Upgrade;
    QStringList headsBefore;
    QStringList headsAfter;
    HeadChange change;
};

struct MigrationPlan {
    Direction direction = Direction::Upgrade;
    QStringList startHeads;
    QStringList endHeads;
    QList<MigrationStep> steps;
};

/// An upgrade target: the revisions that must be applied with all their ancestors.
struct UpgradeTarget {
    QStringList revisions;
};

/// A downgrade target: these revisions and all their applied descendants are removed.
struct DowngradeTarget {
    QStringList removeRoots;
};

class RevisionGraph {
public:
    RevisionGraph() = default;

    /// Validates and builds: duplicate ids, unknown parents or dependencies, duplicate
    /// branch labels and cycles are Migration errors naming the file and line.
    static Result<RevisionGraph> build(const QList<RevisionNode> &nodes);

    bool isEmpty() const { return m_nodes.isEmpty(); }
    bool contains(const QString &id) const { return m_nodes.contains(id); }
    const RevisionNode &node(const QString &id) const;
    int size() const { return int(m_nodes.size()); }

    QStringList heads() const { return m_heads; }
    QStringList bases() const { return m_bases; }
    /// Every revision, heads first, down to the bases; branches stay contiguous.
    QStringList walkOrder() const { return m_order; }

    bool isHead(const QString &id) const { return children(id).isEmpty(); }
    bool isBase(const QString &id) const { return node(id).downRevisions.isEmpty(); }
    bool isBranchPoint(const QString &id) const { return children(id).size() > 1; }
    bool isMergePoint(const QString &id) const { return node(id).downRevisions.size() > 1; }
    /// Revisions whose down_revision names `id`, in walk order.
    QStringList children(const QString &id) const { return m_children.value(id); }
    /// Resolved depends_on ids.
    QStringList dependencies(const QString &id) const { return m_dependencies.value(id); }
    /// Branch labels in effect on `id`: declared here or propagated along the branch.
    QStringList branchLabels(const QString &id) const { return m_labels.value(id); }
    /// down_revisions + dependencies, minus those that are ancestors of another of them.
    QStringList normalizedDownRevisions(const QString &id) const;

    /// Ancestors through down_revision and depends_on edges.
    QSet<QString> ancestors(const QStringList &ids, bool inclusive) const;
    QSet<QString> descendants(const QStringList &ids, bool inclusive) const;
    /// The members of `ids` that are not ancestors of another member, in walk order.
    QStringList filterHeads(const QSet<QString> &ids) const;
    /// `ids` sorted in walk order (heads first); `reverse` for bases first.
    QStringList sorted(const QSet<QString> &ids, bool reverse = false) const;

    /// One revision from a full id, a unique partial id (4+ characters) or a branch label.
    Result<QString> resolveRevision(const QString &text) const;

    Result<UpgradeTarget> resolveUpgradeTarget(const QString &text, const QStringList &currentHeads) const;
    Result<DowngradeTarget> resolveDowngradeTarget(const QString &text, const QStringList &currentHeads) const;
    /// Revisions for history and offline ranges: "base", "heads", "head", ids, labels,
    /// label@head; an empty result with ok() means the base.
    Result<QStringList> resolveRangeEnd(const QString &text, const QStringList &currentHeads) const;

    MigrationPlan planUpgrade(const QStringList &currentHeads, const UpgradeTarget &target) const;
    MigrationPlan planDowngrade(const QStringList &currentHeads, const DowngradeTarget &target) const;
    /// The version rows after `stamp`: a single target replaces the heads of its lineage
    /// (others stay, as in Alembic); several targets or `purge` give exactly the targets.
    Result<QStringList> stampHeads(const QStringList &currentHeads, const QStringList &targets, bool purge) const;

    /// Revisions between `lower` and `upper` (both inclusive; empty lower = base, empty
    /// upper = heads), heads first.
    QStringList range(const QStringList &lower, const QStringList &upper) const;

private:
    Result<QStringList> resolveSymbol(const QString &text, const QStringList &currentHeads) const;
    Result<QString> headOfLineage(const QString &from, const QString &what) const;
    Result<QString> relativeStep(const QString &start, int steps, const QString &what) const;
    Result<QString> currentOnBranch(const QString &branch, const QStringList &currentHeads) const;
    bool sharesLineage(const QString &a, const QString &b) const;
    QStringList parentsAll(const QString &id) const;
    QStringList dependents(const QString &id) const { return m_dependents.value(id); }
    QString where(const QString &id, int line) const;
    static Status checkCycles(const QHash<QString, RevisionNode> &nodes, const QHash<QString, QStringList> &deps);
    void computeOrder();
    void propagateLabels();

    QHash<QString, RevisionNode> m_nodes;
    QHash<QString, QStringList> m_children;
    QHash<QString, QStringList> m_dependencies;
    QHash<QString, QStringList> m_dependents;
    QHash<QString, QStringList> m_labels;
    QHash<QString, QString> m_labelOwner;  ///< label -> revision that declares it
    QHash<QString, int> m_position;        ///< index in m_order
    QStringList m_heads;
    QStringList m_bases;
    QStringList m_order;
};

} // namespace strata::migrate
