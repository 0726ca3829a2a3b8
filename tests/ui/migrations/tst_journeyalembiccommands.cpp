// Journey: the rest of what the alembic command line does, from the migration panel's buttons
// and their menus, clicked as a person does, on the tutorial project run by the real Alembic:
// Downgrade one step (from the merge: both branches stay) and to the revision clicked in the
// graph, Stamp (the selected revision, then head) without running any SQL, Preview SQL
// (Alembic's --sql text, or why there is none), New revision and Merge heads (files written by
// Alembic, then run), "Choose Alembic…" answered in the file dialog (remembered per project),
// and a revision that changes alembic_version behind Alembic's back: the panel says that what
// Alembic reported is not what the database says. Every step is checked in the database
// (alembic_version, tables, columns) and in the panel.

#include "alembicjourneytesting.h"

#include "support/filedialogs.h"

#include <QDialog>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QSettings>
#include <QTreeWidget>

using namespace strata;
using namespace strata::ui;
using namespace strata::test::alembic;

using test::toolButton;

namespace {

const QString kBooks = s("1975ea83b712");
const QString kPrice = s("ae1027a6acf0");
const QString kAuthors = s("2b7c4e9f1a03");
const QString kLink = s("3c8d5f0a2b14");
const QString kReviews = s("4d9e6a1b3c25");

QStringList sorted(QStringList list)
{
    list.sort();
    return list;
}

/// The preview dialog the panel shows (not modal), once it is there.
QDialog *previewDialog(MigrationPanel &panel)
{
    QDialog *found = nullptr;
    (void)QTest::qWaitFor([&] {
        found = panel.findChild<QDialog *>(s("previewSqlDialog"));
        return found && found->isVisible();
    }, 60000);
    return found;
}

/// Types `text` into the next QInputDialog and presses its OK button.
void answerInput(const QString &text)
{
    whenModal<QInputDialog>([text](QInputDialog *d) {
        auto *edit = d->findChild<QLineEdit *>();
        QVERIFY(edit);
        edit->selectAll();
        QTest::keyClicks(edit, text);
        QTest::mouseClick(d->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
    });
}

} // namespace

class TestJourneyAlembicCommands : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void downgradeOneStepThenToTheSelectedRevision_data() { dialects(); }
    void downgradeOneStepThenToTheSelectedRevision();
    void stampSelectedThenHeadRunsNoSql_data() { dialects(); }
    void stampSelectedThenHeadRunsNoSql();
    void previewSqlShowsAlembicsOfflineSql_data() { dialects(); }
    void previewSqlShowsAlembicsOfflineSql();
    void newRevisionThenMergeHeads();
    void chooseAlembicInTheFileDialog();
    void mismatchWithAlembicVersionIsShown();
    void noAlembicSaysWhatToInstall();

private:
    static void dialects()
    {
        QTest::addColumn<bool>("postgres");
        QTest::newRow("sqlite") << false;
        QTest::newRow("postgresql") << true;
    }

    AlembicInstallation m_alembic;
};

void TestJourneyAlembicCommands::initTestCase()
{
    m_alembic = systemAlembic();
    QVERIFY2(m_alembic.isValid(), "Debian's alembic (scripts/install-deps.sh) must be installed");
}

void TestJourneyAlembicCommands::init()
{
    qunsetenv("DATABASE_URL");
    // A message built with a missing argument shows the person "%1" or drops a word.
    QTest::failOnWarning(QRegularExpression(s("QString::arg")));
}

