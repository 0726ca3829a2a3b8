// Code generation from catalog values (core/mapping/codegen.h): exact output for tables with
// awkward names, both dialects' types, composite and identity keys, defaults, constraints,
// indexes and foreign keys. tst_codegenroundtrip compiles generated code and runs it.

#include "mapping/codegen.h"

#include "support/testenvironment.h"

#include <QtTest>

using namespace strata;
using namespace strata::mapping;

namespace {

QString s(const char *t) { return QString::fromUtf8(t); }

catalog::RelationInfo relation(const char *schema, const char *name)
{
    catalog::RelationInfo r;
    r.schema = s(schema);
    r.name = s(name);
    return r;
}

catalog::ColumnInfo column(const char *name, const char *type, bool nullable, int pk = 0, const char *dflt = "")
{
    catalog::ColumnInfo c;
    c.name = s(name);
    c.dataType = s(type);
    c.nullable = nullable;
    c.primaryKeyPosition = pk;
    c.defaultValue = s(dflt);
    return c;
}

/// PostgreSQL: identity in a composite key, every type, JSON, checks, indexes, foreign keys.
catalog::TableDetail orderLines()
{
    catalog::TableDetail t;
    t.relation = relation("shop", "order lines");
    t.columns << column("order_id", "bigint", false, 1) << column("line", "integer", false, 2)
              << column("Qty", "smallint", false, 0, "1") << column("price", "numeric(10,2)", true)
              << column("ratio", "real", true) << column("gift", "boolean", false)
              << column("note", "character varying(200)", true) << column("blob", "bytea", true)
              << column("shipped", "date", true) << column("at", "time without time zone", true)
              << column("created", "timestamp with time zone", false, 0, "now()") << column("extra", "jsonb", true)
              << column("tags", "text[]", true) << column("total", "numeric", true);
    t.columns[1].isIdentity = true;
    t.columns[1].identityGeneration = s("BY DEFAULT");
    t.columns[13].isGenerated = true;
    t.columns[13].generationExpression = s("price * 2");
    t.constraints << catalog::ConstraintInfo{s("order lines_pkey"), catalog::ConstraintKind::PrimaryKey, {s("order_id"), s("line")}, {}}
                  << catalog::ConstraintInfo{s("qty_positive"), catalog::ConstraintKind::Check, {s("Qty")}, s("\"Qty\" > 0")}
                  << catalog::ConstraintInfo{s("order lines_note_key"), catalog::ConstraintKind::Unique, {s("note")}, {}};
    catalog::IndexInfo pkIndex;
    pkIndex.name = s("order lines_pkey");
    pkIndex.columns = QStringList{s("order_id"), s("line")};
    pkIndex.isExpression = {false, false};
    pkIndex.primary = pkIndex.unique = true;
    catalog::IndexInfo byDate;
    byDate.name = s("ix_shipped");
    byDate.columns = QStringList{s("shipped"), s("at")};
    byDate.isExpression = {false, false};
    byDate.method = s("btree");
    catalog::IndexInfo expression;
    expression.name = s("ix_lower_note");
    expression.columns = QStringList{s("lower(note)")};
    expression.isExpression = {true};
    t.indexes << pkIndex << byDate << expression;
    t.foreignKeys << catalog::ForeignKeyInfo{s("fk_order"), {s("order_id")}, s("shop"), s("orders"), {s("id")}, s("CASCADE"), s("RESTRICT")}
                  << catalog::ForeignKeyInfo{s("fk_elsewhere"), {s("line")}, s("other"), s("lines"), {s("n")}, s("NO ACTION"), s("NO ACTION")};
    return t;
}

} // namespace

