#pragma once

// ProjectConfig: the settings of a migrations project, read from `strata.ini` ([strata]
// section) or, read-only, from an Alembic `alembic.ini` ([alembic] section).
//
//   [strata]
//   script_location = versions            (relative to the ini file; may be ":/res/path")
//   version_table = strata_version
//   version_table_schema =                (PostgreSQL only, optional)
//   url = sqlite:///books.db              (optional)
//   transaction_per_migration = false
//   file_template = %(rev)s_%(slug)s
//   truncate_slug_length = 40
//   dialects = sqlite, postgresql         (optional; default: the database's dialect)
//   strict_drift = false                  (true: refuse every command while an applied
//                                          revision's file differs from what ran)

#include "base/result.h"

#include <QString>
#include <QStringList>

namespace strata::migrate {

struct ProjectConfig {
    QString iniPath;            ///< the file read; empty for a project built in code
    QString projectDir;         ///< directory of the ini file
    QString scriptDir;          ///< absolute directory (or ":/..." resource path) of the revisions
    QString versionTable = QStringLiteral("strata_version");
    QString versionTableSchema;
    QString url;
    bool transactionPerMigration = false;
    QString fileTemplate = QStringLiteral("%(rev)s_%(slug)s");
    int truncateSlugLength = 40;
    bool alembic = false;       ///< an Alembic project: Python revisions, read-only
    /// The dialects the revisions target ("sqlite", "postgresql"); empty: only the dialect
    /// of the database a command runs on. With two, autogenerate writes per-dialect sections.
    QStringList dialects;
    /// Refuse (instead of warn) when an applied revision was edited after it ran.
    bool strictDrift = false;

    QString historyTable() const { return versionTable + QStringLiteral("_history"); }

    /// Reads `iniPath`: a [strata] section, or an [alembic] section (Alembic project).
    static Result<ProjectConfig> load(const QString &iniPath);
    /// A project whose revisions live in `scriptDir` (for applications shipping migrations
    /// in a Qt resource): every other setting has its default.
    static ProjectConfig forScriptDirectory(const QString &scriptDir);
};

} // namespace strata::migrate
