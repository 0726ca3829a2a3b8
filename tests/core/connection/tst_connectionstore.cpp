// Saved profiles: the round trip through QSettings and JSON (the files are read back to
// prove no password is in them), the schema version, and the store's edits.

#include "connection/connectionstore.h"
#include "connection/profileimport.h"
#include "profiletesting.h"
#include "support/testenvironment.h"

#include <QFile>
#include <QSignalSpy>
#include <QtTest>

using namespace strata;
using namespace strata::connection;

namespace {

const QString kSecret = QStringLiteral("Sup3r-s3cret-pw");

ConnectionProfile richPostgres()
{
    ConnectionProfile p = test::Pg().host(QStringLiteral("db.example.com")).port(6543).db(QStringLiteral("books"))
                              .user(QStringLiteral("alice")).sslMode(QStringLiteral("verify-full"))
                              .sslCert(QStringLiteral("/certs/client.crt")).sslKey(QStringLiteral("/certs/client.key"))
                              .sslRootCert(QStringLiteral("/certs/root.crt")).timeout(7).app(QStringLiteral("reports"))
                              .option(QStringLiteral("keepalives"), QStringLiteral("1")).p;
    p.name = QStringLiteral("Books (prod)");
    p.readOnly = true;
    p.colorTag = QStringLiteral("production");
    p.group = QStringLiteral("Customers/EU");
    p.notes = QStringLiteral("Ask Bob before\nwriting anything.");
    p.lastUsed = QDateTime(QDate(2024, 5, 1), QTime(12, 30, 15, 250), Qt::UTC);
    p.sshHost = QStringLiteral("bastion.example.com");
    p.sshPort = 2222;
    p.sshUser = QStringLiteral("ops");
    p.sshIdentityFile = QStringLiteral("/home/alice/.ssh/id_ed25519");
    p.sshJumpHost = QStringLiteral("jump@gw.example.com:22");
    return p;
}

ConnectionProfile sqliteProfile()
{
    ConnectionProfile p;
    p.driver = DialectKind::Sqlite;
    p.filePath = QStringLiteral("/data/app.db");
    p.createIfMissing = true;
    p.group = QStringLiteral("Local");
    return p;
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestConnectionStore : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void roundTripThroughSettingsHasNoPassword();
    void passwordOptionIsNeverSaved();
    void editsDuplicateRenameRemove();
    void newerSchemaIsReadButNotOverwritten();
    void jsonExportRoundTripsWithoutPassword();
    void jsonImportIgnoresPasswords();
    void jsonImportRejectsOtherJson();
    void urlListImport();
};

void TestConnectionStore::roundTripThroughSettingsHasNoPassword()
{
    const QString path = test::tempPath(QStringLiteral("settings.ini"));
    ConnectionProfile pg = richPostgres();
    ConnectionProfile lite = sqliteProfile();
    {
        QSettings settings(path, QSettings::IniFormat);
        ConnectionStore store(settings);
        QVERIFY(store.isEmpty());
        QSignalSpy changed(&store, &ConnectionStore::profilesChanged);
        QVERIFY(store.save(pg).ok());
        QVERIFY(store.save(lite).ok());
        QCOMPARE(changed.count(), 2);
        QVERIFY(!pg.id.isEmpty());
        QVERIFY(pg.created.isValid());
        QVERIFY(pg.id != lite.id);
    }
    QSettings settings(path, QSettings::IniFormat);
    QCOMPARE(settings.value(QStringLiteral("connections/schemaVersion")).toInt(), ConnectionStore::kSchemaVersion);
    ConnectionStore reread(settings);
    QCOMPARE(reread.profiles().size(), 2);
    const std::optional<ConnectionProfile> back = reread.profile(pg.id);
    QVERIFY(back.has_value());
    QCOMPARE(test::describe(*back), test::describe(pg));
    QCOMPARE(*back, pg);
    QCOMPARE(*reread.profile(lite.id), lite);
    // Sorted by group, then name.
    QCOMPARE(reread.profiles().first().id, pg.id);

    const QByteArray text = readFile(path);
    QVERIFY(text.contains("bastion.example.com"));
    QVERIFY(!text.toLower().contains("password"));
    QVERIFY(!text.contains(kSecret.toUtf8()));
}

void TestConnectionStore::passwordOptionIsNeverSaved()
{
    const QString path = test::tempPath(QStringLiteral("settings.ini"));
    QSettings settings(path, QSettings::IniFormat);
    ConnectionStore store(settings);
    ConnectionProfile p = test::Pg().host(QStringLiteral("h")).option(QStringLiteral("password"), kSecret).p;
    QVERIFY(store.save(p).ok());
    settings.sync();
    QVERIFY(!readFile(path).contains(kSecret.toUtf8()));
    const QByteArray json = exportProfilesJson({p});
    QVERIFY(!json.contains(kSecret.toUtf8()));
    QVERIFY(!json.toLower().contains("password"));

    // Found by fuzz_connectionurl: sslpassword, the client key's passphrase, was saved as
    // an option in plain text; passfile (a path) is no secret and stays.
    ConnectionProfile ssl = test::Pg().host(QStringLiteral("h")).option(QStringLiteral("sslpassword"), kSecret)
                                .option(QStringLiteral("passfile"), QStringLiteral("/home/a/.pgpass")).p;
    QVERIFY(store.save(ssl).ok());
    settings.sync();
    QVERIFY(!readFile(path).contains(kSecret.toUtf8()));
    QVERIFY(readFile(path).contains("/home/a/.pgpass"));
    QVERIFY(!exportProfilesJson({ssl}).contains(kSecret.toUtf8()));
    const ConnectionStore reread(settings);
    QVERIFY(reread.profile(ssl.id).has_value());
    QVERIFY(!reread.profile(ssl.id)->options.contains(QStringLiteral("sslpassword")));
}

void TestConnectionStore::editsDuplicateRenameRemove()
{
    const QString path = test::tempPath(QStringLiteral("settings.ini"));
    QSettings settings(path, QSettings::IniFormat);
    ConnectionStore store(settings);
    ConnectionProfile p = richPostgres();
    QVERIFY(store.save(p).ok());

    const Result<ConnectionProfile> copy = store.duplicate(p.id);
    QVERIFY(copy.ok());
    QVERIFY(copy->id != p.id);
    QCOMPARE(copy->name, QStringLiteral("Books (prod) (copy)"));
    QCOMPARE(copy->host, p.host);
    QVERIFY(!copy->lastUsed.isValid());

    QVERIFY(store.rename(copy->id, QStringLiteral("  Books staging ")).ok());
    QCOMPARE(store.profile(copy->id)->name, QStringLiteral("Books staging"));

    // A field cleared by an edit is gone from the file too.
    ConnectionProfile edited = *store.profile(p.id);
    edited.sshHost.clear();
    QVERIFY(store.save(edited).ok());
    QVERIFY(store.touch(p.id).ok());
    QVERIFY(store.profile(p.id)->lastUsed > p.lastUsed);
    {
        QSettings again(path, QSettings::IniFormat);
        ConnectionStore reread(again);
        QCOMPARE(reread.profile(p.id)->sshHost, QString());
        QCOMPARE(reread.profile(copy->id)->name, QStringLiteral("Books staging"));
    }

    QVERIFY(store.remove(copy->id).ok());
    QCOMPARE(store.remove(copy->id).error().kind, ErrorKind::NotFound);
    QCOMPARE(store.duplicate(QStringLiteral("nope")).error().kind, ErrorKind::NotFound);
    QSettings again(path, QSettings::IniFormat);
    QCOMPARE(ConnectionStore(again).profiles().size(), 1);
}

void TestConnectionStore::newerSchemaIsReadButNotOverwritten()
{
    const QString path = test::tempPath(QStringLiteral("settings.ini"));
    ConnectionProfile p = richPostgres();
    {
        QSettings settings(path, QSettings::IniFormat);
        ConnectionStore store(settings);
        QVERIFY(store.save(p).ok());
        // A future Strata bumped the version and added a field of its own.
        settings.setValue(QStringLiteral("connections/schemaVersion"), 2);
        settings.setValue(QStringLiteral("connections/v1/%1/futureField").arg(p.id), QStringLiteral("x"));
    }
    QSettings settings(path, QSettings::IniFormat);
    ConnectionStore store(settings);
    QCOMPARE(store.storedSchemaVersion(), 2);
    QVERIFY(!store.isWritable());
    QCOMPARE(store.profile(p.id)->host, p.host);   // read as far as understood
    ConnectionProfile other = sqliteProfile();
    const Status saved = store.save(other);
    QVERIFY(!saved.ok());
    QCOMPARE(saved.error().kind, ErrorKind::Unsupported);
    QVERIFY(saved.error().message.contains(QLatin1String("newer Strata")));
    QVERIFY(!store.remove(p.id).ok());
    QCOMPARE(settings.value(QStringLiteral("connections/schemaVersion")).toInt(), 2);
    QCOMPARE(settings.value(QStringLiteral("connections/v1/%1/futureField").arg(p.id)).toString(), QStringLiteral("x"));
}

void TestConnectionStore::jsonExportRoundTripsWithoutPassword()
{
    ConnectionProfile pg = richPostgres();
    pg.id = QStringLiteral("local-id");
    const QString path = test::tempPath(QStringLiteral("export.json"));
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(exportProfilesJson({pg, sqliteProfile()}));
    }
    const QByteArray json = readFile(path);
    QVERIFY(json.contains("\"strata-connections\""));
    QVERIFY(!json.toLower().contains("password"));
    QVERIFY(!json.contains("local-id"));   // ids belong to one store

