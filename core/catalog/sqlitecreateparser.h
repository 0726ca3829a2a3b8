#pragma once

// Reads the few facts SQLite keeps only in the CREATE text of sqlite_schema: CHECK
// constraints and constraint names, generation expressions, index expressions and WHERE
// clauses, trigger timing and events, and the SELECT of a view. The pragmas cover
// everything else.
//
// This is not a SQL parser: it tokenizes (with dialect/sqllexer.h) the statement SQLite already accepted (quotes,
// brackets, backticks, comments and nested parentheses respected) and walks the few
// shapes of CREATE TABLE / INDEX / TRIGGER / VIEW. Texts it returns are slices of the
// original statement, so expressions keep the user's spelling.

#include "dialect/dialect.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace strata::catalog::sqliteparser {

struct Token {
    enum class Type { Word, Identifier, String, Number, Punct };
    Type type = Type::Punct;
    QString text;       ///< the raw text, quotes included
    int begin = 0;      ///< offset in the statement
    int end = 0;        ///< one past the last character
    bool isWord(const char *keyword) const;
    bool isPunct(char c) const;
};

/// Tokens of `sql` without whitespace and comments, from the one SQL lexer
/// (dialect/sqllexer.h): strings, quoted identifiers, comments (and on PostgreSQL dollar
/// quotes and E'' strings) end where the database ends them. Operators are Punct tokens.
QList<Token> tokenize(const QString &sql, dialect::DialectKind kind = dialect::DialectKind::Sqlite);

/// The name a Word or quoted token stands for: "a""b" -> a"b, [x] -> x, `x` -> x.
QString unquote(const Token &token);

struct ParsedConstraint {
    QString name;               ///< after CONSTRAINT; empty when unnamed
    QString kind;               ///< "PRIMARY KEY", "UNIQUE", "CHECK", "FOREIGN KEY"
    QStringList columns;        ///< the constrained columns (the column itself for column constraints)
    QString expression;         ///< CHECK: the expression inside the parentheses
    QString text;               ///< the constraint as written, without the CONSTRAINT name
};

struct ParsedColumn {
    QString name;
    QString generationExpression;   ///< inside GENERATED ALWAYS AS ( ... ) / AS ( ... )
    QString collation;              ///< after COLLATE
    QList<ParsedConstraint> constraints;
};

struct ParsedTable {
    QList<ParsedColumn> columns;
    QList<ParsedConstraint> constraints;   ///< table constraints

    /// Column and table constraints of one kind, in the order they were written.
    QList<ParsedConstraint> allOfKind(const QString &kind) const;
};

/// The column definitions and table constraints of a CREATE TABLE statement; empty for
/// CREATE TABLE ... AS SELECT and virtual tables.
ParsedTable parseCreateTable(const QString &sql);

struct ParsedIndex {
    QStringList parts;          ///< each indexed column or expression, without ASC/DESC
    QString predicate;          ///< the WHERE clause of a partial index, without WHERE
};

ParsedIndex parseCreateIndex(const QString &sql);

struct ParsedTrigger {
    QString timing;             ///< BEFORE, AFTER or INSTEAD OF (SQLite's default is BEFORE)
    QStringList events;         ///< INSERT, UPDATE or DELETE
};

ParsedTrigger parseCreateTrigger(const QString &sql);

/// The SELECT statement of a CREATE VIEW, without a trailing semicolon.
QString parseViewSelect(const QString &sql);

} // namespace strata::catalog::sqliteparser
