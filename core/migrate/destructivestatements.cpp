#include "destructivestatements.h"

#include "dialect/statementsplitter.h"
#include "migrate/migrationengine.h"

#include <algorithm>

namespace strata::migrate {

namespace {

using dialect::SqlToken;
using dialect::TokenKind;

bool isWord(const QString &text, const SqlToken &t, QLatin1String word)
{
    return t.kind == TokenKind::Word && QStringView(text).mid(t.start, t.length).compare(word, Qt::CaseInsensitive) == 0;
}

// ALTER TABLE ... DROP x, unless x is what ALTER COLUMN or a constraint drops.
bool dropsColumn(const QString &text, const QList<SqlToken> &tokens)
{
    static const QLatin1String kept[] = {QLatin1String("CONSTRAINT"), QLatin1String("DEFAULT"), QLatin1String("NOT"),
                                         QLatin1String("IDENTITY"), QLatin1String("EXPRESSION")};
    for (qsizetype i = 2; i + 1 < tokens.size(); ++i) {
        if (!isWord(text, tokens.at(i), QLatin1String("DROP")))
            continue;
        const SqlToken &next = tokens.at(i + 1);
        if (isWord(text, next, QLatin1String("COLUMN")))
            return true;
        if (std::none_of(std::begin(kept), std::end(kept), [&](QLatin1String w) { return isWord(text, next, w); }))
            return true;
    }
    return false;
}

bool isDestructive(const QString &text, const QList<SqlToken> &tokens)
{
    if (tokens.size() < 2)
        return false;
    if (isWord(text, tokens.at(0), QLatin1String("DROP")))
        return isWord(text, tokens.at(1), QLatin1String("TABLE"));
    return isWord(text, tokens.at(0), QLatin1String("ALTER")) && isWord(text, tokens.at(1), QLatin1String("TABLE"))
           && dropsColumn(text, tokens);
}

} // namespace

QStringList destructiveStatements(const QString &sql, const QString &file, int firstLine, dialect::DialectKind dialect)
{
    QStringList out;
    for (const dialect::SqlStatement &st : dialect::StatementSplitter::split(sql, dialect)) {
        const QList<SqlToken> tokens = dialect::SqlLexer::codeTokens(dialect, st.text);
        if (!isDestructive(st.text, tokens))
            continue;
        // The splitter keeps leading comments with the statement: name the line of its code.
        const int start = tokens.first().start;
        const int skippedLines = int(QStringView(st.text).left(start).count(QLatin1Char('\n')));
        out.append(QStringLiteral("%1:%2: %3").arg(file).arg(firstLine + st.line + skippedLines).arg(st.text.mid(start).simplified()));
    }
    return out;
}

QStringList destructiveStatements(const MigrationEngine &engine, const MigrationPlan &plan, dialect::DialectKind dialect)
{
    const QString dialectName = dialect::dialectFor(dialect).name();
    QStringList out;
    for (const MigrationStep &step : plan.steps) {
        const RevisionScript *script = engine.store().find(step.revision);
        if (!script)
            continue;
        if (Result<RevisionSection> section = script->section(step.direction, dialectName))
            out += destructiveStatements(section->sql, script->displayPath, section->line, dialect);
    }
    return out;
}

} // namespace strata::migrate
