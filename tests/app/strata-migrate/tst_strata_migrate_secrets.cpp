// Passwords never reach strata-migrate's output, whatever form the connection string takes
// and wherever it comes from; a NUL in a decoded URL part is refused, naming the part.
// The password is made of every character that means something in a URL or a keyword string.

#include "../../core/migrate/support/bookproject.h"
#include "migrateprocess.h"

#include "support/testenvironment.h"

#include <QTemporaryDir>
#include <QUrl>
#include <QtTest>

using namespace strata::test::books;
using strata::test::MigrateProcess;

namespace {

const QString kPassword = QStringLiteral("Zq7:/?#[]@!$&'()*+,;=% \u00fc\u20acKx9");

// What must not appear: the password as typed and encoded, and its longer pieces (a parser
// that splits a password in the wrong place may quote one of them).
QStringList forbidden()
{
    return {kPassword, QString::fromUtf8(QUrl::toPercentEncoding(kPassword)), s("Zq7"), s("()*+"), QStringLiteral("\u00fc\u20acKx9"),
            s("Zq7%3A"), s("% \u00fc")};
}

QString keywordQuoted(const QString &value)
{
    return s("'") + QString(value).replace(s("\\"), s("\\\\")).replace(s("'"), s("\\'")) + s("'");
}

struct Form {
    const char *name;
    QString text;
};

QList<Form> forms(const QString &host, int port, const QString &user, const QString &db)
{
    const QString encoded = QString::fromUtf8(QUrl::toPercentEncoding(kPassword));
    const QString hostPort = QStringLiteral("%1:%2").arg(host).arg(port);
    const QString keywords = QStringLiteral("host=%1 port=%2 dbname=%3 user=%4 ").arg(host).arg(port).arg(db, user);
    return {
        {"url, encoded (wrong password)", QStringLiteral("postgresql://%1:%2@%3/%4").arg(user, encoded, hostPort, db)},
        {"url, as typed", QStringLiteral("postgresql://%1:%2@%3/%4").arg(user, kPassword, hostPort, db)},
        {"url, '?' in the password", QStringLiteral("postgresql://%1:PW1?PW2%2@%3/%4").arg(user, encoded, hostPort, db)},
        {"query, encoded", QStringLiteral("postgresql://%1@%2/%3?password=%4").arg(user, hostPort, db, encoded)},
        {"query, as typed", QStringLiteral("postgresql://%1@%2/%3?password=%4").arg(user, hostPort, db, kPassword)},
        {"query, Password", QStringLiteral("postgresql://%1@%2/%3?Password=%4").arg(user, hostPort, db, encoded)},
        {"query, after another parameter", QStringLiteral("postgresql://%1@%2/%3?sslmode=disable&password=%4").arg(user, hostPort, db, kPassword)},
        {"keywords, quoted", keywords + s("password=") + keywordQuoted(kPassword)},
        {"keywords, as typed", keywords + s("password=") + kPassword},
        {"sqlite, user info", QStringLiteral("sqlite://admin:%1@host/x.db").arg(kPassword)},
        {"sqlite, user info encoded", QStringLiteral("sqlite://admin:%1@host/x.db").arg(encoded)},
    };
}

struct Entry {
    const char *name;
    std::function<QStringList(const QString &url)> args;
    std::function<QMap<QString, QString>(const QString &url)> env;
    std::function<QString(const QString &url)> ini;
};

QList<Entry> entries()
{
    const QStringList command{s("current"), s("--verbose")};
    auto none = [](const QString &) { return QMap<QString, QString>(); };
    auto noIni = [](const QString &) { return QString(); };
    return {
        {"--url URL", [command](const QString &u) { return QStringList{s("--url"), u} + command; }, none, noIni},
        {"--url=URL", [command](const QString &u) { return QStringList{s("--url=") + u} + command; }, none, noIni},
        {"--URL=URL (unknown option)", [command](const QString &u) { return QStringList{s("--URL=") + u} + command; }, none, noIni},
        {"URL as the command", [](const QString &u) { return QStringList{u, s("current")}; }, none, noIni},
        {"--lock-timeout URL", [command](const QString &u) { return QStringList{s("--lock-timeout"), u} + command; }, none, noIni},
        {"STRATA_DATABASE_URL", [command](const QString &) { return command; },
         [](const QString &u) { return QMap<QString, QString>{{s("STRATA_DATABASE_URL"), u}}; }, noIni},
        {"DATABASE_URL", [command](const QString &) { return command; },
         [](const QString &u) { return QMap<QString, QString>{{s("DATABASE_URL"), u}}; }, noIni},
        {"strata.ini url", [command](const QString &) { return command; }, none, [](const QString &u) { return s("url = ") + u + s("\n"); }},
    };
}

} // namespace