class TestCodegen : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void identifiers_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("pascal");
        QTest::addColumn<QString>("expected");
        QTest::newRow("snake") << s("author_id") << false << s("authorId");
        QTest::newRow("type") << s("order lines") << true << s("OrderLines");
        QTest::newRow("upper") << s("ID") << false << s("id");
        QTest::newRow("acronym") << s("USER_URL") << true << s("UserUrl");
        QTest::newRow("keyword") << s("class") << false << s("class_");
        QTest::newRow("keyword upper") << s("Class") << false << s("class_");
        QTest::newRow("gnu macro") << s("linux") << false << s("linux_");
        QTest::newRow("digit") << s("2nd title") << false << s("n2ndTitle");
        QTest::newRow("accents") << s("prénom élève") << false << s("prenomEleve");
        QTest::newRow("other script") << s("日付") << false << s("u65e5U4ed8");
        QTest::newRow("emoji") << s("🚀 launch") << true << s("U1f680Launch");
        QTest::newRow("only symbols") << s("$$") << false << s("unnamed");
        QTest::newRow("quotes") << s("a\"b'c") << true << s("ABC");
    }
    void identifiers()
    {
        QFETCH(QString, name);
        QFETCH(bool, pascal);
        QFETCH(QString, expected);
        QCOMPARE(cppIdentifier(name, pascal), expected);
    }

    void types_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<bool>("postgres");
        QTest::addColumn<QString>("expected");
        QTest::newRow("pg int") << s("integer") << true << s("int");
        QTest::newRow("pg bigint") << s("bigint") << true << s("qint64");
        QTest::newRow("pg varchar") << s("character varying(20)") << true << s("QString");
        QTest::newRow("pg tstz") << s("timestamp with time zone") << true << s("QDateTime");
        QTest::newRow("pg time") << s("time without time zone") << true << s("QTime");
        QTest::newRow("pg json") << s("json") << true << s("QJsonDocument");
        QTest::newRow("pg uuid") << s("uuid") << true << s("QString");
        QTest::newRow("sqlite int") << s("INT") << false << s("qint64");
        QTest::newRow("sqlite varchar") << s("VARCHAR(10)") << false << s("QString");
        QTest::newRow("sqlite datetime") << s("DATETIME") << false << s("QDateTime");
        QTest::newRow("sqlite date") << s("date") << false << s("QDate");
        QTest::newRow("sqlite bool") << s("BOOLEAN") << false << s("bool");
        QTest::newRow("sqlite decimal") << s("DECIMAL(10,2)") << false << s("double");
        QTest::newRow("sqlite none") << s("") << false << s("QByteArray");
        QTest::newRow("sqlite json") << s("JSON") << false << s("QJsonDocument");
    }
    void types()
    {
        QFETCH(QString, type);
        QFETCH(bool, postgres);
        QFETCH(QString, expected);
        QCOMPARE(cppTypeFor(type, postgres ? dialect::DialectKind::Postgres : dialect::DialectKind::Sqlite), expected);
    }

    void postgresTable();
    void sqliteImpliedForeignKey();
    void hostileNamesStayInComments();
    void fileMakesStructNamesUnique();
};

void TestCodegen::postgresTable()
{
    CodegenOptions options;
    options.namespaceName = s("shop");
    const QString expected = s(R"X(// Table shop.order lines (PostgreSQL).
// Not mapped: generated column "total" is not mapped
// Not mapped: index "ix_lower_note" (expression, partial or non-btree) is not mapped
// Not mapped: foreign key (line) to "lines" is not mapped: another schema
namespace shop {
struct OrderLines {
    qint64 orderId = 0;   // "order_id" bigint
    int line = 0;
    std::optional<short> qty;   // "Qty" smallint
    std::optional<double> price;
    std::optional<float> ratio;
    bool gift = false;
    std::optional<QString> note;
    std::optional<QByteArray> blob;
    std::optional<QDate> shipped;
    std::optional<QTime> at;
    std::optional<QDateTime> created;
    std::optional<QJsonDocument> extra;
    std::optional<QString> tags;
};
} // namespace shop

template <>
struct strata::mapping::Mapping<shop::OrderLines> {
    static auto table()
    {
        return Table<shop::OrderLines>("order lines", "shop")
            .column(&shop::OrderLines::orderId, "order_id")
            .column(&shop::OrderLines::line, "line", AutoIncrement)
            .column(&shop::OrderLines::qty, "Qty", NotNull)
            .column(&shop::OrderLines::price, "price")
            .column(&shop::OrderLines::ratio, "ratio")
            .column(&shop::OrderLines::gift, "gift")
            .column(&shop::OrderLines::note, "note", Unique)
            .column(&shop::OrderLines::blob, "blob")
            .column(&shop::OrderLines::shipped, "shipped")
            .column(&shop::OrderLines::at, "at")
            .column(&shop::OrderLines::created, "created", NotNull)
            .column(&shop::OrderLines::extra, "extra")
            .column(&shop::OrderLines::tags, "tags")
            .serverDefault(&shop::OrderLines::qty, "1")
            .serverDefault(&shop::OrderLines::created, "now()")
            .primaryKey({"order_id", "line"})
            .check("qty_positive", "\"Qty\" > 0")
            .index({"shipped", "at"}, false, "ix_shipped")
            .foreignKey({"order_id"}, "orders", {"id"}, OnAction::Cascade, OnAction::Restrict, "fk_order");
    }
};
)X");
    const QString actual = generateMapping(orderLines(), dialect::DialectKind::Postgres, options);
    if (actual != expected)
        qWarning().noquote() << actual;
    QCOMPARE(actual, expected);
}

