// Journeys through the migration panel and the revision editor, driven as a person does it:
// the main window's menu, buttons and tab bar clicked with the mouse, the SQL typed into the
// editor key by key and saved with Ctrl+S, every dialog (folder, message, confirmation,
// close prompt) answered by clicking its buttons. On SQLite and PostgreSQL. Issue 15 items 1
// (the panel runs what is on disk, and nothing changed after its confirmation) and 4 (a
// revision file opens in an editor that runs nothing by itself).

#include "core/migrate/support/bookproject.h"
#include "catalog/schemanotifier.h"
#include "console/sqleditor.h"
#include "mainwindow/mainwindow.h"
#include "migrations/migrationconfirmdialog.h"
#include "migrations/migrationpanel.h"
#include "support/filedialogs.h"
#include "support/modalanswers.h"
#include "support/scratchdatabase.h"
#include "support/testenvironment.h"

#include "migrate/migrationengine.h"

#include <QDeadlineTimer>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTabBar>
#include <QTabWidget>
#include <QTextBlock>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QtTest>
#include <functional>
#include <memory>

using namespace strata;
using namespace strata::ui;
using strata::test::books::s;

using test::toolButton;
using test::whenModal;

namespace {

QToolButton *toolButtonForAction(QWidget *parent, const QString &actionName)
{
    for (QToolBar *bar : parent->findChildren<QToolBar *>())
        for (QAction *a : bar->actions())
            if (a->objectName() == actionName)
                return qobject_cast<QToolButton *>(bar->widgetForAction(a));
    return nullptr;
}

QPushButton *pushButton(QWidget *parent, const QString &text)
{
    for (QPushButton *b : parent->findChildren<QPushButton *>())
        if (b->text() == text)
            return b;
    return nullptr;
}

int lineOf(const QPlainTextEdit *editor, const QString &trimmedText)
{
    for (QTextBlock b = editor->document()->begin(); b.isValid(); b = b.next())
        if (b.text().trimmed() == trimmedText)
            return b.blockNumber();
    return -1;
}

QString readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

QStringList revisionFiles(const QString &projectDir)
{
    return QDir(projectDir + s("/versions")).entryList({s("*.sql")}, QDir::Files, QDir::Name);
}

QVariant scalar(const QString &url, const QString &sql)
{
    QSqlDatabase db = test::openTestDatabase(url);
    QSqlQuery q(db);
    QVariant v = q.exec(sql) && q.next() ? q.value(0) : QVariant(s("<failed: %1>").arg(sql));
    q.finish();
    test::closeTestDatabase(db);
    return v;
}

bool hasTable(const QString &url, const QString &table)
{
    QSqlDatabase db = test::openTestDatabase(url);
    const bool has = db.tables().contains(table);
    test::closeTestDatabase(db);
    return has;
}

/// The version rows, empty when the version table does not exist.
QStringList versionRows(const QString &url)
{
    if (!hasTable(url, s("strata_version")))
        return {};
    QSqlDatabase db = test::openTestDatabase(url);
    const QStringList rows = test::books::versionRows(db);
    test::closeTestDatabase(db);
    return rows;
}

int historyRows(const QString &url)
{
    return hasTable(url, s("strata_version_history")) ? scalar(url, s("SELECT count(*) FROM strata_version_history")).toInt() : 0;
}

/// With STRATA_SCREENSHOT_DIR set (run under xvfb-run with QT_QPA_PLATFORM=xcb), saves the
/// whole screen as <dir>/<name>, for the documentation; otherwise grabs `w` (it paints).
void saveShot(QWidget &w, const QString &name)
{
    const QString dir = qEnvironmentVariable("STRATA_SCREENSHOT_DIR");
    if (!dir.isEmpty()) {
        QTest::qWait(400);   // let everything paint
        QCOMPARE(QProcess::execute(s("import"), {s("-window"), s("root"), dir + QLatin1Char('/') + name}), 0);
        return;
    }
    const QImage shot = w.grab().toImage();
    QVERIFY(!shot.isNull());
    QVERIFY(shot.save(test::tempPath(name)));
}

/// One journey's database, project folder and main window.
struct Journey {
    QString dialect;
    std::unique_ptr<test::ScratchPgDatabase> pg;
    QString url;          ///< what the window opens: a SQLite file or a postgresql:// URL
    QString projectDir;
    std::unique_ptr<MainWindow> window;
    MigrationPanel *panel = nullptr;
    QStringList confirmedSql;   ///< what each confirmation showed

