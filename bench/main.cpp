// strata-bench COMMAND [options]: Strata beside the raw C APIs, on the same data, in one run.

#include "catalogbench.h"
#include "importbench.h"
#include "consolebench.h"
#include "erdbench.h"
#include "gridbench.h"
#include "mappingbench.h"
#include "monitorbench.h"
#include "quickopenbench.h"
#include "viewbench.h"
#include "viewreopen.h"

#include <QApplication>
#include <memory>
#include <QTextStream>

namespace {

const char *const kUsage =
    "Usage: strata-bench COMMAND [options]\n"
    "\n"
    "Commands:\n"
    "  catalog   list and describe a schema of N tables (--url URL --tables N)\n"
    "  import    import a CSV file of N rows, Strata vs raw C API (--url URL --rows N)\n"
    "  console   stream SELECT * FROM books through the console's executor (--url URL --rows N)\n"
    "  erd       the ER diagram on N generated tables with 1.5 N foreign keys (--url URL --tables N)\n"
    "  grid      the data grid on a books table of N rows (--url URL --rows N)\n"
    "  mapping   N mapped objects through a Session, insert and read (--url URL --rows N)\n"
    "  monitor   the dashboard's refresh under N locks held by B backends (--url URL --locks N)\n"
    "  quickopen quick open's keystroke-to-results time on C connections of N tables (--connections C --tables N)\n"
    "  view      the grid tab itself, offscreen, on a books table of N rows (--url URL --rows N)\n"
    "  viewreopen  N grid tabs on one database, own connections vs a shared reader (--url URL --tabs N)\n"
    "\n"
    "Every command takes --url (a SQLite path or postgresql:// URL) and --json; see\n"
    "`strata-bench COMMAND --help`.\n";

} // namespace

int main(int argc, char **argv)
{
    // `view` drives widgets (offscreen unless a platform is set); the others need no GUI.
    const bool widgets = argc > 1
                         && (qstrcmp(argv[1], "view") == 0 || qstrcmp(argv[1], "viewreopen") == 0 || qstrcmp(argv[1], "erd") == 0);
    if (widgets && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    std::unique_ptr<QCoreApplication> app(widgets ? new QApplication(argc, argv) : new QCoreApplication(argc, argv));
    QCoreApplication::setApplicationName(QStringLiteral("strata-bench"));
    QStringList args = QCoreApplication::arguments();
    const QString command = args.size() > 1 ? args.at(1) : QString();
    if (command.isEmpty() || command == QLatin1String("--help") || command == QLatin1String("-h")) {
        QTextStream(stdout) << kUsage;
        return command.isEmpty() ? 2 : 0;
    }
    args.removeAt(1);   // the command's own parser sees "strata-bench --url …"
    if (command == QLatin1String("catalog"))
        return strata::bench::runCatalogBench(args);
    if (command == QLatin1String("erd"))
        return strata::bench::runErdBench(args);
    if (command == QLatin1String("import"))
        return strata::bench::runImportBench(args);
    if (command == QLatin1String("console"))
        return strata::bench::runConsoleBench(args);
    if (command == QLatin1String("grid"))
        return strata::bench::runGridBench(args);
    if (command == QLatin1String("mapping"))
        return strata::bench::runMappingBench(args);
    if (command == QLatin1String("quickopen"))
        return strata::bench::runQuickOpenBench(args);
    if (command == QLatin1String("monitor"))
        return strata::bench::runMonitorBench(args);
    if (command == QLatin1String("view"))
        return strata::bench::runViewBench(args);
    if (command == QLatin1String("viewreopen"))
        return strata::bench::runViewReopenBench(args);
    QTextStream(stderr) << "strata-bench: unknown command '" << command << "'\n" << kUsage;
    return 2;
}
