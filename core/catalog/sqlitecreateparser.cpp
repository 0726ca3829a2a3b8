#include "sqlitecreateparser.h"

#include "dialect/sqllexer.h"

namespace strata::catalog::sqliteparser {

namespace {

using Type = Token::Type;

// Index of the ')' matching the '(' at `open`, or the token count when unbalanced.
int matchParen(const QList<Token> &tokens, int open)
{
    int depth = 0;
    for (int i = open; i < tokens.size(); ++i) {
        if (tokens.at(i).isPunct('('))
            ++depth;
        else if (tokens.at(i).isPunct(')') && --depth == 0)
            return i;
    }
    return int(tokens.size());
}

QString slice(const QString &sql, const QList<Token> &tokens, int from, int to)
{
    if (from >= to || from >= tokens.size())
        return QString();
    const int begin = tokens.at(from).begin;
    const int end = tokens.at(qMin(to, int(tokens.size())) - 1).end;
    return sql.mid(begin, end - begin);
}

struct Range {
    int from;
    int to;
};

// Splits [from, to) at commas outside parentheses.
QList<Range> splitTopLevel(const QList<Token> &tokens, int from, int to)
{
    QList<Range> parts;
    int depth = 0;
    int start = from;
    for (int i = from; i < to; ++i) {
        const Token &t = tokens.at(i);
        if (t.isPunct('('))
            ++depth;
        else if (t.isPunct(')'))
            --depth;
        else if (depth == 0 && t.isPunct(',')) {
            parts.append({start, i});
            start = i + 1;
        }
    }
    if (start < to)
        parts.append({start, to});
    return parts;
}

// First token index in [from, to) that is a top-level '(' — or `to`.
int nextOpenParen(const QList<Token> &tokens, int from, int to)
{
    for (int i = from; i < to; ++i)
        if (tokens.at(i).isPunct('('))
            return i;
    return to;
}

// Names of the columns in the parenthesised list starting at `open` (first token of each
// item, so "a COLLATE nocase DESC" gives a).
QStringList columnList(const QList<Token> &tokens, int open)
{
    QStringList names;
    const int close = matchParen(tokens, open);
    for (const Range &r : splitTopLevel(tokens, open + 1, close))
        names.append(unquote(tokens.at(r.from)));
    return names;
}

// Skips "IF NOT EXISTS" and a possibly schema-qualified name starting at `i`.
int skipObjectName(const QList<Token> &tokens, int i)
{
    if (i + 2 < tokens.size() && tokens.at(i).isWord("IF") && tokens.at(i + 1).isWord("NOT")
        && tokens.at(i + 2).isWord("EXISTS"))
        i += 3;
    ++i;
    if (i + 1 < tokens.size() && tokens.at(i).isPunct('.'))
        i += 2;
    return i;
}

// Index just after the first top-level Word `keyword` at or after `from`, or -1.
int afterWord(const QList<Token> &tokens, int from, const char *keyword)
{
    for (int i = from; i < tokens.size(); ++i)
        if (tokens.at(i).isWord(keyword))
            return i + 1;
    return -1;
}

QString stripSemicolon(QString text)
{
    text = text.trimmed();
    while (text.endsWith(QLatin1Char(';')))
        text = text.chopped(1).trimmed();
    return text;
}

// Parses the constraints in [from, to): a column's tail after its name and type, or one
// table constraint. `column` is the owning column name for column constraints.
QList<ParsedConstraint> parseConstraints(const QString &sql, const QList<Token> &tokens, int from, int to,
                                         const QString &column, ParsedColumn *owner)
{
    QList<ParsedConstraint> found;
    QString pendingName;
    for (int i = from; i < to; ++i) {
        const Token &t = tokens.at(i);
        if (t.isPunct('(')) {
            i = matchParen(tokens, i);
            continue;
        }
        if (t.isWord("CONSTRAINT") && i + 1 < to) {
            pendingName = unquote(tokens.at(++i));
            continue;
        }
        ParsedConstraint c;
        c.name = pendingName;
        int end = i + 1;
        if (t.isWord("CHECK") && i + 1 < to && tokens.at(i + 1).isPunct('(')) {
            end = matchParen(tokens, i + 1) + 1;
            c.kind = QStringLiteral("CHECK");
            c.expression = slice(sql, tokens, i + 2, end - 1);
            if (!column.isEmpty())
                c.columns = QStringList{column};
        } else if ((t.isWord("PRIMARY") || t.isWord("UNIQUE") || t.isWord("FOREIGN"))) {
            c.kind = t.isWord("UNIQUE") ? QStringLiteral("UNIQUE")
                     : t.isWord("PRIMARY") ? QStringLiteral("PRIMARY KEY") : QStringLiteral("FOREIGN KEY");
            const int open = nextOpenParen(tokens, i, to);
            c.columns = column.isEmpty() && open < to ? columnList(tokens, open) : QStringList{column};
            end = column.isEmpty() ? to : end;
        } else if (t.isWord("REFERENCES") && !column.isEmpty()) {
            c.kind = QStringLiteral("FOREIGN KEY");
            c.columns = QStringList{column};
        } else if (t.isWord("AS") && owner && i + 1 < to && tokens.at(i + 1).isPunct('(')) {
            end = matchParen(tokens, i + 1);
            owner->generationExpression = slice(sql, tokens, i + 2, end);
            pendingName.clear();
            i = end;
            continue;
        } else if (t.isWord("COLLATE") && owner && i + 1 < to) {
            owner->collation = unquote(tokens.at(++i));
            pendingName.clear();
            continue;
        } else {
            continue;
        }
        // A column constraint's own text runs into the next one; its kind says enough.
        c.text = column.isEmpty() || c.kind == QLatin1String("CHECK") ? slice(sql, tokens, i, end) : c.kind;
        found.append(c);
        pendingName.clear();
        i = end - 1;
    }
    return found;
}

} // namespace

bool Token::isWord(const char *keyword) const
{
    return type == Type::Word && text.compare(QLatin1String(keyword), Qt::CaseInsensitive) == 0;
}

bool Token::isPunct(char c) const
{
    return type == Type::Punct && text.size() == 1 && text.at(0) == QLatin1Char(c);
}

QList<Token> tokenize(const QString &sql, dialect::DialectKind kind)
{
    QList<Token> tokens;
    for (const dialect::SqlToken &t : dialect::SqlLexer::codeTokens(kind, sql)) {
        Token token;
        switch (t.kind) {
        case dialect::TokenKind::Word: token.type = Type::Word; break;
        case dialect::TokenKind::QuotedIdentifier: token.type = Type::Identifier; break;
        case dialect::TokenKind::String:
        case dialect::TokenKind::DollarString: token.type = Type::String; break;
        case dialect::TokenKind::Number: token.type = Type::Number; break;
        default: token.type = Type::Punct; break;
        }
        token.begin = t.start;
        token.end = t.end();
        token.text = sql.mid(t.start, t.length);
        tokens.append(token);
    }
    return tokens;
}

QString unquote(const Token &token)
{
    const QString &s = token.text;
    if (token.type != Type::Identifier && token.type != Type::String)
        return s;
    if (s.size() < 2)
        return s;
    const QChar open = s.at(0);
    QString inner = s.mid(1, s.size() - 2);
    if (open == QLatin1Char('['))
        return inner;
    inner.replace(QString(2, open), QString(open));
    return inner;
}

QList<ParsedConstraint> ParsedTable::allOfKind(const QString &kind) const
{
    QList<ParsedConstraint> found;
    for (const ParsedColumn &column : columns)
        for (const ParsedConstraint &c : column.constraints)
            if (c.kind == kind)
                found.append(c);
    for (const ParsedConstraint &c : constraints)
        if (c.kind == kind)
            found.append(c);
    return found;
}

ParsedTable parseCreateTable(const QString &sql)
{
    ParsedTable table;
    const QList<Token> tokens = tokenize(sql);
    const int tableWord = afterWord(tokens, 0, "TABLE");
    if (tableWord < 0)
        return table;
    const int open = skipObjectName(tokens, tableWord);
    if (open >= tokens.size() || !tokens.at(open).isPunct('('))
        return table;   // CREATE TABLE ... AS SELECT, or a virtual table
    const int close = matchParen(tokens, open);
    for (const Range &r : splitTopLevel(tokens, open + 1, close)) {
        const Token &first = tokens.at(r.from);
        const bool isTableConstraint = first.isWord("CONSTRAINT") || first.isWord("PRIMARY")
                                       || first.isWord("UNIQUE") || first.isWord("CHECK") || first.isWord("FOREIGN");
        if (isTableConstraint) {
            table.constraints.append(parseConstraints(sql, tokens, r.from, r.to, QString(), nullptr));
            continue;
        }
        ParsedColumn column;
        column.name = unquote(first);
        column.constraints = parseConstraints(sql, tokens, r.from + 1, r.to, column.name, &column);
        table.columns.append(column);
    }
    return table;
}

ParsedIndex parseCreateIndex(const QString &sql)
{
    ParsedIndex index;
    const QList<Token> tokens = tokenize(sql);
    const int indexWord = afterWord(tokens, 0, "INDEX");
    if (indexWord < 0)
        return index;
    const int on = skipObjectName(tokens, indexWord);
    if (on >= tokens.size() || !tokens.at(on).isWord("ON"))
        return index;
    const int open = nextOpenParen(tokens, on, int(tokens.size()));
    const int close = matchParen(tokens, open);
    for (const Range &r : splitTopLevel(tokens, open + 1, close)) {
        int to = r.to;
        if (to - 1 > r.from && (tokens.at(to - 1).isWord("ASC") || tokens.at(to - 1).isWord("DESC")))
            --to;
        index.parts.append(slice(sql, tokens, r.from, to));
    }
    if (close + 1 < tokens.size() && tokens.at(close + 1).isWord("WHERE"))
        index.predicate = stripSemicolon(slice(sql, tokens, close + 2, int(tokens.size())));
    return index;
}

ParsedTrigger parseCreateTrigger(const QString &sql)
{
    ParsedTrigger trigger;
    const QList<Token> tokens = tokenize(sql);
    const int triggerWord = afterWord(tokens, 0, "TRIGGER");
    if (triggerWord < 0)
        return trigger;
    int i = skipObjectName(tokens, triggerWord);
    trigger.timing = QStringLiteral("BEFORE");
    if (i < tokens.size() && (tokens.at(i).isWord("BEFORE") || tokens.at(i).isWord("AFTER"))) {
        trigger.timing = tokens.at(i).text.toUpper();
        ++i;
    } else if (i + 1 < tokens.size() && tokens.at(i).isWord("INSTEAD") && tokens.at(i + 1).isWord("OF")) {
        trigger.timing = QStringLiteral("INSTEAD OF");
        i += 2;
    }
    if (i < tokens.size() && (tokens.at(i).isWord("INSERT") || tokens.at(i).isWord("UPDATE") || tokens.at(i).isWord("DELETE")))
        trigger.events.append(tokens.at(i).text.toUpper());
    return trigger;
}

QString parseViewSelect(const QString &sql)
{
    const QList<Token> tokens = tokenize(sql);
    const int viewWord = afterWord(tokens, 0, "VIEW");
    if (viewWord < 0)
        return QString();
    int i = skipObjectName(tokens, viewWord);
    if (i < tokens.size() && tokens.at(i).isPunct('('))
        i = matchParen(tokens, i) + 1;
    if (i >= tokens.size() || !tokens.at(i).isWord("AS"))
        return QString();
    return stripSemicolon(slice(sql, tokens, i + 1, int(tokens.size())));
}

} // namespace strata::catalog::sqliteparser
