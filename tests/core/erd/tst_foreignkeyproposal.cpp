// A foreign key proposed by a drag on the diagram: how the columns are paired from where the
// drag ended, what makes a proposal invalid, and its SQL (the designer's operation compiled
// by core, a SQLite rebuild) for a real schema.

#include "erd/foreignkeyproposal.h"
#include "migrate/autogen/snapshotsources.h"
#include "support/scratchdatabase.h"
#include "support/testenvironment.h"

#include <QtTest>

using namespace strata;
using namespace strata::erd;
using namespace strata::test;
using namespace Qt::StringLiterals;

class TestForeignKeyProposal : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void droppedOnTheHeaderReferencesThePrimaryKey();
    void droppedOnAColumnReferencesThatColumn();
    void compositeKeysPairColumnsOfTheSameName();
    void aTableWithoutKeyLeavesTheChoice();
    void validation();
    void compilesToTheSqliteRebuild();
};

namespace {

DiagramColumn col(const QString &name, bool pk = false, bool unique = false)
{
    DiagramColumn c;
    c.name = name;
    c.type = u"INTEGER"_s;
    c.primaryKey = pk;
    c.unique = unique;
    return c;
}

TableKey key(const QString &name)
{
    return {u"main"_s, name};
}

Diagram shop()
{
    Diagram d;
    d.tables << DiagramTable{key(u"customers"_s), {col(u"id"_s, true), col(u"email"_s, false, true), col(u"name"_s)}}
             << DiagramTable{key(u"lines"_s), {col(u"order_id"_s, true), col(u"line_no"_s, true), col(u"qty"_s)}}
             << DiagramTable{key(u"notes"_s), {col(u"text"_s)}}
             << DiagramTable{key(u"orders"_s), {col(u"id"_s, true), col(u"customer_id"_s), col(u"customer_email"_s)}}
             << DiagramTable{key(u"shipments"_s), {col(u"id"_s, true), col(u"order_id"_s), col(u"line_no"_s)}};
    return d;
}

} // namespace

void TestForeignKeyProposal::droppedOnTheHeaderReferencesThePrimaryKey()
{
    const ForeignKeyProposal p = proposeForeignKey(shop(), key(u"orders"_s), u"customer_id"_s, key(u"customers"_s), {});
    QCOMPARE(p.childColumns, QStringList{u"customer_id"_s});
    QCOMPARE(p.parentColumns, QStringList{u"id"_s});
    QCOMPARE(p.name, u"fk_orders_customer_id"_s);
    QCOMPARE(p.onDelete, u"NO ACTION"_s);
    const ForeignKeyProposal onPk = proposeForeignKey(shop(), key(u"orders"_s), u"customer_id"_s, key(u"customers"_s), u"id"_s);
    QCOMPARE(onPk.parentColumns, QStringList{u"id"_s});
}

void TestForeignKeyProposal::droppedOnAColumnReferencesThatColumn()
{
    const ForeignKeyProposal p = proposeForeignKey(shop(), key(u"orders"_s), u"customer_email"_s, key(u"customers"_s), u"email"_s);
    QCOMPARE(p.childColumns, QStringList{u"customer_email"_s});
    QCOMPARE(p.parentColumns, QStringList{u"email"_s});
}

void TestForeignKeyProposal::compositeKeysPairColumnsOfTheSameName()
{
    // order_id dropped on lines' header: the whole key (order_id, line_no), line_no found by name.
    const ForeignKeyProposal p = proposeForeignKey(shop(), key(u"shipments"_s), u"order_id"_s, key(u"lines"_s), {});
    QCOMPARE(p.parentColumns, (QStringList{u"order_id"_s, u"line_no"_s}));
    QCOMPARE(p.childColumns, (QStringList{u"order_id"_s, u"line_no"_s}));
    // Dropped on the second key column: the dragged column pairs with it.
    const ForeignKeyProposal q = proposeForeignKey(shop(), key(u"shipments"_s), u"line_no"_s, key(u"lines"_s), u"line_no"_s);
    QCOMPARE(q.parentColumns, (QStringList{u"order_id"_s, u"line_no"_s}));
    QCOMPARE(q.childColumns, (QStringList{u"order_id"_s, u"line_no"_s}));
    // No column of that name: left empty for the person.
    const ForeignKeyProposal r = proposeForeignKey(shop(), key(u"orders"_s), u"id"_s, key(u"lines"_s), {});
    QCOMPARE(r.childColumns, (QStringList{u"id"_s, QString()}));
    QVERIFY(!validateProposal(shop(), r).isEmpty());
}

