#pragma once

// Writes a revision file from a comparison: `strata-migrate revision --autogenerate`, the
// schema diff tool's "Generate revision" and the table designer's "Save".
// The upgrade section holds the compiled operations, the downgrade their reverse; with more
// than one dialect there is one section per dialect. Anything that needs review is marked by
// comments above the statements ("-- REVIEW: ..."), and the header message says what
// changed.

#include "base/result.h"
#include "migrate/ops/schemasnapshot.h"
#include "migrate/script/projectconfig.h"
#include "migrate/script/revisionscript.h"

#include <QDateTime>

namespace strata::migrate::autogen {

struct AutogenRequest {
    QString message;
    QList<ops::Operation> operations;
    /// The schema the operations apply to, one per dialect to write a section for (a
    /// project that targets both dialects passes two snapshots).
    QList<ops::SchemaSnapshot> before;
    /// Operations per dialect, parallel to `before` (each dialect compared on its own);
    /// empty: `operations` for every dialect.
    QList<QList<ops::Operation>> operationsPerDialect;
    QString revisionId;                   ///< empty: generated
    QStringList downRevisions;            ///< empty: the current heads of the project
};

/// The revision text (header and sections) without writing it.
Result<RevisionScript> renderRevision(const ProjectConfig &config, const AutogenRequest &request,
                                      const QDateTime &created = QDateTime::currentDateTime());
/// Renders and writes the revision into the project's script directory; returns it with
/// its path set.
Result<RevisionScript> writeRevision(const ProjectConfig &config, const AutogenRequest &request,
                                     const QDateTime &created = QDateTime::currentDateTime());

} // namespace strata::migrate::autogen
