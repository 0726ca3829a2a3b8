// The migration panel with what surrounds it: the throwaway PostgreSQL server, an Alembic
// project (read-only), the main window (menu, one panel per connection, New revision opening
// a console tab), and the screenshots.

#include "migrationpaneltesting.h"

class TestMigrationPanelIntegration : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void alembicProjectIsReadOnly();
    void postgresUpgradeFailureAndDowngrade();
    void mainWindowOpensOnePanelPerConnection();
    void screenshots();
};

void TestMigrationPanelIntegration::alembicProjectIsReadOnly()
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

void TestMigrationPanelIntegration::postgresUpgradeFailureAndDowngrade()
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

void TestMigrationPanelIntegration::mainWindowOpensOnePanelPerConnection()
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

    // "New revision…" opens the new file in a revision editor (never a console) to write its SQL.
    Result<QString> created = panel->newRevision(s("add a publisher column"));
    QVERIFY2(created.ok(), created.ok() ? "" : qPrintable(created.error().message));
    QTRY_COMPARE(window.tabs()->count(), 2);
    auto *editor = qobject_cast<RevisionEditorTab *>(window.tabs()->currentWidget());
    QVERIFY(editor);
    QCOMPARE(editor->filePath(), *created);
    QVERIFY(editor->editor()->toPlainText().contains(s("-- message: add a publisher column")));
    // "Edit file…" of a revision focuses its editor, or opens one.
    QTest::mouseClick(panel->editButton(), Qt::LeftButton);   // the new revision is selected
    QCOMPARE(window.tabs()->count(), 2);
    QCOMPARE(window.tabs()->currentWidget(), editor);
    window.tabs()->setCurrentWidget(panel);
    panel->graphView()->setSelectedRevision(s("1975ea83b712"));
    QTest::mouseClick(panel->editButton(), Qt::LeftButton);
    QTRY_COMPARE(window.tabs()->count(), 3);
    auto *other = qobject_cast<RevisionEditorTab *>(window.tabs()->currentWidget());
    QVERIFY(other && other->filePath().endsWith(s("1975ea83b712_create_books.sql")));
}

void TestMigrationPanelIntegration::screenshots()
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

STRATA_TEST_MAIN_GUI(TestMigrationPanelIntegration)
#include "tst_migrationpanelintegration.moc"