    QString revisionPath() const
    {
        const QStringList files = revisionFiles(projectDir);
        return files.size() == 1 ? projectDir + s("/versions/") + files.first() : QString();
    }
};

} // namespace

class TestJourneyMigrations : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void newRevisionEditSaveUpgrade_data() { dialects(); }
    void newRevisionEditSaveUpgrade();
    void fileChangedAfterConfirmationIsRefused_data() { dialects(); }
    void fileChangedAfterConfirmationIsRefused();
    void revisionEditorRunsNothingByItself_data() { dialects(); }
    void revisionEditorRunsNothingByItself();
    void revisionEditorEditsAreAskedAbout();

private:
    void dialects()
    {
        QTest::addColumn<QString>("dialect");
        QTest::newRow("sqlite") << s("sqlite");
        QTest::newRow("postgresql") << s("postgresql");
    }
    void openTarget(Journey &j, const QString &name);
    void openPanelWithNewProject(Journey &j);
    SqlEditor *newRevisionInEditor(Journey &j, const QString &message);
    void typeIntoSection(SqlEditor *editor, const QString &marker, const QString &sql);
    void clickTab(Journey &j, QWidget *page);
    bool clickUpgrade(Journey &j, const std::function<void()> &beforeRun = {});
};

void TestJourneyMigrations::openTarget(Journey &j, const QString &name)
{
    j.dialect = QString::fromLatin1(QTest::currentDataTag());
    if (j.dialect == s("postgresql")) {
        j.pg = std::make_unique<test::ScratchPgDatabase>(test::postgresUrl());
        QVERIFY2(!j.pg->url().isEmpty(), qPrintable(j.pg->error()));
        j.url = j.pg->url();
    } else {
        j.url = test::tempPath(name + s(".db"));
    }
    QSqlDatabase db = test::openTestDatabase(j.url);
    QCOMPARE(test::execAll(db, {s("CREATE TABLE events (what VARCHAR(20))")}), QString());
    test::closeTestDatabase(db);
    j.projectDir = test::tempPath(name + s("-project"));
    QVERIFY(QDir().mkpath(j.projectDir));
    j.projectDir = QFileInfo(j.projectDir).canonicalFilePath();
}

// The main window on the database; Tools ▸ Migrations; "New migrations project…" into an
// empty folder picked in the folder dialog.
void TestJourneyMigrations::openPanelWithNewProject(Journey &j)
{
    j.window = std::make_unique<MainWindow>();
    MainWindow *window = j.window.get();
    window->resize(1500, 950);
    window->show();
    window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(window));
    QSignalSpy opened(window, &MainWindow::connectionOpened);
    QVERIFY(window->openLocation(j.url));
    QTRY_COMPARE_WITH_TIMEOUT(opened.count(), 1, 20000);
    QVERIFY(opened.first().at(1).toBool());

    QMenuBar *bar = window->menuBar();
    auto *tools = bar->findChild<QMenu *>(s("toolsMenu"));
    QVERIFY(tools);
    QTest::mouseClick(bar, Qt::LeftButton, {}, bar->actionGeometry(tools->menuAction()).center());
    QTRY_VERIFY(tools->isVisible());
    QAction *migrations = nullptr;
    for (QAction *a : tools->actions())
        if (a->text().remove(QLatin1Char('&')) == s("Migrations"))
            migrations = a;
    QVERIFY(migrations);
    QTest::mouseClick(tools, Qt::LeftButton, {}, tools->actionGeometry(migrations).center());
    QTRY_VERIFY(qobject_cast<MigrationPanel *>(window->tabs()->currentWidget()));
    j.panel = qobject_cast<MigrationPanel *>(window->tabs()->currentWidget());

    QPushButton *create = pushButton(j.panel, s("New migrations project…"));
    QVERIFY(create);
    bool answered = false;
    QString failed = QStringLiteral("no file dialog opened");
    whenModal<QFileDialog>([&](QFileDialog *d) {
        failed = test::answerFileDialog(d, j.projectDir);
        answered = failed.isEmpty();
    });
    QSignalSpy refreshed(j.panel, &MigrationPanel::refreshed);
    QTest::mouseClick(create, Qt::LeftButton);
    QVERIFY2(answered, qPrintable(failed));
    QTRY_VERIFY_WITH_TIMEOUT(refreshed.count() > 0, 20000);
    QCOMPARE(QFileInfo(j.panel->projectFolder()).canonicalFilePath(), j.projectDir);
    QVERIFY(QFile::exists(j.projectDir + s("/strata.ini")));
}

