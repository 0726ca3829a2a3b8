#include "sqlparameters.h"

#include "statementsplitter.h"

#include <QSet>

namespace strata::exec {

QList<ParameterRef> SqlParameters::find(const QString &statement, DialectKind dialect)
{
    QList<ParameterRef> out;
    QMap<QString, int> namedIndex;
    int maxIndex = 0;
    SqlLexer lexer(dialect, statement);
    SqlToken t;
    while (lexer.next(t)) {
        if (t.kind != TokenKind::Parameter)
            continue;
        const QString text = statement.mid(t.start, t.length);
        QString key = text;
        if (text.startsWith(QLatin1Char('$')) && dialect == DialectKind::Postgres) {
            maxIndex = std::max(maxIndex, text.mid(1).toInt());
        } else if (text.startsWith(QLatin1Char('?'))) {
            if (text.size() == 1) {
                key = QStringLiteral("?%1").arg(++maxIndex);
            } else {
                maxIndex = std::max(maxIndex, text.mid(1).toInt());
            }
        } else if (dialect == DialectKind::Sqlite && !namedIndex.contains(text)) {
            namedIndex.insert(text, ++maxIndex);
        }
        out.append(ParameterRef{key, t.start, t.length});
    }
    return out;
}

QStringList SqlParameters::keys(const QString &script, int from, int to, DialectKind dialect)
{
    QStringList out;
    QSet<QString> seen;
    for (const SqlStatement &st : StatementSplitter::split(script, from, to, dialect)) {
        for (const ParameterRef &p : find(st.text, dialect)) {
            if (!seen.contains(p.key)) {
                seen.insert(p.key);
                out.append(p.key);
            }
        }
    }
    return out;
}

int SqlParameters::PostgresBinding::originalIndex(int index) const
{
    int shift = 0;
    for (const auto &[at, delta] : edits)
        if (index > at)
            shift += delta;
    return index - shift;
}

Result<SqlParameters::PostgresBinding> SqlParameters::bindPostgres(const QString &statement, const ParameterValues &values)
{
    const QList<ParameterRef> params = find(statement, DialectKind::Postgres);
    PostgresBinding out;
    int maxNumbered = 0;
    for (const ParameterRef &p : params)
        if (p.key.startsWith(QLatin1Char('$')))
            maxNumbered = std::max(maxNumbered, p.key.mid(1).toInt());
    QList<QVariant> ordered(maxNumbered);
    QMap<QString, int> named;
    QString sql;
    int copied = 0;
    for (const ParameterRef &p : params) {
        if (!values.contains(p.key))
            return Error(ErrorKind::Syntax, QStringLiteral("No value was given for parameter %1.").arg(p.key));
        if (p.key.startsWith(QLatin1Char('$'))) {
            ordered[p.key.mid(1).toInt() - 1] = values.value(p.key);
            continue;
        }
        int n = named.value(p.key, 0);
        if (n == 0) {
            ordered.append(values.value(p.key));
            n = int(ordered.size());
            named.insert(p.key, n);
        }
        sql += QStringView(statement).mid(copied, p.start - copied);
        const QString placeholder = QStringLiteral("$%1").arg(n);
        out.edits.append({int(sql.size()), int(placeholder.size()) - p.length});
        sql += placeholder;
        copied = p.start + p.length;
    }
    sql += QStringView(statement).mid(copied);
    out.sql = sql;
    out.values = ordered;
    return out;
}

} // namespace strata::exec
