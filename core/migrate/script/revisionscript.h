#pragma once

// RevisionScript: one revision file as read from disk (or from a Qt resource), a value.
//
// File format (fixed; see the README):
//   -- revision: 1975ea83b712
//   -- down_revision: none | <id> | <id>, <id>
//   -- message: create books table
//   -- branch_labels: reviews          (optional, comma-separated)
//   -- depends_on: 27c6a30d7c24        (optional, comma-separated)
//   -- transactional: false            (optional; default true)
//   -- created: 2026-11-21 10:00:00
//
//   -- +upgrade                        or  -- +upgrade postgresql / -- +upgrade sqlite
//   ...SQL...
//   -- +downgrade                      (same per-dialect forms)
//   ...SQL...

#include "base/result.h"
#include "migrate/graph/revisiongraph.h"

#include <QMap>
#include <QString>
#include <QStringList>

namespace strata::migrate {

struct RevisionSection {
    QString sql;
    int line = 0;   ///< line of the first SQL line in the file (1-based)
};

/// Something in a revision file that is read, but probably not as its author meant (e.g. a
/// header key below the first section, which is SQL there).
struct RevisionWarning {
    SourceLocation location;
    QString message;

    /// "file:line: warning: message"
    QString text() const;
};

struct RevisionScript {
    QString id;
    QStringList downRevisions;
    QString message;
    QStringList branchLabels;
    QStringList dependsOn;
    bool transactional = true;
    QString created;

    QString path;          ///< file path (or ":/..." resource path)
    QString displayPath;   ///< path shown in messages (relative to the project)
    /// SHA-256 (hex) of the file's bytes as read (ScriptStore::load), or of the script's
    /// content for scripts built in code: equal fingerprints, equal text. A confirmation
    /// keeps it so the run can tell whether the file changed since (ConfirmedRevisions).
    QString fingerprint;
    int revisionLine = 0;
    int downRevisionLine = 0;
    int dependsOnLine = 0;
    int branchLabelsLine = 0;
    /// "upgrade", "downgrade", "upgrade postgresql", "downgrade sqlite", ...
    QMap<QString, RevisionSection> sections;
    bool python = false;   ///< an Alembic .py revision: readable, not runnable
    QList<RevisionWarning> warnings;   ///< found while parsing; commands print them

    RevisionNode toNode() const;
    /// The SQL to run in `direction` on the dialect named `dialectName` ("sqlite",
    /// "postgresql"): the per-dialect section when the file has one, else the plain one.
    /// No section for that dialect is a Migration error naming the file.
    Result<RevisionSection> section(Direction direction, const QString &dialectName) const;
    /// Alembic's "long doc": the message, then Revision ID / Revises / Create Date lines.
    QString longDoc() const;
};

/// The id rules: 1..32 characters, none of '@', '-', '+', ',', whitespace; not a
/// reserved target word. Returns an empty string when valid, else why not.
QString invalidRevisionIdReason(const QString &id);

/// SQL with line endings normalised to \n, trailing whitespace removed from each line, and
/// leading/trailing blank lines dropped: what checksums compare.
QString normalizedSql(const QString &sql);
/// SHA-256 (hex) of normalizedSql(sql): the checksum older versions recorded (upgrade
/// section only); see revisionchecksum.h for what is recorded now.
QString sqlChecksum(const QString &sql);

QString directionName(Direction direction);

} // namespace strata::migrate