// "New revision…" in the panel's toolbar, the message typed into its dialog: the new file
// opens in a tab of the main window. Returns that tab's editor.
SqlEditor *TestJourneyMigrations::newRevisionInEditor(Journey &j, const QString &message)
{
    QToolButton *button = toolButton(j.panel, s("New revision…"));
    if (!button)
        return nullptr;
    whenModal<QInputDialog>([message](QInputDialog *d) {
        QTest::keyClicks(d->findChild<QLineEdit *>(), message);
        QTest::mouseClick(d->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
    });
    const int before = j.window->tabs()->count();
    QTest::mouseClick(button, Qt::LeftButton);
    if (!QTest::qWaitFor([&] { return j.window->tabs()->count() == before + 1; }, 10000))
        return nullptr;
    return j.window->tabs()->currentWidget()->findChild<SqlEditor *>();
}

// Puts the cursor at the end of the marker line with the keyboard and types the SQL below it.
void TestJourneyMigrations::typeIntoSection(SqlEditor *editor, const QString &marker, const QString &sql)
{
    const int line = lineOf(editor, marker);
    QVERIFY2(line >= 0, qPrintable(editor->toPlainText()));
    // As after any dialog closes, the window is the active one again.
    editor->window()->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(editor->window()));
    QTest::mouseClick(editor->viewport(), Qt::LeftButton, {}, QPoint(60, 8));
    QTRY_VERIFY(editor->hasFocus());
    QTest::keyClick(editor, Qt::Key_Home, Qt::ControlModifier);
    for (int i = 0; i < line; ++i)
        QTest::keyClick(editor, Qt::Key_Down);
    QTest::keyClick(editor, Qt::Key_End);
    QTest::keyClick(editor, Qt::Key_Return);
    QTest::keyClicks(editor, sql);
}

void TestJourneyMigrations::clickTab(Journey &j, QWidget *page)
{
    QTabBar *bar = j.window->tabs()->tabBar();
    const int index = j.window->tabs()->indexOf(page);
    QVERIFY(index >= 0);
    QTest::mouseClick(bar, Qt::LeftButton, {}, bar->tabRect(index).center());
    QTRY_COMPARE(j.window->tabs()->currentWidget(), page);
}

// Clicks "▲ Upgrade"; in the confirmation, runs `beforeRun` (e.g. changes a file) and
// clicks its Upgrade button. Returns the command's outcome.
bool TestJourneyMigrations::clickUpgrade(Journey &j, const std::function<void()> &beforeRun)
{
    QToolButton *upgrade = toolButton(j.panel, s("▲ Upgrade"));
    if (!upgrade || !upgrade->isVisible() || !upgrade->isEnabled())
        return false;
    bool confirmed = false;
    whenModal<MigrationConfirmDialog>([&](MigrationConfirmDialog *d) {
        j.confirmedSql.append(d->sqlView()->toPlainText());
        if (beforeRun)
            beforeRun();
        confirmed = true;
        QTest::mouseClick(d->runButton(), Qt::LeftButton);
    });
    QSignalSpy finished(j.panel, &MigrationPanel::actionFinished);
    QTest::mouseClick(upgrade, Qt::LeftButton, {}, QPoint(8, upgrade->height() / 2));
    if (!QTest::qWaitFor([&] { return finished.count() > 0; }, 60000))
        qFatal("the upgrade did not finish");
    return confirmed && finished.first().first().toBool();
}

