#pragma once

// RevisionFileHighlighter: a small syntax highlighter for revision files and SQL previews: keywords,
// strings, numbers, comments, and the revision-file markers (`-- revision:` headers and the
// `-- +upgrade` / `-- +downgrade` section lines) in their own colours. Destructive
// statements (DROP ...) stand out in red. The console gets a fuller highlighter later.

#include <QRegularExpression>
#include <QSyntaxHighlighter>
#include <QTextCharFormat>

namespace strata::ui {

class RevisionFileHighlighter : public QSyntaxHighlighter {
    Q_OBJECT
public:
    explicit RevisionFileHighlighter(QTextDocument *document);

protected:
    void highlightBlock(const QString &text) override;

private:
    struct Rule {
        QRegularExpression pattern;
        QTextCharFormat format;
    };
    QList<Rule> m_rules;
    QTextCharFormat m_comment;
    QTextCharFormat m_header;
    QTextCharFormat m_section;
    QTextCharFormat m_string;
};

} // namespace strata::ui
