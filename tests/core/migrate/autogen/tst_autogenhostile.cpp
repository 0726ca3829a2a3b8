// Autogenerate with hostile object names, both dialects (issue 16, item 1): a name is
// written into the revision's SQL (quoted by the dialect) and into its "-- REVIEW:"
// comments and message. Whatever the name holds (line breaks of every kind, "*/", "/*",
// "--", quotes, backslashes, a section marker), the generated file reads back as exactly
// the sections it was written from, `upgrade` creates the column with exactly that name
// and leaves every other table alone, and `downgrade` undoes it.

#include "autogentesting.h"

#include "migrate/autogen/autogenerator.h"
#include "migrate/autogen/snapshotsources.h"
#include "migrate/runner/migrationrunner.h"
#include "migrate/script/scriptstore.h"
#include "support/scratchdatabase.h"
#include "support/testenvironment.h"

#include <QDir>
#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>
#include <memory>

using namespace strata;
using namespace strata::migrate;
using namespace autogentest;

namespace {

struct Project {
    QTemporaryDir dir;
    std::unique_ptr<test::ScratchPgDatabase> pg;
    QSqlDatabase db;
    QString error;
    ProjectConfig config;

    explicit Project(bool postgres)
    {
        QString url = dir.filePath(s("hostile.db"));
        if (postgres) {
            pg = std::make_unique<test::ScratchPgDatabase>(test::postgresUrl());
            url = pg->url();
            error = pg->error();
        }
        if (error.isEmpty())
            db = test::openTestDatabase(url, &error);
        QDir().mkpath(dir.filePath(s("versions")));
        QFile ini(dir.filePath(s("strata.ini")));
        if (ini.open(QIODevice::WriteOnly))
            ini.write("[strata]\nscript_location = versions\n");
        ini.close();
        Result<ProjectConfig> loaded = ProjectConfig::load(dir.filePath(s("strata.ini")));
        if (loaded)
            config = *loaded;
        else
            error = loaded.error().message;
    }
    ~Project() { test::closeTestDatabase(db); }

    bool exec(const QString &sql)
    {
        QSqlQuery q(db);
        if (!q.exec(sql)) {
            qWarning("%s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
            return false;
        }
        return true;
    }
    int count(const QString &table)
    {
        QSqlQuery q(db);
        return q.exec(s("SELECT count(*) FROM ") + table) && q.next() ? q.value(0).toInt() : -1;
    }
    QStringList columns(const QString &table)
    {
        Result<ops::SchemaSnapshot> snap = autogen::readSnapshot(db);
        if (!snap)
            return {s("error: ") + snap.error().message};
        for (const catalog::TableDetail &t : snap->tables)
            if (t.relation.name == table) {
                QStringList names;
                for (const catalog::ColumnInfo &c : t.columns)
                    names.append(c.name);
                return names;
            }
        return {};
    }
    QStringList versionFiles() const { return QDir(dir.filePath(s("versions"))).entryList(QDir::Files); }
};

QString withoutOuterBlankLines(const QString &sql)
{
    QStringList lines = sql.split(QLatin1Char('\n'));
    while (!lines.isEmpty() && lines.first().trimmed().isEmpty())
        lines.removeFirst();
    while (!lines.isEmpty() && lines.last().trimmed().isEmpty())
        lines.removeLast();
    return lines.join(QLatin1Char('\n'));
}

} // namespace

class TestAutogenHostile : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void hostileNames_data();
    void hostileNames();
    void hostileMessage_data();
    void hostileMessage();
    void lineBreakPairRefusedCleanly_data();
    void lineBreakPairRefusedCleanly();
};

