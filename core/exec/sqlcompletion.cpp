#include "sqlcompletion.h"

#include "sqlkeywords.h"
#include "statementsplitter.h"

namespace strata::exec {

namespace {

QString identifier(const QString &text, const SqlToken &t)
{
    const QString raw = text.mid(t.start, t.length);
    if (t.kind == TokenKind::QuotedIdentifier && raw.size() >= 2) {
        const QChar q = raw.at(0);
        QString inner = raw.mid(1, raw.size() - 2);
        if (q != QLatin1Char('['))
            inner.replace(QString(2, q), QString(q));
        return inner;
    }
    return raw;
}

bool isName(const SqlToken &t)
{
    return t.kind == TokenKind::Word || t.kind == TokenKind::QuotedIdentifier;
}

QString upper(const QString &text, const SqlToken &t)
{
    return t.kind == TokenKind::Word ? text.mid(t.start, t.length).toUpper() : QString();
}

bool startsTableList(const QString &w)
{
    return w == u"FROM" || w == u"JOIN" || w == u"INTO" || w == u"UPDATE" || w == u"TABLE";
}

} // namespace

QList<TableRef> SqlCompletion::tablesOf(const QString &statement, DialectKind dialect)
{
    const QList<SqlToken> tokens = SqlLexer::codeTokens(dialect, statement);
    QList<TableRef> out;
    for (int i = 0; i < tokens.size(); ++i) {
        const QString w = upper(statement, tokens[i]);
        if (!startsTableList(w))
            continue;
        const bool list = w == u"FROM";
        int j = i + 1;
        while (j < tokens.size() && isName(tokens[j])) {
            if (tokens[j].kind == TokenKind::Word && SqlKeywords::isKeyword(statement.mid(tokens[j].start, tokens[j].length), dialect)
                && upper(statement, tokens[j]) != u"TABLE")
                break;
            TableRef ref;
            ref.name = identifier(statement, tokens[j]);
            ++j;
            if (j + 1 < tokens.size() && statement.at(tokens[j].start) == QLatin1Char('.') && isName(tokens[j + 1])) {
                ref.schema = ref.name;
                ref.name = identifier(statement, tokens[j + 1]);
                j += 2;
            }
            if (j < tokens.size() && upper(statement, tokens[j]) == u"AS")
                ++j;
            if (j < tokens.size() && isName(tokens[j])
                && !(tokens[j].kind == TokenKind::Word && SqlKeywords::isKeyword(statement.mid(tokens[j].start, tokens[j].length), dialect))) {
                ref.alias = identifier(statement, tokens[j]);
                ++j;
            }
            out.append(ref);
            if (!list || j >= tokens.size() || statement.at(tokens[j].start) != QLatin1Char(','))
                break;
            ++j;
        }
        i = j - 1;
    }
    return out;
}

CompletionContext SqlCompletion::analyze(const QString &text, int cursor, DialectKind dialect)
{
    CompletionContext ctx;
    cursor = std::clamp(cursor, 0, int(text.size()));
    int start = cursor;
    while (start > 0 && isIdentifierChar(text.at(start - 1), dialect))
        --start;
    ctx.replaceStart = start;
    ctx.prefix = text.mid(start, cursor - start);

    const std::optional<SqlStatement> st = StatementSplitter::statementAt(text, cursor, dialect);
    const int from = st && st->offset <= start ? st->offset : start;
    const int to = st ? std::max(st->end(), cursor) : cursor;
    const QString statement = text.mid(from, to - from);
    ctx.tables = tablesOf(statement, dialect);

    // the code tokens before the word, within the statement
    QList<SqlToken> before;
    for (const SqlToken &t : SqlLexer::codeTokens(dialect, statement))
        if (t.end() + from <= start)
            before.append(t);
    int k = int(before.size()) - 1;
    if (k >= 0 && statement.at(before[k].start) == QLatin1Char('.') && before[k].end() + from == start && k >= 1
        && isName(before[k - 1])) {
        ctx.qualifier = identifier(statement, before[k - 1]);
        k -= 2;
    }
    // a table name is expected right after FROM/JOIN/..., or after a ',' in a FROM list
    for (int i = k; i >= 0; --i) {
        const QString w = upper(statement, before[i]);
        if (i == k && startsTableList(w)) {
            ctx.expectRelation = true;
            break;
        }
        if (i == k && statement.at(before[i].start) == QLatin1Char(',')) {
            for (int j = i - 1; j >= 0; --j) {
                const QString u = upper(statement, before[j]);
                if (u == u"FROM") {
                    ctx.expectRelation = true;
                    break;
                }
                if (u == u"SELECT" || u == u"WHERE" || u == u"JOIN" || u == u"ON" || statement.at(before[j].start) == QLatin1Char('('))
                    break;
            }
        }
        break;
    }
    return ctx;
}

QList<CompletionItem> SqlCompletion::complete(const CompletionContext &ctx, const CompletionCatalog &catalog,
                                              QList<TableRef> *missingColumns, int limit)
{
    QList<CompletionItem> out;
    auto columnsOf = [&](const TableRef &ref) {
        const QString schema = catalog.resolveRelation(ref.schema, ref.name);
        if (schema.isNull())
            return;
        // the catalog holds the real spelling; find it
        QString name = ref.name;
        for (const CompletionItem &r : catalog.relations(schema, ref.name, 64))
            if (r.text.compare(ref.name, Qt::CaseInsensitive) == 0) {
                name = r.text;
                if (r.text == ref.name)
                    break;
            }
        if (!catalog.hasColumns(schema, name)) {
            if (missingColumns)
                missingColumns->append(TableRef{schema, name, ref.alias});
            return;
        }
        out.append(catalog.columns(schema, name, ctx.prefix, limit));
    };
    if (!ctx.qualifier.isEmpty()) {
        for (const TableRef &ref : ctx.tables) {
            if (ref.alias.compare(ctx.qualifier, Qt::CaseInsensitive) == 0
                || (ref.alias.isEmpty() && ref.name.compare(ctx.qualifier, Qt::CaseInsensitive) == 0
                    && !catalog.resolveRelation(ref.schema, ref.name).isNull())) {
                columnsOf(ref);
                return out;
            }
        }
        if (!catalog.resolveRelation(QString(), ctx.qualifier).isNull()) {
            columnsOf(TableRef{QString(), ctx.qualifier, QString()});
            return out;
        }
        out.append(catalog.relations(ctx.qualifier, ctx.prefix, limit));
        return out;
    }
    if (ctx.expectRelation) {
        out.append(catalog.relations(QString(), ctx.prefix, limit));
        out.append(catalog.schemas(ctx.prefix, limit));
        return out.mid(0, limit);
    }
    for (const TableRef &ref : ctx.tables)
        columnsOf(ref);
    if (!ctx.prefix.isEmpty()) {
        out.append(catalog.keywords(ctx.prefix, limit));
        out.append(catalog.relations(QString(), ctx.prefix, limit));
        out.append(catalog.functions(ctx.prefix, limit));
        out.append(catalog.schemas(ctx.prefix, limit));
    }
    return out.mid(0, limit);
}

} // namespace strata::exec