    const Result<ImportResult> imported = importProfilesJson(json);
    QVERIFY(imported.ok());
    QCOMPARE(imported->candidates.size(), 2);
    QVERIFY(imported->warnings.isEmpty());
    ConnectionProfile expected = pg;
    expected.id.clear();
    QCOMPARE(test::describe(imported->candidates.at(0).profile), test::describe(expected));
    QCOMPARE(imported->candidates.at(0).profile, expected);
    QCOMPARE(imported->candidates.at(1).profile, sqliteProfile());
    QVERIFY(!imported->candidates.at(0).password.has_value());
}

void TestConnectionStore::jsonImportIgnoresPasswords()
{
    const QByteArray json = readFile(qEnvironmentVariable("STRATA_SOURCE_DIR")
                                     + QStringLiteral("/tests/core/connection/data/strata-export-with-password.json"));
    QVERIFY(!json.isEmpty());
    const Result<ImportResult> imported = importProfilesJson(json);
    QVERIFY(imported.ok());
    QCOMPARE(imported->candidates.size(), 1);
    const ImportCandidate &c = imported->candidates.first();
    QCOMPARE(c.profile.host, QStringLiteral("h.example.com"));
    QVERIFY(!c.password.has_value());
    QVERIFY(!c.profile.options.contains(QStringLiteral("password")));
    QCOMPARE(c.profile.options.value(QStringLiteral("keepalives")), QStringLiteral("1"));
    QCOMPARE(imported->warnings.size(), 1);
    QVERIFY(imported->warnings.first().contains(QLatin1String("password was ignored")));
}

