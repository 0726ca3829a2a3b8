// The migration panel driven as a person would, offscreen on real SQLite files with the
// books tutorial project (a branch and a merge): attach, upgrade, downgrade, stamp, a failing
// revision, merge, drift, preview SQL, the production confirmation, the lock and cancel.

#include "migrationpaneltesting.h"

#include "migrations/migrationtoolbar.h"

#include <QToolBar>
#include <QToolButton>

class TestMigrationPanel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void attachShowsPendingRevisionsAndIsRemembered();
    void upgradeDowngradeStampOnSqlite();
    void failingRevisionIsShownAndViewMatchesDatabase();
    void mergeOfTwoHeads();
    void driftAndUnreachableAreFlagged();
    void followsTheDiskByItself();
    void previewSqlEqualsStrataMigrate();
    void productionAsksForTheDatabaseName();
    void secondRunnerWaitsForTheLock();
    void cancelStopsBetweenRevisions();
    void toolbarNeverHidesACommand();
};

// The commands share one row when the panel is wide and take two when it is narrow: never
// behind the tool bar's "»" (a 1024 px window leaves the panel about 800 px).
void TestMigrationPanel::toolbarNeverHidesACommand()
{
    const QString dir = newProject(s("toolbar"));
    MigrationPanel panel(sqliteSpec(test::tempPath(s("toolbar.db"))));
    QVERIFY(panel.attachProject(dir).ok());
    QVERIFY(waitRefreshed(panel));
    panel.show();
    auto *commands = panel.findChild<MigrationToolBar *>();
    QVERIFY(commands);
    const QList<QToolBar *> bars = commands->findChildren<QToolBar *>();
    QCOMPARE(bars.size(), 2);
    for (int width : {1400, 1000, 760}) {
        panel.resize(width, 700);
        QTRY_COMPARE(panel.width(), width);
        QCoreApplication::processEvents();
        for (QToolBar *bar : bars) {
            auto *more = bar->findChild<QToolButton *>(s("qt_toolbar_ext_button"));
            QVERIFY2(!more || !more->isVisible(), qPrintable(s("%1 px: %2 hides commands (needs %3 px, has %4)")
                                                                 .arg(width).arg(bar->objectName()).arg(bar->sizeHint().width()).arg(bar->width())));
        }
        const int needed = bars[0]->sizeHint().width() + bars[1]->sizeHint().width();
        QCOMPARE(commands->isOneRow(), commands->width() >= needed);
        if (commands->isOneRow())   // the project's commands follow the run commands directly
            QCOMPARE(bars[1]->geometry().left(), bars[0]->geometry().right() + 1);
    }
    panel.resize(1400, 700);
    QTRY_VERIFY(commands->isOneRow());
    panel.resize(760, 700);
    QTRY_VERIFY(!commands->isOneRow());
}

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

// No Refresh anywhere: the panel watches its project. An edited downgrade of an applied
// revision is marked with its reason; a failure mark leaves a file that changed and never
// shows on another file; a new file appears in the graph.
void TestMigrationPanel::followsTheDiskByItself()
{
    const QString dir = newProject(s("follows"));
    addFailingRevision(dir);
    const QString path = test::tempPath(s("follows.db"));
    MigrationPanel panel(sqliteSpec(path));
    Confirmations confirm;
    confirm.install(panel);
    QVERIFY(panel.attachProject(dir).ok());
    QVERIFY(waitRefreshed(panel));
    QVERIFY(!run(panel, MigrationAction::UpgradeHead));
    QCOMPARE(panel.graphView()->selectedRevision(), s("8d0000000000"));
    QCOMPARE(panel.detailView()->extraSelections().size(), 1);   // the failed line
    panel.graphView()->setSelectedRevision(s("7c0000000000"));
    QVERIFY(panel.detailView()->extraSelections().isEmpty());    // not on another file
    panel.graphView()->setSelectedRevision(s("8d0000000000"));
    QCOMPARE(panel.detailView()->extraSelections().size(), 1);

    // The failing file is fixed on disk: its failure mark goes, the view shows the new text.
    const QString failing = dir + s("/versions/8d0000000000_audit.sql");
    test::books::writeFile(failing, test::books::revision(s("8d0000000000"), s("7c0000000000"), s("add an audit table"),
                                                         s("-- +upgrade\nCREATE TABLE audit (id INTEGER);\n\n-- +downgrade\nDROP TABLE audit;")));
    QTRY_VERIFY_WITH_TIMEOUT(!panel.detailView()->toPlainText().contains(s("nosuch_table")), 10000);
    QCOMPARE(panel.graphView()->revision(s("8d0000000000")).run, RevisionView::Run::None);
    QVERIFY(panel.detailView()->extraSelections().isEmpty());
    QVERIFY(run(panel, MigrationAction::UpgradeHead));

    // An applied revision's downgrade edited afterwards: drift, with the reason.
    const QString price = dir + s("/versions/ae1027a6acf0_add_price.sql");
    QFile f(price);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(f.readAll());
    f.close();
    test::books::writeFile(price, QString(text).replace(s("ALTER TABLE books DROP COLUMN price;"), s("DROP TABLE books;")));
    QTRY_VERIFY_WITH_TIMEOUT(panel.graphView()->revision(s("ae1027a6acf0")).drift, 10000);
    QCOMPARE(panel.graphView()->revision(s("ae1027a6acf0")).driftReason, s("its downgrade section differs from what ran"));
    QVERIFY(panel.summaryLabel()->text().contains(s("edited")));

    // A new file appears in the graph.
    test::books::writeFile(dir + s("/versions/9f0000000000_more.sql"),
                           test::books::revision(s("9f0000000000"), s("8d0000000000"), s("more"), s("-- +upgrade\nSELECT 1;\n\n-- +downgrade\n")));
    QTRY_COMPARE_WITH_TIMEOUT(panel.graphView()->revisionIds().size(), 11, 10000);
    QCOMPARE(panel.graphView()->revision(s("9f0000000000")).status, NodeStatus::Pending);
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

STRATA_TEST_MAIN_GUI(TestMigrationPanel)
#include "tst_migrationpanel.moc"
