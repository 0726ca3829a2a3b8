#include "connection/connectionstring.h"
#include "profiletesting.h"
#include "support/testenvironment.h"

#include <QRandomGenerator>
#include <QtTest>

using namespace strata;
using namespace strata::connection;
using namespace strata::test;
using namespace Qt::StringLiterals;

namespace {

const QString kBase = u"/base/dir"_s;

// "BASE/x" and "~/x" in expected paths stand for the base and the home directory.
QString expandExpected(const QString &path)
{
    if (path.startsWith(u"BASE/"_s))
        return kBase + path.mid(4);
    if (path.startsWith(u"~/"_s))
        return QDir::homePath() + path.mid(1);
    return path;
}

ConnectionProfile sqliteFile(const QString &path)
{
    ConnectionProfile p;
    p.filePath = path;
    return p;
}

} // namespace

class TestConnectionString : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void sqliteForms_data();
    void sqliteForms();
    void sqliteOptions();
    void defaultBaseDir();
    void postgresForms_data();
    void postgresForms();
    void errors_data();
    void errors();
    void literalNulRefused();
    void errorsNeverShowPassword();
    void errorsNeverShowASpecialPassword();
    void roundTrip_data();
    void roundTrip();
    void toUrlExact_data();
    void toUrlExact();
    void passwordOmitted();
    void secretOptionsOmitted();
    void mutatedInputsNeverCrash();
};

void TestConnectionString::sqliteForms_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("path"); // empty: in memory
    QTest::addColumn<bool>("readOnly");
    QTest::addColumn<bool>("create");
    auto row = [](const char *name, const char *text, const char *path, bool ro = false, bool create = false) {
        QTest::newRow(name) << QString::fromUtf8(text) << QString::fromUtf8(path) << ro << create;
    };
    row("url relative", "sqlite:///relative.db", "BASE/relative.db");
    row("url relative subdir", "sqlite:///data/x.db", "BASE/data/x.db");
    row("url relative dotdot", "sqlite:///sub/../x.db", "BASE/x.db");
    row("url absolute", "sqlite:////abs/path.db", "/abs/path.db");
    row("url memory empty", "sqlite://", "");
    row("url memory slash", "sqlite:///", "");
    row("url memory named", "sqlite:///:memory:", "");
    row("url pysqlite", "sqlite+pysqlite:///x.db", "BASE/x.db");
    row("url aiosqlite abs", "sqlite+aiosqlite:////abs/x.db", "/abs/x.db");
    row("url upper scheme", "SQLite:///x.db", "BASE/x.db");
    row("url mode ro", "sqlite:///x.db?mode=ro", "BASE/x.db", true);
    row("url mode rwc", "sqlite:////abs/x.db?mode=rwc", "/abs/x.db", false, true);
    row("url mode rw", "sqlite:///x.db?mode=rw", "BASE/x.db");
    row("url memory ro", "sqlite:///:memory:?mode=ro", "", true);
    row("url encoded space", "sqlite:///my%20books.db", "BASE/my books.db");
    row("url encoded hash", "sqlite:////abs/a%23b%3F.db", "/abs/a#b?.db");
    row("url encoded unicode", "sqlite:///caf%C3%A9.db", "BASE/café.db");
    row("url literal unicode", "sqlite:///café.db", "BASE/café.db");
    row("url tilde", "sqlite:///~/data/x.db", "~/data/x.db");
    row("bare", "books.db", "BASE/books.db");
    row("bare dot", "./x.db", "BASE/x.db");
    row("bare dotdot", "../x.db", "/base/x.db");
    row("bare absolute", "/abs/x.db", "/abs/x.db");
    row("bare tilde", "~/data/x.sqlite3", "~/data/x.sqlite3");
    row("bare spaces around", "  books.db\t", "BASE/books.db");
    row("bare with space", "my books.db", "BASE/my books.db");
    row("bare with colon via dot", "./backup:2024.db", "BASE/backup:2024.db");
    row("bare percent kept", "100%.db", "BASE/100%.db");
    row("bare memory", ":memory:", "");
    row("file relative", "file:x.db", "BASE/x.db");
    row("file absolute 3 slashes", "file:///abs/x.db", "/abs/x.db");
    row("file absolute 1 slash", "file:/abs/x.db", "/abs/x.db");
    row("file localhost", "file://localhost/abs/x.db", "/abs/x.db");
    row("file mode ro", "file:x.db?mode=ro", "BASE/x.db", true);
    row("file mode rwc", "file:///abs/x.db?mode=rwc", "/abs/x.db", false, true);
    row("file mode memory", "file:shared?mode=memory", "");
    row("file memory name", "file::memory:", "");
    row("file upper", "FILE:x.db", "BASE/x.db");
    row("file encoded", "file:my%20db.db", "BASE/my db.db");
    row("file fragment ignored", "file:x.db#part", "BASE/x.db");
    row("file last mode wins", "file:x.db?mode=ro&mode=rw", "BASE/x.db");
}

