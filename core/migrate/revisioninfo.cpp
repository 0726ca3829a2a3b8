#include "revisioninfo.h"

#include <QJsonArray>

namespace strata::migrate {

namespace {

QString comma(const QStringList &list)
{
    return list.join(QStringLiteral(", "));
}

QString downText(const RevisionInfo &info)
{
    return info.downRevisions.isEmpty() ? QStringLiteral("<base>") : comma(info.downRevisions);
}

} // namespace

QString formatRevisionLine(const RevisionInfo &info, const FormatOptions &o)
{
    QString text = info.id;
    if (o.includeParents) {
        if (!info.dependsOn.isEmpty())
            text = QStringLiteral("%1 (%2) -> %3").arg(downText(info), comma(info.dependsOn), text);
        else
            text = QStringLiteral("%1 -> %2").arg(downText(info), text);
    }
    if (o.includeBranches && !info.branchLabels.isEmpty())
        text += QStringLiteral(" (%1)").arg(comma(info.branchLabels));
    if (info.isHead)
        text += QStringLiteral(" (head)");
    if (info.isCurrent)
        text += QStringLiteral(" (current)");
    if (o.treeIndicators) {
        if (info.isBranchPoint)
            text += QStringLiteral(" (branchpoint)");
        if (info.isMergePoint)
            text += QStringLiteral(" (mergepoint)");
    }
    if (o.includeDoc)
        text += QStringLiteral(", ") + info.message;
    return text;
}

QString formatRevisionLog(const RevisionInfo &info)
{
    QString entry = QStringLiteral("Rev: %1%2%3%4%5\n")
                        .arg(info.id, info.isHead ? QStringLiteral(" (head)") : QString(),
                             info.isBranchPoint ? QStringLiteral(" (branchpoint)") : QString(),
                             info.isMergePoint ? QStringLiteral(" (mergepoint)") : QString(),
                             info.isCurrent ? QStringLiteral(" (current)") : QString());
    entry += (info.isMergePoint ? QStringLiteral("Merges: %1\n") : QStringLiteral("Parent: %1\n")).arg(downText(info));
    if (!info.dependsOn.isEmpty())
        entry += QStringLiteral("Also depends on: %1\n").arg(comma(info.dependsOn));
    if (info.isBranchPoint)
        entry += QStringLiteral("Branches into: %1\n").arg(comma(info.nextRevisions));
    if (!info.branchLabels.isEmpty())
        entry += QStringLiteral("Branch names: %1\n").arg(comma(info.branchLabels));
    entry += QStringLiteral("Path: %1\n").arg(info.path);
    QStringList doc;
    for (const QString &line : info.longDoc.split(QLatin1Char('\n')))
        doc.append(QStringLiteral("    ") + line);
    entry += QStringLiteral("\n%1\n").arg(doc.join(QLatin1Char('\n')));
    return entry;
}

QJsonObject revisionToJson(const RevisionInfo &info)
{
    return QJsonObject{
        {QStringLiteral("revision"), info.id},
        {QStringLiteral("down_revisions"), QJsonArray::fromStringList(info.downRevisions)},
        {QStringLiteral("depends_on"), QJsonArray::fromStringList(info.dependsOn)},
        {QStringLiteral("branch_labels"), QJsonArray::fromStringList(info.branchLabels)},
        {QStringLiteral("next_revisions"), QJsonArray::fromStringList(info.nextRevisions)},
        {QStringLiteral("message"), info.message},
        {QStringLiteral("path"), info.path},
        {QStringLiteral("is_head"), info.isHead},
        {QStringLiteral("is_branch_point"), info.isBranchPoint},
        {QStringLiteral("is_merge_point"), info.isMergePoint},
        {QStringLiteral("is_current"), info.isCurrent},
    };
}

} // namespace strata::migrate
