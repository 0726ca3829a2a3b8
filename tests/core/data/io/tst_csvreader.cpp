// The streaming CSV parser on an RFC 4180 corpus and malformed input (with the right line
// numbers), type inference and header detection.

#include "data/io/csvpreview.h"
#include "support/testenvironment.h"

#include <QBuffer>
#include <QtTest>

using namespace strata;
using namespace strata::data::io;

namespace {

QStringList strs(std::initializer_list<const char *> list)
{
    QStringList out;
    for (const char *s : list)
        out << QString::fromUtf8(s);
    return out;
}

QList<QStringList> rows(std::initializer_list<std::initializer_list<const char *>> list)
{
    QList<QStringList> out;
    for (const auto &row : list)
        out << strs(row);
    return out;
}

struct Parsed {
    QList<CsvRecord> records;
    std::optional<Error> error;
    qint64 errorLine = 0;
};

Parsed parse(const QByteArray &bytes, CsvOptions options = {})
{
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    CsvReader reader(buffer, options);
    Parsed parsed;
    CsvRecord record;
    for (;;) {
        Result<bool> more = reader.next(record);
        if (!more) {
            parsed.error = more.error();
            parsed.errorLine = reader.errorLine();
            break;
        }
        if (!more.value())
            break;
        parsed.records << record;
    }
    return parsed;
}

/// Fields of every record, NULL written as <NULL>.
QList<QStringList> table(const Parsed &parsed)
{
    QList<QStringList> rows;
    for (const CsvRecord &r : parsed.records) {
        QStringList row;
        for (qsizetype i = 0; i < r.fields.size(); ++i)
            row << (r.isNull(i) ? QStringLiteral("<NULL>") : r.fields.at(i));
        rows << row;
    }
    return rows;
}

QList<CsvRecord> records(const QByteArray &bytes)
{
    return parse(bytes).records;
}

} // namespace

class TestCsvReader : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void rfc4180_data();
    void rfc4180();
    void nullTextAndEmptyStrings();
    void byteOrderMarkIsDropped();
    void customDelimiterAndQuote();
    void lineNumbersCountPhysicalLines();
    void malformed_data();
    void malformed();
    void largeFileAcrossChunks();
    void encodings();
    void invalidUtf8NamesItsLine();
    void invalidUtf8WinsOverLaterErrors();
    void singleColumnBlankLines();
    void typeInference_data();
    void typeInference();
    void headerDetection_data();
    void headerDetection();
    void previewNamesAndTypes();
};

void TestCsvReader::rfc4180_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QList<QStringList>>("expected");
    QTest::newRow("crlf") << QByteArray("a,b\r\n1,2\r\n") << rows({{"a", "b"}, {"1", "2"}});
    QTest::newRow("lf, no final newline") << QByteArray("a,b\n1,2") << rows({{"a", "b"}, {"1", "2"}});
    QTest::newRow("cr only") << QByteArray("a,b\r1,2\r") << rows({{"a", "b"}, {"1", "2"}});
    QTest::newRow("quoted delimiter") << QByteArray("\"a,b\",c\n") << rows({{"a,b", "c"}});
    QTest::newRow("doubled quotes") << QByteArray("\"say \"\"hi\"\"\",x\n") << rows({{"say \"hi\"", "x"}});
    QTest::newRow("embedded crlf") << QByteArray("\"l1\r\nl2\",x\r\n") << rows({{"l1\r\nl2", "x"}});
    QTest::newRow("embedded lf and cr") << QByteArray("\"l1\nl2\rl3\",x\n") << rows({{"l1\nl2\rl3", "x"}});
    QTest::newRow("spaces kept") << QByteArray(" a , b \n") << rows({{" a ", " b "}});
    QTest::newRow("quote inside unquoted") << QByteArray("5\" screen,x\n") << rows({{"5\" screen", "x"}});
    QTest::newRow("trailing delimiter") << QByteArray("a,b,\n1,2,\n") << rows({{"a", "b", "<NULL>"}, {"1", "2", "<NULL>"}});
    QTest::newRow("blank lines skipped") << QByteArray("\n\na,b\n\n1,2\n\n") << rows({{"a", "b"}, {"1", "2"}});
    QTest::newRow("unicode") << QByteArray("\"Ünï 🎉\",日本\n") << rows({{"Ünï 🎉", "日本"}});
    QTest::newRow("empty input") << QByteArray() << rows({});
    QTest::newRow("quoted with only quotes") << QByteArray("\"\"\"\"\"\",x\n") << rows({{"\"\"", "x"}});
}

