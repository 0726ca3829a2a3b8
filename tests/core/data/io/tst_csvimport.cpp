// CSV import and table export on real SQLite files and the real PostgreSQL server:
// export then import round-trips row for row (NULLs, empty strings, quotes, embedded
// newlines, Unicode, bytes), malformed files and rejected values write nothing (and name
// the line), cancel leaves nothing, new tables get the inferred types.

#include "catalog/catalogreader.h"
#include "data/io/csvimporter.h"
#include "data/io/csvpreview.h"
#include "data/io/exporter.h"
#include "data/io/queryrowsource.h"
#include "support/scratchdatabase.h"
#include "support/testenvironment.h"

#include <QBuffer>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QtTest>

using namespace strata;
using namespace strata::data::io;
using dialect::DialectKind;

namespace {

/// A database of either dialect for one test function; PostgreSQL in a scratch database.
class TestDb {
public:
    explicit TestDb(DialectKind kind)
        : m_kind(kind)
    {
        if (kind == DialectKind::Postgres) {
            m_pg = std::make_unique<test::ScratchPgDatabase>(test::postgresUrl());
            m_url = m_pg->url();
        } else {
            m_url = test::tempPath(QStringLiteral("import.db"));
        }
        m_db = test::openTestDatabase(m_url, &m_error);
    }
    ~TestDb() { test::closeTestDatabase(m_db); }

    QSqlDatabase &db() { return m_db; }
    QString error() const { return m_error; }
    const dialect::Dialect &dialect() const { return dialect::dialectFor(m_kind); }
    bool pg() const { return m_kind == DialectKind::Postgres; }

    QString exec(const QStringList &statements) { return test::execAll(m_db, statements); }

    qint64 count(const QString &table)
    {
        QSqlQuery q(m_db);
        if (!q.exec(QStringLiteral("SELECT count(*) FROM ") + dialect().quoteIdentifier(table)) || !q.next())
            return -1;
        return q.value(0).toLongLong();
    }

    bool tableExists(const QString &table)
    {
        return m_db.tables().contains(table);
    }

