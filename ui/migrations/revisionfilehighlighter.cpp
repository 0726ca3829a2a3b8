#include "revisionfilehighlighter.h"

namespace strata::ui {

RevisionFileHighlighter::RevisionFileHighlighter(QTextDocument *document) : QSyntaxHighlighter(document)
{
    QTextCharFormat keyword;
    keyword.setForeground(QColor(0x1a, 0x4f, 0xa8));
    keyword.setFontWeight(QFont::Bold);
    static const char *const words[] = {
        "select", "from", "where", "insert", "into", "values", "update", "set", "delete", "create", "alter", "table",
        "index", "view", "unique", "primary", "key", "foreign", "references", "not", "null", "default", "add", "column",
        "rename", "to", "on", "and", "or", "as", "begin", "commit", "rollback", "transaction", "if", "exists", "constraint",
        "check", "cascade", "integer", "text", "varchar", "numeric", "boolean", "timestamp", "serial", "bigint", "real",
        "trigger", "sequence", "schema", "pragma", "join", "left", "inner", "group", "by", "order", "limit", "with",
        "recursive", "union", "all", "concurrently", "vacuum", "type", "using", "returning", "in", "is", "case", "when",
        "then", "else", "end", "distinct", "immediate"};
    QStringList alternatives;
    for (const char *w : words)
        alternatives.append(QString::fromLatin1(w));
    m_rules.append(Rule{QRegularExpression(QStringLiteral("\\b(%1)\\b").arg(alternatives.join(QLatin1Char('|'))),
                                           QRegularExpression::CaseInsensitiveOption),
                        keyword});
    QTextCharFormat destructive;
    destructive.setForeground(QColor(0xc6, 0x28, 0x28));
    destructive.setFontWeight(QFont::Bold);
    m_rules.append(Rule{QRegularExpression(QStringLiteral("\\b(DROP|TRUNCATE)\\b"), QRegularExpression::CaseInsensitiveOption),
                        destructive});
    QTextCharFormat number;
    number.setForeground(QColor(0x8a, 0x4b, 0x08));
    m_rules.append(Rule{QRegularExpression(QStringLiteral("\\b\\d+(\\.\\d+)?\\b")), number});

    m_string.setForeground(QColor(0x1b, 0x7f, 0x3b));
    m_comment.setForeground(QColor(0x80, 0x80, 0x80));
    m_comment.setFontItalic(true);
    m_header.setForeground(QColor(0x6a, 0x3d, 0x9a));
    m_section.setForeground(Qt::white);
    m_section.setBackground(QColor(0x4a, 0x6f, 0xa5));
    m_section.setFontWeight(QFont::Bold);
}

void RevisionFileHighlighter::highlightBlock(const QString &text)
{
    static const QRegularExpression section(QStringLiteral("^--\\s*\\+(upgrade|downgrade)\\b.*$"));
    static const QRegularExpression header(QStringLiteral("^--\\s*(revision|down_revision|message|branch_labels|depends_on|"
                                                          "transactional|created):.*$"));
    if (section.match(text).hasMatch()) {
        setFormat(0, int(text.size()), m_section);
        return;
    }
    if (header.match(text).hasMatch()) {
        setFormat(0, int(text.size()), m_header);
        return;
    }
    for (const Rule &rule : std::as_const(m_rules)) {
        auto it = rule.pattern.globalMatch(text);
        while (it.hasNext()) {
            const auto m = it.next();
            setFormat(int(m.capturedStart()), int(m.capturedLength()), rule.format);
        }
    }
    // Strings and comments last, scanning left to right so a quote inside a comment (or
    // "--" inside a string) is not mistaken for the other.
    int i = 0;
    while (i < text.size()) {
        const QChar c = text.at(i);
        if (c == QLatin1Char('\'') || c == QLatin1Char('"')) {
            int j = i + 1;
            while (j < text.size() && text.at(j) != c)
                ++j;
            setFormat(i, j - i + 1, c == QLatin1Char('\'') ? m_string : QTextCharFormat());
            i = j + 1;
        } else if (c == QLatin1Char('-') && i + 1 < text.size() && text.at(i + 1) == QLatin1Char('-')) {
            setFormat(i, int(text.size()) - i, m_comment);
            break;
        } else {
            ++i;
        }
    }
}

} // namespace strata::ui
