#pragma once

// SqliteHealthSession: the file health page's link to a SQLite file, on a Connection of its
// own (purpose "health"), so a long integrity_check never holds up the tree or a grid.
// One action at a time; each reports the file's figures before and after.
//
//   auto *h = new SqliteHealthSession(spec, this);      // GUI thread
//   h->readHealth();                                    // -> healthRead
//   h->run(SqliteHealthAction::IntegrityCheck);         // -> checkRow..., finished
//   h->cancel();                                        // sqlite3_interrupt
//
// Checks stream their rows (checkRow) as SQLite returns them; foreign_key_check delivers
// its violations with the key of each row (violationsFound). Actions that write (VACUUM,
// VACUUM INTO, optimize, wal_checkpoint) are refused on a read-only connection with the
// reason; the checks run there too.

#include "connection/connectionstring.h"
#include "sqlitehealth.h"

#include <QObject>

namespace strata::connection { class Connection; }

namespace strata::monitor {

class SqliteHealthSession : public QObject {
    Q_OBJECT
public:
    explicit SqliteHealthSession(connection::ConnectionSpec spec, QObject *parent = nullptr);
    ~SqliteHealthSession() override;

    bool isReadOnly() const { return m_spec.profile.readOnly; }
    /// Why `action` is disabled, or empty when it may run.
    QString unavailableReason(SqliteHealthAction action) const;
    bool isRunning() const { return m_running; }
    const SqliteFileHealth &health() const { return m_health; }
    QString filePath() const;

    void readHealth();
    /// Runs `action`; `targetPath` is the new file of VACUUM INTO.
    void run(SqliteHealthAction action, const QString &targetPath = {});
    void cancel();

Q_SIGNALS:
    void healthRead(bool ok, const strata::Error &error);
    void started(strata::monitor::SqliteHealthAction action, const QString &statement);
    void checkRow(const QString &row);
    void violationsFound(const QList<strata::monitor::ForeignKeyViolation> &violations);
    void progress(qint64 steps);
    void finished(const strata::monitor::SqliteActionReport &report);

private:
    void withConnection(std::function<void()> then);
    void complete(const SqliteActionReport &report);

    connection::ConnectionSpec m_spec;
    connection::Connection *m_connection = nullptr;
    SqliteFileHealth m_health;
    bool m_running = false;
};

} // namespace strata::monitor

Q_DECLARE_METATYPE(strata::monitor::SqliteActionReport)
