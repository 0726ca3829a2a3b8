#pragma once

// Text from outside (names read from a database, values from files, arguments) placed into
// what Strata writes. Two rules, each kept in one function so every writer agrees:
//
// - commentText(): text that lands inside a comment (SQL `--` or `/* */`, C++ `//`) or on
//   one line of a message or a generated file can never end that comment or line, nor
//   start a new one: every line break (\n, \r, \v, \f, U+0085, U+2028, U+2029), every
//   other control character, "*/" and "/*" are written as backslash escapes, and a
//   backslash itself as "\\", so the result is one line of visible text that still says
//   exactly what the input was. A column named "a\nDELETE FROM t; --" becomes
//   `a\nDELETE FROM t; --` on the comment's own line.
// - capped() / quotedInput(): input quoted in a message is cut to a bounded length (a
//   5 MB setting must not make a 5 MB message); quotedInput() is capped() then
//   commentText(), for a value quoted inside a one-line message.

#include <QString>
#include <QStringView>

namespace strata {

/// `text` as one line that cannot end or open a comment (see above).
QString commentText(QStringView text);

/// Quoted input is cut to this many characters by default.
inline constexpr int kQuotedInputLimit = 200;

/// `text` cut to at most `maxChars` characters, followed by "… (N more characters)" when
/// something was cut. Surrogate pairs are never split.
QString capped(QStringView text, int maxChars = kQuotedInputLimit);

/// capped() then commentText(): a value from outside, ready to quote in a message.
QString quotedInput(QStringView text, int maxChars = kQuotedInputLimit);

} // namespace strata
