#pragma once

// SqliteLockFile: the migration lock of a SQLite database, `<database file>.strata-lock`
// beside it. On SQLite the write lock is the transaction, so it cannot cover a
// `transactional: false` revision nor the gap between two transactions of one command; this
// file lock covers the whole command.
//  - Unix: an exclusive flock() on the open file. The kernel releases it when the descriptor
//    closes, also when the process dies (kill -9), so a lock is never stale. flock locks are
//    separate from SQLite's own fcntl locks on the database file.
//  - Elsewhere: QLockFile, whose stale-lock detection (the holder's pid no longer runs)
//    stands in for the kernel's release.
// The file is left in place (deleting it would let a runner that opened the old file and one
// that created a new one both hold "the" lock). While held it says who holds it (pid,
// program, since when), for the message of a runner that waits.
// One object per attempt to hold the lock; not thread-safe.

#include "base/result.h"

#include <QString>
#include <memory>

class QLockFile;

namespace strata::migrate {

class SqliteLockFile {
public:
    /// `databasePath`: the database file; the lock file is that path + ".strata-lock".
    explicit SqliteLockFile(const QString &databasePath);
    ~SqliteLockFile();
    SqliteLockFile(const SqliteLockFile &) = delete;
    SqliteLockFile &operator=(const SqliteLockFile &) = delete;

    /// Takes the lock without waiting: true when held now, false when another holds it.
    Result<bool> tryLock();
    void unlock();
    bool isHeld() const { return m_held; }
    QString path() const { return m_path; }
    /// What the file says about its holder ("pid 123, strata-migrate, since 10:00:02"), or empty.
    QString holder() const;

private:
    QString m_path;
    bool m_held = false;
    int m_fd = -1;
    std::unique_ptr<QLockFile> m_fallback;
};

} // namespace strata::migrate