void TestCsvReader::rfc4180()
{
    QFETCH(QByteArray, input);
    QFETCH(QList<QStringList>, expected);
    const Parsed parsed = parse(input);
    QVERIFY2(!parsed.error, parsed.error ? qPrintable(parsed.error->message) : "");
    QCOMPARE(table(parsed), expected);
}

void TestCsvReader::nullTextAndEmptyStrings()
{
    QCOMPARE(table(parse("1,,\"\"\n")), rows({{"1", "<NULL>", ""}}));
    CsvOptions o;
    o.nullText = QStringLiteral("\\N");
    QCOMPARE(table(parse("\\N,\"\\N\",,x\n", o)), rows({{"<NULL>", "\\N", "", "x"}}));
}

void TestCsvReader::byteOrderMarkIsDropped()
{
    const Parsed parsed = parse("\xEF\xBB\xBFid,name\n1,x\n");
    QCOMPARE(table(parsed), rows({{"id", "name"}, {"1", "x"}}));
    QCOMPARE(parsed.records.first().fields.first().size(), 2);
}

void TestCsvReader::customDelimiterAndQuote()
{
    CsvOptions o;
    o.delimiter = QLatin1Char(';');
    o.quote = QLatin1Char('\'');
    QCOMPARE(table(parse("'a;b';'it''s';\"x\"\n", o)), rows({{"a;b", "it's", "\"x\""}}));
    o.delimiter = QLatin1Char('\t');
    o.quote = QLatin1Char('"');
    QCOMPARE(table(parse("a\t\"b\tc\"\n", o)), rows({{"a", "b\tc"}}));
}

void TestCsvReader::lineNumbersCountPhysicalLines()
{
    const QList<CsvRecord> r = records("h1,h2\r\n\"a\r\nb\",x\r\n\n2,y\r\n");
    QCOMPARE(r.size(), 3);
    QCOMPARE(r.at(0).line, 1);
    QCOMPARE(r.at(1).line, 2);
    QCOMPARE(r.at(2).line, 5);
}

void TestCsvReader::malformed_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<qint64>("line");
    QTest::addColumn<QString>("words");
    QTest::newRow("unterminated quote") << QByteArray("id,v\n1,\"multi\nline\"\n2,ok\n3,\"never closed\n4,x\n")
                                        << qint64(5) << QStringLiteral("never closed");
    QTest::newRow("too many fields") << QByteArray("id,v\n1,\"multi\nline\"\n2,ok,extra\n") << qint64(4)
                                     << QStringLiteral("expected 2 fields but found 3");
    QTest::newRow("too few fields") << QByteArray("a,b,c\n1,2,3\n4,5\n") << qint64(3)
                                    << QStringLiteral("expected 3 fields but found 2");
    QTest::newRow("text after closing quote") << QByteArray("a,b\n1,\"ab\"c\n") << qint64(2)
                                              << QStringLiteral("after a closing quote");
    QTest::newRow("unterminated at end") << QByteArray("a,b\n1,\"x") << qint64(2) << QStringLiteral("never closed");
}

void TestCsvReader::malformed()
{
    QFETCH(QByteArray, input);
    QFETCH(qint64, line);
    QFETCH(QString, words);
    const Parsed parsed = parse(input);
    QVERIFY(parsed.error.has_value());
    QCOMPARE(parsed.error->kind, ErrorKind::Syntax);
    QCOMPARE(parsed.errorLine, line);
    QVERIFY2(parsed.error->message.startsWith(QStringLiteral("Line %1: ").arg(line)), qPrintable(parsed.error->message));
    QVERIFY2(parsed.error->message.contains(words), qPrintable(parsed.error->message));
}

