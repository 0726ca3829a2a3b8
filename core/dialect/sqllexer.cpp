#include "sqllexer.h"

namespace strata::dialect {

namespace {

bool isIdentifierStart(QChar c)
{
    return c.isLetter() || c == QLatin1Char('_') || c.unicode() >= 0x80;
}

bool isOperatorChar(QChar c)
{
    switch (c.unicode()) {
    case '+': case '-': case '*': case '/': case '<': case '>': case '=': case '~': case '!':
    case '@': case '#': case '%': case '^': case '&': case '|': case '?': case ':':
        return true;
    default:
        return false;
    }
}

} // namespace

bool isIdentifierChar(QChar c, DialectKind dialect)
{
    // Both databases continue a bare name with '$' (SQLite: a$b is one identifier; only a
    // leading '$' starts a parameter there).
    (void)dialect;
    return c.isLetterOrNumber() || c == QLatin1Char('_') || c.unicode() >= 0x80 || c == QLatin1Char('$');
}

SqlLexer::SqlLexer(DialectKind dialect, const QString &text, int from, int to, LexState state)
    : m_dialect(dialect)
    , m_text(text)
    , m_pos(from)
    , m_end(to < 0 || to > text.size() ? int(text.size()) : to)
    , m_state(std::move(state))
{
}

QList<SqlToken> SqlLexer::tokenize(DialectKind dialect, const QString &text)
{
    QList<SqlToken> out;
    SqlLexer lexer(dialect, text);
    SqlToken token;
    while (lexer.next(token))
        out.append(token);
    return out;
}

QList<SqlToken> SqlLexer::codeTokens(DialectKind dialect, const QString &text)
{
    QList<SqlToken> out;
    SqlLexer lexer(dialect, text);
    SqlToken token;
    while (lexer.next(token))
        if (token.isCode())
            out.append(token);
    return out;
}

void SqlLexer::scanQuoted(QChar close, bool doubling, bool backslash, LexState::Mode mode)
{
    while (m_pos < m_end) {
        const QChar c = m_text[m_pos];
        if (backslash && c == QLatin1Char('\\')) {
            m_pos = std::min(m_pos + 2, m_end);
            continue;
        }
        if (c == close) {
            if (doubling && at(m_pos + 1) == close) {
                m_pos += 2;
                continue;
            }
            ++m_pos;
            m_state = {};
            return;
        }
        ++m_pos;
    }
    m_state.mode = mode;
}

void SqlLexer::scanBlockComment()
{
    const bool nests = m_dialect == DialectKind::Postgres;
    while (m_pos < m_end) {
        if (nests && m_text[m_pos] == QLatin1Char('/') && at(m_pos + 1) == QLatin1Char('*')) {
            ++m_state.depth;
            m_pos += 2;
        } else if (m_text[m_pos] == QLatin1Char('*') && at(m_pos + 1) == QLatin1Char('/')) {
            m_pos += 2;
            if (--m_state.depth <= 0) {
                m_state = {};
                return;
            }
        } else {
            ++m_pos;
        }
    }
    m_state.mode = LexState::Mode::BlockComment;
}

void SqlLexer::scanDollar()
{
    const int close = int(m_text.indexOf(m_state.tag, m_pos));
    if (close >= 0 && close + m_state.tag.size() <= m_end) {
        m_pos = close + int(m_state.tag.size());
        m_state = {};
        return;
    }
    m_pos = m_end;
    m_state.mode = LexState::Mode::Dollar;
}

bool SqlLexer::startsDollarTag(int pos, QString *tag) const
{
    int end = pos + 1;
    while (end < m_end && (m_text[end].isLetterOrNumber() || m_text[end] == QLatin1Char('_') || m_text[end].unicode() >= 0x80))
        ++end;
    if (at(end) != QLatin1Char('$') || (end > pos + 1 && m_text[pos + 1].isDigit()))
        return false;
    *tag = m_text.mid(pos, end - pos + 1);
    return true;
}

void SqlLexer::scanNumber()
{
    if (at(m_pos) == QLatin1Char('0') && (at(m_pos + 1) == QLatin1Char('x') || at(m_pos + 1) == QLatin1Char('X'))) {
        m_pos += 2;
        while (m_pos < m_end && (m_text[m_pos].isDigit() || QStringLiteral("abcdefABCDEF_").contains(m_text[m_pos])))
            ++m_pos;
        return;
    }
    while (m_pos < m_end && (m_text[m_pos].isDigit() || m_text[m_pos] == QLatin1Char('_')))
        ++m_pos;
    if (at(m_pos) == QLatin1Char('.') && at(m_pos + 1) != QLatin1Char('.')) {
        ++m_pos;
        while (m_pos < m_end && m_text[m_pos].isDigit())
            ++m_pos;
    }
    const QChar e = at(m_pos);
    if (e == QLatin1Char('e') || e == QLatin1Char('E')) {
        int p = m_pos + 1;
        if (at(p) == QLatin1Char('+') || at(p) == QLatin1Char('-'))
            ++p;
        if (at(p).isDigit()) {
            m_pos = p;
            while (m_pos < m_end && m_text[m_pos].isDigit())
                ++m_pos;
        }
    }
}

void SqlLexer::scanOperator()
{
    const int start = m_pos;
    while (m_pos < m_end && isOperatorChar(m_text[m_pos])) {
        // a comment start ends the operator (PostgreSQL's rule, and SQLite's)
        if (m_pos > start && ((m_text[m_pos] == QLatin1Char('-') && at(m_pos + 1) == QLatin1Char('-'))
                              || (m_text[m_pos] == QLatin1Char('/') && at(m_pos + 1) == QLatin1Char('*'))))
            break;
        // ":name" after an operator is a parameter, not more operator
        if (m_pos > start && m_text[m_pos] == QLatin1Char(':') && m_text[m_pos - 1] != QLatin1Char(':')
            && isIdentifierStart(at(m_pos + 1)))
            break;
        ++m_pos;
    }
    if (m_pos == start)
        ++m_pos;
}

bool SqlLexer::continueConstruct(SqlToken &token)
{
    token.start = m_pos;
    switch (m_state.mode) {
    case LexState::Mode::BlockComment:
        token.kind = TokenKind::BlockComment;
        scanBlockComment();
        break;
    case LexState::Mode::String:
    case LexState::Mode::EscapeString:
        token.kind = TokenKind::String;
        scanQuoted(QLatin1Char('\''), true, m_state.mode == LexState::Mode::EscapeString, m_state.mode);
        break;
    case LexState::Mode::Identifier:
        token.kind = TokenKind::QuotedIdentifier;
        scanQuoted(QLatin1Char('"'), true, false, m_state.mode);
        break;
    case LexState::Mode::Backtick:
        token.kind = TokenKind::QuotedIdentifier;
        scanQuoted(QLatin1Char('`'), true, false, m_state.mode);
        break;
    case LexState::Mode::Bracket:
        token.kind = TokenKind::QuotedIdentifier;
        scanQuoted(QLatin1Char(']'), false, false, m_state.mode);
        break;
    case LexState::Mode::Dollar:
        token.kind = TokenKind::DollarString;
        scanDollar();
        break;
    case LexState::Mode::Code:
        return false;
    }
    token.length = m_pos - token.start;
    token.terminated = m_state.mode == LexState::Mode::Code;
    return true;
}

bool SqlLexer::next(SqlToken &token)
{
    if (m_pos >= m_end)
        return false;
    if (m_state.mode != LexState::Mode::Code)
        return continueConstruct(token);
    const bool pg = m_dialect == DialectKind::Postgres;
    const int start = m_pos;
    const QChar c = m_text[m_pos];
    const QChar n = at(m_pos + 1);
    token = SqlToken{TokenKind::Operator, start, 0, true};
    auto quoted = [&](TokenKind kind, int skip, QChar close, bool doubling, bool backslash, LexState::Mode mode) {
        token.kind = kind;
        m_pos += skip;
        scanQuoted(close, doubling, backslash, mode);
    };
    if (c.isSpace()) {
        token.kind = TokenKind::Whitespace;
        while (m_pos < m_end && m_text[m_pos].isSpace())
            ++m_pos;
    } else if (c == QLatin1Char('-') && n == QLatin1Char('-')) {
        token.kind = TokenKind::LineComment;
        while (m_pos < m_end && m_text[m_pos] != QLatin1Char('\n') && m_text[m_pos] != QLatin1Char('\r'))
            ++m_pos;
    } else if (c == QLatin1Char('/') && n == QLatin1Char('*')) {
        token.kind = TokenKind::BlockComment;
        m_pos += 2;
        m_state.depth = 1;
        scanBlockComment();
    } else if (c == QLatin1Char('\'')) {
        quoted(TokenKind::String, 1, QLatin1Char('\''), true, false, LexState::Mode::String);
    } else if (n == QLatin1Char('\'') && QStringLiteral("EeXxBbNn").contains(c)) {
        const bool escapes = pg && (c == QLatin1Char('E') || c == QLatin1Char('e'));
        quoted(TokenKind::String, 2, QLatin1Char('\''), true, escapes,
               escapes ? LexState::Mode::EscapeString : LexState::Mode::String);
    } else if (c == QLatin1Char('"')) {
        quoted(TokenKind::QuotedIdentifier, 1, QLatin1Char('"'), true, false, LexState::Mode::Identifier);
    } else if (!pg && c == QLatin1Char('`')) {
        quoted(TokenKind::QuotedIdentifier, 1, QLatin1Char('`'), true, false, LexState::Mode::Backtick);
    } else if (!pg && c == QLatin1Char('[')) {
        quoted(TokenKind::QuotedIdentifier, 1, QLatin1Char(']'), false, false, LexState::Mode::Bracket);
    } else if (c == QLatin1Char('$') && pg && startsDollarTag(m_pos, &m_state.tag)) {
        token.kind = TokenKind::DollarString;
        m_pos += int(m_state.tag.size());
        scanDollar();
    } else if (c == QLatin1Char('$') && pg && n.isDigit()) {
        token.kind = TokenKind::Parameter;
        ++m_pos;
        while (m_pos < m_end && m_text[m_pos].isDigit())
            ++m_pos;
    } else if (!pg && (c == QLatin1Char('$') || c == QLatin1Char('@')) && isIdentifierStart(n)) {
        token.kind = TokenKind::Parameter;
        ++m_pos;
        while (m_pos < m_end && isIdentifierChar(m_text[m_pos], m_dialect))
            ++m_pos;
    } else if (!pg && c == QLatin1Char('?')) {
        token.kind = TokenKind::Parameter;
        ++m_pos;
        while (m_pos < m_end && m_text[m_pos].isDigit())
            ++m_pos;
    } else if (c == QLatin1Char(':') && isIdentifierStart(n)) {
        token.kind = TokenKind::Parameter;
        ++m_pos;
        while (m_pos < m_end && isIdentifierChar(m_text[m_pos], m_dialect))
            ++m_pos;
    } else if (c.isDigit() || (c == QLatin1Char('.') && n.isDigit())) {
        token.kind = TokenKind::Number;
        scanNumber();
    } else if (isIdentifierStart(c)) {
        token.kind = TokenKind::Word;
        while (m_pos < m_end && isIdentifierChar(m_text[m_pos], m_dialect))
            ++m_pos;
    } else if (QStringLiteral("(),;.[]{}").contains(c)) {
        token.kind = TokenKind::Punctuation;
        ++m_pos;
    } else {
        token.kind = TokenKind::Operator;
        scanOperator();
    }
    token.length = m_pos - start;
    token.terminated = m_state.mode == LexState::Mode::Code;
    return true;
}

} // namespace strata::dialect
