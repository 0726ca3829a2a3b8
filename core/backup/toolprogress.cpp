#include "toolprogress.h"

#include "pgversion.h"

#include <QRegularExpression>

namespace strata::backup {

namespace {

// "pg_dump: warning: …" -> ("warning", "…"); psql writes "psql:file:12: ERROR:  …".
struct Parsed {
    QString level;
    QString text;
};

Parsed parse(const QString &line)
{
    static const QRegularExpression tool(QStringLiteral(R"(^(pg_dump|pg_restore|pg_dumpall|psql)(?::[^:]*:\d+)?: (error|warning|detail|hint|fatal|ERROR|WARNING|DETAIL|HINT|FATAL): +(.*)$)"));
    const QRegularExpressionMatch m = tool.match(line);
    if (!m.hasMatch())
        return {};
    return {m.captured(2).toLower(), m.captured(3)};
}

// pg_dump prints about 46 "reading …" steps before the data (PostgreSQL 15).
constexpr int kReadingSteps = 46;
constexpr double kCatalogShare = 0.05;

} // namespace

bool ToolMessages::feed(const QString &line)
{
    const Parsed p = parse(line);
    if (p.level.isEmpty()) {
        m_last = Last::None;
        return false;
    }
    if (p.level == QLatin1String("warning")) {
        m_warnings << p.text;
        m_last = Last::Warning;
    } else if (p.level == QLatin1String("error") || p.level == QLatin1String("fatal")) {
        m_errors << p.text;
        m_last = Last::Error;
    } else if (m_last == Last::Error && !m_errors.isEmpty()) {
        m_errors.last() += QLatin1Char('\n') + p.level.toUpper() + QStringLiteral(": ") + p.text;
    } else if (m_last == Last::Warning && !m_warnings.isEmpty()) {
        m_warnings.last() += QLatin1Char('\n') + p.level.toUpper() + QStringLiteral(": ") + p.text;
    }
    return true;
}

void DumpProgress::setTables(const QList<TableWeight> &tables)
{
    m_tables = tables;
    m_byName.clear();
    m_totalWeight = 0;
    for (int i = 0; i < m_tables.size(); ++i) {
        m_byName.insert(m_tables[i].table.schema + QLatin1Char('.') + m_tables[i].table.name, i);
        m_totalWeight += qMax<qint64>(m_tables[i].bytes, 8192);
    }
}

int DumpProgress::indexOf(const QString &qualified) const
{
    return m_byName.value(qualified, -1);
}

void DumpProgress::markDone(int index)
{
    if (index < 0 || m_done.contains(index))
        return;
    m_done.insert(index);
    m_doneWeight += qMax<qint64>(m_tables[index].bytes, 8192);
}

bool DumpProgress::feed(const QString &line)
{
    if (line.startsWith(QLatin1String("pg_dump: reading "))) {
        ++m_readingLines;
        return true;
    }
    // pg_dump writes its "pg_dump: " prefix, the message and the line end in separate writes,
    // so with --jobs two workers' messages can share one line ("pg_dump: pg_dump: dumping
    // contents of table "a"dumping contents of table "b""): every message in the line counts.
    static const QRegularExpression message(QStringLiteral(
        R"re((?:dumping contents of table "(.*?)"|finished item \d+ TABLE DATA (.*?))(?=pg_dump: |dumping contents of table |finished item |$))re"));
    bool moved = false;
    for (QRegularExpressionMatchIterator it = message.globalMatch(line); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        if (m.capturedStart(1) >= 0)
            moved = started(m.captured(1)) || moved;
        else
            moved = finishedData(m.captured(2)) || moved;
    }
    return moved;
}

bool DumpProgress::started(const QString &qualified)
{
    const int index = indexOf(qualified);
    if (!m_parallel && m_lastStarted >= 0)
        markDone(m_lastStarted);
    m_lastStarted = index;
    if (index >= 0)
        m_started.insert(index);
    m_current = qualified;
    return true;
}

bool DumpProgress::finishedData(const QString &name)
{
    // Only the table's name: the first started, unfinished table of that name.
    for (int i = 0; i < m_tables.size(); ++i) {
        if (m_tables[i].table.name == name && !m_done.contains(i) && m_started.contains(i)) {
            markDone(i);
            return true;
        }
    }
    return false;
}

double DumpProgress::fraction() const
{
    if (m_finished)
        return 1.0;
    const double catalog = qMin(1.0, double(m_readingLines) / kReadingSteps);
    if (m_tables.isEmpty())
        return 0.95 * catalog;
    const double data = m_totalWeight > 0 ? double(m_doneWeight) / double(m_totalWeight) : 0.0;
    return qMin(0.99, kCatalogShare * catalog + (1.0 - kCatalogShare - 0.01) * data);
}

void DumpProgress::finish()
{
    m_finished = true;
    m_current.clear();
}

bool RestoreProgress::feed(const QString &line)
{
    if (!line.startsWith(QLatin1String("pg_restore: ")))
        return false;
    const QString text = line.mid(12);
    if (text == QLatin1String("entering main parallel loop")) {
        m_parallelPhase = true;
        return false;
    }
    if (text == QLatin1String("finished main parallel loop")) {
        m_parallelPhase = false;
        return false;
    }
    const bool counted = m_parallelPhase
        ? text.startsWith(QLatin1String("finished item "))
        : (text.startsWith(QLatin1String("creating ")) || text.startsWith(QLatin1String("processing data for table "))
           || text.startsWith(QLatin1String("executing ")));
    if (!counted)
        return false;
    ++m_done;
    if (m_parallelPhase)
        m_current = text.section(QLatin1Char(' '), 3);
    else if (text.startsWith(QLatin1String("processing data for table ")))
        m_current = QStringLiteral("TABLE DATA ") + text.mid(26).remove(QLatin1Char('"'));
    else
        m_current = text.section(QLatin1Char(' '), 1).remove(QLatin1Char('"'));
    return true;
}

double RestoreProgress::fraction() const
{
    if (m_finished)
        return 1.0;
    if (m_total <= 0)
        return -1.0;
    return qMin(0.99, double(m_done) / double(m_total));
}

Error toolFailure(const QString &program, const ToolMessages &messages, int exitCode,
                  const ConnectionTarget &target, const QString &database)
{
    const QString words = messages.errors().isEmpty()
        ? QStringLiteral("%1 ended with exit code %2.").arg(program).arg(exitCode)
        : messages.errors().join(QLatin1Char('\n'));
    const QString lower = words.toLower();
    const QString user = target.profile.user;
    const QString db = database.isEmpty() ? target.profile.database : database;
    Error e(ErrorKind::Internal, QStringLiteral("%1 failed: %2").arg(program, messages.lastError().section(QLatin1Char('\n'), 0, 0)));
    if (messages.errors().isEmpty())
        e.message = words;
    if (lower.contains(QLatin1String("password authentication failed"))) {
        e = Error(ErrorKind::Auth, QStringLiteral("%1 could not log in: wrong password for user \"%2\".").arg(program, user));
        e.field = QStringLiteral("password");
    } else if (lower.contains(QLatin1String("no password supplied"))) {
        e = Error(ErrorKind::Auth, QStringLiteral("%1 could not log in: the server asks for a password and none was given.").arg(program));
        e.field = QStringLiteral("password");
    } else if (lower.contains(QLatin1String("server version mismatch")) || lower.contains(QLatin1String("unsupported version"))) {
        static const QRegularExpression serverVersion(QStringLiteral(R"(server version: ([0-9.]+))"));
        const PgVersion needed = PgVersion::parse(serverVersion.match(words).captured(1));
        e = Error(ErrorKind::Unsupported,
                  QStringLiteral("This %1 is too old for the server or the archive. Install the Debian package %2, "
                                 "or choose a folder with a newer %1.").arg(program, debianClientPackage(needed)));
    } else if (lower.contains(QLatin1String("does not exist")) && lower.contains(QLatin1String("database"))) {
        e = Error(ErrorKind::NotFound, QStringLiteral("The database \"%1\" does not exist on the server.").arg(db));
        e.field = QStringLiteral("database");
    } else if (lower.contains(QLatin1String("role")) && lower.contains(QLatin1String("does not exist")) && lower.contains(QLatin1String("fatal"))) {
        e = Error(ErrorKind::Auth, QStringLiteral("The user \"%1\" does not exist on the server.").arg(user));
    } else if (lower.contains(QLatin1String("connection refused")) || lower.contains(QLatin1String("could not translate host name"))
               || lower.contains(QLatin1String("timeout expired"))
               || (lower.contains(QLatin1String("no such file or directory")) && lower.contains(QLatin1String("socket")))) {
        e = Error(ErrorKind::Connection, QStringLiteral("%1 could not reach the server at %2.").arg(program, target.profile.host));
    } else if (lower.contains(QLatin1String("permission denied"))) {
        e.kind = ErrorKind::Permission;
    } else if (lower.contains(QLatin1String("no space left")) || lower.contains(QLatin1String("could not open output file"))
               || lower.contains(QLatin1String("could not create directory")) || lower.contains(QLatin1String("could not write"))
               || lower.contains(QLatin1String("could not open input file"))) {
        e.kind = ErrorKind::Io;
    }
    e.detail = words;
    return e;
}

} // namespace strata::backup
