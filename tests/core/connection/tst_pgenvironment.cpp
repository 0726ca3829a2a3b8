#include "connection/pgenvironment.h"
#include "profiletesting.h"
#include "support/testenvironment.h"

#include <QFile>
#include <QtTest>

using namespace strata;
using namespace strata::connection;
using namespace strata::test;
using namespace Qt::StringLiterals;

namespace {

QProcessEnvironment environment(const QStringList &assignments)
{
    QProcessEnvironment env;
    for (const QString &assignment : assignments) {
        const qsizetype eq = assignment.indexOf(u'=');
        env.insert(assignment.left(eq), assignment.mid(eq + 1));
    }
    return env;
}

constexpr QFileDevice::Permissions kOwnerReadWrite = QFileDevice::ReadOwner | QFileDevice::WriteOwner;

// Writes a password file with the given Unix mode (0600, 0644...).
QString writePgPass(const QString &content, int mode = 0600)
{
    const QString path = tempPath(u"pgpass"_s);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(path));
    file.write(content.toUtf8());
    file.close();
    QFileDevice::Permissions permissions;
    const std::pair<int, QFileDevice::Permission> bits[] = {
        {0400, QFileDevice::ReadOwner}, {0200, QFileDevice::WriteOwner}, {0100, QFileDevice::ExeOwner},
        {040, QFileDevice::ReadGroup}, {020, QFileDevice::WriteGroup}, {010, QFileDevice::ExeGroup},
        {04, QFileDevice::ReadOther}, {02, QFileDevice::WriteOther}, {01, QFileDevice::ExeOther}};
    for (const auto &[bit, permission] : bits) {
        if (mode & bit)
            permissions |= permission;
    }
    QFile::setPermissions(path, permissions);
    return path;
}

} // namespace

class TestPgEnvironment : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void defaults_data();
    void defaults();
    void defaultsWithoutUserVariables();
    void defaultsUseRealSocketDirectory();
    void passwordFile();
    void pgpass_data();
    void pgpass();
    void pgpassPermissions_data();
    void pgpassPermissions();
    void pgpassNotAFile();
    void pgpassMissing();
    void lookupOrder();
};

