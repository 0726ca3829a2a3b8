// commentText() and capped() (core/base/quotedtext.h): the one escaping function for text
// that lands in a comment or on one line, and the one capping function for quoted input.

#include "base/error.h"
#include "base/quotedtext.h"
#include "support/testenvironment.h"

#include <QtTest>

using namespace strata;

namespace {
QString s(const char *text) { return QString::fromUtf8(text); }
}

class TestQuotedText : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void commentText_data();
    void commentText();
    void neverEndsOrOpensAComment_data() { commentText_data(); }
    void neverEndsOrOpensAComment();
    void capped();
    void locatedAt();
};

void TestQuotedText::commentText_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    QTest::newRow("plain") << s("books.price") << s("books.price");
    QTest::newRow("newline") << s("a\nDELETE FROM keep; --") << s("a\\nDELETE FROM keep; --");
    QTest::newRow("carriage return") << s("a\r\nb") << s("a\\r\\nb");
    QTest::newRow("marker") << s("x\n-- +downgrade") << s("x\\n-- +downgrade");
    QTest::newRow("end of block comment") << s("a */ b") << s("a *\\/ b");
    QTest::newRow("block comment") << s("a /* b") << s("a /\\* b");
    QTest::newRow("both") << s("*/*") << s("*\\/\\*");
    QTest::newRow("backslash") << s("C:\\dir\\") << s("C:\\\\dir\\\\");
    QTest::newRow("escaped-looking input") << s("a\\nb") << s("a\\\\nb");
    QTest::newRow("quotes") << s("it's \"q\" `b`") << s("it's \"q\" `b`");
    QTest::newRow("unicode separators") << s("a\u2028b\u2029c\u0085d") << s("a\\u2028b\\u2029c\\u0085d");
    QTest::newRow("controls") << s("t\tv\vf\fn") + QChar(u'\0') + QChar(u'\x1b') + s("[31m") + QChar(u'\x7f')
                              << s("t\\tv\\vf\\fn\\0\\u001b[31m\\u007f");
    QTest::newRow("letters stay") << s("café ∑ 名前 🙂") << s("café ∑ 名前 🙂");
}

void TestQuotedText::commentText()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(strata::commentText(input), expected);
}

void TestQuotedText::neverEndsOrOpensAComment()
{
    QFETCH(QString, input);
    const QString out = strata::commentText(input);
    QVERIFY(!out.contains(s("*/")));
    QVERIFY(!out.contains(s("/*")));
    for (const QChar c : out)
        QVERIFY2(c.unicode() >= 0x20 && c.unicode() != 0x7f && c != QChar(0x2028) && c != QChar(0x2029) && c != QChar(0x85),
                 qPrintable(out));
}

void TestQuotedText::capped()
{
    QCOMPARE(strata::capped(s("short")), s("short"));
    const QString big(5 * 1024 * 1024, QLatin1Char('x'));
    const QString c = strata::capped(big);
    QVERIFY(c.size() < 300);
    QVERIFY(c.startsWith(QString(kQuotedInputLimit, QLatin1Char('x'))));
    QVERIFY(c.endsWith(s("… (%1 more characters)").arg(big.size() - kQuotedInputLimit)));
    // a surrogate pair is never split
    const QString emoji = QString(9, QLatin1Char('a')) + s("🙂🙂");
    QCOMPARE(strata::capped(emoji, 10), QString(9, QLatin1Char('a')) + s("… (4 more characters)"));
    QCOMPARE(strata::quotedInput(s("a\nb") + big).left(6), s("a\\nbxx"));
    QVERIFY(strata::quotedInput(big).size() < 300);
    // Found by fuzz_strataini: the cap counted the characters before escaping, so 200 control
    // characters made a quote of 1200 ("\u0002" each). The cap holds for what is shown.
    const QString controls(5000, QChar(2));
    const QString quoted = strata::quotedInput(controls);
    QVERIFY2(quoted.size() < 300, qPrintable(QString::number(quoted.size())));
    QVERIFY(quoted.startsWith(s("\\u0002\\u0002")));
    QVERIFY(quoted.endsWith(s(" more characters)")));
    QCOMPARE(strata::quotedInput(QString(10, QChar(2)), 20), s("\\u0002\\u0002\\u0002… (7 more characters)"));
}

void TestQuotedText::locatedAt()
{
    const Error e = strata::locatedAt(Error(ErrorKind::Syntax, s("bad")), s("versions/a.sql"), 12, 3);
    QCOMPARE(e.message, s("versions/a.sql:12: bad"));
    QCOMPARE(e.location.file, s("versions/a.sql"));
    QCOMPARE(e.location.line, 12);
    QCOMPARE(e.location.column, 3);
    QVERIFY(e.location.isValid());
    const Error plain = strata::locatedAt(Error(ErrorKind::Syntax, s("bad")), QString(), 12);
    QCOMPARE(plain.message, s("bad"));
    QVERIFY(!plain.location.isValid());
}

STRATA_TEST_MAIN(TestQuotedText)
#include "tst_quotedtext.moc"
