#include "sqlformatter.h"

#include "sqlkeywords.h"

namespace strata::exec {

namespace {

bool oneOf(const QString &word, std::initializer_list<const char *> list)
{
    for (const char *w : list)
        if (word == QLatin1String(w))
            return true;
    return false;
}

class Formatter {
public:
    Formatter(const QString &sql, DialectKind dialect, const FormatOptions &options)
        : m_sql(sql), m_dialect(dialect), m_options(options), m_tokens(SqlLexer::tokenize(dialect, sql))
    {
    }

    QString run()
    {
        m_statementStart = true;
        for (m_i = 0; m_i < m_tokens.size(); ++m_i) {
            const SqlToken &t = m_tokens[m_i];
            if (!m_statementStart && !m_structured) {
                emitVerbatim(t);
                continue;
            }
            if (t.kind == TokenKind::Whitespace) {
                m_hadSpace = true;
                m_newlines += int(QStringView(m_sql).mid(t.start, t.length).count(QLatin1Char('\n')));
                continue;
            }
            emitToken(t);
            m_hadSpace = false;
            m_newlines = 0;
        }
        while (m_out.endsWith(QLatin1Char(' ')))
            m_out.chop(1);
        return m_out;
    }

private:
    struct Frame {
        int base = 0;           // indent level of the clause keywords
        QString clause;         // the last clause keyword at this level
        bool subquery = false;
    };

    QString text(const SqlToken &t) const { return m_sql.mid(t.start, t.length); }
    QString upperWord(int i) const
    {
        return i < m_tokens.size() && m_tokens[i].kind == TokenKind::Word ? text(m_tokens[i]).toUpper() : QString();
    }
    int nextCode(int i) const
    {
        for (int j = i + 1; j < m_tokens.size(); ++j)
            if (m_tokens[j].isCode())
                return j;
        return int(m_tokens.size());
    }
    Frame &frame() { return m_frames.last(); }

    /// Starts a line at `level` (re-indents when the output is already at a line start).
    void newline(int level)
    {
        while (m_out.endsWith(QLatin1Char(' ')))
            m_out.chop(1);
        if (!m_out.isEmpty() && !m_out.endsWith(QLatin1Char('\n')))
            m_out += QLatin1Char('\n');
        m_out += QString(level * m_options.indent, QLatin1Char(' '));
    }
    void space(const SqlToken &t)
    {
        if (m_out.isEmpty() || m_out.endsWith(QLatin1Char('\n')) || m_out.endsWith(QLatin1Char(' ')))
            return;
        if (m_mustBreak) {
            newline(m_frames.isEmpty() ? 0 : frame().base + (m_structured ? 1 : 0));
            return;
        }
        if (m_hadSpace && m_newlines > 0 && (!m_structured || (t.kind == TokenKind::String && m_prevKind == TokenKind::String)))
            m_out += QLatin1Char('\n');   // keep lines of DDL; 'a'\n'b' is one string in SQL
        else if (m_hadSpace || m_afterComma)
            m_out += QLatin1Char(' ');
    }

    void startStatement(const SqlToken &t)
    {
        if (!m_out.isEmpty()) {
            if (!t.isCode() && m_newlines == 0) {
                m_out += QLatin1Char(' ');   // a comment on the line of the ';'
                return;
            }
            newline(0);
            if (m_newlines > 1 && !m_out.endsWith(QStringLiteral("\n\n")))
                m_out += QLatin1Char('\n');   // keep one blank line between statements
        }
        m_frames = {Frame{}};
        if (t.isCode()) {
            m_statementStart = false;
            const QString first = upperWord(m_i);
            m_structured = oneOf(first, {"SELECT", "WITH", "INSERT", "UPDATE", "DELETE", "VALUES"});
        }
    }

    bool isClause(const QString &w, int i) const
    {
        if (oneOf(w, {"SELECT", "FROM", "WHERE", "HAVING", "LIMIT", "OFFSET", "UNION", "INTERSECT", "EXCEPT", "VALUES",
                      "SET", "RETURNING", "WINDOW", "JOIN", "INSERT", "UPDATE", "DELETE"}))
            return true;
        if (oneOf(w, {"GROUP", "ORDER"}))
            return upperWord(nextCode(i)) == u"BY";
        if (oneOf(w, {"LEFT", "RIGHT", "INNER", "FULL", "CROSS", "NATURAL"})) {
            const QString n = upperWord(nextCode(i));
            return n == u"JOIN" || n == u"OUTER" || n == u"INNER" || n == u"LEFT" || n == u"RIGHT";
        }
        return false;
    }

