// `revision --autogenerate` run as a user runs it: strata-migrate on a copy of the demo
// database against a changed schema.sql (generate, upgrade, downgrade; every row kept), and
// books-migrate, a runner built with the books models (--target models).

#include "../../core/migrate/autogen/autogentesting.h"

#include "demo/demodatabase.h"
#include "dialect/dialect.h"
#include "migrate/autogen/comparator.h"
#include "migrate/autogen/snapshotsources.h"
#include "support/scratchdatabase.h"
#include "support/testenvironment.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QSqlRecord>
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

Run run(const char *binary, const QString &dir, const QStringList &args)
{
    QProcess p;
    p.setWorkingDirectory(dir);
    QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
    e.remove(s("DATABASE_URL"));
    e.remove(s("STRATA_DATABASE_URL"));
    p.setProcessEnvironment(e);
    p.start(s(binary), args);
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
    const Result<migrate::ops::SchemaSnapshot> end = migrate::autogen::readSnapshot(db);
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

STRATA_TEST_MAIN(TestAutogenerateCli)
#include "tst_autogenerate_cli.moc"
