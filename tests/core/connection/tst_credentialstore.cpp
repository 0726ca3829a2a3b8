// The keychain store: without a reachable keychain (no D-Bus, as in every test) passwords
// stay in memory for the session and the fallback is announced once; with a real secret
// service (gnome-keyring under dbus-run-session) they round-trip through the keychain.

#include "connection/credentialstore.h"
#include "support/testenvironment.h"

#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QtTest>

using namespace strata;
using namespace strata::connection;

namespace {

const char *const kChildVariable = "STRATA_KEYCHAIN_CHILD";

std::optional<QString> readAndWait(CredentialStore &store, const QString &id)
{
    std::optional<Result<std::optional<QString>>> outcome;
    QObject context;
    store.readPassword(id, &context, [&outcome](Result<std::optional<QString>> r) { outcome = r; });
    if (!QTest::qWaitFor([&] { return outcome.has_value(); }, 20000))
        return QStringLiteral("<no answer>");
    return outcome->ok() ? outcome->value() : QStringLiteral("<error>");
}

bool writeAndWait(CredentialStore &store, const QString &id, const QString &password)
{
    std::optional<Status> outcome;
    QObject context;
    store.writePassword(id, password, &context, [&outcome](Status s) { outcome = s; });
    return QTest::qWaitFor([&] { return outcome.has_value(); }, 20000) && outcome->ok();
}

bool removeAndWait(CredentialStore &store, const QString &id)
{
    std::optional<Status> outcome;
    QObject context;
    store.removePassword(id, &context, [&outcome](Status s) { outcome = s; });
    return QTest::qWaitFor([&] { return outcome.has_value(); }, 20000) && outcome->ok();
}

} // namespace

class TestCredentialStore : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void fallsBackToSessionMemoryWithoutKeychain();
    void callbackDroppedWhenContextDies();
    void realKeychainRoundTrip();
};

void TestCredentialStore::fallsBackToSessionMemoryWithoutKeychain()
{
    if (qEnvironmentVariableIsSet(kChildVariable))
        return;   // the child process tests the real keychain only
    qunsetenv("DBUS_SESSION_BUS_ADDRESS");
    KeychainCredentialStore store(QStringLiteral("strata-test"));
    QSignalSpy fallback(&store, &CredentialStore::fallbackActivated);
    QVERIFY(!store.isSessionOnly());

    QElapsedTimer timer;
    timer.start();
    QCOMPARE(readAndWait(store, QStringLiteral("p1")), std::optional<QString>());   // nothing stored: ask
    QVERIFY2(timer.elapsed() < 5000, "an unreachable keychain must fail fast");
    QCOMPARE(fallback.count(), 1);
    QVERIFY(store.isSessionOnly());
    QVERIFY(!store.fallbackReason().isEmpty());

    QVERIFY(writeAndWait(store, QStringLiteral("p1"), QStringLiteral("pw-1")));
    QVERIFY(writeAndWait(store, QStringLiteral("p2"), QStringLiteral("pw-2")));
    QCOMPARE(readAndWait(store, QStringLiteral("p1")), std::optional<QString>(QStringLiteral("pw-1")));
    QCOMPARE(readAndWait(store, QStringLiteral("p2")), std::optional<QString>(QStringLiteral("pw-2")));
    QVERIFY(removeAndWait(store, QStringLiteral("p1")));
    QCOMPARE(readAndWait(store, QStringLiteral("p1")), std::optional<QString>());
    QCOMPARE(fallback.count(), 1);   // said once

    // A second store (a new session) remembers nothing: memory only.
    KeychainCredentialStore next(QStringLiteral("strata-test"));
    QCOMPARE(readAndWait(next, QStringLiteral("p2")), std::optional<QString>());
}

void TestCredentialStore::callbackDroppedWhenContextDies()
{
    if (qEnvironmentVariableIsSet(kChildVariable))
        return;
    qunsetenv("DBUS_SESSION_BUS_ADDRESS");
    KeychainCredentialStore store(QStringLiteral("strata-test"));
    QSignalSpy fallback(&store, &CredentialStore::fallbackActivated);
    bool called = false;
    {
        QObject context;
        store.readPassword(QStringLiteral("x"), &context, [&called](Result<std::optional<QString>>) { called = true; });
    }
    // The keychain job answered: the store falls back in the same handler that would have
    // called back, so once the signal came the callback's moment has passed.
    QVERIFY(fallback.wait(20000));
    QVERIFY(!called);
    // The same from session memory, where answers are queued: a later request's answer comes
    // after the dropped one would have.
    {
        QObject context;
        store.readPassword(QStringLiteral("x"), &context, [&called](Result<std::optional<QString>>) { called = true; });
    }
    QCOMPARE(readAndWait(store, QStringLiteral("y")), std::optional<QString>());
    QVERIFY(!called);
}

void TestCredentialStore::realKeychainRoundTrip()
{
    if (qEnvironmentVariableIsSet(kChildVariable)) {
        // Inside dbus-run-session with an unlocked gnome-keyring: the keychain must work.
        KeychainCredentialStore store(QStringLiteral("strata-test"));
        QSignalSpy fallback(&store, &CredentialStore::fallbackActivated);
        QCOMPARE(readAndWait(store, QStringLiteral("k1")), std::optional<QString>());   // EntryNotFound
        QVERIFY(writeAndWait(store, QStringLiteral("k1"), QStringLiteral("kéy-pw with spaces")));
        QCOMPARE(fallback.count(), 0);
        KeychainCredentialStore other(QStringLiteral("strata-test"));   // not from memory
        QCOMPARE(readAndWait(other, QStringLiteral("k1")), std::optional<QString>(QStringLiteral("kéy-pw with spaces")));
        QVERIFY(removeAndWait(other, QStringLiteral("k1")));
        QCOMPARE(readAndWait(other, QStringLiteral("k1")), std::optional<QString>());
        QVERIFY2(!store.isSessionOnly() && !other.isSessionOnly(), qPrintable(store.fallbackReason() + other.fallbackReason()));
        return;
    }
    const QString dbus = QStandardPaths::findExecutable(QStringLiteral("dbus-run-session"));
    const QString keyring = QStandardPaths::findExecutable(QStringLiteral("gnome-keyring-daemon"));
    QVERIFY2(!dbus.isEmpty() && !keyring.isEmpty(),
             "dbus-run-session and gnome-keyring-daemon are needed (scripts/install-deps.sh installs dbus and gnome-keyring)");
    QProcess child;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QString::fromLatin1(kChildVariable), QStringLiteral("1"));
    child.setProcessEnvironment(env);
    child.setProcessChannelMode(QProcess::MergedChannels);
    // The keyring daemon is started unlocked (password on its stdin) inside the private bus.
    const QString script = QStringLiteral("printf 'test-keyring' | %1 --unlock --components=secrets >/dev/null "
                                          "&& exec \"$0\" realKeychainRoundTrip")
                               .arg(keyring);
    child.start(dbus, {QStringLiteral("--"), QStringLiteral("sh"), QStringLiteral("-c"), script,
                       QCoreApplication::applicationFilePath()});
    QVERIFY(child.waitForFinished(60000));
    const QString output = QString::fromLocal8Bit(child.readAll());
    QVERIFY2(child.exitCode() == 0, qPrintable(output));
    QVERIFY2(output.contains(QLatin1String("PASS   : TestCredentialStore::realKeychainRoundTrip()")), qPrintable(output));
}

STRATA_TEST_MAIN(TestCredentialStore)
#include "tst_credentialstore.moc"
