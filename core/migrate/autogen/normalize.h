#pragma once

// Internal to autogen: the spellings the comparator compares, so two texts that mean the
// same thing (a type alias, a cast on a literal, whitespace and parentheses a server adds
// when it stores an expression) compare equal. Public entry points are normalizeType and
// normalizeDefault in comparator.h.

#include "dialect/dialect.h"

#include <QString>

namespace strata::migrate::autogen::detail {

/// The key two object names match on: SQLite compares ASCII letters case-insensitively,
/// PostgreSQL compares names exactly.
QString nameKey(dialect::DialectKind dialect, const QString &name);

/// Expression text (a CHECK, an index expression, a view's SELECT) for comparison: casts
/// of literals and identifiers dropped, parentheses and whitespace removed, lower case
/// outside quotes. A heuristic that errs on the side of "equal" only for redundant
/// parentheses and casts.
QString normalizeExpression(const QString &expression);

/// Lower-cases everything outside '...' and "..." and collapses whitespace runs to one space.
QString lowerOutsideQuotes(const QString &text);

} // namespace strata::migrate::autogen::detail