void TestCsvReader::largeFileAcrossChunks()
{
    // Far more than one 256 KB read, so quoted fields, CRLF pairs and multi-byte UTF-8
    // sequences are cut by chunk boundaries somewhere.
    QByteArray bytes = "id,text,emoji\r\n";
    const int rows = 30000;
    for (int i = 0; i < rows; ++i)
        bytes += QByteArray::number(i) + ",\"text ü with \"\"quote\"\" and\r\nnewline\",🎉\r\n";
    QVERIFY(bytes.size() > 4 * 256 * 1024);
    const Parsed parsed = parse(bytes);
    QVERIFY2(!parsed.error, parsed.error ? qPrintable(parsed.error->message) : "");
    QCOMPARE(parsed.records.size(), rows + 1);
    for (int i = 0; i < rows; ++i) {
        const CsvRecord &r = parsed.records.at(i + 1);
        if (r.fields != QStringList{QString::number(i), QStringLiteral("text ü with \"quote\" and\r\nnewline"),
                                    QStringLiteral("🎉")}
            || r.line != 2 + 2 * i)
            QFAIL(qPrintable(QStringLiteral("record %1 at line %2: %3").arg(i).arg(r.line).arg(r.fields.join(u'|'))));
    }
}

void TestCsvReader::encodings()
{
    const Parsed bad = parse("a,b\nx,caf\xE9\n");
    QVERIFY(bad.error.has_value());
    QVERIFY2(bad.error->message.contains(QStringLiteral("UTF-8")), qPrintable(bad.error->message));
    CsvOptions o;
    o.encoding = TextEncoding::Latin1;
    QCOMPARE(table(parse("a,b\nx,caf\xE9\n", o)), rows({{"a", "b"}, {"x", "café"}}));
}

void TestCsvReader::invalidUtf8NamesItsLine()
{
    // Found by fuzz_csvreader: the whole small file is decoded at once, so the error was
    // reported with the first record ("Line 1") wherever the bad byte was.
    const QByteArray bytes = "a,b\n1,2\r\n\"multi\nline\",3\nx,caf\xE9\n5,6\n";
    const Parsed parsed = parse(bytes);
    QVERIFY(parsed.error.has_value());
    QCOMPARE(parsed.errorLine, 5);
    QVERIFY2(parsed.error->message.startsWith(QStringLiteral("Line 5: ")), qPrintable(parsed.error->message));
    QCOMPARE(table(parsed), rows({{"a", "b"}, {"1", "2"}, {"multi\nline", "3"}}));
    // Truncated at the end of the file: the last line.
    const Parsed truncated = parse("a\n1\n\xE2\x82");
    QVERIFY(truncated.error.has_value());
    QCOMPARE(truncated.errorLine, 3);
}

void TestCsvReader::invalidUtf8WinsOverLaterErrors()
{
    // Found by fuzz_csvreader (corpus regression-invalid-utf8-inside-a-multiline-field):
    // a quoted field opened on line 2 holds invalid UTF-8 on line 3, and the record has a
    // field too many. The field count was reported at line 2 when the file was read at once
    // and the invalid text at line 3 when the bytes arrived a few at a time (past invalid
    // UTF-8 the decoded text depends on the cuts). The invalid text is the error.
    const Parsed parsed = parse("a,b\n\"multi\nmy\xFA\xFA\",x,y\n");
    QVERIFY(parsed.error.has_value());
    QCOMPARE(parsed.errorLine, 3);
    QVERIFY2(parsed.error->message.startsWith(QStringLiteral("Line 3: ")), qPrintable(parsed.error->message));
    QVERIFY2(parsed.error->message.contains(QStringLiteral("UTF-8")), qPrintable(parsed.error->message));
    // An error before the invalid text is still that error, at its line.
    const Parsed earlier = parse("a,b\n1,2,3\nx,caf\xE9\n");
    QVERIFY(earlier.error.has_value());
    QCOMPARE(earlier.errorLine, 2);
    QVERIFY2(earlier.error->message.contains(QStringLiteral("expected 2 fields")), qPrintable(earlier.error->message));
}

void TestCsvReader::singleColumnBlankLines()
{
    QCOMPARE(table(parse("v\n1\n\n\"\"\n3\n")), rows({{"v"}, {"1"}, {"<NULL>"}, {""}, {"3"}}));
}

