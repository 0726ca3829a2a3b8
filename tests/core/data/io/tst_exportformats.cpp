// Every export format's exact output on hostile values, the encodings, progress, cancel
// and copy (formatSelection).

#include "data/io/exporter.h"
#include "support/testenvironment.h"

#include <QBuffer>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimeZone>
#include <QtTest>

using namespace strata;
using namespace strata::data::io;

namespace {

const QVariant kNullText = QVariant(QMetaType::fromType<QString>());

QStringList textColumns() { return {QStringLiteral("id"), QStringLiteral("v")}; }

/// One row per hostile text value.
QList<QVariantList> textRows()
{
    return {
        {1, kNullText},
        {2, QStringLiteral("")},
        {3, QStringLiteral("say \"hi\"")},
        {4, QStringLiteral("a,b")},
        {5, QStringLiteral("tab\there")},
        {6, QStringLiteral("line1\r\nline2")},
        {7, QStringLiteral("Ünï 🎉")},
        {8, QStringLiteral("a|b")},
        {9, QStringLiteral("it's")},
    };
}

QStringList typedColumns()
{
    return {QStringLiteral("n"), QStringLiteral("d"), QStringLiteral("b"), QStringLiteral("day"),
            QStringLiteral("ts"), QStringLiteral("flag"), QStringLiteral("num")};
}

QList<QVariantList> typedRows()
{
    return {{QVariant(qlonglong(9007199254740993LL)), 1.5, QByteArray("\x00\x01\xff", 3), QDate(2024, 2, 29),
             QDateTime(QDate(2024, 2, 29), QTime(13, 45), Qt::UTC), true,
             QStringLiteral("12345678901234567890.123456789")}};
}

QList<QMetaType> typedTypes()
{
    return {QMetaType::fromType<qlonglong>(), QMetaType::fromType<double>(), QMetaType::fromType<QByteArray>(),
            QMetaType::fromType<QDate>(), QMetaType::fromType<QDateTime>(), QMetaType::fromType<bool>(),
            QMetaType::fromType<double>()};   // PostgreSQL numeric: a double column holding exact text
}

QByteArray exportBytes(const QStringList &columns, const QList<QVariantList> &rows, const ExportOptions &options,
                       const QList<QMetaType> &types = {})
{
    ListRowSource source(columns, rows, types);
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    Result<qint64> written = exportRows(source, buffer, options);
    if (!written)
        qWarning() << written.error().toString();
    return buffer.data();
}

QString exportText(const QStringList &columns, const QList<QVariantList> &rows, const ExportOptions &options,
                   const QList<QMetaType> &types = {})
{
    return QString::fromUtf8(exportBytes(columns, rows, options, types));
}

} // namespace

class TestExportFormats : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void csvQuotesOnlyWhatNeedsIt();
    void csvCustomDelimiterQuoteNullAndLineEnding();
    void csvFirstFieldStartingWithByteOrderMark();
    void tsvForSpreadsheets();
    void markdownEscapesPipesAndBreaks();
    void jsonLinesKeepsTypes();
    void jsonArrayShapes();
    void jsonTypedValues();
    void csvTypedValues();
    void sqlInsertPerDialect();
    void encodings();
    void latin1RefusesWhatItCannotHold();
    void progressAndCancel();
    void formatSelectionForClipboard();
};

void TestExportFormats::csvQuotesOnlyWhatNeedsIt()
{
    const QString expected = QStringLiteral(
        "id,v\r\n1,\r\n2,\"\"\r\n3,\"say \"\"hi\"\"\"\r\n4,\"a,b\"\r\n5,tab\there\r\n6,\"line1\r\nline2\"\r\n"
        "7,Ünï 🎉\r\n8,a|b\r\n9,it's\r\n");
    QCOMPARE(exportText(textColumns(), textRows(), ExportOptions::defaultsFor(Format::Csv)), expected);
}

void TestExportFormats::csvCustomDelimiterQuoteNullAndLineEnding()
{
    ExportOptions o = ExportOptions::defaultsFor(Format::Csv);
    o.delimiter = QLatin1Char(';');
    o.quote = QLatin1Char('\'');
    o.nullText = QStringLiteral("NULL");
    o.lineEnding = QStringLiteral("\n");
    o.header = false;
    const QList<QVariantList> rows = {{kNullText, QStringLiteral("NULL")}, {QStringLiteral("a;b"), QStringLiteral("it's")},
                                      {QStringLiteral(""), QStringLiteral("x,y")}};
    QCOMPARE(exportText(textColumns(), rows, o), QStringLiteral("NULL;'NULL'\n'a;b';'it''s'\n;x,y\n"));
}