void TestConnectionString::sqliteForms()
{
    QFETCH(QString, text);
    QFETCH(QString, path);
    QFETCH(bool, readOnly);
    QFETCH(bool, create);
    const auto spec = parseConnectionString(text, kBase);
    QVERIFY2(spec.ok(), qPrintable(spec.ok() ? QString() : spec.error().message));
    ConnectionProfile expected = sqliteFile(expandExpected(path));
    expected.inMemory = path.isEmpty();
    expected.readOnly = readOnly;
    expected.createIfMissing = create;
    QCOMPARE(describe(spec->profile), describe(expected));
    QVERIFY(spec->profile == expected);
    QVERIFY(!spec->password);
}

void TestConnectionString::sqliteOptions()
{
    const auto spec = parseConnectionString(u"file:data.db?cache=shared&immutable=1&mode=ro"_s, kBase);
    QVERIFY(spec.ok());
    QCOMPARE(spec->profile.options.value(u"cache"_s), u"shared"_s);
    QCOMPARE(spec->profile.options.value(u"immutable"_s), u"1"_s);
    QVERIFY(!spec->profile.options.contains(u"mode"_s));
    QVERIFY(spec->profile.readOnly);
    // Options come back out through toUrl.
    const auto again = parseConnectionString(toUrl(spec->profile), kBase);
    QVERIFY(again.ok());
    QCOMPARE(describe(again->profile), describe(spec->profile));
}

void TestConnectionString::defaultBaseDir()
{
    const auto spec = parseConnectionString(u"relative.db"_s);
    QVERIFY(spec.ok());
    QCOMPARE(spec->profile.filePath, QDir::current().absoluteFilePath(u"relative.db"_s));
    const auto emptyBase = parseConnectionString(u"sqlite:///relative.db"_s, QString());
    QVERIFY(emptyBase.ok());
    QCOMPARE(emptyBase->profile.filePath, QDir::current().absoluteFilePath(u"relative.db"_s));
}

