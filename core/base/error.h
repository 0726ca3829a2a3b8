#pragma once

// Errors are values. An Error says what kind of failure happened (so the UI can decide
// where to show it and whether to offer a retry), the driver's or Strata's message, the
// SQLSTATE (PostgreSQL) or extended result code (SQLite) where there is one, and the SQL
// and position where the server gave one. Errors never travel as exceptions.

#include <QMetaType>
#include <QString>

namespace strata {

enum class ErrorKind {
    Connection,   ///< cannot reach or keep the server / file (unreachable host, lost connection)
    Auth,         ///< wrong password, missing role, pg_hba rejection
    NotFound,     ///< missing file, database, table, revision
    Syntax,       ///< malformed SQL, URL or file
    Constraint,   ///< NOT NULL, UNIQUE, FOREIGN KEY, CHECK violations
    Conflict,     ///< the row changed on the server since it was read
    Permission,   ///< read-only connection, privilege missing
    Busy,         ///< locked (SQLite busy, lock timeout)
    Cancelled,    ///< the user or the program cancelled; a state, not a failure to report loudly
    Unsupported,  ///< the dialect or server cannot do this
    Io,           ///< file system errors
    Migration,    ///< revision graph and migration errors
    Usage,        ///< a command line used wrongly (strata-migrate exits 2); JSON calls it "syntax"
    Internal,     ///< a bug in Strata
};

/// Where in a file an error is: a revision file, strata.ini. Structure, so callers need not
/// parse "file:line:" back out of a message (messages built with a location still start
/// with "file:line: " for people reading them).
struct SourceLocation {
    QString file;      ///< as shown to the user (relative to the project where possible)
    int line = 0;      ///< 1-based, 0 when unknown
    int column = 0;    ///< 1-based, 0 when unknown

    bool isValid() const { return !file.isEmpty() || line > 0; }
};

struct Error {
    ErrorKind kind = ErrorKind::Internal;
    QString message;
    QString sqlState;      ///< PostgreSQL SQLSTATE, or the SQLite extended result code as text
    QString detail;        ///< server DETAIL / HINT, or extra context
    QString sql;           ///< the statement that failed, when known
    int position = -1;     ///< 1-based character offset in `sql` the server reported, or -1
    QString field;         ///< the part of the input that is wrong ("port", "scheme", "host"...)
    SourceLocation location;   ///< the file and line the error is about, when it is about one

    Error() = default;
    Error(ErrorKind k, QString msg) : kind(k), message(std::move(msg)) {}

    /// Convenience builder: `Error::syntax("bad port").withField("port")`.
    Error &withField(QString f) { field = std::move(f); return *this; }
    Error &withSql(QString s) { sql = std::move(s); return *this; }
    Error &withDetail(QString d) { detail = std::move(d); return *this; }
    Error &withSqlState(QString s) { sqlState = std::move(s); return *this; }
    Error &withLocation(QString file, int line, int column = 0)
    {
        location = SourceLocation{std::move(file), line, column};
        return *this;
    }

    bool isCancelled() const { return kind == ErrorKind::Cancelled; }

    /// One line for logs and status bars: "message (SQLSTATE 23505)".
    QString toString() const;
};

QString errorKindName(ErrorKind kind);

/// `e` placed in `file` at `line` (and `column`): its message then reads
/// "file:line: message" and `location` says the same as structure. An empty `file`
/// leaves the error as it is.
Error locatedAt(Error e, const QString &file, int line, int column = 0);

} // namespace strata

Q_DECLARE_METATYPE(strata::Error)