// A reader drops a byte order mark at the start of a file, so a first field that begins with
// U+FEFF would lose it when read back: it is quoted there, and only there (fuzz_csvreader
// finding, kept in tests/fuzz/corpus/fuzz_csvreader/).
void TestExportFormats::csvFirstFieldStartingWithByteOrderMark()
{
    // Compared as bytes: QString::fromUtf8 itself drops a leading BOM.
    const QString bom(QChar(0xFEFF));
    ExportOptions o = ExportOptions::defaultsFor(Format::Csv);
    o.header = false;
    const QList<QVariantList> rows = {{bom + QStringLiteral("ol"), bom}, {bom + QStringLiteral("x"), QStringLiteral("y")}};
    QCOMPARE(exportBytes(textColumns(), rows, o), QStringLiteral("\"%1ol\",%1\r\n%1x,y\r\n").arg(bom).toUtf8());
    o.header = true;
    QCOMPARE(exportBytes({bom + QStringLiteral("id"), QStringLiteral("v")}, {}, o),
             QStringLiteral("\"%1id\",v\r\n").arg(bom).toUtf8());
    ExportOptions tsv = ExportOptions::defaultsFor(Format::Tsv);
    tsv.header = false;
    QCOMPARE(exportBytes(textColumns(), {{bom, QStringLiteral("b")}}, tsv), QStringLiteral("\"%1\"\tb\n").arg(bom).toUtf8());
}

void TestExportFormats::tsvForSpreadsheets()
{
    const QString expected = QStringLiteral(
        "id\tv\n1\t\n2\t\n3\t\"say \"\"hi\"\"\"\n4\ta,b\n5\t\"tab\there\"\n6\t\"line1\r\nline2\"\n"
        "7\tÜnï 🎉\n8\ta|b\n9\tit's\n");
    QCOMPARE(exportText(textColumns(), textRows(), ExportOptions::defaultsFor(Format::Tsv)), expected);
}

void TestExportFormats::markdownEscapesPipesAndBreaks()
{
    const QString expected = QStringLiteral(
        "| id | v |\n| --- | --- |\n| 1 | NULL |\n| 2 |  |\n| 3 | say \"hi\" |\n| 4 | a,b |\n| 5 | tab\there |\n"
        "| 6 | line1<br>line2 |\n| 7 | Ünï 🎉 |\n| 8 | a\\|b |\n| 9 | it's |\n");
    QCOMPARE(exportText(textColumns(), textRows(), ExportOptions::defaultsFor(Format::Markdown)), expected);
    QCOMPARE(exportText({QStringLiteral("a|b")}, {{QStringLiteral("back\\slash")}},
                        ExportOptions::defaultsFor(Format::Markdown)),
             QStringLiteral("| a\\|b |\n| --- |\n| back\\\\slash |\n"));
}

void TestExportFormats::jsonLinesKeepsTypes()
{
    const QString expected = QStringLiteral(
        "{\"id\":1,\"v\":null}\n{\"id\":2,\"v\":\"\"}\n{\"id\":3,\"v\":\"say \\\"hi\\\"\"}\n{\"id\":4,\"v\":\"a,b\"}\n"
        "{\"id\":5,\"v\":\"tab\\there\"}\n{\"id\":6,\"v\":\"line1\\r\\nline2\"}\n{\"id\":7,\"v\":\"Ünï 🎉\"}\n"
        "{\"id\":8,\"v\":\"a|b\"}\n{\"id\":9,\"v\":\"it's\"}\n");
    QCOMPARE(exportText(textColumns(), textRows(), ExportOptions::defaultsFor(Format::JsonLines)), expected);
    // Control characters are escaped as \u00XX.
    QCOMPARE(exportText({QStringLiteral("c")}, {{QString(QChar(0x01))}}, ExportOptions::defaultsFor(Format::JsonLines)),
             QStringLiteral("{\"c\":\"\\u0001\"}\n"));
}

