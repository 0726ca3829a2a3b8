// The migration panel driven as a person would: offscreen, on real SQLite files and on the
// throwaway PostgreSQL server, with the books tutorial project (a branch and a merge).
// Confirmations go through an injected confirmer that inspects the real dialog, except for
// the production test, which answers the modal dialog itself.

#include "core/migrate/support/bookproject.h"
#include "console/consoletab.h"
#include "console/sqleditor.h"
#include "mainwindow/mainwindow.h"
#include "migrations/migrationconfirmdialog.h"
#include "migrations/migrationpanel.h"
#include "migrations/revisiongraphwidget.h"
#include "support/scratchdatabase.h"
#include "support/testenvironment.h"

#include "connection/connectionstring.h"

#include <QAction>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QMenuBar>
#include <QTabWidget>
#include <QTimer>
#include <QTreeWidget>
#include <QtTest>

using namespace strata;
using namespace strata::ui;
using strata::test::books::s;
using NodeStatus = RevisionView::Status;

namespace {

connection::ConnectionSpec sqliteSpec(const QString &path)
{
    connection::ConnectionSpec spec;
    spec.profile.driver = dialect::DialectKind::Sqlite;
    spec.profile.filePath = path;
    spec.profile.createIfMissing = true;
    return spec;
}

QString newProject(const QString &name, bool withMerge = true, const QString &iniExtra = {})
{
    const QString dir = test::tempPath(name);
    test::books::writeProject(dir, withMerge, iniExtra);
    return dir;
}

/// A revision after the merge whose second statement fails (line 8 of its file).
void addFailingRevision(const QString &dir)
{
    test::books::writeFile(dir + s("/versions/8d0000000000_audit.sql"),
                           test::books::revision(s("8d0000000000"), s("7c0000000000"), s("add an audit table"),
                                                 s("-- +upgrade\nCREATE TABLE audit (id INTEGER);\nINSERT INTO nosuch_table VALUES (1);\n\n"
                                                   "-- +downgrade\nDROP TABLE audit;")));
}

/// Makes 5b6c7d8e9f0a take about a second on SQLite (a recursive CTE).
void slowDownIndexRevision(const QString &dir)
{
    test::books::writeFile(dir + s("/versions/5b6c7d8e9f0a_add_index.sql"),
                           test::books::revision(s("5b6c7d8e9f0a"), s("4a5b6c7d8e9f"), s("add an index on book_title"),
                                                 s("-- +upgrade\nCREATE INDEX ix_books_book_title ON books (book_title);\n"
                                                   "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 6000000)\n"
                                                   "SELECT count(*) FROM n;\n\n-- +downgrade\nDROP INDEX ix_books_book_title;")));
}

/// Records what each confirmation showed and answers `answer`.
struct Confirmations {
    QList<QStringList> revisions;
    QStringList sql;
    QList<QStringList> destructive;
    bool answer = true;
    void install(MigrationPanel &panel)
    {
        panel.setConfirmer([this](MigrationConfirmDialog &d) {
            QStringList items;
            for (int i = 0; i < d.revisionList()->count(); ++i)
                items.append(d.revisionList()->item(i)->text());
            revisions.append(items);
            sql.append(d.sqlView()->toPlainText());
            destructive.append(d.confirmation().destructive);
            if (answer)
                d.accept();
            return answer && d.result() == QDialog::Accepted;
        });
    }
};

bool waitRefreshed(MigrationPanel &panel)
{
    QSignalSpy spy(&panel, &MigrationPanel::refreshed);
    return spy.wait(20000);
}

/// Runs an action; returns its outcome, or fails the test when it never finishes.
bool run(MigrationPanel &panel, MigrationAction action)
{
    QSignalSpy done(&panel, &MigrationPanel::actionFinished);
    panel.runAction(action);
    if (!done.wait(60000))
        qFatal("the action did not finish");
    return done.first().first().toBool();
}

QStringList versionRows(const QString &url)
{
    QSqlDatabase db = test::openTestDatabase(url);
    const QStringList rows = test::books::versionRows(db);
    test::closeTestDatabase(db);
    return rows;
}

QList<NodeStatus> statuses(const MigrationPanel &panel)
{
    QList<NodeStatus> out;
    for (const QString &id : panel.graphView()->revisionIds())
        out.append(panel.graphView()->revision(id).status);
    return out;
}

QStringList progressStates(const MigrationPanel &panel)
{
    QStringList out;
    for (int i = 0; i < panel.progressView()->topLevelItemCount(); ++i)
        out.append(panel.progressView()->topLevelItem(i)->text(2));
    return out;
}

void saveShot(QWidget &w, const QString &name)
{
    const QImage shot = w.grab().toImage();
    QVERIFY(!shot.isNull());
    QVERIFY(shot.save(test::tempPath(name)));
    const QString dir = qEnvironmentVariable("STRATA_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        QVERIFY(shot.save(dir + QLatin1Char('/') + name));
}

QString cliSql(const QString &project, const QString &url, const QStringList &args)
{
    QProcess p;
    p.setWorkingDirectory(project);
    p.start(s(STRATA_MIGRATE_BIN), QStringList{s("-c"), project + s("/strata.ini"), s("--url"), url} + args + QStringList{s("--sql")});
    if (!p.waitForFinished(30000) || p.exitCode() != 0)
        return s("<failed: ") + QString::fromUtf8(p.readAllStandardError()) + s(">");
    return QString::fromUtf8(p.readAllStandardOutput());
}

} // namespace

class TestMigrationPanel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void attachShowsPendingRevisionsAndIsRemembered();
    void upgradeDowngradeStampOnSqlite();
    void failingRevisionIsShownAndViewMatchesDatabase();
    void mergeOfTwoHeads();
    void driftAndUnreachableAreFlagged();
    void previewSqlEqualsStrataMigrate();
    void productionAsksForTheDatabaseName();
    void secondRunnerWaitsForTheLock();
    void cancelStopsBetweenRevisions();
    void alembicProjectIsReadOnly();
    void postgresUpgradeFailureAndDowngrade();
    void mainWindowOpensOnePanelPerConnection();
    void screenshots();
};