void TestJourneyAlembicCommands::downgradeOneStepThenToTheSelectedRevision()
{
    QFETCH(bool, postgres);
    STRATA_PG_URL_IF(postgres, pgUrl);
    auto sc = makeScene(m_alembic, postgres, pgUrl);
    QVERIFY(sc);
    qputenv("DATABASE_URL", sc->url.toUtf8());
    QVERIFY(upgradeByClicking(*sc));
    QCOMPARE(versions(sc->location), QStringList{kHead});

    // ▼ Downgrade's own button: one step back from the merge undoes the merge only.
    QSignalSpy finished(sc->panel.get(), &MigrationPanel::actionFinished);
    // Answers may come after this function failed and returned: nothing captured by reference.
    auto confirmed = std::make_shared<QString>();
    whenModal<MigrationConfirmDialog>([confirmed](MigrationConfirmDialog *d) {
        *confirmed = d->sqlView()->toPlainText();
        QTest::mouseClick(d->runButton(), Qt::LeftButton);
    });
    QToolButton *down = toolButton(sc->panel.get(), s("▼ Downgrade"));
    QVERIFY(down && down->isEnabled());
    QTest::mouseClick(down, Qt::LeftButton, {}, QPoint(8, down->height() / 2));
    QVERIFY(finished.wait(120000));
    QVERIFY(finished.first().first().toBool());
    // The confirmation names the command that ran.
    QVERIFY2(confirmed->contains(s("--   alembic downgrade %1\n").arg(kLink)), qPrintable(*confirmed));
    QCOMPARE(versions(sc->location), (QStringList{kLink, kReviews}));
    QCOMPARE(sorted(sc->panel->currentHeads()), (QStringList{kLink, kReviews}));
    QVERIFY(hasTable(sc->location, s("authors")) && hasTable(sc->location, s("reviews")));
    QVERIFY(sc->panel->graphView()->revision(kLink).current && sc->panel->graphView()->revision(kReviews).current);
    QCOMPARE(sc->panel->graphView()->revision(kHead).status, RevisionView::Status::Pending);
    QVERIFY(sc->panel->logView()->toPlainText().contains(s("Running downgrade 5e0f7b2c4d36 -> 3c8d5f0a2b14, 4d9e6a1b3c25")));

    // The first revision clicked in the graph, then "Downgrade to the selected revision".
    QVERIFY(clickRevision(*sc->panel, kBooks));
    QVERIFY(runFromMenu(*sc, s("▼ Downgrade"), s("Downgrade to the selected revision")));
    QCOMPARE(versions(sc->location), QStringList{kBooks});
    QCOMPARE(sc->panel->currentHeads(), QStringList{kBooks});
    QVERIFY(hasTable(sc->location, s("books")));
    QVERIFY(!hasColumn(sc->location, s("books"), s("price")));
    QVERIFY(!hasTable(sc->location, s("authors")) && !hasTable(sc->location, s("reviews")));
    QVERIFY(sc->panel->graphView()->revision(kBooks).current);
    QCOMPARE(sc->panel->graphView()->revision(kPrice).status, RevisionView::Status::Pending);
    QCOMPARE(sc->panel->progressView()->topLevelItemCount(), 4);   // link, authors, reviews, price
    QVERIFY(!sc->panel->failureLabel()->isVisible());
}

void TestJourneyAlembicCommands::stampSelectedThenHeadRunsNoSql()
{
    QFETCH(bool, postgres);
    STRATA_PG_URL_IF(postgres, pgUrl);
    auto sc = makeScene(m_alembic, postgres, pgUrl);
    QVERIFY(sc);
    qputenv("DATABASE_URL", sc->url.toUtf8());
    QVERIFY(clickRevision(*sc->panel, kPrice));
    QVERIFY(runFromMenu(*sc, s("Stamp"), s("Stamp the selected revision")));
    QCOMPARE(versions(sc->location), QStringList{kPrice});
    QCOMPARE(sc->panel->currentHeads(), QStringList{kPrice});
    QVERIFY(!hasTable(sc->location, s("books")));   // recorded, not run
    QCOMPARE(sc->panel->graphView()->revision(kBooks).status, RevisionView::Status::Applied);
    QVERIFY(sc->panel->graphView()->revision(kPrice).current);

    QVERIFY(runFromMenu(*sc, s("Stamp"), s("Stamp head")));
    QCOMPARE(versions(sc->location), QStringList{kHead});
    QCOMPARE(sc->panel->currentHeads(), QStringList{kHead});
    QVERIFY(!hasTable(sc->location, s("books")));
    QVERIFY(!hasTable(sc->location, s("authors")));
    QVERIFY(sc->panel->graphView()->revision(kHead).current);
    QVERIFY(sc->panel->summaryLabel()->text().contains(s("Up to date")));
}

