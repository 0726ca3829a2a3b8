// Profiles from other tools' files: a .env's DATABASE_URL, pgAdmin 4's servers.json, and
// DBeaver's data-sources.json. Their passwords are never read (pgAdmin and DBeaver keep
// them elsewhere, encrypted); a URL's password is carried to the candidate only.

#include "connectionstring.h"
#include "profileimport.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace strata::connection {

namespace {

Result<QJsonObject> parseObject(const QByteArray &json, const QString &what)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (doc.isNull())
        return Error(ErrorKind::Syntax, QStringLiteral("%1 is not valid JSON: %2 at offset %3.")
                                            .arg(what, parseError.errorString())
                                            .arg(parseError.offset));
    if (!doc.isObject())
        return Error(ErrorKind::Syntax, QStringLiteral("%1 must be a JSON object.").arg(what));
    return doc.object();
}

/// A JSON value that may be a number or a numeric string ("5432").
int intValue(const QJsonValue &v)
{
    return v.isString() ? v.toString().toInt() : v.toInt();
}

/// A .env value: unquoted (an inline " #" starts a comment), '…' literal, "…" with \ escapes.
QString dotEnvValue(QString raw)
{
    raw = raw.trimmed();
    if (raw.size() >= 2 && raw.startsWith(QLatin1Char('\'')) && raw.indexOf(QLatin1Char('\''), 1) > 0)
        return raw.mid(1, raw.indexOf(QLatin1Char('\''), 1) - 1);
    if (raw.startsWith(QLatin1Char('"'))) {
        QString value;
        for (qsizetype i = 1; i < raw.size() && raw.at(i) != QLatin1Char('"'); ++i) {
            if (raw.at(i) == QLatin1Char('\\') && i + 1 < raw.size())
                ++i;
            value += raw.at(i);
        }
        return value;
    }
    const qsizetype comment = raw.indexOf(QLatin1String(" #"));
    return (comment >= 0 ? raw.left(comment) : raw).trimmed();
}

/// pgAdmin's background colour, or its group, hints at production.
QString colorTagFromHint(const QString &hint)
{
    const QString lower = hint.toLower();
    if (lower.contains(QLatin1String("prod")))
        return QStringLiteral("production");
    if (lower.contains(QLatin1String("stag")))
        return QStringLiteral("staging");
    if (lower.contains(QLatin1String("dev")))
        return QStringLiteral("development");
    if (lower.contains(QLatin1String("test")))
        return QStringLiteral("test");
    return QString();
}

