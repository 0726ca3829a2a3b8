#include "archivelist.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>

namespace strata::backup {

namespace {

// pg_dump's object kinds (pg_dump.c, pg_backup_archiver.c), longest first so that
// "TABLE DATA" wins over "TABLE".
const QStringList &kinds()
{
    static const QStringList list = [] {
        QStringList k{
            QStringLiteral("ACCESS METHOD"), QStringLiteral("ACL"), QStringLiteral("AGGREGATE"),
            QStringLiteral("BLOB"), QStringLiteral("BLOB METADATA"), QStringLiteral("BLOBS"), QStringLiteral("CAST"),
            QStringLiteral("CHECK CONSTRAINT"), QStringLiteral("COLLATION"), QStringLiteral("COMMENT"),
            QStringLiteral("CONSTRAINT"), QStringLiteral("CONVERSION"), QStringLiteral("DATABASE"),
            QStringLiteral("DATABASE PROPERTIES"), QStringLiteral("DEFAULT"), QStringLiteral("DEFAULT ACL"),
            QStringLiteral("DOMAIN"), QStringLiteral("ENCODING"), QStringLiteral("EVENT TRIGGER"),
            QStringLiteral("EXTENSION"), QStringLiteral("FK CONSTRAINT"), QStringLiteral("FOREIGN DATA WRAPPER"),
            QStringLiteral("FOREIGN TABLE"), QStringLiteral("FUNCTION"), QStringLiteral("INDEX"),
            QStringLiteral("INDEX ATTACH"), QStringLiteral("LARGE OBJECTS"), QStringLiteral("MATERIALIZED VIEW"),
            QStringLiteral("MATERIALIZED VIEW DATA"), QStringLiteral("OPERATOR"), QStringLiteral("OPERATOR CLASS"),
            QStringLiteral("OPERATOR FAMILY"), QStringLiteral("POLICY"), QStringLiteral("PROCEDURAL LANGUAGE"),
            QStringLiteral("PROCEDURE"), QStringLiteral("PUBLICATION"), QStringLiteral("PUBLICATION TABLE"),
            QStringLiteral("PUBLICATION TABLES IN SCHEMA"), QStringLiteral("ROW SECURITY"), QStringLiteral("RULE"),
            QStringLiteral("SCHEMA"), QStringLiteral("SEARCHPATH"), QStringLiteral("SECURITY LABEL"),
            QStringLiteral("SEQUENCE"), QStringLiteral("SEQUENCE OWNED BY"), QStringLiteral("SEQUENCE SET"),
            QStringLiteral("SERVER"), QStringLiteral("SHELL TYPE"), QStringLiteral("STATISTICS"),
            QStringLiteral("STDSTRINGS"), QStringLiteral("SUBSCRIPTION"), QStringLiteral("SUBSCRIPTION TABLE"),
            QStringLiteral("TABLE"), QStringLiteral("TABLE ATTACH"), QStringLiteral("TABLE DATA"),
            QStringLiteral("TEXT SEARCH CONFIGURATION"), QStringLiteral("TEXT SEARCH DICTIONARY"),
            QStringLiteral("TEXT SEARCH PARSER"), QStringLiteral("TEXT SEARCH TEMPLATE"), QStringLiteral("TRANSFORM"),
            QStringLiteral("TRIGGER"), QStringLiteral("TYPE"), QStringLiteral("USER MAPPING"), QStringLiteral("VIEW")};
        std::sort(k.begin(), k.end(), [](const QString &a, const QString &b) { return a.size() > b.size(); });
        return k;
    }();
    return list;
}

QString headerValue(const QString &line, const QString &key)
{
    const QString prefix = key + QStringLiteral(": ");
    const qsizetype at = line.indexOf(prefix);
    return at < 0 ? QString() : line.mid(at + prefix.size()).trimmed();
}

std::optional<ArchiveEntry> parseEntry(const QString &line)
{
    static const QRegularExpression head(QStringLiteral(R"(^(\d+); +\d+ +\d+ +(.*)$)"));
    const QRegularExpressionMatch m = head.match(line);
    if (!m.hasMatch())
        return std::nullopt;
    ArchiveEntry e;
    e.id = m.captured(1).toInt();
    e.line = line;
    QString rest = m.captured(2);
    for (const QString &kind : kinds()) {
        if (rest.startsWith(kind + QLatin1Char(' '))) {
            e.kind = kind;
            rest = rest.mid(kind.size() + 1);
            break;
        }
    }
    if (e.kind.isEmpty()) {
        e.kind = rest.section(QLatin1Char(' '), 0, 0);
        rest = rest.section(QLatin1Char(' '), 1);
    }
    QStringList words = rest.split(QLatin1Char(' '));
    const QString schema = words.isEmpty() ? QString() : words.takeFirst();
    e.schema = schema == QLatin1String("-") ? QString() : schema;
    if (words.size() >= 2)
        e.owner = words.takeLast();
    e.tag = words.join(QLatin1Char(' '));
    return e;
}

} // namespace

bool ArchiveEntry::isData() const
{
    return kind == QLatin1String("TABLE DATA") || kind == QLatin1String("SEQUENCE SET") || kind == QLatin1String("BLOBS")
        || kind == QLatin1String("BLOB") || kind == QLatin1String("LARGE OBJECTS")
        || kind == QLatin1String("MATERIALIZED VIEW DATA");
}

Result<ArchiveList> ArchiveList::parse(const QString &listing)
{
    ArchiveList list;
    bool sawHeader = false;
    for (const QString &raw : listing.split(QLatin1Char('\n'))) {
        const QString line = raw.trimmed();
        if (line.isEmpty())
            continue;
        if (line.startsWith(QLatin1Char(';'))) {
            if (line.contains(QLatin1String("dbname:"))) {
                list.database = headerValue(line, QStringLiteral("dbname"));
                sawHeader = true;
            } else if (line.contains(QLatin1String("Format:"))) {
                list.format = headerValue(line, QStringLiteral("Format"));
            } else if (line.contains(QLatin1String("Dumped from database version:"))) {
                list.dumpedFrom = PgVersion::parse(headerValue(line, QStringLiteral("Dumped from database version")));
            } else if (line.contains(QLatin1String("Dumped by pg_dump version:"))) {
                list.dumpedBy = PgVersion::parse(headerValue(line, QStringLiteral("Dumped by pg_dump version")));
            }
            continue;
        }
        if (std::optional<ArchiveEntry> e = parseEntry(line))
            list.entries.append(*e);
    }
    if (!sawHeader && list.entries.isEmpty())
        return Error(ErrorKind::Syntax, QStringLiteral("This is not a pg_restore table of contents."));
    return list;
}

QString ArchiveList::useListText(const QList<int> &ids) const
{
    const QSet<int> keep(ids.cbegin(), ids.cend());
    QString text = QStringLiteral("; Strata: entries to restore (lines starting with ';' are left out)\n");
    for (const ArchiveEntry &e : entries)
        text += (keep.contains(e.id) ? QString() : QStringLiteral(";")) + e.line + QLatin1Char('\n');
    return text;
}

Result<ArchiveFormat> detectArchiveFormat(const QString &path)
{
    const QFileInfo fi(path);
    if (!fi.exists())
        return Error(ErrorKind::NotFound, QStringLiteral("%1 does not exist.").arg(QDir::toNativeSeparators(path)));
    if (fi.isDir()) {
        if (QFileInfo::exists(QDir(path).filePath(QStringLiteral("toc.dat"))))
            return ArchiveFormat::Directory;
        return Error(ErrorKind::Syntax, QStringLiteral("The folder %1 is not a directory-format backup (it has no toc.dat).")
                                            .arg(QDir::toNativeSeparators(path)));
    }
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Error(ErrorKind::Io, QStringLiteral("Cannot read %1: %2").arg(QDir::toNativeSeparators(path), f.errorString()));
    const QByteArray head = f.read(512);
    if (head.startsWith("PGDMP"))
        return ArchiveFormat::Custom;
    if (head.size() >= 262 && head.mid(257, 5) == "ustar")
        return ArchiveFormat::Tar;
    if (head.startsWith("\x1f\x8b"))
        return Error(ErrorKind::Unsupported, QStringLiteral("%1 is a gzip-compressed SQL file: decompress it first (gunzip).")
                                                 .arg(QDir::toNativeSeparators(path)));
    if (head.startsWith("SQLite format 3"))
        return Error(ErrorKind::Unsupported, QStringLiteral("%1 is a SQLite database, not a PostgreSQL backup.")
                                                 .arg(QDir::toNativeSeparators(path)));
    if (head.contains('\0'))
        return Error(ErrorKind::Syntax, QStringLiteral("%1 is not a PostgreSQL backup.").arg(QDir::toNativeSeparators(path)));
    return ArchiveFormat::Plain;
}

} // namespace strata::backup
