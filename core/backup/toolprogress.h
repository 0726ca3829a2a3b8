#pragma once

// Reading pg_dump's and pg_restore's --verbose output (English: PgCommand sets LC_MESSAGES=C)
// into progress, and collecting their warnings and errors.
//
// pg_dump: ~45 "reading …" lines while it reads the catalog, then one
//   `dumping contents of table "schema.name"` per table (with --jobs, the leader adds
//   `finished item <id> TABLE DATA <name>` as each worker ends one). Progress is the catalog
//   phase (5 %) plus the tables done, weighted by their size on the server (so a 10 GB table
//   weighs what it takes), out of the tables the catalog says will be dumped.
// pg_restore: one `creating …` / `processing data for table …` / `executing …` per entry of
//   the archive's table of contents; in the parallel phase (`entering main parallel loop`
//   … `finished main parallel loop`) one `finished item …` per entry. Progress is entries
//   done out of the entries selected.
// Both: lines "<program>: warning: …" and "<program>: error: …" (with their "detail:" and
// "hint:" lines) are kept for the report.

#include "backupoptions.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

namespace strata::backup {

/// A table whose rows a dump will write, with its size on the server (bytes) as its weight.
struct TableWeight {
    TableName table;
    qint64 bytes = 0;
};

/// Warnings and errors of a tool's stderr.
class ToolMessages {
public:
    /// Reads one stderr line; returns true when it was a warning, an error or a detail of one.
    bool feed(const QString &line);
    const QStringList &warnings() const { return m_warnings; }
    const QStringList &errors() const { return m_errors; }
    /// The tool's own words for the last error, with its detail and hint lines.
    QString lastError() const { return m_errors.isEmpty() ? QString() : m_errors.last(); }

private:
    QStringList m_warnings;
    QStringList m_errors;
    enum class Last { None, Warning, Error } m_last = Last::None;
};

class DumpProgress {
public:
    void setTables(const QList<TableWeight> &tables);
    /// Parallel runs mark tables done by "finished item" lines, serial ones when the next begins.
    void setParallel(bool parallel) { m_parallel = parallel; }
    /// Reads one line of pg_dump's stderr; true when the progress moved.
    bool feed(const QString &line);
    /// 0..1; 1 only once finish() was called.
    double fraction() const;
    void finish();
    int tablesDone() const { return int(m_done.size()); }
    int tablesTotal() const { return int(m_tables.size()); }
    /// "public.books", the table being written now (empty between tables).
    QString current() const { return m_current; }

private:
    bool started(const QString &qualified);   // "dumping contents of table ..."
    bool finishedData(const QString &name);   // "finished item N TABLE DATA name" (parallel)
    void markDone(int index);
    int indexOf(const QString &qualified) const;

    QList<TableWeight> m_tables;
    QHash<QString, int> m_byName;       // "schema.name" -> index
    QSet<int> m_done;
    QSet<int> m_started;
    qint64 m_totalWeight = 0;
    qint64 m_doneWeight = 0;
    int m_readingLines = 0;
    int m_lastStarted = -1;
    bool m_parallel = false;
    bool m_finished = false;
    QString m_current;
};

class RestoreProgress {
public:
    /// The number of table-of-contents entries that will be restored.
    void setTotal(int entries) { m_total = entries; }
    bool feed(const QString &line);
    double fraction() const;
    void finish() { m_finished = true; }
    int done() const { return m_done; }
    int total() const { return m_total; }
    /// What it works on now: "TABLE public.books", "TABLE DATA books".
    QString current() const { return m_current; }

private:
    int m_total = 0;
    int m_done = 0;
    bool m_parallelPhase = false;
    bool m_finished = false;
    QString m_current;
};

/// An Error for a tool that failed: the plain explanation (wrong password, server version
/// mismatch with the package to install, missing database, full disk…) and the tool's own
/// words in `detail`. `program` is "pg_dump", "pg_restore" or "psql".
Error toolFailure(const QString &program, const ToolMessages &messages, int exitCode,
                  const ConnectionTarget &target, const QString &database = {});

} // namespace strata::backup
