// libFuzzer target: the pg_service.conf reader (connection/serviceimport.cpp):
// importServiceFile, the services offered as profiles, and resolveService, a profile's
// service= filled in from the file. The input is the file.
// Properties: messages and warnings are capped; every service the import offers resolves
// (through PGSERVICEFILE) to the same fields as its candidate; and a keyword given twice in
// a service takes its first value, as libpq's parseServiceFile does ("don't override any
// previous explicit setting"), in the import and in the resolution alike.

#include "fuzzsupport.h"

#include "connection/profileimport.h"

#include <QHash>
#include <QProcessEnvironment>
#include <QSet>

namespace {

using namespace strata;
using namespace strata::connection;

// The first value of each keyword of the first section named `name`, lines read as
// Strata reads them (in QIODevice::Text mode, which drops every CR; trimmed; [name];
// key=value), precedence as libpq has it.
QHash<QString, QString> firstValues(const QString &text, const QString &name)
{
    QHash<QString, QString> values;
    bool inside = false;
    for (const QString &raw : QString(text).remove(QLatin1Char('\r')).split(QLatin1Char('\n'))) {
        const QString line = raw.trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        if (line.startsWith(QLatin1Char('['))) {
            if (inside)
                break;
            inside = line.mid(1, line.size() - 2).trimmed() == name;
            continue;
        }
        const qsizetype eq = line.indexOf(QLatin1Char('='));
        if (inside && eq > 0 && !values.contains(line.left(eq).trimmed()))
            values.insert(line.left(eq).trimmed(), line.mid(eq + 1).trimmed());
    }
    return values;
}

QString fieldsOf(const ConnectionProfile &p)
{
    return QStringList{p.host, QString::number(p.port), p.database, p.user, p.sslMode, p.sslCert, p.sslKey,
                       p.sslRootCert, QString::number(p.connectTimeout), p.applicationName}
        .join(QStringLiteral(" | "));
}

void checkService(const QString &text, const ImportCandidate &candidate, const QString &path)
{
    QProcessEnvironment env;
    env.insert(QStringLiteral("PGSERVICEFILE"), path);
    env.insert(QStringLiteral("PGSYSCONFDIR"), QStringLiteral("/nonexistent/strata-fuzz"));
    ConnectionProfile asked;
    asked.driver = DialectKind::Postgres;
    asked.service = candidate.profile.name;
    const Result<ConnectionProfile> resolved = resolveService(asked, env);
    STRATA_FUZZ_CHECK(resolved.ok(), QStringLiteral("file [%1]\nservice [%2] offered but not resolved: %3")
                                         .arg(text, asked.service, resolved.ok() ? QString() : resolved.error().message));
    STRATA_FUZZ_CHECK(fieldsOf(*resolved) == fieldsOf(candidate.profile),
                      QStringLiteral("file [%1]\nservice [%2]\nresolved  %3\ncandidate %4")
                          .arg(text, asked.service, fieldsOf(*resolved), fieldsOf(candidate.profile)));
    const QHash<QString, QString> first = firstValues(text, asked.service);
    const std::pair<const char *, QString> fields[] = {
        {"host", resolved->host}, {"dbname", resolved->database}, {"user", resolved->user},
        {"sslcert", resolved->sslCert}, {"sslkey", resolved->sslKey}, {"sslrootcert", resolved->sslRootCert},
        {"application_name", resolved->applicationName}};
    for (const auto &[key, value] : fields) {
        const auto it = first.constFind(QLatin1String(key));
        if (it != first.constEnd())
            STRATA_FUZZ_CHECK(value == *it, QStringLiteral("file [%1]\nservice [%2]: %3 is [%4], its first value is [%5]")
                                                .arg(text, asked.service, QLatin1String(key), value, *it));
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const fuzz::ScratchFile scratch(QStringLiteral("pg_service.conf"));
    scratch.write(data, size);
    const QString text = fuzz::textOf(data, size);
    const Result<ImportResult> imported = importServiceFile(scratch.path());
    if (!imported) {
        fuzz::checkMessage(imported.error(), scratch.path().size());
        return 0;
    }
    for (const QString &warning : imported->warnings)
        fuzz::checkMessage(Error(ErrorKind::Syntax, warning), scratch.path().size());
    QSet<QString> seen;
    for (const ImportCandidate &c : imported->candidates) {
        STRATA_FUZZ_CHECK(c.profile.isPostgres(), c.source);
        if (seen.contains(c.profile.name) || c.profile.name.isEmpty())
            continue;   // libpq resolves a name to its first section
        seen.insert(c.profile.name);
        checkService(text, c, scratch.path());
    }
    return 0;
}
