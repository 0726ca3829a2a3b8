// Journey: a person with the SQLAlchemy + Alembic tutorial project (tests/data/alembic/tutorial)
// opens its database in Strata, attaches the project to the migration panel and presses the
// panel's buttons: the project's Alembic is found in its .venv (alembic is not on PATH), Upgrade
// runs it with live progress, and an alembic.ini pointing at another database is refused
// (both shown) until the person chooses to run against the panel's connection. Also: a
// failing revision (traceback's file:line, the server's message), Cancel of a slow revision,
// Autogenerate opening the new revision for review, and the screenshots.

#include "alembicjourneytesting.h"

#include "migrations/alembicrefusaldialog.h"
#include "migrations/revisioneditor.h"
#include "migrations/revisioneditortab.h"

#include "migrate/script/projectconfig.h"

#include <QAction>
#include <QInputDialog>
#include <QLabel>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QSettings>
#include <QTreeWidget>

using namespace strata;
using namespace strata::ui;
using namespace strata::test::alembic;

using test::toolButton;

class TestJourneyAlembic : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void upgradeWithTheProjectsVenv_data() { dialects(); }
    void upgradeWithTheProjectsVenv();
    void wrongDatabaseRefusedThenOverridden_data() { dialects(); }
    void wrongDatabaseRefusedThenOverridden();
    void failingRevisionShowsTracebackLine_data() { dialects(); }
    void failingRevisionShowsTracebackLine();
    void cancelSlowRevision();
    void autogenerateOpensTheRevisionForReview();

private:
    static void dialects()
    {
        QTest::addColumn<bool>("postgres");
        QTest::newRow("sqlite") << false;
        QTest::newRow("postgresql") << true;
    }
    std::unique_ptr<Scene> scene(bool postgres, const QString &pgServer, bool venv = false)
    {
        return makeScene(m_alembic, postgres, pgServer, venv);
    }

    AlembicInstallation m_alembic;
};

void TestJourneyAlembic::initTestCase()
{
    m_alembic = systemAlembic();
    QVERIFY2(m_alembic.isValid(), "Debian's alembic (scripts/install-deps.sh) must be installed");
}

void TestJourneyAlembic::init()
{
    qunsetenv("DATABASE_URL");
    // A message built with a missing argument shows the person "%1" or drops a word.
    QTest::failOnWarning(QRegularExpression(s("QString::arg")));
}

void TestJourneyAlembic::upgradeWithTheProjectsVenv()
{
    QFETCH(bool, postgres);
    STRATA_PG_URL_IF(postgres, pgUrl);
    // alembic is not on PATH: only the project's .venv (--system-site-packages) has it.
    const QByteArray path = qgetenv("PATH");
    qputenv("PATH", "/nonexistent-bin");
    auto sc = scene(postgres, pgUrl, true);
    qputenv("PATH", path);
    QVERIFY(sc);
    qputenv("DATABASE_URL", sc->url.toUtf8());   // the tutorial's config.py reads it, as in the person's shell
    const QString label = sc->panel->alembicLabel()->text();
    QVERIFY2(label.contains(s("Alembic ") + m_alembic.version) && label.contains(s("the project's .venv")), qPrintable(label));
    QCOMPARE(sc->panel->alembicInstallation().python, sc->dir + s("/.venv/bin/python"));
    QCOMPARE(sc->panel->graphView()->revisionIds().size(), 6);
    QCOMPARE(sc->panel->currentHeads(), QStringList());
    QVERIFY(upgradeByClicking(*sc));
    QCOMPARE(versions(sc->location), QStringList{kHead});
    QCOMPARE(sc->panel->currentHeads(), QStringList{kHead});
    QVERIFY(sc->panel->graphView()->revision(kHead).current);
    QTreeWidget *progress = sc->panel->progressView();
    QCOMPARE(progress->topLevelItemCount(), 6);
    for (int i = 0; i < progress->topLevelItemCount(); ++i)
        QCOMPARE(progress->topLevelItem(i)->text(2), s("done"));
    const QString log = sc->panel->logView()->toPlainText();
    QVERIFY(log.contains(s("✓ Alembic will connect to")));
    QVERIFY(log.contains(s("Running upgrade 3c8d5f0a2b14, 4d9e6a1b3c25 -> 5e0f7b2c4d36")));
    QVERIFY(!sc->panel->failureLabel()->isVisible());
}