void TestConnectionString::postgresForms_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<ConnectionProfile>("expected");
    QTest::addColumn<bool>("hasPassword");
    QTest::addColumn<QString>("password");
    auto row = [](const char *name, const char *text, const Pg &pg, const char *password = nullptr) {
        QTest::newRow(name) << QString::fromUtf8(text) << pg.p << (password != nullptr)
                            << QString::fromUtf8(password ? password : "");
    };
    row("full", "postgresql://user:pass@host:5432/db?sslmode=require&connect_timeout=5&application_name=x",
        Pg().user(u"user"_s).host(u"host"_s).port(5432).db(u"db"_s).sslMode(u"require"_s).timeout(5).app(u"x"_s),
        "pass");
    row("postgres alias", "postgres://u@h/d", Pg().user(u"u"_s).host(u"h"_s).db(u"d"_s));
    row("psycopg2", "postgresql+psycopg2://u:p@h:5433/d", Pg().user(u"u"_s).host(u"h"_s).port(5433).db(u"d"_s), "p");
    row("psycopg", "postgresql+psycopg://h/d", Pg().host(u"h"_s).db(u"d"_s));
    row("pg8000", "postgresql+pg8000://h/d", Pg().host(u"h"_s).db(u"d"_s));
    row("asyncpg alias", "postgres+asyncpg://h/d", Pg().host(u"h"_s).db(u"d"_s));
    row("scheme case", "PostgreSQL://h/d", Pg().host(u"h"_s).db(u"d"_s));
    row("empty", "postgresql://", Pg());
    row("host only", "postgresql://h", Pg().host(u"h"_s));
    row("host slash", "postgresql://h/", Pg().host(u"h"_s));
    row("db only", "postgresql:///d", Pg().db(u"d"_s));
    row("user only", "postgresql://u@", Pg().user(u"u"_s));
    row("port only", "postgresql://:5433", Pg().port(5433));
    row("leading zero port", "postgresql://h:05432/d", Pg().host(u"h"_s).port(5432).db(u"d"_s));
    row("max port", "postgresql://h:65535", Pg().host(u"h"_s).port(65535));
    row("encoded parts", "postgresql://%75ser:p%40ss%3Aw%2Fd@h/my%20db",
        Pg().user(u"user"_s).host(u"h"_s).db(u"my db"_s), "p@ss:w/d");
    row("encoded utf8", "postgresql://J%C3%BCrgen@h/d%C3%A9", Pg().user(u"Jürgen"_s).host(u"h"_s).db(u"dé"_s));
    row("literal utf8", "postgresql://jürgen@h/dé", Pg().user(u"jürgen"_s).host(u"h"_s).db(u"dé"_s));
    row("raw at in password", "postgresql://u:p@ss@h/d", Pg().user(u"u"_s).host(u"h"_s).db(u"d"_s), "p@ss");
    // As libpq: the user info ends at an '@' before the first '/', also past a '?' or '#'.
    row("raw question mark in password", "postgresql://u:PW1?PW2@h/db", Pg().user(u"u"_s).host(u"h"_s).db(u"db"_s), "PW1?PW2");
    row("raw hash in password", "postgresql://u:a#b@h:5433/db?sslmode=disable",
        Pg().user(u"u"_s).host(u"h"_s).port(5433).db(u"db"_s).sslMode(u"disable"_s), "a#b");
    row("raw digits and question mark", "postgresql://u:5432?x@h/db", Pg().user(u"u"_s).host(u"h"_s).db(u"db"_s), "5432?x");
    row("at in query value", "postgresql://h/d?application_name=a@b", Pg().host(u"h"_s).db(u"d"_s).app(u"a@b"_s));
    row("sslpassword is a keyword", "postgresql://h?sslpassword=x", Pg().host(u"h"_s).option(u"sslpassword"_s, u"x"_s));
    row("empty password", "postgresql://u:@h/d", Pg().user(u"u"_s).host(u"h"_s).db(u"d"_s), "");
    row("plus stays plus", "postgresql://h/a+b", Pg().host(u"h"_s).db(u"a+b"_s));
    row("ipv6", "postgresql://[::1]/d", Pg().host(u"::1"_s).db(u"d"_s));
    row("ipv6 port", "postgresql://[::1]:5433/d", Pg().host(u"::1"_s).port(5433).db(u"d"_s));
    row("ipv6 full", "postgresql://u@[2001:db8::7]:6000", Pg().user(u"u"_s).host(u"2001:db8::7"_s).port(6000));
    row("ipv6 zone", "postgresql://[fe80::1%25eth0]/d", Pg().host(u"fe80::1%eth0"_s).db(u"d"_s));
    row("socket query", "postgresql:///d?host=/var/run/postgresql",
        Pg().host(u"/var/run/postgresql"_s).db(u"d"_s));
    row("socket query encoded", "postgresql://u@/d?host=%2Ftmp%2Fmy%20sock&port=5433",
        Pg().user(u"u"_s).host(u"/tmp/my sock"_s).port(5433).db(u"d"_s));
    row("socket as host", "postgresql://%2Fvar%2Frun%2Fpostgresql/db", Pg().host(u"/var/run/postgresql"_s).db(u"db"_s));
    row("socket as host port", "postgresql://%2ftmp:5433/db", Pg().host(u"/tmp"_s).port(5433).db(u"db"_s));
    row("query overrides", "postgresql://u@h:1/d?host=other&port=2&dbname=x&user=v",
        Pg().user(u"v"_s).host(u"other"_s).port(2).db(u"x"_s));
    row("query password", "postgresql://h/d?password=s%26cret", Pg().host(u"h"_s).db(u"d"_s), "s&cret");
    row("query password overrides", "postgresql://u:a@h?password=b", Pg().user(u"u"_s).host(u"h"_s), "b");
    row("query empty host", "postgresql://h/d?host=", Pg().db(u"d"_s));
    row("ssl files", "postgresql://h/d?sslmode=verify-full&sslcert=/c.crt&sslkey=/k.key&sslrootcert=/root.crt",
        Pg().host(u"h"_s).db(u"d"_s).sslMode(u"verify-full"_s).sslCert(u"/c.crt"_s).sslKey(u"/k.key"_s)
            .sslRootCert(u"/root.crt"_s));
    for (const char *mode : {"disable", "allow", "prefer", "require", "verify-ca", "verify-full"})
        row(qPrintable(u"sslmode "_s + QLatin1String(mode)), qPrintable(u"postgresql://h?sslmode="_s + QLatin1String(mode)),
            Pg().host(u"h"_s).sslMode(QLatin1String(mode)));
    row("ssl true", "postgresql://h/d?ssl=true", Pg().host(u"h"_s).db(u"d"_s).sslMode(u"require"_s));
    row("service", "postgresql://?service=mysvc", Pg().service(u"mysvc"_s));
    row("timeout zero", "postgresql://h?connect_timeout=0", Pg().host(u"h"_s));
    row("app encoded", "postgresql://h?application_name=my%20app&", Pg().host(u"h"_s).app(u"my app"_s));
    row("other keywords", "postgresql://h/d?target_session_attrs=read-write&options=-c%20search_path%3Dapp",
        Pg().host(u"h"_s).db(u"d"_s).option(u"target_session_attrs"_s, u"read-write"_s)
            .option(u"options"_s, u"-c search_path=app"_s));
    row("keepalives", "postgresql://h?keepalives=1&keepalives_idle=30",
        Pg().host(u"h"_s).option(u"keepalives"_s, u"1"_s).option(u"keepalives_idle"_s, u"30"_s));
    row("hostaddr", "postgresql://h?hostaddr=127.0.0.1", Pg().host(u"h"_s).option(u"hostaddr"_s, u"127.0.0.1"_s));
    row("last duplicate wins", "postgresql://h?sslmode=disable&sslmode=require", Pg().host(u"h"_s).sslMode(u"require"_s));
    row("double ampersand", "postgresql://h?sslmode=disable&&application_name=a",
        Pg().host(u"h"_s).sslMode(u"disable"_s).app(u"a"_s));
    row("value with equals", "postgresql://h?options=-c%20a=b", Pg().host(u"h"_s).option(u"options"_s, u"-c a=b"_s));
    row("surrounding spaces", "  postgresql://h/d  ", Pg().host(u"h"_s).db(u"d"_s));
}

