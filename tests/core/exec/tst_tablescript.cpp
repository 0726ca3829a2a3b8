// "Script as …": exact text per dialect, hostile names quoted, parameters the console binds.

#include "exec/sqlparameters.h"
#include "exec/tablescript.h"
#include "support/testenvironment.h"

#include <QtTest>

using namespace strata;
using namespace strata::exec;
using strata::dialect::DialectKind;
using strata::dialect::dialectFor;

namespace {

catalog::TableDetail books(const QString &schema)
{
    catalog::TableDetail t;
    t.relation.schema = schema;
    t.relation.name = QStringLiteral("books");
    auto column = [&t](const QString &name, int position, int pk = 0, bool identityAlways = false) {
        catalog::ColumnInfo c;
        c.name = name;
        c.position = position;
        c.primaryKeyPosition = pk;
        c.isIdentity = identityAlways;
        c.identityGeneration = identityAlways ? QStringLiteral("ALWAYS") : QString();
        t.columns << c;
    };
    column(QStringLiteral("id"), 1, 1, true);
    column(QStringLiteral("title"), 2);
    column(QStringLiteral("Page Count"), 3);
    t.ddl = QStringLiteral("CREATE TABLE books (...);");
    return t;
}

} // namespace

class TestTableScript : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void select();
    void insertLeavesIdentityToServer();
    void updateAndDeleteByKey();
    void noKeyMatchesWholeRow();
    void otherSchemaQualified();
};

void TestTableScript::select()
{
    QCOMPARE(tableScript(books(QStringLiteral("main")), ScriptKind::Select, dialectFor(DialectKind::Sqlite)),
             QStringLiteral("SELECT id, title, \"Page Count\"\nFROM books\nLIMIT 100;\n"));
}

void TestTableScript::insertLeavesIdentityToServer()
{
    const QString sql = tableScript(books(QStringLiteral("public")), ScriptKind::Insert, dialectFor(DialectKind::Postgres));
    QCOMPARE(sql, QStringLiteral("INSERT INTO books (title, \"Page Count\")\nVALUES (:title, :Page_Count);\n"));
    // The console finds exactly these parameters to ask for.
    QCOMPARE(SqlParameters::find(sql, DialectKind::Postgres).size(), 2);
}

void TestTableScript::updateAndDeleteByKey()
{
    const auto &pg = dialectFor(DialectKind::Postgres);
    QCOMPARE(tableScript(books(QStringLiteral("public")), ScriptKind::Update, pg),
             QStringLiteral("UPDATE books\nSET title = :title,\n    \"Page Count\" = :Page_Count\nWHERE id = :id;\n"));
    QCOMPARE(tableScript(books(QStringLiteral("public")), ScriptKind::Delete, pg),
             QStringLiteral("DELETE FROM books\nWHERE id = :id;\n"));
}

void TestTableScript::noKeyMatchesWholeRow()
{
    catalog::TableDetail t = books(QStringLiteral("main"));
    for (catalog::ColumnInfo &c : t.columns) {
        c.primaryKeyPosition = 0;
        c.isIdentity = false;
        c.identityGeneration.clear();
    }
    QCOMPARE(tableScript(t, ScriptKind::Delete, dialectFor(DialectKind::Sqlite)),
             QStringLiteral("DELETE FROM books\nWHERE id = :id\n  AND title = :title\n  AND \"Page Count\" = :Page_Count;\n"));
}

void TestTableScript::otherSchemaQualified()
{
    QCOMPARE(tableScript(books(QStringLiteral("Archive")), ScriptKind::Select, dialectFor(DialectKind::Postgres)),
             QStringLiteral("SELECT id, title, \"Page Count\"\nFROM \"Archive\".books\nLIMIT 100;\n"));
    QCOMPARE(tableScript(books(QStringLiteral("main")), ScriptKind::Create, dialectFor(DialectKind::Sqlite)),
             QStringLiteral("CREATE TABLE books (...);\n"));
}

STRATA_TEST_MAIN(TestTableScript)
#include "tst_tablescript.moc"