void TestPgEnvironment::defaults_data()
{
    QTest::addColumn<ConnectionProfile>("profile");
    QTest::addColumn<QStringList>("env");
    QTest::addColumn<bool>("socketExists");
    QTest::addColumn<ConnectionProfile>("expected");
    const QStringList user = {u"USER=alice"_s};
    // "SOCK" in an expected host stands for the test's socket directory.
    QTest::newRow("builtins with socket") << Pg().p << user << true
                                          << Pg().host(u"SOCK"_s).port(5432).user(u"alice"_s).db(u"alice"_s).p;
    QTest::newRow("builtins without socket") << Pg().p << user << false
                                             << Pg().host(u"localhost"_s).port(5432).user(u"alice"_s).db(u"alice"_s).p;
    QTest::newRow("logname") << Pg().p << QStringList{u"LOGNAME=bob"_s} << false
                             << Pg().host(u"localhost"_s).port(5432).user(u"bob"_s).db(u"bob"_s).p;
    QTest::newRow("user before logname") << Pg().p << QStringList{u"USER=alice"_s, u"LOGNAME=bob"_s} << false
                                         << Pg().host(u"localhost"_s).port(5432).user(u"alice"_s).db(u"alice"_s).p;
    const QStringList all = {u"USER=alice"_s, u"PGHOST=pg.example.com"_s, u"PGPORT=6543"_s,
                             u"PGDATABASE=envdb"_s, u"PGUSER=bob"_s, u"PGSSLMODE=require"_s,
                             u"PGCONNECT_TIMEOUT=7"_s, u"PGAPPNAME=envapp"_s};
    QTest::newRow("all variables") << Pg().p << all << true
                                   << Pg().host(u"pg.example.com"_s).port(6543).db(u"envdb"_s).user(u"bob"_s)
                                          .sslMode(u"require"_s).timeout(7).app(u"envapp"_s).p;
    const ConnectionProfile explicitProfile = Pg().host(u"h"_s).port(1).db(u"d"_s).user(u"u"_s).sslMode(u"disable"_s)
                                                  .timeout(2).app(u"a"_s).p;
    QTest::newRow("explicit beats variables") << explicitProfile << all << true << explicitProfile;
    QTest::newRow("pguser names the database") << Pg().host(u"h"_s).p << QStringList{u"USER=alice"_s, u"PGUSER=carol"_s}
                                               << true << Pg().host(u"h"_s).port(5432).user(u"carol"_s).db(u"carol"_s).p;
    QTest::newRow("explicit user names the database") << Pg().user(u"dave"_s).p << user << false
                                                      << Pg().host(u"localhost"_s).port(5432).user(u"dave"_s).db(u"dave"_s).p;
    QTest::newRow("pghost socket") << Pg().p << QStringList{u"USER=a"_s, u"PGHOST=/tmp"_s} << true
                                   << Pg().host(u"/tmp"_s).port(5432).user(u"a"_s).db(u"a"_s).p;
    QTest::newRow("empty variables are unset") << Pg().p << QStringList{u"USER=a"_s, u"PGHOST="_s, u"PGPORT="_s, u"PGUSER="_s}
                                               << false << Pg().host(u"localhost"_s).port(5432).user(u"a"_s).db(u"a"_s).p;
    QTest::newRow("invalid values ignored")
        << Pg().p << QStringList{u"USER=a"_s, u"PGPORT=abc"_s, u"PGSSLMODE=sometimes"_s, u"PGCONNECT_TIMEOUT=-3"_s}
        << false << Pg().host(u"localhost"_s).port(5432).user(u"a"_s).db(u"a"_s).p;
    QTest::newRow("port out of range ignored") << Pg().p << QStringList{u"USER=a"_s, u"PGPORT=70000"_s} << false
                                               << Pg().host(u"localhost"_s).port(5432).user(u"a"_s).db(u"a"_s).p;
    QTest::newRow("service left to libpq") << Pg().service(u"svc"_s).p << all << true << Pg().service(u"svc"_s).p;
    QTest::newRow("pgservice left to libpq") << Pg().db(u"d"_s).p << QStringList{u"PGSERVICE=svc"_s, u"PGHOST=h"_s}
                                             << true << Pg().db(u"d"_s).service(u"svc"_s).p;
    ConnectionProfile sqlite;
    sqlite.filePath = u"/data/x.db"_s;
    QTest::newRow("sqlite unchanged") << sqlite << all << true << sqlite;
}

void TestPgEnvironment::defaults()
{
    QFETCH(ConnectionProfile, profile);
    QFETCH(QStringList, env);
    QFETCH(bool, socketExists);
    QFETCH(ConnectionProfile, expected);
    const QString socketDir = QFileInfo(tempPath(u"sock"_s)).absolutePath() + u"/socketdir"_s;
    if (socketExists)
        QVERIFY(QDir().mkpath(socketDir));
    if (expected.host == u"SOCK"_s)
        expected.host = socketDir;
    const ConnectionProfile actual = withPgDefaults(profile, environment(env), socketDir);
    QCOMPARE(describe(actual), describe(expected));
    QVERIFY(actual == expected);
}

void TestPgEnvironment::defaultsWithoutUserVariables()
{
    // No USER or LOGNAME: the OS account name, which is never empty for a running process.
    const ConnectionProfile actual = withPgDefaults(Pg().p, QProcessEnvironment(), u"/nonexistent/dir"_s);
    QVERIFY(!actual.user.isEmpty());
    QCOMPARE(actual.database, actual.user);
    QCOMPARE(actual.host, u"localhost"_s);
}