void TestConnectionString::postgresForms()
{
    QFETCH(QString, text);
    QFETCH(ConnectionProfile, expected);
    QFETCH(bool, hasPassword);
    QFETCH(QString, password);
    const auto spec = parseConnectionString(text, kBase);
    QVERIFY2(spec.ok(), qPrintable(spec.ok() ? QString() : spec.error().message));
    QCOMPARE(describe(spec->profile), describe(expected));
    QVERIFY(spec->profile == expected);
    QCOMPARE(spec->password.has_value(), hasPassword);
    if (hasPassword)
        QCOMPARE(*spec->password, password);
}

void TestConnectionString::errors_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("field");
    QTest::addColumn<int>("kind");
    auto row = [](const char *name, const char *text, const char *field, ErrorKind kind = ErrorKind::Syntax) {
        QTest::newRow(name) << QString::fromUtf8(text) << QString::fromUtf8(field) << int(kind);
    };
    row("empty", "", "input");
    row("blank", "  \t ", "input");
    row("mysql", "mysql://u@h/d", "scheme");
    row("http", "http://example.com", "scheme");
    row("mongodb srv", "mongodb+srv://x", "scheme");
    row("empty driver suffix", "postgresql+://h", "scheme");
    row("file with driver", "file+x:a.db", "scheme");
    row("postgres without slashes", "postgresql:h/d", "scheme");
    row("sqlite without slashes", "sqlite:x.db", "scheme");
    row("colon file name", "backup:2024.db", "scheme");
    row("port letters", "postgresql://h:abc/d", "port");
    row("port zero", "postgresql://h:0/d", "port");
    row("port too big", "postgresql://h:65536/d", "port");
    row("port huge", "postgresql://h:99999999999999/d", "port");
    row("port empty", "postgresql://h:/d", "port");
    row("port negative", "postgresql://h:-1/d", "port");
    row("port plus", "postgresql://h:+5432/d", "port");
    row("port space", "postgresql://h: 5432/d", "port");
    row("ipv6 port empty", "postgresql://[::1]:/d", "port");
    row("query port", "postgresql://h/d?port=x", "port");
    row("query port zero", "postgresql://h/d?port=0", "port");
    row("bad escape user", "postgresql://u%zz@h/d", "percent-escape");
    row("truncated escape db", "postgresql://h/d%4", "percent-escape");
    row("lone percent db", "postgresql://h/100%", "percent-escape");
    row("bad escape host", "postgresql://%G0/d", "percent-escape");
    row("bad escape query", "postgresql://h/d?application_name=%G1", "percent-escape");
    row("bad escape query key", "postgresql://h/d?a%zz=1", "percent-escape");
    row("invalid utf8", "postgresql://u:%FF@h/d", "percent-escape");
    row("bad escape sqlite", "sqlite:///x%2.db", "percent-escape");
    row("bad escape file", "file:x%zz.db", "percent-escape");
    row("unterminated ipv6", "postgresql://[::1/d", "host");
    row("unterminated ipv6 port", "postgresql://[::1:5432", "host");
    row("junk after ipv6", "postgresql://[::1]x/d", "host");
    row("empty ipv6", "postgresql://[]/d", "host");
    row("bare ipv6", "postgresql://::1/d", "host");
    row("stray bracket", "postgresql://h]/d", "host");
    row("multi host", "postgresql://h1,h2/d", "host", ErrorKind::Unsupported);
    row("sqlite host", "sqlite://host/x.db", "host");
    row("sqlite two slashes", "sqlite://x.db", "host");
    row("file remote", "file://remote/x.db", "host");
    row("file empty", "file:", "path");
    row("sslmode bogus", "postgresql://h/d?sslmode=bogus", "sslmode");
    row("sslmode upper", "postgresql://h/d?sslmode=REQUIRE", "sslmode");
    row("timeout letters", "postgresql://h/d?connect_timeout=abc", "connect_timeout");
    row("timeout negative", "postgresql://h/d?connect_timeout=-5", "connect_timeout");
    row("timeout fraction", "postgresql://h/d?connect_timeout=1.5", "connect_timeout");
    row("timeout overflow", "postgresql://h/d?connect_timeout=99999999999", "connect_timeout");
    row("query no value", "postgresql://h/d?sslmode", "query");
    row("query no name", "postgresql://h/d?=x", "query");
    row("query bad name", "postgresql://h/d?bad%20key=1", "query");
    row("query dash name", "postgresql://h/d?bad-key=1", "query");
    row("ssl false", "postgresql://h/d?ssl=false", "query");
    row("sqlite mode bogus", "sqlite:///x.db?mode=bogus", "mode");
    row("file mode rwx", "file:x.db?mode=rwx", "mode");
    row("sqlite query no value", "sqlite:///x.db?mode", "query");
    row("sqlite user info", "sqlite://admin:pw@host/x.db", "host");
    row("Password keyword", "postgresql://h/d?Password=x", "password");
    row("passwd keyword", "host=h passwd=x", "password");
    row("nul in sqlite path", "sqlite:///nul%00tail.db", "path");
    row("nul in file uri", "file:a%00b.db", "path");
    row("nul in user", "postgresql://u%00x@h/d", "user");
    row("nul in password", "postgresql://u:p%00w@h/d", "password");
    row("nul in database", "postgresql://h/d%00b", "database");
    row("nul in host", "postgresql://h%00x/d", "host");
    row("nul in query host", "postgresql://h/d?host=a%00b", "host");
    row("nul in application_name", "postgresql://h/d?application_name=a%00b", "application_name");
    row("nul in other keyword", "postgresql://h/d?options=a%00b", "query");
}