void TestCodegen::sqliteImpliedForeignKey()
{
    catalog::TableDetail t;
    t.relation = relation("main", "tracks");
    t.columns << column("id", "INTEGER", false, 1) << column("artist", "INTEGER", true) << column("title", "TEXT", false);
    t.columns[0].isIdentity = true;
    t.foreignKeys << catalog::ForeignKeyInfo{{}, {s("artist")}, s("main"), s("artists"), {}, s("SET NULL"), s("NO ACTION")};
    const QString unresolved = generateMapping(t, dialect::DialectKind::Sqlite);
    QVERIFY(unresolved.contains(s("// Not mapped: foreign key (artist) to \"artists\" is not mapped: referenced columns unknown")));
    QVERIFY(!unresolved.contains(s(".foreignKey(")));

    CodegenOptions options;
    options.primaryKeys.insert(s("main.artists"), {s("artist_id")});
    const QString expected = s(R"X(// Table main.tracks (SQLite).
struct Tracks {
    qint64 id = 0;
    std::optional<qint64> artist;
    QString title;
};

template <>
struct strata::mapping::Mapping<Tracks> {
    static auto table()
    {
        return Table<Tracks>("tracks")
            .column(&Tracks::id, "id", PrimaryKey | AutoIncrement)
            .column(&Tracks::artist, "artist")
            .column(&Tracks::title, "title")
            .foreignKey({"artist"}, "artists", {"artist_id"}, OnAction::SetNull, OnAction::NoAction, "");
    }
};
)X");
    QCOMPARE(generateMapping(t, dialect::DialectKind::Sqlite, options), expected);
}

// Names, types and comments from the database land in // comments: none may end the
// comment (a newline would start code, a trailing backslash would swallow the next line).
void TestCodegen::hostileNamesStayInComments()
{
    catalog::TableDetail t;
    t.relation = relation("main", "t\nint injected_table = 1; //\\");
    t.columns << column("id", "INTEGER", false, 1) << column("c\nint injected_column;", "text\nint injected_type;", true)
              << column("g\u2028#error injected", "INTEGER", true);
    t.columns[1].comment = s("note\\");
    t.columns[2].isGenerated = true;
    t.columns[2].generationExpression = s("id * 2");
    const QString code = generateMappingFile({t}, dialect::DialectKind::Sqlite);
    const QStringList lines = code.split(QLatin1Char('\n'));
    for (const QString &line : lines) {
        QVERIFY2(!line.trimmed().startsWith(s("int injected")), qPrintable(code));
        QVERIFY2(!line.trimmed().startsWith(s("#error")), qPrintable(code));
        if (line.contains(s("//")))
            QVERIFY2(!line.endsWith(QLatin1Char('\\')), qPrintable(line));
        QVERIFY2(!line.contains(QChar(0x2028)), qPrintable(line));
    }
    QVERIFY2(code.contains(s("// Table main.t\\nint injected_table = 1; //\\\\ (SQLite).")), qPrintable(code));
    QVERIFY2(code.contains(s("// Not mapped: generated column \"g\\u2028#error injected\" is not mapped")), qPrintable(code));
}

void TestCodegen::fileMakesStructNamesUnique()
{
    catalog::TableDetail a;
    a.relation = relation("main", "user data");
    a.columns << column("x", "INTEGER", false);
    catalog::TableDetail b = a;
    b.relation.name = s("user_data");
    const QString file = generateMappingFile({a, b}, dialect::DialectKind::Sqlite);
    QVERIFY(file.startsWith(s("// Generated by strata-migrate codegen")));
    QVERIFY(file.contains(s("#pragma once\n\n#include \"mapping/table.h\"\n\n#include <optional>\n")));
    QVERIFY(file.contains(s("struct UserData {")));
    QVERIFY(file.contains(s("struct UserData2 {")));
    QVERIFY(file.contains(s("Table<UserData2>(\"user_data\")")));
}

STRATA_TEST_MAIN(TestCodegen)
#include "tst_codegen.moc"
