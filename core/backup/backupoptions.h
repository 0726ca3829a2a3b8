#pragma once

// What a backup or a restore should do, as plain values: the dialogs fill them, the command
// builder (pgcommand.h) turns them into pg_dump / pg_restore / psql arguments, the jobs run
// them. Names of schemas and tables are raw (as the catalog stores them, never quoted).

#include "connection/connectionprofile.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace strata::backup {

enum class ArchiveFormat { Custom, Directory, Tar, Plain };

/// "custom", "directory", "tar", "plain" (pg_dump --format values).
QString formatName(ArchiveFormat format);
/// The usual file suffix: ".dump", "" (a folder), ".tar", ".sql".
QString formatSuffix(ArchiveFormat format);

enum class Content { Everything, SchemaOnly, DataOnly };

/// A qualified table name, raw.
struct TableName {
    QString schema;
    QString name;
    bool operator==(const TableName &) const = default;
};

/// What pg_dump and pg_restore share: which objects come along and how they are written.
struct ObjectOptions {
    int jobs = 1;                    ///< parallel jobs (dump: directory format; restore: not with a single transaction)
    Content content = Content::Everything;
    bool noOwner = false;
    bool noPrivileges = false;
    bool clean = false;              ///< DROP before CREATE (dump: plain format; stored for the others)
    bool ifExists = false;           ///< with clean: DROP ... IF EXISTS
};

/// pg_dump's options (issue 23 item 1).
struct DumpOptions : ObjectOptions {
    ArchiveFormat format = ArchiveFormat::Custom;
    QString outputPath;              ///< a file, or a folder for Directory (must not exist or be empty)
    QStringList schemas;             ///< only these schemas; empty: all
    QList<TableName> tables;         ///< only these tables; empty: all
    QList<TableName> excludeTableData;   ///< definitions kept, rows left out
    int compression = -1;            ///< 0-9; -1: pg_dump's default
    QString encoding;                ///< empty: the database's
};

/// pg_restore's (or psql's, for a plain file) options (item 2).
struct RestoreOptions : ObjectOptions {
    QString inputPath;
    ArchiveFormat format = ArchiveFormat::Custom;   ///< as detected (ArchiveReader)
    QString targetDatabase;          ///< empty: the profile's database
    bool createDatabase = false;     ///< --create: make the archive's database first (connects to targetDatabase)
    bool singleTransaction = false;
    bool exitOnError = true;         ///< stop at the first error; false: continue and collect them
    /// Dump ids (the first field of `pg_restore -l`) to restore; empty: the whole archive.
    QList<int> selectedIds;
};

/// Where the programs connect: the profile (without password) and the password, if any.
struct ConnectionTarget {
    connection::ConnectionProfile profile;
    std::optional<QString> password;
};

} // namespace strata::backup
