#pragma once

// StatementSplitter: cuts a SQL script into statements at top-level semicolons, on top of
// SqlLexer, so a ';' inside a string, quoted identifier, dollar quote or comment never
// ends a statement. Used by the console (run the statement under the cursor, run a
// script statement by statement) and by the migration runner and offline renderer.
// Beyond the lexer's constructs it knows statement bodies that hold semicolons in code:
// SQLite's CREATE TRIGGER ... BEGIN ... END (CASE ... END inside) and PostgreSQL's
// CREATE FUNCTION/PROCEDURE ... BEGIN ATOMIC ... END. As psql does, it tracks the depth of
// parentheses: a ';' inside ( ) never ends a statement (PostgreSQL's
// `CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT ...; INSERT ...)`; SQLite never has one
// there in valid SQL). Pieces holding only whitespace and comments are dropped. A
// statement's text runs from its first to its last code token, so comments in the middle
// stay and trailing ones do not. A string, quoted identifier, dollar quote or block comment
// left open at the end runs to the end of the text (unterminated() finds it: callers that
// must run every byte refuse such a script).

#include "sqllexer.h"

#include <QList>
#include <QString>
#include <optional>

namespace strata::dialect {

struct SqlStatement {
    QString text;      ///< without the terminating ';'
    int offset = 0;    ///< index of the statement's first character in the script
    int length = 0;    ///< text.size(): the statement is script.mid(offset, length)
    int line = 0;      ///< 0-based line of the first character in the script
    int column = 0;    ///< 0-based column of the first character
    bool terminated = false;   ///< a ';' follows it
    int terminatorEnd = 0;     ///< index after the ';' (or after the text when unterminated)

    int end() const { return offset + length; }
};

/// A 0-based line and column in a text; \r\n and \n both end a line.
struct TextPosition {
    int line = 0;
    int column = 0;
};

/// Line and column of character index `offset` in `text`.
TextPosition positionOf(const QString &text, int offset);

/// A string, quoted identifier, dollar quote or block comment that is opened and never
/// closed: it swallows the rest of the text.
struct UnterminatedConstruct {
    TokenKind kind = TokenKind::String;
    int offset = 0;        ///< where it opens
    QString opening;       ///< how it opens: "'", "E'", "\"", "$body$", "/*", ...

    /// "an unterminated /* comment", "an unterminated string ('...)", ...
    QString description() const;
};

class StatementSplitter {
public:
    static QList<SqlStatement> split(const QString &sql, DialectKind dialect = DialectKind::Postgres);
    /// Statements of sql[from, to); offsets, lines and columns stay relative to all of `sql`.
    static QList<SqlStatement> split(const QString &sql, int from, int to, DialectKind dialect);
    /// True when the last statement of `sql` is terminated by a ';' (or there is none).
    static bool isTerminated(const QString &sql, DialectKind dialect = DialectKind::Postgres);
    /// The construct left open at the end of `sql`, if any.
    static std::optional<UnterminatedConstruct> unterminated(const QString &sql, DialectKind dialect);
    /// The first `count` words of a statement, upper case, as long as its code starts with
    /// words: {"START", "TRANSACTION"}, {"CREATE", "TRIGGER"}. The statement-level keyword,
    /// never a word inside a body, a string or a parenthesis.
    static QStringList leadingWords(const QString &statement, int count, DialectKind dialect);
    /// The statement the cursor is in (or just after, on blank space that follows it);
    /// the next one when the cursor precedes every statement; nothing for an empty script.
    static std::optional<SqlStatement> statementAt(const QString &sql, int cursor,
                                                   DialectKind dialect = DialectKind::Postgres);
};

} // namespace strata::dialect
