#include "schemastatement.h"

#include "sqllexer.h"

namespace strata::exec {

bool changesSchema(const QString &statement, dialect::DialectKind dialect)
{
    SqlLexer lexer(dialect, statement);
    SqlToken token;
    QStringList words;
    while (words.size() < 2 && lexer.next(token)) {
        if (!token.isCode())
            continue;
        if (token.kind != TokenKind::Word)
            break;
        words << statement.mid(token.start, token.length).toUpper();
    }
    if (words.isEmpty())
        return false;
    const QString &first = words.first();
    if (first == QLatin1String("CREATE") || first == QLatin1String("ALTER") || first == QLatin1String("DROP"))
        return true;
    if (dialect == dialect::DialectKind::Sqlite)
        return first == QLatin1String("ATTACH") || first == QLatin1String("DETACH");
    return first == QLatin1String("COMMENT")
        || (first == QLatin1String("IMPORT") && words.value(1) == QLatin1String("FOREIGN"));
}

} // namespace strata::exec