void TestJourneyAlembicCommands::previewSqlShowsAlembicsOfflineSql()
{
    QFETCH(bool, postgres);
    STRATA_PG_URL_IF(postgres, pgUrl);
    auto sc = makeScene(m_alembic, postgres, pgUrl);
    QVERIFY(sc);
    qputenv("DATABASE_URL", sc->url.toUtf8());
    QToolButton *preview = toolButton(sc->panel.get(), s("Preview SQL"));
    QVERIFY(preview);
    if (postgres) {
        QVERIFY(chooseFromMenu(preview, s("Upgrade to head")));
        QDialog *dialog = previewDialog(*sc->panel);
        QVERIFY(dialog);
        const QString sql = dialog->findChild<QPlainTextEdit *>()->toPlainText();
        QVERIFY2(sql.contains(s("CREATE TABLE books")) && sql.contains(s("FOREIGN KEY(author_id) REFERENCES authors (id)")), qPrintable(sql));
        QVERIFY(sql.contains(s("INSERT INTO alembic_version")));
        dialog->close();
    } else {
        // SQLite's batch mode cannot run offline: the panel says why, in Alembic's words.
        auto said = std::make_shared<QString>();
        whenModal<QMessageBox>([said](QMessageBox *box) {
            *said = box->text();
            QTest::mouseClick(box->button(QMessageBox::Ok), Qt::LeftButton);
        });
        QVERIFY(chooseFromMenu(preview, s("Upgrade to head")));
        QTRY_VERIFY_WITH_TIMEOUT(!said->isEmpty(), 60000);
        QVERIFY2(said->contains(s("cannot render this command offline")) && said->contains(s("cannot proceed in --sql mode")),
                 qPrintable(*said));
    }
    // To the revision clicked in the graph: runs offline on both.
    QVERIFY(clickRevision(*sc->panel, kAuthors));
    QVERIFY(chooseFromMenu(preview, s("Upgrade to the selected revision")));
    QDialog *dialog = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((dialog = previewDialog(*sc->panel)) != nullptr, 60000);
    const QString sql = dialog->findChild<QPlainTextEdit *>()->toPlainText();
    QVERIFY2(sql.contains(s("CREATE TABLE authors")) && sql.contains(s("ALTER TABLE books ADD COLUMN price NUMERIC(10, 2)")), qPrintable(sql));
    QVERIFY(!sql.contains(s("reviews")));
    QVERIFY(!sql.contains(s("INFO  [")));
    // Offline: nothing ran.
    QCOMPARE(versions(sc->location), QStringList());
    QVERIFY(!hasTable(sc->location, s("books")));
    QCOMPARE(sc->panel->currentHeads(), QStringList());
}

