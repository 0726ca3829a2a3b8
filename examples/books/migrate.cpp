// books-migrate: strata-migrate with the books models as its autogenerate target, the way
// Alembic's env.py sets target_metadata. Every strata-migrate command works;
// `books-migrate revision --autogenerate -m MSG` compares the database with Book.

#include "book.h"

#include "migrate/cli/commandlinerunner.h"

#include <QCoreApplication>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("books-migrate"));
    strata::mapping::MetaData models;
    models.add<Book>();
    return strata::migrate::runCommandLine(argc, argv, &models);
}
