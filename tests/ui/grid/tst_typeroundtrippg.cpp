// The type round trip on PostgreSQL 15 (see typeroundtrip.h): every built-in type family,
// read, shown, edited through its editor, saved with and without a key, checked for
// conflicts, copied and exported, against psql's text for the same row. The database runs
// with TimeZone Asia/Kathmandu (+05:45), DateStyle SQL/DMY, IntervalStyle sql_standard,
// extra_float_digits 0 and bytea_output escape, so the grid's own session settings matter.

#include "support/testenvironment.h"
#include "typeroundtrip.h"

#include <QDateTime>

using namespace strata::test;

namespace {

TypeCase text(const char *tag, const char *type, const char *initial, const char *edit, const char *mine, const char *theirs,
              bool typed = true)
{
    return TypeCase{QString::fromUtf8(tag), QString::fromUtf8(type), QString::fromUtf8(initial), QString(),
                    QVariant(QString::fromUtf8(edit)), QString::fromUtf8(mine), QString::fromUtf8(theirs), typed, {}, {}, {}, {}};
}

TypeCase typedCase(const char *tag, const char *type, const char *initial, const QString &display, const QVariant &edit,
                   const char *mine, const char *theirs)
{
    return TypeCase{QString::fromUtf8(tag), QString::fromUtf8(type), QString::fromUtf8(initial), display, edit,
                    QString::fromUtf8(mine), QString::fromUtf8(theirs), true, {}, {}, {}, {}};
}

} // namespace

class TestTypeRoundTripPg : public TypeRoundTripTest {
    Q_OBJECT
public:
    TestTypeRoundTripPg() : TypeRoundTripTest(true) {}

protected:
    QStringList prelude() const override
    {
        return {QStringLiteral("CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')"),
                QStringLiteral("CREATE DOMAIN short_text AS text CHECK (length(VALUE) < 20)"),
                QStringLiteral("CREATE TYPE pair AS (a integer, b text)")};
    }