void TestJourneyAlembicCommands::newRevisionThenMergeHeads()
{
    auto sc = makeScene(m_alembic, false, {});
    QVERIFY(sc);
    qputenv("DATABASE_URL", sc->url.toUtf8());
    QVERIFY(upgradeByClicking(*sc));
    QSignalSpy created(sc->panel.get(), &MigrationPanel::revisionFileCreated);
    answerInput(s("add isbn"));
    click(toolButton(sc->panel.get(), s("New revision…")));
    QVERIFY(created.wait(120000));
    const QString isbn = created.takeFirst().first().toString();
    QVERIFY2(isbn.endsWith(s("_add_isbn.py")), qPrintable(isbn));
    const QString isbnText = readFile(isbn);
    QVERIFY2(isbnText.contains(s("down_revision = '%1'").arg(kHead)), qPrintable(isbnText));
    const QString isbnId = QFileInfo(isbn).fileName().section(QLatin1Char('_'), 0, 0);
    QCOMPARE(sc->panel->graphView()->revisionIds().size(), 7);
    QCOMPARE(sc->panel->graphView()->selectedRevision(), isbnId);
    QCOMPARE(versions(sc->location), QStringList{kHead});   // written, not run
    QVERIFY(!toolButton(sc->panel.get(), s("Merge heads…"))->isEnabled());   // one head

    // A colleague's revision on the same parent arrives (git pull): two heads.
    writeFile(sc->dir + s("/migrations/versions/8b3c0e5f7a69_add_audit_table.py"),
              revisionText(s("8b3c0e5f7a69"), kHead, s("add audit table"),
                           s("    op.create_table('audit', sa.Column('id', sa.Integer(), primary_key=True))")));
    QTRY_COMPARE_WITH_TIMEOUT(sc->panel->graphView()->revisionIds().size(), 8, 10000);
    QToolButton *merge = toolButton(sc->panel.get(), s("Merge heads…"));
    QTRY_VERIFY(merge->isEnabled());
    answerInput(s("merge isbn and audit"));
    click(merge);
    QVERIFY(created.wait(120000));
    const QString mergePath = created.takeFirst().first().toString();
    QVERIFY2(mergePath.endsWith(s("_merge_isbn_and_audit.py")), qPrintable(mergePath));
    const QString mergeText = readFile(mergePath);
    QVERIFY2(mergeText.contains(isbnId) && mergeText.contains(s("8b3c0e5f7a69")), qPrintable(mergeText));
    const QString mergeId = QFileInfo(mergePath).fileName().section(QLatin1Char('_'), 0, 0);
    QTRY_COMPARE(sc->panel->graphView()->revisionIds().size(), 9);
    QVERIFY(sc->panel->graphView()->revision(mergeId).mergePoint);
    QVERIFY(!merge->isEnabled());   // one head again
    QCOMPARE(versions(sc->location), QStringList{kHead});

    // And the new revisions run.
    QVERIFY(upgradeByClicking(*sc));
    QCOMPARE(versions(sc->location), QStringList{mergeId});
    QCOMPARE(sc->panel->currentHeads(), QStringList{mergeId});
    QVERIFY(hasTable(sc->location, s("audit")));
}

void TestJourneyAlembicCommands::chooseAlembicInTheFileDialog()
{
    auto sc = makeScene(m_alembic, false, {}, false, s("chosen"));
    QVERIFY(sc);
    qputenv("DATABASE_URL", sc->url.toUtf8());
    // Found on PATH at first; the person's interpreter lives in a venv outside the project.
    QVERIFY2(sc->panel->alembicInstallation().origin.contains(s("PATH")), qPrintable(sc->panel->alembicInstallation().origin));
    const QString tools = QFileInfo(sc->dir).absolutePath() + s("/tools");
    QDir().mkpath(tools);
    QVERIFY(makeVenv(tools, m_alembic));
    const QString python = tools + s("/.venv/bin/python");

    QPushButton *choose = pushButton(sc->panel.get(), s("Choose Alembic…"));
    QVERIFY(choose && choose->isVisible());
    auto failed = std::make_shared<QString>(s("no file dialog opened"));
    whenModal<QFileDialog>([failed, python](QFileDialog *d) { *failed = test::answerFileDialog(d, python); });
    QSignalSpy located(sc->panel.get(), &MigrationPanel::alembicLocated);
    click(choose);
    QVERIFY2(failed->isEmpty(), qPrintable(*failed));
    QVERIFY(located.wait(60000));
    QVERIFY(located.first().first().toBool());
    QCOMPARE(sc->panel->alembicInstallation().python, python);
    const QString label = sc->panel->alembicLabel()->text();
    QVERIFY2(label.contains(s("chosen for this project")) && label.contains(python) && label.contains(m_alembic.version), qPrintable(label));

    QVERIFY(upgradeByClicking(*sc));
    QVERIFY(sc->panel->logView()->toPlainText().contains(s("with %1)").arg(python)));
    QCOMPARE(versions(sc->location), QStringList{kHead});

    // Remembered for the project: a new panel on the same database uses it again.
    sc->panel.reset();
    MigrationPanel again(sc->spec);
    QSignalSpy againLocated(&again, &MigrationPanel::alembicLocated);
    QCOMPARE(again.projectFolder(), QFileInfo(sc->dir).absoluteFilePath());
    QVERIFY(againLocated.count() > 0 || againLocated.wait(60000));
    QCOMPARE(again.alembicInstallation().python, python);
}

