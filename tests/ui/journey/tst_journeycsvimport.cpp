// Journey: import a CSV file into an existing table of the demo database (issue 15, item
// 8e). The user right-clicks the table in the tree, chooses Import CSV…, types the file's
// path into the dialog's file field (it used to be read-only: only Browse… could fill it),
// sees the preview, clicks Import, and finds the rows in the table. A mistyped path says so
// and neither closes the dialog nor imports anything.

#include "dataio/importcsvdialog.h"
#include "demo/demodatabase.h"
#include "journeyinput.h"
#include "mainwindow/mainwindow.h"
#include "support/scratchdatabase.h"
#include "support/testenvironment.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTableWidget>
#include <QtTest>

using namespace strata;
using namespace strata::ui;
namespace journey = strata::test::journey;

namespace {

QString writeFile(const QString &name, const QByteArray &bytes)
{
    const QString path = test::tempPath(name);
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(bytes);
    return path;
}

QPushButton *importButton(ImportCsvDialog *dialog)
{
    for (QPushButton *button : dialog->findChildren<QPushButton *>())
        if (button->text().remove(QLatin1Char('&')) == QLatin1String("Import"))
            return button;
    return nullptr;
}

} // namespace

class TestJourneyCsvImport : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void typePathPreviewAndImport();
};

void TestJourneyCsvImport::typePathPreviewAndImport()
{
    const QString csv = writeFile(QStringLiteral("new_authors.csv"), "id,name,born,country\n"
                                                                     "901,Ada Lovelace,1815,United Kingdom\n"
                                                                     "902,Grace Hopper,1906,United States\n");
    MainWindow window;
    window.resize(1200, 800);
    window.show();
    QSignalSpy connected(&window, &MainWindow::connectionOpened);
    window.openDemoDatabase();
    QVERIFY(connected.wait(20000));
    const QModelIndex authors = journey::waitForTreeItem(window.treePanel(), QStringLiteral("authors"));
    QVERIFY(authors.isValid());
    QVERIFY(journey::focus(window.treePanel()->view()));
    QVERIFY(journey::chooseFromContextMenu(window.treePanel()->view(), authors, QStringLiteral("Import CSV…")));
    ImportCsvDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = window.findChild<ImportCsvDialog *>()) && dialog->isVisible());
    QVERIFY(dialog->existingTableButton()->isChecked());
    QLineEdit *file = nullptr;   // dialog->fileEdit(): the field next to Browse…
    for (QLineEdit *edit : dialog->findChildren<QLineEdit *>())
        if (edit->placeholderText().contains(QStringLiteral("CSV file")))
            file = edit;
    QVERIFY(file);
    QVERIFY(!file->isReadOnly());
    QVERIFY(journey::focus(file));
    journey::click(file);

    // A mistyped path: said so, nothing to import, the dialog stays.
    journey::type(file, QStringLiteral("/no/such/folder/authors.csv"));
    journey::key(file, Qt::Key_Return);
    QVERIFY(dialog->isVisible());
    QTRY_VERIFY2(dialog->statusLabel()->text().contains(QStringLiteral("no file")), qPrintable(dialog->statusLabel()->text()));
    QCOMPARE(dialog->previewTable()->rowCount(), 0);
    QVERIFY(!importButton(dialog)->isEnabled());

    // The right path, typed over it: the preview follows.
    journey::key(file, Qt::Key_A, Qt::ControlModifier);
    journey::type(file, csv);
    QCOMPARE(file->text(), csv);
    QTRY_COMPARE_WITH_TIMEOUT(dialog->previewTable()->rowCount(), 2, 5000);
    QCOMPARE(dialog->previewTable()->item(0, 1)->text(), QStringLiteral("Ada Lovelace"));
    QVERIFY(dialog->headerCheck()->isChecked());
    // Each CSV column goes to the table's column of the same name (once the table's columns are in).
    QTRY_VERIFY_WITH_TIMEOUT(qobject_cast<QComboBox *>(dialog->mappingTable()->cellWidget(1, 1))
                                 && qobject_cast<QComboBox *>(dialog->mappingTable()->cellWidget(1, 1))->currentText() == QStringLiteral("name"),
                             10000);
    journey::key(file, Qt::Key_Return);   // loads it again, or takes a completion: never closes or imports
    QVERIFY(dialog->isVisible());
    QVERIFY(!dialog->isRunning());
    QCOMPARE(dialog->previewTable()->rowCount(), 2);

    QSignalSpy finished(dialog, &ImportCsvDialog::finished);
    QPushButton *import = importButton(dialog);
    QVERIFY(import && import->isEnabled());
    journey::click(import);
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() > 0, 20000);
    QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(2).toString()));
    QCOMPARE(finished.first().at(1).toLongLong(), 2);

    QSqlDatabase db = test::openTestDatabase(demo::defaultDemoPath());
    {
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("SELECT name || '|' || born FROM authors WHERE id IN (901, 902) ORDER BY id")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("Ada Lovelace|1815"));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("Grace Hopper|1906"));
    }
    test::closeTestDatabase(db);
}

STRATA_TEST_MAIN_GUI(TestJourneyCsvImport)
#include "tst_journeycsvimport.moc"
