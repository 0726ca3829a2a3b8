#include "sectioncheck.h"

#include "exec/statementsplitter.h"

namespace strata::migrate {

namespace {

Error problemAt(const QString &sql, int offset, const QString &file, int firstLine, const QString &message)
{
    const exec::TextPosition p = exec::positionOf(sql, offset);
    Error e(ErrorKind::Syntax, message);
    if (file.isEmpty())
        return e.withLocation(QString(), firstLine + p.line, p.column + 1);
    return locatedAt(e, file, firstLine + p.line, p.column + 1);
}

/// The transaction-control statement `words` start, or an empty string.
QString transactionControl(const QStringList &words)
{
    static const QStringList always{QStringLiteral("BEGIN"), QStringLiteral("COMMIT"), QStringLiteral("END"),
                                    QStringLiteral("ROLLBACK"), QStringLiteral("ABORT"), QStringLiteral("SAVEPOINT"),
                                    QStringLiteral("RELEASE")};
    if (words.isEmpty())
        return {};
    if (always.contains(words.first()))
        return words.first();
    if (words.size() > 1 && words[1] == u"TRANSACTION" && (words.first() == u"START" || words.first() == u"PREPARE"))
        return words.join(QLatin1Char(' '));
    return {};
}

} // namespace

Status checkComplete(const QString &sql, dialect::DialectKind dialect, const QString &file, int firstLine)
{
    if (const qsizetype nul = sql.indexOf(QChar(u'\0')); nul >= 0)
        return problemAt(sql, int(nul), file, firstLine,
                         QStringLiteral("a NUL character in the SQL: nothing after it could run; remove it"));
    if (const auto open = exec::StatementSplitter::unterminated(sql, dialect))
        return problemAt(sql, open->offset, file, firstLine,
                         QStringLiteral("%1 runs to the end of the section: the SQL after it would never run; close it")
                             .arg(open->description()));
    return {};
}

Status checkTransactionControl(const QString &sql, dialect::DialectKind dialect, const QString &file, int firstLine)
{
    for (const exec::SqlStatement &st : exec::StatementSplitter::split(sql, dialect)) {
        const QString word = transactionControl(exec::StatementSplitter::leadingWords(st.text, 2, dialect));
        if (word.isEmpty())
            continue;
        return problemAt(sql, st.offset, file, firstLine,
                         QStringLiteral("%1 in a transactional revision: the runner already runs the revision in a "
                                        "transaction, so this would commit or roll back part of it. Remove it, or mark "
                                        "the revision '-- transactional: false' to manage transactions yourself")
                             .arg(word));
    }
    return {};
}

Status checkSection(const QString &sql, dialect::DialectKind dialect, bool transactional, const QString &file, int firstLine)
{
    if (Status s = checkComplete(sql, dialect, file, firstLine); !s)
        return s;
    if (transactional)
        return checkTransactionControl(sql, dialect, file, firstLine);
    return {};
}

} // namespace strata::migrate
