#include "pythonrevisionhighlighter.h"

#include <QRegularExpression>
#include <QTextBlock>

namespace strata::ui {

namespace {

// Block state bits: 1 = inside a triple-quoted string; the body in bits 2-3.
constexpr int kInString = 1;
constexpr int kBodyShift = 1;

const QColor kUpgradeTint(0xe6, 0xf4, 0xea);
const QColor kDowngradeTint(0xfd, 0xf0, 0xe0);

PythonRevisionHighlighter::Body bodyFromState(int state)
{
    return state < 0 ? PythonRevisionHighlighter::Body::None
                     : static_cast<PythonRevisionHighlighter::Body>((state >> kBodyShift) & 3);
}

QTextCharFormat withColor(const QTextCharFormat &base, const QColor &color, bool bold = false, bool italic = false)
{
    QTextCharFormat f = base;
    f.setForeground(color);
    if (bold)
        f.setFontWeight(QFont::Bold);
    if (italic)
        f.setFontItalic(true);
    return f;
}

} // namespace

PythonRevisionHighlighter::PythonRevisionHighlighter(QTextDocument *document) : QSyntaxHighlighter(document) {}

PythonRevisionHighlighter::Body PythonRevisionHighlighter::bodyOf(const QTextBlock &block)
{
    return bodyFromState(block.userState());
}

void PythonRevisionHighlighter::highlightBlock(const QString &text)
{
    static const QRegularExpression def(QStringLiteral("^def\\s+(upgrade|downgrade)\\s*\\("));
    const int previous = previousBlockState();
    bool inString = previous >= 0 && (previous & kInString);
    Body body = bodyFromState(previous);
    const QRegularExpressionMatch m = def.match(text);
    if (m.hasMatch())
        body = m.captured(1) == QLatin1String("upgrade") ? Body::Upgrade : Body::Downgrade;
    else if (!inString && !text.trimmed().isEmpty() && !text.at(0).isSpace())
        body = Body::None;   // a top-level line ends the function

    QTextCharFormat base;
    if (body == Body::Upgrade)
        base.setBackground(kUpgradeTint);
    else if (body == Body::Downgrade)
        base.setBackground(kDowngradeTint);
    setFormat(0, int(text.size()), base);
    if (m.hasMatch())
        setFormat(0, int(text.size()), withColor(base, body == Body::Upgrade ? QColor(0x1e, 0x7a, 0x45) : QColor(0xb0, 0x55, 0x00), true));

    int from = 0;
    const QTextCharFormat stringFormat = withColor(base, QColor(0xa3, 0x15, 0x15));
    if (inString) {
        const int end = int(text.indexOf(QStringLiteral("\"\"\"")));
        if (end < 0) {
            setFormat(0, int(text.size()), stringFormat);
            setCurrentBlockState(kInString | (int(body) << kBodyShift));
            return;
        }
        setFormat(0, end + 3, stringFormat);
        from = end + 3;
        inString = false;
    }
    if (!m.hasMatch())
        applyTokens(text, from, base);
    // A triple quote opened and not closed on this line continues on the next.
    const qsizetype opened = text.indexOf(QStringLiteral("\"\"\""), from);
    if (opened >= 0 && text.indexOf(QStringLiteral("\"\"\""), opened + 3) < 0) {
        setFormat(int(opened), int(text.size() - opened), stringFormat);
        inString = true;
    }
    setCurrentBlockState((inString ? kInString : 0) | (int(body) << kBodyShift));
}

void PythonRevisionHighlighter::applyTokens(const QString &text, int from, const QTextCharFormat &base)
{
    struct Rule {
        QRegularExpression pattern;
        QTextCharFormat format;
    };
    static const QString keywords = QStringLiteral(
        "\\b(and|as|assert|break|class|continue|def|del|elif|else|except|finally|for|from|global|if|import|in|is|"
        "lambda|nonlocal|not|or|pass|raise|return|try|while|with|yield|None|True|False)\\b");
    const QList<Rule> rules = {
        {QRegularExpression(keywords), withColor(base, QColor(0x00, 0x33, 0x99), true)},
        {QRegularExpression(QStringLiteral("\\b(op|sa|batch_op)\\.\\w+")), withColor(base, QColor(0x6f, 0x2d, 0xa8))},
        {QRegularExpression(QStringLiteral("\\b\\d+(\\.\\d+)?\\b")), withColor(base, QColor(0x09, 0x86, 0x58))},
        {QRegularExpression(QStringLiteral("'[^']*'|\"[^\"]*\"")), withColor(base, QColor(0xa3, 0x15, 0x15))},
        {QRegularExpression(QStringLiteral("#.*$")), withColor(base, QColor(0x6a, 0x73, 0x7d), false, true)},
    };
    for (const Rule &rule : rules) {
        auto it = rule.pattern.globalMatch(text, from);
        while (it.hasNext()) {
            const QRegularExpressionMatch match = it.next();
            setFormat(int(match.capturedStart()), int(match.capturedLength()), rule.format);
        }
    }
}

} // namespace strata::ui
