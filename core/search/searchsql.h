#pragma once

// The SQL that quick open and "Search in database" run, written through the dialect:
// identifiers quoted by it, the searched value bound as a parameter. Pure functions.

#include "catalog/catalogtypes.h"
#include "dialect/dialect.h"

#include <QStringList>
#include <QVariantList>

namespace strata::search {

/// `SELECT * FROM <name>` for quick open's Ctrl+Enter: the name quoted where it needs it
/// (the text is shown to the person), schema-qualified except SQLite's "main".
QString selectAllSql(const dialect::Dialect &dialect, const QString &schema, const QString &name);

/// Whether a column of this declared type holds text the value search looks through
/// (SQLite: TEXT/CHAR/CLOB affinity or no declared type; PostgreSQL: text, varchar, char,
/// citext, name).
bool isTextColumn(dialect::DialectKind kind, const QString &dataType);

/// One table's value search: the row key columns, then the text columns, of the rows where
/// any text column contains the value (case-insensitively, as the dialect can: ILIKE on
/// PostgreSQL, LIKE on SQLite, which folds ASCII only), at most `limit` rows.
struct ValueSearchQuery {
    QString sql;
    QVariantList values;      ///< one bound pattern per text column
    QStringList keyColumns;   ///< the primary key, else rowid (SQLite) / ctid (PostgreSQL)
    QStringList textColumns;
    bool isEmpty() const { return textColumns.isEmpty(); }
};

/// Empty when there is nothing to search (no text column). A view has no row key.
ValueSearchQuery valueSearchQuery(const dialect::Dialect &dialect, const catalog::TableDetail &table, const QString &value,
                                  int limit);

/// `value` as a LIKE pattern matching it anywhere: %, _ and \ escaped with \.
QString containsPattern(const QString &value);

}   // namespace strata::search
