#pragma once

// HistoryStore: every statement a console ran, per connection, in a JSON-lines file
// (<directory>/<connection key>.jsonl, one object per line: sql, time, ms, rows, ok,
// error), appended as statements finish. Secrets never reach the file: the text goes through
// maskPasswords() first. The file is trimmed to the newest maxEntries() on load.
// Not thread-safe; small files and appends, so the GUI thread may use it directly.

#include "base/result.h"
#include "connection/connectionprofile.h"
#include "sqllexer.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace strata::exec {

struct HistoryEntry {
    QString sql;
    QDateTime time;
    qint64 durationMs = 0;
    qint64 rows = -1;       ///< rows returned or affected; -1 when none
    bool ok = true;
    QString error;
};

class HistoryStore {
public:
    HistoryStore(QString directory, QString connectionKey, DialectKind dialect);

    /// A stable file-name-safe key for a profile: the same database gives the same key
    /// (driver, host, port, database, user, or the SQLite file), never a password.
    static QString connectionKey(const connection::ConnectionProfile &profile);

    QString filePath() const;
    static constexpr int maxEntries() { return 5000; }

    /// Appends one entry (masked). Io error when the file cannot be written.
    Status append(HistoryEntry entry);
    /// All entries, oldest first.
    Result<QList<HistoryEntry>> load() const;
    /// Entries whose text contains every word of `query` (case-insensitive), newest first.
    static QList<HistoryEntry> search(const QList<HistoryEntry> &entries, const QString &query);

    /// The statement with string literals that follow the keyword PASSWORD replaced by
    /// '***' (CREATE/ALTER ROLE|USER ... [ENCRYPTED] PASSWORD '...', user mappings'
    /// password '...'), found with the lexer, so nothing else changes.
    static QString maskPasswords(const QString &sql, DialectKind dialect);

private:
    QString m_directory;
    QString m_key;
    DialectKind m_dialect;
};

} // namespace strata::exec
