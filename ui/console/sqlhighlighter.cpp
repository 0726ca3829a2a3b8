#include "sqlhighlighter.h"

#include "exec/sqlkeywords.h"

#include <QTextBlockUserData>

namespace strata::ui {

using exec::LexState;
using exec::SqlToken;
using exec::TokenKind;

namespace {

class DollarTag : public QTextBlockUserData {
public:
    explicit DollarTag(QString t) : tag(std::move(t)) {}
    QString tag;
};

int encode(const LexState &s)
{
    // the tag's hash is part of the state, so changing $a$ to $b$ re-highlights the lines after
    const int tag = s.tag.isEmpty() ? 0 : int(qHash(s.tag) % 100000);
    return s.mode == LexState::Mode::Code ? -1 : tag * 10000 + int(s.mode) * 1000 + std::min(s.depth, 999);
}

LexState decode(int state, const QTextBlock &previous)
{
    LexState s;
    if (state < 0)
        return s;
    s.mode = LexState::Mode((state % 10000) / 1000);
    s.depth = state % 1000;
    if (s.mode == LexState::Mode::Dollar) {
        if (auto *tag = dynamic_cast<DollarTag *>(previous.userData()))
            s.tag = tag->tag;
    }
    return s;
}

} // namespace

SqlHighlighter::SqlHighlighter(QTextDocument *document, exec::DialectKind dialect)
    : QSyntaxHighlighter(document)
    , m_dialect(dialect)
{
    m_keyword.setForeground(QColor(0x00, 0x33, 0x99));
    m_keyword.setFontWeight(QFont::Bold);
    m_string.setForeground(QColor(0x0a, 0x7d, 0x1f));
    m_dollar.setForeground(QColor(0x0a, 0x7d, 0x1f));
    m_dollar.setBackground(QColor(0xf3, 0xfa, 0xf0));
    m_comment.setForeground(QColor(0x80, 0x80, 0x80));
    m_comment.setFontItalic(true);
    m_number.setForeground(QColor(0xb0, 0x4a, 0x00));
    m_identifier.setForeground(QColor(0x7a, 0x1f, 0x8f));
    m_parameter.setForeground(QColor(0xc0, 0x10, 0x60));
    m_parameter.setFontWeight(QFont::Bold);
}

void SqlHighlighter::setDialect(exec::DialectKind dialect)
{
    if (m_dialect == dialect)
        return;
    m_dialect = dialect;
    rehighlight();
}

void SqlHighlighter::highlightBlock(const QString &text)
{
    const LexState start = decode(previousBlockState(), currentBlock().previous());
    exec::SqlLexer lexer(m_dialect, text, 0, -1, start);
    SqlToken t;
    while (lexer.next(t)) {
        const QTextCharFormat *format = nullptr;
        switch (t.kind) {
        case TokenKind::LineComment:
        case TokenKind::BlockComment: format = &m_comment; break;
        case TokenKind::String: format = &m_string; break;
        case TokenKind::DollarString: format = &m_dollar; break;
        case TokenKind::QuotedIdentifier: format = &m_identifier; break;
        case TokenKind::Number: format = &m_number; break;
        case TokenKind::Parameter: format = &m_parameter; break;
        case TokenKind::Word:
            if (exec::SqlKeywords::isKeyword(QStringView(text).mid(t.start, t.length), m_dialect))
                format = &m_keyword;
            break;
        default: break;
        }
        if (format)
            setFormat(t.start, t.length, *format);
    }
    // a line break inside a string or comment belongs to it; a line comment ends here
    LexState end = lexer.state();
    setCurrentBlockState(encode(end));
    if (end.mode == LexState::Mode::Dollar)
        setCurrentBlockUserData(new DollarTag(end.tag));
    else
        setCurrentBlockUserData(nullptr);
}

} // namespace strata::ui
