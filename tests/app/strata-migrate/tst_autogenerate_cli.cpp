// `revision --autogenerate` run as a user runs it: strata-migrate on a copy of the demo
// database against a changed schema.sql (generate, upgrade, downgrade; every row kept), and
// books-migrate, a runner built with the books models (--target models).

#include "../../core/migrate/autogen/autogentesting.h"

#include "demo/demodatabase.h"
#include "dialect/dialect.h"
#include "migrate/autogen/comparator.h"
#include "migrate/autogen/snapshotsources.h"
#include "migrate/script/revisionfileparser.h"
#include "support/scratchdatabase.h"
#include "support/testenvironment.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace strata;
using namespace autogentest;

namespace {

struct Run {
    int code = -1;
    QString out;
    QString err;
};

Run run(const char *binary, const QString &dir, const QStringList &args, const QByteArray &input = {})
{
    QProcess p;
    p.setWorkingDirectory(dir);
    QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
    e.remove(s("DATABASE_URL"));
    e.remove(s("STRATA_DATABASE_URL"));
    p.setProcessEnvironment(e);
    p.start(s(binary), args);
    if (!input.isEmpty()) {
        p.waitForStarted();
        p.write(input);
        p.closeWriteChannel();
    }
    p.waitForFinished(120000);
    return Run{p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
}

void writeText(const QString &path, const QString &text)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(text.toUtf8());
}

QString readText(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

QString generatedPath(const Run &r)
{
    static const QRegularExpression generating(QStringLiteral("Generating (\\S+) \\.\\.\\."));
    return generating.match(r.out).captured(1);
}

// Rows of every table: a hash over the given columns in rowid order, per table.
QMap<QString, QByteArray> rowHashes(QSqlDatabase &db, const QMap<QString, QStringList> &columns)
{
    const dialect::Dialect &d = dialect::dialectFor(dialect::DialectKind::Sqlite);
    QMap<QString, QByteArray> hashes;
    for (auto it = columns.cbegin(); it != columns.cend(); ++it) {
        QStringList quoted;
        for (const QString &c : it.value())
            quoted.append(QStringLiteral("quote(%1)").arg(d.quoteIdentifier(c)));
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral("SELECT %1 FROM %2 ORDER BY rowid").arg(quoted.join(QStringLiteral(" || '|' || ")), d.quoteIdentifier(it.key()))))
            return {{it.key(), QByteArray("query failed")}};
        QCryptographicHash hash(QCryptographicHash::Sha256);
        int rows = 0;
        while (q.next()) {
            hash.addData(q.value(0).toString().toUtf8() + '\n');
            ++rows;
        }
        hashes.insert(it.key(), QByteArray::number(rows) + ':' + hash.result().toHex());
    }
    return hashes;
}

// The demo's CREATE statements with one change of each common kind.
QString changedDemoSchema(QSqlDatabase &db)
{
    QSqlQuery q(db);
    q.exec(s("SELECT name, sql FROM sqlite_schema WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY rowid"));
    QStringList statements;
    while (q.next()) {
        QString sql = q.value(1).toString();
        const QString name = q.value(0).toString();
        if (name == u"books")
            sql = sql.left(sql.lastIndexOf(u')')).trimmed() + s(",\n    subtitle TEXT\n)");
        else if (name == u"artists")
            sql.replace(s("formed  INTEGER"), s("formed  INTEGER DEFAULT 2000"));
        else if (name == u"authors")
            sql.replace(s("country TEXT"), s("nationality TEXT"));
        statements.append(sql);
    }
    statements.append(s("CREATE TABLE reviews (id INTEGER PRIMARY KEY, book_id INTEGER NOT NULL REFERENCES books (id) ON DELETE CASCADE, "
                        "stars INTEGER NOT NULL DEFAULT 3)"));
    statements.append(s("CREATE INDEX tracks_title_idx ON tracks (title)"));
    return statements.join(s(";\n")) + s(";\n");
}

