#pragma once

// JSON text laid out again without being parsed into values: only the whitespace between
// tokens changes. QJsonDocument would sort object keys, drop duplicate keys and turn every
// number into a double (12345678901234567890 becomes 1.2345678901234567e+19), so a value
// shown pretty-printed and saved again would no longer be the one stored (json keeps its
// text verbatim; jsonb keeps numbers exactly).

#include <QString>

namespace strata::data {

/// `json` with two-space indentation, one member or element per line; text that is not
/// well-formed enough to lay out (an unterminated string) comes back unchanged.
QString indentedJson(const QString &json);
/// `json` with every insignificant whitespace removed.
QString compactJson(const QString &json);

} // namespace strata::data
