#pragma once

// The revision graph tst_alembicdiff runs through both tools, the two projects written from
// it (Python revisions for Alembic, SQL revisions with the same ids for Strata), the
// database states (every antichain of the graph) and the cases (command + target + state).
//
//   1975ea83b712 (base)
//   27c6a30d7c24 (branch point)
//    ├─ 3a1b5c7d9e0f "reviews" ─ 3a9f8e7d6c5b ─────────────┐
//    └─ 4d2e6f8a0b1c "authors" ─ 4d7c9b1a3e5f (depends_on 3a1b) ─ 5e8b0a2c4d6f (merge) ─ ae1027a6acf0 ─ b1f4c6e8a0d2
//   8c3d5e7f9a1b "audit" (a second base) ─ 8c9e1f3a5b7d        (project "forked" only)
//
// Project "single" has one head (so `head`, `head-1` resolve); "forked" adds the audit
// branch (two bases, two heads).

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace alembicdiff {

struct Revision {
    QString id;
    QStringList down;
    QStringList labels;
    QStringList dependsOn;
    QString message;
};

struct Project {
    QString name;
    QList<Revision> revisions;
    QString alembicDir;   ///< script_location of the Alembic project
    QString strataIni;    ///< strata.ini of the Strata project
};

struct Case {
    int id = 0;
    QString project;
    QStringList rows;           ///< version rows before the command
    QString command;            ///< upgrade downgrade stamp history heads branches current show
    QStringList args;           ///< targets
    bool sql = false;
    bool purge = false;
    bool verbose = false;
    bool indicateCurrent = false;
    QString range;              ///< history -r (null: none)
    bool viaProcess = false;    ///< also run the strata-migrate executable

    QString describe() const;
    QJsonObject toJson() const;
    /// strata-migrate's arguments after "-c INI --url URL".
    QStringList strataArguments() const;
    bool readsState() const;    ///< false: the rows do not matter (heads, branches, --sql, plain history)
};

/// The graph; `forked` adds the second base.
QList<Revision> revisions(bool forked);
/// Writes both projects under `dir`; fills the paths.
bool writeProject(const QString &dir, Project &project);
/// Every antichain of the graph (depends_on included): the reachable sets of version rows.
QList<QStringList> antichains(const QList<Revision> &revisions);
/// All cases of one project, ids from `firstId`.
QList<Case> buildCases(const Project &project, int firstId);

} // namespace alembicdiff
