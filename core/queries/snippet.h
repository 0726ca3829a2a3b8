#pragma once

// Snippets: a saved query may hold placeholders, as editors' snippets do —
// `${name}` or `${name:default}` (name: letters, digits, _; the default runs to the
// closing brace). Expanding writes each default (or the name) in place and says where
// each placeholder now is, so the console can select the first for typing. Anything
// else, PostgreSQL's $$ and $tag$ quotes included, is left as it is. Pure, any thread.

#include <QList>
#include <QString>

namespace strata::queries {

struct SnippetField {
    QString name;
    int start = 0;   ///< in the expanded text
    int length = 0;
};

struct ExpandedSnippet {
    QString text;
    QList<SnippetField> fields;   ///< in the order they appear
};

ExpandedSnippet expandSnippet(const QString &text);

}   // namespace strata::queries
