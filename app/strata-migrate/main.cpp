// strata-migrate: Alembic-style schema migrations for SQLite and PostgreSQL from the
// command line. See `strata-migrate --help` and the README. The command line itself lives
// in core (migrate/cli), so applications can build a runner that knows their models.

#include "migrate/cli/commandlinerunner.h"

#include <QCoreApplication>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("strata-migrate"));
    return strata::migrate::runCommandLine(argc, argv, nullptr);
}
