#pragma once

// Compares the schema a database has (`current`) with the schema it should have (`target`)
// and lists the operations that turn one into the other, ordered by dependencies (enums and
// sequences first, referenced tables before their referrers, views after the tables they
// read; drops in the reverse order). Types are compared by meaning ("int4" = "integer",
// "varchar(30)" = "character varying(30)", SQLite affinity names case-insensitively) and
// server defaults normalised ("'x'::text" = "'x'", "nextval(...)" of an identity is not a
// default), so a database created from the target yields no operations.
// When a table (or a column) disappears and one of the same shape appears, a RenameProposal
// is made: accepted, it becomes RenameTable / RenameColumn instead of drop + create.

#include "base/result.h"
#include "migrate/ops/schemasnapshot.h"

namespace strata::migrate::autogen {

struct RenameProposal {
    enum class Kind { Table, Column };
    Kind kind = Kind::Table;
    QString schema;
    QString table;              ///< Column: the table (its name in the target)
    QString from;
    QString to;
    bool accepted = true;
    bool operator==(const RenameProposal &) const = default;
};

struct CompareOptions {
    bool proposeRenames = true;           ///< false: --no-renames
    /// Decisions already taken, "old=new" for tables or "table.old=new" for columns
    /// (--rename); they win over proposals and are applied even when shapes differ.
    QStringList forcedRenames;
    /// Proposals the user rejected (accepted = false): compared as drop + add.
    QList<RenameProposal> rejected;
    /// Tables never compared: the version and history tables by default.
    QStringList ignoreTables = {QStringLiteral("strata_version"), QStringLiteral("strata_version_history"),
                                QStringLiteral("alembic_version")};
    bool compareViews = true;
};

struct Comparison {
    QList<ops::Operation> operations;     ///< renames included as RenameTable / RenameColumn
    QList<RenameProposal> renames;        ///< every rename in `operations`, for review
    bool isEmpty() const { return operations.isEmpty(); }
};

/// The operations from `current` to `target` (both of the same dialect and schema name).
Result<Comparison> compare(const ops::SchemaSnapshot &current, const ops::SchemaSnapshot &target,
                           const CompareOptions &options = {});

/// The canonical spelling of a declared type, for comparison: "int4" -> "integer",
/// "character varying(30)" -> "varchar(30)", "timestamptz" -> "timestamp with time zone".
QString normalizeType(dialect::DialectKind dialect, const QString &type);
/// A default expression without casts of literals, redundant parentheses or case noise;
/// empty for NULL and for identity/serial sequence defaults.
QString normalizeDefault(dialect::DialectKind dialect, const QString &expression);

} // namespace strata::migrate::autogen