    QList<TypeCase> cases() const override
    {
        const QString oneMegabyte = QStringLiteral("[1048576 B] ") + QString(QStringLiteral("00 ff ")).repeated(8).trimmed()
                                  + QStringLiteral(" …");
        return {
            // Characters
            text("char(n)", "character(22)", "'y'", "mine", "'mine'", "'theirs'"),
            text("varchar(n)", "character varying(10)", "'abc'", "mine", "'mine'", "'theirs'"),
            typedCase("text", "text", "'multi' || chr(10) || 'line, \"quoted\",' || chr(9) || 'tab'",
                      QString::fromUtf8("multi⏎line, \"quoted\", tab"), QStringLiteral("mine"), "'mine'", "'theirs'"),
            // Longer than a line edit holds by default (32767): never cut.
            typedCase("text, 40,000 characters", "text", "repeat('x', 40000)", QString(300, QLatin1Char('x')) + QStringLiteral("…"),
                      QStringLiteral("short"), "'short'", "'theirs'"),
            text("\"char\"", "\"char\"", "'x'", "m", "'m'", "'t'"),
            text("name", "name", "'pg_name'", "mine", "'mine'", "'theirs'"),
            // Numbers
            text("smallint", "smallint", "-32768", "32767", "32767", "1"),
            text("integer", "integer", "2147483647", "-5", "-5", "1"),
            text("bigint", "bigint", "9223372036854775807", "-9223372036854775808", "-9223372036854775808", "1"),
            text("numeric beyond double", "numeric", "'123456789012345678901234567890.123456789012345'",
                 "0.10000000000000000000000000001", "'0.10000000000000000000000000001'", "1"),
            text("numeric(12,4)", "numeric(12,4)", "12.5", "3.14159", "3.14159", "7"),
            text("numeric NaN", "numeric", "'NaN'", "Infinity", "'Infinity'", "1"),
            text("real", "real", "'0.1'", "3.4028235e+38", "'3.4028235e+38'", "1"),
            text("double, 17 digits", "double precision", "0.30000000000000004", "1.0000000000000002", "1.0000000000000002", "1"),
            text("double NaN", "double precision", "'NaN'", "-Infinity", "'-Infinity'", "1"),
            text("double -0", "double precision", "'-0'", "Infinity", "'Infinity'", "1"),
            text("money", "money", "1234.56", "7.50", "'7.50'", "1"),
            typedCase("boolean", "boolean", "true", QStringLiteral("true"), QVariant(false), "false", "NULL"),
            // Bytes
            typedCase("bytea with NUL bytes", "bytea", "'\\x00ff00'::bytea", QStringLiteral("[3 B] 00 ff 00"),
                      QStringLiteral("0001"), "'\\x0001'::bytea", "'\\x'::bytea"),
            typedCase("bytea 1 MB", "bytea", "decode(repeat('00ff', 524288), 'hex')", oneMegabyte,
                      QByteArray(1048576, '\xab'), "decode(repeat('ab', 1048576), 'hex')", "'\\x01'::bytea"),
            // Dates and times
            typedCase("date", "date", "'2024-02-29'", {}, QDate(2000, 1, 1), "'2000-01-01'", "'1999-01-01'"),
            // Before a date editor's default minimum (1752-09-14), which would clamp it.
            typedCase("date 1500", "date", "'1500-06-01'", {}, QDate(1400, 1, 2), "'1400-01-02'", "'1999-01-01'"),
            text("date BC", "date", "'0044-03-15 BC'", "0001-01-01 BC", "'0001-01-01 BC'", "'2000-01-01'"),
            text("date infinity", "date", "'infinity'", "-infinity", "'-infinity'", "'2000-01-01'"),
            typedCase("time", "time without time zone", "'13:45:06.5'", {}, QTime(1, 2, 3, 4), "'01:02:03.004'", "'00:00'"),
            text("time, microseconds", "time without time zone", "'13:45:06.123456'", "23:59:59.999999", "'23:59:59.999999'",
                 "'00:00'"),
            text("timetz", "time with time zone", "'13:45:06+05:30'", "00:00:00-08", "'00:00:00-08'", "'12:00+00'"),
            typedCase("timestamp", "timestamp without time zone", "'2024-01-02 03:04:05.678'", {},
                      QDateTime(QDate(2020, 2, 3), QTime(4, 5, 6, 7)), "'2020-02-03 04:05:06.007'", "'2000-01-01'"),
            text("timestamp, microseconds", "timestamp without time zone", "'2024-01-02 03:04:05.678901'",
                 "1999-12-31 23:59:59.5", "'1999-12-31 23:59:59.5'", "'2000-01-01'"),
            typedCase("timestamptz (TimeZone +05:45)", "timestamp with time zone", "'2024-06-30 23:59:01.5+02'", {},
                      QDateTime(QDate(2024, 1, 1), QTime(12, 0), Qt::OffsetFromUTC, 3600), "'2024-01-01 12:00:00+01'",
                      "'2000-01-01 00:00+00'"),
            text("timestamptz infinity", "timestamp with time zone", "'infinity'", "-infinity", "'-infinity'",
                 "'2000-01-01 00:00+00'"),
            text("interval", "interval", "'1 year 2 mons 3 days 04:05:06.789'", "2 hours 30 minutes", "'2 hours 30 minutes'",
                 "'1 day'"),
            // Identifiers, documents, networks, bits, text search
            text("uuid", "uuid", "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'", "00000000-0000-0000-0000-000000000001",
                 "'00000000-0000-0000-0000-000000000001'", "'ffffffff-ffff-ffff-ffff-ffffffffffff'"),
            text("json", "json", "'{\"b\": 1, \"a\": [1, 2.50, 12345678901234567890]}'", "{\"z\":0, \"a\":1}",
                 "'{\"z\":0, \"a\":1}'", "'{\"b\": 1, \"a\": [1, 2.5, 12345678901234567890]}'", false),
            text("jsonb", "jsonb", "'{\"b\": 1, \"a\": 12345678901234567890.5}'", "{\"z\": 0}", "'{\"z\": 0}'", "'{\"a\": 1}'"),
            text("xml", "xml", "'<a b=\"1\">x &amp; y</a>'", "<m/>", "'<m/>'", "'<a b=\"2\">x &amp; y</a>'", false),
            text("inet", "inet", "'192.168.0.1/24'", "::1", "'::1'", "'10.0.0.1'"),
            text("cidr", "cidr", "'10.0.0.0/8'", "2001:db8::/32", "'2001:db8::/32'", "'192.168.0.0/16'"),
            text("macaddr", "macaddr", "'08:00:2b:01:02:03'", "ff:ff:ff:ff:ff:ff", "'ff:ff:ff:ff:ff:ff'", "'00:00:00:00:00:00'"),
            text("macaddr8", "macaddr8", "'08:00:2b:01:02:03:04:05'", "ff:ff:ff:ff:ff:ff:ff:ff", "'ff:ff:ff:ff:ff:ff:ff:ff'",
                 "'00:00:00:00:00:00:00:00'"),
            text("bit(n)", "bit(4)", "B'1010'", "0101", "B'0101'", "B'1111'"),
            text("varbit", "bit varying(8)", "B'101'", "11111111", "B'11111111'", "B'0'"),
            text("tsvector", "tsvector", "'a fat cat'", "'rat' 'sat'", "'rat sat'", "'dog'"),
            text("tsquery", "tsquery", "'fat & (rat | cat)'", "'a' | 'b'", "'a | b'", "'dog'"),
            // Geometry: no equality (or one that compares areas): compared by exact text
            text("point", "point", "'(1.5,-2)'", "(0.1,0.2)", "'(0.1,0.2)'", "'(1.5,-2.0000000000000004)'", false),
            text("line", "line", "'{1,-1,0}'", "{2,3,4}", "'{2,3,4}'", "'{1,-1,1}'", false),
            text("lseg", "lseg", "'[(0,0),(1,1)]'", "[(1,2),(3,4)]", "'[(1,2),(3,4)]'", "'[(0,0),(2,2)]'", false),
            text("box (theirs: same area)", "box", "'(1,1),(0,0)'", "(2,2),(0,0)", "'(2,2),(0,0)'", "'(2,0.5),(0,0)'", false),
            text("path (theirs: same length)", "path", "'[(0,0),(1,1),(2,0)]'", "((0,0),(1,1))", "'((0,0),(1,1))'",
                 "'[(0,0),(1,1),(3,0)]'", false),
            text("polygon", "polygon", "'((0,0),(1,1),(1,0))'", "((0,0),(2,2),(2,0))", "'((0,0),(2,2),(2,0))'",
                 "'((0,0),(1,1),(2,0))'", false),
            text("circle (theirs: same area)", "circle", "'<(0,0),2>'", "<(1,1),1>", "'<(1,1),1>'", "'<(5,5),2>'", false),
            // Ranges, multiranges
            text("int4range", "int4range", "'[1,10)'", "(,5]", "'(,5]'", "'[2,10)'"),
            text("numrange", "numrange", "'[1.5,2.5]'", "(0,1)", "'(0,1)'", "'[1.5,3]'"),
            text("tstzrange", "tstzrange", "'[2024-01-01 00:00+00,infinity)'", "empty", "'empty'", "'[2024-01-01 00:00+01,infinity)'"),
            text("int4multirange", "int4multirange", "'{[1,3), [5,8)}'", "{[10,20)}", "'{[10,20)}'", "'{[1,3)}'"),
            // User-defined
            text("enum", "mood", "'ok'", "happy", "'happy'", "'sad'"),
            text("domain over text with CHECK", "short_text", "'short'", "still short", "'still short'", "'other'"),
            text("composite", "pair", "ROW(1, 'x, \"y\"')", "(2,)", "'(2,)'", "ROW(3, 'z')"),
            // Arrays
            text("integer[] 1-D", "integer[]", "'{1,2,3}'", "{4,5}", "'{4,5}'", "'{1,2}'"),
            text("integer[][] 2-D", "integer[]", "'{{1,2},{3,4}}'", "{{5,6},{7,8}}", "'{{5,6},{7,8}}'", "'{{1,2},{3,5}}'"),
            text("array with NULL elements", "integer[]", "'{1,NULL,3}'", "{NULL,NULL}", "'{NULL,NULL}'", "'{1,NULL,4}'"),
            text("text[] with commas and quotes", "text[]", "ARRAY['a,b', 'say \"hi\"', 'back\\slash', NULL]",
                 "{\"x,y\",\"\\\"q\\\"\"}", "'{\"x,y\",\"\\\"q\\\"\"}'", "ARRAY['a,b']"),
            text("json[] (compared by text)", "json[]", "ARRAY['{\"b\":1, \"a\":2}']::json[]", "{\"{}\"}", "'{\"{}\"}'",
                 "ARRAY['{\"b\":1,\"a\":2}']::json[]", false),
        };
    }
};

STRATA_TEST_MAIN_GUI(TestTypeRoundTripPg)
#include "tst_typeroundtrippg.moc"