void TestAutogenHostile::hostileNames_data()
{
    QTest::addColumn<bool>("postgres");
    QTest::addColumn<QString>("name");
    const QList<QPair<const char *, QString>> names{
        {"newline statement", s("a\nDELETE FROM keep; --")},
        {"newline marker", s("b\n-- +downgrade")},
        {"marker line", s("c\n-- +upgrade sqlite\nDELETE FROM keep;")},
        {"carriage return", s("d\rDELETE FROM keep; --")},
        {"end of block comment", s("e */ DELETE FROM keep; /*")},
        {"block comment", s("f /* g")},
        {"line comment", s("h -- i")},
        {"quotes", s("j'k\"l`m[n]")},
        {"backslashes", s("o\\p\\")},
        {"unicode separators", s("q\u2028DELETE FROM keep;\u2029-- +downgrade\u0085r")},
        {"header line", s("t\n-- transactional: false")},
    };
    for (const bool postgres : {false, true})
        for (const auto &[label, name] : names)
            QTest::newRow(qPrintable(QStringLiteral("%1 %2").arg(postgres ? s("postgresql") : s("sqlite"), s(label))))
                << postgres << name;
}

void TestAutogenHostile::hostileNames()
{
    QFETCH(bool, postgres);
    QFETCH(QString, name);
    if (postgres) {
        STRATA_REQUIRE_PG(pgUrl);
    }
    Project p(postgres);
    QVERIFY2(p.error.isEmpty(), qPrintable(p.error));
    QVERIFY(p.exec(s("CREATE TABLE keep (id INTEGER PRIMARY KEY, v TEXT)")));
    QVERIFY(p.exec(s("INSERT INTO keep (id, v) VALUES (1, 'one'), (2, 'two'), (3, 'three')")));
    QVERIFY(p.exec(s("CREATE TABLE t (id INTEGER PRIMARY KEY, old TEXT)")));
    QVERIFY(p.exec(s("INSERT INTO t (id, old) VALUES (1, 'x')")));
    Result<ops::SchemaSnapshot> before = autogen::readSnapshot(p.db);
    QVERIFY2(before.ok(), before.ok() ? "" : qPrintable(before.error().message));

    // A rename (its review note names the column both ways) and an added column.
    autogen::AutogenRequest request;
    request.message = s("rename a column");
    request.operations = {ops::RenameColumn{before->schema, s("t"), s("old"), name},
                          ops::AddColumn{before->schema, s("t"), col("", "TEXT")}};
    std::get<ops::AddColumn>(request.operations[1]).column.name = name + s("2");
    request.before = {*before};
    Result<RevisionScript> written = autogen::writeRevision(p.config, request);
    QVERIFY2(written.ok(), written.ok() ? "" : qPrintable(written.error().message));

    // The file reads back as exactly the sections it was written from.
    Result<ScriptStore> store = ScriptStore::load(p.config);
    QVERIFY2(store.ok(), store.ok() ? "" : qPrintable(store.error().message));
    QCOMPARE(store->scripts().size(), 1);
    const RevisionScript &back = store->scripts().first();
    QCOMPARE(back.id, written->id);
    QCOMPARE(back.transactional, true);
    QCOMPARE(back.sections.keys(), written->sections.keys());
    for (auto it = written->sections.cbegin(); it != written->sections.cend(); ++it)
        QCOMPARE(back.sections.value(it.key()).sql, withoutOuterBlankLines(it->sql));
    QVERIFY(!back.message.contains(QLatin1Char('\n')));
    QVERIFY2(back.sections.value(s("upgrade")).sql.contains(s("-- REVIEW: ")),
             qPrintable(back.sections.value(s("upgrade")).sql));

    // Upgrade: the column has exactly the hostile name, the other table is untouched.
    RunnerOptions options;
    options.lockTimeoutSeconds = 20;
    MigrationRunner runner(p.db, *store, options);
    Result<RunResult> up = runner.upgrade(s("head"));
    QVERIFY2(up.ok(), up.ok() ? "" : qPrintable(up.error().message));
    QCOMPARE(p.count(s("keep")), 3);
    QCOMPARE(p.columns(s("t")), QStringList({s("id"), name, name + s("2")}));
    QCOMPARE(p.count(s("t")), 1);

    // Downgrade undoes exactly that.
    Result<RunResult> down = runner.downgrade(s("base"));
    QVERIFY2(down.ok(), down.ok() ? "" : qPrintable(down.error().message));
    QCOMPARE(p.count(s("keep")), 3);
    QCOMPARE(p.columns(s("t")), QStringList({s("id"), s("old")}));
}

