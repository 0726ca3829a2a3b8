#pragma once

// AutosaveStore: the unsaved text of console tabs, kept in <directory>/<id>.sql with a
// <id>.json beside it (connection key and name, the .sql file the tab edits, time), written
// atomically a moment after each edit. A tab closed on purpose removes its entry; after a
// crash or a quit the entries stay, and a console opened on the same connection takes them
// back. Small files: the GUI thread may use it directly.

#include "base/result.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace strata::exec {

struct AutosaveEntry {
    QString id;               ///< file-name-safe, unique per tab
    QString connectionKey;    ///< HistoryStore::connectionKey of the tab's connection
    QString connectionName;   ///< for display
    QString filePath;         ///< the .sql file the tab edits, if any
    QString text;
    QDateTime saved;
};

class AutosaveStore {
public:
    explicit AutosaveStore(QString directory);

    QString directory() const { return m_directory; }
    /// Writes the entry (atomically; entry.saved is set to now).
    Status save(AutosaveEntry entry);
    /// Removes the entry; no error when it does not exist.
    Status remove(const QString &id);
    /// Entries of one connection (all with an empty key), newest first.
    QList<AutosaveEntry> entries(const QString &connectionKey = {}) const;
    /// A new unique id.
    static QString newId();

private:
    QString m_directory;
};

} // namespace strata::exec
