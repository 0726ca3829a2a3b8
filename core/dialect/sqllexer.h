#pragma once

// SqlLexer: one pass over SQL text that tells code from strings, quoted identifiers and
// comments, per dialect. Everything in Strata that looks inside user SQL uses it: the
// statement splitter, parameter detection, the formatter, completion, password masking in
// history and the editor's highlighter, so they all agree on where a string ends.
//
// It knows '...' with doubled quotes, E'...' with backslash escapes (PostgreSQL), X'' B''
// N'' prefixes, "..." identifiers with doubled quotes, `...` and [...] identifiers
// (SQLite), dollar quotes $$...$$ / $tag$...$tag$ (PostgreSQL), -- comments and nested
// /* */ comments (nesting is PostgreSQL's rule; SQLite ends at the first */).
// Lexing can stop at any point and resume from the returned LexState (the highlighter
// lexes one line at a time). Unterminated constructs run to the end of the text.

#include "dialect.h"

#include <QList>
#include <QString>

namespace strata::dialect {


enum class TokenKind {
    Whitespace,
    LineComment,
    BlockComment,
    String,            ///< '...', E'...', X'...' (also the continuation of one)
    DollarString,      ///< $$...$$ or $tag$...$tag$
    QuotedIdentifier,  ///< "...", `...`, [...]
    Number,
    Word,              ///< keyword or bare identifier
    Parameter,         ///< $1, ?, ?2, :name, @name, $name (SQLite)
    Operator,          ///< ::, <=, ||, +, ...
    Punctuation,       ///< ( ) , ; . [ ]
};

struct SqlToken {
    TokenKind kind = TokenKind::Whitespace;
    int start = 0;
    int length = 0;
    bool terminated = true;   ///< false when a string/comment runs to the end of the input

    int end() const { return start + length; }
    bool isCode() const
    {
        return kind != TokenKind::Whitespace && kind != TokenKind::LineComment && kind != TokenKind::BlockComment;
    }
};

/// Where the lexer stands between two calls: in code, or inside a construct that started
/// earlier (the highlighter keeps this per line).
struct LexState {
    enum class Mode { Code, BlockComment, String, EscapeString, Identifier, Backtick, Bracket, Dollar };
    Mode mode = Mode::Code;
    int depth = 0;    ///< nesting of block comments
    QString tag;      ///< the dollar-quote tag, e.g. "$body$"

    bool operator==(const LexState &) const = default;
};

class SqlLexer {
public:
    /// Lexes text[from, to) starting in `state`.
    SqlLexer(DialectKind dialect, const QString &text, int from = 0, int to = -1, LexState state = {});

    /// The next token, or false at the end.
    bool next(SqlToken &token);
    /// The state after the last token returned (Code unless it was unterminated).
    LexState state() const { return m_state; }

    /// All tokens of `text`.
    static QList<SqlToken> tokenize(DialectKind dialect, const QString &text);
    /// Only the code tokens (no whitespace, no comments).
    static QList<SqlToken> codeTokens(DialectKind dialect, const QString &text);

private:
    bool continueConstruct(SqlToken &token);
    void scanQuoted(QChar close, bool doubling, bool backslash, LexState::Mode mode);
    void scanBlockComment();
    void scanDollar();
    bool startsDollarTag(int pos, QString *tag) const;
    void scanNumber();
    void scanOperator();
    QChar at(int i) const { return i < m_end ? m_text[i] : QChar(); }

    DialectKind m_dialect;
    const QString &m_text;
    int m_pos;
    int m_end;
    LexState m_state;
};

/// True for characters that may continue a bare identifier (letters, digits, _ and $).
bool isIdentifierChar(QChar c, DialectKind dialect);

} // namespace strata::dialect