void TestPgEnvironment::defaultsUseRealSocketDirectory()
{
    const ConnectionProfile actual = withPgDefaults(Pg().p, environment({u"USER=a"_s}));
    const bool exists = QFileInfo(u"/var/run/postgresql"_s).isDir();
    QCOMPARE(actual.host, exists ? u"/var/run/postgresql"_s : u"localhost"_s);
    QCOMPARE(defaultSocketDirectory(), u"/var/run/postgresql"_s);
}

void TestPgEnvironment::passwordFile()
{
    QCOMPARE(passwordFilePath(environment({u"HOME=/home/alice"_s})), u"/home/alice/.pgpass"_s);
    QCOMPARE(passwordFilePath(environment({u"HOME=/home/alice"_s, u"PGPASSFILE=/etc/pw"_s})), u"/etc/pw"_s);
    QCOMPARE(passwordFilePath(environment({u"HOME=/home/alice"_s, u"PGPASSFILE="_s})), u"/home/alice/.pgpass"_s);
    QCOMPARE(passwordFilePath(QProcessEnvironment()), QDir::homePath() + u"/.pgpass"_s);
}

void TestPgEnvironment::pgpass_data()
{
    QTest::addColumn<QString>("content");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("database");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("password"); // empty: no match
    auto row = [](const char *name, const char *content, const char *host, int port, const char *db,
                  const char *user, const char *password) {
        QTest::newRow(name) << QString::fromUtf8(content) << QString::fromUtf8(host) << port << QString::fromUtf8(db)
                            << QString::fromUtf8(user) << QString::fromUtf8(password);
    };
    row("exact", "h:5432:d:u:pw\n", "h", 5432, "d", "u", "pw");
    row("no newline at end", "h:5432:d:u:pw", "h", 5432, "d", "u", "pw");
    row("wrong host", "h:5432:d:u:pw\n", "other", 5432, "d", "u", "");
    row("wrong port", "h:5432:d:u:pw\n", "h", 5433, "d", "u", "");
    row("wrong database", "h:5432:d:u:pw\n", "h", 5432, "x", "u", "");
    row("wrong user", "h:5432:d:u:pw\n", "h", 5432, "d", "x", "");
    row("case matters", "H:5432:d:u:pw\n", "h", 5432, "d", "u", "");
    row("wildcard host", "*:5432:d:u:pw\n", "anything", 5432, "d", "u", "pw");
    row("wildcard port", "h:*:d:u:pw\n", "h", 6000, "d", "u", "pw");
    row("wildcard database", "h:5432:*:u:pw\n", "h", 5432, "any", "u", "pw");
    row("wildcard user", "h:5432:d:*:pw\n", "h", 5432, "d", "any", "pw");
    row("all wildcards", "*:*:*:*:pw\n", "h", 1, "d", "u", "pw");
    row("star is not a pattern", "h*:5432:d:u:pw\n", "hx", 5432, "d", "u", "");
    row("star inside field literal", "h*:5432:d:u:pw\n", "h*", 5432, "d", "u", "pw");
    row("escaped star is literal", "\\*:5432:d:u:pw\n", "x", 5432, "d", "u", "");
    row("first match wins", "*:*:*:*:first\nh:5432:d:u:second\n", "h", 5432, "d", "u", "first");
    row("specific first", "h:5432:d:u:specific\n*:*:*:*:general\n", "h", 5432, "d", "u", "specific");
    row("falls through to later", "x:5432:d:u:one\nh:5432:d:u:two\n", "h", 5432, "d", "u", "two");
    row("comments skipped", "# h:5432:d:u:commented\nh:5432:d:u:pw\n", "h", 5432, "d", "u", "pw");
    row("blank lines skipped", "\n\n\nh:5432:d:u:pw\n", "h", 5432, "d", "u", "pw");
    row("crlf", "# c\r\n\r\nh:5432:d:u:pw\r\n", "h", 5432, "d", "u", "pw");
    row("escaped colon in password", "h:5432:d:u:pa\\:ss\n", "h", 5432, "d", "u", "pa:ss");
    row("escaped backslash in password", "h:5432:d:u:a\\\\b\n", "h", 5432, "d", "u", "a\\b");
    row("password stops at colon", "h:5432:d:u:pw:extra\n", "h", 5432, "d", "u", "pw");
    row("trailing backslash kept", "h:5432:d:u:pw\\\n", "h", 5432, "d", "u", "pw\\");
    row("escaped colon in database", "h:5432:my\\:db:u:pw\n", "h", 5432, "my:db", "u", "pw");
    row("escaped backslash in user", "h:5432:d:dom\\\\u:pw\n", "h", 5432, "d", "dom\\u", "pw");
    // libpq compares character by character, so an unescaped ':' still matches a ':' in the value.
    row("unescaped colon matches too", "h:5432:my:db:u:pw\n", "h", 5432, "my:db", "u", "pw");
    row("too few fields", "h:5432:d\nh:5432:d:u:pw\n", "h", 5432, "d", "u", "pw");
    row("default port", "h:5432:d:u:pw\n", "h", 0, "d", "u", "pw");
    row("port compares as text", "h:05432:d:u:pw\n", "h", 5432, "d", "u", "");
    row("empty host is localhost", "localhost:5432:d:u:pw\n", "", 5432, "d", "u", "pw");
    row("default socket is localhost", "localhost:5432:d:u:pw\n", "/var/run/postgresql", 5432, "d", "u", "pw");
    row("localhost matches tcp", "localhost:5432:d:u:pw\n", "localhost", 5432, "d", "u", "pw");
    row("other socket not localhost", "localhost:5432:d:u:pw\n", "/tmp/sock", 5432, "d", "u", "");
    row("other socket by name", "/tmp/sock:5432:d:u:pw\n", "/tmp/sock", 5432, "d", "u", "pw");
    row("loopback address is not localhost", "localhost:5432:d:u:pw\n", "127.0.0.1", 5432, "d", "u", "");
    row("ipv6 host escaped", "\\:\\:1:5432:d:u:pw\n", "::1", 5432, "d", "u", "pw");
    row("unicode", "h:5432:café:jürgen:pässwörd\n", "h", 5432, "café", "jürgen", "pässwörd");
    row("empty password is none", "h:5432:d:u:\n*:*:*:*:later\n", "h", 5432, "d", "u", "");
    row("leading space is not comment", " # h:5432:d:u:x\nh:5432:d:u:pw\n", "h", 5432, "d", "u", "pw");
    row("empty file", "", "h", 5432, "d", "u", "");
}

