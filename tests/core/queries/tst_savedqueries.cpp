// Saved queries (core/queries): the folder of .sql files (save, list, search, replace only
// when asked, remove, names that are no file names) and snippet placeholders.

#include "connection/connectionprofile.h"
#include "queries/savedqueryfolder.h"
#include "queries/snippet.h"
#include "support/testenvironment.h"

#include <QDir>
#include <QFile>
#include <QtTest>

using namespace strata;
using namespace strata::queries;

namespace {
QString u(const char *text)
{
    return QString::fromUtf8(text);
}
QStringList namesOf(const QList<SavedQuery> &queries)
{
    QStringList out;
    for (const SavedQuery &q : queries)
        out << q.name;
    return out;
}
}   // namespace

class TestSavedQueries : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void saveListSearchRemove();
    void fileNames_data();
    void fileNames();
    void defaultFolderPerConnection();
    void snippets_data();
    void snippets();
};

void TestSavedQueries::saveListSearchRemove()
{
    const QString dir = test::tempPath(u("queries/project"));
    const SavedQueryFolder folder(dir);
    QVERIFY(folder.list().ok());
    QVERIFY(folder.list()->isEmpty());   // no folder yet: no queries, no error
    Result<QString> saved = folder.save(u("Long books"), u("SELECT * FROM books WHERE pages > 700"));
    QVERIFY(saved.ok());
    QCOMPARE(saved.value(), QDir(dir).filePath(u("Long books.sql")));
    QVERIFY(folder.save(u("authors by country"), u("SELECT country, count(*) FROM authors GROUP BY 1")).ok());
    QVERIFY(folder.save(u("Ünïcode"), u("SELECT 'ü'")).ok());
    // A file someone else put there (git pull): the files are the truth.
    QFile other(QDir(dir).filePath(u("from git.sql")));
    QVERIFY(other.open(QIODevice::WriteOnly));
    other.write("-- shared\nSELECT 1\n");
    other.close();
    QFile notSql(QDir(dir).filePath(u("notes.txt")));
    QVERIFY(notSql.open(QIODevice::WriteOnly));
    notSql.close();
    const Result<QList<SavedQuery>> all = folder.list();
    QVERIFY(all.ok());
    QCOMPARE(namesOf(*all), (QStringList{u("authors by country"), u("from git"), u("Long books"), u("Ünïcode")}));
    QCOMPARE(all->at(1).text, u("-- shared\nSELECT 1\n"));
    // Search: every word, in the name or the text, any case.
    QCOMPARE(namesOf(SavedQueryFolder::filter(*all, u("BOOKS"))), QStringList{u("Long books")});
    QCOMPARE(namesOf(SavedQueryFolder::filter(*all, u("select count"))), QStringList{u("authors by country")});
    QCOMPARE(namesOf(SavedQueryFolder::filter(*all, u("shared"))), QStringList{u("from git")});
    QCOMPARE(SavedQueryFolder::filter(*all, u("  ")).size(), all->size());
    // Replacing needs asking.
    Result<QString> again = folder.save(u("Long books"), u("SELECT 3"));
    QVERIFY(!again.ok());
    QCOMPARE(again.error().kind, ErrorKind::Conflict);
    QVERIFY(folder.save(u("Long books"), u("SELECT 3"), true).ok());
    QFile replaced(QDir(dir).filePath(u("Long books.sql")));
    QVERIFY(replaced.open(QIODevice::ReadOnly));
    QCOMPARE(replaced.readAll(), QByteArray("SELECT 3"));
    QVERIFY(folder.remove(u("Long books")).ok());
    QVERIFY(!QFile::exists(QDir(dir).filePath(u("Long books.sql"))));
    QCOMPARE(folder.remove(u("Long books")).error().kind, ErrorKind::NotFound);
    QCOMPARE(folder.save(u("  "), u("x")).error().kind, ErrorKind::Syntax);
}

void TestSavedQueries::fileNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("file");
    QTest::newRow("plain") << u("report") << u("report.sql");
    QTest::newRow("already .sql") << u("report.SQL") << u("report.sql");
    QTest::newRow("path separators") << u("../../etc/passwd") << u("_.._etc_passwd.sql");
    QTest::newRow("hidden") << u(".hidden") << u("hidden.sql");
    QTest::newRow("windows characters") << u("a:b*c?\"d<e>f|g") << u("a_b_c__d_e_f_g.sql");
    QTest::newRow("control") << u("tab\there") << u("tab_here.sql");
    QTest::newRow("unicode kept") << u("Ünïcode 📚") << u("Ünïcode 📚.sql");
    QTest::newRow("nothing left") << u("...") << QString();
    QTest::newRow("empty") << QString() << QString();
}

void TestSavedQueries::fileNames()
{
    QFETCH(QString, name);
    QFETCH(QString, file);
    QCOMPARE(SavedQueryFolder::fileNameFor(name), file);
}

void TestSavedQueries::defaultFolderPerConnection()
{
    connection::ConnectionProfile a;
    a.driver = dialect::DialectKind::Sqlite;
    a.filePath = u("/data/books.db");
    connection::ConnectionProfile b = a;
    b.filePath = u("/data/music.db");
    const QString folderA = SavedQueryFolder::defaultFolder(u("/home/x/.local/share/Strata"), a);
    QCOMPARE(folderA, SavedQueryFolder::defaultFolder(u("/home/x/.local/share/Strata"), a));   // stable
    QVERIFY(folderA != SavedQueryFolder::defaultFolder(u("/home/x/.local/share/Strata"), b));
    QVERIFY(folderA.startsWith(u("/home/x/.local/share/Strata/saved-queries/")));
}

void TestSavedQueries::snippets_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expanded");
    QTest::addColumn<QStringList>("fields");   // name@start+length
    QTest::newRow("none") << u("SELECT 1") << u("SELECT 1") << QStringList();
    QTest::newRow("default") << u("SELECT * FROM books WHERE pages > ${min_pages:500}")
                             << u("SELECT * FROM books WHERE pages > 500") << QStringList{u("min_pages@34+3")};
    QTest::newRow("bare name") << u("WHERE id = ${id}") << u("WHERE id = id") << QStringList{u("id@11+2")};
    QTest::newRow("two") << u("${a:1} + ${b:22}") << u("1 + 22") << QStringList{u("a@0+1"), u("b@4+2")};
    QTest::newRow("empty default") << u("x${v:}y") << u("xy") << QStringList{u("v@1+0")};
    QTest::newRow("dollar quotes untouched") << u("DO $$ BEGIN PERFORM 1; END $$; SELECT $tag$x$tag$")
                                             << u("DO $$ BEGIN PERFORM 1; END $$; SELECT $tag$x$tag$") << QStringList();
    QTest::newRow("not a placeholder") << u("${} ${1a} ${a b} ${open") << u("${} ${1a} ${a b} ${open") << QStringList();
    QTest::newRow("default across lines is not one") << u("${a:x\n}") << u("${a:x\n}") << QStringList();
}

void TestSavedQueries::snippets()
{
    QFETCH(QString, text);
    QFETCH(QString, expanded);
    QFETCH(QStringList, fields);
    const ExpandedSnippet snippet = expandSnippet(text);
    QCOMPARE(snippet.text, expanded);
    QStringList got;
    for (const SnippetField &f : snippet.fields)
        got << u("%1@%2+%3").arg(f.name).arg(f.start).arg(f.length);
    QCOMPARE(got, fields);
}

STRATA_TEST_MAIN(TestSavedQueries)
#include "tst_savedqueries.moc"