void TestMigrationPanel::attachShowsPendingRevisionsAndIsRemembered()
{
    const QString dir = newProject(s("attach"));
    const auto spec = sqliteSpec(test::tempPath(s("attach.db")));
    {
        MigrationPanel panel(spec);
        QVERIFY(panel.attachProject(dir).ok());
        QVERIFY(waitRefreshed(panel));
        QCOMPARE(panel.graphView()->revisionIds().size(), 9);
        QCOMPARE(panel.graphView()->revisionIds().first(), s("7c0000000000"));   // heads on top
        QVERIFY(panel.currentHeads().isEmpty());
        QCOMPARE(statuses(panel), QList<NodeStatus>(9, NodeStatus::Pending));
        QVERIFY(panel.summaryLabel()->text().contains(s("pending")));
        QVERIFY(panel.action(MigrationAction::UpgradeHead)->isEnabled());
        QVERIFY(!panel.action(MigrationAction::StampSelected)->isEnabled());   // nothing selected

        // Branches side by side, joined by the merge.
        const RevisionLayout layout = RevisionLayout::compute(panel.engine()->graph());
        QVERIFY(layout.lane(s("6a00000000a2")) != layout.lane(s("6b00000000b1")));
        QCOMPARE(layout.lane(s("7c0000000000")), layout.lane(s("5b6c7d8e9f0a")));
        QCOMPARE(layout.laneCount(), 2);
        int mergeEdges = 0;
        for (const auto &e : layout.edges())
            mergeEdges += e.child == s("7c0000000000");
        QCOMPARE(mergeEdges, 2);

        panel.graphView()->setSelectedRevision(s("ae1027a6acf0"));
        QVERIFY(panel.detailView()->toPlainText().contains(s("ALTER TABLE books ADD COLUMN price")));
        QVERIFY(panel.action(MigrationAction::StampSelected)->isEnabled());
    }
    QCOMPARE(QSettings().value(MigrationPanel::settingsKey(spec.profile)).toString(), dir);
    MigrationPanel again(spec);   // remembered per connection
    QVERIFY(waitRefreshed(again));
    QCOMPARE(again.projectFolder(), dir);
    QCOMPARE(again.graphView()->revisionIds().size(), 9);
    MigrationPanel other(sqliteSpec(test::tempPath(s("other.db"))));
    QVERIFY(other.projectFolder().isEmpty());
}

