// ImportCsvDialog driven offscreen: the preview shows the file (header detected, NULL
// styled, embedded newlines on one line), the header toggle and options re-read it, the
// mapping follows the target, and Import writes the rows on the worker thread; a
// malformed file shows its line and writes nothing.

#include "dataio/importcsvdialog.h"
#include "support/connectionspecs.h"
#include "support/scratchdatabase.h"
#include "support/testenvironment.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTableWidget>
#include <QtTest>

using namespace strata;
using namespace strata::ui;

namespace {

QString writeFile(const QString &name, const QByteArray &bytes)
{
    const QString path = test::tempPath(name);
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(bytes);
    return path;
}

using test::sqliteSpec;

const QByteArray kPeople = "id,name,score,joined\n"
                           "1,\"Ann \"\"A\"\"\",9.5,2024-01-02\n"
                           "2,,10,\n"
                           "3,\"two\nlines\",7.25,2023-12-31\n";

} // namespace

class TestImportCsvDialog : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void previewShowsTheFile();
    void importsIntoNewTable();
    void importsIntoExistingTableWithMapping();
    void malformedFileWritesNothing();
    void importsIntoPostgresAndCancels();
};

void TestImportCsvDialog::previewShowsTheFile()
{
    ImportCsvDialog dialog(sqliteSpec(test::tempPath(QStringLiteral("preview.db"))), QString(), QString());
    dialog.setFilePath(writeFile(QStringLiteral("people.csv"), kPeople));
    QTableWidget *preview = dialog.previewTable();
    QVERIFY(dialog.headerCheck()->isChecked());
    QCOMPARE(preview->columnCount(), 4);
    QCOMPARE(preview->rowCount(), 3);
    QCOMPARE(preview->horizontalHeaderItem(1)->text(), QStringLiteral("name"));
    QCOMPARE(preview->item(0, 1)->text(), QStringLiteral("Ann \"A\""));
    QCOMPARE(preview->item(1, 1)->text(), QStringLiteral("NULL"));
    QVERIFY(preview->item(1, 1)->font().italic());
    QCOMPARE(preview->item(2, 1)->text(), QStringLiteral("two⏎lines"));
    QCOMPARE(preview->item(2, 1)->toolTip(), QStringLiteral("two\nlines"));
    QVERIFY(dialog.newTableButton()->isChecked());
    QCOMPARE(dialog.tableNameEdit()->text(), QStringLiteral("people"));

    // Inferred types in the mapping, and what the import would do.
    auto *scoreType = qobject_cast<QComboBox *>(dialog.mappingTable()->cellWidget(2, 2));
    QVERIFY(scoreType);
    QVERIFY2(scoreType->currentText().startsWith(QStringLiteral("number")), qPrintable(scoreType->currentText()));
    const data::io::ImportOptions options = dialog.importOptions();
    QVERIFY(options.createTable);
    QCOMPARE(options.columns.size(), 4);
    QCOMPARE(options.columns.at(0).type, data::io::ColumnType::Integer);
    QCOMPARE(options.columns.at(3).type, data::io::ColumnType::Date);

    // Without a header the first record is data and columns get generic names.
    dialog.headerCheck()->setChecked(false);
    QCOMPARE(preview->rowCount(), 4);
    QCOMPARE(preview->horizontalHeaderItem(0)->text(), QStringLiteral("column1"));
    QCOMPARE(preview->item(0, 0)->text(), QStringLiteral("id"));
    dialog.headerCheck()->setChecked(true);

    // A picture for people (and for the README).
    dialog.resize(900, 640);
    const QImage image = dialog.grab().toImage();
    QVERIFY(!image.isNull());
    image.save(test::tempPath(QStringLiteral("importcsvdialog.png")));
    if (const QByteArray out = qgetenv("STRATA_SCREENSHOT_DIR"); !out.isEmpty())
        image.save(QString::fromLocal8Bit(out) + QStringLiteral("/import-csv-dialog.png"));
}