QStringList compareWith(QSqlDatabase &db, const Result<migrate::ops::SchemaSnapshot> &target)
{
    Result<migrate::ops::SchemaSnapshot> live = migrate::autogen::readSnapshot(db);
    if (!live || !target)
        return {s("cannot read a snapshot")};
    migrate::autogen::CompareOptions o;
    o.proposeRenames = false;
    Result<migrate::autogen::Comparison> c = migrate::autogen::compare(*live, *target, o);
    return c ? spell(c->operations) : QStringList{c.error().message};
}

} // namespace

class TestAutogenerateCli : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void demoDatabaseRoundTrip();
    void modelsRunner();
    void modelsRunnerPostgres();
    void modelsSql();
    void interactiveRename();
    void targetDatabaseUrl();
    void bothDialects();
};

void TestAutogenerateCli::demoDatabaseRoundTrip()
{
    QTemporaryDir dir;
    const QString dbPath = dir.filePath(s("demo.db"));
    QVERIFY(demo::installDemoDatabase(dbPath).ok());
    writeText(dir.filePath(s("strata.ini")), s("[strata]\nscript_location = versions\nurl = sqlite:///demo.db\n"));
    QDir(dir.path()).mkdir(s("versions"));

    QSqlDatabase db = test::openTestDatabase(dbPath);
    const Result<migrate::ops::SchemaSnapshot> start = migrate::autogen::readSnapshot(db);
    QVERIFY(start.ok());
    QMap<QString, QStringList> columns;
    for (const catalog::TableDetail &t : start->tables)
        for (const catalog::ColumnInfo &c : t.columns)
            columns[t.relation.name].append(c.name);
    const QMap<QString, QByteArray> startRows = rowHashes(db, columns);
    QVERIFY(startRows.value(s("tracks")).split(':').first().toInt() > 100);
    const QString changed = changedDemoSchema(db);
    writeText(dir.filePath(s("changed_schema.sql")), changed);
    test::closeTestDatabase(db);

    // Without --rename (and no terminal to ask) the proposal is listed, not applied.
    Run r = run(STRATA_MIGRATE_BIN, dir.path(), {s("revision"), s("--autogenerate"), s("-m"), s("guess"), s("--target"), s("changed_schema.sql")});
    QCOMPARE(r.code, 0);
    QVERIFY2(r.err.contains(s("Proposed rename not applied: column authors.country -> authors.nationality "
                              "(pass --rename authors.country=nationality to apply it)")), qPrintable(r.err));
    QVERIFY(QFile::remove(generatedPath(r)));

    r = run(STRATA_MIGRATE_BIN, dir.path(), {s("revision"), s("--autogenerate"), s("-m"), s("change demo"), s("--target"),
                                             s("changed_schema.sql"), s("--rename"), s("authors.country=nationality")});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const QString revisionFile = readText(generatedPath(r));
    QVERIFY2(revisionFile.contains(s("-- +upgrade\n")) && revisionFile.contains(s("-- +downgrade\n")), qPrintable(revisionFile));
    QVERIFY2(revisionFile.contains(s("-- REVIEW: ")), qPrintable(revisionFile));
    QVERIFY(r.err.contains(s("Detected ")));

    r = run(STRATA_MIGRATE_BIN, dir.path(), {s("upgrade"), s("head")});
    QVERIFY2(r.code == 0, qPrintable(r.err + revisionFile));
    db = test::openTestDatabase(dbPath);
    QCOMPARE(compareWith(db, migrate::autogen::snapshotFromSql(db, changed)), QStringList());
    QMap<QString, QStringList> renamed = columns;
    renamed[s("authors")].replace(renamed[s("authors")].indexOf(s("country")), s("nationality"));
    QMap<QString, QByteArray> upgradedRows = rowHashes(db, renamed);
    QCOMPARE(upgradedRows, startRows);
    test::closeTestDatabase(db);

    r = run(STRATA_MIGRATE_BIN, dir.path(), {s("downgrade"), s("-1")});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    db = test::openTestDatabase(dbPath);
    QCOMPARE(compareWith(db, start), QStringList());
    Result<migrate::ops::SchemaSnapshot> end = migrate::autogen::readSnapshot(db);
    QVERIFY(end.ok());
    end->tables.removeIf([](const catalog::TableDetail &t) { return t.relation.name.startsWith(s("strata_version")); });
    QCOMPARE(end->tables.size(), start->tables.size());
    for (int i = 0; i < start->tables.size(); ++i) {
        QCOMPARE(end->tables[i].relation.name, start->tables[i].relation.name);
        QCOMPARE(end->tables[i].columns.size(), start->tables[i].columns.size());
        for (int c = 0; c < start->tables[i].columns.size(); ++c)
            QCOMPARE(end->tables[i].columns[c].name, start->tables[i].columns[c].name);
    }
    QCOMPARE(end->views.size(), start->views.size());
    QCOMPARE(rowHashes(db, columns), startRows);
    test::closeTestDatabase(db);
}