ImportCandidate pgAdminServer(const QString &key, const QJsonObject &s)
{
    ImportCandidate c;
    ConnectionProfile &p = c.profile;
    p.driver = DialectKind::Postgres;
    p.name = s.value(QStringLiteral("Name")).toString();
    p.group = s.value(QStringLiteral("Group")).toString();
    if (p.group == QLatin1String("Servers"))
        p.group.clear();   // pgAdmin's default group says nothing
    p.host = s.value(QStringLiteral("Host")).toString();
    if (p.host.isEmpty())
        p.host = s.value(QStringLiteral("HostAddr")).toString();
    p.port = intValue(s.value(QStringLiteral("Port")));
    p.database = s.value(QStringLiteral("MaintenanceDB")).toString();
    p.user = s.value(QStringLiteral("Username")).toString();
    p.service = s.value(QStringLiteral("Service")).toString();
    p.notes = s.value(QStringLiteral("Comment")).toString();
    // pgAdmin < 7 has top-level SSL keys; 7+ has ConnectionParameters with libpq names.
    p.sslMode = s.value(QStringLiteral("SSLMode")).toString();
    p.sslCert = s.value(QStringLiteral("SSLCert")).toString();
    p.sslKey = s.value(QStringLiteral("SSLKey")).toString();
    p.sslRootCert = s.value(QStringLiteral("SSLRootCert")).toString();
    const QJsonObject params = s.value(QStringLiteral("ConnectionParameters")).toObject();
    for (auto it = params.begin(); it != params.end(); ++it) {
        const QString value = it.value().isString() ? it.value().toString() : QString::number(it.value().toInt());
        if (it.key() == QLatin1String("sslmode")) p.sslMode = value;
        else if (it.key() == QLatin1String("sslcert")) p.sslCert = value;
        else if (it.key() == QLatin1String("sslkey")) p.sslKey = value;
        else if (it.key() == QLatin1String("sslrootcert")) p.sslRootCert = value;
        else if (it.key() == QLatin1String("connect_timeout")) p.connectTimeout = value.toInt();
        else if (it.key() == QLatin1String("application_name")) p.applicationName = value;
        else if (it.key() != QLatin1String("passfile") && it.key() != QLatin1String("password")) p.options.insert(it.key(), value);
    }
    if (intValue(s.value(QStringLiteral("UseSSHTunnel"))) == 1) {
        p.sshHost = s.value(QStringLiteral("TunnelHost")).toString();
        p.sshPort = intValue(s.value(QStringLiteral("TunnelPort")));
        p.sshUser = s.value(QStringLiteral("TunnelUsername")).toString();
        if (intValue(s.value(QStringLiteral("TunnelAuthentication"))) == 1)
            p.sshIdentityFile = s.value(QStringLiteral("TunnelIdentityFile")).toString();
        else
            c.note = QStringLiteral("SSH password authentication is not used by Strata: it tunnels with your SSH agent or keys");
    }
    p.colorTag = colorTagFromHint(p.group + QLatin1Char(' ') + p.name);
    c.source = QStringLiteral("Servers/%1").arg(key);
    return c;
}

/// DBeaver's connection types: "prod" and "dev" are built in; custom ones come with a name.
QString dbeaverColorTag(const QString &type, const QJsonObject &types)
{
    if (type == QLatin1String("prod"))
        return QStringLiteral("production");
    if (type == QLatin1String("dev"))
        return QStringLiteral("development");
    if (type == QLatin1String("test"))
        return QStringLiteral("test");
    return colorTagFromHint(types.value(type).toObject().value(QStringLiteral("name")).toString());
}

std::optional<ImportCandidate> dbeaverConnection(const QString &key, const QJsonObject &c, const QJsonObject &types,
                                                 QStringList &warnings)
{
    const QString provider = c.value(QStringLiteral("provider")).toString();
    const QJsonObject cfg = c.value(QStringLiteral("configuration")).toObject();
    ImportCandidate cand;
    ConnectionProfile &p = cand.profile;
    if (provider == QLatin1String("postgresql")) {
        p.driver = DialectKind::Postgres;
        p.host = cfg.value(QStringLiteral("host")).toString();
        p.port = intValue(cfg.value(QStringLiteral("port")));
        p.database = cfg.value(QStringLiteral("database")).toString();
        p.user = cfg.value(QStringLiteral("user")).toString();
    } else if (provider == QLatin1String("sqlite")
               || (provider == QLatin1String("generic")
                   && cfg.value(QStringLiteral("url")).toString().startsWith(QLatin1String("jdbc:sqlite:")))) {
        p.driver = DialectKind::Sqlite;
        p.filePath = cfg.value(QStringLiteral("database")).toString();
        if (p.filePath.isEmpty())
            p.filePath = cfg.value(QStringLiteral("url")).toString().mid(int(qstrlen("jdbc:sqlite:")));
    } else {
        warnings << QStringLiteral("%1: %2 connections are not supported, skipped").arg(key, provider);
        return std::nullopt;
    }
    p.name = c.value(QStringLiteral("name")).toString();
    p.group = c.value(QStringLiteral("folder")).toString();
    p.readOnly = c.value(QStringLiteral("read-only")).toBool();
    p.notes = c.value(QStringLiteral("description")).toString();
    p.colorTag = dbeaverColorTag(cfg.value(QStringLiteral("type")).toString(), types);
    const QJsonObject handlers = cfg.value(QStringLiteral("handlers")).toObject();
    const QJsonObject ssh = handlers.value(QStringLiteral("ssh_tunnel")).toObject();
    if (p.isPostgres() && ssh.value(QStringLiteral("enabled")).toBool()) {
        const QJsonObject props = ssh.value(QStringLiteral("properties")).toObject();
        p.sshHost = props.value(QStringLiteral("host")).toString();
        p.sshPort = intValue(props.value(QStringLiteral("port")));
        p.sshUser = ssh.value(QStringLiteral("user")).toString();
        if (p.sshUser.isEmpty())
            p.sshUser = props.value(QStringLiteral("user")).toString();
        p.sshIdentityFile = props.value(QStringLiteral("keyPath")).toString();
        if (props.value(QStringLiteral("authType")).toString() == QLatin1String("PASSWORD"))
            cand.note = QStringLiteral("SSH password authentication is not used by Strata: it tunnels with your SSH agent or keys");
    }
    cand.source = key;
    return cand;
}

} // namespace

