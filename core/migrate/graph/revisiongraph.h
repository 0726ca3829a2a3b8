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
//
// Resolution follows Alembic 1.8's script/revision.py step by step (its
// _resolve_revision_number, _revision_for_ident, _walk, _parse_upgrade_target,
// _parse_downgrade_target, _collect_upgrade_revisions, _collect_downgrade_revisions,
// _topological_sort and ScriptDirectory._stamp_revs), including where it refuses, and
// is proven against the real Alembic by tests/app/strata-migrate/tst_alembicdiff. The
// order in which nodes are given to build() plays the part of Alembic's load order (the
// script store gives them sorted by file name). Where Strata deliberately differs (see
// "Differences from Alembic" in the README) the difference is marked in the code.

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

/// One end of a history range: a symbol as typed ("base", "heads", "reviews@base",
/// "ae10+2", a partial id), or explicit revisions (the database's rows, for `current`).
struct RangeEnd {
    QStringList items;
    bool isText = true;
    static RangeEnd symbol(const QString &text) { return RangeEnd{{text}, true}; }
    static RangeEnd revisions(const QStringList &ids) { return RangeEnd{ids, false}; }
};

class RevisionGraph {
public:
    RevisionGraph() = default;

    /// Validates and builds: duplicate ids, unknown parents or dependencies, duplicate
    /// branch labels and cycles are Migration errors naming the file and line. The order of
    /// `nodes` is the load order (Alembic's revision-map order), which breaks ties in walks.
    static Result<RevisionGraph> build(const QList<RevisionNode> &nodes);

    bool isEmpty() const { return m_nodes.isEmpty(); }
    bool contains(const QString &id) const { return m_nodes.contains(id); }
    const RevisionNode &node(const QString &id) const;
    int size() const { return int(m_nodes.size()); }

    /// Revisions that no down_revision names, in load order (Alembic's `heads`).
    QStringList heads() const { return m_heads; }
    /// Heads that no revision depends on either (Alembic's `_real_heads`, the `heads` symbol).
    QStringList realHeads() const { return m_realHeads; }
    /// Revisions without a down_revision, in load order.
    QStringList bases() const { return m_bases; }
    /// Every revision, heads first, down to the bases; branches stay contiguous.
    QStringList walkOrder() const { return m_order; }
    /// Every revision in the order Alembic's `history` prints it.
    QStringList historyOrder() const;

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
    /// down_revisions + the dependencies that no ancestor already depends on (Alembic's
    /// _normalized_down_revisions): the edges a step moves the version rows along.
    QStringList normalizedDownRevisions(const QString &id) const { return m_normalizedDown.value(id); }

    /// Ancestors through down_revision and depends_on edges.
    QSet<QString> ancestors(const QStringList &ids, bool inclusive) const;
    QSet<QString> descendants(const QStringList &ids, bool inclusive) const;
    /// The members of `ids` that are not ancestors of another member, in walk order.
    QStringList filterHeads(const QSet<QString> &ids) const;
    /// `ids` sorted in walk order (heads first); `reverse` for bases first.
    QStringList sorted(const QSet<QString> &ids, bool reverse = false) const;
    /// Alembic's _topological_sort: `ids` heads first, each branch walked down from the
    /// members of `heads` in load order before the next one, a revision after everything
    /// that depends on it. An error when the walk from `heads` does not reach all of `ids`
    /// (Alembic fails there too, e.g. `history -r A:B` with B above A only through depends_on).
    Result<QStringList> topologicalSort(const QSet<QString> &ids, const QStringList &heads) const;
    /// What `current` shows for these version rows (Alembic's get_all_current): the tips,
    /// along down_revision, of everything applied, e.g. also a revision applied only
    /// because another one depends on it.
    QStringList currentTips(const QStringList &rows) const;

    /// One StampStep of Alembic: move the version rows `from` to `to`.
    struct StampMove {
        QStringList from;
        QString to;        ///< empty: to the base (the rows in `from` are deleted)
        bool upgrade = true;
        bool branchMove = false;
    };

    /// One revision from a full id, a branch label, or a unique prefix of any length of an
    /// id or label longer than three characters (Alembic's _revision_for_ident). An
    /// ambiguous prefix lists every candidate.
    Result<QString> resolveRevision(const QString &text) const;
    /// The revisions a symbol names (Alembic's get_revisions): "heads", "head", "base",
    /// ids, labels, "label@head", "label@heads", "label@rev"; for `show`.
    Result<QStringList> revisions(const QString &text) const;

    Result<UpgradeTarget> resolveUpgradeTarget(const QString &text, const QStringList &currentHeads) const;
    Result<DowngradeTarget> resolveDowngradeTarget(const QString &text, const QStringList &currentHeads) const;
    /// The start heads of an offline range "START:TARGET" (Alembic's starting_rev): one
    /// revision, none for "base".
    Result<QStringList> offlineStartHeads(const QString &start) const;
    /// The revisions of `history -r lower:upper`, in Alembic's order (walk_revisions):
    /// upper and its ancestors down to lower, both included; a relative upper (+N) counts
    /// from lower.
    Result<QStringList> historyRange(const RangeEnd &lower, const RangeEnd &upper) const;

