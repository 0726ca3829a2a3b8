#pragma once

// SavedQueryFolder: saved queries as plain `.sql` files in a folder — one folder per
// connection by default (<app data>/saved-queries/<connection key>/), or any folder the
// person picks (a project's `queries/` under git). The files are the truth: nothing is
// cached here, so a `git pull` or an editor's change shows on the next list(). Writes are
// atomic (QSaveFile). Any thread; no SQL.

#include "base/result.h"

#include <QList>
#include <QString>

namespace strata::connection {
struct ConnectionProfile;
}

namespace strata::queries {

struct SavedQuery {
    QString name;   ///< the file's name without ".sql"
    QString path;
    QString text;
};

class SavedQueryFolder {
public:
    explicit SavedQueryFolder(QString directory);
    const QString &directory() const { return m_directory; }

    /// The folder's .sql files (not its subfolders), by name, each with its text. A folder
    /// that does not exist yet holds none.
    Result<QList<SavedQuery>> list() const;
    /// Saves `text` as <name>.sql (the name made safe for a file name: path separators and
    /// characters Windows refuses become '_'); creates the folder. An existing file is
    /// replaced only with `overwrite`, else a Conflict error. Returns the file's path.
    Result<QString> save(const QString &name, const QString &text, bool overwrite = false) const;
    Status remove(const QString &name) const;

    /// `name` as a file name (without the folder); empty when nothing usable is left.
    static QString fileNameFor(const QString &name);
    /// The queries whose name or text holds every word of `search`, case-insensitively.
    static QList<SavedQuery> filter(const QList<SavedQuery> &queries, const QString &search);
    /// The default folder of a connection: <dataDir>/saved-queries/<key of the profile>.
    static QString defaultFolder(const QString &dataDir, const connection::ConnectionProfile &profile);

private:
    QString m_directory;
};

}   // namespace strata::queries