void TestMigrationPanel::upgradeDowngradeStampOnSqlite()
{
    const QString dir = newProject(s("updown"));
    const QString path = test::tempPath(s("updown.db"));
    MigrationPanel panel(sqliteSpec(path));
    Confirmations confirm;
    confirm.install(panel);
    QVERIFY(panel.attachProject(dir).ok());
    QVERIFY(waitRefreshed(panel));

    const QString expectedSql = *panel.engine()->offlineSql(migrate::Direction::Upgrade, QStringList(), s("head"),
                                                            dialect::DialectKind::Sqlite, false);
    QVERIFY(run(panel, MigrationAction::UpgradeHead));
    QCOMPARE(confirm.revisions.last().size(), 9);
    QVERIFY(confirm.revisions.last().first().contains(s("1975ea83b712")));
    QCOMPARE(confirm.sql.last(), expectedSql);
    QCOMPARE(versionRows(path), QStringList{s("7c0000000000")});
    QCOMPARE(panel.currentHeads(), QStringList{s("7c0000000000")});
    QCOMPARE(statuses(panel), QList<NodeStatus>(9, NodeStatus::Applied));
    QVERIFY(panel.graphView()->revision(s("7c0000000000")).current);
    QCOMPARE(progressStates(panel), QStringList(9, s("done")));
    QVERIFY(panel.logView()->toPlainText().contains(s("CREATE TABLE books")));

    QVERIFY(run(panel, MigrationAction::DowngradeOne));
    QCOMPARE(confirm.revisions.last().size(), 1);
    QCOMPARE(versionRows(path), (QStringList{s("6a00000000a2"), s("6b00000000b1")}));
    QCOMPARE(panel.graphView()->revision(s("7c0000000000")).status, NodeStatus::Pending);
    QVERIFY(panel.graphView()->revision(s("6b00000000b1")).current);

    panel.graphView()->setSelectedRevision(s("5b6c7d8e9f0a"));
    QVERIFY(run(panel, MigrationAction::StampSelected));
    QCOMPARE(versionRows(path), QStringList{s("5b6c7d8e9f0a")});
    QCOMPARE(panel.graphView()->revision(s("6a00000000a1")).status, NodeStatus::Pending);

    // A downgrade that drops a table and a column is called out; refusing changes nothing.
    panel.graphView()->setSelectedRevision(s("1975ea83b712"));
    confirm.answer = false;
    QVERIFY(!run(panel, MigrationAction::DowngradeSelected));
    const QString drops = confirm.destructive.last().join(QLatin1Char('\n'));
    QVERIFY2(drops.contains(s("DROP TABLE authors")), qPrintable(drops));
    QVERIFY2(drops.contains(s("ALTER TABLE books DROP COLUMN price")), qPrintable(drops));
    QVERIFY(drops.contains(s("ae1027a6acf0_add_price.sql:")));
    QCOMPARE(versionRows(path), QStringList{s("5b6c7d8e9f0a")});
}

void TestMigrationPanel::failingRevisionIsShownAndViewMatchesDatabase()
{
    const QString dir = newProject(s("failing"));
    addFailingRevision(dir);
    const QString path = test::tempPath(s("failing.db"));
    MigrationPanel panel(sqliteSpec(path));
    Confirmations confirm;
    confirm.install(panel);
    QVERIFY(panel.attachProject(dir).ok());
    QVERIFY(waitRefreshed(panel));
    QVERIFY(!run(panel, MigrationAction::UpgradeHead));
    const QString failure = panel.failureLabel()->text();
    QVERIFY(panel.failureLabel()->isVisibleTo(&panel));
    QVERIFY2(failure.contains(s("8d0000000000")), qPrintable(failure));
    QVERIFY2(failure.contains(s("no such table: nosuch_table")), qPrintable(failure));
    QVERIFY2(failure.contains(s("line 8")), qPrintable(failure));
    QVERIFY2(failure.contains(s("INSERT INTO nosuch_table VALUES (1)")), qPrintable(failure));
    // One transaction: nothing is kept, and the view says so.
    QCOMPARE(versionRows(path), QStringList{s("<no table>")});
    QVERIFY(panel.currentHeads().isEmpty());
    QCOMPARE(statuses(panel), QList<NodeStatus>(10, NodeStatus::Pending));
    QCOMPARE(panel.graphView()->revision(s("8d0000000000")).run, RevisionView::Run::Failed);
    QStringList states = progressStates(panel);
    QCOMPARE(states.last(), s("failed"));
    QCOMPARE(states.count(s("rolled back")), 9);
    QCOMPARE(panel.graphView()->selectedRevision(), s("8d0000000000"));
}

