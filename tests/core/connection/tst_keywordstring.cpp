#include "connection/connectionstring.h"
#include "profiletesting.h"
#include "support/testenvironment.h"

#include <QtTest>

using namespace strata;
using namespace strata::connection;
using namespace strata::test;
using namespace Qt::StringLiterals;

// libpq keyword/value strings: parsing through parseConnectionString, and toKeywordString.
class TestKeywordString : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void forms_data();
    void forms();
    void errors_data();
    void errors();
    void printed_data();
    void printed();
    void sqliteHasNoKeywordForm();
};

void TestKeywordString::forms_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<ConnectionProfile>("expected");
    QTest::addColumn<bool>("hasPassword");
    QTest::addColumn<QString>("password");
    auto row = [](const char *name, const char *text, const Pg &pg, const char *password = nullptr) {
        QTest::newRow(name) << QString::fromUtf8(text) << pg.p << (password != nullptr)
                            << QString::fromUtf8(password ? password : "");
    };
    row("issue example", "host=localhost port=5432 dbname=books user=postgres sslmode=disable",
        Pg().host(u"localhost"_s).port(5432).db(u"books"_s).user(u"postgres"_s).sslMode(u"disable"_s));
    row("single keyword", "dbname=books", Pg().db(u"books"_s));
    row("spaces around equals", "host = localhost  port= 5433 dbname =d",
        Pg().host(u"localhost"_s).port(5433).db(u"d"_s));
    row("tabs and newlines", "\thost=h\n dbname=d\r\n", Pg().host(u"h"_s).db(u"d"_s));
    row("quoted with space", "dbname='my books'", Pg().db(u"my books"_s));
    row("escaped quote", "user='o\\'brien'", Pg().user(u"o'brien"_s));
    row("escaped backslash", "password='a\\\\b'", Pg(), "a\\b");
    row("escaped other", "dbname='a\\b'", Pg().db(u"ab"_s));
    row("unquoted escaped space", "password=a\\ b", Pg(), "a b");
    row("unquoted escaped quote", "user=o\\'b", Pg().user(u"o'b"_s));
    row("trailing escaped space", "password=ab\\ ", Pg(), "ab ");
    row("unquoted quote inside", "user=o'b", Pg().user(u"o'b"_s));
    row("empty quoted", "host='' dbname=d", Pg().db(u"d"_s));
    row("empty password", "user=u password=''", Pg().user(u"u"_s), "");
    row("value after equals at end", "dbname=d host=", Pg().db(u"d"_s));
    row("equals in value", "options='-c search_path=app'", Pg().option(u"options"_s, u"-c search_path=app"_s));
    row("quotes touch next", "dbname='a'host=h", Pg().db(u"a"_s).host(u"h"_s));
    row("socket dir", "host=/var/run/postgresql port=5433", Pg().host(u"/var/run/postgresql"_s).port(5433));
    row("ipv6 host", "host=::1 dbname=d", Pg().host(u"::1"_s).db(u"d"_s));
    row("all known", "host=h port=1 dbname=d user=u password=p sslmode=verify-ca sslcert=/c sslkey=/k "
                     "sslrootcert=/r connect_timeout=9 application_name='my app' service=svc",
        Pg().host(u"h"_s).port(1).db(u"d"_s).user(u"u"_s).sslMode(u"verify-ca"_s).sslCert(u"/c"_s).sslKey(u"/k"_s)
            .sslRootCert(u"/r"_s).timeout(9).app(u"my app"_s).service(u"svc"_s), "p");
    row("unknown keywords kept", "host=h target_session_attrs=read-write keepalives=0 hostaddr=127.0.0.1",
        Pg().host(u"h"_s).option(u"target_session_attrs"_s, u"read-write"_s).option(u"keepalives"_s, u"0"_s)
            .option(u"hostaddr"_s, u"127.0.0.1"_s));
    row("last duplicate wins", "user=a user=b", Pg().user(u"b"_s));
    row("empty port is default", "port='' host=h", Pg().host(u"h"_s));
    row("unicode", "user=jürgen dbname='café ☕'", Pg().user(u"jürgen"_s).db(u"café ☕"_s));
    row("percent is literal", "dbname=100%25", Pg().db(u"100%25"_s));
    row("url in value", "dbname=postgresql://x", Pg().db(u"postgresql://x"_s));
    row("underscore keyword", "_x=1 host=h", Pg().host(u"h"_s).option(u"_x"_s, u"1"_s));
    // libpq skips spaces after '=', so the next word becomes the value.
    row("libpq takes next word", "host= dbname", Pg().host(u"dbname"_s));
}