    /// Every row ordered by the first column, each value as "NULL" or type-tagged text.
    QStringList dump(const QString &table, const QString &orderBy = QStringLiteral("id"))
    {
        QSqlQuery q(m_db);
        q.setForwardOnly(true);
        if (!q.exec(QStringLiteral("SELECT * FROM %1 ORDER BY %2").arg(dialect().quoteIdentifier(table), orderBy)))
            return {q.lastError().text()};
        QStringList rows;
        while (q.next()) {
            QStringList cells;
            for (int i = 0; i < q.record().count(); ++i) {
                const QVariant v = q.value(i);
                cells << (v.isNull() ? QStringLiteral("NULL")
                                     : v.metaType().id() == QMetaType::QByteArray ? QString::fromLatin1(v.toByteArray().toHex())
                                                                                  : v.toString());
            }
            rows << cells.join(QStringLiteral(" | "));
        }
        return rows;
    }

private:
    DialectKind m_kind;
    std::unique_ptr<test::ScratchPgDatabase> m_pg;
    QString m_url;
    QString m_error;
    QSqlDatabase m_db;
};

QStringList createSource(bool pg, const QString &name)
{
    const QString types = pg ? QStringLiteral("id integer PRIMARY KEY, name text, note text NOT NULL DEFAULT '', "
                                              "amount numeric, big bigint, data bytea, flag boolean, day date")
                             : QStringLiteral("id INTEGER PRIMARY KEY, name TEXT, note TEXT NOT NULL DEFAULT '', "
                                              "amount REAL, big INTEGER, data BLOB, flag BOOLEAN, day DATE");
    return {QStringLiteral("CREATE TABLE %1 (%2)").arg(name, types)};
}

QStringList fillSource(bool pg)
{
    const QString bytes = pg ? QStringLiteral("'\\x00ff10'::bytea") : QStringLiteral("X'00FF10'");
    const QString t = pg ? QStringLiteral("true") : QStringLiteral("1");
    const QString f = pg ? QStringLiteral("false") : QStringLiteral("0");
    return {
        QStringLiteral("INSERT INTO src VALUES (1, 'plain', 'x', 12.5, 9007199254740993, %1, %2, '2024-02-29')").arg(bytes, t),
        QStringLiteral("INSERT INTO src VALUES (2, NULL, '', NULL, NULL, NULL, NULL, NULL)"),
        QStringLiteral("INSERT INTO src VALUES (3, '', 'say \"hi\", it''s', -0.25, -1, %1, %2, '1999-12-31')").arg(bytes, f),
        QStringLiteral("INSERT INTO src VALUES (4, 'line1' || char(13) || char(10) || 'line2' || char(10) || 'x', "
                       "'tab' || char(9) || 'here', 0, 0, NULL, NULL, NULL)")
            .replace(QStringLiteral("char("), pg ? QStringLiteral("chr(") : QStringLiteral("char(")),
        QStringLiteral("INSERT INTO src VALUES (5, 'Ünï 🎉 日本', 'NULL', 1e10, 42, NULL, %1, NULL)").arg(t),
        QStringLiteral("INSERT INTO src VALUES (6, ',', '\"', 3.14, 7, NULL, NULL, NULL)"),
    };
}

QByteArray exportTable(TestDb &db, const QString &table, ExportOptions options = ExportOptions::defaultsFor(Format::Csv))
{
    auto source = QueryRowSource::forTable(db.db(), db.dialect(), QString(), table);
    if (!source) {
        qWarning() << source.error().toString();
        return {};
    }
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    Result<qint64> written = exportRows(**source, buffer, options);
    if (!written)
        qWarning() << written.error().toString();
    return buffer.data();
}

/// Maps every CSV column to the table column of the same name, typed from the table.
ImportOptions mapByName(TestDb &db, const QByteArray &csv, const QString &table)
{
    QBuffer buffer;
    buffer.setData(csv);
    buffer.open(QIODevice::ReadOnly);
    ImportOptions options;
    options.table = table;
    const Result<CsvPreview> preview = readCsvPreview(buffer, options.csv, 10);
    const auto reader = catalog::CatalogReader::create(db.pg() ? DialectKind::Postgres : DialectKind::Sqlite);
    const auto detail = reader->describe(db.db(), db.pg() ? QStringLiteral("public") : QStringLiteral("main"), {table});
    if (!preview || !detail || detail->isEmpty())
        return options;
    const QStringList names = preview->columnNames(true);
    for (const catalog::ColumnInfo &column : detail->first().columns) {
        const int index = static_cast<int>(names.indexOf(column.name));
        if (index >= 0)
            options.columns << ImportColumn{index, column.name, columnTypeFromDeclared(column.dataType)};
    }
    return options;
}

Result<qint64> import(TestDb &db, const QByteArray &csv, const ImportOptions &options,
                      const ProgressCallback &progress = {}, const CancelToken *cancel = nullptr)
{
    QBuffer buffer;
    buffer.setData(csv);
    buffer.open(QIODevice::ReadOnly);
    return importCsv(db.db(), buffer, options, progress, cancel);
}

} // namespace

class TestCsvImport : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void roundTripExistingTable_data();
    void roundTripExistingTable();
    void roundTripNewTableInfersTypes_data();
    void roundTripNewTableInfersTypes();
    void malformedWritesNothing_data();
    void malformedWritesNothing();
    void rejectedValueNamesItsLine_data();
    void rejectedValueNamesItsLine();
    void cancelLeavesNothing_data();
    void cancelLeavesNothing();
    void mappingSkipsAndReorders_data();
    void mappingSkipsAndReorders();
    void statementsQuoteIdentifiers();
    void queryRowSourceStreamsAQuery();

private:
    void addDialects();
    bool prepare(TestDb &db);
};

void TestCsvImport::addDialects()
{
    QTest::addColumn<DialectKind>("kind");
    QTest::newRow("sqlite") << DialectKind::Sqlite;
    QTest::newRow("postgresql") << DialectKind::Postgres;
}