void TestAutogenerateCli::modelsRunner()
{
    QTemporaryDir dir;
    writeText(dir.filePath(s("strata.ini")), s("[strata]\nscript_location = versions\nurl = sqlite:///books.db\n"));
    QDir(dir.path()).mkdir(s("versions"));
    // The generic binary has no models and says how to build a runner that has them.
    Run r = run(STRATA_MIGRATE_BIN, dir.path(), {s("revision"), s("--autogenerate"), s("-m"), s("x"), s("--target"), s("models")});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(s("runCommandLine(argc, argv, &models)")), qPrintable(r.err));
    QVERIFY(QDir(dir.filePath(s("versions"))).isEmpty());

    r = run(BOOKS_MIGRATE_BIN, dir.path(), {s("revision"), s("--help")});
    QVERIFY(r.out.contains(s("--autogenerate")) && r.out.contains(s("--rename OLD=NEW")));
    // --sql previews the file and writes nothing
    r = run(BOOKS_MIGRATE_BIN, dir.path(), {s("--sql"), s("revision"), s("--autogenerate"), s("-m"), s("create books")});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains(s("-- message: create books\n")) && r.out.contains(s("CREATE TABLE \"books\"")), qPrintable(r.out));
    QVERIFY(QDir(dir.filePath(s("versions"))).isEmpty());

    r = run(BOOKS_MIGRATE_BIN, dir.path(), {s("revision"), s("--autogenerate"), s("-m"), s("create books")});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY2(r.err.contains(s("Detected ")) && r.err.contains(s("books")), qPrintable(r.err));
    QVERIFY(readText(generatedPath(r)).contains(s("CREATE TABLE")));
    r = run(BOOKS_MIGRATE_BIN, dir.path(), {s("upgrade"), s("head")});
    QVERIFY2(r.code == 0, qPrintable(r.err));

    // Up to date with the models: Alembic's notice, and still an (empty) revision.
    r = run(BOOKS_MIGRATE_BIN, dir.path(), {s("revision"), s("--autogenerate"), s("-m"), s("nothing")});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY2(r.err.contains(s("No changes in schema detected.")), qPrintable(r.err));
    QVERIFY(QFile::exists(generatedPath(r)));
    QCOMPARE(QDir(dir.filePath(s("versions"))).entryList(QDir::Files).size(), 2);
    r = run(BOOKS_MIGRATE_BIN, dir.path(), {s("upgrade"), s("head")});
    QCOMPARE(r.code, 0);
    r = run(BOOKS_MIGRATE_BIN, dir.path(), {s("check")});
    QCOMPARE(r.code, 0);
    // A database behind its head is refused, as Alembic does.
    r = run(BOOKS_MIGRATE_BIN, dir.path(), {s("downgrade"), s("base")});
    QCOMPARE(r.code, 0);
    r = run(BOOKS_MIGRATE_BIN, dir.path(), {s("revision"), s("--autogenerate"), s("-m"), s("behind")});
    QCOMPARE(r.code, 1);
    QVERIFY(r.err.contains(s("Target database is not up to date.")));
}

