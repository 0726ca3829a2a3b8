#pragma once

// SqlHighlighter: colours SQL with the same SqlLexer the executor splits with, so what
// shows as a string is what runs as one. Lexing is per line; a construct left open at the
// end of a line (block comment, string, dollar quote) continues on the next through the
// block state (mode and comment depth) and, for dollar quotes, the tag kept in the
// block's user data.

#include "exec/sqllexer.h"

#include <QSyntaxHighlighter>
#include <QTextCharFormat>

namespace strata::ui {

class SqlHighlighter : public QSyntaxHighlighter {
    Q_OBJECT
public:
    SqlHighlighter(QTextDocument *document, exec::DialectKind dialect);
    void setDialect(exec::DialectKind dialect);

protected:
    void highlightBlock(const QString &text) override;

private:
    exec::DialectKind m_dialect;
    QTextCharFormat m_keyword;
    QTextCharFormat m_string;
    QTextCharFormat m_comment;
    QTextCharFormat m_number;
    QTextCharFormat m_identifier;
    QTextCharFormat m_parameter;
    QTextCharFormat m_dollar;
};

} // namespace strata::ui
