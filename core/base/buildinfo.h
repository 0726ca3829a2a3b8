#pragma once

// What this build is: for --version, the About dialog and bug reports.

#include <QString>

namespace strata {

struct BuildInfo {
    QString version;       ///< Strata's version, e.g. "0.1.0"
    QString gitCommit;     ///< short commit id, or "unknown"
    QString qtVersion;     ///< the Qt the program runs with
    QString sqliteVersion; ///< sqlite3_libversion()
    QString libpqVersion;  ///< PQlibVersion() as "15.18"
};

BuildInfo buildInfo();

/// Multi-line text: "Strata 0.1.0 (commit abc)\nQt 6.4.2\nSQLite 3.40.1\nlibpq 15.18".
QString buildInfoText();

} // namespace strata