// `models-sql` prints the models as a schema.sql: it parses, and against a database the
// models created (through the runner's own autogenerate + upgrade) nothing differs.
void TestAutogenerateCli::modelsSql()
{
    QTemporaryDir dir;
    Run r = run(STRATA_MIGRATE_BIN, dir.path(), {s("models-sql")});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(s("built without models")), qPrintable(r.err));
    QVERIFY(r.out.isEmpty());
    r = run(BOOKS_MIGRATE_BIN, dir.path(), {s("models-sql"), s("--dialect"), s("oracle")});
    QCOMPARE(r.code, 2);
    r = run(BOOKS_MIGRATE_BIN, dir.path(), {s("models-sql"), s("--help")});
    QVERIFY2(r.code == 0 && r.out.contains(s("--dialect sqlite|postgresql")), qPrintable(r.out));

    // No project file is needed.
    r = run(BOOKS_MIGRATE_BIN, dir.path(), {s("models-sql"), s("--dialect"), s("sqlite")});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const QString sqliteSql = r.out;
    QVERIFY2(sqliteSql.startsWith(s("CREATE TABLE")) && sqliteSql.trimmed().endsWith(u';'), qPrintable(sqliteSql));
    QVERIFY2(sqliteSql.contains(s("\"books\" (\"id\"")), qPrintable(sqliteSql));
    r = run(BOOKS_MIGRATE_BIN, dir.path(), {s("models-sql"), s("--dialect"), s("postgresql")});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains(s("\"books\" (\"id\"")) && r.out != sqliteSql, qPrintable(r.out));

    writeText(dir.filePath(s("strata.ini")), s("[strata]\nscript_location = versions\nurl = sqlite:///books.db\n"));
    QDir(dir.path()).mkdir(s("versions"));
    r = run(BOOKS_MIGRATE_BIN, dir.path(), {s("revision"), s("--autogenerate"), s("-m"), s("create books")});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    r = run(BOOKS_MIGRATE_BIN, dir.path(), {s("upgrade"), s("head")});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QSqlDatabase db = test::openTestDatabase(dir.filePath(s("books.db")));
    const Result<migrate::ops::SchemaSnapshot> models = migrate::autogen::snapshotFromSql(db, sqliteSql);
    QVERIFY2(models.ok(), qPrintable(models ? QString() : models.error().message));
    QCOMPARE(models->tables.size(), 1);
    QCOMPARE(models->tables.first().columns.size(), 5);
    QCOMPARE(compareWith(db, models), QStringList());
    // And the comparison can fail: a column the models do not have differs.
    QSqlQuery alter(db);
    QVERIFY(alter.exec(s("ALTER TABLE books ADD COLUMN isbn TEXT")));
    QVERIFY(!compareWith(db, models).isEmpty());
    test::closeTestDatabase(db);
}

void TestAutogenerateCli::modelsRunnerPostgres()
{
    STRATA_REQUIRE_PG(serverUrl);
    test::ScratchPgDatabase pg(serverUrl);
    QVERIFY2(pg.error().isEmpty(), qPrintable(pg.error()));
    QTemporaryDir dir;
    writeText(dir.filePath(s("strata.ini")), s("[strata]\nscript_location = versions\n"));
    QDir(dir.path()).mkdir(s("versions"));
    const QStringList url{s("--url"), pg.url()};
    Run r = run(BOOKS_MIGRATE_BIN, dir.path(), url + QStringList{s("revision"), s("--autogenerate"), s("-m"), s("create books")});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY(readText(generatedPath(r)).contains(s("GENERATED BY DEFAULT AS IDENTITY")));
    r = run(BOOKS_MIGRATE_BIN, dir.path(), url + QStringList{s("upgrade"), s("head")});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    r = run(BOOKS_MIGRATE_BIN, dir.path(), url + QStringList{s("revision"), s("--autogenerate"), s("-m"), s("nothing")});
    QVERIFY2(r.code == 0 && r.err.contains(s("No changes in schema detected.")), qPrintable(r.err));
    QVERIFY2(!r.err.contains(s("Detected")), qPrintable(r.err));
    r = run(BOOKS_MIGRATE_BIN, dir.path(), url + QStringList{s("downgrade"), s("base")});
    QVERIFY2(r.code == 0, qPrintable(r.err));
}