bool TestCsvImport::prepare(TestDb &db)
{
    if (!db.error().isEmpty()) {
        qWarning() << db.error();
        return false;
    }
    const QString error = db.exec(createSource(db.pg(), QStringLiteral("src")) + fillSource(db.pg())
                                  + createSource(db.pg(), QStringLiteral("dst")));
    if (!error.isEmpty())
        qWarning() << error;
    return error.isEmpty();
}

#define OPEN_DB(db)                                                \
    QFETCH(DialectKind, kind);                                     \
    STRATA_PG_URL_IF(kind == DialectKind::Postgres, pgUrl);        \
    Q_UNUSED(pgUrl);                                               \
    TestDb db(kind);                                               \
    QVERIFY2(prepare(db), qPrintable(db.error()))

void TestCsvImport::roundTripExistingTable_data() { addDialects(); }

void TestCsvImport::roundTripExistingTable()
{
    OPEN_DB(db);
    const QByteArray csv = exportTable(db, QStringLiteral("src"));
    QVERIFY(csv.contains("\"line1\r\nline2\nx\""));
    const ImportOptions options = mapByName(db, csv, QStringLiteral("dst"));
    QCOMPARE(options.columns.size(), 8);
    QList<qint64> progress;
    ImportOptions every2 = options;
    every2.progressEvery = 2;
    const Result<qint64> imported = import(db, csv, every2, [&](const Progress &p) { progress << p.rows; });
    QVERIFY2(imported, imported ? "" : qPrintable(imported.error().toString()));
    QCOMPARE(imported.value(), 6);
    QCOMPARE(progress, (QList<qint64>{2, 4, 6, 6}));
    const QStringList src = db.dump(QStringLiteral("src"));
    QCOMPARE(src.size(), 6);
    QCOMPARE(db.dump(QStringLiteral("dst")), src);
    // NULL and '' stay apart, and the text "NULL" stays text.
    QVERIFY2(src.at(1).startsWith(QStringLiteral("2 | NULL |  | NULL")), qPrintable(src.at(1)));
    QVERIFY2(src.at(4).contains(QStringLiteral("Ünï 🎉 日本 | NULL | ")), qPrintable(src.at(4)));

    // The other text formats of the same rows also import back (TSV has no NULL marker
    // apart from '': compare the rows without NULLs in text columns).
    ExportOptions semicolon = ExportOptions::defaultsFor(Format::Csv);
    semicolon.delimiter = QLatin1Char(';');
    semicolon.quote = QLatin1Char('\'');
    semicolon.nullText = QStringLiteral("\\N");
    semicolon.encoding = TextEncoding::Utf8Bom;
    const QByteArray csv2 = exportTable(db, QStringLiteral("src"), semicolon);
    QVERIFY(csv2.startsWith("\xEF\xBB\xBF"));
    ImportOptions options2 = options;
    options2.csv.delimiter = semicolon.delimiter;
    options2.csv.quote = semicolon.quote;
    options2.csv.nullText = semicolon.nullText;
    QVERIFY(db.exec({QStringLiteral("DELETE FROM dst")}).isEmpty());
    const Result<qint64> again = import(db, csv2, options2);
    QVERIFY2(again, again ? "" : qPrintable(again.error().toString()));
    QCOMPARE(db.dump(QStringLiteral("dst")), src);
}

void TestCsvImport::roundTripNewTableInfersTypes_data() { addDialects(); }

