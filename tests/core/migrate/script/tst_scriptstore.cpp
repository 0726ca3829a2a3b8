#include "migrate/script/alembicreader.h"
#include "migrate/script/projectconfig.h"
#include "migrate/script/revisionwriter.h"
#include "migrate/script/scriptstore.h"
#include "support/testenvironment.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace strata;
using namespace strata::migrate;

namespace {

QString s(const char *text) { return QString::fromUtf8(text); }

void writeFile(const QString &path, const QString &text)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(text.toUtf8());
}

QString revision(const char *id, const char *down)
{
    return QStringLiteral("-- revision: %1\n-- down_revision: %2\n-- message: m %1\n\n-- +upgrade\nSELECT 1;\n-- +downgrade\nSELECT 2;\n")
        .arg(s(id), s(down));
}

} // namespace

class TestScriptStore : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void loadsDirectory();
    void reportsEveryBadFile();
    void unknownParentWithLine();
    void duplicateAcrossFiles();
    void cycleAcrossFiles();
    void fromQtResource();
    void configDefaultsAndErrors();
    void slugAsAlembic();
    void fileTemplate();
    void writeAndReadBack();
    void alembicProject();
};

void TestScriptStore::loadsDirectory()
{
    QTemporaryDir dir;
    writeFile(dir.filePath(s("strata.ini")), s("[strata]\n"));
    writeFile(dir.filePath(s("versions/a.sql")), revision("a1", "none"));
    writeFile(dir.filePath(s("versions/b.sql")), revision("b2", "a1"));
    writeFile(dir.filePath(s("versions/notes.txt")), s("ignored"));
    const Result<ProjectConfig> config = ProjectConfig::load(dir.filePath(s("strata.ini")));
    QVERIFY(config.ok());
    const Result<ScriptStore> store = ScriptStore::load(*config);
    QVERIFY2(store.ok(), qPrintable(store.ok() ? QString() : store.error().message));
    QCOMPARE(store->scripts().size(), 2);
    QCOMPARE(store->graph().heads(), QStringList{s("b2")});
    QCOMPARE(store->find(s("a1"))->displayPath, s("versions/a.sql"));
    QVERIFY(store->find(s("zz")) == nullptr);
}

void TestScriptStore::reportsEveryBadFile()
{
    QTemporaryDir dir;
    writeFile(dir.filePath(s("versions/a.sql")), s("-- revision: a1\n-- +upgrade\n"));
    writeFile(dir.filePath(s("versions/b.sql")), s("-- revision: b1\n-- down_revision: none\n-- colour: red\n-- +upgrade\n"));
    const Result<ScriptStore> store = ScriptStore::load(ProjectConfig::forScriptDirectory(dir.filePath(s("versions"))));
    QVERIFY(!store.ok());
    QCOMPARE(store.error().kind, ErrorKind::Migration);
    const QStringList lines = store.error().message.split(QLatin1Char('\n'));
    QCOMPARE(lines.size(), 2);
    QVERIFY2(lines[0].startsWith(s("versions/a.sql:1: missing '-- down_revision:'")), qPrintable(lines[0]));
    QVERIFY2(lines[1].startsWith(s("versions/b.sql:3: unknown header key 'colour'")), qPrintable(lines[1]));
}

void TestScriptStore::unknownParentWithLine()
{
    QTemporaryDir dir;
    writeFile(dir.filePath(s("versions/a.sql")), revision("a1", "none"));
    writeFile(dir.filePath(s("versions/b.sql")), revision("b2", "nothere"));
    const Result<ScriptStore> store = ScriptStore::load(ProjectConfig::forScriptDirectory(dir.filePath(s("versions"))));
    QVERIFY(!store.ok());
    QCOMPARE(store.error().message, s("versions/b.sql:2: down_revision 'nothere' of revision b2 is not a known revision"));
}

void TestScriptStore::duplicateAcrossFiles()
{
    QTemporaryDir dir;
    writeFile(dir.filePath(s("versions/a.sql")), revision("a1", "none"));
    writeFile(dir.filePath(s("versions/b.sql")), revision("a1", "none"));
    const Result<ScriptStore> store = ScriptStore::load(ProjectConfig::forScriptDirectory(dir.filePath(s("versions"))));
    QVERIFY(!store.ok());
    QCOMPARE(store.error().message, s("versions/b.sql:1: duplicate revision id 'a1' (also in versions/a.sql:1)"));
}

