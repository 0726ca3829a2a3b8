// The value dialog shows JSON indented and saves it compact without changing it: keys keep
// their order (json keeps its text; duplicate keys stay), numbers keep every digit.

#include "grid/valueeditordialog.h"
#include "support/testenvironment.h"

#include <QPlainTextEdit>
#include <QtTest>

using namespace strata;
using namespace strata::ui;

class TestValueEditorDialog : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void jsonIsReindentedNotReparsed();
};

void TestValueEditorDialog::jsonIsReindentedNotReparsed()
{
    const QString stored = QStringLiteral("{\"b\": 1, \"a\": [12345678901234567890, 2.50], \"s\": \"x, {y}: \\\"z\\\"\", \"a\": null}");
    ValueEditorDialog dialog(data::ValueType::Json, QStringLiteral("doc"), stored, false);
    const QString shown = dialog.editor()->toPlainText();
    QVERIFY2(shown.contains(QLatin1Char('\n')), qPrintable(shown));   // indented
    QVERIFY2(shown.indexOf(QStringLiteral("\"b\"")) < shown.indexOf(QStringLiteral("\"a\"")), qPrintable(shown));
    QVERIFY2(shown.contains(QStringLiteral("12345678901234567890")) && shown.contains(QStringLiteral("2.50")), qPrintable(shown));
    QCOMPARE(dialog.value().toString(), stored);   // untouched: the value as it was

    // A change anywhere: saved compact, everything else as it was.
    QTextCursor cursor(dialog.editor()->document());
    cursor.movePosition(QTextCursor::End);
    dialog.editor()->setTextCursor(cursor);
    QTest::keyClicks(dialog.editor(), QStringLiteral("  "));
    QCOMPARE(dialog.value().toString(),
             QStringLiteral("{\"b\":1,\"a\":[12345678901234567890,2.50],\"s\":\"x, {y}: \\\"z\\\"\",\"a\":null}"));
}

STRATA_TEST_MAIN_GUI(TestValueEditorDialog)
#include "tst_valueeditordialog.moc"