void TestConnectionString::errors()
{
    QFETCH(QString, text);
    QFETCH(QString, field);
    QFETCH(int, kind);
    const auto spec = parseConnectionString(text, kBase);
    QVERIFY2(!spec.ok(), qPrintable(spec.ok() ? describe(spec->profile) : QString()));
    QCOMPARE(spec.error().field, field);
    QCOMPARE(int(spec.error().kind), kind);
    QVERIFY(!spec.error().message.isEmpty());
    if (text.contains(u"%00"_s))
        QVERIFY2(spec.error().message.contains(u" contains a NUL character (%00)"_s), qPrintable(spec.error().message));
}

// NUL characters given as such (a keyword string, a bare path) are refused as %00 is.
void TestConnectionString::literalNulRefused()
{
    const QChar nul(0);
    for (const QString &text : {u"host=h user=a"_s + nul + u"b"_s, u"host=h dbname='a"_s + nul + u"b'"_s,
                                u"dir/a"_s + nul + u"b.db"_s, u"host=h password=a"_s + nul + u"b"_s}) {
        const auto spec = parseConnectionString(text, kBase);
        QVERIFY2(!spec.ok(), qPrintable(QString(text).replace(nul, u"\\0"_s)));
        QVERIFY2(spec.error().message.contains(u" contains a NUL character"_s), qPrintable(spec.error().message));
    }
}

void TestConnectionString::errorsNeverShowPassword()
{
    const QStringList texts = {u"postgresql://u:s3cr%zzet@h/d"_s, u"postgresql://u:s3cr%E9t@h/d"_s,
                               u"postgresql://h/d?password=s3cr%zzet"_s, u"postgresql://u:s3cret@h:bad/d"_s,
                               u"postgresql://u:s3cret@h/d?sslmode=nope"_s, u"postgresql://u:s3cr/et@h/d"_s,
                               u"postgresql://u:s3:cr/et@h/d"_s, u"postgresql://u:s3cr,et/x@h/d"_s,
                               u"host=h password=my s3cret"_s, u"password=my s3-cret"_s,
                               u"host=h password='s3cret"_s,
                               // Found by fuzz_keywordstring: an empty value before the password
                               // (libpq then reads "password=..." as the port), or none at all.
                               u"host=h port= password=s3cret"_s, u"host=h port=password=s3cret"_s,
                               u"host=h sslmode= password=s3cret dbname=d"_s};
    for (const QString &text : texts) {
        const auto spec = parseConnectionString(text);
        QVERIFY2(!spec.ok(), qPrintable(text));
        QVERIFY2(!spec.error().message.contains(u"s3cr"_s), qPrintable(spec.error().message));
        QVERIFY2(!spec.error().detail.contains(u"s3cr"_s), qPrintable(spec.error().detail));
    }
}

