#pragma once

// strata-migrate's side of tst_alembicdiff: sets the version rows of its table directly,
// runs one case through the command line in process (core's runCommand, exactly what the
// executable calls) or as the strata-migrate executable, and reads the rows back.

#include "diffproject.h"

#include <QSqlDatabase>

namespace alembicdiff {

/// What one tool did with one case.
struct Outcome {
    bool ok = false;
    QStringList rows;        ///< version rows afterwards, sorted
    QString out;             ///< what the command printed (history, heads, offline SQL, ...)
    QString error;           ///< the error (Alembic's exception, Strata's stderr)
    QStringList running;     ///< "Running upgrade a -> b, message" lines, in order
    QStringList warnings;    ///< Python warnings Alembic gave
    QStringList resolved;    ///< stamp: the revisions Alembic resolves the targets to
    bool resolvedOk = false;
};

class StrataSide {
public:
    StrataSide(QString url, QString migrateBinary);
    ~StrataSide();
    StrataSide(const StrataSide &) = delete;
    StrataSide &operator=(const StrataSide &) = delete;

    /// Opens the fixture connection and creates the version table; false with `error` set.
    bool open(QString *error);
    Outcome run(const Case &c, const QString &ini, bool viaProcess);

private:
    bool setRows(const QStringList &rows, QString *error);
    QStringList readRows();

    QString m_url;
    QString m_binary;
    QSqlDatabase m_db;
};

} // namespace alembicdiff
