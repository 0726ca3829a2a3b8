#include "statementsplitter.h"

namespace strata::dialect {

namespace {

/// Recognises the statements whose body holds top-level semicolons, by their first words.
class BlockTracker {
public:
    BlockTracker(const QString &sql, const QList<SqlToken> &tokens) : m_sql(sql), m_tokens(tokens) {}

    void reset()
    {
        m_words.clear();
        m_kind = Kind::Unknown;
        m_depth = 0;
    }
    bool insideBody() const { return m_depth > 0; }

    /// Feeds the code token at index i of the token list.
    void feed(int i)
    {
        const SqlToken &t = m_tokens[i];
        if (t.kind != TokenKind::Word)
            return;
        const QString word = m_sql.mid(t.start, t.length).toUpper();
        if (m_kind == Kind::Unknown && m_words.size() < 6) {
            m_words.append(word);
            classify();
        }
        if (m_kind == Kind::Plain || m_kind == Kind::Unknown)
            return;
        if (word == u"BEGIN" && (m_kind == Kind::Trigger || nextWordIs(i, u"ATOMIC") || m_depth > 0))
            ++m_depth;
        else if (word == u"CASE" && m_depth > 0)
            ++m_depth;
        else if (word == u"END" && m_depth > 0)
            --m_depth;
    }

private:
    enum class Kind { Unknown, Plain, Trigger, Routine };

    void classify()
    {
        if (m_words.first() != u"CREATE") {
            m_kind = Kind::Plain;
            return;
        }
        const QString &last = m_words.last();
        if (last == u"TRIGGER")
            m_kind = Kind::Trigger;
        else if (last == u"FUNCTION" || last == u"PROCEDURE")
            m_kind = Kind::Routine;
        else if (m_words.size() > 1 && last != u"OR" && last != u"REPLACE" && last != u"TEMP" && last != u"TEMPORARY"
                 && last != u"CONSTRAINT")
            m_kind = Kind::Plain;
    }

    bool nextWordIs(int i, QStringView word) const
    {
        for (int j = i + 1; j < m_tokens.size(); ++j) {
            if (!m_tokens[j].isCode())
                continue;
            return m_tokens[j].kind == TokenKind::Word
                   && QStringView(m_sql).mid(m_tokens[j].start, m_tokens[j].length).compare(word, Qt::CaseInsensitive) == 0;
        }
        return false;
    }

    const QString &m_sql;
    const QList<SqlToken> &m_tokens;
    QStringList m_words;
    Kind m_kind = Kind::Unknown;
    int m_depth = 0;
};

} // namespace

TextPosition positionOf(const QString &text, int offset)
{
    offset = std::clamp(offset, 0, int(text.size()));
    TextPosition p;
    int lineStart = 0;
    for (int i = 0; i < offset; ++i) {
        if (text[i] == QLatin1Char('\n')) {
            ++p.line;
            lineStart = i + 1;
        }
    }
    p.column = offset - lineStart;
    return p;
}

QList<SqlStatement> StatementSplitter::split(const QString &sql, DialectKind dialect)
{
    return split(sql, 0, int(sql.size()), dialect);
}

QList<SqlStatement> StatementSplitter::split(const QString &sql, int from, int to, DialectKind dialect)
{
    QList<SqlToken> tokens;
    {
        SqlLexer lexer(dialect, sql, from, to);
        SqlToken t;
        while (lexer.next(t))
            tokens.append(t);
    }
    QList<SqlStatement> out;
    BlockTracker block(sql, tokens);
    int parenDepth = 0;
    int start = -1;
    int lastCodeEnd = -1;
    TextPosition pos;
    int posOffset = 0;   // positionOf computed incrementally: text before posOffset is counted
    auto flush = [&](int terminatorEnd, bool terminated) {
        if (start >= 0) {
            SqlStatement st;
            st.offset = start;
            st.length = lastCodeEnd - start;
            st.text = sql.mid(start, st.length);
            for (int i = posOffset; i < start; ++i) {
                if (sql[i] == QLatin1Char('\n')) {
                    ++pos.line;
                    pos.column = 0;
                } else {
                    ++pos.column;
                }
            }
            posOffset = start;
            st.line = pos.line;
            st.column = pos.column;
            st.terminated = terminated;
            st.terminatorEnd = terminatorEnd;
            out.append(st);
        }
        start = -1;
        parenDepth = 0;
        block.reset();
    };
    // columns count from the start of the line even when `from` is in the middle of one
    pos = positionOf(sql, from);
    posOffset = from;
    for (int i = 0; i < tokens.size(); ++i) {
        const SqlToken &t = tokens[i];
        if (!t.isCode())
            continue;
        if (t.kind == TokenKind::Punctuation) {
            const QChar c = sql[t.start];
            if (c == QLatin1Char(';') && parenDepth == 0 && !block.insideBody()) {
                flush(t.end(), true);
                continue;
            }
            // psql's rule: a ')' without its '(' is left to the server to report
            if (c == QLatin1Char('('))
                ++parenDepth;
            else if (c == QLatin1Char(')') && parenDepth > 0)
                --parenDepth;
        }
        if (start < 0)
            start = t.start;
        lastCodeEnd = t.end();
        block.feed(i);
    }
    flush(lastCodeEnd, false);
    return out;
}

QString UnterminatedConstruct::description() const
{
    switch (kind) {
    case TokenKind::BlockComment: return QStringLiteral("an unterminated /* comment");
    case TokenKind::DollarString: return QStringLiteral("an unterminated dollar quote %1").arg(opening);
    case TokenKind::QuotedIdentifier: return QStringLiteral("an unterminated quoted identifier (%1...)").arg(opening);
    default: return QStringLiteral("an unterminated string (%1...)").arg(opening);
    }
}

std::optional<UnterminatedConstruct> StatementSplitter::unterminated(const QString &sql, DialectKind dialect)
{
    SqlLexer lexer(dialect, sql);
    SqlToken t;
    std::optional<UnterminatedConstruct> open;
    while (lexer.next(t)) {
        if (t.terminated)
            continue;
        UnterminatedConstruct u;
        u.kind = t.kind;
        u.offset = t.start;
        if (t.kind == TokenKind::DollarString)
            u.opening = lexer.state().tag;
        else if (t.kind == TokenKind::BlockComment)
            u.opening = QStringLiteral("/*");
        else
            u.opening = sql.mid(t.start, sql[t.start].isLetter() ? 2 : 1);
        open = u;
    }
    return open;
}

QStringList StatementSplitter::leadingWords(const QString &statement, int count, DialectKind dialect)
{
    QStringList words;
    SqlLexer lexer(dialect, statement);
    SqlToken t;
    while (words.size() < count && lexer.next(t)) {
        if (!t.isCode())
            continue;
        if (t.kind != TokenKind::Word)
            break;
        words.append(statement.mid(t.start, t.length).toUpper());
    }
    return words;
}

bool StatementSplitter::isTerminated(const QString &sql, DialectKind dialect)
{
    const QList<SqlStatement> all = split(sql, dialect);
    return all.isEmpty() || all.last().terminated;
}

std::optional<SqlStatement> StatementSplitter::statementAt(const QString &sql, int cursor, DialectKind dialect)
{
    const QList<SqlStatement> all = split(sql, dialect);
    if (all.isEmpty())
        return std::nullopt;
    const SqlStatement *pick = &all.first();
    for (const SqlStatement &st : all) {
        if (st.offset > cursor)
            break;
        pick = &st;
    }
    return *pick;
}

} // namespace strata::dialect