// A password of every character that means something in a URL or a keyword string, written
// as typed in every place a user might put it: no error quotes it or a piece of it.
void TestConnectionString::errorsNeverShowASpecialPassword()
{
    const QString pw = u"Zq7:/?#[]@!$&'()*+,;=% \u00fc\u20acKx9"_s;
    const QStringList pieces = {pw, u"Zq7"_s, u"()*+"_s, u"\u00fc\u20acKx9"_s, u"% \u00fc"_s, u"!$&"_s};
    const QStringList texts = {
        u"postgresql://u:"_s + pw + u"@h/d"_s,
        u"postgresql://u:"_s + pw + u"@h:5432/d?sslmode=require"_s,
        u"postgresql://h/d?password="_s + pw,
        u"postgresql://h/d?sslmode=bogus&password="_s + pw,
        u"postgresql://h/d?Password="_s + pw,
        u"host=h password="_s + pw,
        u"host=h password='"_s + pw,
        u"sqlite://admin:"_s + pw + u"@host/x.db"_s,
        u"sqlite://:"_s + pw + u"@/x.db"_s,
    };
    for (const QString &text : texts) {
        const auto spec = parseConnectionString(text, kBase);
        if (spec.ok())
            continue;   // what parses is not in a message
        for (const QString &piece : pieces) {
            QVERIFY2(!spec.error().message.contains(piece), qPrintable(text + u" → "_s + spec.error().message));
            QVERIFY2(!spec.error().detail.contains(piece), qPrintable(text + u" → "_s + spec.error().detail));
        }
    }
}

void TestConnectionString::roundTrip_data()
{
    QTest::addColumn<ConnectionProfile>("profile");
    QTest::addColumn<bool>("hasPassword");
    QTest::addColumn<QString>("password");
    auto row = [](const char *name, const ConnectionProfile &p, const char *password = nullptr) {
        QTest::newRow(name) << p << (password != nullptr) << QString::fromUtf8(password ? password : "");
    };
    ConnectionProfile memory;
    memory.inMemory = true;
    ConnectionProfile readOnly = sqliteFile(u"/data/ro.db"_s);
    readOnly.readOnly = true;
    ConnectionProfile create = sqliteFile(u"/data/new.db"_s);
    create.createIfMissing = true;
    row("sqlite file", sqliteFile(u"/data/books.db"_s));
    row("sqlite special path", sqliteFile(u"/data/my #1 100% ?&=.db"_s));
    row("sqlite unicode path", sqliteFile(u"/data/café ☕/x.db"_s));
    row("sqlite memory", memory);
    row("sqlite read-only", readOnly);
    row("sqlite create", create);
    row("pg basic", Pg().host(u"db.example.com"_s).port(5433).db(u"books"_s).user(u"alice"_s).p, "s3cret");
    row("pg empty", Pg().p);
    row("pg host only", Pg().host(u"h"_s).p);
    row("pg port only", Pg().port(6000).p);
    row("pg password only", Pg().p, "pw");
    row("pg empty password", Pg().user(u"u"_s).p, "");
    row("pg special", Pg().host(u"h"_s).user(u"o'brien@corp:x/y"_s).db(u"my db/ü?#&=+%"_s).p,
        "p@ss:w/rd?#&= %+\\'\"");
    row("pg ipv6", Pg().host(u"::1"_s).port(5433).db(u"d"_s).p);
    row("pg ipv6 zone", Pg().host(u"fe80::1%eth0"_s).user(u"u"_s).p);
    row("pg socket", Pg().host(u"/var/run/postgresql"_s).port(5433).user(u"u"_s).db(u"d"_s).p);
    row("pg socket spaces", Pg().host(u"/tmp/my sock&dir"_s).db(u"d"_s).p, "x");
    row("pg ssl and more", Pg().host(u"h"_s).sslMode(u"verify-ca"_s).sslCert(u"/home/u/my cert.crt"_s)
                               .sslKey(u"/k.key"_s).sslRootCert(u"/root.crt"_s).timeout(7)
                               .app(u"Strata & co = 1+1"_s).p);
    row("pg service", Pg().service(u"my service"_s).p);
    row("pg options", Pg().host(u"h"_s).option(u"options"_s, u"-c search_path=app,public"_s)
                          .option(u"target_session_attrs"_s, u"read-write"_s).option(u"passfile"_s, u""_s).p);
    // Found by fuzz_connectionurl: without a database, an '@' in a query value was printed
    // as it is, and read back as the end of a user name.
    row("pg @ in a query value", Pg().option(u"options"_s, u"-c x%n3@1"_s).p);
    row("pg @ in a socket directory", Pg().host(u"/tmp/a@b"_s).p, "pw");
    row("pg @ in application_name", Pg().host(u"h"_s).app(u"me@host"_s).p);
}