    void emitCode(const SqlToken &t)
    {
        const QString raw = text(t);
        const bool punct = t.kind == TokenKind::Punctuation;
        const QChar c = raw.at(0);
        QString word = t.kind == TokenKind::Word ? raw.toUpper() : QString();
        const bool keyword = !word.isEmpty() && SqlKeywords::isKeyword(word, m_dialect);
        const QString out = keyword && m_options.upperKeywords ? word : raw;
        if (punct && c == QLatin1Char(';')) {
            m_out += out;
            m_statementStart = true;
            m_mustBreak = false;
            return;
        }
        if (m_structured && !word.isEmpty() && keyword && isClause(word, m_i) && !m_joinPending) {
            newline(frame().base);
            frame().clause = word;
            m_joinPending = oneOf(word, {"LEFT", "RIGHT", "INNER", "FULL", "CROSS", "NATURAL"});
            m_between = false;
            m_out += out;
            return;
        }
        if (word == u"JOIN")
            m_joinPending = false;
        if (m_structured && (word == u"AND" || word == u"OR") && !m_between
            && oneOf(frame().clause, {"WHERE", "ON", "HAVING", "JOIN"})) {
            newline(frame().base + 1);
            m_out += out;
            return;
        }
        if (word == u"BETWEEN")
            m_between = true;
        else if (word == u"AND")
            m_between = false;
        if (punct && c == QLatin1Char(')')) {
            const Frame closed = m_frames.size() > 1 ? m_frames.takeLast() : frame();
            if (closed.subquery)
                newline(frame().base + 1);
            else if (m_hadSpace)
                space(t);
            m_out += out;
            return;
        }
        if (!(punct && (c == QLatin1Char(',') || c == QLatin1Char('.'))) || m_hadSpace)
            space(t);
        m_out += out;
        if (punct && c == QLatin1Char('(')) {
            Frame f;
            f.base = frame().base;
            const QString next = upperWord(nextCode(m_i));
            if (m_structured && (next == u"SELECT" || next == u"WITH")) {
                f.subquery = true;
                f.base = frame().base + 2;
                m_frames.append(f);
                newline(f.base);
                m_skipSpace = true;
                return;
            }
            m_frames.append(f);
        }
        if (m_structured && punct && c == QLatin1Char(',') && m_frames.size() >= 1
            && oneOf(frame().clause, {"SELECT", "GROUP", "ORDER", "RETURNING", "SET"}) && isQueryLevel()) {
            newline(frame().base + 1);
            m_skipSpace = true;
        }
    }

    /// Statements that are not queries keep their whitespace; only keyword case changes.
    void emitVerbatim(const SqlToken &t)
    {
        const QString raw = text(t);
        if (t.kind == TokenKind::Word && m_options.upperKeywords && SqlKeywords::isKeyword(raw, m_dialect))
            m_out += raw.toUpper();
        else
            m_out += raw;
        if (t.kind == TokenKind::Punctuation && raw == u";") {
            m_statementStart = true;
            m_hadSpace = false;
            m_newlines = 0;
        }
    }

    bool isQueryLevel() const { return m_frames.size() == 1 || m_frames.last().subquery; }

    void emitToken(const SqlToken &t)
    {
        if (m_statementStart)
            startStatement(t);
        if (!t.isCode()) {
            if (!m_skipSpace)
                space(t);
            m_out += text(t);
            m_mustBreak = t.kind == TokenKind::LineComment;
            if (m_mustBreak)
                newline(m_frames.isEmpty() ? 0 : frame().base + (m_structured ? 1 : 0));
            m_mustBreak = false;
            m_skipSpace = m_out.endsWith(QLatin1Char('\n')) || m_out.endsWith(QLatin1Char(' '));
            return;
        }
        if (m_skipSpace) {
            m_hadSpace = false;
            m_skipSpace = false;
        }
        m_afterComma = false;
        emitCode(t);
        m_afterComma = t.kind == TokenKind::Punctuation && m_sql.at(t.start) == QLatin1Char(',');
        m_prevKind = t.kind;
    }

    const QString &m_sql;
    DialectKind m_dialect;
    FormatOptions m_options;
    QList<SqlToken> m_tokens;
    int m_i = 0;
    QString m_out;
    QList<Frame> m_frames{Frame{}};
    bool m_hadSpace = false;
    int m_newlines = 0;
    bool m_statementStart = true;
    bool m_structured = false;
    bool m_mustBreak = false;
    bool m_skipSpace = false;
    bool m_afterComma = false;
    bool m_between = false;
    bool m_joinPending = false;
    TokenKind m_prevKind = TokenKind::Whitespace;
};

} // namespace

QString SqlFormatter::format(const QString &sql, DialectKind dialect, const FormatOptions &options)
{
    return Formatter(sql, dialect, options).run();
}

} // namespace strata::exec
