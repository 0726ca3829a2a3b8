// pg_service.conf (https://www.postgresql.org/docs/current/libpq-pgservice.html) and
// ~/.pgpass as sources of profiles; resolving a profile's `service=` into its fields.

#include "connectionstring_p.h"
#include "profileimport.h"

#include "base/quotedtext.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSet>

namespace strata::connection {

namespace {

struct ServiceSection {
    QString name;
    int line = 0;
    QList<std::pair<QString, QString>> keywords;
};

QString envOr(const QProcessEnvironment &env, const char *name, const QString &fallback)
{
    const QString value = env.value(QLatin1String(name));
    return value.isEmpty() ? fallback : value;
}

Result<QStringList> readLines(const QString &path)
{
    QFile file(path);
    if (!file.exists())
        return Error(ErrorKind::NotFound, QStringLiteral("The file %1 does not exist.").arg(path)).withField(QStringLiteral("file"));
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return Error(ErrorKind::Io, QStringLiteral("Cannot read %1: %2").arg(path, file.errorString())).withField(QStringLiteral("file"));
    return QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'));
}

/// The sections of a service file, as libpq reads them (keywords before any section are an
/// error there too).
Result<QList<ServiceSection>> parseServiceFile(const QString &path)
{
    const Result<QStringList> lines = readLines(path);
    if (!lines)
        return lines.error();
    QList<ServiceSection> sections;
    for (qsizetype i = 0; i < lines->size(); ++i) {
        const QString line = lines->at(i).trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        if (line.startsWith(QLatin1Char('['))) {
            if (!line.endsWith(QLatin1Char(']')))
                return Error(ErrorKind::Syntax, QStringLiteral("%1 line %2: a section name must end with ']'.").arg(path).arg(i + 1))
                    .withField(QStringLiteral("line"));
            sections.append(ServiceSection{line.mid(1, line.size() - 2).trimmed(), int(i + 1), {}});
            continue;
        }
        const qsizetype eq = line.indexOf(QLatin1Char('='));
        if (eq <= 0 || sections.isEmpty())
            return Error(ErrorKind::Syntax, QStringLiteral("%1 line %2: expected [service] or keyword=value.").arg(path).arg(i + 1))
                .withField(QStringLiteral("line"));
        sections.last().keywords.append({line.left(eq).trimmed(), line.mid(eq + 1).trimmed()});
    }
    return sections;
}

/// A section's keywords as a spec; bad values (a port that is not a number) are reported.
/// A keyword given twice keeps its first value, as libpq's parseServiceFile does ("don't
/// override any previous explicit setting").
Result<ConnectionSpec> sectionSpec(const ServiceSection &section, const QString &path)
{
    ConnectionSpec spec;
    spec.profile.driver = DialectKind::Postgres;
    QSet<QString> given;
    for (const auto &[key, value] : section.keywords) {
        if (given.contains(key))
            continue;
        given.insert(key);
        if (Status s = detail::applyPgKeyword(spec, key, value); !s) {
            Error e = s.error();
            e.message = QStringLiteral("%1 [%2]: %3").arg(path, section.name, e.message);
            return e;
        }
    }
    return spec;
}

/// Fills the empty fields of `target` from `from` (libpq: explicit settings win).
void fillEmpty(ConnectionProfile &target, const ConnectionProfile &from)
{
    auto fill = [](QString &field, const QString &value) {
        if (field.isEmpty())
            field = value;
    };
    fill(target.host, from.host);
    if (target.port == 0)
        target.port = from.port;
    fill(target.database, from.database);
    fill(target.user, from.user);
    fill(target.sslMode, from.sslMode);
    fill(target.sslCert, from.sslCert);
    fill(target.sslKey, from.sslKey);
    fill(target.sslRootCert, from.sslRootCert);
    if (target.connectTimeout == 0)
        target.connectTimeout = from.connectTimeout;
    fill(target.applicationName, from.applicationName);
    for (auto it = from.options.cbegin(); it != from.options.cend(); ++it)
        if (!target.options.contains(it.key()))
            target.options.insert(it.key(), it.value());
}

/// Splits a .pgpass line into its five fields, unescaping '\:' and '\\'.
QStringList pgpassFields(const QString &line)
{
    QStringList fields(1);
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line.at(i);
        if (c == QLatin1Char('\\') && i + 1 < line.size())
            fields.last() += line.at(++i);
        else if (c == QLatin1Char(':') && fields.size() < 5)
            fields.append(QString());
        else
            fields.last() += c;
    }
    return fields;
}

} // namespace