void TestJourneyAlembicCommands::mismatchWithAlembicVersionIsShown()
{
    auto sc = makeScene(m_alembic, false, {}, false, s("mismatch"));
    QVERIFY(sc);
    qputenv("DATABASE_URL", sc->url.toUtf8());
    QVERIFY(upgradeByClicking(*sc));
    // A revision whose upgrade() adds a version row behind Alembic's back.
    writeFile(sc->dir + s("/migrations/versions/9c4d1f6a8b70_sneaky_version_row.py"),
              revisionText(s("9c4d1f6a8b70"), kHead, s("sneaky version row"),
                           s("    op.execute(\"INSERT INTO alembic_version (version_num) VALUES ('%1')\")").arg(kReviews)));
    QTRY_COMPARE_WITH_TIMEOUT(sc->panel->graphView()->revisionIds().size(), 7, 10000);
    QVERIFY(upgradeByClicking(*sc));
    QCOMPARE(versions(sc->location), (QStringList{kReviews, s("9c4d1f6a8b70")}));
    QCOMPARE(sorted(sc->panel->currentHeads()), (QStringList{kReviews, s("9c4d1f6a8b70")}));
    const QString failure = sc->panel->failureLabel()->text();
    QVERIFY(sc->panel->failureLabel()->isVisible());
    QVERIFY2(failure.contains(s("Mismatch")) && failure.contains(s("Alembic reported <code>9c4d1f6a8b70</code>"))
                 && failure.contains(s("alembic_version says <code>%1, 9c4d1f6a8b70</code>").arg(kReviews)),
             qPrintable(failure));
    QVERIFY(sc->panel->logView()->toPlainText().contains(s("but alembic_version says")));
    QVERIFY(sc->panel->graphView()->revision(kReviews).current);
    QVERIFY(sc->panel->graphView()->revision(s("9c4d1f6a8b70")).current);
}

// No venv, nothing on PATH: the panel says exactly what to install, and every command that
// needs Alembic is off until one is chosen.
void TestJourneyAlembicCommands::noAlembicSaysWhatToInstall()
{
    const QString dir = copyTutorial(s("nothing"));
    QVERIFY(!dir.isEmpty());
    const QString db = dir + s("/books.db");
    const QByteArray path = qgetenv("PATH");
    const QByteArray activated = qgetenv("VIRTUAL_ENV");
    qputenv("PATH", "/nonexistent-bin");
    qunsetenv("VIRTUAL_ENV");
    MigrationPanel panel(*connection::parseConnectionString(db));
    panel.resize(1100, 760);
    panel.show();
    QSignalSpy located(&panel, &MigrationPanel::alembicLocated);
    const bool attached = panel.attachProject(dir).ok();
    const bool answered = located.count() > 0 || located.wait(60000);   // nothing to try: may be at once
    qputenv("PATH", path);
    if (!activated.isEmpty())
        qputenv("VIRTUAL_ENV", activated);
    QVERIFY(attached && answered);
    QCOMPARE(located.first().first().toBool(), false);
    const QString label = panel.alembicLabel()->text();
    QVERIFY2(label.contains(s("No Alembic for this project")) && label.contains(s("python3 -m venv .venv"))
                 && label.contains(s("apt install alembic")),
             qPrintable(label));
    QVERIFY(panel.alembicLabel()->isVisible());
    QTRY_VERIFY(panel.isReady());
    QVERIFY(!toolButton(&panel, s("▲ Upgrade"))->isEnabled());
    QVERIFY(!toolButton(&panel, s("Preview SQL"))->isEnabled());
    QVERIFY(!toolButton(&panel, s("Autogenerate…"))->isEnabled());
    QVERIFY(!toolButton(&panel, s("New revision…"))->isEnabled());
    QVERIFY(pushButton(&panel, s("Choose Alembic…"))->isEnabled());
    QCOMPARE(panel.graphView()->revisionIds().size(), 6);   // the project is still read and drawn
}

STRATA_TEST_MAIN_GUI(TestJourneyAlembicCommands)
#include "tst_journeyalembiccommands.moc"