void TestCsvImport::roundTripNewTableInfersTypes()
{
    OPEN_DB(db);
    const QByteArray csv = "id,name,price,born,active,seen\n"
                           "1,\"Ann \"\"A\"\"\",9.50,2001-02-03,true,2024-01-02 03:04:05\n"
                           "2,,10,1999-12-31,false,\n"
                           "3,\"multi\nline 🎉\",,,,2024-01-02T03:04:05\n";
    QBuffer buffer;
    buffer.setData(csv);
    buffer.open(QIODevice::ReadOnly);
    const Result<CsvPreview> preview = readCsvPreview(buffer, {}, 100);
    QVERIFY(preview);
    QVERIFY(preview->detectedHeader);
    const QList<ColumnType> types = preview->inferTypes(true);
    QCOMPARE(types, (QList<ColumnType>{ColumnType::Integer, ColumnType::Text, ColumnType::Numeric, ColumnType::Date,
                                        ColumnType::Boolean, ColumnType::Timestamp}));
    ImportOptions options;
    options.table = QStringLiteral("new people");
    options.createTable = true;
    const QStringList names = preview->columnNames(true);
    for (int i = 0; i < names.size(); ++i)
        options.columns << ImportColumn{i, names.at(i), types.at(i)};
    const Result<qint64> imported = import(db, csv, options);
    QVERIFY2(imported, imported ? "" : qPrintable(imported.error().toString()));
    QCOMPARE(imported.value(), 3);

    const auto reader = catalog::CatalogReader::create(kind);
    const auto detail = reader->describe(db.db(), db.pg() ? QStringLiteral("public") : QStringLiteral("main"),
                                         {QStringLiteral("new people")});
    QVERIFY(detail && detail->size() == 1);
    QStringList declared;
    for (const catalog::ColumnInfo &c : detail->first().columns)
        declared << c.dataType.toLower();
    if (db.pg())
        QCOMPARE(declared, (QStringList{QStringLiteral("integer"), QStringLiteral("text"), QStringLiteral("numeric"),
                                        QStringLiteral("date"), QStringLiteral("boolean"),
                                        QStringLiteral("timestamp without time zone")}));
    else
        QCOMPARE(declared, (QStringList{QStringLiteral("integer"), QStringLiteral("text"), QStringLiteral("real"),
                                        QStringLiteral("date"), QStringLiteral("boolean"), QStringLiteral("timestamp")}));
    const QStringList rows = db.dump(QStringLiteral("new people"));
    QCOMPARE(rows.size(), 3);
    QVERIFY2(rows.at(0).startsWith(QStringLiteral("1 | Ann \"A\" | 9.5")), qPrintable(rows.at(0)));
    QVERIFY2(rows.at(1).startsWith(QStringLiteral("2 | NULL | 10 | 1999-12-31 | ")), qPrintable(rows.at(1)));
    QVERIFY2(rows.at(2).startsWith(QStringLiteral("3 | multi\nline 🎉 | NULL | NULL | NULL | ")), qPrintable(rows.at(2)));
    // Booleans are real booleans (SQLite: 1/0), not the words.
    QSqlQuery q(db.db());
    QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM \"new people\" WHERE active = %1").arg(db.pg() ? QStringLiteral("true") : QStringLiteral("1"))));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toInt(), 1);
}

void TestCsvImport::malformedWritesNothing_data() { addDialects(); }

void TestCsvImport::malformedWritesNothing()
{
    OPEN_DB(db);
    QVERIFY(db.exec({QStringLiteral("INSERT INTO dst (id, note) VALUES (100000, 'keep'), (100001, 'keep')")}).isEmpty());
    QByteArray csv = "id,note\n";
    for (int i = 1; i <= 3000; ++i)   // past the first COPY chunk and many progress steps
        csv += QByteArray::number(i) + ",\"row " + QByteArray::number(i) + "\nsecond line\"\n";
    csv += "9999,\"never closed\n9998,x\n";
    const qint64 badLine = 2 + 3000 * 2;
    ImportOptions options = mapByName(db, csv, QStringLiteral("dst"));
    QCOMPARE(options.columns.size(), 2);
    options.progressEvery = 100;
    Result<qint64> imported = import(db, csv, options);
    QVERIFY(!imported);
    QVERIFY2(imported.error().kind == ErrorKind::Syntax, qPrintable(imported.error().toString()));
    QVERIFY2(imported.error().message.startsWith(QStringLiteral("Line %1:").arg(badLine)),
             qPrintable(imported.error().message));
    QCOMPARE(db.count(QStringLiteral("dst")), 2);

    // Into a new table: the table is not created either.
    options.createTable = true;
    options.table = QStringLiteral("fresh");
    imported = import(db, csv, options);
    QVERIFY(!imported);
    QVERIFY(!db.tableExists(QStringLiteral("fresh")));

    // A wrong field count, likewise.
    options.table = QStringLiteral("fresh2");
    imported = import(db, "id,note\n1,a\n2,b,c\n", options);
    QVERIFY(!imported);
    QVERIFY2(imported.error().message.startsWith(QStringLiteral("Line 3:")), qPrintable(imported.error().message));
    QVERIFY(!db.tableExists(QStringLiteral("fresh2")));
    // The connection is still usable and not left inside a transaction.
    QVERIFY(db.exec({QStringLiteral("INSERT INTO dst (id, note) VALUES (100002, 'after')")}).isEmpty());
    QCOMPARE(db.count(QStringLiteral("dst")), 3);
}