QString serviceFilePath(const QProcessEnvironment &env)
{
    const QString explicitFile = env.value(QStringLiteral("PGSERVICEFILE"));
    if (!explicitFile.isEmpty())
        return explicitFile;
    return envOr(env, "HOME", QDir::homePath()) + QStringLiteral("/.pg_service.conf");
}

QString systemServiceFilePath(const QProcessEnvironment &env)
{
    return envOr(env, "PGSYSCONFDIR", QStringLiteral("/etc/postgresql-common")) + QStringLiteral("/pg_service.conf");
}

Result<ImportResult> importServiceFile(const QString &path)
{
    const Result<QList<ServiceSection>> sections = parseServiceFile(path);
    if (!sections)
        return sections.error();
    ImportResult result;
    QSet<QString> seen;   // libpq reads the first section of a name only (resolveService too)
    for (const ServiceSection &section : sections.value()) {
        if (seen.contains(section.name)) {
            result.warnings << QStringLiteral("%1 line %2: a second [%3] section; libpq only reads the first.")
                                   .arg(path).arg(section.line).arg(quotedInput(section.name));
            continue;
        }
        seen.insert(section.name);
        const Result<ConnectionSpec> spec = sectionSpec(section, path);
        if (!spec) {
            result.warnings << spec.error().message;
            continue;
        }
        ImportCandidate c;
        c.profile = spec->profile;
        c.profile.name = section.name;
        c.password = spec->password;
        c.source = QStringLiteral("[%1] (line %2)").arg(section.name).arg(section.line);
        result.candidates.append(c);
    }
    return result;
}

Result<ConnectionProfile> resolveService(const ConnectionProfile &profile, const QProcessEnvironment &env)
{
    if (!profile.isPostgres() || profile.service.isEmpty())
        return profile;
    for (const QString &path : {serviceFilePath(env), systemServiceFilePath(env)}) {
        if (!QFileInfo::exists(path))
            continue;
        const Result<QList<ServiceSection>> sections = parseServiceFile(path);
        if (!sections)
            return sections.error();
        for (const ServiceSection &section : sections.value()) {
            if (section.name != profile.service)
                continue;
            const Result<ConnectionSpec> spec = sectionSpec(section, path);
            if (!spec)
                return spec.error();
            ConnectionProfile resolved = profile;
            fillEmpty(resolved, spec->profile);
            resolved.service.clear();
            return resolved;
        }
    }
    return Error(ErrorKind::NotFound, QStringLiteral("No service \"%1\" in %2 or %3.")
                                          .arg(profile.service, serviceFilePath(env), systemServiceFilePath(env)))
        .withField(QStringLiteral("service"));
}

Result<ImportResult> importPgPass(const QString &path)
{
    const Result<QStringList> lines = readLines(path);
    if (!lines)
        return lines.error();
    ImportResult result;
    QSet<QString> seen;
    for (qsizetype i = 0; i < lines->size(); ++i) {
        const QString line = lines->at(i).trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        const QStringList f = pgpassFields(line);
        if (f.size() < 5) {
            result.warnings << QStringLiteral("line %1: expected host:port:database:user:password").arg(i + 1);
            continue;
        }
        auto field = [&f](int n) { return f.at(n) == QLatin1String("*") ? QString() : f.at(n); };
        ImportCandidate c;
        c.profile.driver = DialectKind::Postgres;
        c.profile.host = field(0);
        c.profile.port = field(1).toInt();
        c.profile.database = field(2);
        c.profile.user = field(3);
        const QString key = QStringList{c.profile.host, field(1), c.profile.database, c.profile.user}.join(QLatin1Char(':'));
        if (seen.contains(key))
            continue;   // libpq uses the first match: a later duplicate adds nothing
        seen.insert(key);
        c.source = QStringLiteral("line %1").arg(i + 1);
        c.note = QStringLiteral("password in %1").arg(QDir::toNativeSeparators(path));
        result.candidates.append(c);
    }
    return result;
}

} // namespace strata::connection
