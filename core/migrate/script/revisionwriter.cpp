#include "revisionwriter.h"

#include "revisionfileparser.h"

#include "base/quotedtext.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QRegularExpression>

namespace strata::migrate {

QString RevisionWriter::generateId()
{
    const quint64 value = QRandomGenerator::system()->generate64() & 0xffffffffffffULL;
    return QStringLiteral("%1").arg(value, 12, 16, QLatin1Char('0'));
}

QString RevisionWriter::slug(const QString &message, int truncateLength)
{
    static const QRegularExpression word(QStringLiteral("\\w+"), QRegularExpression::UseUnicodePropertiesOption);
    QStringList words;
    auto it = word.globalMatch(message);
    while (it.hasNext())
        words.append(it.next().captured(0));
    QString s = words.join(QLatin1Char('_')).toLower();
    if (s.size() > truncateLength) {
        s = s.left(truncateLength);
        const int cut = s.lastIndexOf(QLatin1Char('_'));
        if (cut >= 0)
            s = s.left(cut);
        s += QLatin1Char('_');
    }
    return s;
}

QString RevisionWriter::fileName(const QString &fileTemplate, const QString &id, const QString &slugText, const QDateTime &created)
{
    static const QRegularExpression token(QStringLiteral("%(%|\\((\\w+)\\)(\\.(\\d+))?([sd]))"));
    const QHash<QString, QString> values{
        {QStringLiteral("rev"), id},
        {QStringLiteral("slug"), slugText},
        {QStringLiteral("year"), QString::number(created.date().year())},
        {QStringLiteral("month"), QString::number(created.date().month())},
        {QStringLiteral("day"), QString::number(created.date().day())},
        {QStringLiteral("hour"), QString::number(created.time().hour())},
        {QStringLiteral("minute"), QString::number(created.time().minute())},
        {QStringLiteral("second"), QString::number(created.time().second())},
        {QStringLiteral("epoch"), QString::number(created.toSecsSinceEpoch())},
    };
    QString out;
    qsizetype pos = 0;
    auto it = token.globalMatch(fileTemplate);
    while (it.hasNext()) {
        const auto m = it.next();
        out += fileTemplate.mid(pos, m.capturedStart() - pos);
        pos = m.capturedEnd();
        if (m.captured(1) == u"%") {
            out += QLatin1Char('%');
            continue;
        }
        QString v = values.value(m.captured(2));
        if (m.captured(5) == u"d" && !m.captured(4).isEmpty())
            v = v.rightJustified(m.captured(4).toInt(), QLatin1Char('0'));
        out += v;
    }
    out += fileTemplate.mid(pos);
    return out + QStringLiteral(".sql");
}

QString RevisionWriter::render(const RevisionScript &s)
{
    QString text;
    text += QStringLiteral("-- revision: %1\n").arg(s.id);
    text += QStringLiteral("-- down_revision: %1\n").arg(s.downRevisions.isEmpty() ? QStringLiteral("none") : s.downRevisions.join(QStringLiteral(", ")));
    // The message is the only free text in the header: one line that cannot end the comment.
    text += QStringLiteral("-- message: %1\n").arg(commentText(s.message));
    if (!s.branchLabels.isEmpty())
        text += QStringLiteral("-- branch_labels: %1\n").arg(s.branchLabels.join(QStringLiteral(", ")));
    if (!s.dependsOn.isEmpty())
        text += QStringLiteral("-- depends_on: %1\n").arg(s.dependsOn.join(QStringLiteral(", ")));
    if (!s.transactional)
        text += QStringLiteral("-- transactional: false\n");
    text += QStringLiteral("-- created: %1\n").arg(s.created);
    auto section = [&](const QString &name) {
        text += QStringLiteral("\n-- +%1\n").arg(name);
        const QString sql = s.sections.value(name).sql;
        if (!sql.isEmpty())
            text += sql + QLatin1Char('\n');
    };
    // The plain section, or one per dialect ("upgrade sqlite", "upgrade postgresql") when
    // the script has those.
    for (const char *name : {"upgrade", "downgrade"}) {
        const QString direction = QLatin1String(name);
        QStringList perDialect;
        for (auto it = s.sections.cbegin(); it != s.sections.cend(); ++it)
            if (it.key().startsWith(direction + QLatin1Char(' ')))
                perDialect.append(it.key());
        if (perDialect.isEmpty() || s.sections.contains(direction))
            section(direction);
        for (const QString &key : std::as_const(perDialect))
            section(key);
    }
    return text;
}

namespace {

/// A section's SQL as the parser gives it back: without blank lines at either end.
QString withoutOuterBlankLines(const QString &sql)
{
    QStringList lines = sql.split(QLatin1Char('\n'));
    while (!lines.isEmpty() && lines.first().trimmed().isEmpty())
        lines.removeFirst();
    while (!lines.isEmpty() && lines.last().trimmed().isEmpty())
        lines.removeLast();
    return lines.join(QLatin1Char('\n'));
}

} // namespace

Status RevisionWriter::checkReadsBack(const RevisionScript &script)
{
    const Result<RevisionScript> back = RevisionFileParser::parse(render(script), QStringLiteral("revision %1").arg(script.id));
    const auto refuse = [&script](const QString &why) {
        return Error(ErrorKind::Internal, QStringLiteral("Revision %1 would not read back as written (%2); nothing was written. "
                                                         "A name or the message holds text the revision file format cannot "
                                                         "carry.").arg(script.id, why));
    };
    if (!back)
        return refuse(back.error().message);
    if (back->id != script.id || back->downRevisions != script.downRevisions || back->branchLabels != script.branchLabels
        || back->dependsOn != script.dependsOn || back->transactional != script.transactional
        || back->message.trimmed() != commentText(script.message).trimmed())
        return refuse(QStringLiteral("its header changed"));
    // render() writes empty upgrade and downgrade sections for a script without any
    QStringList keys = script.sections.keys() + back->sections.keys();
    keys.removeDuplicates();
    for (const QString &key : std::as_const(keys))
        if (back->sections.value(key).sql != withoutOuterBlankLines(script.sections.value(key).sql))
            return refuse(QStringLiteral("the SQL of its '-- +%1' section changed").arg(quotedInput(key)));
    return {};
}

Result<RevisionScript> RevisionWriter::write(const ProjectConfig &config, RevisionScript script, const QDateTime &created)
{
    if (const QString why = invalidRevisionIdReason(script.id); !why.isEmpty())
        return Error(ErrorKind::Migration, why);
    // Labels and dependencies are header values: no space or control character may split them.
    static const QRegularExpression unsafe(QStringLiteral("[\\s\\p{Cc}\\x{2028}\\x{2029},]"));
    for (const QStringList *list : {&script.branchLabels, &script.dependsOn, &script.downRevisions})
        for (const QString &value : *list)
            if (value.isEmpty() || value.contains(unsafe))
                return Error(ErrorKind::Syntax, QStringLiteral("'%1' cannot be written into a revision header: it is empty "
                                                               "or holds a space, a comma or a control character")
                                                    .arg(quotedInput(value)));
    script.created = created.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    if (Status s = checkReadsBack(script); !s)
        return s.error();
    if (config.scriptDir.startsWith(QLatin1Char(':')))
        return Error(ErrorKind::Unsupported, QStringLiteral("%1 is a Qt resource and cannot be written").arg(config.scriptDir));
    if (!QDir().mkpath(config.scriptDir))
        return Error(ErrorKind::Io, QStringLiteral("Cannot create the directory %1").arg(config.scriptDir));
    const QString name = fileName(config.fileTemplate, script.id, slug(script.message, config.truncateSlugLength), created);
    const QString path = QDir(config.scriptDir).filePath(name);
    QFile file(path);
    if (file.exists())
        return Error(ErrorKind::Io, QStringLiteral("%1 already exists").arg(path));
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly))
        return Error(ErrorKind::Io, QStringLiteral("%1: %2").arg(path, file.errorString()));
    file.write(render(script).toUtf8());
    file.close();
    script.path = path;
    script.displayPath = config.projectDir.isEmpty() ? path : QDir(config.projectDir).relativeFilePath(path);
    return script;
}

} // namespace strata::migrate
