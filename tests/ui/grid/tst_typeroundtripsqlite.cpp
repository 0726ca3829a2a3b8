// The type round trip on SQLite (see typeroundtrip.h): every storage class, in columns of
// each affinity and in a column without a declared type holding mixed classes, integers
// beyond 2^53, REALs to the last bit, text with an embedded NUL and blobs, against what
// sqlite3 prints for the same row (its class and exact value).

#include "support/testenvironment.h"
#include "typeroundtrip.h"

#include <QDateTime>

using namespace strata::test;

namespace {

TypeCase storageCase(const char *tag, const char *type, const char *initial, const QString &display, const QVariant &edit,
                     const char *mine, const char *theirs, const QStringList &extra = {}, const QString &csvNote = {},
                     const QString &readOnly = {}, const QString &pasteRefused = {})
{
    return TypeCase{QString::fromUtf8(tag), QString::fromUtf8(type), QString::fromUtf8(initial), display, edit,
                    QString::fromUtf8(mine), QString::fromUtf8(theirs), true, extra, csvNote, readOnly, pasteRefused};
}

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

} // namespace

class TestTypeRoundTripSqlite : public TypeRoundTripTest {
    Q_OBJECT
public:
    TestTypeRoundTripSqlite() : TypeRoundTripTest(false) {}

protected:
    QList<TypeCase> cases() const override
    {
        // A column without a declared type has no affinity: it keeps every value in the class
        // it was given. Its other rows hold the other classes.
        const QStringList mixed{s("5"), s("5.5"), s("'five'"), s("X'35'")};
        const QString csvMixed = s("TSV and CSV hold text only: pasted into an empty cell or imported into a column "
                                   "without a declared type, a value comes back as TEXT (its text: a blob as \\x hex); "
                                   "copy as SQL INSERT keeps the class");
        return {
            storageCase("INTEGER", "INTEGER", "42", s("42"), s("-7"), "-7", "1"),
            // theirs: the neighbouring integer, equal to it as a double.
            storageCase("INTEGER beyond 2^53", "INTEGER", "9007199254740993", s("9007199254740993"), s("-9223372036854775808"),
                        "-9223372036854775808", "9007199254740992"),
            storageCase("REAL, 17 digits", "REAL", "0.30000000000000004", s("0.30000000000000004"), s("1.0000000000000002"),
                        "1.0000000000000002", "0.3"),
            storageCase("REAL infinity", "REAL", "9e999", s("inf"), s("-inf"), "-9e999", "1"),
            // A REAL column stores an integral value as an integer on disk: -0.0 comes back 0.0.
            storageCase("REAL -0.0 (SQLite keeps 0.0)", "REAL", "-0.0", s("0"), s("2.5"), "2.5", "1"),
            storageCase("NUMERIC", "NUMERIC", "'12.50'", s("12.5"), s("7"), "7", "8"),
            storageCase("TEXT", "TEXT", "'multi' || char(10) || 'line'", QString::fromUtf8("multi⏎line"), s("mine"), "'mine'",
                        "'theirs'"),
            storageCase("TEXT with NUL", "TEXT", "CAST(X'610062' AS TEXT)", QString::fromUtf8("a\0b", 3),
                        QString::fromUtf8("x\0y", 3), "CAST(X'780079' AS TEXT)", "'ab'"),
            storageCase("BLOB", "BLOB", "X'00FF00'", s("[3 B] 00 ff 00"), s("0102"), "X'0102'", "X'00FF01'"),
            storageCase("BLOB empty", "BLOB", "X''", s("[0 B] "), s("ff"), "X'FF'", "X'00'"),
            storageCase("BOOLEAN", "BOOLEAN", "1", s("true"), QVariant(false), "0", "NULL"),
            storageCase("DATE", "DATE", "'2024-02-29'", s("2024-02-29"), QDate(2000, 1, 1), "'2000-01-01'", "'1999-01-01'"),
            storageCase("DATETIME", "DATETIME", "'2024-01-02 03:04:05'", s("2024-01-02 03:04:05"),
                        QDateTime(QDate(2020, 2, 3), QTime(4, 5, 6)), "'2020-02-03 04:05:06'", "'2000-01-01 00:00:00'"),
            storageCase("JSON", "JSON", "'{\"b\":1,\"a\":[1,2.50]}'", s("{\"b\":1,\"a\":[1,2.50]}"), s("{\"z\":0}"),
                        "'{\"z\":0}'", "'{\"b\":1,\"a\":[1,2.5]}'"),
            // Text another tool wrote in Latin-1: no QString holds it, so the cell is read-only
            // and its bytes are kept, compared and written back exactly.
            storageCase("TEXT not valid UTF-8 (read-only)", "TEXT", "CAST(X'61FF62' AS TEXT)", QString::fromUtf8("a\uFFFDb"),
                        s("x"), "CAST(X'61FF62' AS TEXT)", "CAST(X'61FE62' AS TEXT)", {},
                        s("TSV, CSV and the value dialog are UTF-8 text: the byte that is not UTF-8 becomes U+FFFD there; "
                          "copy as SQL INSERT keeps the bytes"),
                        s("not valid UTF-8")),
            // Typed over, the value keeps its class (TEXT); but the TSV text "abc" pasted into an
            // empty cell of a BLOB column is read as hex, and refused rather than stored as
            // something else. CSV import keeps it as TEXT (only \x… becomes a blob there).
            storageCase("BLOB column holding TEXT", "BLOB", "'abc'", s("abc"), s("xyz"), "'xyz'", "'abd'", {}, {}, {},
                        s("TSV pasted into an empty cell of a BLOB column is read as hex: the text 'abc' is refused with "
                          "a message, nothing is written; CSV over the value and SQL INSERT keep it")),
            storageCase("INTEGER column holding TEXT", "INTEGER", "'abc'", s("abc"), s("xyz"), "'xyz'", "'abd'"),
            // theirs: the same number in another class (5 IS 5.0 in SQLite); the check compares the class too.
            storageCase("no type: INTEGER among mixed classes", "", "5", s("5"), s("6"), "6", "5.0", mixed, csvMixed),
            storageCase("no type: REAL among mixed classes", "", "5.5", s("5.5"), s("6.5"), "6.5", "'5.5'", mixed, csvMixed),
            storageCase("no type: TEXT among mixed classes", "", "'5'", s("5"), s("6"), "'6'", "5", mixed, csvMixed),
            storageCase("no type: BLOB among mixed classes", "", "X'35'", s("[1 B] 35"), s("3637"), "X'3637'", "'5'", mixed,
                        csvMixed),
        };
    }
};

STRATA_TEST_MAIN_GUI(TestTypeRoundTripSqlite)
#include "tst_typeroundtripsqlite.moc"