void TestConnectionString::roundTrip()
{
    QFETCH(ConnectionProfile, profile);
    QFETCH(bool, hasPassword);
    QFETCH(QString, password);
    const std::optional<QString> given = hasPassword ? std::optional<QString>(password) : std::nullopt;
    const QString url = toUrl(profile, given, PasswordMode::Include);
    const auto spec = parseConnectionString(url, u"/elsewhere"_s);
    QVERIFY2(spec.ok(), qPrintable(url + u" → "_s + (spec.ok() ? QString() : spec.error().message)));
    QCOMPARE(describe(spec->profile), describe(profile));
    QVERIFY(spec->profile == profile);
    QCOMPARE(spec->password, given);
    if (profile.isPostgres()) {
        const QString keywords = toKeywordString(profile, given, PasswordMode::Include);
        if (keywords.isEmpty()) {
            QCOMPARE(describe(profile), describe(Pg().p)); // only the empty profile prints nothing
            return;
        }
        const auto fromKeywords = parseConnectionString(keywords);
        QVERIFY2(fromKeywords.ok(), qPrintable(keywords));
        QCOMPARE(describe(fromKeywords->profile), describe(profile));
        QCOMPARE(fromKeywords->password, given);
    }
}

void TestConnectionString::toUrlExact_data()
{
    QTest::addColumn<ConnectionProfile>("profile");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("url");
    ConnectionProfile memory;
    memory.inMemory = true;
    ConnectionProfile readOnly = sqliteFile(u"/abs/x.db"_s);
    readOnly.readOnly = true;
    const ConnectionProfile alice = Pg().user(u"alice"_s).host(u"db.example.com"_s).port(5433).db(u"books"_s)
                                        .sslMode(u"require"_s).timeout(5).app(u"strata"_s).p;
    QTest::newRow("sqlite abs") << sqliteFile(u"/abs/path.db"_s) << QString() << u"sqlite:////abs/path.db"_s;
    QTest::newRow("sqlite encoded") << sqliteFile(u"/a b/c#?.db"_s) << QString() << u"sqlite:////a%20b/c%23%3F.db"_s;
    QTest::newRow("sqlite memory") << memory << QString() << u"sqlite:///:memory:"_s;
    QTest::newRow("sqlite ro") << readOnly << QString() << u"sqlite:////abs/x.db?mode=ro"_s;
    QTest::newRow("pg") << alice << QString()
                        << u"postgresql://alice@db.example.com:5433/books?sslmode=require&connect_timeout=5&application_name=strata"_s;
    QTest::newRow("pg password") << Pg().user(u"u"_s).host(u"h"_s).p << u"p@ss:/"_s << u"postgresql://u:p%40ss%3A%2F@h"_s;
    QTest::newRow("pg ipv6") << Pg().host(u"::1"_s).port(5433).db(u"books"_s).p << QString()
                             << u"postgresql://[::1]:5433/books"_s;
    QTest::newRow("pg socket") << Pg().user(u"alice"_s).host(u"/var/run/postgresql"_s).db(u"books"_s).p << QString()
                               << u"postgresql://alice@/books?host=/var/run/postgresql"_s;
    QTest::newRow("pg empty") << Pg().p << QString() << u"postgresql://"_s;
    QTest::newRow("pg encoded db") << Pg().host(u"h"_s).db(u"my db/x"_s).p << QString() << u"postgresql://h/my%20db%2Fx"_s;
    QTest::newRow("pg option") << Pg().host(u"h"_s).option(u"options"_s, u"-c a=b"_s).p << QString()
                               << u"postgresql://h?options=-c%20a%3Db"_s;
}

void TestConnectionString::toUrlExact()
{
    QFETCH(ConnectionProfile, profile);
    QFETCH(QString, password);
    QFETCH(QString, url);
    const std::optional<QString> given = password.isEmpty() ? std::nullopt : std::optional<QString>(password);
    QCOMPARE(toUrl(profile, given, PasswordMode::Include), url);
}