void TestExportFormats::jsonArrayShapes()
{
    const ExportOptions o = ExportOptions::defaultsFor(Format::JsonArray);
    QCOMPARE(exportText(textColumns(), {}, o), QStringLiteral("[]\n"));
    QCOMPARE(exportText(textColumns(), textRows().mid(0, 2), o),
             QStringLiteral("[\n{\"id\":1,\"v\":null},\n{\"id\":2,\"v\":\"\"}\n]\n"));
    // The output parses as JSON and holds every row.
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(exportBytes(textColumns(), textRows(), o), &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(doc.array().size(), textRows().size());
    QCOMPARE(doc.array().at(6).toObject().value(QStringLiteral("v")).toString(), QStringLiteral("Ünï 🎉"));
    QVERIFY(doc.array().at(0).toObject().value(QStringLiteral("v")).isNull());
}

void TestExportFormats::jsonTypedValues()
{
    ExportOptions o = ExportOptions::defaultsFor(Format::JsonLines);
    QCOMPARE(exportText(typedColumns(), typedRows(), o, typedTypes()),
             QStringLiteral("{\"n\":9007199254740993,\"d\":1.5,\"b\":\"AAH/\",\"day\":\"2024-02-29\","
                            "\"ts\":\"2024-02-29T13:45:00Z\",\"flag\":true,\"num\":12345678901234567890.123456789}\n"));
    o.jsonBytes = BytesFormat::Hex;
    QVERIFY(exportText(typedColumns(), typedRows(), o, typedTypes()).contains(QStringLiteral("\"b\":\"0001ff\"")));
    // Not-a-number text in a numeric column stays a string; NaN is not JSON.
    QCOMPARE(exportText({QStringLiteral("x"), QStringLiteral("y")}, {{QStringLiteral("NaN"), qQNaN()}}, o,
                        {QMetaType::fromType<double>(), QMetaType::fromType<double>()}),
             QStringLiteral("{\"x\":\"NaN\",\"y\":\"nan\"}\n"));
}

void TestExportFormats::csvTypedValues()
{
    ExportOptions o = ExportOptions::defaultsFor(Format::Csv);
    o.header = false;
    QCOMPARE(exportText(typedColumns(), typedRows(), o, typedTypes()),
             QStringLiteral("9007199254740993,1.5,\\x0001ff,2024-02-29,2024-02-29T13:45:00Z,true,"
                            "12345678901234567890.123456789\r\n"));
    o.bytes = BytesFormat::Base64;
    QVERIFY(exportText(typedColumns(), typedRows(), o, typedTypes()).contains(QStringLiteral(",AAH/,")));
    QCOMPARE(exportText({QStringLiteral("d")}, {{0.1}, {1e300}, {-2.5e-8}}, o),
             QStringLiteral("0.1\r\n1e+300\r\n-2.5e-08\r\n"));
}

void TestExportFormats::sqlInsertPerDialect()
{
    ExportOptions o = ExportOptions::defaultsFor(Format::SqlInsert);
    o.tableName = QStringLiteral("my \"table\"");
    o.tableSchema = QStringLiteral("s");
    o.sqlDialect = dialect::DialectKind::Postgres;
    const QList<QVariantList> rows = {{9, QStringLiteral("it's")}, {1, kNullText}, {6, QStringLiteral("line1\r\nline2")}};
    QCOMPARE(exportText(textColumns(), rows, o),
             QStringLiteral("INSERT INTO \"s\".\"my \"\"table\"\"\" (\"id\", \"v\") VALUES (9, 'it''s');\n"
                            "INSERT INTO \"s\".\"my \"\"table\"\"\" (\"id\", \"v\") VALUES (1, NULL);\n"
                            "INSERT INTO \"s\".\"my \"\"table\"\"\" (\"id\", \"v\") VALUES (6, 'line1\r\nline2');\n"));
    const QString pg = exportText(typedColumns(), typedRows(), o, typedTypes());
    QVERIFY2(pg.contains(QStringLiteral("'\\x0001ff'::bytea, '2024-02-29', ")), qPrintable(pg));
    QVERIFY2(pg.contains(QStringLiteral(", TRUE, '12345678901234567890.123456789');")), qPrintable(pg));
    o.sqlDialect = dialect::DialectKind::Sqlite;
    o.tableSchema.clear();
    const QString lite = exportText(typedColumns(), typedRows(), o, typedTypes());
    QVERIFY2(lite.startsWith(QStringLiteral("INSERT INTO \"my \"\"table\"\"\" (\"n\", \"d\", \"b\", \"day\", \"ts\", \"flag\", "
                                            "\"num\") VALUES (9007199254740993, 1.5, X'0001FF', '2024-02-29', ")),
             qPrintable(lite));
    QVERIFY2(lite.contains(QStringLiteral(", 1, '12345678901234567890.123456789');")), qPrintable(lite));
}

void TestExportFormats::encodings()
{
    ExportOptions o = ExportOptions::defaultsFor(Format::Csv);
    o.header = false;
    o.encoding = TextEncoding::Utf8Bom;
    QCOMPARE(exportBytes({QStringLiteral("v")}, {{QStringLiteral("café")}}, o), QByteArray("\xEF\xBB\xBF" "caf\xC3\xA9\r\n"));
    o.encoding = TextEncoding::Utf8;
    QCOMPARE(exportBytes({QStringLiteral("v")}, {{QStringLiteral("café")}}, o), QByteArray("caf\xC3\xA9\r\n"));
    o.encoding = TextEncoding::Latin1;
    QCOMPARE(exportBytes({QStringLiteral("v")}, {{QStringLiteral("café")}}, o), QByteArray("caf\xE9\r\n"));
}

void TestExportFormats::latin1RefusesWhatItCannotHold()
{
    ExportOptions o = ExportOptions::defaultsFor(Format::Csv);
    o.encoding = TextEncoding::Latin1;
    ListRowSource source({QStringLiteral("v")}, {{QStringLiteral("ok")}, {QStringLiteral("party 🎉")}});
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    const Result<qint64> written = exportRows(source, buffer, o);
    QVERIFY(!written);
    QCOMPARE(written.error().kind, ErrorKind::Io);
    QVERIFY2(written.error().message.contains(QStringLiteral("Latin-1")), qPrintable(written.error().message));
}

void TestExportFormats::progressAndCancel()
{
    QList<QVariantList> rows;
    for (int i = 0; i < 5; ++i)
        rows << QVariantList{i, QStringLiteral("x")};
    ExportOptions o = ExportOptions::defaultsFor(Format::Csv);
    o.progressEvery = 2;
    QList<qint64> seen;
    {
        ListRowSource source(textColumns(), rows);
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        const Result<qint64> written = exportRows(source, buffer, o, [&](const Progress &p) { seen << p.rows; });
        QVERIFY(written);
        QCOMPARE(written.value(), 5);
        QCOMPARE(seen, (QList<qint64>{2, 4, 5}));
    }
    CancelToken cancel{false};
    ListRowSource source(textColumns(), rows);
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    const Result<qint64> written = exportRows(source, buffer, o, [&](const Progress &p) {
        if (p.rows == 2)
            cancel = true;
    }, &cancel);
    QVERIFY(!written);
    QCOMPARE(written.error().kind, ErrorKind::Cancelled);
}

void TestExportFormats::formatSelectionForClipboard()
{
    const QList<QVariantList> rows = {{1, QStringLiteral("a\tb")}, {2, kNullText}};
    QCOMPARE(formatSelection(textColumns(), rows, Format::Tsv), QStringLiteral("1\t\"a\tb\"\n2\t\n"));
    QCOMPARE(formatSelection(textColumns(), rows, Format::Csv), QStringLiteral("id,v\r\n1,a\tb\r\n2,\r\n"));
    QCOMPARE(formatSelection(textColumns(), rows, Format::JsonArray),
             QStringLiteral("[\n{\"id\":1,\"v\":\"a\\tb\"},\n{\"id\":2,\"v\":null}\n]\n"));
    QCOMPARE(formatSelection(textColumns(), rows, Format::SqlInsert, dialect::DialectKind::Sqlite, QStringLiteral("t")),
             QStringLiteral("INSERT INTO \"t\" (\"id\", \"v\") VALUES (1, 'a\tb');\n"
                            "INSERT INTO \"t\" (\"id\", \"v\") VALUES (2, NULL);\n"));
    QCOMPARE(formatSelection(textColumns(), rows, Format::Markdown),
             QStringLiteral("| id | v |\n| --- | --- |\n| 1 | a\tb |\n| 2 | NULL |\n"));
}

STRATA_TEST_MAIN(TestExportFormats)
#include "tst_exportformats.moc"
