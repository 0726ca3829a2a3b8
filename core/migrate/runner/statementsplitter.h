#pragma once

// StatementSplitter: cuts a SQL script into statements at top-level semicolons, for the
// PostgreSQL runner (which sends each statement on its own so that every statement is
// logged and an error points at its statement and line) and for offline rendering.
// It understands '...' with doubled quotes, E'...' with backslash escapes, "..."
// identifiers, dollar quotes ($$...$$, $tag$...$tag$), -- comments, nested /* */
// comments, and SQLite's CREATE TRIGGER ... BEGIN ... END; bodies (CASE ... END inside).
// Pieces holding only whitespace and comments are dropped.

#include <QList>
#include <QString>

namespace strata::migrate {

struct SqlStatement {
    QString text;      ///< without the terminating ';'
    int offset = 0;    ///< index of the statement's first character in the script
    int line = 0;      ///< 0-based line of the first character in the script
};

class StatementSplitter {
public:
    static QList<SqlStatement> split(const QString &sql);
    /// True when the last statement of `sql` is terminated by a ';'.
    static bool isTerminated(const QString &sql);
};

} // namespace strata::migrate