void TestConnectionString::passwordOmitted()
{
    const ConnectionProfile p = Pg().user(u"alice"_s).host(u"h"_s).db(u"d"_s).p;
    const QString secret = u"s3cret"_s;
    QCOMPARE(toUrl(p, secret), u"postgresql://alice@h/d"_s);
    QCOMPARE(toUrl(p, secret, PasswordMode::Omit), u"postgresql://alice@h/d"_s);
    QCOMPARE(toKeywordString(p, secret), u"host=h dbname=d user=alice"_s);
    QCOMPARE(toUrl(p, std::nullopt, PasswordMode::Include), u"postgresql://alice@h/d"_s);
    QCOMPARE(toUrl(p, secret, PasswordMode::Include), u"postgresql://alice:s3cret@h/d"_s);
    const auto parsed = parseConnectionString(toUrl(p, secret));
    QVERIFY(parsed.ok());
    QVERIFY(!parsed->password);
}

void TestConnectionString::secretOptionsOmitted()
{
    // Found by fuzz_connectionurl: sslpassword (the client key's passphrase) was printed in
    // the URL shown in the tree, the dialog's preview and the clipboard.
    const auto parsed = parseConnectionString(u"postgresql://alice@h/d?sslpassword=k3yphrase&passfile=/p"_s);
    QVERIFY(parsed.ok());
    QCOMPARE(toUrl(parsed->profile), u"postgresql://alice@h/d?passfile=/p"_s);
    QCOMPARE(toKeywordString(parsed->profile), u"host=h dbname=d user=alice passfile=/p"_s);
    const QString full = toUrl(parsed->profile, std::nullopt, PasswordMode::Include);
    QCOMPARE(full, u"postgresql://alice@h/d?passfile=/p&sslpassword=k3yphrase"_s);
    QCOMPARE(parseConnectionString(full)->profile, parsed->profile);
    QVERIFY(toKeywordString(parsed->profile, std::nullopt, PasswordMode::Include).contains(u"sslpassword=k3yphrase"_s));
    // SQLite URI parameters named like a password, too.
    const auto lite = parseConnectionString(u"sqlite:////x.db?pwd=hunter22&cache=shared"_s);
    QVERIFY(lite.ok());
    QCOMPARE(toUrl(lite->profile), u"sqlite:////x.db?cache=shared"_s);
}

// Every prefix and many random single-character edits of valid strings: the parser must
// never crash, and whatever PostgreSQL profile it accepts must print and parse back to itself.
void TestConnectionString::mutatedInputsNeverCrash()
{
    const QStringList seeds = {
        u"postgresql://us%40er:p%3Ass@[::1]:5433/my%20db?sslmode=require&connect_timeout=5&options=-c%20x%3D1"_s,
        u"postgresql://%2Fvar%2Frun%2Fpostgresql/db?host=/tmp&application_name=a"_s,
        u"host=localhost port=5432 dbname='my db' user='o\\'b' password=a\\ b sslmode=disable"_s,
        u"file:///abs/x.db?mode=ro&cache=shared"_s, u"sqlite+pysqlite:////abs/x.db?mode=rwc"_s};
    const QString alphabet = u"%:/@[]?&='\\ +#,-0a9Fz~é"_s;
    QRandomGenerator random(20240611);
    int accepted = 0;
    for (const QString &seed : seeds) {
        QStringList inputs;
        for (qsizetype n = 0; n <= seed.size(); ++n)
            inputs << seed.left(n);
        for (int n = 0; n < 400; ++n) {
            QString mutated = seed;
            const auto at = qsizetype(random.bounded(int(mutated.size())));
            const QChar c = alphabet.at(random.bounded(int(alphabet.size())));
            switch (random.bounded(3)) {
            case 0: mutated[at] = c; break;
            case 1: mutated.insert(at, c); break;
            default: mutated.remove(at, 1); break;
            }
            inputs << mutated;
        }
        for (const QString &input : std::as_const(inputs)) {
            const auto spec = parseConnectionString(input, kBase);
            if (!spec.ok()) {
                QVERIFY2(!spec.error().field.isEmpty(), qPrintable(input));
                continue;
            }
            ++accepted;
            const QString url = toUrl(spec->profile, spec->password, PasswordMode::Include);
            const auto again = parseConnectionString(url, kBase);
            QVERIFY2(again.ok(), qPrintable(input + u" → "_s + url));
            QVERIFY2(again->profile == spec->profile, qPrintable(input + u" → "_s + url));
            QVERIFY2(again->password == spec->password, qPrintable(input + u" → "_s + url));
        }
    }
    QVERIFY(accepted > 100);
}

STRATA_TEST_MAIN(TestConnectionString)
#include "tst_connectionstring.moc"
