#pragma once

// Every test executable starts through STRATA_TEST_MAIN / STRATA_TEST_MAIN_GUI: HOME and
// the XDG directories point at a private temporary directory, so tests never read or
// write the user's settings, keychain, .pgpass or data; QT_QPA_PLATFORM defaults to
// offscreen.
//
// PostgreSQL tests take the throwaway server's URL from STRATA_TEST_PG_URL (scripts/test.sh
// starts the server and sets it). Without it they FAIL, unless STRATA_TEST_ALLOW_SKIP_PG=1
// was set explicitly, in which case they skip.

#include <QApplication>
#include <QCoreApplication>
#include <QString>
#include <QTest>

namespace strata::test {

/// Called before the Q(Core)Application exists.
void prepareEnvironment();

/// The private home directory prepareEnvironment() made.
QString homeDir();

/// STRATA_TEST_PG_URL, or empty.
QString postgresUrl();

/// True when STRATA_TEST_ALLOW_SKIP_PG=1.
bool allowSkipPostgres();

/// A path for a new file in a fresh temporary directory that lives until the process ends.
QString tempPath(const QString &fileName);

} // namespace strata::test

/// At the top of a PostgreSQL test function: puts the server URL in `var`, or fails
/// (skips only when explicitly allowed).
#define STRATA_REQUIRE_PG(var)                                                                   \
    const QString var = strata::test::postgresUrl();                                             \
    if (var.isEmpty()) {                                                                         \
        if (strata::test::allowSkipPostgres())                                                   \
            QSKIP("STRATA_TEST_PG_URL is not set (skipping: STRATA_TEST_ALLOW_SKIP_PG=1)");       \
        QFAIL("STRATA_TEST_PG_URL is not set: run the suite through scripts/test.sh, which "     \
              "starts a throwaway PostgreSQL; set STRATA_TEST_ALLOW_SKIP_PG=1 to skip locally"); \
    }

/// In a test run once per dialect (a data column saying which): when `isPostgres` is true,
/// `var` is the server URL, or the test fails as with STRATA_REQUIRE_PG; otherwise `var` is
/// empty. The dialect fixtures of the suites (GRID_FIXTURE, OPEN_DB, OPEN_FIXTURE, OPEN,
/// SET_UP) start with it.
#define STRATA_PG_URL_IF(isPostgres, var)                                                        \
    QString var;                                                                                 \
    if (isPostgres) {                                                                            \
        STRATA_REQUIRE_PG(var##Required_);                                                       \
        var = var##Required_;                                                                    \
    }

#define STRATA_TEST_MAIN_IMPL(AppType, TestClass)             \
    int main(int argc, char **argv)                           \
    {                                                         \
        strata::test::prepareEnvironment();                   \
        AppType app(argc, argv);                              \
        app.setOrganizationName(QStringLiteral("StrataTest")); \
        app.setApplicationName(QStringLiteral("strata-test"));  \
        TestClass tc;                                         \
        QTEST_SET_MAIN_SOURCE_PATH                            \
        return QTest::qExec(&tc, argc, argv);                 \
    }

#define STRATA_TEST_MAIN(TestClass) STRATA_TEST_MAIN_IMPL(QCoreApplication, TestClass)
#define STRATA_TEST_MAIN_GUI(TestClass) STRATA_TEST_MAIN_IMPL(QApplication, TestClass)