void TestJourneyMigrations::newRevisionEditSaveUpgrade()
{
    QFETCH(QString, dialect);
    if (dialect == s("postgresql")) {
        STRATA_REQUIRE_PG(pgUrl);
        Q_UNUSED(pgUrl);
    }
    Journey j;
    openTarget(j, s("journey-upgrade"));
    if (QTest::currentTestFailed())
        return;
    openPanelWithNewProject(j);
    if (QTest::currentTestFailed())
        return;
    SqlEditor *editor = newRevisionInEditor(j, s("create the journey table"));
    QVERIFY(editor);
    const QString path = j.revisionPath();
    QVERIFY(!path.isEmpty());
    const QString id = QFileInfo(path).fileName().section(QLatin1Char('_'), 0, 0);

    typeIntoSection(editor, s("-- +upgrade"), s("CREATE TABLE journey (id INTEGER PRIMARY KEY, title VARCHAR(80) NOT NULL);"));
    typeIntoSection(editor, s("-- +downgrade"), s("DROP TABLE journey;"));
    QTest::keyClick(editor, Qt::Key_S, Qt::ControlModifier);
    QTRY_VERIFY(readFile(path).contains(s("CREATE TABLE journey (id INTEGER PRIMARY KEY")));
    QVERIFY(readFile(path).contains(s("DROP TABLE journey;")));

    // The panel follows the file by itself: its file view shows what was just saved.
    clickTab(j, j.panel);
    QTRY_VERIFY_WITH_TIMEOUT(j.panel->detailView()->toPlainText().contains(s("CREATE TABLE journey")), 10000);

    QVERIFY(clickUpgrade(j));
    QCOMPARE(j.confirmedSql.size(), 1);
    QVERIFY2(j.confirmedSql.first().contains(s("CREATE TABLE journey (id INTEGER PRIMARY KEY, title VARCHAR(80) NOT NULL);")),
             qPrintable(j.confirmedSql.first()));
    QVERIFY(hasTable(j.url, s("journey")));
    QCOMPARE(versionRows(j.url), QStringList{id});
    QVERIFY2(j.panel->summaryLabel()->text().contains(s("Up to date")), qPrintable(j.panel->summaryLabel()->text()));

    // The recorded checksum is the one of the file on disk.
    Result<migrate::ProjectConfig> config = migrate::ProjectConfig::load(j.projectDir + s("/strata.ini"));
    QVERIFY(config.ok());
    Result<migrate::MigrationEngine> engine = migrate::MigrationEngine::open(*config);
    QVERIFY(engine.ok());
    QSqlDatabase db = test::openTestDatabase(j.url);
    Result<migrate::VerifyReport> report = engine->verify(db);
    test::closeTestDatabase(db);
    QVERIFY(report.ok());
    QCOMPARE(report->entries.size(), 1);
    QCOMPARE(report->entries.first().state, migrate::VerifyEntry::State::Ok);
    const QString recorded = scalar(j.url, s("SELECT checksum FROM strata_version_history WHERE revision = '%1'").arg(id)).toString();
    QCOMPARE(recorded, report->entries.first().fileChecksum);
}

