#pragma once

// BackupJob: one backup, restore or verification, run to its end by run() on the calling
// thread — a worker thread (the dialogs use QtConcurrent), never the GUI thread. While it
// runs it reports progress (phase, fraction, items, bytes, elapsed and estimated time) and
// each line of the tool's output through sinks the caller sets before run(); the sinks are
// called on the running thread, so a GUI caller posts them to its own thread.
// cancel() may be called from any thread: it ends the running tool's process group or
// interrupts SQLite, and run() returns a Cancelled error after removing what it had written.

#include "base/result.h"
#include "childprocess.h"
#include "pgtoolfinder.h"

#include <QElapsedTimer>
#include <QMutex>
#include <QStringList>
#include <atomic>
#include <functional>
#include <optional>

namespace strata::backup {

struct PgCommand;

struct JobProgress {
    QString phase;             ///< "Reading the catalog", "Writing public.books", "Verifying"
    double fraction = -1;      ///< 0..1; negative: unknown (a busy bar)
    int itemsDone = 0;
    int itemsTotal = 0;
    QString itemsUnit;         ///< "tables", "objects", "pages"
    qint64 bytes = -1;         ///< written (backup) or read (restore); -1: unknown
    qint64 elapsedMs = 0;
    qint64 remainingMs = -1;   ///< estimated; -1: not yet known
    QString detail;            ///< what the fraction inside an item stands on: "120,000 of about 300,000 rows copied"

    /// A phase without a measure yet (a busy bar).
    static JobProgress busy(QString phase)
    {
        JobProgress p;
        p.phase = std::move(phase);
        return p;
    }
    /// `done` of `total` items; the fraction follows (unknown when total is 0).
    static JobProgress items(QString phase, int done, int total, QString unit)
    {
        JobProgress p = busy(std::move(phase));
        p.itemsDone = done;
        p.itemsTotal = total;
        p.itemsUnit = std::move(unit);
        p.fraction = total > 0 ? double(done) / double(total) : -1.0;
        return p;
    }
};

/// What a verification found. `passed` means zero differences in schema and row counts.
struct Verification {
    bool passed = false;
    bool cancelled = false;
    QStringList differences;   ///< one line each: "copy lacks column books.price", "rows in public.books: 100000 vs 99999"
    int schemasCompared = 0;
    int tablesCompared = 0;    ///< tables whose rows were counted on both sides
    qint64 rowsCompared = 0;
    QStringList notes;         ///< what was not compared and why, restore warnings
};

struct JobReport {
    QString path;              ///< the backup written, or the file restored from
    qint64 bytes = 0;          ///< its size
    qint64 durationMs = 0;
    QString tool;              ///< "pg_dump 15.18 (/usr/lib/postgresql/15/bin/pg_dump)", "SQLite online backup"
    QString command;           ///< the command, password masked (empty for SQLite)
    QStringList warnings;
    QStringList errors;        ///< a restore that continued past errors lists them here
    std::optional<Verification> verification;

    /// A few lines for people: size, duration, tool, warnings, errors, verification.
    QString summary() const;
};

class BackupJob {
public:
    using ProgressSink = std::function<void(const JobProgress &)>;
    using LineSink = std::function<void(const QString &line)>;
    using PidSink = std::function<void(qint64 pid)>;

    virtual ~BackupJob();

    void setProgressSink(ProgressSink sink) { m_progressSink = std::move(sink); }
    void setLogSink(LineSink sink) { m_logSink = std::move(sink); }
    /// Called with the process id of each tool started (tests read /proc/<pid>/cmdline).
    void setProcessSink(PidSink sink) { m_pidSink = std::move(sink); }

    /// Runs to the end on the calling thread.
    virtual Result<JobReport> run() = 0;
    /// Any thread.
    virtual void cancel();
    bool isCancelled() const { return m_cancelled.load(); }

    /// Runs a tool as part of this job (its lines go to the log sink and to `callbacks`;
    /// cancel() ends it). The password travels in a temporary 0600 password file named by
    /// PGPASSFILE, removed when the tool ends. Returns the exit code.
    Result<int> runTool(const PgCommand &command, const std::optional<QString> &password,
                        const ChildProcess::Callbacks &callbacks);
    /// Fills elapsed and estimated time and passes `p` on, at most every 100 ms unless the
    /// phase changed or `force`.
    void progress(JobProgress p, bool force = false);

protected:
    BackupJob();
    void log(const QString &line);
    void startTimer() { m_timer.start(); }
    qint64 elapsedMs() const { return m_timer.isValid() ? m_timer.elapsed() : 0; }
    /// The tool cancel() should end while it runs (null when none).
    void setRunningProcess(ChildProcess *process);
    void processStarted(qint64 pid) const;
    static Error cancelledError();
    /// `preset` when it is set and valid; otherwise the `program` PgToolFinder chooses for a
    /// server (or archive) of version `needed` among those `search` finds, saying so in the
    /// progress first.
    Result<PgTool> findTool(PgProgram program, const std::optional<PgTool> &preset, const PgVersion &needed,
                            const ToolSearch &search);

private:
    ProgressSink m_progressSink;
    LineSink m_logSink;
    PidSink m_pidSink;
    std::atomic<bool> m_cancelled{false};
    QMutex m_mutex;
    ChildProcess *m_process = nullptr;
    QElapsedTimer m_timer;
    QElapsedTimer m_sinceReport;
    QString m_lastPhase;
};

/// Size of a file, or of every file below a folder.
qint64 pathSize(const QString &path);
/// Removes a file or a folder with its contents; false when something stayed.
bool removePath(const QString &path);
/// "3.4 MB", "812 KB".
QString formatBytes(qint64 bytes);
/// "1 min 12 s", "4.2 s".
QString formatDuration(qint64 ms);

} // namespace strata::backup
