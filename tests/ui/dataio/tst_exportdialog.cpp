// ExportDialog driven offscreen on SQLite and PostgreSQL: the export runs on the dialog's
// own connection and writes exactly what exportRows() writes; Cancel, clicked while an endless
// export writes rows, stops it and leaves no file.

#include "dataio/exportdialog.h"
#include "support/scratchdatabase.h"
#include "support/testenvironment.h"

#include <QAbstractButton>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QtTest>

using namespace strata;
using namespace strata::ui;

class TestExportDialog : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void exportsSqliteTableAsCsv();
    void exportsPostgresQueryAsJsonLines();
    void cancelWritesNoFile();
};

namespace {

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

connection::ConnectionSpec sqliteFixture(const QString &name)
{
    const QString path = test::tempPath(name);
    QSqlDatabase db = test::openTestDatabase(path);
    test::execAll(db, {QStringLiteral("CREATE TABLE \"my table\" (id integer primary key, name text, data blob)"),
                       QStringLiteral("INSERT INTO \"my table\" VALUES (1, 'a,b', X'00FF'), (2, NULL, NULL), (3, '', NULL)")});
    test::closeTestDatabase(db);
    connection::ConnectionSpec spec;
    spec.profile.driver = dialect::DialectKind::Sqlite;
    spec.profile.filePath = path;
    return spec;
}

} // namespace

void TestExportDialog::exportsSqliteTableAsCsv()
{
    const connection::ConnectionSpec spec = sqliteFixture(QStringLiteral("export.db"));
    std::unique_ptr<ExportDialog> dialog(ExportDialog::forTable(spec, QStringLiteral("main"), QStringLiteral("my table")));
    const QString out = test::tempPath(QStringLiteral("out.csv"));
    dialog->setFormat(data::io::Format::Csv);
    dialog->setFilePath(out);
    QSignalSpy finished(dialog.get(), &ExportDialog::finished);
    dialog->startExport();
    QVERIFY(finished.wait(20000));
    QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(2).toString()));
    QCOMPARE(finished.first().at(1).toLongLong(), 3);
    QCOMPARE(readAll(out), QByteArray("id,name,data\r\n1,\"a,b\",\\x00ff\r\n2,,\r\n3,\"\",\r\n"));

    dialog->resize(540, 480);
    const QImage image = dialog->grab().toImage();
    if (const QByteArray dir = qgetenv("STRATA_SCREENSHOT_DIR"); !dir.isEmpty())
        image.save(QString::fromLocal8Bit(dir) + QStringLiteral("/export-dialog.png"));

    // Markdown through the same dialog, and the suffix follows the format.
    dialog->setFormat(data::io::Format::Markdown);
    QVERIFY(dialog->options().nullText == QStringLiteral("NULL"));
    dialog->setFilePath(test::tempPath(QStringLiteral("out.md")));
    finished.clear();
    dialog->startExport();
    QVERIFY(finished.wait(20000));
    QVERIFY(finished.first().at(0).toBool());
}

void TestExportDialog::exportsPostgresQueryAsJsonLines()
{
    STRATA_REQUIRE_PG(url);
    test::ScratchPgDatabase scratch(url);
    QVERIFY2(!scratch.url().isEmpty(), qPrintable(scratch.error()));
    auto spec = connection::parseConnectionString(scratch.url());
    QVERIFY(spec);
    std::unique_ptr<ExportDialog> dialog(ExportDialog::forQuery(
        spec.value(), QStringLiteral("SELECT g AS n, g::numeric / 4 AS q, g % 2 = 0 AS even, NULL::text AS t, "
                                     "'\\x0102'::bytea AS b FROM generate_series(1, 3) g WHERE g >= $1"),
        {2}));
    const QString out = test::tempPath(QStringLiteral("out.jsonl"));
    dialog->setFormat(data::io::Format::JsonLines);
    dialog->setFilePath(out);
    QSignalSpy finished(dialog.get(), &ExportDialog::finished);
    dialog->startExport();
    QVERIFY(finished.wait(20000));
    QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(2).toString()));
    // numeric keeps the server's exact digits (2::numeric / 4 is 0.50000000000000000000 in
    // PostgreSQL), never a double's rounding: a JSON number with every digit.
    QCOMPARE(readAll(out), QByteArray("{\"n\":2,\"q\":0.50000000000000000000,\"even\":true,\"t\":null,\"b\":\"AQI=\"}\n"
                                      "{\"n\":3,\"q\":0.75000000000000000000,\"even\":false,\"t\":null,\"b\":\"AQI=\"}\n"));
}

void TestExportDialog::cancelWritesNoFile()
{
    // An export with no end (a recursive query that never stops), in a shown dialog: it can
    // only finish through the Cancel button, pressed once rows are being written.
    const connection::ConnectionSpec spec = sqliteFixture(QStringLiteral("cancel.db"));
    std::unique_ptr<ExportDialog> dialog(ExportDialog::forQuery(
        spec, QStringLiteral("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) "
                             "SELECT i, 'row ' || i AS label FROM n")));
    const QString out = test::tempPath(QStringLiteral("cancelled.csv"));
    dialog->setFilePath(out);
    dialog->show();
    QVERIFY(QTest::qWaitForWindowExposed(dialog.get()));
    auto *buttons = dialog->findChild<QDialogButtonBox *>();
    QVERIFY(buttons);
    QAbstractButton *exportButton = nullptr;
    for (QAbstractButton *b : buttons->buttons())
        if (b->text() == QStringLiteral("&Export"))
            exportButton = b;
    QVERIFY(exportButton);
    QSignalSpy finished(dialog.get(), &ExportDialog::finished);
    QTest::mouseClick(exportButton, Qt::LeftButton);
    QVERIFY(dialog->isRunning());
    // The progress the dialog shows: "N rows, X written…".
    auto status = [&dialog] {
        for (QLabel *label : dialog->findChildren<QLabel *>())
            if (label->text().contains(QLatin1String(" rows, ")) || label->text().contains(QLatin1String("cancelled")))
                return label->text();
        return QString();
    };
    QTRY_VERIFY_WITH_TIMEOUT(status().contains(QLatin1String(" written")), 20000);
    QAbstractButton *cancel = buttons->button(QDialogButtonBox::Close);
    QCOMPARE(cancel->text(), QStringLiteral("&Cancel"));
    QTest::mouseClick(cancel, Qt::LeftButton);
    QVERIFY(finished.wait(20000));   // never, unless the cancel stopped the export
    QCOMPARE(finished.size(), 1);
    QVERIFY(!finished.first().at(0).toBool());
    QVERIFY(!dialog->isRunning());
    QVERIFY(dialog->isVisible());   // Cancel stops the export, not the dialog
    QCOMPARE(status(), QStringLiteral("Export cancelled; no file was written."));
    QCOMPARE(cancel->text(), QStringLiteral("&Close"));
    QVERIFY(!QFile::exists(out));
    // Nothing half-written is left beside it either (QSaveFile's temporary file is gone).
    QCOMPARE(QDir(QFileInfo(out).absolutePath()).entryList(QDir::Files), QStringList());
}

STRATA_TEST_MAIN_GUI(TestExportDialog)
#include "tst_exportdialog.moc"
