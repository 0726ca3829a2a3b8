#pragma once

// Drift: an applied revision whose file no longer runs what ran. checkDrift() compares every
// applied revision (the ancestors of the database's heads) with the latest history row
// recorded for it (revisionchecksum.h: both sections, per dialect; older versions' rows are
// still read). Used by `verify`, by the runner before every command (a warning, or a refusal
// with RunnerOptions::refuseDrift) and by strata-migrate's status commands. Pure: the heads
// and history rows are read by the caller.

#include "versiontable.h"

#include "migrate/script/scriptstore.h"

namespace strata::migrate {

struct VerifyEntry {
    enum class State { Ok, Drift, Unverified };
    QString revision;
    QString path;
    State state = State::Ok;
    QString recordedChecksum;
    QString fileChecksum;
    /// Drift: what differs ("its downgrade section differs from what ran"); Ok: set when the
    /// checksum was recorded by an older version; Unverified: why there is no checksum.
    QString reason;
    bool olderFormat = false;   ///< recorded by an older version (upgrade section only)
};

struct VerifyReport {
    QList<VerifyEntry> entries;
    bool hasDrift() const;
    QList<VerifyEntry> drifted() const;
};

/// `heads`: the version rows (unknown ids are skipped); `history`: oldest first.
VerifyReport checkDrift(const ScriptStore &store, const QStringList &heads, const QList<HistoryRow> &history,
                        const QString &dialectName);

/// One line about a drifted revision: "revision ae10 (versions/ae10_x.sql) was edited after
/// it was applied: its downgrade section differs from what ran".
QString driftWarning(const VerifyEntry &entry);

} // namespace strata::migrate