void TestCsvImport::rejectedValueNamesItsLine_data() { addDialects(); }

void TestCsvImport::rejectedValueNamesItsLine()
{
    OPEN_DB(db);
    // Line 6 repeats a primary key (both dialects); the multi-line record before it makes
    // the file's line differ from the record number.
    const QByteArray csv = "id,note\n1,a\n2,\"x\ny\"\n3,c\n1,dup\n";
    ImportOptions options = mapByName(db, csv, QStringLiteral("dst"));
    Result<qint64> imported = import(db, csv, options);
    QVERIFY(!imported);
    QCOMPARE(imported.error().kind, ErrorKind::Constraint);
    QVERIFY2(imported.error().message.startsWith(QStringLiteral("Line 6")), qPrintable(imported.error().message));
    QCOMPARE(db.count(QStringLiteral("dst")), 0);
    if (db.pg()) {
        // A value the column type refuses: the server names the record, we name the line.
        imported = import(db, "id,note\n1,\"a\nb\"\nzwei,c\n", options);
        QVERIFY(!imported);
        QVERIFY2(imported.error().message.startsWith(QStringLiteral("Line 4, column id:")),
                 qPrintable(imported.error().message));
        QCOMPARE(db.count(QStringLiteral("dst")), 0);
    }
}

void TestCsvImport::cancelLeavesNothing_data() { addDialects(); }

void TestCsvImport::cancelLeavesNothing()
{
    OPEN_DB(db);
    QByteArray csv = "id,note\n";
    for (int i = 1; i <= 20000; ++i)
        csv += QByteArray::number(i) + ",note " + QByteArray::number(i) + "\n";
    ImportOptions options = mapByName(db, csv, QStringLiteral("dst"));
    options.progressEvery = 1000;
    CancelToken cancel{false};
    qint64 cancelledAt = 0;
    auto progress = [&](const Progress &p) {
        QVERIFY(p.totalBytes == csv.size());
        if (p.rows >= 5000 && !cancel) {
            cancelledAt = p.rows;
            cancel = true;
        }
    };
    Result<qint64> imported = import(db, csv, options, progress, &cancel);
    QVERIFY(!imported);
    QCOMPARE(imported.error().kind, ErrorKind::Cancelled);
    QCOMPARE(cancelledAt, 5000);
    QCOMPARE(db.count(QStringLiteral("dst")), 0);

    cancel = false;
    options.createTable = true;
    options.table = QStringLiteral("fresh");
    imported = import(db, csv, options, progress, &cancel);
    QVERIFY(!imported);
    QCOMPARE(imported.error().kind, ErrorKind::Cancelled);
    QVERIFY(!db.tableExists(QStringLiteral("fresh")));
    // Without cancel the same import succeeds.
    options.table = QStringLiteral("fresh3");
    imported = import(db, csv, options);
    QVERIFY2(imported, imported ? "" : qPrintable(imported.error().toString()));
    QCOMPARE(db.count(QStringLiteral("fresh3")), 20000);
}