void TestForeignKeyProposal::aTableWithoutKeyLeavesTheChoice()
{
    const ForeignKeyProposal p = proposeForeignKey(shop(), key(u"orders"_s), u"id"_s, key(u"notes"_s), {});
    QCOMPARE(p.childColumns, QStringList{u"id"_s});
    QCOMPARE(p.parentColumns, QStringList{QString()});
    QVERIFY(!validateProposal(shop(), p).isEmpty());
}

void TestForeignKeyProposal::validation()
{
    Diagram d = shop();
    ForeignKeyProposal p = proposeForeignKey(d, key(u"orders"_s), u"customer_id"_s, key(u"customers"_s), {});
    QCOMPARE(validateProposal(d, p), QStringList());
    ForeignKeyProposal twice = p;
    twice.childColumns << u"customer_id"_s;
    twice.parentColumns << u"email"_s;
    QVERIFY(validateProposal(d, twice).join(u' ').contains(u"twice"_s));
    ForeignKeyProposal unknown = p;
    unknown.parentColumns = {u"nope"_s};
    QVERIFY(validateProposal(d, unknown).join(u' ').contains(u"nope"_s));
    ForeignKeyProposal uneven = p;
    uneven.parentColumns << u"email"_s;
    QVERIFY(!validateProposal(d, uneven).isEmpty());
    DiagramEdge existing;
    existing.from = key(u"orders"_s);
    existing.fromColumns = {u"customer_id"_s};
    existing.to = key(u"customers"_s);
    existing.toColumns = {u"id"_s};
    d.edges << existing;
    QVERIFY(validateProposal(d, p).join(u' ').contains(u"already"_s));
}

void TestForeignKeyProposal::compilesToTheSqliteRebuild()
{
    const QString path = tempPath(u"proposal.db"_s);
    QSqlDatabase db = openTestDatabase(path);
    QCOMPARE(execAll(db, {u"CREATE TABLE customers (id INTEGER PRIMARY KEY, email TEXT UNIQUE, name TEXT)"_s,
                          u"CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER, customer_email TEXT)"_s,
                          u"CREATE INDEX orders_customer_idx ON orders (customer_id)"_s}),
             QString());
    Result<migrate::ops::SchemaSnapshot> before = migrate::autogen::readSnapshot(db, u"main"_s);
    closeTestDatabase(db);
    QVERIFY(before.ok());
    ForeignKeyProposal p = proposeForeignKey(shop(), key(u"orders"_s), u"customer_id"_s, key(u"customers"_s), {});
    p.onDelete = u"SET NULL"_s;
    const Result<migrate::ops::CompiledMigration> sql = compileProposal(*before, shop(), p);
    QVERIFY2(sql.ok(), sql.ok() ? "" : qPrintable(sql.error().message));
    const QString up = sql->upgrade.join(u";\n"_s);
    QVERIFY2(up.contains(u"CREATE TABLE \"_strata_new_orders\""_s), qPrintable(up));
    QVERIFY2(up.contains(u"CONSTRAINT \"fk_orders_customer_id\" FOREIGN KEY (\"customer_id\") REFERENCES \"customers\" (\"id\") ON DELETE SET NULL"_s),
             qPrintable(up));
    QVERIFY2(up.contains(u"orders_customer_idx"_s), qPrintable(up));   // the index comes back
    QVERIFY2(!sql->downgrade.join(u"\n"_s).contains(u"REFERENCES"_s), qPrintable(sql->downgrade.join(u"\n"_s)));
    // An invalid proposal compiles to nothing.
    ForeignKeyProposal bad = p;
    bad.parentColumns = {QString()};
    QVERIFY(!compileProposal(*before, shop(), bad).ok());
}

STRATA_TEST_MAIN(TestForeignKeyProposal)
#include "tst_foreignkeyproposal.moc"