// On a terminal each proposal is asked (`script` gives the command a pseudo-terminal).
void TestAutogenerateCli::interactiveRename()
{
    QVERIFY2(!QStandardPaths::findExecutable(s("script")).isEmpty(),
             "script (util-linux, Debian's essential bsdutils package) is needed to give the command a terminal");
    QTemporaryDir dir;
    writeText(dir.filePath(s("strata.ini")), s("[strata]\nscript_location = versions\nurl = sqlite:///a.db\n"));
    QDir(dir.path()).mkdir(s("versions"));
    QSqlDatabase db = test::openTestDatabase(dir.filePath(s("a.db")));
    QCOMPARE(test::execAll(db, {s("CREATE TABLE authors (id INTEGER PRIMARY KEY, country TEXT)")}), QString());
    test::closeTestDatabase(db);
    writeText(dir.filePath(s("target.sql")), s("CREATE TABLE authors (id INTEGER PRIMARY KEY, nationality TEXT);\n"));
    const QString command = QStringLiteral("'%1' revision --autogenerate -m rename --target target.sql").arg(s(STRATA_MIGRATE_BIN));
    Run r = run("script", dir.path(), {s("-qec"), command, s("/dev/null")}, "y\n");
    QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
    QVERIFY2(r.out.contains(s("Rename column authors.country -> authors.nationality? [Y/n]")), qPrintable(r.out));
    QVERIFY(readText(generatedPath(r)).contains(s("RENAME COLUMN \"country\" TO \"nationality\"")));
    QVERIFY(QFile::remove(generatedPath(r)));
    r = run("script", dir.path(), {s("-qec"), command, s("/dev/null")}, "n\n");
    QVERIFY2(r.code == 0, qPrintable(r.out));
    const QString file = readText(generatedPath(r));
    QVERIFY2(!file.contains(s("RENAME COLUMN")) && file.contains(s("DROP COLUMN \"country\"")), qPrintable(file));
}

void TestAutogenerateCli::targetDatabaseUrl()
{
    QTemporaryDir dir;
    writeText(dir.filePath(s("strata.ini")), s("[strata]\nscript_location = versions\nurl = sqlite:///a.db\n"));
    QDir(dir.path()).mkdir(s("versions"));
    for (const char *name : {"a.db", "b.db"}) {
        QSqlDatabase db = test::openTestDatabase(dir.filePath(s(name)));
        QCOMPARE(test::execAll(db, {s("CREATE TABLE t (id INTEGER PRIMARY KEY)")}), QString());
        if (QByteArray(name) == "b.db")
            QCOMPARE(test::execAll(db, {s("CREATE INDEX t_id ON t (id)")}), QString());
        test::closeTestDatabase(db);
    }
    Run r = run(STRATA_MIGRATE_BIN, dir.path(), {s("--json"), s("revision"), s("--autogenerate"), s("-m"), s("index"),
                                                 s("--target"), s("sqlite:///b.db")});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const QJsonObject json = QJsonDocument::fromJson(r.out.toUtf8()).object();
    QCOMPARE(json.value(s("operations")).toArray(), QJsonArray{s("create index t_id on t")});
    QVERIFY(QFile::exists(json.value(s("path")).toString()));
    QVERIFY(r.err.contains(s("Detected ")));
}

