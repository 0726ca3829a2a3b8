// libFuzzer target: the revision-file parser (migrate/script/revisionfileparser.h) and the
// writer's rendering (RevisionWriter::render). The input is a revision file.
// Properties:
//  - write -> parse: a parsed revision rendered by RevisionWriter parses back to the same
//    revision (header fields and the SQL of every section; a section the file lacks is
//    rendered empty, so "missing" and "empty" compare equal; the message compares when it
//    holds nothing a comment escapes);
//  - the same file with CRLF line ends parses the same, or fails with the same message;
//  - located: a section's line is the line of its first SQL line; an error's message
//    starts with "file:line:" and the line is in the file; messages are capped;
//  - RevisionWriter::checkReadsBack, the writer's own guard, accepts every parsed revision;
//  - the checksum of a section ignores line-end style and trailing whitespace;
//  - a parsed revision has a valid id and an upgrade section.

#include "fuzzsupport.h"

#include "migrate/script/revisionfileparser.h"
#include "migrate/script/revisionwriter.h"

#include <QRegularExpression>

namespace {

using namespace strata;
using namespace strata::migrate;

const QString kPath = QStringLiteral("versions/fuzz.sql");

/// SQL as the checksum sees it: trailing whitespace (a lone CR among it) is not SQL.
QString withoutTrailingSpace(const QString &sql)
{
    QStringList lines = sql.split(QLatin1Char('\n'));
    for (QString &line : lines) {
        while (!line.isEmpty() && line.back().isSpace())
            line.chop(1);
    }
    return lines.join(QLatin1Char('\n'));
}

QString dump(const RevisionScript &s)
{
    QStringList out{QStringLiteral("id [%1]").arg(s.id), QStringLiteral("down [%1]").arg(s.downRevisions.join(u'|')),
                    QStringLiteral("labels [%1]").arg(s.branchLabels.join(u'|')),
                    QStringLiteral("depends [%1]").arg(s.dependsOn.join(u'|')),
                    QStringLiteral("transactional %1").arg(s.transactional), QStringLiteral("created [%1]").arg(s.created)};
    for (auto it = s.sections.cbegin(); it != s.sections.cend(); ++it)
        if (!it->sql.isEmpty())
            out << QStringLiteral("-- +%1\n%2").arg(it.key(), withoutTrailingSpace(it->sql));
    return out.join(QLatin1Char('\n'));
}

/// A message a comment writes as it is (commentText escapes the rest).
bool isPlainMessage(const QString &message)
{
    static const QRegularExpression escaped(QStringLiteral("[\\x00-\\x1f\\x7f-\\x9f\\x{2028}\\x{2029}\\x{feff}\\\\]|\\*/|/\\*"));
    return !message.contains(escaped);
}

void checkError(const Error &error, const QString &text)
{
    fuzz::checkMessage(error, kPath.size());
    static const QRegularExpression located(QStringLiteral("^versions/fuzz\\.sql:(\\d+): "));
    const QRegularExpressionMatch m = located.match(error.message);
    STRATA_FUZZ_CHECK(m.hasMatch(), error.message.left(300));
    const qsizetype lines = text.count(QLatin1Char('\n')) + text.count(QLatin1Char('\r')) + 1;
    const qsizetype line = m.captured(1).toLongLong();
    STRATA_FUZZ_CHECK(line >= 1 && line <= lines, QStringLiteral("line %1 of %2: %3").arg(line).arg(lines).arg(error.message.left(300)));
}

void checkParsed(const RevisionScript &script, const QString &text)
{
    STRATA_FUZZ_CHECK(invalidRevisionIdReason(script.id).isEmpty(), script.id);
    bool upgrade = false;
    for (auto it = script.sections.cbegin(); it != script.sections.cend(); ++it)
        upgrade = upgrade || it.key().startsWith(QLatin1String("upgrade"));
    STRATA_FUZZ_CHECK(upgrade, QStringLiteral("parsed without an upgrade section"));

    if (!text.contains(QLatin1Char('\r'))) {
        const QStringList lines = text.split(QLatin1Char('\n'));
        for (auto it = script.sections.cbegin(); it != script.sections.cend(); ++it) {
            if (it->sql.isEmpty())
                continue;
            const QString first = it->sql.section(QLatin1Char('\n'), 0, 0);
            STRATA_FUZZ_CHECK(it->line >= 1 && it->line <= lines.size() && lines[it->line - 1] == first,
                              QStringLiteral("section %1 says line %2, its first line is [%3]").arg(it.key()).arg(it->line).arg(first));
        }
    }
    for (const RevisionSection &section : script.sections) {
        if (section.sql.contains(QLatin1Char('\r')))
            continue;
        const QString crlf = QString(section.sql).replace(QLatin1Char('\n'), QStringLiteral(" \r\n"));
        STRATA_FUZZ_CHECK(sqlChecksum(section.sql) == sqlChecksum(crlf), QStringLiteral("checksum moves with line ends: [%1]").arg(section.sql));
    }
    // The writer's own guard agrees: what it renders reads back as what it was rendered from.
    const Status readsBack = RevisionWriter::checkReadsBack(script);
    STRATA_FUZZ_CHECK(readsBack.ok(), QStringLiteral("file:\n%1\ncheckReadsBack: %2").arg(text, readsBack.ok() ? QString() : readsBack.error().message));

    const QString rendered = RevisionWriter::render(script);
    const Result<RevisionScript> again = RevisionFileParser::parse(rendered, kPath);
    STRATA_FUZZ_CHECK(again.ok(), QStringLiteral("file:\n%1\nrendered:\n%2\ndoes not parse: %3")
                                      .arg(text, rendered, again.ok() ? QString() : again.error().message));
    STRATA_FUZZ_CHECK(dump(*again) == dump(script), QStringLiteral("file:\n%1\nrendered:\n%2\nparsed:\n%3\nreparsed:\n%4")
                                                        .arg(text, rendered, dump(script), dump(*again)));
    if (isPlainMessage(script.message))
        STRATA_FUZZ_CHECK(again->message == script.message, QStringLiteral("message [%1] reads back as [%2]").arg(script.message, again->message));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = fuzz::textOf(data, size);
    const Result<RevisionScript> script = RevisionFileParser::parse(text, kPath);
    if (script)
        checkParsed(*script, text);
    else
        checkError(script.error(), text);

    if (text.contains(QLatin1Char('\r')))
        return 0;
    const Result<RevisionScript> crlf = RevisionFileParser::parse(QString(text).replace(QLatin1Char('\n'), QStringLiteral("\r\n")), kPath);
    STRATA_FUZZ_CHECK(crlf.ok() == script.ok(), QStringLiteral("file:\n%1\nLF: %2\nCRLF: %3")
                                                    .arg(text, script.ok() ? QStringLiteral("ok") : script.error().message,
                                                         crlf.ok() ? QStringLiteral("ok") : crlf.error().message));
    if (script)
        STRATA_FUZZ_CHECK(dump(*crlf) == dump(*script), QStringLiteral("file:\n%1\nLF:\n%2\nCRLF:\n%3").arg(text, dump(*script), dump(*crlf)));
    else
        STRATA_FUZZ_CHECK(crlf.error().message == script.error().message,
                          QStringLiteral("LF: %1\nCRLF: %2").arg(script.error().message, crlf.error().message));
    return 0;
}
