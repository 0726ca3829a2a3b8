#include "driftcheck.h"

#include "migrate/script/revisionchecksum.h"

namespace strata::migrate {

bool VerifyReport::hasDrift() const
{
    return !drifted().isEmpty();
}

QList<VerifyEntry> VerifyReport::drifted() const
{
    QList<VerifyEntry> out;
    for (const VerifyEntry &e : entries)
        if (e.state == VerifyEntry::State::Drift)
            out.append(e);
    return out;
}

VerifyReport checkDrift(const ScriptStore &store, const QStringList &heads, const QList<HistoryRow> &history,
                        const QString &dialectName)
{
    QHash<QString, HistoryRow> latest;
    for (const HistoryRow &row : history)
        latest.insert(row.revision, row);
    const RevisionGraph &graph = store.graph();
    QStringList known;
    for (const QString &h : heads)
        if (graph.contains(h))
            known.append(h);
    VerifyReport report;
    for (const QString &id : graph.sorted(graph.ancestors(known, true), true)) {
        const RevisionScript *script = store.find(id);
        VerifyEntry e;
        e.revision = id;
        e.path = script->displayPath;
        e.fileChecksum = revisionChecksum(*script, dialectName);
        const auto it = latest.constFind(id);
        if (it == latest.constEnd() || it->direction != u"upgrade" || it->checksum.isEmpty()) {
            e.state = VerifyEntry::State::Unverified;
            e.reason = it == latest.constEnd() ? QStringLiteral("no history row (applied by another tool)")
                                               : QStringLiteral("stamped, or applied without a checksum");
            report.entries.append(e);
            continue;
        }
        e.recordedChecksum = it->checksum;
        const ChecksumComparison c = compareChecksum(it->checksum, *script, dialectName);
        e.reason = c.reason;
        switch (c.match) {
        case ChecksumComparison::Match::Same: e.state = VerifyEntry::State::Ok; break;
        case ChecksumComparison::Match::SameOlderFormat:
            e.state = VerifyEntry::State::Ok;
            e.olderFormat = true;
            break;
        case ChecksumComparison::Match::Edited: e.state = VerifyEntry::State::Drift; break;
        case ChecksumComparison::Match::Unknown: e.state = VerifyEntry::State::Unverified; break;
        }
        report.entries.append(e);
    }
    return report;
}

QString driftWarning(const VerifyEntry &entry)
{
    return QStringLiteral("revision %1 (%2) was edited after it was applied: %3").arg(entry.revision, entry.path, entry.reason);
}

} // namespace strata::migrate
