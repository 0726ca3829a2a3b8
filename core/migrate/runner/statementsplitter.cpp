#include "statementsplitter.h"

namespace strata::migrate {

namespace {

bool isWordChar(QChar c)
{
    return c.isLetterOrNumber() || c == QLatin1Char('_') || c == QLatin1Char('$');
}

struct Scanner {
    const QString &sql;
    int pos = 0;

    // Skips a quoted or commented region starting at pos; returns false if none starts here.
    bool skipNonCode()
    {
        const int n = int(sql.size());
        const QChar c = sql[pos];
        const QChar next = pos + 1 < n ? sql[pos + 1] : QChar();
        if (c == QLatin1Char('-') && next == QLatin1Char('-')) {
            while (pos < n && sql[pos] != QLatin1Char('\n'))
                ++pos;
            return true;
        }
        if (c == QLatin1Char('/') && next == QLatin1Char('*')) {
            int depth = 0;
            while (pos < n) {
                if (sql[pos] == QLatin1Char('/') && pos + 1 < n && sql[pos + 1] == QLatin1Char('*')) {
                    ++depth;
                    pos += 2;
                } else if (sql[pos] == QLatin1Char('*') && pos + 1 < n && sql[pos + 1] == QLatin1Char('/')) {
                    pos += 2;
                    if (--depth == 0)
                        return true;
                } else {
                    ++pos;
                }
            }
            return true;
        }
        if (c == QLatin1Char('\'') || c == QLatin1Char('"') || c == QLatin1Char('`')) {
            const bool escapes = c == QLatin1Char('\'') && pos > 0 && (sql[pos - 1] == QLatin1Char('E') || sql[pos - 1] == QLatin1Char('e'))
                                 && (pos < 2 || !isWordChar(sql[pos - 2]));
            ++pos;
            while (pos < n) {
                if (escapes && sql[pos] == QLatin1Char('\\')) {
                    pos += 2;
                    continue;
                }
                if (sql[pos] == c) {
                    if (pos + 1 < n && sql[pos + 1] == c) {
                        pos += 2;
                        continue;
                    }
                    ++pos;
                    return true;
                }
                ++pos;
            }
            return true;
        }
        if (c == QLatin1Char('$') && (pos == 0 || !isWordChar(sql[pos - 1]))) {
            int end = pos + 1;
            while (end < n && (sql[end].isLetterOrNumber() || sql[end] == QLatin1Char('_')))
                ++end;
            if (end < n && sql[end] == QLatin1Char('$') && !(end > pos + 1 && sql[pos + 1].isDigit())) {
                const QString tag = sql.mid(pos, end - pos + 1);
                const int close = int(sql.indexOf(tag, end + 1));
                pos = close < 0 ? n : close + int(tag.size());
                return true;
            }
        }
        return false;
    }
};

} // namespace

QList<SqlStatement> StatementSplitter::split(const QString &sql)
{
    QList<SqlStatement> out;
    Scanner sc{sql};
    const int n = int(sql.size());
    int start = -1;       // first code character of the current statement
    QStringList words;    // leading words, to spot CREATE [TEMP] TRIGGER
    bool trigger = false;
    int blockDepth = 0;
    auto flush = [&](int end) {
        if (start >= 0) {
            SqlStatement st;
            st.text = sql.mid(start, end - start).trimmed();
            st.offset = start;
            st.line = int(sql.left(start).count(QLatin1Char('\n')));
            out.append(st);
        }
        start = -1;
        words.clear();
        trigger = false;
        blockDepth = 0;
    };
    while (sc.pos < n) {
        const int before = sc.pos;
        if (sc.skipNonCode()) {
            const QChar c = sql[before];
            if (start < 0 && (c == QLatin1Char('\'') || c == QLatin1Char('"') || c == QLatin1Char('$') || c == QLatin1Char('`')))
                start = before;
            continue;
        }
        const QChar c = sql[sc.pos];
        if (c == QLatin1Char(';') && blockDepth == 0) {
            flush(sc.pos);
            ++sc.pos;
            continue;
        }
        if (c.isSpace()) {
            ++sc.pos;
            continue;
        }
        if (start < 0)
            start = sc.pos;
        if (isWordChar(c) && (sc.pos == 0 || !isWordChar(sql[sc.pos - 1]))) {
            int end = sc.pos;
            while (end < n && isWordChar(sql[end]))
                ++end;
            const QString word = sql.mid(sc.pos, end - sc.pos).toUpper();
            if (words.size() < 4) {
                words.append(word);
                trigger = trigger || (words.first() == u"CREATE" && word == u"TRIGGER");
            }
            if (trigger) {
                if (word == u"BEGIN" || (word == u"CASE" && blockDepth > 0))
                    ++blockDepth;
                else if (word == u"END" && blockDepth > 0)
                    --blockDepth;
            }
            sc.pos = end;
            continue;
        }
        ++sc.pos;
    }
    flush(n);
    return out;
}

bool StatementSplitter::isTerminated(const QString &sql)
{
    const QList<SqlStatement> all = split(sql);
    if (all.isEmpty())
        return true;
    const SqlStatement &last = all.last();
    // the statement is terminated when a ';' follows it outside any comment
    Scanner sc{sql};
    sc.pos = last.offset + int(last.text.size());
    while (sc.pos < sql.size()) {
        if (sc.skipNonCode())
            continue;
        if (sql[sc.pos] == QLatin1Char(';'))
            return true;
        ++sc.pos;
    }
    return false;
}

} // namespace strata::migrate