void TestAutogenHostile::hostileMessage_data()
{
    QTest::addColumn<QString>("message");
    QTest::newRow("statement") << s("add\nDROP TABLE keep; --");
    QTest::newRow("marker") << s("add\n-- +downgrade");
    QTest::newRow("carriage return") << s("add\r-- +upgrade");
    QTest::newRow("separator") << s("add\u2028-- +downgrade");
}

// The message goes into the header ("-- message: ..."): one line, whatever it holds.
void TestAutogenHostile::hostileMessage()
{
    QFETCH(QString, message);
    Project p(false);
    QVERIFY2(p.error.isEmpty(), qPrintable(p.error));
    QVERIFY(p.exec(s("CREATE TABLE keep (id INTEGER PRIMARY KEY)")));
    QVERIFY(p.exec(s("CREATE TABLE t (id INTEGER PRIMARY KEY)")));
    Result<ops::SchemaSnapshot> before = autogen::readSnapshot(p.db);
    QVERIFY(before.ok());
    autogen::AutogenRequest request;
    request.message = message;
    request.operations = {ops::AddColumn{before->schema, s("t"), col("x", "TEXT")}};
    request.before = {*before};
    Result<RevisionScript> written = autogen::writeRevision(p.config, request);
    QVERIFY2(written.ok(), written.ok() ? "" : qPrintable(written.error().message));
    Result<ScriptStore> store = ScriptStore::load(p.config);
    QVERIFY2(store.ok(), store.ok() ? "" : qPrintable(store.error().message));
    const RevisionScript &back = store->scripts().first();
    QVERIFY(!back.message.contains(QLatin1Char('\n')));
    QVERIFY(back.message.startsWith(s("add")));
    QCOMPARE(back.sections.keys(), QStringList({s("downgrade"), s("upgrade")}));
    QCOMPARE(back.sections.value(s("upgrade")).sql, withoutOuterBlankLines(written->sections.value(s("upgrade")).sql));
}

void TestAutogenHostile::lineBreakPairRefusedCleanly_data()
{
    QTest::addColumn<bool>("postgres");
    QTest::newRow("sqlite") << false;
    QTest::newRow("postgresql") << true;
}

// A name holding "\r\n" cannot be carried by a file whose lines may end in "\r\n" (a reader
// turns it into "\n"): autogenerate refuses and writes nothing, rather than a file that
// would create a differently named column.
void TestAutogenHostile::lineBreakPairRefusedCleanly()
{
    QFETCH(bool, postgres);
    if (postgres) {
        STRATA_REQUIRE_PG(pgUrl);
    }
    Project p(postgres);
    QVERIFY2(p.error.isEmpty(), qPrintable(p.error));
    QVERIFY(p.exec(s("CREATE TABLE t (id INTEGER PRIMARY KEY)")));
    Result<ops::SchemaSnapshot> before = autogen::readSnapshot(p.db);
    QVERIFY(before.ok());
    autogen::AutogenRequest request;
    request.message = s("add");
    request.operations = {ops::AddColumn{before->schema, s("t"), col("", "TEXT")}};
    std::get<ops::AddColumn>(request.operations[0]).column.name = s("crlf\r\n-- +downgrade\r\nDROP TABLE t; --");
    request.before = {*before};
    Result<RevisionScript> written = autogen::writeRevision(p.config, request);
    QVERIFY(!written.ok());
    QVERIFY2(written.error().message.contains(s("would not read back as written")), qPrintable(written.error().message));
    QCOMPARE(p.versionFiles(), QStringList());
}

STRATA_TEST_MAIN(TestAutogenHostile)
#include "tst_autogenhostile.moc"
