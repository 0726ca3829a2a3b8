#pragma once

// The words the console highlights, upper-cases when formatting and offers in completion,
// per dialect, plus common built-in functions. Sorted upper-case lists.

#include "dialect/dialect.h"

#include <QStringList>

namespace strata::exec {

class SqlKeywords {
public:
    static const QStringList &keywords(dialect::DialectKind dialect);
    static const QStringList &functions(dialect::DialectKind dialect);
    /// Case-insensitive, O(log n).
    static bool isKeyword(QStringView word, dialect::DialectKind dialect);
};

} // namespace strata::exec
