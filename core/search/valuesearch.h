#pragma once

// ValueSearch: "Search in database" — finds a value in every text column of one schema's
// tables and views, streaming what it finds.
//
// It opens a connection of its own (like the console's), so a search never waits behind
// the tree or a grid and its cancel interrupts only its own statement, on the server
// (sqlite3_interrupt / PQcancel through Connection::cancel). On the worker it describes
// the schema (catalog reader), then runs one query per relation built by searchsql.h
// (identifiers quoted by the dialect, the pattern bound); matches and progress are posted
// back as they come. Everything here is called on the GUI thread; no SQL runs there.

#include "base/result.h"
#include "connection/connectionstring.h"

#include <QMetaType>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QTimer>
#include <atomic>
#include <memory>

namespace strata::connection {
class Connection;
}

namespace strata::search {

/// One cell that holds the value.
struct ValueMatch {
    QString schema;
    QString table;
    QString column;
    QStringList keyColumns;   ///< the row key's columns (empty for a view without one)
    QStringList key;          ///< the row key's values, as text
    QString text;             ///< the cell's text
};

class ValueSearch : public QObject {
    Q_OBJECT
public:
    explicit ValueSearch(connection::ConnectionSpec spec, QObject *parent = nullptr);
    /// Cancels what runs and closes the search's connection.
    ~ValueSearch() override;

    /// Searches `schema` for `value` (case-insensitive, anywhere in the text), at most
    /// `rowsPerTable` rows from each relation. A search already running is cancelled first.
    void start(const QString &schema, const QString &value, int rowsPerTable = 100);
    /// Stops the search: the running statement is cancelled on the server; finished()
    /// follows with a Cancelled error.
    void cancel();
    bool isRunning() const { return m_running; }

Q_SIGNALS:
    /// `done` of `total` relations searched (total is known once the schema is read).
    void progress(int done, int total);
    void found(const strata::search::ValueMatch &match);
    /// The search ended: ok, or not with `error` (kind Cancelled when cancel() stopped it).
    void finished(bool ok, const strata::Error &error);

private:
    void run(const QString &schema, const QString &value, int rowsPerTable, int generation);

    connection::ConnectionSpec m_spec;
    QTimer *m_recancel;               // repeats the cancel until the job ends (a statement may start just after one)
    QPointer<QObject> m_job;          // the context of the running job (deleted when it ends)
    QPointer<QObject> m_cancelling;   // the job being cancelled
    std::unique_ptr<connection::Connection> m_connection;
    std::shared_ptr<std::atomic<bool>> m_cancelled = std::make_shared<std::atomic<bool>>(false);
    int m_generation = 0;
    bool m_running = false;
};

}   // namespace strata::search

Q_DECLARE_METATYPE(strata::search::ValueMatch)
