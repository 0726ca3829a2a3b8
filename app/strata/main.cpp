// strata: the GUI. Parses the command line, then builds the main window and opens what was
// asked for: a file or connection string, or the demo database on a first launch.

#include "base/buildinfo.h"
#include "connection/connectionstore.h"
#include "mainwindow/mainwindow.h"
#include "mainwindow/startupoptions.h"
#include "selftest.h"

#include <QApplication>
#include <QIcon>
#include <QTextStream>
#include <cstring>

using strata::Result;

namespace {

const char *const kUsage =
    "Usage: strata [options] [location]\n"
    "\n"
    "A native database browser for SQLite and PostgreSQL.\n"
    "\n"
    "Arguments:\n"
    "  location       a SQLite file (books.db), sqlite:///path.db, or a PostgreSQL URL\n"
    "                 (postgresql://user@host:5432/db) or keyword string; with none,\n"
    "                 Strata reopens the last session (if File > Reopen connections on\n"
    "                 start is on), or opens its demo database while no connection is saved\n"
    "\n"
    "Options:\n"
    "  -t, --table NAME  open the grid of table NAME (books, or schema.books) of the\n"
    "                 location once it is open\n"
    "  -s, --sql FILE    open a query console on the location holding the script FILE\n"
    "  -h, --help     show this help and exit\n"
    "  -v, --version  show version information and exit\n"
    "  --self-test    open the demo database (in a temporary data directory), load the\n"
    "                 object tree and a table, and exit 0 only if all of it worked\n";

/// --version and --help must work without a display, so they are answered before any
/// QApplication exists.
int answerWithoutDisplay(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--version") == 0 || std::strcmp(argv[i], "-v") == 0) {
            QTextStream(stdout) << strata::buildInfoText() << '\n';
            return 0;
        }
        if (std::strcmp(argv[i], "--help") == 0 || std::strcmp(argv[i], "-h") == 0) {
            QTextStream(stdout) << kUsage;
            return 0;
        }
    }
    return -1;
}

bool hasFlag(int argc, char **argv, const char *flag)
{
    for (int i = 1; i < argc; ++i)
        if (std::strcmp(argv[i], flag) == 0)
            return true;
    return false;
}

void setUpApplication()
{
    QApplication::setOrganizationName(QStringLiteral("Strata"));
    QApplication::setApplicationName(QStringLiteral("strata"));
    QApplication::setApplicationDisplayName(QStringLiteral("Strata"));
    QApplication::setApplicationVersion(strata::buildInfo().version);
    QApplication::setDesktopFileName(QStringLiteral("io.github.strata.Strata"));   // packaging/*.desktop
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/strata/icons/strata.svg")));
}

} // namespace

int main(int argc, char **argv)
{
    if (const int rc = answerWithoutDisplay(argc, argv); rc >= 0)
        return rc;
    if (hasFlag(argc, argv, "--self-test")) {
        const strata::app::SelfTestEnvironment environment;   // before QApplication reads XDG_*
        QApplication app(argc, argv);
        setUpApplication();
        return strata::app::runSelfTest(environment);
    }

    QApplication app(argc, argv);
    setUpApplication();

    const Result<strata::ui::StartupOptions> options = strata::ui::parseStartupOptions(QApplication::arguments().mid(1));
    if (!options) {
        QTextStream(stderr) << "strata: " << options.error().message << "\n\n" << kUsage;
        return 2;
    }

    strata::ui::MainWindow window;
    window.show();
    if (options.value().locations.isEmpty()) {
        // The first launch (no saved connection) shows the demo, so the app is useful at once.
        if (!window.reopenLastSession() && window.connectionStore()->isEmpty())
            window.openDemoDatabase();
    } else {
        window.openStartup(options.value());
    }
    return app.exec();
}