void TestMigrationPanel::mergeOfTwoHeads()
{
    const QString dir = newProject(s("merge"), false);
    const QString path = test::tempPath(s("merge.db"));
    MigrationPanel panel(sqliteSpec(path));
    Confirmations confirm;
    confirm.install(panel);
    QSignalSpy created(&panel, &MigrationPanel::revisionFileCreated);
    QVERIFY(panel.attachProject(dir).ok());
    QVERIFY(waitRefreshed(panel));
    QCOMPARE(panel.engine()->graph().heads().size(), 2);
    QVERIFY(panel.summaryLabel()->text().contains(s("2 heads")));
    QVERIFY(run(panel, MigrationAction::UpgradeHead));   // "heads" with two heads
    QCOMPARE(versionRows(path), (QStringList{s("6a00000000a2"), s("6b00000000b1")}));

    Result<QString> file = panel.mergeHeads(s("join reviews and sales"));
    QVERIFY2(file.ok(), file ? "" : qPrintable(file.error().message));
    QVERIFY(QFile::exists(*file));
    QCOMPARE(created.size(), 1);
    QCOMPARE(panel.engine()->graph().heads().size(), 1);
    const QString merge = panel.engine()->graph().heads().first();
    QVERIFY(panel.engine()->graph().isMergePoint(merge));
    QCOMPARE(panel.graphView()->revisionIds().size(), 9);
    QCOMPARE(panel.graphView()->revision(merge).status, NodeStatus::Pending);
    QVERIFY(run(panel, MigrationAction::UpgradeHead));
    QCOMPARE(versionRows(path), QStringList{merge});

    Result<QString> next = panel.newRevision(s("add a publisher column"));
    QVERIFY(next.ok());
    QVERIFY(QFile(*next).exists());
    QCOMPARE(panel.engine()->graph().node(panel.engine()->graph().heads().first()).downRevisions, QStringList{merge});
}

void TestMigrationPanel::driftAndUnreachableAreFlagged()
{
    const QString dir = newProject(s("drift"));
    const QString path = test::tempPath(s("drift.db"));
    MigrationPanel panel(sqliteSpec(path));
    Confirmations confirm;
    confirm.install(panel);
    QVERIFY(panel.attachProject(dir).ok());
    QVERIFY(waitRefreshed(panel));
    QVERIFY(run(panel, MigrationAction::UpgradeHead));
    QVERIFY(!panel.graphView()->revision(s("ae1027a6acf0")).drift);

    // An applied file edited afterwards, and revisions that have no SQL for SQLite.
    const QString file = dir + s("/versions/ae1027a6acf0_add_price.sql");
    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QString text = QString::fromUtf8(f.readAll());
    f.close();
    text.replace(s("NUMERIC(10, 2)"), s("NUMERIC(12, 2)"));
    test::books::writeFile(file, text);
    test::books::writeFile(dir + s("/versions/9e0000000001_pg_only.sql"),
                           test::books::revision(s("9e0000000001"), s("7c0000000000"), s("trigram search"),
                                                 s("-- +upgrade postgresql\nCREATE EXTENSION pg_trgm;\n\n-- +downgrade postgresql\nDROP EXTENSION pg_trgm;")));
    test::books::writeFile(dir + s("/versions/9e0000000002_after.sql"),
                           test::books::revision(s("9e0000000002"), s("9e0000000001"), s("index titles"),
                                                 s("-- +upgrade\nCREATE INDEX ix_t ON books (book_title);\n\n-- +downgrade\nDROP INDEX ix_t;")));
    panel.refresh();
    QVERIFY(waitRefreshed(panel));
    QCOMPARE(panel.graphView()->revisionIds().size(), 11);
    QVERIFY(panel.graphView()->revision(s("ae1027a6acf0")).drift);
    QVERIFY(!panel.graphView()->revision(s("1975ea83b712")).drift);
    QVERIFY(panel.summaryLabel()->text().contains(s("edited")));
    QCOMPARE(panel.graphView()->revision(s("9e0000000001")).status, NodeStatus::Unreachable);
    QVERIFY(panel.graphView()->revision(s("9e0000000001")).unreachableReason.contains(s("no SQL for sqlite")));
    QCOMPARE(panel.graphView()->revision(s("9e0000000002")).status, NodeStatus::Unreachable);
    QCOMPARE(panel.graphView()->revision(s("7c0000000000")).status, NodeStatus::Applied);

    QSignalSpy refreshed(&panel, &MigrationPanel::refreshed);
    panel.verifyNow();
    QVERIFY(refreshed.wait(20000));
    QVERIFY(panel.logView()->toPlainText().contains(s("ae1027a6acf0 (versions/ae1027a6acf0_add_price.sql) was edited after it was applied")));

    // Running into the revision without SQLite SQL fails before anything runs.
    QVERIFY(!run(panel, MigrationAction::UpgradeHead));
    QVERIFY2(panel.failureLabel()->text().contains(s("9e0000000001")), qPrintable(panel.failureLabel()->text()));
    QCOMPARE(versionRows(path), QStringList{s("7c0000000000")});
}

