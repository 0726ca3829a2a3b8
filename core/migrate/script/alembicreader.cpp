#include "alembicreader.h"

#include <QRegularExpression>

namespace strata::migrate {

namespace {

struct Assignment {
    QStringList values;
    bool found = false;
    int line = 0;
};

// The right-hand side of `name = ...` at module level, collected across lines while
// brackets are open; string literals are returned, None gives an empty list.
Assignment readAssignment(const QStringList &lines, const QString &name)
{
    static const QRegularExpression strings(QStringLiteral("[rbuRBU]?(['\"])(.*?)\\1"));
    const QRegularExpression start(QStringLiteral("^%1\\s*(?::[^=]*)?=\\s*(.*)$").arg(QRegularExpression::escape(name)));
    Assignment a;
    for (int i = 0; i < lines.size(); ++i) {
        const auto m = start.match(lines[i]);
        if (!m.hasMatch())
            continue;
        a.found = true;
        a.line = i + 1;
        QString value = m.captured(1);
        int depth = int(value.count(QLatin1Char('(')) + value.count(QLatin1Char('['))
                        - value.count(QLatin1Char(')')) - value.count(QLatin1Char(']')));
        for (int j = i + 1; depth > 0 && j < lines.size(); ++j) {
            value += QLatin1Char(' ') + lines[j];
            depth += int(lines[j].count(QLatin1Char('(')) + lines[j].count(QLatin1Char('['))
                         - lines[j].count(QLatin1Char(')')) - lines[j].count(QLatin1Char(']')));
        }
        auto it = strings.globalMatch(value);
        while (it.hasNext())
            a.values.append(it.next().captured(2));
        return a;
    }
    return a;
}

QString docstring(const QString &text)
{
    static const QRegularExpression doc(QStringLiteral("^\\s*(?:#[^\\n]*\\n\\s*)*[rR]?(\"\"\"|''')(.*?)\\1"),
                                        QRegularExpression::DotMatchesEverythingOption);
    const auto m = doc.match(text);
    return m.hasMatch() ? m.captured(2) : QString();
}

} // namespace

Result<RevisionScript> AlembicReader::parse(const QString &text, const QString &displayPath)
{
    QString normalized = text;
    normalized.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    const QStringList lines = normalized.split(QLatin1Char('\n'));
    const Assignment revision = readAssignment(lines, QStringLiteral("revision"));
    if (!revision.found)
        return Error(ErrorKind::NotFound, QStringLiteral("%1: not an Alembic revision (no 'revision =')").arg(displayPath));
    if (revision.values.size() != 1)
        return Error(ErrorKind::Syntax, QStringLiteral("%1:%2: 'revision' must be one string").arg(displayPath).arg(revision.line));
    const Assignment down = readAssignment(lines, QStringLiteral("down_revision"));
    if (!down.found)
        return Error(ErrorKind::Syntax, QStringLiteral("%1:1: missing 'down_revision ='").arg(displayPath));
    const Assignment labels = readAssignment(lines, QStringLiteral("branch_labels"));
    const Assignment depends = readAssignment(lines, QStringLiteral("depends_on"));

    RevisionScript s;
    s.python = true;
    s.id = revision.values.first();
    s.revisionLine = revision.line;
    s.downRevisions = down.values;
    s.downRevisionLine = down.line;
    s.branchLabels = labels.values;
    s.branchLabelsLine = labels.line;
    s.dependsOn = depends.values;
    s.dependsOnLine = depends.line;
    s.displayPath = displayPath;
    const QString doc = docstring(normalized);
    s.message = doc.trimmed().section(QLatin1Char('\n'), 0, 0).trimmed();
    static const QRegularExpression created(QStringLiteral("^\\s*Create Date:\\s*(.*?)\\s*$"), QRegularExpression::MultilineOption);
    s.created = created.match(doc).captured(1);
    return s;
}

} // namespace strata::migrate