void TestCsvReader::typeInference_data()
{
    QTest::addColumn<QStringList>("values");
    QTest::addColumn<ColumnType>("type");
    QTest::newRow("integers") << strs({"1", "-42", "+7", "0"}) << ColumnType::Integer;
    QTest::newRow("zip codes stay text") << strs({"12345", "007"}) << ColumnType::Text;
    QTest::newRow("bigint") << strs({"1", "9007199254740993"}) << ColumnType::BigInteger;
    QTest::newRow("beyond 64 bits") << strs({"123456789012345678901234567890"}) << ColumnType::Numeric;
    QTest::newRow("numbers") << strs({"1", "2.5", "-.5", "1e3", "6.02E+23"}) << ColumnType::Numeric;
    QTest::newRow("leading zero number") << strs({"01.5"}) << ColumnType::Text;
    QTest::newRow("booleans") << strs({"true", "False", "t", "F"}) << ColumnType::Boolean;
    QTest::newRow("0/1 are integers") << strs({"0", "1"}) << ColumnType::Integer;
    QTest::newRow("dates") << strs({"2024-02-29", "1999-12-31"}) << ColumnType::Date;
    QTest::newRow("not a date") << strs({"2023-02-29"}) << ColumnType::Text;
    QTest::newRow("timestamps") << strs({"2024-01-02 03:04:05", "2024-01-02T03:04", "2024-01-02 03:04:05.123456"})
                                << ColumnType::Timestamp;
    QTest::newRow("with zone") << strs({"2024-01-02 03:04:05", "2024-01-02T03:04:05Z", "2024-01-02 03:04:05+02:00"})
                               << ColumnType::TimestampTz;
    QTest::newRow("dates and timestamps") << strs({"2024-01-02", "2024-01-02 03:04:05"}) << ColumnType::Text;
    QTest::newRow("mixed") << strs({"1", "two"}) << ColumnType::Text;
    QTest::newRow("nothing") << QStringList() << ColumnType::Text;
    QTest::newRow("empty string") << strs({"1", ""}) << ColumnType::Text;
}

void TestCsvReader::typeInference()
{
    QFETCH(QStringList, values);
    QFETCH(ColumnType, type);
    TypeInference inference;
    for (const QString &v : values)
        inference.add(v);
    QCOMPARE(inference.result(), type);
}

void TestCsvReader::headerDetection_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<bool>("header");
    QTest::newRow("names over numbers") << QByteArray("name,age\nbob,42\nann,7\n") << true;
    QTest::newRow("numbers only") << QByteArray("1,2\n3,4\n") << false;
    QTest::newRow("names over dates") << QByteArray("who,when\nx,2024-01-02\n") << true;
    QTest::newRow("text, no repeats") << QByteArray("city,country\nParis,France\nRome,Italy\n") << true;
    QTest::newRow("text with repeat") << QByteArray("x,y\nx,z\n") << false;
    QTest::newRow("empty name") << QByteArray("name,\nbob,1\n") << false;
    QTest::newRow("duplicate names") << QByteArray("a,a\nb,c\n") << false;
    QTest::newRow("number in first row") << QByteArray("bob,42\nann,7\n") << false;
}

void TestCsvReader::headerDetection()
{
    QFETCH(QByteArray, input);
    QFETCH(bool, header);
    QCOMPARE(detectHeader(records(input)), header);
}

void TestCsvReader::previewNamesAndTypes()
{
    QBuffer buffer;
    buffer.setData("id,name,name,,price,when\n1,a,b,,9.5,2024-01-01\n2,c,d,x,10,2024-01-02\n3,e,f,,,\n");
    buffer.open(QIODevice::ReadOnly);
    Result<CsvPreview> preview = readCsvPreview(buffer, {}, 2);
    QVERIFY(preview);
    QCOMPARE(preview->records.size(), 2);
    QVERIFY(!preview->complete);
    QVERIFY(!preview->detectedHeader);   // an empty name: not taken for a header (the user may say it is)
    QCOMPARE(preview->columnNames(true),
             (strs({"id", "name", "name_2", "column4", "price", "when"})));
    QCOMPARE(preview->columnNames(false),
             (strs({"column1", "column2", "column3", "column4", "column5", "column6"})));
    QCOMPARE(preview->inferTypes(true), (QList<ColumnType>{ColumnType::Integer, ColumnType::Text, ColumnType::Text,
                                                            ColumnType::Text, ColumnType::Numeric, ColumnType::Date}));
    QCOMPARE(preview->dataRecords(true).size(), 1);
}

STRATA_TEST_MAIN(TestCsvReader)
#include "tst_csvreader.moc"