void TestMigrationPanel::previewSqlEqualsStrataMigrate()
{
    const QString dir = newProject(s("preview"));
    const QString path = test::tempPath(s("preview.db"));
    MigrationPanel panel(sqliteSpec(path));
    Confirmations confirm;
    confirm.install(panel);
    QVERIFY(panel.attachProject(dir).ok());
    QVERIFY(waitRefreshed(panel));
    const QString url = s("sqlite:///") + path;
    QCOMPARE(*panel.previewSql(MigrationAction::UpgradeHead), cliSql(dir, url, {s("upgrade"), s("head")}));

    panel.graphView()->setSelectedRevision(s("ae1027a6acf0"));
    QVERIFY(run(panel, MigrationAction::UpgradeSelected));
    QCOMPARE(versionRows(path), QStringList{s("ae1027a6acf0")});
    const QString up = *panel.previewSql(MigrationAction::UpgradeHead);
    QCOMPARE(up, *panel.engine()->offlineSql(migrate::Direction::Upgrade, s("ae1027a6acf0:head"), dialect::DialectKind::Sqlite, false));
    QCOMPARE(up, cliSql(dir, url, {s("upgrade"), s("ae1027a6acf0:head")}));
    QVERIFY(up.contains(s("CREATE TABLE authors")) && !up.contains(s("CREATE TABLE books")));
    const QString down = *panel.previewSql(MigrationAction::DowngradeOne);
    QCOMPARE(down, cliSql(dir, url, {s("downgrade"), s("ae1027a6acf0:-1")}));
    QVERIFY(down.contains(s("DROP COLUMN price")));
    // What runs is what was previewed.
    QVERIFY(run(panel, MigrationAction::UpgradeHead));
    QCOMPARE(confirm.sql.last(), up);
}

void TestMigrationPanel::productionAsksForTheDatabaseName()
{
    const QString dir = newProject(s("production"));
    const QString path = test::tempPath(s("prod.db"));
    auto spec = sqliteSpec(path);
    spec.profile.colorTag = s("production");
    MigrationPanel panel(spec);
    QVERIFY(panel.attachProject(dir).ok());
    QVERIFY(waitRefreshed(panel));

    // The real modal dialog, answered from a timer: a wrong name refuses, Cancel cancels.
    bool sawDialog = false;
    QTimer::singleShot(200, &panel, [&] {
        auto *d = qobject_cast<MigrationConfirmDialog *>(QApplication::activeModalWidget());
        QVERIFY(d);
        QVERIFY(d->nameEdit());
        QTest::keyClicks(d->nameEdit(), s("books.db"));
        QVERIFY(!d->runButton()->isEnabled());
        d->accept();
        QVERIFY(d->isVisible());   // refused
        sawDialog = true;
        d->reject();
    });
    QVERIFY(!run(panel, MigrationAction::UpgradeHead));
    QVERIFY(sawDialog);
    QCOMPARE(versionRows(path), QStringList{s("<no table>")});

    sawDialog = false;
    QTimer::singleShot(200, &panel, [&] {
        auto *d = qobject_cast<MigrationConfirmDialog *>(QApplication::activeModalWidget());
        QVERIFY(d);
        QTest::keyClicks(d->nameEdit(), s("prod.db"));
        QVERIFY(d->runButton()->isEnabled());
        sawDialog = true;
        QTest::mouseClick(d->runButton(), Qt::LeftButton);
    });
    QVERIFY(run(panel, MigrationAction::UpgradeHead));
    QVERIFY(sawDialog);
    QCOMPARE(versionRows(path), QStringList{s("7c0000000000")});
}

