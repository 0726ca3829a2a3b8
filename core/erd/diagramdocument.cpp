#include "diagramdocument.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QObject>
#include <QSaveFile>
#include <QStandardPaths>

namespace strata::erd {

namespace {

constexpr int kFormatVersion = 1;

QJsonObject keyJson(const TableKey &k)
{
    return {{QStringLiteral("schema"), k.schema}, {QStringLiteral("name"), k.name}};
}

TableKey keyFrom(const QJsonObject &o)
{
    return {o.value(QStringLiteral("schema")).toString(), o.value(QStringLiteral("name")).toString()};
}

QJsonObject columnJson(const DiagramColumn &c)
{
    QJsonObject o{{QStringLiteral("name"), c.name}, {QStringLiteral("type"), c.type}};
    if (c.primaryKey)
        o.insert(QStringLiteral("pk"), true);
    if (c.foreignKey)
        o.insert(QStringLiteral("fk"), true);
    if (c.unique)
        o.insert(QStringLiteral("unique"), true);
    if (c.notNull)
        o.insert(QStringLiteral("notNull"), true);
    return o;
}

DiagramColumn columnFrom(const QJsonObject &o)
{
    DiagramColumn c;
    c.name = o.value(QStringLiteral("name")).toString();
    c.type = o.value(QStringLiteral("type")).toString();
    c.primaryKey = o.value(QStringLiteral("pk")).toBool();
    c.foreignKey = o.value(QStringLiteral("fk")).toBool();
    c.unique = o.value(QStringLiteral("unique")).toBool();
    c.notNull = o.value(QStringLiteral("notNull")).toBool();
    return c;
}

QJsonArray strings(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}

QStringList stringsFrom(const QJsonValue &v)
{
    QStringList out;
    for (const QJsonValue &s : v.toArray())
        out << s.toString();
    return out;
}

QJsonObject edgeJson(const DiagramEdge &e)
{
    return {{QStringLiteral("name"), e.name}, {QStringLiteral("from"), keyJson(e.from)},
            {QStringLiteral("fromColumns"), strings(e.fromColumns)}, {QStringLiteral("to"), keyJson(e.to)},
            {QStringLiteral("toColumns"), strings(e.toColumns)}, {QStringLiteral("optional"), e.optional},
            {QStringLiteral("oneToOne"), e.oneToOne}};
}

DiagramEdge edgeFrom(const QJsonObject &o)
{
    DiagramEdge e;
    e.name = o.value(QStringLiteral("name")).toString();
    e.from = keyFrom(o.value(QStringLiteral("from")).toObject());
    e.fromColumns = stringsFrom(o.value(QStringLiteral("fromColumns")));
    e.to = keyFrom(o.value(QStringLiteral("to")).toObject());
    e.toColumns = stringsFrom(o.value(QStringLiteral("toColumns")));
    e.optional = o.value(QStringLiteral("optional")).toBool();
    e.oneToOne = o.value(QStringLiteral("oneToOne")).toBool();
    return e;
}

QJsonObject tableJson(const DiagramTable &t, const Placement *place)
{
    QJsonObject o = keyJson(t.key);
    QJsonArray cols;
    for (const DiagramColumn &c : t.columns)
        cols << columnJson(c);
    o.insert(QStringLiteral("columns"), cols);
    if (place) {
        o.insert(QStringLiteral("x"), place->position.x());
        o.insert(QStringLiteral("y"), place->position.y());
        if (place->pinned)
            o.insert(QStringLiteral("pinned"), true);
    }
    return o;
}

} // namespace

QByteArray DiagramDocument::toJson() const
{
    QJsonObject root{{QStringLiteral("strataDiagram"), kFormatVersion}, {QStringLiteral("connection"), connection},
                     {QStringLiteral("schema"), schema}, {QStringLiteral("density"), densityName(density)}};
    if (center.isValid()) {
        root.insert(QStringLiteral("center"), keyJson(center));
        root.insert(QStringLiteral("hops"), hops);
    }
    QJsonArray tables, edges, selected;
    for (const DiagramTable &t : diagram.tables) {
        const auto it = placements.constFind(t.key.id());
        tables << tableJson(t, it != placements.cend() ? &it.value() : nullptr);
    }
    for (const DiagramEdge &e : diagram.edges)
        edges << edgeJson(e);
    for (const TableKey &k : selection)
        selected << keyJson(k);
    root.insert(QStringLiteral("tables"), tables);
    root.insert(QStringLiteral("foreignKeys"), edges);
    root.insert(QStringLiteral("selection"), selected);
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

Result<DiagramDocument> DiagramDocument::fromJson(const QByteArray &json)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (doc.isNull() || !doc.isObject())
        return Error(ErrorKind::Syntax, QObject::tr("Not a diagram file: %1").arg(parseError.errorString()));
    const QJsonObject root = doc.object();
    const int version = root.value(QStringLiteral("strataDiagram")).toInt(0);
    if (version < 1 || version > kFormatVersion)
        return Error(ErrorKind::Unsupported, QObject::tr("Unknown diagram format version %1").arg(version));
    DiagramDocument d;
    d.connection = root.value(QStringLiteral("connection")).toString();
    d.schema = root.value(QStringLiteral("schema")).toString();
    d.density = densityFromName(root.value(QStringLiteral("density")).toString());
    if (root.contains(QStringLiteral("center"))) {
        d.center = keyFrom(root.value(QStringLiteral("center")).toObject());
        d.hops = root.value(QStringLiteral("hops")).toInt(-1);
    }
    for (const QJsonValue &v : root.value(QStringLiteral("tables")).toArray()) {
        const QJsonObject o = v.toObject();
        DiagramTable t;
        t.key = keyFrom(o);
        for (const QJsonValue &c : o.value(QStringLiteral("columns")).toArray())
            t.columns << columnFrom(c.toObject());
        if (o.contains(QStringLiteral("x")))
            d.placements.insert(t.key.id(), Placement{QPointF(o.value(QStringLiteral("x")).toDouble(), o.value(QStringLiteral("y")).toDouble()),
                                                      o.value(QStringLiteral("pinned")).toBool()});
        d.diagram.tables << t;
    }
    std::sort(d.diagram.tables.begin(), d.diagram.tables.end(), [](const DiagramTable &a, const DiagramTable &b) { return a.key < b.key; });
    for (const QJsonValue &v : root.value(QStringLiteral("foreignKeys")).toArray())
        d.diagram.edges << edgeFrom(v.toObject());
    for (const QJsonValue &v : root.value(QStringLiteral("selection")).toArray())
        d.selection << keyFrom(v.toObject());
    return d;
}

Status DiagramDocument::save(const QString &path) const
{
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return Error(ErrorKind::Io, QObject::tr("Cannot create the folder of %1").arg(path));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(toJson()) < 0 || !file.commit())
        return Error(ErrorKind::Io, QObject::tr("Cannot write %1: %2").arg(path, file.errorString()));
    return {};
}

Result<DiagramDocument> DiagramDocument::load(const QString &path)
{
    QFile file(path);
    if (!file.exists())
        return Error(ErrorKind::NotFound, QObject::tr("No diagram at %1").arg(path));
    if (!file.open(QIODevice::ReadOnly))
        return Error(ErrorKind::Io, QObject::tr("Cannot read %1: %2").arg(path, file.errorString()));
    return fromJson(file.readAll());
}

QString DiagramDocument::connectionKey(const connection::ConnectionProfile &profile)
{
    if (profile.isSqlite())
        return QStringLiteral("file:") + profile.filePath;
    return QStringLiteral("postgresql:%1@%2:%3/%4").arg(profile.user, profile.host, QString::number(profile.port), profile.database);
}

QString DiagramDocument::storePath(const QString &connectionKey, const QString &schema, const QString &scope)
{
    const QByteArray what = (connectionKey + QChar(0x1f) + schema + QChar(0x1f) + scope).toUtf8();
    const QString name = QString::fromLatin1(QCryptographicHash::hash(what, QCryptographicHash::Sha1).toHex().left(20));
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/diagrams/") + name + QStringLiteral(".json");
}

} // namespace strata::erd
