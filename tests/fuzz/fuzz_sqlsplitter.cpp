// libFuzzer target: the SQL lexer and the statement splitter (exec/sqllexer.h,
// exec/statementsplitter.h) that the console, the migration runner and the offline renderer
// share, in both dialects: every input is lexed and split as SQLite and as PostgreSQL.
// Properties:
//  - the tokens cover the text in order, each non-empty, only the last one unterminated;
//  - lexed one line at a time, carrying the LexState as the editor's highlighter does,
//    every character is of the same kind as when the whole text is lexed at once;
//  - the statements are in order and cover the input: each statement's text is
//    sql.mid(offset, length) and starts and ends on code, every code token other than ';'
//    lies in a statement, a terminated statement ends at its ';', only the last may be
//    unterminated, and the pieces between them put back together give the input again;
//  - line and column are those of the statement's first character;
//  - statementAt(), isTerminated() and unterminated() agree with split() and the lexer.

#include "fuzzsupport.h"

#include "exec/statementsplitter.h"

namespace {

using namespace strata;
using namespace strata::exec;

QString kindsOf(const QList<SqlToken> &tokens, qsizetype size)
{
    QString kinds(size, QLatin1Char('?'));
    for (const SqlToken &t : tokens)
        for (int i = t.start; i < t.end(); ++i)
            kinds[i] = QLatin1Char(char('a' + int(t.kind)));
    return kinds;
}

QString dialectName(DialectKind dialect)
{
    return dialect == DialectKind::Sqlite ? QStringLiteral("sqlite") : QStringLiteral("postgresql");
}

void checkTokens(const QString &sql, DialectKind dialect, const QList<SqlToken> &tokens)
{
    int at = 0;
    for (qsizetype i = 0; i < tokens.size(); ++i) {
        const SqlToken &t = tokens[i];
        STRATA_FUZZ_CHECK(t.start == at && t.length > 0,
                          QStringLiteral("%1: token %2 at %3+%4, expected at %5 in [%6]").arg(dialectName(dialect)).arg(i).arg(t.start).arg(t.length).arg(at).arg(sql));
        STRATA_FUZZ_CHECK(t.terminated || i == tokens.size() - 1,
                          QStringLiteral("%1: unterminated token %2 is not the last in [%3]").arg(dialectName(dialect)).arg(i).arg(sql));
        at = t.end();
    }
    STRATA_FUZZ_CHECK(at == sql.size(), QStringLiteral("%1: tokens end at %2 of %3 in [%4]").arg(dialectName(dialect)).arg(at).arg(sql.size()).arg(sql));
}

/// Lexed line by line with the state carried, as the highlighter lexes.
void checkLineByLine(const QString &sql, DialectKind dialect, const QList<SqlToken> &whole)
{
    QList<SqlToken> pieces;
    LexState state;
    int from = 0;
    while (from < sql.size()) {
        int to = int(sql.indexOf(QLatin1Char('\n'), from));
        to = to < 0 ? int(sql.size()) : to + 1;
        SqlLexer lexer(dialect, sql, from, to, state);
        SqlToken t;
        while (lexer.next(t)) {
            STRATA_FUZZ_CHECK(t.start >= from && t.end() <= to && t.length > 0,
                              QStringLiteral("%1: token %2+%3 outside the line %4..%5").arg(dialectName(dialect)).arg(t.start).arg(t.length).arg(from).arg(to));
            pieces.append(t);
        }
        state = lexer.state();
        from = to;
    }
    const QString expected = kindsOf(whole, sql.size());
    const QString actual = kindsOf(pieces, sql.size());
    STRATA_FUZZ_CHECK(expected == actual, QStringLiteral("%1: kinds differ line by line\ntext  [%2]\nwhole [%3]\nlines [%4]")
                                              .arg(dialectName(dialect), sql, expected, actual));
}

void checkStatements(const QString &sql, DialectKind dialect, const QList<SqlToken> &tokens)
{
    const QList<SqlStatement> statements = StatementSplitter::split(sql, dialect);
    const QString where = QStringLiteral("%1: [%2]").arg(dialectName(dialect), sql);
    QString joined;
    int previousEnd = 0;
    for (qsizetype i = 0; i < statements.size(); ++i) {
        const SqlStatement &st = statements[i];
        STRATA_FUZZ_CHECK(st.offset >= previousEnd && st.length > 0 && st.end() <= sql.size(),
                          QStringLiteral("%1\nstatement %2 at %3+%4 after %5").arg(where).arg(i).arg(st.offset).arg(st.length).arg(previousEnd));
        STRATA_FUZZ_CHECK(st.text == sql.mid(st.offset, st.length), where);
        STRATA_FUZZ_CHECK(st.terminated || i == statements.size() - 1, QStringLiteral("%1\nunterminated statement %2 is not the last").arg(where).arg(i));
        STRATA_FUZZ_CHECK(st.terminatorEnd >= st.end() && st.terminatorEnd <= sql.size(), where);
        if (st.terminated)
            STRATA_FUZZ_CHECK(sql[st.terminatorEnd - 1] == QLatin1Char(';'), QStringLiteral("%1\nstatement %2 ends at %3, not after a ';'").arg(where).arg(i).arg(st.terminatorEnd));
        const TextPosition p = positionOf(sql, st.offset);
        STRATA_FUZZ_CHECK(p.line == st.line && p.column == st.column,
                          QStringLiteral("%1\nstatement %2 at line %3 column %4, is at %5:%6").arg(where).arg(i).arg(st.line).arg(st.column).arg(p.line).arg(p.column));
        joined += sql.mid(previousEnd, st.offset - previousEnd) + st.text + sql.mid(st.end(), st.terminatorEnd - st.end());
        previousEnd = st.terminatorEnd;
    }
    joined += sql.mid(previousEnd);
    STRATA_FUZZ_CHECK(joined == sql, QStringLiteral("%1\nre-joined [%2]").arg(where, joined));

    // Every code token is in a statement (or is a ';' between statements); statements start
    // and end on code.
    qsizetype s = 0;
    for (const SqlToken &t : tokens) {
        if (!t.isCode())
            continue;
        while (s < statements.size() && statements[s].end() <= t.start)
            ++s;
        const bool inside = s < statements.size() && statements[s].offset <= t.start && t.end() <= statements[s].end();
        const bool separator = t.kind == TokenKind::Punctuation && sql[t.start] == QLatin1Char(';');
        STRATA_FUZZ_CHECK(inside || separator, QStringLiteral("%1\ncode at %2+%3 [%4] is in no statement")
                                                   .arg(where).arg(t.start).arg(t.length).arg(sql.mid(t.start, t.length)));
    }
    QList<bool> codeStarts(sql.size() + 1, false);
    QList<bool> codeEnds(sql.size() + 1, false);
    for (const SqlToken &t : tokens) {
        if (t.isCode()) {
            codeStarts[t.start] = true;
            codeEnds[t.end()] = true;
        }
    }
    for (const SqlStatement &st : statements)
        STRATA_FUZZ_CHECK(codeStarts[st.offset] && codeEnds[st.end()],
                          QStringLiteral("%1\nstatement [%2] does not start and end on code").arg(where, st.text));

    STRATA_FUZZ_CHECK(StatementSplitter::isTerminated(sql, dialect) == (statements.isEmpty() || statements.last().terminated), where);
    const std::optional<UnterminatedConstruct> open = StatementSplitter::unterminated(sql, dialect);
    const bool lastOpen = !tokens.isEmpty() && !tokens.last().terminated;
    STRATA_FUZZ_CHECK(open.has_value() == lastOpen, QStringLiteral("%1\nunterminated() says %2, the lexer %3").arg(where).arg(open.has_value()).arg(lastOpen));
    if (open) {
        STRATA_FUZZ_CHECK(open->offset == tokens.last().start && sql.mid(open->offset).startsWith(open->opening) && !open->description().isEmpty(),
                          QStringLiteral("%1\nunterminated at %2 [%3], last token at %4").arg(where).arg(open->offset).arg(open->opening).arg(tokens.last().start));
    }
    for (const int cursor : {0, int(sql.size() / 2), int(sql.size())}) {
        const std::optional<SqlStatement> at = StatementSplitter::statementAt(sql, cursor, dialect);
        STRATA_FUZZ_CHECK(at.has_value() == !statements.isEmpty(), where);
        if (at) {
            bool found = false;
            for (const SqlStatement &st : statements)
                found = found || (st.offset == at->offset && st.length == at->length);
            STRATA_FUZZ_CHECK(found, QStringLiteral("%1\nstatementAt(%2) is no statement of split()").arg(where).arg(cursor));
        }
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString sql = strata::fuzz::textOf(data, size);
    for (const DialectKind dialect : {DialectKind::Sqlite, DialectKind::Postgres}) {
        const QList<SqlToken> tokens = SqlLexer::tokenize(dialect, sql);
        checkTokens(sql, dialect, tokens);
        checkLineByLine(sql, dialect, tokens);
        checkStatements(sql, dialect, tokens);
    }
    return 0;
}
