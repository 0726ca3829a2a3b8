#pragma once

// A Dialect knows how one database writes SQL: how identifiers are quoted, how values are
// written as literals (for display and export only: statements bind values as parameters),
// what the server can do, and how its errors map to Strata's Error kinds.
// Every SQL text Strata generates is built through a Dialect. Dialects are immutable and
// stateless, so one instance may be shared by every thread.

#include "base/error.h"
#include "columntype.h"
#include "comparedcolumn.h"

#include <QSqlError>
#include <QString>
#include <QStringList>
#include <QVariant>

namespace strata::dialect {

enum class DialectKind { Sqlite, Postgres };

class SqlParams;

struct Capabilities {
    bool transactionalDdl = false;   ///< CREATE/ALTER/DROP roll back with the transaction
    bool returning = false;          ///< INSERT/UPDATE/DELETE ... RETURNING
    bool alterColumnType = false;    ///< ALTER TABLE ... ALTER COLUMN ... TYPE
    bool alterColumnNullability = false;
    bool dropColumn = false;         ///< ALTER TABLE ... DROP COLUMN (SQLite >= 3.35)
    bool renameColumn = false;       ///< ALTER TABLE ... RENAME COLUMN (SQLite >= 3.25)
    bool schemas = false;            ///< real namespaces (PostgreSQL schemas)
    bool ilike = false;              ///< ILIKE operator
    bool advisoryLocks = false;      ///< pg_advisory_lock
    bool copy = false;               ///< COPY FROM STDIN
};

enum class QuotePolicy {
    Always,      ///< always delimit: for generated statements
    WhenNeeded,  ///< only names that need it: for SQL shown to people
};

class Dialect {
public:
    virtual ~Dialect() = default;

    virtual DialectKind kind() const = 0;
    /// "sqlite" / "postgresql": the name used in URLs and per-dialect migration sections.
    virtual QString name() const = 0;
    /// The QtSql driver name: "QSQLITE" / "QPSQL".
    virtual QString qtDriverName() const = 0;
    virtual Capabilities capabilities() const = 0;

    /// Delimits an identifier: embedded quote characters are doubled, so any name
    /// (spaces, quotes, Unicode, reserved words, the empty name) is quoted safely.
    QString quoteIdentifier(const QString &name, QuotePolicy policy = QuotePolicy::Always) const;
    /// schema.name, each part quoted; an empty schema gives just the quoted name.
    QString qualifiedName(const QString &schema, const QString &name,
                          QuotePolicy policy = QuotePolicy::Always) const;
    /// True when `word` is a reserved word of this dialect (case-insensitive).
    virtual bool isReservedWord(const QString &word) const = 0;

    /// A SQL literal for display and export (never used to run user values).
    virtual QString literal(const QVariant &value) const;
    /// A string literal: 'it''s'.
    QString stringLiteral(const QString &text) const;

    /// The positional placeholder QtSql expects for bound values ("?"; QPSQL rewrites it).
    QString placeholder() const { return QStringLiteral("?"); }

    /// The type name this dialect declares for a portable column type (typenames.cpp).
    QString typeName(ColumnType type) const;
    /// The column definition of an auto-generated integer key: SQLite's rowid alias
    /// (INTEGER PRIMARY KEY AUTOINCREMENT, so the key is inline) or PostgreSQL's identity.
    QString autoIncrementColumn(const QString &quotedName, ColumnType type) const;

    /// "`column` still holds `value`" (NULL-safe; `value` as read: PostgreSQL text output,
    /// SQLite in its storage class), binding the value into `params`. The one rule for
    /// "unchanged since read" checks: see comparedcolumn.h.
    virtual QString unchangedCondition(const ComparedColumn &column, const QVariant &value, SqlParams &params) const = 0;

    /// Maps a QtSql error to Strata's Error, keeping the native code and the SQL.
    virtual Error mapError(const QSqlError &error, const QString &sql = {}) const = 0;

protected:
    virtual bool needsQuoting(const QString &name) const = 0;
    virtual QString bytesLiteral(const QByteArray &bytes) const = 0;
    /// A double that reads back to the same bits (NaN and infinities as the dialect spells them).
    virtual QString floatLiteral(double value) const;
    /// A text value; the base class writes a string literal.
    virtual QString textLiteral(const QString &text) const;
    /// Text given as its bytes, which need not be valid UTF-8 (base/undecodabletext.h).
    virtual QString textBytesLiteral(const QByteArray &bytes) const;
    virtual QString boolLiteral(bool value) const = 0;
};

/// The shared immutable dialect for a kind.
const Dialect &dialectFor(DialectKind kind);

} // namespace strata::dialect
