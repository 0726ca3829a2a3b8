#pragma once
// ISO 8601 text of a UTC instant, formatted directly: QDateTime::toString costs about a
// microsecond a value, most of a bulk insert's client time when a table has a timestamp
// (`strata-bench mapping`).

#include <QByteArray>
#include <QDateTime>
#include <QString>

namespace strata {

/// Appends the UTC instant of `value` with milliseconds, "2024-01-01T00:00:01.001Z": the
/// text of value.toUTC().toString(Qt::ISODateWithMs). Years outside 1-9999 and invalid
/// values are left to Qt (which gives the same text, or none).
void appendIsoUtc(QByteArray &out, const QDateTime &value);

/// The same text as a QString.
QString isoUtc(const QDateTime &value);

} // namespace strata
