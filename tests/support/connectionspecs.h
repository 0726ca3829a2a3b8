#pragma once

// Connection specs for tests.

#include "connection/connectionstring.h"

namespace strata::test {

/// A SQLite file (created when missing), as the Open dialog would describe it.
inline connection::ConnectionSpec sqliteSpec(const QString &path)
{
    connection::ConnectionSpec spec;
    spec.profile.driver = dialect::DialectKind::Sqlite;
    spec.profile.filePath = path;
    spec.profile.createIfMissing = true;
    return spec;
}

} // namespace strata::test
