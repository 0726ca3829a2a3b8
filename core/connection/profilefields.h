#pragma once

// A profile as a flat map of named values: the one saved form shared by the settings store
// (ConnectionStore) and the JSON export. Built field by field from ConnectionProfile, which
// has no password, and options holding secrets (a libpq "password", "sslpassword": see
// isSecretOption in redaction.h) are dropped on the way in and out, so no saved form can
// carry one.

#include "connectionprofile.h"

#include <QVariantMap>

namespace strata::connection {

/// Every field that differs from its default, under stable key names ("host", "sslMode",
/// "sshHost", ...); `options` is a nested map; times are ISO 8601 UTC strings.
QVariantMap profileToMap(const ConnectionProfile &profile);

/// The reverse. Unknown keys are ignored (a newer Strata may have added some); a missing
/// or unknown driver reads as SQLite when a file is given, else PostgreSQL.
ConnectionProfile profileFromMap(const QVariantMap &map);

/// "sqlite" / "postgresql".
QString driverName(DialectKind kind);

} // namespace strata::connection