void TestImportCsvDialog::importsIntoNewTable()
{
    const QString dbPath = test::tempPath(QStringLiteral("new.db"));
    ImportCsvDialog dialog(sqliteSpec(dbPath), QString(), QString());
    dialog.setFilePath(writeFile(QStringLiteral("people.csv"), kPeople));
    QSignalSpy finished(&dialog, &ImportCsvDialog::finished);
    dialog.startImport();
    QVERIFY(dialog.isRunning());
    QVERIFY(finished.wait(20000));
    QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(2).toString()));
    QCOMPARE(finished.first().at(1).toLongLong(), 3);

    // A read-only connection never starts an import.
    connection::ConnectionSpec readOnly = sqliteSpec(dbPath);
    readOnly.profile.readOnly = true;
    readOnly.profile.createIfMissing = false;
    ImportCsvDialog refused(readOnly, QString(), QString());
    refused.setFilePath(writeFile(QStringLiteral("people3.csv"), kPeople));
    refused.startImport();
    QVERIFY(!refused.isRunning());
    QVERIFY(refused.statusLabel()->text().contains(QStringLiteral("read-only")));
    QVERIFY(dialog.statusLabel()->text().contains(QStringLiteral("Imported 3 rows")));

    QSqlDatabase db = test::openTestDatabase(dbPath);
    QSqlQuery q(db);
    QVERIFY(q.exec(QStringLiteral("SELECT name, typeof(score) FROM people ORDER BY id")));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("Ann \"A\""));
    QCOMPARE(q.value(1).toString(), QStringLiteral("real"));
    QVERIFY(q.next());
    QVERIFY(q.value(0).isNull());
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("two\nlines"));
    q.finish();
    test::closeTestDatabase(db);
}

void TestImportCsvDialog::importsIntoExistingTableWithMapping()
{
    const QString dbPath = test::tempPath(QStringLiteral("existing.db"));
    {
        QSqlDatabase db = test::openTestDatabase(dbPath);
        QVERIFY(test::execAll(db, {QStringLiteral("CREATE TABLE people (ID integer primary key, Name text, extra text)")}).isEmpty());
        test::closeTestDatabase(db);
    }
    ImportCsvDialog dialog(sqliteSpec(dbPath), QStringLiteral("main"), QStringLiteral("people"));
    QSignalSpy loaded(&dialog, &ImportCsvDialog::targetColumnsLoaded);
    QVERIFY(dialog.existingTableButton()->isChecked());
    QVERIFY(loaded.wait(10000));
    QVERIFY(loaded.first().at(0).toBool());
    dialog.setFilePath(writeFile(QStringLiteral("people2.csv"), kPeople));
    // id -> ID and name -> Name by name; score and joined have no column: skipped.
    auto *idTarget = qobject_cast<QComboBox *>(dialog.mappingTable()->cellWidget(0, 1));
    auto *scoreTarget = qobject_cast<QComboBox *>(dialog.mappingTable()->cellWidget(2, 1));
    QVERIFY(idTarget && scoreTarget);
    QCOMPARE(idTarget->currentText(), QStringLiteral("ID"));
    QCOMPARE(scoreTarget->currentIndex(), 0);
    scoreTarget->setCurrentIndex(scoreTarget->findText(QStringLiteral("extra")));
    QCOMPARE(dialog.importOptions().columns.size(), 3);

    QSignalSpy finished(&dialog, &ImportCsvDialog::finished);
    dialog.startImport();
    QVERIFY(finished.wait(20000));
    QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(2).toString()));
    QSqlDatabase db = test::openTestDatabase(dbPath);
    QSqlQuery q(db);
    QVERIFY(q.exec(QStringLiteral("SELECT group_concat(ID || ':' || coalesce(Name, 'NULL') || ':' || extra, '/') FROM people")));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("1:Ann \"A\":9.5/2:NULL:10/3:two\nlines:7.25"));
    q.finish();
    test::closeTestDatabase(db);
}

