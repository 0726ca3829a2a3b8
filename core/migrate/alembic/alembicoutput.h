#pragma once

// AlembicOutput: reads what Alembic prints, line by line, into structure:
//   "INFO  [alembic.runtime.migration] Running upgrade ae10 -> 2b7c, create authors table"
//        -> a step (direction, from ids, to ids, message); the first and last ids may be
//           empty (from base / to base), merges list several ids separated by ", ";
//   "Will assume transactional DDL." / "Will assume non-transactional DDL."
//        -> what a cancel or a failure keeps;
//   "Generating /path/versions/abc_x.py ...  done" -> the revision file written;
//   a Python traceback -> the last frame inside the versions folder (file, line, function)
//        and the exception's message, the database server's message taken out of
//        SQLAlchemy's "(psycopg2.errors.UndefinedTable) relation ... does not exist".
// Pure: no process, no file system. The heads Alembic reported are computed from the steps.

#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>
#include <optional>

namespace strata::migrate::alembic {

struct AlembicStep {
    bool upgrade = true;
    QStringList from;   ///< empty: from base
    QStringList to;     ///< empty: to base
    QString message;
};

struct AlembicFailure {
    QString file;           ///< of the last frame in the versions folder (else the last frame)
    int line = 0;
    QString function;
    QString exception;      ///< "sqlalchemy.exc.ProgrammingError: (psycopg2.errors.UndefinedTable) ..."
    QString serverMessage;  ///< "relation \"nosuch\" does not exist"; empty when not a database error
};

class AlembicOutput {
public:
    /// `versionsDir`: frames inside it are preferred as the failure's location.
    explicit AlembicOutput(QString versionsDir = {}) : m_versionsDir(std::move(versionsDir)) {}

    /// The project's revision ids: they tell the ids of "Running downgrade M -> A, B, message"
    /// from its message (Alembic separates both with ", ").
    void setKnownRevisions(const QStringList &ids) { m_known = QSet<QString>(ids.cbegin(), ids.cend()); }

    /// Reads one line (without its end); returns the step it announced, if any.
    std::optional<AlembicStep> feed(const QString &line);

    const QList<AlembicStep> &steps() const { return m_steps; }
    /// std::nullopt until Alembic said which.
    std::optional<bool> transactionalDdl() const { return m_transactionalDdl; }
    /// The revision files Alembic generated ("Generating ... done").
    QStringList generatedFiles() const { return m_generated; }
    /// The traceback's failure, when a traceback was printed.
    std::optional<AlembicFailure> failure() const;
    /// Alembic's own error line ("FAILED: Multiple head revisions ...") when it printed one.
    QString failedLine() const { return m_failedLine; }

    /// The heads after applying the steps reported to `before` (the version rows before).
    QStringList headsAfter(const QStringList &before) const;

private:
    void feedTraceback(const QString &line);

    QString m_versionsDir;
    QSet<QString> m_known;
    QList<AlembicStep> m_steps;
    std::optional<bool> m_transactionalDdl;
    QStringList m_generated;
    QString m_failedLine;
    bool m_inTraceback = false;
    struct Frame { QString file; int line = 0; QString function; };
    QList<Frame> m_frames;
    QString m_exception;
    QStringList m_exceptionLines;
};

} // namespace strata::migrate::alembic
