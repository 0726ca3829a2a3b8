#include "revisionfileparser.h"

#include <QRegularExpression>

namespace strata::migrate {

namespace {

struct ParseState {
    RevisionScript script;
    QString displayPath;
    QSet<QString> seenKeys;
    QString currentSection;
    QStringList sectionLines;
    int sectionLine = 0;
};

Error fileError(const QString &path, int line, const QString &message)
{
    return Error(ErrorKind::Syntax, QStringLiteral("%1:%2: %3").arg(path).arg(line).arg(message));
}

QStringList splitList(const QString &value)
{
    QStringList out;
    for (const QString &part : value.split(QLatin1Char(',')))
        if (!part.trimmed().isEmpty())
            out.append(part.trimmed());
    return out;
}

void closeSection(ParseState &st)
{
    if (st.currentSection.isEmpty())
        return;
    QStringList lines = st.sectionLines;
    int first = st.sectionLine;
    while (!lines.isEmpty() && lines.first().trimmed().isEmpty()) {
        lines.removeFirst();
        ++first;
    }
    while (!lines.isEmpty() && lines.last().trimmed().isEmpty())
        lines.removeLast();
    st.script.sections.insert(st.currentSection, RevisionSection{lines.join(QLatin1Char('\n')), first});
    st.sectionLines.clear();
}

Status headerLine(ParseState &st, const QString &key, const QString &value, int line)
{
    RevisionScript &s = st.script;
    if (st.seenKeys.contains(key))
        return fileError(st.displayPath, line, QStringLiteral("duplicate header key '%1'").arg(key));
    st.seenKeys.insert(key);
    auto checkIds = [&](const QStringList &ids) -> Status {
        for (const QString &id : ids)
            if (const QString why = invalidRevisionIdReason(id); !why.isEmpty())
                return fileError(st.displayPath, line, why);
        return {};
    };
    if (key == u"revision") {
        s.id = value;
        s.revisionLine = line;
        return checkIds({value});
    }
    if (key == u"down_revision") {
        s.downRevisionLine = line;
        s.downRevisions = value.compare(QLatin1String("none"), Qt::CaseInsensitive) == 0 ? QStringList() : splitList(value);
        return checkIds(s.downRevisions);
    }
    if (key == u"message") {
        s.message = value;
        return {};
    }
    if (key == u"branch_labels") {
        s.branchLabelsLine = line;
        s.branchLabels = splitList(value);
        for (const QString &l : std::as_const(s.branchLabels))
            if (l.contains(QLatin1Char('@')) || l.contains(QLatin1Char(' ')))
                return fileError(st.displayPath, line, QStringLiteral("branch label '%1' contains '@' or a space").arg(l));
        return {};
    }
    if (key == u"depends_on") {
        s.dependsOnLine = line;
        s.dependsOn = splitList(value);
        return {};
    }
    if (key == u"transactional") {
        const QString v = value.toLower();
        if (v != u"true" && v != u"false")
            return fileError(st.displayPath, line, QStringLiteral("transactional must be true or false, not '%1'").arg(value));
        s.transactional = v == u"true";
        return {};
    }
    if (key == u"created") {
        s.created = value;
        return {};
    }
    return fileError(st.displayPath, line,
                     QStringLiteral("unknown header key '%1' (known: revision, down_revision, message, branch_labels, "
                                    "depends_on, transactional, created)").arg(key));
}

Status sectionMarker(ParseState &st, const QString &name, const QString &dialect, int line)
{
    if (name != u"upgrade" && name != u"downgrade")
        return fileError(st.displayPath, line, QStringLiteral("unknown section '-- +%1' (expected +upgrade or +downgrade)").arg(name));
    if (!dialect.isEmpty() && dialect != u"sqlite" && dialect != u"postgresql")
        return fileError(st.displayPath, line, QStringLiteral("unknown dialect '%1' in '-- +%2 %1' (expected sqlite or postgresql)").arg(dialect, name));
    closeSection(st);
    const QString key = dialect.isEmpty() ? name : name + QLatin1Char(' ') + dialect;
    if (st.script.sections.contains(key))
        return fileError(st.displayPath, line, QStringLiteral("duplicate section '-- +%1'").arg(key));
    st.currentSection = key;
    st.sectionLine = line + 1;
    return {};
}

} // namespace

Result<RevisionScript> RevisionFileParser::parse(const QString &text, const QString &displayPath)
{
    static const QRegularExpression marker(QStringLiteral("^--\\s*\\+(\\S+)(?:\\s+(\\S+))?\\s*$"));
    static const QRegularExpression header(QStringLiteral("^--\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*:\\s*(.*?)\\s*$"));
    ParseState st;
    st.displayPath = displayPath;
    QString normalized = text;
    normalized.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    const QStringList lines = normalized.split(QLatin1Char('\n'));
    for (int i = 0; i < lines.size(); ++i) {
        const int lineNo = i + 1;
        const QString trimmed = lines[i].trimmed();
        if (const auto m = marker.match(trimmed); m.hasMatch()) {
            if (Status s = sectionMarker(st, m.captured(1), m.captured(2), lineNo); !s)
                return s.error();
            continue;
        }
        if (!st.currentSection.isEmpty()) {
            st.sectionLines.append(lines[i]);
            continue;
        }
        if (trimmed.isEmpty())
            continue;
        if (const auto m = header.match(trimmed); m.hasMatch()) {
            if (Status s = headerLine(st, m.captured(1).toLower(), m.captured(2), lineNo); !s)
                return s.error();
            continue;
        }
        if (trimmed.startsWith(QLatin1String("--")))
            continue;
        return fileError(displayPath, lineNo, QStringLiteral("SQL before the first '-- +upgrade' section"));
    }
    closeSection(st);
    RevisionScript &s = st.script;
    if (!st.seenKeys.contains(QStringLiteral("revision")))
        return fileError(displayPath, 1, QStringLiteral("missing '-- revision:' header"));
    if (!st.seenKeys.contains(QStringLiteral("down_revision")))
        return fileError(displayPath, 1, QStringLiteral("missing '-- down_revision:' header (use 'none' for a base revision)"));
    bool hasUpgrade = false;
    for (auto it = s.sections.cbegin(); it != s.sections.cend(); ++it)
        hasUpgrade = hasUpgrade || it.key().startsWith(QLatin1String("upgrade"));
    if (!hasUpgrade)
        return fileError(displayPath, int(lines.size()), QStringLiteral("no '-- +upgrade' section"));
    s.displayPath = displayPath;
    return s;
}

} // namespace strata::migrate