void TestCsvImport::mappingSkipsAndReorders_data() { addDialects(); }

void TestCsvImport::mappingSkipsAndReorders()
{
    OPEN_DB(db);
    // CSV columns: ignored, name, id (no header, NULL written "-"); note keeps its default.
    ImportOptions options;
    options.table = QStringLiteral("dst");
    options.csv.header = false;
    options.csv.nullText = QStringLiteral("-");
    options.columns = {ImportColumn{2, QStringLiteral("id"), ColumnType::Integer},
                       ImportColumn{1, QStringLiteral("name"), ColumnType::Text}};
    const Result<qint64> imported = import(db, "skip me,hello,10\nx,-,11\n", options);
    QVERIFY2(imported, imported ? "" : qPrintable(imported.error().toString()));
    QCOMPARE(imported.value(), 2);
    QCOMPARE(db.dump(QStringLiteral("dst"), QStringLiteral("id")).join(u'/'),
             QStringLiteral("10 | hello |  | NULL | NULL | NULL | NULL | NULL/11 | NULL |  | NULL | NULL | NULL | NULL | NULL"));

    // A mapping to a field the file does not have is refused before anything is written.
    options.columns = {ImportColumn{5, QStringLiteral("id"), ColumnType::Integer}};
    const Result<qint64> bad = import(db, "1,2\n", options);
    QVERIFY(!bad);
    QVERIFY2(bad.error().message.contains(QStringLiteral("field 6")), qPrintable(bad.error().message));
}

void TestCsvImport::statementsQuoteIdentifiers()
{
    ImportOptions options;
    options.schema = QStringLiteral("my schema");
    options.table = QStringLiteral("t\"1");
    options.columns = {ImportColumn{0, QStringLiteral("select"), ColumnType::BigInteger},
                       ImportColumn{1, QStringLiteral("a b"), ColumnType::TimestampTz}};
    const auto &pg = dialect::dialectFor(DialectKind::Postgres);
    const auto &lite = dialect::dialectFor(DialectKind::Sqlite);
    QCOMPARE(createTableSql(pg, options),
             QStringLiteral("CREATE TABLE \"my schema\".\"t\"\"1\" (\"select\" bigint, \"a b\" timestamptz)"));
    QCOMPARE(copySql(pg, options),
             QStringLiteral("COPY \"my schema\".\"t\"\"1\" (\"select\", \"a b\") FROM STDIN (FORMAT text)"));
    options.schema.clear();
    QCOMPARE(createTableSql(lite, options), QStringLiteral("CREATE TABLE \"t\"\"1\" (\"select\" INTEGER, \"a b\" TIMESTAMP)"));
    QCOMPARE(insertSql(lite, options), QStringLiteral("INSERT INTO \"t\"\"1\" (\"select\", \"a b\") VALUES (?, ?)"));
}

void TestCsvImport::queryRowSourceStreamsAQuery()
{
    TestDb db(DialectKind::Sqlite);
    QVERIFY(prepare(db));
    auto source = QueryRowSource::forQuery(db.db(), db.dialect(),
                                           QStringLiteral("SELECT id, name FROM src WHERE id > ? ORDER BY id"), {4});
    QVERIFY(source);
    QCOMPARE((*source)->columnNames(), (QStringList{QStringLiteral("id"), QStringLiteral("name")}));
    QVariantList row;
    QVERIFY((*source)->next(row).value());
    QCOMPARE(row.at(0).toInt(), 5);
    QVERIFY((*source)->next(row).value());
    QVERIFY(!(*source)->next(row).value());
    const auto bad = QueryRowSource::forQuery(db.db(), db.dialect(), QStringLiteral("SELECT nope FROM src"));
    QVERIFY(!bad);
    QVERIFY2(bad.error().message.contains(QStringLiteral("nope")), qPrintable(bad.error().message));
}

STRATA_TEST_MAIN(TestCsvImport)
#include "tst_csvimport.moc"
