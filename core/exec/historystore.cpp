#include "historystore.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace strata::exec {

namespace {

QJsonObject toJson(const HistoryEntry &e)
{
    QJsonObject o;
    o.insert(QStringLiteral("sql"), e.sql);
    o.insert(QStringLiteral("time"), e.time.toUTC().toString(Qt::ISODateWithMs));
    o.insert(QStringLiteral("ms"), double(e.durationMs));
    o.insert(QStringLiteral("rows"), double(e.rows));
    o.insert(QStringLiteral("ok"), e.ok);
    if (!e.error.isEmpty())
        o.insert(QStringLiteral("error"), e.error);
    return o;
}

HistoryEntry fromJson(const QJsonObject &o)
{
    HistoryEntry e;
    e.sql = o.value(u"sql").toString();
    e.time = QDateTime::fromString(o.value(u"time").toString(), Qt::ISODateWithMs).toLocalTime();
    e.durationMs = qint64(o.value(u"ms").toDouble());
    e.rows = qint64(o.value(u"rows").toDouble(-1));
    e.ok = o.value(u"ok").toBool(true);
    e.error = o.value(u"error").toString();
    return e;
}

} // namespace

HistoryStore::HistoryStore(QString directory, QString connectionKey, DialectKind dialect)
    : m_directory(std::move(directory))
    , m_key(std::move(connectionKey))
    , m_dialect(dialect)
{
}

QString HistoryStore::connectionKey(const connection::ConnectionProfile &p)
{
    const QString identity = p.isSqlite()
        ? QStringLiteral("sqlite|") + (p.inMemory ? QStringLiteral(":memory:") : QDir::cleanPath(p.filePath))
        : QStringLiteral("pg|%1|%2|%3|%4|%5").arg(p.host).arg(p.port).arg(p.database, p.user, p.service);
    const QByteArray hash = QCryptographicHash::hash(identity.toUtf8(), QCryptographicHash::Sha1).toHex().left(16);
    return (p.isSqlite() ? QStringLiteral("sqlite-") : QStringLiteral("pg-")) + QString::fromLatin1(hash);
}

QString HistoryStore::filePath() const
{
    return QDir(m_directory).filePath(m_key + QStringLiteral(".jsonl"));
}

QString HistoryStore::maskPasswords(const QString &sql, DialectKind dialect)
{
    QString out;
    int copied = 0;
    bool afterPassword = false;
    SqlLexer lexer(dialect, sql);
    SqlToken t;
    while (lexer.next(t)) {
        if (!t.isCode())
            continue;
        if (afterPassword && t.kind == TokenKind::String) {
            out += QStringView(sql).mid(copied, t.start - copied);
            out += QStringLiteral("'***'");
            copied = t.end();
        }
        afterPassword = t.kind == TokenKind::Word && QStringView(sql).mid(t.start, t.length).compare(u"PASSWORD", Qt::CaseInsensitive) == 0;
    }
    out += QStringView(sql).mid(copied);
    return out;
}

Status HistoryStore::append(HistoryEntry entry)
{
    entry.sql = maskPasswords(entry.sql, m_dialect);
    entry.error = maskPasswords(entry.error, m_dialect);
    if (!QDir().mkpath(m_directory))
        return Error(ErrorKind::Io, QStringLiteral("Cannot create %1").arg(m_directory));
    QFile file(filePath());
    if (!file.open(QIODevice::Append | QIODevice::WriteOnly))
        return Error(ErrorKind::Io, QStringLiteral("Cannot write %1: %2").arg(file.fileName(), file.errorString()));
    file.write(QJsonDocument(toJson(entry)).toJson(QJsonDocument::Compact) + '\n');
    return {};
}

Result<QList<HistoryEntry>> HistoryStore::load() const
{
    QList<HistoryEntry> out;
    QFile file(filePath());
    if (!file.exists())
        return out;
    if (!file.open(QIODevice::ReadOnly))
        return Error(ErrorKind::Io, QStringLiteral("Cannot read %1: %2").arg(file.fileName(), file.errorString()));
    while (!file.atEnd()) {
        const QByteArray line = file.readLine().trimmed();
        const QJsonDocument doc = QJsonDocument::fromJson(line);
        if (doc.isObject())   // a line cut by a crash is skipped
            out.append(fromJson(doc.object()));
    }
    file.close();
    if (out.size() > maxEntries() + maxEntries() / 5) {
        out = out.mid(out.size() - maxEntries());
        QSaveFile save(filePath());
        if (save.open(QIODevice::WriteOnly)) {
            for (const HistoryEntry &e : out)
                save.write(QJsonDocument(toJson(e)).toJson(QJsonDocument::Compact) + '\n');
            save.commit();
        }
    }
    return out;
}

QList<HistoryEntry> HistoryStore::search(const QList<HistoryEntry> &entries, const QString &query)
{
    const QStringList words = query.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    QList<HistoryEntry> out;
    for (auto it = entries.crbegin(); it != entries.crend(); ++it) {
        bool all = true;
        for (const QString &w : words)
            all = all && it->sql.contains(w, Qt::CaseInsensitive);
        if (all)
            out.append(*it);
    }
    return out;
}

} // namespace strata::exec
