// JSON re-laid out by whitespace only (data/jsontext.h): what QJsonDocument would change —
// key order, duplicate keys, number digits — stays as it was; strings are never touched.

#include "data/jsontext.h"
#include "support/testenvironment.h"

#include <QtTest>

using namespace strata::data;

class TestJsonText : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void layout_data();
    void layout();
};

void TestJsonText::layout_data()
{
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("indented");
    QTest::addColumn<QString>("compact");
    QTest::newRow("order, duplicates, digits")
        << QStringLiteral("{ \"b\" : 1,\"a\":[12345678901234567890, 2.50],\"a\":null }")
        << QStringLiteral("{\n  \"b\": 1,\n  \"a\": [\n    12345678901234567890,\n    2.50\n  ],\n  \"a\": null\n}")
        << QStringLiteral("{\"b\":1,\"a\":[12345678901234567890,2.50],\"a\":null}");
    QTest::newRow("strings untouched") << QStringLiteral("[\"a, {b}: [c]\", \"q\\\"\\\\\", \"  spaced  \"]")
                                       << QStringLiteral("[\n  \"a, {b}: [c]\",\n  \"q\\\"\\\\\",\n  \"  spaced  \"\n]")
                                       << QStringLiteral("[\"a, {b}: [c]\",\"q\\\"\\\\\",\"  spaced  \"]");
    QTest::newRow("empty containers") << QStringLiteral("{\"o\": { }, \"l\": [ ]}") << QStringLiteral("{\n  \"o\": {},\n  \"l\": []\n}")
                                      << QStringLiteral("{\"o\":{},\"l\":[]}");
    QTest::newRow("scalar") << QStringLiteral(" 42 ") << QStringLiteral("42") << QStringLiteral("42");
    QTest::newRow("unterminated string: unchanged") << QStringLiteral("{\"a\": \"b") << QStringLiteral("{\"a\": \"b")
                                                    << QStringLiteral("{\"a\": \"b");
}

void TestJsonText::layout()
{
    QFETCH(QString, json);
    QFETCH(QString, indented);
    QFETCH(QString, compact);
    QCOMPARE(indentedJson(json), indented);
    QCOMPARE(compactJson(json), compact);
    QCOMPARE(compactJson(indentedJson(json)), compact);
}

STRATA_TEST_MAIN(TestJsonText)
#include "tst_jsontext.moc"