void TestMigrationPanel::secondRunnerWaitsForTheLock()
{
    const QString dir = newProject(s("lock"));
    const QString path = test::tempPath(s("lock.db"));
    MigrationPanel panel(sqliteSpec(path));
    Confirmations confirm;
    confirm.install(panel);
    QVERIFY(panel.attachProject(dir).ok());
    QVERIFY(waitRefreshed(panel));

    QSqlDatabase other = test::openTestDatabase(path);
    QSqlQuery q(other);
    QVERIFY(q.exec(s("BEGIN IMMEDIATE")));   // another writer holds the database
    QSignalSpy done(&panel, &MigrationPanel::actionFinished);
    panel.runAction(MigrationAction::UpgradeHead);
    QTRY_VERIFY_WITH_TIMEOUT(panel.logView()->toPlainText().contains(s("Waiting for")), 20000);
    QVERIFY(panel.summaryLabel()->text().contains(s("Waiting for the migration lock")));
    QVERIFY(panel.cancelAction()->isEnabled());
    QVERIFY(done.isEmpty());
    QVERIFY(q.exec(s("COMMIT")));
    QVERIFY(done.wait(30000));
    QCOMPARE(done.first().first().toBool(), true);
    q.finish();
    test::closeTestDatabase(other);
    QCOMPARE(versionRows(path), QStringList{s("7c0000000000")});
}

void TestMigrationPanel::cancelStopsBetweenRevisions()
{
    const QString dir = newProject(s("cancel"), true, s("transaction_per_migration = true\n"));
    slowDownIndexRevision(dir);
    const QString path = test::tempPath(s("cancel.db"));
    MigrationPanel panel(sqliteSpec(path));
    Confirmations confirm;
    confirm.install(panel);
    QVERIFY(panel.attachProject(dir).ok());
    QVERIFY(waitRefreshed(panel));
    QSignalSpy done(&panel, &MigrationPanel::actionFinished);
    panel.runAction(MigrationAction::UpgradeHead);
    QTRY_VERIFY_WITH_TIMEOUT(panel.graphView()->revision(s("5b6c7d8e9f0a")).run == RevisionView::Run::Running, 20000);
    QVERIFY(panel.cancelAction()->isEnabled());
    panel.cancelAction()->trigger();
    QVERIFY(done.wait(30000));
    QCOMPARE(done.first().first().toBool(), false);
    // The running revision finished and committed; nothing after it ran.
    QCOMPARE(versionRows(path), QStringList{s("5b6c7d8e9f0a")});
    QCOMPARE(panel.currentHeads(), QStringList{s("5b6c7d8e9f0a")});
    QVERIFY(panel.logView()->toPlainText().contains(s("Cancelled")));
    const QStringList states = progressStates(panel);
    QCOMPARE(states.count(s("done")), 5);
    QCOMPARE(states.count(s("waiting")), 4);
    QVERIFY(!panel.failureLabel()->isVisibleTo(&panel));
}

