#pragma once

// RevisionInfo: what the status commands report about one revision, as a value, and its
// renderings: Alembic's exact text formats (Script._head_only / Script.log_entry) and JSON.

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace strata::migrate {

struct RevisionInfo {
    QString id;
    QStringList downRevisions;
    QStringList dependsOn;
    QStringList branchLabels;     ///< in effect (propagated along the branch)
    QStringList nextRevisions;
    QString message;
    QString path;
    QString longDoc;
    bool isHead = false;
    bool isBranchPoint = false;
    bool isMergePoint = false;
    bool isCurrent = false;       ///< marked only by `history --indicate-current`
};

struct FormatOptions {
    bool includeBranches = false;
    bool includeDoc = false;
    bool includeParents = false;
    bool treeIndicators = true;
};

/// Alembic's one-line form: "[parents -> ]id[ (labels)][ (head)][ (current)][ (branchpoint)][ (mergepoint)][, doc]".
QString formatRevisionLine(const RevisionInfo &info, const FormatOptions &options);
/// Alembic's verbose form (log_entry): Rev/Parent or Merges/.../Path and the indented doc.
QString formatRevisionLog(const RevisionInfo &info);
QJsonObject revisionToJson(const RevisionInfo &info);

} // namespace strata::migrate