class TestStrataMigrateSecrets : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void passwordNeverPrinted();
    void nulInAUrlPartIsRefused_data();
    void nulInAUrlPartIsRefused();
};

// Every form through every entry, against the test server (so libpq's own errors are
// exercised too): stdout and stderr of the real process never hold the password.
void TestStrataMigrateSecrets::passwordNeverPrinted()
{
    STRATA_REQUIRE_PG(server);
    const QUrl url(server);
    int runs = 0;
    for (const Form &form : forms(url.host(), url.port(5432), url.userName(), url.path().mid(1))) {
        for (const Entry &entry : entries()) {
            QTemporaryDir dir;
            writeProject(dir.path(), true, entry.ini(form.text));
            MigrateProcess p(dir.path(), entry.args(form.text), entry.env(form.text));
            const int code = p.finish();
            ++runs;
            const QString where = QStringLiteral("%1 through %2 (exit %3)").arg(QLatin1String(form.name), QLatin1String(entry.name)).arg(code);
            QVERIFY2(code == 1 || code == 2, qPrintable(where + s(": ") + p.err()));
            QVERIFY2(!p.err().isEmpty(), qPrintable(where));
            for (const QString &secret : forbidden()) {
                QVERIFY2(!p.err().contains(secret), qPrintable(where + s("\nstderr: ") + p.err() + s("\nshows: ") + secret));
                QVERIFY2(!p.out().contains(secret), qPrintable(where + s("\nstdout: ") + p.out() + s("\nshows: ") + secret));
            }
        }
    }
    QCOMPARE(runs, 88);
}

void TestStrataMigrateSecrets::nulInAUrlPartIsRefused_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("message");
    QTest::newRow("sqlite path") << s("sqlite:///nul%00tail.db") << s("The file path contains a NUL character (%00)");
    QTest::newRow("sqlite file uri") << s("file:nul%00tail.db") << s("The file path contains a NUL character (%00)");
    QTest::newRow("pg user") << s("postgresql://u%00x:pw@127.0.0.1:1/db") << s("The user name contains a NUL character (%00)");
    QTest::newRow("pg database") << s("postgresql://u@127.0.0.1:1/d%00b") << s("The database name contains a NUL character (%00)");
    QTest::newRow("pg host") << s("postgresql://u@local%00host:1/db") << s("The host contains a NUL character (%00)");
    QTest::newRow("pg password") << s("postgresql://u:p%00w@127.0.0.1:1/db") << s("The password contains a NUL character (%00)");
    QTest::newRow("pg query") << s("postgresql://u@127.0.0.1:1/db?application_name=a%00b")
                              << s("The application_name contains a NUL character (%00)");
}

// "nul%00tail.db" used to open "nul"; a NUL in a PostgreSQL part gave libpq's "unterminated
// quoted string". Now the command stops before connecting, naming the part.
void TestStrataMigrateSecrets::nulInAUrlPartIsRefused()
{
    QFETCH(QString, url);
    QFETCH(QString, message);
    QTemporaryDir dir;
    writeProject(dir.path(), true);
    MigrateProcess p(dir.path(), {s("--url"), url, s("upgrade"), s("head")});
    QCOMPARE(p.finish(), 1);
    QVERIFY2(p.err().contains(s("FAILED: Invalid database URL: ") + message), qPrintable(p.err()));
    QVERIFY(!QFile::exists(dir.filePath(s("nul"))));
    QVERIFY(!p.err().contains(s("unterminated quoted string")));
}

STRATA_TEST_MAIN(TestStrataMigrateSecrets)
#include "tst_strata_migrate_secrets.moc"