void TestPgEnvironment::pgpass()
{
    QFETCH(QString, content);
    QFETCH(QString, host);
    QFETCH(int, port);
    QFETCH(QString, database);
    QFETCH(QString, user);
    QFETCH(QString, password);
    const QString path = writePgPass(content);
    const PasswordLookup found = lookupPgPass(path, host, port, database, user);
    QCOMPARE(found.warning, QString());
    QCOMPARE(found.password, password);
    QCOMPARE(found.source, password.isEmpty() ? PasswordSource::None : PasswordSource::PasswordFile);
    QCOMPARE(found.filePath, password.isEmpty() ? QString() : path);
}

void TestPgEnvironment::pgpassPermissions_data()
{
    QTest::addColumn<int>("mode");
    QTest::addColumn<bool>("used");
    QTest::addColumn<QString>("shown");
    QTest::newRow("0600") << 0600 << true << QString();
    QTest::newRow("0400") << 0400 << true << QString();
    QTest::newRow("0700") << 0700 << true << QString();
    QTest::newRow("0644") << 0644 << false << u"0644"_s;
    QTest::newRow("0640") << 0640 << false << u"0640"_s;
    QTest::newRow("0604") << 0604 << false << u"0604"_s;
    QTest::newRow("0660") << 0660 << false << u"0660"_s;
    QTest::newRow("0610") << 0610 << false << u"0610"_s;
    QTest::newRow("0601") << 0601 << false << u"0601"_s;
    QTest::newRow("0666") << 0666 << false << u"0666"_s;
}