void TestScriptStore::cycleAcrossFiles()
{
    QTemporaryDir dir;
    writeFile(dir.filePath(s("versions/a.sql")), revision("a1", "b2"));
    writeFile(dir.filePath(s("versions/b.sql")), revision("b2", "a1"));
    const Result<ScriptStore> store = ScriptStore::load(ProjectConfig::forScriptDirectory(dir.filePath(s("versions"))));
    QVERIFY(!store.ok());
    QVERIFY2(store.error().message.contains(s(".sql:2: cycle in the revision graph: ")), qPrintable(store.error().message));
}

void TestScriptStore::fromQtResource()
{
    const Result<ProjectConfig> config = ProjectConfig::load(s(":/migrations/strata.ini"));
    QVERIFY2(config.ok(), qPrintable(config.ok() ? QString() : config.error().message));
    QCOMPARE(config->scriptDir, s(":/migrations/versions"));
    const Result<ScriptStore> store = ScriptStore::load(*config);
    QVERIFY2(store.ok(), qPrintable(store.ok() ? QString() : store.error().message));
    QCOMPARE(store->graph().heads(), QStringList{s("ae1027a6acf0")});
    QCOMPARE(store->find(s("1975ea83b712"))->message, s("create books table"));
    const Result<ScriptStore> direct = ScriptStore::load(ProjectConfig::forScriptDirectory(s(":/migrations/versions")));
    QVERIFY(direct.ok());
    QCOMPARE(direct->scripts().size(), 2);
}

void TestScriptStore::configDefaultsAndErrors()
{
    QTemporaryDir dir;
    writeFile(dir.filePath(s("strata.ini")), s("[strata]\nversion_table = alembic_version\nversion_table_schema = ops\n"
                                               "transaction_per_migration = true\nscript_location = migrations/v\n"));
    const Result<ProjectConfig> c = ProjectConfig::load(dir.filePath(s("strata.ini")));
    QVERIFY(c.ok());
    QCOMPARE(c->versionTable, s("alembic_version"));
    QCOMPARE(c->historyTable(), s("alembic_version_history"));
    QCOMPARE(c->versionTableSchema, s("ops"));
    QVERIFY(c->transactionPerMigration);
    QCOMPARE(c->scriptDir, QDir::cleanPath(dir.filePath(s("migrations/v"))));
    QCOMPARE(c->fileTemplate, s("%(rev)s_%(slug)s"));
    writeFile(dir.filePath(s("bad.ini")), s("[strata]\nscript_locaton = x\n"));
    QVERIFY(ProjectConfig::load(dir.filePath(s("bad.ini"))).error().message.contains(s("unknown setting 'script_locaton'")));
    QCOMPARE(ProjectConfig::load(dir.filePath(s("none.ini"))).error().kind, ErrorKind::NotFound);
    QVERIFY(c->dialects.isEmpty());   // default: the database's dialect
    writeFile(dir.filePath(s("both.ini")), s("[strata]\ndialects = SQLite, postgresql, sqlite\n"));
    const Result<ProjectConfig> both = ProjectConfig::load(dir.filePath(s("both.ini")));
    QVERIFY(both.ok());
    QCOMPARE(both->dialects, (QStringList{s("sqlite"), s("postgresql")}));
    writeFile(dir.filePath(s("oracle.ini")), s("[strata]\ndialects = sqlite, oracle\n"));
    QVERIFY(ProjectConfig::load(dir.filePath(s("oracle.ini"))).error().message.contains(s("unknown dialect 'oracle'")));
}

void TestScriptStore::slugAsAlembic()
{
    QCOMPARE(RevisionWriter::slug(s("create books table")), s("create_books_table"));
    QCOMPARE(RevisionWriter::slug(s("Add price, (again)!")), s("add_price_again"));
    QCOMPARE(RevisionWriter::slug(s("one two three four five six seven eight nine")), s("one_two_three_four_five_six_seven_eight_"));
    QCOMPARE(RevisionWriter::slug(s("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")), s("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa_"));
    QCOMPARE(RevisionWriter::slug(QString()), QString());
    const QString id = RevisionWriter::generateId();
    QCOMPARE(id.size(), 12);
    QVERIFY(QRegularExpression(s("^[0-9a-f]{12}$")).match(id).hasMatch());
    QVERIFY(RevisionWriter::generateId() != id);
}

void TestScriptStore::fileTemplate()
{
    const QDateTime t(QDate(2026, 3, 4), QTime(5, 6, 7));
    QCOMPARE(RevisionWriter::fileName(s("%(rev)s_%(slug)s"), s("abc"), s("x_y"), t), s("abc_x_y.sql"));
    QCOMPARE(RevisionWriter::fileName(s("%(year)d_%(month).2d_%(day).2d_%(hour).2d%(minute).2d-%(rev)s_%(slug)s %%"),
                                      s("abc"), s("x"), t),
             s("2026_03_04_0506-abc_x %.sql"));
}