void TestKeywordString::forms()
{
    QFETCH(QString, text);
    QFETCH(ConnectionProfile, expected);
    QFETCH(bool, hasPassword);
    QFETCH(QString, password);
    const auto spec = parseConnectionString(text, u"/base"_s);
    QVERIFY2(spec.ok(), qPrintable(spec.ok() ? QString() : spec.error().message));
    QCOMPARE(describe(spec->profile), describe(expected));
    QVERIFY(spec->profile == expected);
    QCOMPARE(spec->password.has_value(), hasPassword);
    if (hasPassword)
        QCOMPARE(*spec->password, password);
}

void TestKeywordString::errors_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("field");
    auto row = [](const char *name, const char *text, const char *field) {
        QTest::newRow(name) << QString::fromUtf8(text) << QString::fromUtf8(field);
    };
    row("unterminated quote", "host='h", "quote");
    row("unterminated after escape", "password='abc\\'", "quote");
    row("backslash at end in quotes", "password='abc\\", "quote");
    row("unterminated later", "host=h dbname='my db", "quote");
    row("missing equals", "host=h port 5432", "keyword");
    row("bare word at end", "host=h dbname", "keyword");
    row("value without keyword", "host=h =x", "keyword");
    row("dash in keyword", "host=h bad-key=1", "keyword");
    row("dot in keyword", "host=h a.b=1", "keyword");
    row("port letters", "host=h port=abc", "port");
    row("port too big", "host=h port=99999", "port");
    row("port zero", "port=0", "port");
    row("port next word", "host=h port= dbname=d", "port");
    row("sslmode bogus", "host=h sslmode=sometimes", "sslmode");
    row("sslmode case", "host=h sslmode=Require", "sslmode");
    row("timeout letters", "host=h connect_timeout=soon", "connect_timeout");
    row("timeout fraction", "host=h connect_timeout=1.5", "connect_timeout");
    row("timeout negative", "host=h connect_timeout=-1", "connect_timeout");
}

void TestKeywordString::errors()
{
    QFETCH(QString, text);
    QFETCH(QString, field);
    const auto spec = parseConnectionString(text);
    QVERIFY2(!spec.ok(), qPrintable(spec.ok() ? describe(spec->profile) : QString()));
    QCOMPARE(spec.error().kind, ErrorKind::Syntax);
    QCOMPARE(spec.error().field, field);
    QVERIFY(!spec.error().message.isEmpty());
}

void TestKeywordString::printed_data()
{
    QTest::addColumn<ConnectionProfile>("profile");
    QTest::addColumn<QString>("password"); // "<none>": no password
    QTest::addColumn<QString>("text");
    const QString none = u"<none>"_s;
    QTest::newRow("issue example")
        << Pg().host(u"localhost"_s).port(5432).db(u"books"_s).user(u"postgres"_s).sslMode(u"disable"_s).p << none
        << u"host=localhost port=5432 dbname=books user=postgres sslmode=disable"_s;
    QTest::newRow("quoting") << Pg().db(u"my books"_s).user(u"o'brien"_s).p << u"a\\b"_s
                             << u"dbname='my books' user='o\\'brien' password='a\\\\b'"_s;
    QTest::newRow("empty password") << Pg().user(u"u"_s).p << u""_s << u"user=u password=''"_s;
    QTest::newRow("everything")
        << Pg().host(u"/tmp"_s).port(5433).db(u"d"_s).user(u"u"_s).sslMode(u"require"_s).sslCert(u"/c"_s)
               .sslKey(u"/k"_s).sslRootCert(u"/r"_s).timeout(3).app(u"Strata"_s).service(u"s"_s)
               .option(u"options"_s, u"-c x=1"_s).option(u"target_session_attrs"_s, u"any"_s).p
        << none
        << u"host=/tmp port=5433 dbname=d user=u sslmode=require sslcert=/c sslkey=/k sslrootcert=/r "
           "connect_timeout=3 application_name=Strata service=s options='-c x=1' target_session_attrs=any"_s;
    QTest::newRow("empty option value") << Pg().option(u"passfile"_s, QString()).p << none << u"passfile=''"_s;
    QTest::newRow("empty profile") << Pg().p << none << QString();
}

void TestKeywordString::printed()
{
    QFETCH(ConnectionProfile, profile);
    QFETCH(QString, password);
    QFETCH(QString, text);
    const std::optional<QString> given = password == u"<none>"_s ? std::nullopt : std::optional<QString>(password);
    QCOMPARE(toKeywordString(profile, given, PasswordMode::Include), text);
    // Omit never prints a password, whatever it is.
    QVERIFY(!toKeywordString(profile, given).contains(u"password"_s));
}

void TestKeywordString::sqliteHasNoKeywordForm()
{
    ConnectionProfile p;
    p.filePath = u"/data/x.db"_s;
    QVERIFY(toKeywordString(p, u"pw"_s, PasswordMode::Include).isEmpty());
}

STRATA_TEST_MAIN(TestKeywordString)
#include "tst_keywordstring.moc"