void TestMigrationPanel::alembicProjectIsReadOnly()
{
    const QString dir = test::tempPath(s("alembicproj"));
    test::books::writeFile(dir + s("/alembic.ini"), s("[alembic]\nscript_location = alembic\n"));
    test::books::writeFile(dir + s("/alembic/versions/1975ea83b712_create_books.py"),
                           s("\"\"\"create books table\n\nRevision ID: 1975ea83b712\nRevises:\nCreate Date: 2026-11-21 10:00:00\n\n\"\"\"\n"
                             "revision = '1975ea83b712'\ndown_revision = None\nbranch_labels = None\ndepends_on = None\n"));
    test::books::writeFile(dir + s("/alembic/versions/ae1027a6acf0_add_price.py"),
                           s("\"\"\"add a price column\n\nRevision ID: ae1027a6acf0\nRevises: 1975ea83b712\n\"\"\"\n"
                             "revision = 'ae1027a6acf0'\ndown_revision = '1975ea83b712'\n"));
    const QString path = test::tempPath(s("alembic.db"));
    {
        QSqlDatabase db = test::openTestDatabase(path);
        QCOMPARE(test::execAll(db, {s("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)"),
                                    s("INSERT INTO alembic_version VALUES ('1975ea83b712')")}), QString());
        test::closeTestDatabase(db);
    }
    MigrationPanel panel(sqliteSpec(path));
    QVERIFY(panel.attachProject(dir).ok());
    QVERIFY(waitRefreshed(panel));
    QCOMPARE(panel.graphView()->revisionIds(), (QStringList{s("ae1027a6acf0"), s("1975ea83b712")}));
    QCOMPARE(panel.currentHeads(), QStringList{s("1975ea83b712")});
    QCOMPARE(statuses(panel), (QList<NodeStatus>{NodeStatus::Pending, NodeStatus::Applied}));
    QVERIFY(!panel.newRevision(s("x")).ok());
    QVERIFY(!panel.mergeHeads(s("x")).ok());
    const bool hasAlembic = !QStandardPaths::findExecutable(s("alembic")).isEmpty();
    QCOMPARE(panel.action(MigrationAction::UpgradeHead)->isEnabled(), hasAlembic);
}

void TestMigrationPanel::postgresUpgradeFailureAndDowngrade()
{
    STRATA_REQUIRE_PG(serverUrl);
    test::ScratchPgDatabase scratch(serverUrl);
    QVERIFY2(!scratch.url().isEmpty(), qPrintable(scratch.error()));
    const QString dir = newProject(s("pg"), true, s("transaction_per_migration = true\n"));
    addFailingRevision(dir);
    Result<connection::ConnectionSpec> spec = connection::parseConnectionString(scratch.url());
    QVERIFY(spec.ok());
    MigrationPanel panel(*spec);
    Confirmations confirm;
    confirm.install(panel);
    QVERIFY(panel.attachProject(dir).ok());
    QVERIFY(waitRefreshed(panel));
    QCOMPARE(statuses(panel), QList<NodeStatus>(10, NodeStatus::Pending));
    const QString expected = *panel.engine()->offlineSql(migrate::Direction::Upgrade, QStringList(), s("head"),
                                                         dialect::DialectKind::Postgres, true);
    QCOMPARE(*panel.previewSql(MigrationAction::UpgradeHead), expected);

    QVERIFY(!run(panel, MigrationAction::UpgradeHead));
    QCOMPARE(confirm.sql.last(), expected);
    const QString failure = panel.failureLabel()->text();
    QVERIFY2(failure.contains(s("relation &quot;nosuch_table&quot; does not exist")), qPrintable(failure));
    QVERIFY2(failure.contains(s("42P01")), qPrintable(failure));
    QVERIFY2(failure.contains(s("line 8")), qPrintable(failure));
    // Each revision committed on its own: the nine before the failure stay, and the view says so.
    QCOMPARE(versionRows(scratch.url()), QStringList{s("7c0000000000")});
    QCOMPARE(panel.currentHeads(), QStringList{s("7c0000000000")});
    QCOMPARE(panel.graphView()->revision(s("8d0000000000")).status, NodeStatus::Pending);
    QCOMPARE(panel.graphView()->revision(s("7c0000000000")).status, NodeStatus::Applied);
    QVERIFY(panel.graphView()->revision(s("7c0000000000")).current);
    const QStringList states = progressStates(panel);
    QCOMPARE(states.count(s("done")), 9);
    QCOMPARE(states.last(), s("failed"));

    QVERIFY(run(panel, MigrationAction::DowngradeOne));
    QCOMPARE(versionRows(scratch.url()), (QStringList{s("6a00000000a2"), s("6b00000000b1")}));
    panel.graphView()->setSelectedRevision(s("ae1027a6acf0"));
    QVERIFY(run(panel, MigrationAction::DowngradeSelected));
    QCOMPARE(versionRows(scratch.url()), QStringList{s("ae1027a6acf0")});
    QVERIFY(confirm.destructive.last().join(QLatin1Char('\n')).contains(s("DROP TABLE authors")));
    QSqlDatabase db = test::openTestDatabase(scratch.url());
    QStringList schema = test::books::schemaOf(db, false);
    test::closeTestDatabase(db);
    QVERIFY(schema.contains(s("books.price numeric YES")));
    QVERIFY(!schema.join(QLatin1Char(' ')).contains(s("authors")));
}