void TestImportCsvDialog::malformedFileWritesNothing()
{
    const QString dbPath = test::tempPath(QStringLiteral("bad.db"));
    ImportCsvDialog dialog(sqliteSpec(dbPath), QString(), QString());
    // A malformed record within the preview is shown at once, with its line.
    dialog.setFilePath(writeFile(QStringLiteral("short.csv"), "a,b\n1,x\n2,y,z\n"));
    QVERIFY2(dialog.statusLabel()->text().contains(QStringLiteral("Line 3")), qPrintable(dialog.statusLabel()->text()));
    // One beyond the preview stops the import itself: nothing is written.
    QByteArray csv = "a,b\n";
    for (int i = 0; i < 300; ++i)
        csv += QByteArray::number(i) + ",x\n";
    csv += "300,\"open\n";
    dialog.setFilePath(writeFile(QStringLiteral("bad.csv"), csv));
    dialog.tableNameEdit()->setText(QStringLiteral("bad"));
    QVERIFY(!dialog.statusLabel()->text().contains(QStringLiteral("Line")));
    QSignalSpy finished(&dialog, &ImportCsvDialog::finished);
    dialog.startImport();
    QVERIFY(finished.wait(20000));
    QVERIFY(!finished.first().at(0).toBool());
    QVERIFY2(dialog.statusLabel()->text().contains(QStringLiteral("Line 302")), qPrintable(dialog.statusLabel()->text()));
    QSqlDatabase db = test::openTestDatabase(dbPath);
    QVERIFY(!db.tables().contains(QStringLiteral("bad")));
    test::closeTestDatabase(db);
}

void TestImportCsvDialog::importsIntoPostgresAndCancels()
{
    STRATA_REQUIRE_PG(url);
    test::ScratchPgDatabase scratch(url);
    QVERIFY2(!scratch.url().isEmpty(), qPrintable(scratch.error()));
    auto spec = connection::parseConnectionString(scratch.url());
    QVERIFY(spec);
    const QString csv = writeFile(QStringLiteral("pg-people.csv"), kPeople);
    {
        // Cancel right after Import: nothing is written, the table is not created.
        ImportCsvDialog dialog(spec.value(), QString(), QString());
        dialog.setFilePath(csv);
        QSignalSpy finished(&dialog, &ImportCsvDialog::finished);
        dialog.startImport();
        dialog.reject();
        QVERIFY(finished.wait(20000));
        QVERIFY(!finished.first().at(0).toBool());
        QVERIFY2(dialog.statusLabel()->text().contains(QStringLiteral("cancelled")), qPrintable(dialog.statusLabel()->text()));
    }
    QSqlDatabase db = test::openTestDatabase(scratch.url());
    QVERIFY(!db.tables().contains(QStringLiteral("pg-people")));
    ImportCsvDialog dialog(spec.value(), QString(), QString());
    dialog.setFilePath(csv);
    QCOMPARE(dialog.tableNameEdit()->text(), QStringLiteral("pg-people"));
    QSignalSpy finished(&dialog, &ImportCsvDialog::finished);
    dialog.startImport();
    QVERIFY(finished.wait(20000));
    QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(2).toString()));
    QSqlQuery q(db);
    QVERIFY(q.exec(QStringLiteral("SELECT string_agg(id || ':' || coalesce(name, 'NULL') || ':' || score || ':' "
                                  "|| coalesce(joined::text, 'NULL') || ':' || pg_typeof(score), '/' ORDER BY id) "
                                  "FROM \"pg-people\"")));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("1:Ann \"A\":9.5:2024-01-02:numeric/2:NULL:10:NULL:numeric/"
                                                   "3:two\nlines:7.25:2023-12-31:numeric"));
    q.finish();
    test::closeTestDatabase(db);
}

STRATA_TEST_MAIN_GUI(TestImportCsvDialog)
#include "tst_importcsvdialog.moc"
