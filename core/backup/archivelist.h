#pragma once

// ArchiveList: an archive's table of contents as `pg_restore --list` prints it, parsed into
// entries the restore dialog shows as a tree with checkboxes, and written back (with the
// entries left out commented) as the --use-list file that restores only the selection.
//
//   ;     dbname: shop
//   ;     Dumped by pg_dump version: 15.18 (Debian 15.18-0+deb12u1)
//   217; 1259 16395 TABLE public authors strata_test
//   3410; 0 16395 TABLE DATA public authors strata_test
//   3437; 0 0 ACL - SCHEMA public pg_database_owner
//
// An entry is "<dump id>; <catalog oid> <oid> <kind> <schema or -> <tag> <owner>", where the
// kind ("TABLE DATA", "FK CONSTRAINT") and the tag ("book_count(integer)", "books books_pkey")
// may hold spaces: kinds are matched against pg_dump's list, the owner is the last word.

#include "backupoptions.h"
#include "base/result.h"
#include "pgversion.h"

#include <QList>
#include <QString>

namespace strata::backup {

struct ArchiveEntry {
    int id = 0;
    QString kind;        ///< "TABLE", "TABLE DATA", "FUNCTION", "FK CONSTRAINT", …
    QString schema;      ///< empty for objects outside a schema ("-" in the list)
    QString tag;         ///< the object's name as pg_dump tags it
    QString owner;
    QString line;        ///< the line as printed

    /// Whether restoring it writes rows (TABLE DATA, SEQUENCE SET, BLOBS, …).
    bool isData() const;
};

struct ArchiveList {
    QString database;              ///< the database it was dumped from
    QString format;                ///< "CUSTOM", "DIRECTORY", "TAR"
    PgVersion dumpedFrom;          ///< the server's version
    PgVersion dumpedBy;            ///< pg_dump's version
    QList<ArchiveEntry> entries;   ///< in the archive's order

    /// Parses `pg_restore --list` output. Output without any entry and header is an error.
    static Result<ArchiveList> parse(const QString &listing);

    /// The --use-list text restoring only `ids`, in the archive's order (others commented out).
    QString useListText(const QList<int> &ids) const;
};

/// What a backup file or folder is: a folder with toc.dat is Directory, "PGDMP" at the start
/// Custom, a "ustar" header Tar, text Plain. A gzip-compressed plain file (pg_dump -Z with the
/// plain format) is an error saying to decompress it; a missing path is NotFound.
Result<ArchiveFormat> detectArchiveFormat(const QString &path);

} // namespace strata::backup