void TestMigrationPanel::mainWindowOpensOnePanelPerConnection()
{
    const QString dir = newProject(s("window"));
    const QString path = test::tempPath(s("window.db"));
    {
        MigrationPanel first(sqliteSpec(path));   // remembers the project for this database
        QVERIFY(first.attachProject(dir).ok());
        QVERIFY(waitRefreshed(first));
    }
    MainWindow window;
    window.show();
    QSignalSpy opened(&window, &MainWindow::connectionOpened);
    QVERIFY(window.openLocation(path));
    QVERIFY(opened.wait(20000));
    QAction *menuAction = nullptr;
    for (QAction *a : window.menuBar()->findChild<QMenu *>(s("toolsMenu"))->actions())
        if (a->text().remove(QLatin1Char('&')) == s("Migrations"))
            menuAction = a;
    QVERIFY(menuAction);
    menuAction->trigger();
    QCOMPARE(window.tabs()->count(), 1);
    auto *panel = qobject_cast<MigrationPanel *>(window.tabs()->currentWidget());
    QVERIFY(panel);
    QVERIFY(waitRefreshed(*panel));
    QCOMPARE(panel->projectFolder(), dir);
    QCOMPARE(panel->graphView()->revisionIds().size(), 9);
    window.openMigrations();
    QCOMPARE(window.tabs()->count(), 1);

    // "New revision…" opens the new file in a console tab to write its SQL.
    Result<QString> created = panel->newRevision(s("add a publisher column"));
    QVERIFY2(created.ok(), created.ok() ? "" : qPrintable(created.error().message));
    QTRY_COMPARE(window.tabs()->count(), 2);
    auto *console = qobject_cast<ConsoleTab *>(window.tabs()->currentWidget());
    QVERIFY(console);
    QVERIFY(console->editor()->toPlainText().contains(s("-- message: add a publisher column")));
}

void TestMigrationPanel::screenshots()
{
    const QString dir = newProject(s("shots"));
    addFailingRevision(dir);
    slowDownIndexRevision(dir);   // to catch the panel mid-upgrade
    const QString path = test::tempPath(s("shots.db"));
    MigrationPanel panel(sqliteSpec(path));
    Confirmations confirm;
    confirm.install(panel);
    panel.resize(1280, 820);
    panel.show();
    QVERIFY(panel.attachProject(dir).ok());
    QVERIFY(waitRefreshed(panel));
    panel.graphView()->setSelectedRevision(s("27c6a30d7c24"));
    QVERIFY(run(panel, MigrationAction::UpgradeSelected));
    panel.graphView()->setSelectedRevision(s("6a00000000a1"));
    saveShot(panel, s("migrations.png"));

    // The confirmation of a downgrade that drops a table and a column (refused).
    panel.graphView()->setSelectedRevision(s("1975ea83b712"));
    bool warned = false;
    panel.setConfirmer([&warned](MigrationConfirmDialog &d) {
        d.show();
        warned = d.warningLabel() != nullptr;
        saveShot(d, s("migrations-confirm.png"));
        return false;
    });
    QVERIFY(!run(panel, MigrationAction::DowngradeSelected));
    QVERIFY(warned);
    confirm.install(panel);

    QSignalSpy done(&panel, &MigrationPanel::actionFinished);
    panel.runAction(MigrationAction::UpgradeHead);
    QTRY_VERIFY_WITH_TIMEOUT(panel.graphView()->revision(s("5b6c7d8e9f0a")).run == RevisionView::Run::Running, 20000);
    QTest::qWait(300);
    saveShot(panel, s("migrations-running.png"));
    QVERIFY(done.wait(60000));
    QCOMPARE(done.first().first().toBool(), false);
    saveShot(panel, s("migrations-failed.png"));
}

STRATA_TEST_MAIN_GUI(TestMigrationPanel)
#include "tst_migrationpanel.moc"
