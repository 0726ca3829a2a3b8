#include "alembicoutput.h"

#include <QDir>
#include <QRegularExpression>

namespace strata::migrate::alembic {

namespace {

QStringList ids(const QString &text)
{
    QStringList out;
    for (const QString &part : text.split(QLatin1Char(','), Qt::SkipEmptyParts))
        if (!part.trimmed().isEmpty())
            out << part.trimmed();
    return out;
}

/// "(psycopg2.errors.UndefinedTable) relation "x" does not exist" -> the part after ") ".
QString serverMessageOf(const QString &exception)
{
    static const QRegularExpression re(QStringLiteral(R"(^sqlalchemy\.exc\.\w+: \([\w.]+\) (.*)$)"));
    const QRegularExpressionMatch m = re.match(exception);
    return m.hasMatch() ? m.captured(1).trimmed() : QString();
}

} // namespace

std::optional<AlembicStep> AlembicOutput::feed(const QString &line)
{
    static const QRegularExpression running(QStringLiteral(R"(Running (upgrade|downgrade) (.*?) -> (.*)$)"));
    static const QRegularExpression generating(QStringLiteral(R"(^\s*Generating (.+?) \.\.\.\s+done\s*$)"));
    if (line.startsWith(QLatin1String("Traceback (most recent call last):"))) {
        m_inTraceback = true;
        m_frames.clear();
        m_exception.clear();
        m_exceptionLines.clear();
        return std::nullopt;
    }
    if (m_inTraceback) {
        feedTraceback(line);
        return std::nullopt;
    }
    if (!m_exception.isEmpty() && !line.isEmpty() && !line.startsWith(QLatin1String("INFO"))
        && !line.startsWith(QLatin1String("The above exception")) && !line.startsWith(QLatin1String("During handling")))
        m_exceptionLines << line;   // the exception's further lines (LINE 1: ..., (Background on this error ...))
    if (line.contains(QLatin1String("Will assume transactional DDL")))
        m_transactionalDdl = true;
    else if (line.contains(QLatin1String("Will assume non-transactional DDL")))
        m_transactionalDdl = false;
    if (line.startsWith(QLatin1String("FAILED:")))
        m_failedLine = line.mid(7).trimmed();
    const QRegularExpressionMatch g = generating.match(line);
    if (g.hasMatch())
        m_generated << g.captured(1);
    if (!line.contains(QLatin1String("[alembic.runtime.migration]")))
        return std::nullopt;
    const QRegularExpressionMatch m = running.match(line);
    if (!m.hasMatch())
        return std::nullopt;
    AlembicStep step;
    step.upgrade = m.captured(1) == QLatin1String("upgrade");
    step.from = ids(m.captured(2));
    // "A -> B, C, message": ids and the message share ", "; the ids after the first are
    // those the project knows (a downgrade from a merge goes to several).
    QStringList rest = m.captured(3).split(QStringLiteral(", "));
    const QString first = rest.takeFirst().trimmed();
    if (!first.isEmpty())
        step.to << first;
    while (!rest.isEmpty() && m_known.contains(rest.first().trimmed()))
        step.to << rest.takeFirst().trimmed();
    step.message = rest.join(QStringLiteral(", "));
    m_steps << step;
    return step;
}

void AlembicOutput::feedTraceback(const QString &line)
{
    static const QRegularExpression frame(QStringLiteral(R"re(^\s+File "(.+)", line (\d+), in (.+)$)re"));
    const QRegularExpressionMatch m = frame.match(line);
    if (m.hasMatch()) {
        m_frames << Frame{m.captured(1), m.captured(2).toInt(), m.captured(3)};
        return;
    }
    if (line.startsWith(QLatin1Char(' ')) || line.isEmpty())
        return;   // the source line of a frame, or a caret line
    // The first line that is not indented ends the traceback: the exception itself.
    m_inTraceback = false;
    m_exception = line;
    m_exceptionLines.clear();
}

std::optional<AlembicFailure> AlembicOutput::failure() const
{
    if (m_exception.isEmpty() && m_frames.isEmpty())
        return std::nullopt;
    AlembicFailure f;
    f.exception = m_exception;
    f.serverMessage = serverMessageOf(m_exception);
    const QString versions = m_versionsDir.isEmpty() ? QString() : QDir::cleanPath(m_versionsDir) + QLatin1Char('/');
    for (auto it = m_frames.crbegin(); it != m_frames.crend(); ++it) {
        if (!versions.isEmpty() && QDir::cleanPath(it->file).startsWith(versions)) {
            f.file = it->file;
            f.line = it->line;
            f.function = it->function;
            break;
        }
    }
    if (f.file.isEmpty() && !m_frames.isEmpty()) {
        f.file = m_frames.last().file;
        f.line = m_frames.last().line;
        f.function = m_frames.last().function;
    }
    return f;
}

QStringList AlembicOutput::headsAfter(const QStringList &before) const
{
    QStringList heads = before;
    for (const AlembicStep &s : m_steps) {
        for (const QString &id : s.from)
            heads.removeAll(id);
        for (const QString &id : s.to)
            if (!heads.contains(id))
                heads << id;
    }
    heads.sort();
    return heads;
}

} // namespace strata::migrate::alembic
