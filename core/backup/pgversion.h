#pragma once

// PgVersion: a PostgreSQL version as the server numbers it (server_version_num): 150018 for
// 15.18, 90624 for 9.6.24. Majors are compared as PostgreSQL defines them: "15" since 10,
// "9.6" before. Parsed from `pg_dump --version` ("pg_dump (PostgreSQL) 15.18 (Debian …)"),
// from SHOW server_version ("16beta2", "15.4 (Ubuntu …)") and from archive headers.

#include <QString>

namespace strata::backup {

struct PgVersion {
    int number = 0;   ///< server_version_num style; 0: unknown

    bool isValid() const { return number > 0; }
    /// A number that orders majors: 1500 for 15, 906 for 9.6.
    int majorKey() const;
    /// "15", "9.6"; empty when invalid.
    QString majorText() const;
    /// "15.18", "9.6.24", "16.0".
    QString text() const;

    /// The first version number in `text` (the output of --version, SHOW server_version, or
    /// a bare "15.18"); invalid when there is none.
    static PgVersion parse(const QString &text);
    static PgVersion fromNumber(int serverVersionNum) { return PgVersion{serverVersionNum}; }

    bool operator==(const PgVersion &) const = default;
    auto operator<=>(const PgVersion &) const = default;
};

/// The Debian/Ubuntu package that provides the client tools of a major version:
/// "postgresql-client-15", "postgresql-client-9.6".
QString debianClientPackage(const PgVersion &version);

} // namespace strata::backup
