#include "buildinfo.h"

#include "base/version.h"

#include <libpq-fe.h>
#include <sqlite3.h>

namespace strata {

BuildInfo buildInfo()
{
    BuildInfo info;
    info.version = QStringLiteral(STRATA_VERSION_STRING);
    info.gitCommit = QStringLiteral(STRATA_GIT_COMMIT);
    info.qtVersion = QString::fromLatin1(qVersion());
    info.sqliteVersion = QString::fromLatin1(sqlite3_libversion());
    const int pq = PQlibVersion();   // e.g. 150018
    info.libpqVersion = QStringLiteral("%1.%2").arg(pq / 10000).arg(pq % 10000);
    return info;
}

QString buildInfoText()
{
    const BuildInfo info = buildInfo();
    return QStringLiteral("Strata %1 (commit %2)\nQt %3\nSQLite %4\nlibpq %5")
        .arg(info.version, info.gitCommit, info.qtVersion, info.sqliteVersion, info.libpqVersion);
}

} // namespace strata
