#pragma once

// Parameters in user SQL, found with SqlLexer (so a ':x' inside a string or comment, or
// PostgreSQL's '::' cast, is never one): PostgreSQL $1 and :name; SQLite ?, ?NNN, :name,
// @name and $name. Each gets a key the console prompts for and binds by:
//   $1 -> "$1", ?3 -> "?3", :name -> ":name"; a bare ? -> "?N" with N the index SQLite
//   gives it (one more than the largest so far in its statement).
// Values are always bound (PQexecParams / sqlite3_bind_*), never written into the SQL;
// for PostgreSQL, :name is renumbered to $n token by token.

#include "base/result.h"
#include "sqllexer.h"
#include "statementoutcome.h"

#include <QList>
#include <QStringList>

namespace strata::exec {

struct ParameterRef {
    QString key;
    int start = 0;    ///< character index in the text searched
    int length = 0;
};

class SqlParameters {
public:
    /// Parameters of one statement, in order of appearance.
    static QList<ParameterRef> find(const QString &statement, DialectKind dialect);
    /// Distinct keys of all statements of script[from, to), in order of first appearance.
    static QStringList keys(const QString &script, int from, int to, DialectKind dialect);

    /// A PostgreSQL statement ready for PQexecParams: :name replaced by $n, values in $n order.
    struct PostgresBinding {
        QString sql;
        QList<QVariant> values;
        /// Maps a character index in `sql` back to the statement as written.
        int originalIndex(int index) const;

        QList<QPair<int, int>> edits;   ///< (index in sql after which the shift applies, shift)
    };
    /// Fails (Syntax) when a parameter has no value.
    static Result<PostgresBinding> bindPostgres(const QString &statement, const ParameterValues &values);
};

} // namespace strata::exec