void TestJourneyAlembic::wrongDatabaseRefusedThenOverridden()
{
    QFETCH(bool, postgres);
    STRATA_PG_URL_IF(postgres, pgUrl);
    auto sc = scene(postgres, pgUrl);
    QVERIFY(sc);
    // alembic.ini names another database (production); DATABASE_URL is not set.
    std::unique_ptr<test::ScratchPgDatabase> otherPg;
    QString otherLocation, otherUrl;
    if (postgres) {
        otherPg = std::make_unique<test::ScratchPgDatabase>(pgUrl);
        otherLocation = otherUrl = otherPg->url();
    } else {
        otherLocation = sc->dir + s("/production.db");
        otherUrl = s("sqlite:///") + otherLocation;
    }
    QString ini = readFile(sc->dir + s("/alembic.ini"));
    ini.replace(s("sqlalchemy.url = sqlite:///books.db"), s("sqlalchemy.url = ") + QString(otherUrl).replace(s("%"), s("%%")));
    writeFile(sc->dir + s("/alembic.ini"), ini);

    QString shownAlembic, shownPanel;
    whenModal<AlembicRefusalDialog>([&](AlembicRefusalDialog *d) {
        const QList<QLabel *> labels = d->findChildren<QLabel *>();
        for (QLabel *l : labels) {
            if (l->text().contains(postgres ? otherPg->name() : s("production.db")))
                shownAlembic = l->text();
            if (l->text().contains(postgres ? sc->pg->name() : s("books.db")) && !l->text().contains(s("Run against")))
                shownPanel = l->text();
        }
        if (!QTest::currentTestFailed())
            saveShot(*d, postgres ? s("alembic-refusal-pg.png") : s("alembic-refusal.png"));
        QTest::mouseClick(d->refuseButton(), Qt::LeftButton);
    });
    QSignalSpy finished(sc->panel.get(), &MigrationPanel::actionFinished);
    confirmNext();
    click(toolButton(sc->panel.get(), s("▲ Upgrade")));
    QVERIFY(finished.wait(120000));
    QCOMPARE(finished.first().first().toBool(), false);
    QVERIFY2(!shownAlembic.isEmpty() && !shownPanel.isEmpty(), qPrintable(shownAlembic + s(" | ") + shownPanel));
    if (postgres) {
        QVERIFY(shownAlembic.contains(s(":***@")));
        QVERIFY(!shownAlembic.contains(*connection::parseConnectionString(otherUrl)->password));
    }
    const QString failure = sc->panel->failureLabel()->text();
    QVERIFY2(failure.contains(s("Refused")), qPrintable(failure));
    QVERIFY(sc->panel->failureLabel()->isVisible());
    QCOMPARE(versions(sc->location), QStringList());
    QCOMPARE(versions(otherLocation), QStringList());
    QVERIFY(!hasTable(sc->location, s("books")));
    QVERIFY(!hasTable(otherLocation, s("books")));

    // Again, and this time the person runs it against the panel's connection.
    whenModal<AlembicRefusalDialog>([](AlembicRefusalDialog *d) {
        QVERIFY(d->overrideButton());
        QTest::mouseClick(d->overrideButton(), Qt::LeftButton);
    });
    QVERIFY(upgradeByClicking(*sc));
    QCOMPARE(versions(sc->location), QStringList{kHead});
    QCOMPARE(versions(otherLocation), QStringList());
    QVERIFY(!hasTable(otherLocation, s("books")));
    QVERIFY(sc->panel->logView()->toPlainText().contains(s("Running against this connection instead")));
}

void TestJourneyAlembic::failingRevisionShowsTracebackLine()
{
    QFETCH(bool, postgres);
    STRATA_PG_URL_IF(postgres, pgUrl);
    auto sc = scene(postgres, pgUrl);
    QVERIFY(sc);
    qputenv("DATABASE_URL", sc->url.toUtf8());
    QVERIFY(upgradeByClicking(*sc));
    addFailingRevision(sc->dir);
    sc->panel->refresh();
    QTRY_COMPARE_WITH_TIMEOUT(sc->panel->graphView()->revisionIds().size(), 7, 10000);
    QVERIFY(!upgradeByClicking(*sc));
    const QString failure = sc->panel->failureLabel()->text();
    QVERIFY2(failure.contains(s("Revision 6f1a8c3d5e47 failed")), qPrintable(failure));
    QVERIFY2(failure.contains(s("6f1a8c3d5e47_add_audit_table.py, line %1</a> in upgrade()").arg(kFailingLine)), qPrintable(failure));
    QVERIFY2(failure.contains(s("nosuch_table")), qPrintable(failure));
    QCOMPARE(versions(sc->location), QStringList{kHead});
    QCOMPARE(sc->panel->currentHeads(), QStringList{kHead});
    if (postgres)
        QVERIFY(!hasTable(sc->location, s("audit")));
    // The failed line is marked in the revision's file.
    QCOMPARE(sc->panel->graphView()->selectedRevision(), s("6f1a8c3d5e47"));
    const QList<QTextEdit::ExtraSelection> marks = sc->panel->detailView()->extraSelections();
    QCOMPARE(marks.size(), 1);
    QCOMPARE(marks.first().cursor.blockNumber() + 1, kFailingLine);
    // After looking at another revision, the banner's file:line link brings the line back
    // (followed from the keyboard: Tab to the link, Return).
    QVERIFY(clickRevision(*sc->panel, kHead));
    QVERIFY(sc->panel->detailView()->extraSelections().isEmpty());
    QLabel *banner = sc->panel->failureLabel();
    banner->window()->activateWindow();
    banner->setFocus(Qt::TabFocusReason);
    QTRY_VERIFY(banner->hasFocus());
    QTest::keyClick(banner, Qt::Key_Tab);   // QLabel moves between its links first
    QTRY_VERIFY(banner->hasFocus());
    QTest::keyClick(banner, Qt::Key_Return);
    QTRY_COMPARE(sc->panel->graphView()->selectedRevision(), s("6f1a8c3d5e47"));
    QCOMPARE(sc->panel->detailView()->extraSelections().size(), 1);
    QCOMPARE(sc->panel->detailView()->extraSelections().first().cursor.blockNumber() + 1, kFailingLine);
}

