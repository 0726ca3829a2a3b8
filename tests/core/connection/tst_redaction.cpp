// redactSecrets(): the one function every message built from a connection string, an option
// or a driver's connection error passes through.

#include "connection/connectionstring.h"
#include "connection/redaction.h"
#include "support/testenvironment.h"

#include <QUrl>
#include <QtTest>

using namespace strata;
using namespace strata::connection;
using namespace Qt::StringLiterals;

namespace {

const QString kPassword = u"Zq7:/?#[]@!$&'()*+,;=% \u00fc\u20acKx9"_s;

} // namespace

class TestRedaction : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void secretsInEveryForm_data();
    void secretsInEveryForm();
    void eachUrlSpecialCharacter();
    void quotedSlicesAndShortSecrets();
    void quotedSliceWithALongPiece();
    void quotedSliceFullOfQuotes();
    void parsedSecrets();
    void errorFields();
};

void TestRedaction::secretsInEveryForm_data()
{
    QTest::addColumn<QString>("text");
    const QString encoded = QString::fromUtf8(QUrl::toPercentEncoding(kPassword));
    QTest::newRow("url encoded") << u"postgresql://u:"_s + encoded + u"@h/d"_s;
    QTest::newRow("url as typed") << u"postgresql://u:"_s + kPassword + u"@h/d"_s;
    QTest::newRow("url in an argument") << u"--url=postgresql://u:"_s + kPassword + u"@h/d"_s;
    QTest::newRow("query") << u"postgresql://u@h/d?password="_s + kPassword;
    QTest::newRow("query Password") << u"postgresql://u@h/d?a=b&Password="_s + encoded;
    QTest::newRow("keywords quoted") << u"host=h password='"_s + QString(kPassword).replace(u"'"_s, u"\\'"_s) + u"'"_s;
    QTest::newRow("keywords as typed") << u"host=h password="_s + kPassword;
    QTest::newRow("keywords spaced") << u"host=h password = "_s + kPassword;
    QTest::newRow("sqlite") << u"sqlite://admin:"_s + kPassword + u"@host/x.db"_s;
}

// Every way of writing the password is found in the text as typed, before any parsing.
void TestRedaction::secretsInEveryForm()
{
    QFETCH(QString, text);
    const QStringList secrets = secretsIn(text);
    const QString message = u"Cannot use "_s + text + u": \""_s + kPassword + u"\" or '"_s + kPassword.left(9) + u"'"_s;
    const QString redacted = redactSecrets(message, secrets);
    QVERIFY2(!redacted.contains(kPassword), qPrintable(redacted));
    QVERIFY2(!redacted.contains(u"Zq7"_s), qPrintable(redacted));
    QVERIFY2(!redacted.contains(u"Kx9"_s), qPrintable(redacted));
    QVERIFY2(redacted.startsWith(u"Cannot use "_s), qPrintable(redacted));
    QVERIFY(redacted.contains(u"***"_s));
}

// A password of one URL-special character each, amid ordinary letters, in the forms a user
// writes: the redacted message keeps neither the password nor its encoded forms.
void TestRedaction::eachUrlSpecialCharacter()
{
    const QString specials = u":/?#[]@!$&'()*+,;=% \u00fc\u20ac"_s;
    for (const QChar c : specials) {
        const QString pw = u"ab"_s + c + u"cd"_s;
        const QString encoded = QString::fromUtf8(QUrl::toPercentEncoding(pw));
        for (const QString &text : {u"postgresql://u:"_s + pw + u"@h/d"_s, u"postgresql://u:"_s + encoded + u"@h/d"_s,
                                    u"postgresql://h/d?password="_s + encoded, u"host=h password="_s + pw}) {
            const auto parsed = parseConnectionString(text);
            QStringList secrets = secretsIn(text);
            if (parsed.ok())
                secrets += secretsOf(parsed->profile, parsed->password);
            const QString message = u"failed for \""_s + pw + u"\" ("_s + encoded + u")"_s;
            const QString redacted = redactSecrets(message, secrets);
            QVERIFY2(!redacted.contains(pw) && !redacted.contains(encoded), qPrintable(text + u" → "_s + redacted));
        }
    }
}

void TestRedaction::quotedSlicesAndShortSecrets()
{
    const QStringList secrets = secretsIn(u"postgresql://u:PW1?PW2@h/db"_s);
    // A slice of 3 or more characters, quoted, goes; so does the whole secret.
    QCOMPARE(redactSecrets(u"Invalid port: \"PW1\""_s, secrets), u"Invalid port: \"***\""_s);
    QCOMPARE(redactSecrets(u"password PW1?PW2 refused"_s, secrets), u"password *** refused"_s);
    // A short secret is redacted where it stands quoted on its own, not inside words.
    const QStringList shortSecret = secretsOf(ConnectionProfile(), u"p"_s);
    QCOMPARE(redactSecrets(u"accepts \"p\""_s, shortSecret), u"accepts \"***\""_s);
    QCOMPARE(redactSecrets(u"no database accepts"_s, shortSecret), u"no database accepts"_s);
    // Nothing to hide: the text stays as it is.
    QCOMPARE(redactSecrets(u"Unknown host \"db.example.com\""_s, secretsIn(u"postgresql://u@db.example.com/d"_s)),
             u"Unknown host \"db.example.com\""_s);
}

