// SchemaNotifier: a change reaches every observer, and SchemaChange::touches() tells a view
// whether the change is about what it shows (its database, schema, table).

#include "catalog/schemanotifier.h"
#include "support/testenvironment.h"

#include <QSignalSpy>
#include <QtTest>

using namespace strata;
using catalog::SchemaChange;

class TestSchemaNotifier : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void notifyReachesObservers();
    void touches();
};

void TestSchemaNotifier::notifyReachesObservers()
{
    catalog::SchemaNotifier notifier;
    QSignalSpy spy(&notifier, &catalog::SchemaNotifier::changed);
    notifier.notify(SchemaChange{3, QStringLiteral("main"), {QStringLiteral("books")}});
    QCOMPARE(spy.size(), 1);
    const auto change = spy.first().first().value<SchemaChange>();
    QCOMPARE(change.database, 3);
    QCOMPARE(change.tables, QStringList{QStringLiteral("books")});
}

void TestSchemaNotifier::touches()
{
    const SchemaChange books{1, QStringLiteral("main"), {QStringLiteral("books")}};
    QVERIFY(books.touches(1, QStringLiteral("main"), QStringLiteral("books")));
    QVERIFY(books.touches(1, QStringLiteral("main")));                        // a view of the whole schema
    QVERIFY(!books.touches(1, QStringLiteral("main"), QStringLiteral("authors")));
    QVERIFY(!books.touches(2, QStringLiteral("main"), QStringLiteral("books")));   // another database
    QVERIFY(!books.touches(1, QStringLiteral("archive"), QStringLiteral("books")));
    const SchemaChange anything{1, {}, {}};
    QVERIFY(anything.touches(1, QStringLiteral("public"), QStringLiteral("x")));
    QVERIFY(!anything.touches(2, QStringLiteral("public"), QStringLiteral("x")));
    const SchemaChange schema{1, QStringLiteral("public"), {}};
    QVERIFY(schema.touches(1, QStringLiteral("public"), QStringLiteral("x")));
    QVERIFY(!schema.touches(1, QStringLiteral("other"), QStringLiteral("x")));
}

STRATA_TEST_MAIN(TestSchemaNotifier)
#include "tst_schemanotifier.moc"
