#include "revisionfileparser.h"

#include "base/quotedtext.h"
#include "exec/statementsplitter.h"

#include <QRegularExpression>

namespace strata::migrate {

namespace {

const QStringList &headerKeys()
{
    static const QStringList keys{QStringLiteral("revision"), QStringLiteral("down_revision"), QStringLiteral("message"),
                                  QStringLiteral("branch_labels"), QStringLiteral("depends_on"),
                                  QStringLiteral("transactional"), QStringLiteral("created")};
    return keys;
}

/// Follows the SQL of a section line by line with the lexer of each dialect the section is
/// for, so that a line inside a string, quoted identifier, dollar quote or block comment
/// opened on an earlier line is known to be SQL, whatever it looks like: a quoted name
/// holding "\n-- +downgrade" never becomes a section marker. A plain section is for both
/// dialects: a line is inside when both lexers say so, or when one is inside a construct
/// only its dialect has (PostgreSQL's dollar quotes and E'' strings, SQLite's [] and ``
/// names), since such text is that dialect's SQL.
class SectionLexers {
public:
    void start(const QString &dialectName)
    {
        m_lexers.clear();
        if (dialectName != u"sqlite")
            m_lexers.append(Lexer{dialect::DialectKind::Postgres, {}, 0});
        if (dialectName != u"postgresql")
            m_lexers.append(Lexer{dialect::DialectKind::Sqlite, {}, 0});
    }
    bool insideConstruct() const { return insideLexer() != nullptr; }
    /// The line where the construct open at this point began.
    int openedAt() const { return insideLexer() ? insideLexer()->openedAt : 0; }
    void feed(const QString &line, int lineNo)
    {
        const QString text = line + QLatin1Char('\n');
        for (Lexer &l : m_lexers) {
            const bool continuing = l.state.mode != Mode::Code;
            exec::SqlLexer lexer(l.dialect, text, 0, -1, l.state);
            exec::SqlToken token;
            while (lexer.next(token))
                if (!token.terminated && !(continuing && token.start == 0))
                    l.openedAt = lineNo;
            l.state = lexer.state();
        }
    }

private:
    using Mode = exec::LexState::Mode;
    struct Lexer {
        dialect::DialectKind dialect;
        exec::LexState state;
        int openedAt;
    };

    const Lexer *insideLexer() const
    {
        const auto only = [](const Lexer &l) {
            const Mode m = l.state.mode;
            return l.dialect == dialect::DialectKind::Postgres ? m == Mode::Dollar || m == Mode::EscapeString
                                                               : m == Mode::Bracket || m == Mode::Backtick;
        };
        for (const Lexer &l : m_lexers)
            if (only(l))
                return &l;
        const bool all = !m_lexers.isEmpty() && std::all_of(m_lexers.cbegin(), m_lexers.cend(), [](const Lexer &l) {
                             return l.state.mode != Mode::Code;
                         });
        return all ? &m_lexers.first() : nullptr;
    }

