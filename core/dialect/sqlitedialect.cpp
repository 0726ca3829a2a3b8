#include "sqlitedialect.h"

#include "boundsql.h"

#include <QRegularExpression>
#include <QSet>

namespace strata::dialect {

namespace {

// https://www.sqlite.org/lang_keywords.html
const QSet<QString> &sqliteKeywords()
{
    static const QSet<QString> words = [] {
        const char *list[] = {
            "ABORT", "ACTION", "ADD", "AFTER", "ALL", "ALTER", "ALWAYS", "ANALYZE", "AND", "AS",
            "ASC", "ATTACH", "AUTOINCREMENT", "BEFORE", "BEGIN", "BETWEEN", "BY", "CASCADE",
            "CASE", "CAST", "CHECK", "COLLATE", "COLUMN", "COMMIT", "CONFLICT", "CONSTRAINT",
            "CREATE", "CROSS", "CURRENT", "CURRENT_DATE", "CURRENT_TIME", "CURRENT_TIMESTAMP",
            "DATABASE", "DEFAULT", "DEFERRABLE", "DEFERRED", "DELETE", "DESC", "DETACH",
            "DISTINCT", "DO", "DROP", "EACH", "ELSE", "END", "ESCAPE", "EXCEPT", "EXCLUDE",
            "EXCLUSIVE", "EXISTS", "EXPLAIN", "FAIL", "FILTER", "FIRST", "FOLLOWING", "FOR",
            "FOREIGN", "FROM", "FULL", "GENERATED", "GLOB", "GROUP", "GROUPS", "HAVING", "IF",
            "IGNORE", "IMMEDIATE", "IN", "INDEX", "INDEXED", "INITIALLY", "INNER", "INSERT",
            "INSTEAD", "INTERSECT", "INTO", "IS", "ISNULL", "JOIN", "KEY", "LAST", "LEFT",
            "LIKE", "LIMIT", "MATCH", "MATERIALIZED", "NATURAL", "NO", "NOT", "NOTHING",
            "NOTNULL", "NULL", "NULLS", "OF", "OFFSET", "ON", "OR", "ORDER", "OTHERS", "OUTER",
            "OVER", "PARTITION", "PLAN", "PRAGMA", "PRECEDING", "PRIMARY", "QUERY", "RAISE",
            "RANGE", "RECURSIVE", "REFERENCES", "REGEXP", "REINDEX", "RELEASE", "RENAME",
            "REPLACE", "RESTRICT", "RETURNING", "RIGHT", "ROLLBACK", "ROW", "ROWS", "SAVEPOINT",
            "SELECT", "SET", "TABLE", "TEMP", "TEMPORARY", "THEN", "TIES", "TO", "TRANSACTION",
            "TRIGGER", "UNBOUNDED", "UNION", "UNIQUE", "UPDATE", "USING", "VACUUM", "VALUES",
            "VIEW", "VIRTUAL", "WHEN", "WHERE", "WINDOW", "WITH", "WITHOUT",
        };
        QSet<QString> set;
        for (const char *w : list)
            set.insert(QString::fromLatin1(w));
        return set;
    }();
    return words;
}

// Primary result codes (the low byte of an extended code).
enum SqliteCode {
    SqliteError = 1, SqlitePerm = 3, SqliteAbort = 4, SqliteBusy = 5, SqliteLocked = 6,
    SqliteReadOnly = 8, SqliteInterrupt = 9, SqliteIoErr = 10, SqliteCorrupt = 11,
    SqliteNotFound = 12, SqliteFull = 13, SqliteCantOpen = 14, SqliteConstraint = 19,
    SqliteMismatch = 20, SqliteAuth = 23, SqliteNotADb = 26,
};

} // namespace

Capabilities SqliteDialect::capabilities() const
{
    Capabilities c;
    c.transactionalDdl = true;
    c.returning = true;          // SQLite >= 3.35; Debian 12 ships 3.40
    c.alterColumnType = false;
    c.alterColumnNullability = false;
    c.dropColumn = true;
    c.renameColumn = true;
    c.schemas = false;
    c.ilike = false;
    c.advisoryLocks = false;
    c.copy = false;
    return c;
}

bool SqliteDialect::isReservedWord(const QString &word) const
{
    return sqliteKeywords().contains(word.toUpper());
}

bool SqliteDialect::needsQuoting(const QString &name) const
{
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
    return !plain.match(name).hasMatch() || isReservedWord(name);
}

QString SqliteDialect::bytesLiteral(const QByteArray &bytes) const
{
    return QStringLiteral("X'") + QString::fromLatin1(bytes.toHex()).toUpper() + QLatin1Char('\'');
}

QString SqliteDialect::unchangedCondition(const ComparedColumn &column, const QVariant &value, SqlParams &params) const
{
    // "IS" is NULL-safe but says 5 IS 5.0: the storage class is compared as well (comparedcolumn.h).
    const QString quoted = quoteIdentifier(column.name);
    const QString first = params.add(value);
    const QString second = params.add(value);
    return QLatin1Char('(') + quoted + QStringLiteral(" IS ") + first + QStringLiteral(" AND typeof(") + quoted
         + QStringLiteral(") = typeof(") + second + QStringLiteral("))");
}

QString SqliteDialect::floatLiteral(double value) const
{
    // SQLite has no spelling for infinity but reads an overflowing literal as one; NaN cannot
    // be stored at all (it becomes NULL), so NULL is what it is written as.
    if (qIsNaN(value))
        return QStringLiteral("NULL");
    if (qIsInf(value))
        return value < 0 ? QStringLiteral("-9e999") : QStringLiteral("9e999");
    return Dialect::floatLiteral(value);
}

QString SqliteDialect::textLiteral(const QString &text) const
{
    // A statement's text ends at a NUL character, so text holding one is written as the
    // UTF-8 bytes cast to TEXT.
    if (text.contains(QChar(0)))
        return textBytesLiteral(text.toUtf8());
    return stringLiteral(text);
}

QString SqliteDialect::textBytesLiteral(const QByteArray &bytes) const
{
    return QStringLiteral("CAST(X'") + QString::fromLatin1(bytes.toHex()).toUpper() + QStringLiteral("' AS TEXT)");
}

QString SqliteDialect::boolLiteral(bool value) const
{
    return value ? QStringLiteral("1") : QStringLiteral("0");
}

Error SqliteDialect::mapError(const QSqlError &error, const QString &sql) const
{
    Error e(ErrorKind::Internal, error.databaseText().isEmpty() ? error.text() : error.databaseText());
    e.sql = sql;
    e.sqlState = error.nativeErrorCode();
    bool isNumber = false;
    const int extended = error.nativeErrorCode().toInt(&isNumber);
    const int primary = isNumber ? (extended & 0xff) : -1;
    switch (primary) {
    case SqliteConstraint: e.kind = ErrorKind::Constraint; break;
    case SqliteBusy:
    case SqliteLocked: e.kind = ErrorKind::Busy; break;
    case SqliteInterrupt: e.kind = ErrorKind::Cancelled; break;
    case SqliteReadOnly:
    case SqlitePerm:
    case SqliteAuth: e.kind = ErrorKind::Permission; break;
    case SqliteCantOpen:
    case SqliteNotFound: e.kind = ErrorKind::NotFound; break;
    case SqliteIoErr:
    case SqliteFull:
    case SqliteCorrupt:
    case SqliteNotADb: e.kind = ErrorKind::Io; break;
    case SqliteMismatch: e.kind = ErrorKind::Constraint; break;
    case SqliteAbort:
    case SqliteError:
    default:
        if (e.message.contains(QLatin1String("no such table")) || e.message.contains(QLatin1String("no such column")))
            e.kind = ErrorKind::NotFound;
        else if (e.message.contains(QLatin1String("syntax error")) || e.message.contains(QLatin1String("incomplete input"))
                 || e.message.contains(QLatin1String("unrecognized token")))
            e.kind = ErrorKind::Syntax;
        else if (error.type() == QSqlError::ConnectionError)
            e.kind = ErrorKind::Connection;
        else
            e.kind = ErrorKind::Syntax;   // SQLITE_ERROR is "SQL error or missing database"
        break;
    }
    return e;
}

} // namespace strata::dialect