void TestJourneyAlembic::cancelSlowRevision()
{
    auto sc = scene(false, {});
    QVERIFY(sc);
    qputenv("DATABASE_URL", sc->url.toUtf8());
    QVERIFY(upgradeByClicking(*sc));
    const QString pidFile = sc->dir + s("/child.pid");
    addSlowRevision(sc->dir, pidFile);
    sc->panel->refresh();
    QTRY_COMPARE_WITH_TIMEOUT(sc->panel->graphView()->revisionIds().size(), 7, 10000);
    QSignalSpy finished(sc->panel.get(), &MigrationPanel::actionFinished);
    confirmNext();
    click(toolButton(sc->panel.get(), s("▲ Upgrade")));
    QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(pidFile).size() > 0, 60000);
    QTRY_COMPARE(sc->panel->progressView()->topLevelItem(0)->text(2), s("running…"));
    saveShot(*sc->panel, s("alembic-upgrade-running.png"));
    click(toolButton(sc->panel.get(), s("■ Cancel")));
    QVERIFY(finished.wait(30000));
    QCOMPARE(finished.first().first().toBool(), false);
    QVERIFY(sc->panel->logView()->toPlainText().contains(s("Cancelled: Alembic was terminated")));
    QCOMPARE(sc->panel->progressView()->topLevelItem(0)->text(2), s("cancelled"));
    QCOMPARE(versions(sc->location), QStringList{kHead});
}

void TestJourneyAlembic::autogenerateOpensTheRevisionForReview()
{
    auto sc = scene(false, {});
    QVERIFY(sc);
    qputenv("DATABASE_URL", sc->url.toUtf8());
    QVERIFY(upgradeByClicking(*sc));
    QString models = readFile(sc->dir + s("/models.py"));
    models.replace(s("    price = Column(Numeric(10, 2))\n"), s("    price = Column(Numeric(10, 2))\n    isbn = Column(String(13))\n"));
    writeFile(sc->dir + s("/models.py"), models);
    QSignalSpy created(sc->panel.get(), &MigrationPanel::revisionFileCreated);
    whenModal<QInputDialog>([](QInputDialog *d) {
        d->setTextValue(s("add isbn"));
        d->accept();
    });
    click(toolButton(sc->panel.get(), s("Autogenerate…")));
    QVERIFY(created.wait(120000));
    const QString path = created.first().first().toString();
    QVERIFY(path.endsWith(s("_add_isbn.py")));
    QVERIFY(readFile(path).contains(s("sa.Column('isbn', sa.String(length=13)")));
    QCOMPARE(sc->panel->graphView()->revisionIds().size(), 7);
    // Opened for review: Python, upgrade() and downgrade() marked.
    Result<migrate::ProjectConfig> config = migrate::ProjectConfig::load(sc->dir + s("/alembic.ini"));
    QVERIFY(config);
    RevisionEditorTab tab(sc->spec, *config, path);
    tab.resize(1100, 760);
    tab.show();
    auto *editor = tab.findChild<RevisionEditor *>();
    QVERIFY(editor);
    QVERIFY(editor->isPython());
    const int up = editor->markerLine(s("upgrade"));
    const int down = editor->markerLine(s("downgrade"));
    QVERIFY(up > 0 && down > up);
    QCOMPARE(editor->partOf(up + 2), RevisionEditor::Part::Upgrade);
    QCOMPARE(editor->partOf(down + 2), RevisionEditor::Part::Downgrade);
    saveShot(tab, s("alembic-autogenerate-review.png"));
}

STRATA_TEST_MAIN_GUI(TestJourneyAlembic)
#include "tst_journeyalembic.moc"