    MigrationPlan planUpgrade(const QStringList &currentHeads, const UpgradeTarget &target) const;
    MigrationPlan planDowngrade(const QStringList &currentHeads, const DowngradeTarget &target) const;
    /// The version rows after `stamp targets...` (Alembic's _stamp_revs and HeadMaintainer):
    /// each target moves the current heads of its lineage to it, or starts a new branch;
    /// `purge` starts from no rows. Targets are symbols as typed.
    Result<QStringList> stampHeads(const QStringList &currentHeads, const QStringList &targets, bool purge) const;

private:
    /// A position of Alembic's _walk: nowhere yet (None), the base below the bases, or a revision.
    struct WalkPoint {
        enum class Kind { None, Base, Revision };
        Kind kind = Kind::None;
        QString id;
        static WalkPoint none() { return {}; }
        static WalkPoint base() { return {Kind::Base, {}}; }
        static WalkPoint revision(const QString &id) { return id.isEmpty() ? WalkPoint{} : WalkPoint{Kind::Revision, id}; }
        bool isRevision() const { return kind == Kind::Revision; }
    };
    /// Alembic's _resolve_revision_number: the ids a symbol stands for and its branch part.
    struct Symbol {
        QStringList ids;
        QString branch;
        bool hasBranch = false;
    };
    struct DowngradeDestination {
        QString branch;   ///< empty: none
        WalkPoint target;
    };
    struct UpgradeSets {
        QSet<QString> needs;
        QStringList targets;
    };

    // revisionlookup.cpp: symbols, identifiers, lineage and walks
    Result<Symbol> resolveRevisionNumber(const QString &text) const;
    Result<QString> currentHead(const QString &branch) const;
    Result<QList<WalkPoint>> getRevisions(const QString &text) const;
    Result<QList<WalkPoint>> getRevisionsOf(const QStringList &texts) const;
    Result<WalkPoint> getRevision(const QString &text) const;
    Result<QString> revisionForIdent(const QString &ident, const QString &checkBranch = {}) const;
    Result<QString> resolveBranch(const QString &label) const;
    QString lookupKey(const QString &key) const;
    Result<QStringList> filterForLineage(const QStringList &targets, const QString &checkAgainst,
                                         bool includeDependencies = false) const;
    Result<bool> sharesLineage(const QString &target, const QStringList &against, bool includeDependencies) const;
    Result<WalkPoint> walk(WalkPoint start, qint64 steps, const QString &branch, bool noOverwalk, const QString &what) const;
    QString ambiguousWalkMessage(const WalkPoint &at, bool up, const QStringList &choices, const QString &what) const;

    // revisiongraphtargets.cpp: Alembic's target parsing and revision collection
    Result<QList<WalkPoint>> parseUpgradeTarget(const QStringList &current, const QString &target, bool assertLength) const;
    Result<DowngradeDestination> parseDowngradeTarget(const QStringList &current, const QString &target, bool assertLength) const;
    Result<QString> relativeDowngradeStart(const QStringList &current, const QString &branch, const QString &text) const;
    Result<UpgradeSets> collectUpgrade(const RangeEnd &upper, const RangeEnd &lower, bool inclusive, bool implicitBase,
                                       bool assertLength) const;
    Result<QStringList> upgradeTargets(const RangeEnd &upper, const RangeEnd &lower, bool assertLength) const;
    Result<QStringList> lowerRevisions(const RangeEnd &upper, RangeEnd &lower, const QSet<QString> &required, bool implicitBase,
                                       bool assertLength) const;
    Result<QStringList> startRevisions(const QStringList &current, const QString &branch) const;
    Result<QList<StampMove>> stampMoves(const QString &dest, const QStringList &moving) const;

    QSet<QString> lineage(const QStringList &ids, bool up, bool includeDependencies) const;
    QStringList versionedParents(const QString &id) const { return node(id).downRevisions; }
    QStringList allChildren(const QString &id) const { return children(id) + dependents(id); }
    Status checkOverlap(const QStringList &targets, bool up, bool includeDependencies) const;
    QStringList parentsAll(const QString &id) const;
    QStringList dependents(const QString &id) const { return m_dependents.value(id); }
    int loadIndex(const QString &id) const { return m_loadIndex.value(id, -1); }
    QString where(const QString &id, int line) const;
    static Status checkCycles(const QHash<QString, RevisionNode> &nodes, const QHash<QString, QStringList> &deps);
    void computeOrder();
    void computeAlembicSets(const QList<RevisionNode> &nodes);
    void propagateLabels();

    QHash<QString, RevisionNode> m_nodes;
    QHash<QString, QStringList> m_children;
    QHash<QString, QStringList> m_dependencies;
    QHash<QString, QStringList> m_dependents;
    QHash<QString, QStringList> m_normalizedDown;
    QHash<QString, bool> m_hasNormalizedDependencies;
    QHash<QString, QStringList> m_labels;
    QHash<QString, QString> m_labelOwner;  ///< label -> revision that declares it
    QHash<QString, int> m_position;        ///< index in m_order
    QHash<QString, int> m_loadIndex;       ///< index in the nodes given to build()
    QStringList m_keys;                    ///< ids in load order, then labels: what prefixes match
    QStringList m_heads;
    QStringList m_realHeads;
    QStringList m_bases;
    int m_baseKeyCount = 0;                ///< bases + labels declared on bases (Alembic counts both)
    QStringList m_order;
};

} // namespace strata::migrate
