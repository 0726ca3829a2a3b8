// upgrade-notes: brings a SQLite database up to the newest revision of a migration project
// with Strata's migration engine, the way an application upgrades its database at start-up.
//   upgrade-notes PROJECT_DIR DATABASE_FILE

#include <migrate/migrationengine.h>

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <cstdio>

using namespace strata::migrate;

static int failure(const QString &what)
{
    std::fprintf(stderr, "upgrade-notes: %s\n", qPrintable(what));
    return 1;
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() != 3)
        return failure(QStringLiteral("usage: upgrade-notes PROJECT_DIR DATABASE_FILE"));

    auto config = ProjectConfig::load(args.at(1) + QStringLiteral("/strata.ini"));
    if (!config)
        return failure(config.error().message);
    auto engine = MigrationEngine::open(*config);
    if (!engine)
        return failure(engine.error().message);

    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"));
    db.setDatabaseName(args.at(2));
    if (!db.open())
        return failure(db.lastError().text());

    auto result = engine->runner(db, {}).upgrade(QStringLiteral("head"));
    if (!result)
        return failure(result.error().message);
    for (const StepResult &step : result->steps)
        std::printf("applied %s (%lld ms)\n", qPrintable(step.revision), static_cast<long long>(step.durationMs));
    if (result->nothingToDo())
        std::printf("already at head\n");
    std::printf("database at %s\n", qPrintable(result->endHeads.join(QLatin1Char(','))));

    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("SELECT count(*), max(pinned) FROM notes")) || !query.next())
        return failure(query.lastError().text());
    std::printf("notes: %d rows, pinned column present\n", query.value(0).toInt());
    return 0;
}