    QList<Lexer> m_lexers;
};

struct ParseState {
    RevisionScript script;
    QString displayPath;
    QSet<QString> seenKeys;
    QString currentSection;
    QStringList sectionLines;
    int sectionLine = 0;
    SectionLexers lexers;
    int swallowedMarkerLine = 0;   ///< a marker-like line inside an open construct
};

Error fileError(const QString &path, int line, const QString &message)
{
    return locatedAt(Error(ErrorKind::Syntax, message), path, line);
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
                return fileError(st.displayPath, line, QStringLiteral("branch label '%1' contains '@' or a space").arg(quotedInput(l)));
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
            return fileError(st.displayPath, line, QStringLiteral("transactional must be true or false, not '%1'").arg(quotedInput(value)));
        s.transactional = v == u"true";
        return {};
    }
    if (key == u"created") {
        s.created = value;
        return {};
    }
    return fileError(st.displayPath, line,
                     QStringLiteral("unknown header key '%1' (known: revision, down_revision, message, branch_labels, "
                                    "depends_on, transactional, created)").arg(quotedInput(key)));
}

Status sectionMarker(ParseState &st, const QString &name, const QString &dialect, int line)
{
    if (name != u"upgrade" && name != u"downgrade")
        return fileError(st.displayPath, line, QStringLiteral("unknown section '-- +%1' (expected +upgrade or +downgrade)").arg(quotedInput(name)));
    if (!dialect.isEmpty() && dialect != u"sqlite" && dialect != u"postgresql")
        return fileError(st.displayPath, line, QStringLiteral("unknown dialect '%1' in '-- +%2 %1' (expected sqlite or postgresql)")
                                                   .arg(quotedInput(dialect), name));
    closeSection(st);
    const QString key = dialect.isEmpty() ? name : name + QLatin1Char(' ') + dialect;
    if (st.script.sections.contains(key))
        return fileError(st.displayPath, line, QStringLiteral("duplicate section '-- +%1'").arg(key));
    st.currentSection = key;
    st.sectionLine = line + 1;
    st.lexers.start(dialect);
    st.swallowedMarkerLine = 0;
    return {};
}

/// The text with \n line ends: \r\n becomes \n, and a file without any \n (saved with
/// classic Mac line ends) has its \r as line ends, so it reads as lines, not as one line.
/// A lone \r in a file with \n line ends stays (it may be inside a quoted name or string),
/// except right before a line end or the end of the file: there a run of \r is part of the
/// line end (kept, "x\r" would be written back as "x\r\n" and read as "x").
QString normalizedLineEnds(const QString &text)
{
    if (!text.contains(QLatin1Char('\n'))) {
        QString normalized = text;
        return normalized.replace(QLatin1Char('\r'), QLatin1Char('\n'));
    }
    QString normalized;
    normalized.reserve(text.size());
    qsizetype pendingCr = 0;   // a run of \r not yet known to be text
    for (const QChar c : text) {
        if (c == QLatin1Char('\r')) {
            ++pendingCr;
            continue;
        }
        if (c != QLatin1Char('\n'))
            normalized += QString(pendingCr, QLatin1Char('\r'));
        pendingCr = 0;
        normalized += c;
    }
    if (pendingCr > 0)
        normalized += QLatin1Char('\n');
    return normalized;
}

/// A NUL character: libpq and SQLite would stop reading the SQL there.
Status checkNoNul(const QString &text, const QString &displayPath)
{
    const qsizetype nul = text.indexOf(QChar(u'\0'));
    if (nul < 0)
        return {};
    const exec::TextPosition p = exec::positionOf(text, int(nul));
    return locatedAt(Error(ErrorKind::Syntax, QStringLiteral("a NUL character (column %1): revision files are text; remove it")
                                                  .arg(p.column + 1)),
                     displayPath, p.line + 1, p.column + 1);
}

/// A section line: SQL, unless it is a marker (handled by the caller). A known header key
/// here is SQL too, which its author rarely means: warn.
void sectionLine(ParseState &st, const QString &line, const QString &trimmed, int lineNo)
{
    static const QRegularExpression header(QStringLiteral("^--\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*:"));
    if (!st.lexers.insideConstruct())
        if (const auto m = header.match(trimmed); m.hasMatch() && headerKeys().contains(m.captured(1).toLower()))
            st.script.warnings.append(RevisionWarning{
                SourceLocation{st.displayPath, lineNo, 1},
                QStringLiteral("'-- %1:' below the first section is SQL (a comment), not a header: move it above the "
                               "first '-- +upgrade' line").arg(m.captured(1).toLower())});
    st.sectionLines.append(line);
    st.lexers.feed(line, lineNo);
}

} // namespace

Result<RevisionScript> RevisionFileParser::parse(const QString &text, const QString &displayPath)
{
    static const QRegularExpression marker(QStringLiteral("^--\\s*\\+(\\S+)(?:\\s+(\\S+))?\\s*$"));
    static const QRegularExpression header(QStringLiteral("^--\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*:\\s*(.*?)\\s*$"));
    ParseState st;
    st.displayPath = displayPath;
    const QString normalized = normalizedLineEnds(text);
    if (Status s = checkNoNul(normalized, displayPath); !s)
        return s.error();
    const QStringList lines = normalized.split(QLatin1Char('\n'));
    for (int i = 0; i < lines.size(); ++i) {
        const int lineNo = i + 1;
        const QString trimmed = lines[i].trimmed();
        if (const auto m = marker.match(trimmed); m.hasMatch()) {
            if (st.lexers.insideConstruct()) {
                if (st.swallowedMarkerLine == 0)
                    st.swallowedMarkerLine = lineNo;
            } else {
                if (Status s = sectionMarker(st, m.captured(1), m.captured(2), lineNo); !s)
                    return s.error();
                continue;
            }
        }
        if (!st.currentSection.isEmpty()) {
            sectionLine(st, lines[i], trimmed, lineNo);
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
    if (st.lexers.insideConstruct() && st.swallowedMarkerLine > 0)
        return fileError(displayPath, st.lexers.openedAt(),
                         QStringLiteral("a string, quoted identifier, dollar quote or comment opened on this line is never "
                                        "closed: the section marker on line %1 is inside it").arg(st.swallowedMarkerLine));
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