void TestScriptStore::writeAndReadBack()
{
    QTemporaryDir dir;
    ProjectConfig config = ProjectConfig::forScriptDirectory(dir.filePath(s("versions")));
    config.projectDir = dir.path();
    RevisionScript merge;
    merge.id = s("cafe00000001");
    merge.downRevisions = {s("a1"), s("b2")};
    merge.message = s("merge heads");
    merge.branchLabels = {s("main")};
    merge.dependsOn = {s("c3")};
    const Result<RevisionScript> written = RevisionWriter::write(config, merge, QDateTime(QDate(2026, 1, 2), QTime(3, 4, 5)));
    QVERIFY(written.ok());
    QCOMPARE(written->displayPath, s("versions/cafe00000001_merge_heads.sql"));
    QFile f(written->path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(QString::fromUtf8(f.readAll()),
             s("-- revision: cafe00000001\n-- down_revision: a1, b2\n-- message: merge heads\n-- branch_labels: main\n"
               "-- depends_on: c3\n-- created: 2026-01-02 03:04:05\n\n-- +upgrade\n\n-- +downgrade\n"));
    const Result<RevisionScript> again = RevisionWriter::write(config, merge, QDateTime(QDate(2026, 1, 2), QTime(3, 4, 5)));
    QVERIFY(!again.ok());
    merge.id = s("x@y");
    QVERIFY(!RevisionWriter::write(config, merge, QDateTime::currentDateTime()).ok());
}

void TestScriptStore::alembicProject()
{
    QTemporaryDir dir;
    writeFile(dir.filePath(s("alembic.ini")), s("[alembic]\nscript_location = %(here)s/alembic\nsqlalchemy.url = sqlite:///app.db\n"));
    writeFile(dir.filePath(s("alembic/versions/__init__.py")), QString());
    writeFile(dir.filePath(s("alembic/versions/1975ea83b712_create.py")),
              s("\"\"\"create account table\n\nRevision ID: 1975ea83b712\nRevises:\nCreate Date: 2011-11-08 11:40:27.089406\n\n\"\"\"\n"
                "from alembic import op\nimport sqlalchemy as sa\n\n"
                "# revision identifiers, used by Alembic.\nrevision = '1975ea83b712'\ndown_revision = None\n"
                "branch_labels = None\ndepends_on = None\n\ndef upgrade():\n    pass\n"));
    writeFile(dir.filePath(s("alembic/versions/ae1027a6acf_b.py")),
              s("\"\"\"add a column\"\"\"\nrevision: str = \"ae1027a6acf\"\ndown_revision: Union[str, None] = \"1975ea83b712\"\n"
                "branch_labels: Union[str, Sequence[str], None] = ('shop',)\ndepends_on = None\n"));
    writeFile(dir.filePath(s("alembic/versions/27c6a30d7c24_c.py")),
              s("'''other branch'''\nrevision = '27c6a30d7c24'\ndown_revision = '1975ea83b712'\n"));
    writeFile(dir.filePath(s("alembic/versions/53fffde5ad5_merge.py")),
              s("\"\"\"merge\"\"\"\nrevision = '53fffde5ad5'\ndown_revision = (\n    'ae1027a6acf',\n    '27c6a30d7c24',\n)\n"));
    const Result<ProjectConfig> config = ProjectConfig::load(dir.filePath(s("alembic.ini")));
    QVERIFY(config.ok());
    QVERIFY(config->alembic);
    QCOMPARE(config->versionTable, s("alembic_version"));
    QCOMPARE(config->url, s("sqlite:///app.db"));
    const Result<ScriptStore> store = ScriptStore::load(*config);
    QVERIFY2(store.ok(), qPrintable(store.ok() ? QString() : store.error().message));
    QCOMPARE(store->scripts().size(), 4);
    QCOMPARE(store->graph().heads(), QStringList{s("53fffde5ad5")});
    QCOMPARE(store->find(s("53fffde5ad5"))->downRevisions, QStringList({s("ae1027a6acf"), s("27c6a30d7c24")}));
    QCOMPARE(store->find(s("ae1027a6acf"))->branchLabels, QStringList{s("shop")});
    QCOMPARE(store->find(s("1975ea83b712"))->message, s("create account table"));
    QCOMPARE(store->find(s("1975ea83b712"))->created, s("2011-11-08 11:40:27.089406"));
    QVERIFY(!store->find(s("1975ea83b712"))->section(Direction::Upgrade, s("sqlite")).ok());
}

STRATA_TEST_MAIN(TestScriptStore)
#include "tst_scriptstore.moc"
