#pragma once

// PasswordFile: a temporary libpq password file (mode 0600, in the temporary folder) holding
// one line `*:*:*:*:<password>` with ':' and '\' escaped, for one child process. The child
// finds it through PGPASSFILE (PgCommand::childEnvironment), so the password is never on a
// command line (/proc/<pid>/cmdline) nor in the child's environment (/proc/<pid>/environ).
// The file is removed when the object is destroyed.

#include "base/result.h"

#include <QString>
#include <memory>

class QTemporaryFile;

namespace strata::backup {

class PasswordFile {
public:
    PasswordFile();
    ~PasswordFile();
    PasswordFile(const PasswordFile &) = delete;
    PasswordFile &operator=(const PasswordFile &) = delete;

    /// Writes the file; an empty password writes nothing (path() stays empty).
    Status write(const QString &password);
    /// The file's path, or empty when there is none.
    QString path() const;

    /// `*:*:*:*:password` with libpq's escapes (\: and \\).
    static QString entry(const QString &password);

private:
    std::unique_ptr<QTemporaryFile> m_file;
};

} // namespace strata::backup
