#pragma once

// Finding PostgreSQL's client programs (pg_dump, pg_restore, psql) without any setup:
// every copy on PATH, in each /usr/lib/postgresql/<major>/bin (Debian and Ubuntu install
// several majors side by side there), and in a folder the user named; each asked for its
// version with `--version`. choose() takes the lowest version that is at least the server's
// major, since an older pg_dump refuses a newer server ("server version mismatch") and the
// lowest fitting one is the closest to the server. A program found twice (a symlink, Debian's
// pg_wrapper in /usr/bin) counts once.
//
// discover() starts processes and waits for them: call it off the GUI thread.

#include "base/result.h"
#include "pgversion.h"

#include <QList>
#include <QProcessEnvironment>
#include <QStringList>

namespace strata::backup {

enum class PgProgram { Dump, Restore, Psql };

/// "pg_dump", "pg_restore", "psql".
QString programName(PgProgram program);

/// Where a copy was found; earlier values win when two copies report the same version.
enum class ToolOrigin { UserFolder, VersionedInstall, Path };

struct PgTool {
    PgProgram program = PgProgram::Dump;
    QString path;               ///< absolute
    PgVersion version;
    ToolOrigin origin = ToolOrigin::Path;
    QString versionOutput;      ///< what --version printed, trimmed

    bool isValid() const { return !path.isEmpty() && version.isValid(); }
    /// "pg_dump 15.18 (/usr/lib/postgresql/15/bin/pg_dump)".
    QString describe() const;
};

/// Where to look. fromEnvironment() gives PATH's folders, /usr/lib/postgresql and the user's
/// folder; tests give their own.
struct ToolSearch {
    QString userFolder;                 ///< empty: none
    QStringList pathFolders;            ///< searched in order
    QStringList installRoots;           ///< each root/<version>/bin is searched

    static ToolSearch fromEnvironment(const QProcessEnvironment &env, const QString &userFolder = {});
    /// "PATH, /usr/lib/postgresql/*/bin and /opt/pg" for messages.
    QString describe() const;
};

class PgToolFinder {
public:
    /// Every copy of `program`, by ascending version. Copies whose --version fails or prints
    /// no version are left out. Blocks for a few milliseconds per copy.
    static QList<PgTool> discover(PgProgram program, const ToolSearch &search);

    /// The copy to use against a server of version `server`: the lowest version whose major is
    /// at least the server's; on a tie the user's folder, then /usr/lib/postgresql, then PATH.
    /// An invalid `server` takes the newest. None fits: an error naming what was found and the
    /// Debian package to install (postgresql-client-NN).
    static Result<PgTool> choose(const QList<PgTool> &found, PgProgram program, const PgVersion &server,
                                 const ToolSearch &search = {});

    /// The version a program reports (runs `path --version`, 5 s at most); invalid on failure.
    static PgVersion probe(const QString &path, QString *output = nullptr);
};

} // namespace strata::backup