void TestPgEnvironment::pgpassPermissions()
{
    QFETCH(int, mode);
    QFETCH(bool, used);
    QFETCH(QString, shown);
    const QString path = writePgPass(u"*:*:*:*:t0p-s3cret\n"_s, mode);
    const PasswordLookup found = lookupPgPass(path, u"h"_s, 5432, u"d"_s, u"u"_s);
    QCOMPARE(found.source, used ? PasswordSource::PasswordFile : PasswordSource::None);
    QCOMPARE(found.password, used ? u"t0p-s3cret"_s : QString());
    QCOMPARE(found.warning.isEmpty(), used);
    if (!used) {
        QVERIFY2(found.warning.contains(shown), qPrintable(found.warning));
        QVERIFY2(found.warning.contains(path), qPrintable(found.warning));
        QVERIFY(!found.warning.contains(u"s3cret"_s));
    }
    QFile::setPermissions(path, kOwnerReadWrite);
}

void TestPgEnvironment::pgpassNotAFile()
{
    const QString dir = tempPath(u"pgpass-dir"_s);
    QVERIFY(QDir().mkpath(dir));
    const PasswordLookup found = lookupPgPass(dir, u"h"_s, 5432, u"d"_s, u"u"_s);
    QCOMPARE(found.source, PasswordSource::None);
    QVERIFY2(found.warning.contains(u"not a plain file"_s), qPrintable(found.warning));
}

void TestPgEnvironment::pgpassMissing()
{
    const PasswordLookup missing = lookupPgPass(tempPath(u"no-such-file"_s), u"h"_s, 5432, u"d"_s, u"u"_s);
    QCOMPARE(missing.source, PasswordSource::None);
    QCOMPARE(missing.warning, QString());
    const PasswordLookup empty = lookupPgPass(QString(), u"h"_s, 5432, u"d"_s, u"u"_s);
    QCOMPARE(empty.source, PasswordSource::None);
    QCOMPARE(empty.warning, QString());
}

void TestPgEnvironment::lookupOrder()
{
    const ConnectionProfile profile = Pg().host(u"h"_s).port(5432).db(u"d"_s).user(u"u"_s).p;
    const QString file = writePgPass(u"h:5432:d:u:from-file\n"_s);
    const QString home = QFileInfo(tempPath(u"x"_s)).absolutePath();
    QVERIFY(QFile::copy(file, home + u"/.pgpass"_s));
    QFile::setPermissions(home + u"/.pgpass"_s, kOwnerReadWrite);

    PasswordLookup found = lookupPassword(profile, environment({u"PGPASSWORD=from-env"_s, u"PGPASSFILE="_s + file}));
    QCOMPARE(found.source, PasswordSource::Environment);
    QCOMPARE(found.password, u"from-env"_s);
    QCOMPARE(found.filePath, QString());

    found = lookupPassword(profile, environment({u"PGPASSWORD="_s, u"PGPASSFILE="_s + file}));
    QCOMPARE(found.source, PasswordSource::PasswordFile);
    QCOMPARE(found.password, u"from-file"_s);
    QCOMPARE(found.filePath, file);

    found = lookupPassword(profile, environment({u"HOME="_s + home}));
    QCOMPARE(found.source, PasswordSource::PasswordFile);
    QCOMPARE(found.filePath, home + u"/.pgpass"_s);

    found = lookupPassword(Pg().host(u"other"_s).port(5432).db(u"d"_s).user(u"u"_s).p, environment({u"HOME="_s + home}));
    QCOMPARE(found.source, PasswordSource::None);
    QCOMPARE(found.password, QString());

    found = lookupPassword(profile, environment({u"HOME="_s + home + u"/nowhere"_s}));
    QCOMPARE(found.source, PasswordSource::None);
    QCOMPARE(found.warning, QString());
}

STRATA_TEST_MAIN(TestPgEnvironment)
#include "tst_pgenvironment.moc"
