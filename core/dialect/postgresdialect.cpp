#include "postgresdialect.h"

#include "boundsql.h"

#include <QRegularExpression>
#include <QSet>

namespace strata::dialect {

namespace {

// Keywords marked "reserved" or "reserved (can be function or type)" in PostgreSQL 15's
// Appendix C; non-reserved keywords need no quoting as column or table names.
const QSet<QString> &postgresReserved()
{
    static const QSet<QString> words = [] {
        const char *list[] = {
            "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric",
            "authorization", "binary", "both", "case", "cast", "check", "collate", "collation",
            "column", "concurrently", "constraint", "create", "cross", "current_catalog",
            "current_date", "current_role", "current_schema", "current_time",
            "current_timestamp", "current_user", "default", "deferrable", "desc", "distinct",
            "do", "else", "end", "except", "false", "fetch", "for", "foreign", "freeze", "from",
            "full", "grant", "group", "having", "ilike", "in", "initially", "inner", "intersect",
            "into", "is", "isnull", "join", "lateral", "leading", "left", "like", "limit",
            "localtime", "localtimestamp", "natural", "not", "notnull", "null", "offset", "on",
            "only", "or", "order", "outer", "overlaps", "placing", "primary", "references",
            "returning", "right", "select", "session_user", "similar", "some", "symmetric",
            "system_user", "table", "tablesample", "then", "to", "trailing", "true", "union",
            "unique", "user", "using", "variadic", "verbose", "when", "where", "window", "with",
        };
        QSet<QString> set;
        for (const char *w : list)
            set.insert(QString::fromLatin1(w));
        return set;
    }();
    return words;
}

} // namespace

Capabilities PostgresDialect::capabilities() const
{
    Capabilities c;
    c.transactionalDdl = true;
    c.returning = true;
    c.alterColumnType = true;
    c.alterColumnNullability = true;
    c.dropColumn = true;
    c.renameColumn = true;
    c.schemas = true;
    c.ilike = true;
    c.advisoryLocks = true;
    c.copy = true;
    return c;
}

bool PostgresDialect::isReservedWord(const QString &word) const
{
    return postgresReserved().contains(word.toLower());
}

bool PostgresDialect::needsQuoting(const QString &name) const
{
    // Unquoted names fold to lower case, so anything with upper case must be quoted.
    static const QRegularExpression plain(QStringLiteral("^[a-z_][a-z0-9_$]*$"));
    return !plain.match(name).hasMatch() || isReservedWord(name);
}

QString PostgresDialect::bytesLiteral(const QByteArray &bytes) const
{
    return QStringLiteral("'\\x") + QString::fromLatin1(bytes.toHex()) + QStringLiteral("'::bytea");
}

QString PostgresDialect::unchangedCondition(const ComparedColumn &column, const QVariant &value, SqlParams &params) const
{
    // See comparedcolumn.h for why each form.
    const QString quoted = quoteIdentifier(column.name);
    const QString holder = params.add(value);
    const QString cast = column.typeName.isEmpty() ? QString() : QStringLiteral("::") + column.typeName;
    if (column.equality == Equality::TextForm)
        return quoted + QStringLiteral("::text IS NOT DISTINCT FROM ") + holder + cast + QStringLiteral("::text");
    return quoted + QStringLiteral(" IS NOT DISTINCT FROM ") + holder + cast;
}

QString PostgresDialect::boolLiteral(bool value) const
{
    return value ? QStringLiteral("TRUE") : QStringLiteral("FALSE");
}

ErrorKind PostgresDialect::kindForSqlState(const QString &state)
{
    if (state.isEmpty())
        return ErrorKind::Internal;
    if (state == QLatin1String("57014"))
        return ErrorKind::Cancelled;                 // query_canceled
    if (state == QLatin1String("25006") || state == QLatin1String("42501"))
        return ErrorKind::Permission;                // read_only_sql_transaction, insufficient_privilege
    if (state == QLatin1String("3D000") || state == QLatin1String("42P01") || state == QLatin1String("42703")
        || state == QLatin1String("42883") || state == QLatin1String("3F000"))
        return ErrorKind::NotFound;                  // database, table, column, function, schema
    if (state == QLatin1String("55P03") || state == QLatin1String("40P01") || state == QLatin1String("40001"))
        return ErrorKind::Busy;                      // lock_not_available, deadlock, serialization
    const QStringView cls = QStringView(state).left(2);
    if (cls == u"23")
        return ErrorKind::Constraint;
    if (cls == u"22")
        return ErrorKind::Constraint;                // data exceptions: invalid value for the type
    if (cls == u"28")
        return ErrorKind::Auth;
    if (cls == u"08" || cls == u"57")
        return ErrorKind::Connection;
    if (cls == u"42")
        return ErrorKind::Syntax;
    if (cls == u"53" || cls == u"58")
        return ErrorKind::Io;
    return ErrorKind::Internal;
}

Error PostgresDialect::mapError(const QSqlError &error, const QString &sql) const
{
    QString message = error.databaseText().isEmpty() ? error.text() : error.databaseText();
    message = message.trimmed();
    // QPSQL appends "(SQLSTATE)" to the server's text; the code travels in sqlState, so the
    // message keeps the server's words only.
    const QString appended = QStringLiteral("(%1)").arg(error.nativeErrorCode());
    if (!error.nativeErrorCode().isEmpty() && message.endsWith(appended))
        message = message.chopped(appended.size()).trimmed();
    Error e(kindForSqlState(error.nativeErrorCode()), message);
    e.sqlState = error.nativeErrorCode();
    e.sql = sql;
    if (e.sqlState.isEmpty() && error.type() == QSqlError::ConnectionError)
        e.kind = ErrorKind::Connection;
    else if (e.sqlState.isEmpty())
        e.kind = ErrorKind::Syntax;
    return e;
}

} // namespace strata::dialect