void TestConnectionStore::jsonImportRejectsOtherJson()
{
    QCOMPARE(importProfilesJson("{not json").error().kind, ErrorKind::Syntax);
    QCOMPARE(importProfilesJson(R"({"Servers": {}})").error().kind, ErrorKind::Syntax);
    QCOMPARE(importProfilesJson(R"({"format": "strata-connections", "version": 9, "connections": []})").error().kind,
             ErrorKind::Unsupported);
}

void TestConnectionStore::urlListImport()
{
    const QByteArray text = readFile(qEnvironmentVariable("STRATA_SOURCE_DIR") + QStringLiteral("/tests/core/connection/data/urls.txt"));
    const ImportResult r = importUrlList(QString::fromUtf8(text), QStringLiteral("/tmp"));
    QCOMPARE(r.candidates.size(), 3);
    QCOMPARE(r.candidates.at(0).profile.host, QStringLiteral("db.example.com"));
    QCOMPARE(r.candidates.at(0).profile.sslMode, QStringLiteral("require"));
    QCOMPARE(r.candidates.at(0).password.value_or(QString()), QStringLiteral("secret"));
    QCOMPARE(r.candidates.at(0).source, QStringLiteral("line 2"));
    QCOMPARE(r.candidates.at(1).profile.port, 5433);
    QCOMPARE(r.candidates.at(1).profile.user, QStringLiteral("bob"));
    QVERIFY(r.candidates.at(2).profile.isSqlite());
    QCOMPARE(r.candidates.at(2).profile.filePath, QStringLiteral("/var/lib/app/app.db"));
    QCOMPARE(r.warnings.size(), 1);
    QVERIFY2(r.warnings.first().startsWith(QLatin1String("line 6:")), qPrintable(r.warnings.first()));
}

STRATA_TEST_MAIN(TestConnectionStore)
#include "tst_connectionstore.moc"
