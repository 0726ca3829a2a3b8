#pragma once

// How tst_alembicdiff compares what Alembic and strata-migrate did with one case, and the
// differences Strata makes on purpose (each with its reason and the check that it is that
// difference and nothing else).
//
// Compared: success or failure; the version rows afterwards (also after a failure); for
// upgrade/downgrade the "Running ..." lines in order; for --sql the steps, each as its
// "-- Running" line and the rows it removes and adds; for history, heads, branches, current
// and show the printed text. The text is normalised only where Alembic's own output has
// no fixed form or the formats deliberately differ:
//   - lists that Alembic keeps in Python sets are sorted: branch labels in parentheses,
//     "Branches into:", "Branch names:", the children under a branch point (`branches`),
//     and the lines (or verbose entries) of `current`;
//   - "Path:" lines name a .py file for Alembic and a .sql file for Strata;
//   - "Current revision(s) for URL:" shows the URL in each tool's own redacted form.

#include "strataside.h"

namespace alembicdiff {

struct Deliberate {
    QString name;
    QString reason;
};

/// Strata's deliberate differences from Alembic 1.8.1.
QList<Deliberate> deliberateDifferences();

/// Where the outcomes are the same but Strata says more than Alembic (checked too).
QList<Deliberate> strataAdditions();

struct Verdict {
    bool same = false;
    QString deliberate;   ///< name of the deliberate difference, when one explains it
    QString addition;     ///< name of the addition checked on an otherwise same case
    QString detail;       ///< what differs (empty when same)
};

/// Compares one case. `graphRevisions` is the project's graph (for ancestry checks).
Verdict compare(const Case &c, const Outcome &alembic, const Outcome &strata, const QList<Revision> &graphRevisions,
                bool sqlite);

/// The text a listing command printed, normalised as described above.
QString normaliseListing(const Case &c, const QString &text);

} // namespace alembicdiff
