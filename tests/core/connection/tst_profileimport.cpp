// Importing profiles from the files people already have: pg_service.conf, .pgpass, a .env,
// pgAdmin's servers.json and DBeaver's data-sources.json (samples under data/).

#include "connection/profileimport.h"
#include "profiletesting.h"
#include "support/testenvironment.h"

#include <QDir>
#include <QFile>
#include <QtTest>

using namespace strata;
using namespace strata::connection;

namespace {

QString dataPath(const QString &name)
{
    return qEnvironmentVariable("STRATA_SOURCE_DIR") + QStringLiteral("/tests/core/connection/data/") + name;
}

QByteArray readData(const QString &name)
{
    QFile f(dataPath(name));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestProfileImport : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void serviceFile();
    void serviceFileErrors();
    void serviceResolvedFromUrl();
    void serviceKeywordGivenTwiceKeepsTheFirst();
    void serviceGivenTwiceOffersTheFirst();
    void pgpassEntries();
    void dotEnv();
    void pgAdminServers();
    void dbeaverDataSources();
    void wrongFormatsAreReported();
};

void TestProfileImport::serviceFile()
{
    const Result<ImportResult> r = importServiceFile(dataPath(QStringLiteral("pg_service.conf")));
    QVERIFY(r.ok());
    QCOMPARE(r->candidates.size(), 3);
    const ConnectionProfile &books = r->candidates.at(0).profile;
    QCOMPARE(books.name, QStringLiteral("books"));
    QVERIFY(books.isPostgres());
    QCOMPARE(books.host, QStringLiteral("db.example.com"));
    QCOMPARE(books.port, 6543);
    QCOMPARE(books.database, QStringLiteral("books"));
    QCOMPARE(books.user, QStringLiteral("alice"));
    QCOMPARE(books.sslMode, QStringLiteral("verify-full"));
    QCOMPARE(books.sslRootCert, QStringLiteral("/etc/ssl/certs/books-ca.pem"));
    QCOMPARE(books.applicationName, QStringLiteral("books-report"));
    QCOMPARE(r->candidates.at(0).source, QStringLiteral("[books] (line 2)"));
    QCOMPARE(r->candidates.at(1).profile.host, QStringLiteral("/var/run/postgresql"));
    QCOMPARE(r->candidates.at(1).profile.connectTimeout, 3);
    // The password goes to the candidate, never into the profile.
    QCOMPARE(r->candidates.at(2).password.value_or(QString()), QStringLiteral("from-service-file"));
    QVERIFY(!r->candidates.at(2).profile.options.contains(QStringLiteral("password")));
}

void TestProfileImport::serviceFileErrors()
{
    QCOMPARE(importServiceFile(test::tempPath(QStringLiteral("missing.conf"))).error().kind, ErrorKind::NotFound);
    const QString bad = test::tempPath(QStringLiteral("bad.conf"));
    QFile f(bad);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("host=orphan\n[x]\n");
    f.close();
    const auto r = importServiceFile(bad);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().kind, ErrorKind::Syntax);
    QVERIFY(r.error().message.contains(QLatin1String("line 1")));
}

void TestProfileImport::serviceResolvedFromUrl()
{
    QProcessEnvironment env;
    env.insert(QStringLiteral("PGSERVICEFILE"), dataPath(QStringLiteral("pg_service.conf")));
    env.insert(QStringLiteral("PGSYSCONFDIR"), test::tempPath(QStringLiteral("nothing-here")));
    ConnectionProfile p = test::Pg().service(QStringLiteral("books")).db(QStringLiteral("books_archive")).p;
    const Result<ConnectionProfile> resolved = resolveService(p, env);
    QVERIFY(resolved.ok());
    QCOMPARE(resolved->host, QStringLiteral("db.example.com"));
    QCOMPARE(resolved->port, 6543);
    QCOMPARE(resolved->database, QStringLiteral("books_archive"));   // explicit settings win
    QCOMPARE(resolved->user, QStringLiteral("alice"));
    QCOMPARE(resolved->service, QString());

    // A system-wide file is the fallback, as in libpq.
    QProcessEnvironment sys;
    sys.insert(QStringLiteral("HOME"), test::homeDir());
    sys.insert(QStringLiteral("PGSYSCONFDIR"), QFileInfo(dataPath(QStringLiteral("pg_service.conf"))).absolutePath());
    QCOMPARE(resolveService(test::Pg().service(QStringLiteral("local")).p, sys)->database, QStringLiteral("scratch"));

    const auto missing = resolveService(test::Pg().service(QStringLiteral("nope")).p, env);
    QVERIFY(!missing.ok());
    QCOMPARE(missing.error().kind, ErrorKind::NotFound);
    QCOMPARE(missing.error().field, QStringLiteral("service"));
    // No service: unchanged.
    const ConnectionProfile plain = test::Pg().host(QStringLiteral("h")).p;
    QCOMPARE(*resolveService(plain, env), plain);
}

