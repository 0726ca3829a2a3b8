#pragma once

// VersionTable: the database side of revision tracking, as Alembic keeps it: a table
// (default `strata_version`) with one `version_num VARCHAR(32)` row per current head, and
// beside it `<table>_history` (revision, direction, checksum, applied_at, duration_ms,
// strata_version) recording what ran, so that `verify` can find edited files.
// Every UPDATE and DELETE of a version row must hit exactly one row, or the change fails
// (someone else changed the table). Statements are built through the dialect; values are
// bound. Each statement is described once (VersionStatement: SQL with placeholders and its
// values): VersionTable runs it bound, the static *Sql functions write it with the values as
// literals for offline scripts.
// Owning thread of the QSqlDatabase only.

#include "base/result.h"
#include "dialect/dialect.h"
#include "migrate/graph/revisiongraph.h"

#include <QDateTime>
#include <QSqlDatabase>

namespace strata::migrate {

struct HistoryRow {
    QString revision;
    QString direction;   ///< "upgrade", "downgrade" or "stamp"
    QString checksum;    ///< empty for stamp rows
    QString appliedAt;
    qint64 durationMs = 0;
    QString strataVersion;
};

/// A statement on the version tables: SQL with "?" placeholders and the values for them.
struct VersionStatement {
    QString sql;
    QVariantList values;
};

struct VersionTableName {
    QString schema;      ///< PostgreSQL only; empty: the search path
    QString table = QStringLiteral("strata_version");
    QString historyTable() const { return table + QStringLiteral("_history"); }
};

class VersionTable {
public:
    VersionTable(const QSqlDatabase &db, VersionTableName name);

    Result<bool> exists() const;
    /// Creates whichever of the two tables is missing (checked first, so PostgreSQL never
    /// sends a "relation already exists, skipping" notice about Strata's own tables).
    Status create();
    /// The current heads; empty when the table does not exist.
    Result<QStringList> heads() const;
    Status apply(const HeadChange &change);
    Status record(const QString &revision, const QString &direction, const QString &checksum, qint64 durationMs);
    /// Oldest first; empty when the history table does not exist.
    Result<QList<HistoryRow>> history() const;

    static QString createVersionTableSql(const dialect::Dialect &d, const VersionTableName &name);
    static QString createHistoryTableSql(const dialect::Dialect &d, const VersionTableName &name);
    /// The statements of `change` with values as literals (offline scripts).
    static QStringList changeSql(const dialect::Dialect &d, const VersionTableName &name, const HeadChange &change);
    static QString recordSql(const dialect::Dialect &d, const VersionTableName &name, const QString &revision,
                             const QString &direction, const QString &checksum);
    static QString dropVersionTableSql(const dialect::Dialect &d, const VersionTableName &name);

    /// The statements of `change`, bound (what apply() runs and changeSql() writes).
    static QList<VersionStatement> changeStatements(const dialect::Dialect &d, const VersionTableName &name,
                                                    const HeadChange &change);
    /// The history row of one step, bound. An invalid `appliedAt` is the server's current time.
    static VersionStatement recordStatement(const dialect::Dialect &d, const VersionTableName &name, const QString &revision,
                                            const QString &direction, const QString &checksum, const QVariant &appliedAt,
                                            const QVariant &durationMs);

private:
    Status run(const QString &sql, const QVariantList &values, int expectRows = -1) const;
    Result<bool> tableExists(const QString &table) const;

    QSqlDatabase m_db;
    const dialect::Dialect *m_dialect;
    VersionTableName m_name;
    mutable QDateTime m_lastApplied;
};

} // namespace strata::migrate
