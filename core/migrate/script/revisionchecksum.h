#pragma once

// The checksum recorded in the history table when a revision runs (either way), compared by
// `verify` and by every command that reads the database's revisions, so a revision file
// edited after it was applied (drift) is found before its edited text runs.
//
// Format, fitting the history table's VARCHAR(64):
//   "v2:<upgrade>:<downgrade>"  each part the first 16 bytes of the SHA-256 of that section's
//                               SQL for the dialect (normalizedSql: line endings and trailing
//                               whitespace do not count), base64url without padding; "-" when
//                               the file has no such section for the dialect.
//   64 hex characters           written by older versions (sqlChecksum): the upgrade section
//                               only. Still verified: a match is reported as recorded by an
//                               older version (the downgrade section is not covered), never
//                               as drift.
// Pure functions, any thread.

#include "revisionscript.h"

namespace strata::migrate {

/// The checksum of `script`'s executable content (both sections) on the dialect named
/// `dialectName` ("sqlite", "postgresql").
QString revisionChecksum(const RevisionScript &script, const QString &dialectName);

struct ChecksumComparison {
    enum class Match {
        Same,              ///< the file runs what ran
        SameOlderFormat,   ///< an older version's checksum (upgrade section only) matches
        Edited,            ///< drift: see `reason`
        Unknown,           ///< not a checksum format this version knows: cannot tell
    };
    Match match = Match::Same;
    /// Why, in words: "its downgrade section differs from what ran", "recorded by an older
    /// version of Strata (upgrade section only)", ...; empty for Same.
    QString reason;
    bool drift() const { return match == Match::Edited; }
};

/// Compares a recorded checksum (either format) with `script` as it is now.
ChecksumComparison compareChecksum(const QString &recorded, const RevisionScript &script, const QString &dialectName);

} // namespace strata::migrate