// strata.ini names both dialects: the live SQLite database gives the sqlite section, the
// revisions replayed in a scratch schema on --scratch-url the postgresql one; the
// postgresql section then upgrades and downgrades a real PostgreSQL database.
void TestAutogenerateCli::bothDialects()
{
    QTemporaryDir dir;
    writeText(dir.filePath(s("strata.ini")), s("[strata]\nscript_location = versions\nurl = sqlite:///a.db\n"
                                               "dialects = sqlite, postgresql\n"));
    QDir(dir.path()).mkdir(s("versions"));
    const QString v1 = s("CREATE TABLE books (id INTEGER PRIMARY KEY, title VARCHAR(200) NOT NULL);\n");
    const QString v2 = s("CREATE TABLE books (id INTEGER PRIMARY KEY, title VARCHAR(200) NOT NULL, pages INTEGER);\n"
                         "CREATE INDEX books_title_idx ON books (title);\n");
    writeText(dir.filePath(s("v1.sql")), v1);
    writeText(dir.filePath(s("v2.sql")), v2);
    const QStringList first{s("revision"), s("--autogenerate"), s("-m"), s("create books"), s("--rev-id"), s("r1"), s("--target"), s("v1.sql")};
    Run r = run(STRATA_MIGRATE_BIN, dir.path(), first);
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(s("pass --scratch-url postgresql://")), qPrintable(r.err));
    r = run(STRATA_MIGRATE_BIN, dir.path(), {s("revision"), s("--autogenerate"), s("-m"), s("x"), s("--target"), s("sqlite:///a.db")});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(s("--target models or --target SCHEMA.sql")), qPrintable(r.err));
    QVERIFY(QDir(dir.filePath(s("versions"))).isEmpty());

    STRATA_REQUIRE_PG(serverUrl);
    test::ScratchPgDatabase scratch(serverUrl);
    test::ScratchPgDatabase target(serverUrl);
    QVERIFY2(scratch.error().isEmpty() && target.error().isEmpty(), qPrintable(scratch.error() + target.error()));
    const QStringList scratchUrl{s("--scratch-url"), scratch.url()};
    r = run(STRATA_MIGRATE_BIN, dir.path(), first + scratchUrl);
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY2(r.err.contains(s("Detected (postgresql) create table books")), qPrintable(r.err));
    r = run(STRATA_MIGRATE_BIN, dir.path(), {s("upgrade"), s("head")});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    r = run(STRATA_MIGRATE_BIN, dir.path(), QStringList{s("revision"), s("--autogenerate"), s("-m"), s("add pages"), s("--rev-id"),
                                                        s("r2"), s("--target"), s("v2.sql")} + scratchUrl);
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const QString text = readText(generatedPath(r));
    for (const char *section : {"-- +upgrade sqlite\n", "-- +downgrade sqlite\n", "-- +upgrade postgresql\n", "-- +downgrade postgresql\n"})
        QVERIFY2(text.contains(s(section)), qPrintable(text));
    QVERIFY2(!text.contains(s("CREATE TABLE")), qPrintable(text));   // the replayed r1 already has the table
    Result<migrate::RevisionScript> parsed = migrate::RevisionFileParser::parse(text, s("r2.sql"));
    QVERIFY2(parsed.ok(), parsed ? "" : qPrintable(parsed.error().message));
    QVERIFY(parsed->section(migrate::Direction::Upgrade, s("postgresql")).ok());
    // nothing is left in the scratch server
    QSqlDatabase scratchDb = test::openTestDatabase(scratch.url());
    QSqlQuery q(scratchDb);
    QVERIFY(q.exec(s("SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'strata_autogen%'")) && q.next());
    QCOMPARE(q.value(0).toInt(), 0);
    QVERIFY(q.exec(s("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")) && q.next());
    QCOMPARE(q.value(0).toInt(), 0);
    q.finish();
    test::closeTestDatabase(scratchDb);

    // The postgresql sections on a real database: to r1, then r2, then back.
    const QStringList pgUrl{s("--url"), target.url()};
    r = run(STRATA_MIGRATE_BIN, dir.path(), pgUrl + QStringList{s("upgrade"), s("r1")});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    r = run(STRATA_MIGRATE_BIN, dir.path(), pgUrl + QStringList{s("upgrade"), s("head")});
    QVERIFY2(r.code == 0, qPrintable(r.err + text));
    QSqlDatabase pg = test::openTestDatabase(target.url());
    QCOMPARE(compareWith(pg, migrate::autogen::snapshotFromSql(pg, v2)), QStringList());
    test::closeTestDatabase(pg);
    r = run(STRATA_MIGRATE_BIN, dir.path(), pgUrl + QStringList{s("downgrade"), s("-1")});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    pg = test::openTestDatabase(target.url());
    QCOMPARE(compareWith(pg, migrate::autogen::snapshotFromSql(pg, v1)), QStringList());
    test::closeTestDatabase(pg);
}

STRATA_TEST_MAIN(TestAutogenerateCli)
#include "tst_autogenerate_cli.moc"