Result<ImportResult> importDotEnv(const QString &path, const QString &baseDir)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return Error(file.exists() ? ErrorKind::Io : ErrorKind::NotFound, QStringLiteral("Cannot read %1: %2").arg(path, file.errorString()))
            .withField(QStringLiteral("file"));
    ImportResult result;
    const QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'));
    for (qsizetype i = 0; i < lines.size(); ++i) {
        QString line = lines.at(i).trimmed();
        if (line.startsWith(QLatin1String("export ")))
            line = line.mid(7).trimmed();
        const qsizetype eq = line.indexOf(QLatin1Char('='));
        if (line.startsWith(QLatin1Char('#')) || eq <= 0)
            continue;
        const QString key = line.left(eq).trimmed();
        if (key != QLatin1String("DATABASE_URL") && !key.endsWith(QLatin1String("_DATABASE_URL")))
            continue;
        const Result<ConnectionSpec> spec = parseConnectionString(dotEnvValue(line.mid(eq + 1)), baseDir);
        if (!spec) {
            result.warnings << QStringLiteral("line %1 (%2): %3").arg(i + 1).arg(key, spec.error().message);
            continue;
        }
        ImportCandidate c;
        c.profile = spec->profile;
        c.profile.name = key;
        c.password = spec->password;
        c.source = QStringLiteral("%1 (line %2)").arg(key).arg(i + 1);
        result.candidates.append(c);
    }
    return result;
}

Result<ImportResult> importPgAdminServers(const QByteArray &json)
{
    const Result<QJsonObject> root = parseObject(json, QStringLiteral("The pgAdmin export"));
    if (!root)
        return root.error();
    if (!root->value(QStringLiteral("Servers")).isObject())
        return Error(ErrorKind::Syntax, QStringLiteral("This JSON is not a pgAdmin servers export (no \"Servers\" object)."));
    const QJsonObject servers = root->value(QStringLiteral("Servers")).toObject();
    ImportResult result;
    for (auto it = servers.begin(); it != servers.end(); ++it)
        result.candidates.append(pgAdminServer(it.key(), it.value().toObject()));
    return result;
}

Result<ImportResult> importDBeaverDataSources(const QByteArray &json)
{
    const Result<QJsonObject> root = parseObject(json, QStringLiteral("The DBeaver data sources file"));
    if (!root)
        return root.error();
    if (!root->value(QStringLiteral("connections")).isObject())
        return Error(ErrorKind::Syntax, QStringLiteral("This JSON is not a DBeaver data-sources.json (no \"connections\" object)."));
    const QJsonObject connections = root->value(QStringLiteral("connections")).toObject();
    const QJsonObject types = root->value(QStringLiteral("connection-types")).toObject();
    ImportResult result;
    for (auto it = connections.begin(); it != connections.end(); ++it)
        if (auto c = dbeaverConnection(it.key(), it.value().toObject(), types, result.warnings))
            result.candidates.append(*c);
    return result;
}

} // namespace strata::connection