void TestProfileImport::serviceKeywordGivenTwiceKeepsTheFirst()
{
    // Found by fuzz_pgservice: the last value won, so Strata connected where psql would not.
    const QString path = test::tempPath(QStringLiteral("twice.conf"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("[s]\nhost=first.example.com\nport=5433\nhost=second.example.com\nport=6000\n");
    f.close();
    const Result<ImportResult> imported = importServiceFile(path);
    QVERIFY(imported.ok());
    QCOMPARE(imported->candidates.size(), 1);
    QCOMPARE(imported->candidates.first().profile.host, QStringLiteral("first.example.com"));
    QCOMPARE(imported->candidates.first().profile.port, 5433);
    QProcessEnvironment env;
    env.insert(QStringLiteral("PGSERVICEFILE"), path);
    env.insert(QStringLiteral("PGSYSCONFDIR"), test::tempPath(QStringLiteral("nothing-here")));
    const Result<ConnectionProfile> resolved = resolveService(test::Pg().service(QStringLiteral("s")).p, env);
    QVERIFY(resolved.ok());
    QCOMPARE(resolved->host, QStringLiteral("first.example.com"));
    QCOMPARE(resolved->port, 5433);
}

void TestProfileImport::serviceGivenTwiceOffersTheFirst()
{
    // Found by fuzz_pgservice: a second section of the same name was offered, though libpq
    // (and resolveService) only ever read the first: with the first one invalid, Strata
    // offered a profile that then failed to resolve.
    const QString path = test::tempPath(QStringLiteral("twice-sections.conf"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("[s]\nhost=first.example.com\n[t]\nhost=t.example.com\n[s]\nhost=second.example.com\n"
            "[bad]\nsslmode=verfull\n[bad]\nsslmode=require\n");
    f.close();
    const Result<ImportResult> imported = importServiceFile(path);
    QVERIFY(imported.ok());
    QCOMPARE(imported->candidates.size(), 2);
    QCOMPARE(imported->candidates.at(0).profile.name, QStringLiteral("s"));
    QCOMPARE(imported->candidates.at(0).profile.host, QStringLiteral("first.example.com"));
    QCOMPARE(imported->candidates.at(1).profile.name, QStringLiteral("t"));
    QCOMPARE(imported->warnings.size(), 3);   // the second [s], bad's sslmode, the second [bad]
    QVERIFY2(imported->warnings.at(0).contains(QStringLiteral("line 5")), qPrintable(imported->warnings.join(u'\n')));
    QProcessEnvironment env;
    env.insert(QStringLiteral("PGSERVICEFILE"), path);
    env.insert(QStringLiteral("PGSYSCONFDIR"), test::tempPath(QStringLiteral("nothing-here")));
    QVERIFY(!resolveService(test::Pg().service(QStringLiteral("bad")).p, env).ok());
}

void TestProfileImport::pgpassEntries()
{
    const Result<ImportResult> r = importPgPass(dataPath(QStringLiteral("pgpass")));
    QVERIFY(r.ok());
    QCOMPARE(r->candidates.size(), 3);   // the duplicate adds nothing
    const ConnectionProfile &first = r->candidates.at(0).profile;
    QCOMPARE(first.host, QStringLiteral("db.example.com"));
    QCOMPARE(first.port, 6543);
    QCOMPARE(first.user, QStringLiteral("alice"));
    QVERIFY(r->candidates.at(0).note.contains(QLatin1String("password in")));
    QCOMPARE(r->candidates.at(1).profile.host, QString());        // '*'
    QCOMPARE(r->candidates.at(1).profile.database, QString());
    QCOMPARE(r->candidates.at(1).profile.user, QStringLiteral("postgres"));
    QCOMPARE(r->candidates.at(2).profile.user, QStringLiteral("app:user"));   // '\:' unescaped
    for (const ImportCandidate &c : r->candidates) {
        QVERIFY(!c.password.has_value());
        QVERIFY(!test::describe(c.profile).contains(QLatin1String("s3cret")));
    }
    QCOMPARE(r->warnings.size(), 1);
}

void TestProfileImport::dotEnv()
{
    const Result<ImportResult> r = importDotEnv(dataPath(QStringLiteral("sample.env")), QStringLiteral("/srv/app"));
    QVERIFY(r.ok());
    QCOMPARE(r->candidates.size(), 2);
    const ImportCandidate &main = r->candidates.at(0);
    QCOMPARE(main.profile.name, QStringLiteral("DATABASE_URL"));
    QCOMPARE(main.profile.host, QStringLiteral("db.internal"));
    QCOMPARE(main.profile.port, 5433);
    QCOMPARE(main.profile.user, QStringLiteral("app"));
    QCOMPARE(main.profile.sslMode, QStringLiteral("require"));
    QCOMPARE(main.password.value_or(QString()), QStringLiteral("p@ss"));
    QVERIFY(r->candidates.at(1).profile.isSqlite());
    QCOMPARE(r->candidates.at(1).profile.filePath, QStringLiteral("/srv/app/data/analytics.db"));
    QCOMPARE(r->warnings.size(), 1);
    QVERIFY(r->warnings.first().contains(QLatin1String("BROKEN_DATABASE_URL")));
}

void TestProfileImport::pgAdminServers()
{
    const Result<ImportResult> r = importPgAdminServers(readData(QStringLiteral("pgadmin-servers.json")));
    QVERIFY(r.ok());
    QCOMPARE(r->candidates.size(), 2);
    const ConnectionProfile &prod = r->candidates.at(0).profile;
    QCOMPARE(prod.name, QStringLiteral("Production orders"));
    QCOMPARE(prod.group, QStringLiteral("Production"));
    QCOMPARE(prod.colorTag, QStringLiteral("production"));
    QCOMPARE(prod.host, QStringLiteral("orders.example.com"));
    QCOMPARE(prod.database, QStringLiteral("orders"));
    QCOMPARE(prod.user, QStringLiteral("reporter"));
    QCOMPARE(prod.sslMode, QStringLiteral("require"));
    QCOMPARE(prod.notes, QStringLiteral("Read replicas only"));
    const ConnectionProfile &dev = r->candidates.at(1).profile;
    QCOMPARE(dev.group, QString());   // pgAdmin's default "Servers" group
    QCOMPARE(dev.port, 5433);
    QCOMPARE(dev.sslMode, QStringLiteral("disable"));
    QCOMPARE(dev.connectTimeout, 7);
    QVERIFY(!dev.options.contains(QStringLiteral("passfile")));
    QCOMPARE(dev.sshHost, QStringLiteral("bastion.example.com"));
    QCOMPARE(dev.sshPort, 2222);
    QCOMPARE(dev.sshUser, QStringLiteral("alice"));
    QCOMPARE(dev.sshIdentityFile, QStringLiteral("/home/alice/.ssh/id_ed25519"));
    QCOMPARE(r->candidates.at(1).source, QStringLiteral("Servers/2"));
}

void TestProfileImport::dbeaverDataSources()
{
    const Result<ImportResult> r = importDBeaverDataSources(readData(QStringLiteral("dbeaver-data-sources.json")));
    QVERIFY(r.ok());
    QCOMPARE(r->candidates.size(), 2);
    const ConnectionProfile &pg = r->candidates.at(0).profile;
    QCOMPARE(pg.name, QStringLiteral("Customers (prod)"));
    QCOMPARE(pg.group, QStringLiteral("Customers"));
    QVERIFY(pg.readOnly);
    QCOMPARE(pg.colorTag, QStringLiteral("production"));
    QCOMPARE(pg.host, QStringLiteral("customers.example.com"));
    QCOMPARE(pg.port, 5432);
    QCOMPARE(pg.database, QStringLiteral("customers"));
    QCOMPARE(pg.sshHost, QStringLiteral("jump.example.com"));
    QCOMPARE(pg.sshPort, 22);
    QCOMPARE(pg.sshUser, QStringLiteral("alice"));
    QCOMPARE(pg.sshIdentityFile, QStringLiteral("/home/alice/.ssh/id_rsa"));
    const ConnectionProfile &lite = r->candidates.at(1).profile;
    QVERIFY(lite.isSqlite());
    QCOMPARE(lite.filePath, QStringLiteral("/home/alice/chinook.db"));
    QCOMPARE(lite.colorTag, QStringLiteral("development"));
    QCOMPARE(r->warnings.size(), 1);
    QVERIFY(r->warnings.first().contains(QLatin1String("mysql")));
}

void TestProfileImport::wrongFormatsAreReported()
{
    QCOMPARE(importPgAdminServers("[]").error().kind, ErrorKind::Syntax);
    QCOMPARE(importPgAdminServers(readData(QStringLiteral("dbeaver-data-sources.json"))).error().kind, ErrorKind::Syntax);
    QCOMPARE(importDBeaverDataSources(readData(QStringLiteral("pgadmin-servers.json"))).error().kind, ErrorKind::Syntax);
    QCOMPARE(importDBeaverDataSources("{oops").error().kind, ErrorKind::Syntax);
    QCOMPARE(importDotEnv(test::tempPath(QStringLiteral(".env")), QDir::tempPath()).error().kind, ErrorKind::NotFound);
    QCOMPARE(importPgPass(test::tempPath(QStringLiteral("pgpass"))).error().kind, ErrorKind::NotFound);
}

STRATA_TEST_MAIN(TestProfileImport)
#include "tst_profileimport.moc"