void TestJourneyMigrations::fileChangedAfterConfirmationIsRefused()
{
    QFETCH(QString, dialect);
    if (dialect == s("postgresql")) {
        STRATA_REQUIRE_PG(pgUrl);
        Q_UNUSED(pgUrl);
    }
    Journey j;
    openTarget(j, s("journey-refused"));
    if (QTest::currentTestFailed())
        return;
    openPanelWithNewProject(j);
    if (QTest::currentTestFailed())
        return;
    SqlEditor *editor = newRevisionInEditor(j, s("first version"));
    QVERIFY(editor);
    const QString path = j.revisionPath();
    QVERIFY(!path.isEmpty());
    const QString id = QFileInfo(path).fileName().section(QLatin1Char('_'), 0, 0);
    const QString displayPath = s("versions/") + QFileInfo(path).fileName();
    typeIntoSection(editor, s("-- +upgrade"), s("CREATE TABLE first_version (id INTEGER);"));
    QTest::keyClick(editor, Qt::Key_S, Qt::ControlModifier);
    QTRY_VERIFY(readFile(path).contains(s("first_version")));
    clickTab(j, j.panel);

    // Someone (git, another editor) rewrites the file while the confirmation is open.
    QVERIFY(!clickUpgrade(j, [&] { test::books::writeFile(path, readFile(path).replace(s("first_version"), s("second_version"))); }));
    QCOMPARE(j.confirmedSql.size(), 1);
    QVERIFY2(j.confirmedSql.last().contains(s("CREATE TABLE first_version")), qPrintable(j.confirmedSql.last()));
    QVERIFY(j.panel->failureLabel()->isVisible());
    const QString refusal = j.panel->failureLabel()->text();
    QVERIFY2(refusal.contains(displayPath) && refusal.contains(s("changed after the confirmation")), qPrintable(refusal));
    QVERIFY(!hasTable(j.url, s("first_version")));
    QVERIFY(!hasTable(j.url, s("second_version")));
    QCOMPARE(versionRows(j.url), QStringList());
    QCOMPARE(historyRows(j.url), 0);
    if (dialect == s("sqlite"))
        saveShot(*j.panel, s("migrations-refused-changed-file.png"));
    // The panel and the (unmodified) editor show the file as it is now.
    QTRY_VERIFY_WITH_TIMEOUT(j.panel->detailView()->toPlainText().contains(s("second_version")), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(editor->toPlainText().contains(s("second_version")), 10000);

    // A revision added after the confirmation is refused too.
    const QString extra = j.projectDir + s("/versions/dddd00000000_extra.sql");
    QVERIFY(!clickUpgrade(j, [&] {
        test::books::writeFile(extra, test::books::revision(s("dddd00000000"), id, s("extra"),
                                                            s("-- +upgrade\nCREATE TABLE extra_table (id INTEGER);\n\n-- +downgrade\nDROP TABLE extra_table;")));
    }));
    QCOMPARE(j.confirmedSql.size(), 2);
    QVERIFY(!j.confirmedSql.last().contains(s("extra_table")));
    QVERIFY2(j.panel->failureLabel()->text().contains(s("versions/dddd00000000_extra.sql")), qPrintable(j.panel->failureLabel()->text()));
    QVERIFY(!hasTable(j.url, s("second_version")));
    QCOMPARE(versionRows(j.url), QStringList());

    // Confirmed as it is now, it runs what was shown.
    QVERIFY(clickUpgrade(j));
    QCOMPARE(j.confirmedSql.size(), 3);
    QVERIFY(j.confirmedSql.last().contains(s("CREATE TABLE second_version")));
    QVERIFY(j.confirmedSql.last().contains(s("CREATE TABLE extra_table")));
    QVERIFY(!j.panel->failureLabel()->isVisible());
    QVERIFY(hasTable(j.url, s("second_version")));
    QVERIFY(hasTable(j.url, s("extra_table")));
    QVERIFY(!hasTable(j.url, s("first_version")));
    QCOMPARE(versionRows(j.url), QStringList{s("dddd00000000")});
}

void TestJourneyMigrations::revisionEditorRunsNothingByItself()
{
    QFETCH(QString, dialect);
    if (dialect == s("postgresql")) {
        STRATA_REQUIRE_PG(pgUrl);
        Q_UNUSED(pgUrl);
    }
    Journey j;
    openTarget(j, s("journey-editor"));
    if (QTest::currentTestFailed())
        return;
    openPanelWithNewProject(j);
    if (QTest::currentTestFailed())
        return;
    SqlEditor *editor = newRevisionInEditor(j, s("record events"));
    QVERIFY(editor);
    QWidget *tab = j.window->tabs()->currentWidget();
    const QString path = j.revisionPath();
    QVERIFY(!path.isEmpty());
    typeIntoSection(editor, s("-- +upgrade"), s("INSERT INTO events VALUES ('up');"));
    typeIntoSection(editor, s("-- +downgrade"), s("INSERT INTO events VALUES ('down');"));
    QTabBar *tabBar = j.window->tabs()->tabBar();
    QVERIFY2(tabBar->tabText(j.window->tabs()->indexOf(tab)).endsWith(s(" •")), qPrintable(tabBar->tabText(j.window->tabs()->indexOf(tab))));
    QTest::keyClick(editor, Qt::Key_S, Qt::ControlModifier);
    QTRY_VERIFY(readFile(path).contains(s("INSERT INTO events VALUES ('down');")));
    QVERIFY(!tabBar->tabText(j.window->tabs()->indexOf(tab)).endsWith(s(" •")));

    // The console's run keys are plain keys here: nothing runs, nothing asks.
    const QString saved = readFile(path);
    QTest::keyClick(editor, Qt::Key_F5);
    QTest::keyClick(editor, Qt::Key_Return, Qt::ControlModifier);
    QTest::keyClick(editor, Qt::Key_Enter, Qt::ControlModifier | Qt::KeypadModifier);
    QTest::keyClick(editor, Qt::Key_Return, Qt::ControlModifier | Qt::ShiftModifier);
    QTest::keyClick(editor, Qt::Key_E, Qt::ControlModifier);
    QVERIFY(!QApplication::activeModalWidget());

    // "Run upgrade section…": the panel's confirmation, the SQL exactly as it runs; Cancel runs nothing.
    QToolButton *runUp = toolButtonForAction(tab, s("runUpgradeSection"));
    QVERIFY(runUp);
    QSignalSpy schemaChanged(j.window->schemaNotifier(), &catalog::SchemaNotifier::changed);
    QString shown, runLabel;
    whenModal<MigrationConfirmDialog>([&](MigrationConfirmDialog *d) {
        shown = d->sqlView()->toPlainText();
        QTest::mouseClick(d->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Cancel), Qt::LeftButton);
    });
    QTest::mouseClick(runUp, Qt::LeftButton);
    QTRY_VERIFY(!shown.isEmpty());
    QCOMPARE(shown, s("INSERT INTO events VALUES ('up');"));
    QCOMPARE(schemaChanged.count(), 0);   // nothing ran
    whenModal<MigrationConfirmDialog>([&](MigrationConfirmDialog *d) {
        shown = d->sqlView()->toPlainText();
        runLabel = d->runButton()->text();
        QTest::mouseClick(d->runButton(), Qt::LeftButton);
    });
    QTest::mouseClick(runUp, Qt::LeftButton);
    // Jobs of one connection run in order: had a key run anything, it would be in the table first.
    QTRY_COMPARE_WITH_TIMEOUT(scalar(j.url, s("SELECT count(*) FROM events")).toInt(), 1, 20000);
    QCOMPARE(runLabel, s("Run upgrade section"));
    QCOMPARE(shown, s("INSERT INTO events VALUES ('up');"));
    QCOMPARE(scalar(j.url, s("SELECT what FROM events")).toString(), s("up"));
    // The run is announced: the tree and the open tabs read the schema again.
    QTRY_COMPARE(schemaChanged.count(), 1);
    if (dialect == s("sqlite"))
        saveShot(*tab, s("revision-editor.png"));
    // Nothing is recorded: the revision is still pending.
    QCOMPARE(versionRows(j.url), QStringList());
    QCOMPARE(historyRows(j.url), 0);
    QCOMPARE(readFile(path), saved);

    QToolButton *runDown = toolButtonForAction(tab, s("runDowngradeSection"));
    QVERIFY(runDown);
    QTRY_VERIFY_WITH_TIMEOUT(runDown->isEnabled(), 20000);   // the first run has ended
    whenModal<MigrationConfirmDialog>([&](MigrationConfirmDialog *d) {
        shown = d->sqlView()->toPlainText();
        QTest::mouseClick(d->runButton(), Qt::LeftButton);
    });
    QTest::mouseClick(runDown, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(scalar(j.url, s("SELECT count(*) FROM events")).toInt(), 2, 20000);
    QCOMPARE(shown, s("INSERT INTO events VALUES ('down');"));
    QCOMPARE(versionRows(j.url), QStringList());
    QCOMPARE(historyRows(j.url), 0);

    // Unsaved edits are never dropped silently: closing asks; Cancel keeps the tab and the edits.
    typeIntoSection(editor, s("-- +downgrade"), s("-- unsaved"));
    QVERIFY(tabBar->tabText(j.window->tabs()->indexOf(tab)).endsWith(s(" •")));
    auto closeButton = [&] { return tabBar->tabButton(j.window->tabs()->indexOf(tab), QTabBar::RightSide); };
    QVERIFY(closeButton());
    bool asked = false;
    whenModal<QMessageBox>([&](QMessageBox *box) {
        asked = true;
        QTest::mouseClick(box->button(QMessageBox::Cancel), Qt::LeftButton);
    });
    QTest::mouseClick(closeButton(), Qt::LeftButton);
    QTRY_VERIFY(asked);
    QVERIFY(j.window->tabs()->indexOf(tab) >= 0);
    QVERIFY(editor->toPlainText().contains(s("-- unsaved")));
    asked = false;
    whenModal<QMessageBox>([&](QMessageBox *box) {
        asked = true;
        QTest::mouseClick(box->button(QMessageBox::Discard), Qt::LeftButton);
    });
    QTest::mouseClick(closeButton(), Qt::LeftButton);
    QTRY_VERIFY(asked);
    QTRY_COMPARE(j.window->tabs()->indexOf(tab), -1);
    QCOMPARE(readFile(path), saved);
}

// The revision editor's unsaved text is pending work like a grid's edits: the tab title is
// marked, quitting (Ctrl+Q) names the file in the one prompt, and closing the tab with Save
// writes the file before the tab goes.
void TestJourneyMigrations::revisionEditorEditsAreAskedAbout()
{
    QApplication::setQuitOnLastWindowClosed(false);   // a quit that goes on closes the window only
    Journey j;
    openTarget(j, s("journey-pending"));   // SQLite (no data tag)
    if (QTest::currentTestFailed())
        return;
    openPanelWithNewProject(j);
    if (QTest::currentTestFailed())
        return;
    SqlEditor *editor = newRevisionInEditor(j, s("keep my edits"));
    QVERIFY(editor);
    QWidget *tab = j.window->tabs()->currentWidget();
    const QString path = j.revisionPath();
    QVERIFY(!path.isEmpty());
    const QString fileName = QFileInfo(path).fileName();
    const QString before = readFile(path);
    QTabBar *tabBar = j.window->tabs()->tabBar();
    auto tabText = [&] { return tabBar->tabText(j.window->tabs()->indexOf(tab)); };
    QCOMPARE(tabText(), fileName);
    typeIntoSection(editor, s("-- +upgrade"), s("CREATE TABLE kept (id INTEGER);"));
    QCOMPARE(tabText(), fileName + s(" •"));

    // Ctrl+Q: the prompt names the file; Cancel keeps the window, the tab and the text.
    bool asked = false;
    whenModal<QMessageBox>([&](QMessageBox *box) {
        asked = true;
        QVERIFY2(box->text().contains(fileName), qPrintable(box->text()));
        QVERIFY2(box->informativeText().contains(s("unsaved edits to versions/") + fileName), qPrintable(box->informativeText()));
        QTest::mouseClick(box->button(QMessageBox::Cancel), Qt::LeftButton);
    });
    QTest::keyClick(editor, Qt::Key_Q, Qt::ControlModifier);
    QTRY_VERIFY(asked);
    QTRY_VERIFY(!QApplication::activeModalWidget());
    QVERIFY(j.window->isVisible());
    QVERIFY(j.window->tabs()->indexOf(tab) >= 0);
    QVERIFY(editor->toPlainText().contains(s("CREATE TABLE kept")));
    QCOMPARE(readFile(path), before);

    // The tab's close button, then Save: the file is written and the tab goes.
    QAbstractButton *close = qobject_cast<QAbstractButton *>(tabBar->tabButton(j.window->tabs()->indexOf(tab), QTabBar::RightSide));
    QVERIFY(close);
    asked = false;
    whenModal<QMessageBox>([&](QMessageBox *box) {
        asked = true;
        QTest::mouseClick(box->button(QMessageBox::Save), Qt::LeftButton);
    });
    QTest::mouseClick(close, Qt::LeftButton);
    QTRY_VERIFY(asked);
    QTRY_COMPARE(j.window->tabs()->indexOf(tab), -1);
    QVERIFY2(readFile(path).contains(s("-- +upgrade\nCREATE TABLE kept (id INTEGER);")), qPrintable(readFile(path)));
    // The panel follows the saved file by itself.
    QTRY_VERIFY_WITH_TIMEOUT(j.panel->detailView()->toPlainText().contains(s("CREATE TABLE kept")), 10000);
}

STRATA_TEST_MAIN_GUI(TestJourneyMigrations)
#include "tst_journeymigrations.moc"