// Found by fuzz_connectionurl and fuzz_keywordstring: a quoted slice of a misplaced password
// that holds a piece of 3 or more characters lost that piece to "***" first, and what was
// left ("*** w'o") no longer matched as a slice, so the short pieces around it showed.
void TestRedaction::quotedSliceWithALongPiece()
{
    const QStringList url = secretsIn(u"postgresql://h/d?password=pw1&opti w'oq"_s);
    QCOMPARE(redactSecrets(u"Query parameter \"opti w'oq\" has no value"_s, url),
             u"Query parameter \"***\" has no value"_s);
    const QStringList keywords = secretsIn(u"host= password=pw1 kwd\\\\zq=v"_s);
    QCOMPARE(redactSecrets(u"Invalid keyword \"kwd\\\\zq\""_s, keywords), u"Invalid keyword \"***\""_s);
    // Found by fuzz_connectionurl: a quote that runs past the password's end held its short
    // pieces around a redacted long one.
    const QStringList tail = secretsIn(u"postgresql://u:ab@sh?//u:PW2@h/db@i"_s);
    QCOMPARE(redactSecrets(u"Query parameter \"//u:PW2@h/db@i\" has no value"_s, tail),
             u"Query parameter \"***\" has no value"_s);
    // Found by fuzz_connectionurl: a quote that starts inside a password and runs past its end.
    const QStringList overlap = secretsIn(u"postgresql://u:pw@sh?//u:p%22@h/db"_s);
    QCOMPARE(redactSecrets(u"Query parameter \"//u:p%22@h/db\" has no value"_s, overlap),
             u"Query parameter \"***\" has no value"_s);
    // Through the parser, as a person meets it.
    for (const QString &text : {u"postgresql://h/d?password=pw1&opti w'oq"_s, u"host= password=pw1 kwd\\\\zq=v"_s}) {
        const auto spec = parseConnectionString(text);
        QVERIFY2(!spec.ok(), qPrintable(text));
        QVERIFY2(!spec.error().message.contains(u"oq"_s) && !spec.error().message.contains(u"zq"_s),
                 qPrintable(spec.error().message));
    }
}

// Found by fuzz_keywordstring: a misplaced password full of '"' characters, quoted by an
// "Invalid keyword" message, was split into many quotes by pairing '"': the first hid the
// start, and the last ("zq") stood quoted on its own, too short to be taken for a slice.
void TestRedaction::quotedSliceFullOfQuotes()
{
    const QString text = u"host= password=pw1 kwd\"\"\"\"\"\"zq=v"_s;
    QCOMPARE(redactSecrets(u"Invalid keyword \"kwd\"\"\"\"\"\"zq\""_s, secretsIn(text)), u"Invalid keyword \"***\""_s);
    // The same with single quotes, and ordinary quoted text after it stays.
    const QString single = u"host= password=pw1 kwd''''zq=v"_s;
    QCOMPARE(redactSecrets(u"Invalid keyword 'kwd''''zq' near 'x'"_s, secretsIn(single)),
             u"Invalid keyword '***' near 'x'"_s);
    // Through the parser, as a person meets it.
    const auto spec = parseConnectionString(text);
    QVERIFY(!spec.ok());
    QVERIFY2(!spec.error().message.contains(u"zq"_s) && !spec.error().message.contains(u"kwd"_s),
             qPrintable(spec.error().message));
    // Ordinary quoted text next to a secret with quotes stays as it is.
    QCOMPARE(redactSecrets(u"Unknown host \"db\" and \"x\""_s, secretsOf(ConnectionProfile(), u"a\"b\"c"_s)),
             u"Unknown host \"db\" and \"x\""_s);
}

void TestRedaction::parsedSecrets()
{
    ConnectionProfile p;
    p.driver = DialectKind::Postgres;
    p.options.insert(u"sslpassword"_s, u"key-secret"_s);
    p.options.insert(u"PassWord"_s, u"typo-secret"_s);
    p.options.insert(u"passfile"_s, u"/home/me/.pgpass"_s);
    p.options.insert(u"application_name"_s, u"visible"_s);
    const QStringList secrets = secretsOf(p, u"main-secret"_s);
    QCOMPARE(secrets.size(), 3);
    const QString redacted = redactSecrets(toUrl(p) + u" main-secret"_s, secrets);
    QVERIFY2(!redacted.contains(u"secret"_s), qPrintable(redacted));
    QVERIFY2(redacted.contains(u"visible"_s) && redacted.contains(u"/home/me/.pgpass"_s), qPrintable(redacted));
}

void TestRedaction::errorFields()
{
    Error e(ErrorKind::Connection, u"bad \"s3cret-pw\""_s);
    e.detail = u"libpq: s3cret-pw"_s;
    e.sql = u"SET x = 's3cret-pw'"_s;
    const Error r = redactSecrets(e, {u"s3cret-pw"_s});
    QCOMPARE(r.message, u"bad \"***\""_s);
    QCOMPARE(r.detail, u"libpq: ***"_s);
    QCOMPARE(r.sql, u"SET x = '***'"_s);
    QCOMPARE(r.kind, ErrorKind::Connection);
}

STRATA_TEST_MAIN(TestRedaction)
#include "tst_redaction.moc"
