// A foreign key drawn on the diagram, as a person draws it, on SQLite and on PostgreSQL: a
// mouse drag on the real ErdView from orders.customer_id to the customers box, the dialog
// answered (pairs checked, ON DELETE chosen, the exact SQL previewed), "Save revision" into
// the attached project. The revision's upgrade adds the key (the catalog has it, the
// refreshed diagram draws its edge) and its downgrade leaves the catalog as it was before,
// compared with the schema-diff engine (autogen::compare finds no operation). On SQLite the
// key needs the table rebuild, which keeps the table's index and the view that reads it.

#include "../journey/journey.h"
#include "erd/edgeitem.h"
#include "erd/erdscene.h"
#include "erd/erdtab.h"
#include "erd/erdview.h"
#include "erd/foreignkeydialog.h"
#include "erd/tableitem.h"
#include "migrate/autogen/comparator.h"
#include "migrate/autogen/snapshotsources.h"
#include "migrate/migrationengine.h"
#include "migrations/migrationconfirmdialog.h"
#include "migrations/migrationpanel.h"
#include "support/connectionspecs.h"
#include "support/connectionwaits.h"
#include "support/modalanswers.h"

#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSettings>
#include <QTableWidget>

using namespace strata;
using namespace strata::ui;
using namespace strata::test;
using namespace Qt::StringLiterals;
namespace ops = strata::migrate::ops;

class TestErdForeignKey : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void drawnKeyBecomesARevision_data();
    void drawnKeyBecomesARevision();
    void appliedOnlyAfterConfirmation();
    void aClickOnAColumnProposesNothing();
};

namespace {

const QStringList kSchema{
    u"CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL)"_s,
    u"CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER, total NUMERIC(10,2) NOT NULL DEFAULT 0)"_s,
    u"CREATE INDEX orders_customer_idx ON orders (customer_id)"_s,
    u"CREATE VIEW big_orders AS SELECT id, customer_id, total FROM orders WHERE total > 100"_s,
    u"INSERT INTO customers (id, name) VALUES (1, 'Ada'), (2, 'Grace')"_s,
    u"INSERT INTO orders (id, customer_id, total) VALUES (1, 1, 120), (2, 2, 30)"_s,
};

struct Target {
    QString location;                       // SQLite path or postgresql:// URL
    connection::ConnectionSpec spec;
    QString schema;
    std::unique_ptr<ScratchPgDatabase> pg;
};

Result<ops::SchemaSnapshot> snapshotOf(const Target &t)
{
    QSqlDatabase db = openTestDatabase(t.location);
    Result<ops::SchemaSnapshot> snap = migrate::autogen::readSnapshot(db, t.schema);
    closeTestDatabase(db);
    return snap;
}

/// Drags with the left button from `from` to `to` (viewport coordinates) in small steps.
void dragOnView(ErdView *view, QPoint from, QPoint to)
{
    QWidget *port = view->viewport();
    QTest::mousePress(port, Qt::LeftButton, {}, from);
    for (int step = 1; step <= 6; ++step) {
        const QPoint at = from + (to - from) * step / 6;
        QMouseEvent move(QEvent::MouseMove, at, port->mapToGlobal(at), Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(port, &move);
    }
    QTest::mouseRelease(port, Qt::LeftButton, {}, to);
}

/// The view point in the middle of `column`'s row of `table`'s box.
QPoint rowPoint(ErdView *view, TableItem *table, const QString &column)
{
    return view->mapFromScene(QPointF(table->sceneBox().left() + 60, table->rowY(column)));
}

/// A point of the viewport where no box is.
QPoint backgroundPoint(ErdView *view)
{
    for (int y = 10; y < view->viewport()->height(); y += 20)
        for (int x = 10; x < view->viewport()->width(); x += 20) {
            bool onBox = false;
            for (QGraphicsItem *item : view->items(QPoint(x, y)))
                onBox |= dynamic_cast<TableItem *>(item) != nullptr;
            if (!onBox)
                return {x, y};
        }
    return {};
}

bool hasEdge(const ErdScene *scene, const QString &from, const QString &to)
{
    for (EdgeItem *e : scene->edgeItems())
        if (e->edge().from.name == from && e->edge().to.name == to)
            return true;
    return false;
}

} // namespace

void TestErdForeignKey::drawnKeyBecomesARevision_data()
{
    QTest::addColumn<bool>("postgres");
    QTest::newRow("sqlite") << false;
    QTest::newRow("postgresql") << true;
}

void TestErdForeignKey::drawnKeyBecomesARevision()
{
    QFETCH(bool, postgres);
    Target t;
    if (postgres) {
        STRATA_REQUIRE_PG(serverUrl);
        t.pg = std::make_unique<ScratchPgDatabase>(serverUrl);
        QVERIFY2(!t.pg->url().isEmpty(), qPrintable(t.pg->error()));
        t.location = t.pg->url();
        const PgTarget pg = pgTarget(t.location);
        t.spec.profile = pg.profile;
        t.spec.password = pg.password;
        t.schema = u"public"_s;
    } else {
        t.location = tempPath(u"fk.db"_s);
        t.spec = sqliteSpec(t.location);
        t.schema = u"main"_s;
    }
    QCOMPARE(journey::execOn(t.location, kSchema), QString());
    const QString project = tempPath(postgres ? u"fk-project-pg"_s : u"fk-project-sqlite"_s);
    QVERIFY(migrate::MigrationEngine::init(project).ok());
    QSettings().setValue(MigrationPanel::settingsKey(t.spec.profile), project);
    const Result<ops::SchemaSnapshot> before = snapshotOf(t);
    QVERIFY2(before.ok(), before.ok() ? "" : qPrintable(before.error().message));

    ErdTab tab(t.spec, 7, erd::DiagramRequest{t.schema, {}, {}, -1});
    tab.resize(1100, 700);
    tab.show();
    QVERIFY(QTest::qWaitForWindowExposed(&tab));
    QSignalSpy ready(&tab, &ErdTab::ready);
    QVERIFY(ready.wait(30000));
    QCOMPARE(tab.scene()->edgeItems().size(), 0);
    tab.view()->actualSize();
    TableItem *orders = tab.scene()->tableItem({t.schema, u"orders"_s});
    TableItem *customers = tab.scene()->tableItem({t.schema, u"customers"_s});
    QVERIFY(orders && customers);
    tab.view()->centerOn(QRectF(orders->sceneBox()).united(customers->sceneBox()).center());

    // The person answers the dialog: the pair the drag proposed, ON DELETE CASCADE, Save.
    QStringList previewed;
    QString pairSeen;
    whenModal<ForeignKeyDialog>([&](ForeignKeyDialog *dialog) {
        pairSeen = dialog->pairBox(0, 0)->currentText() + u" -> "_s + dialog->pairBox(0, 1)->currentText();
        dialog->onDeleteBox()->setFocus();
        dialog->onDeleteBox()->setCurrentText(u"CASCADE"_s);
        QTest::keyClicks(dialog->messageEdit(), u"orders belong to customers"_s);
        previewed = dialog->previewView()->toPlainText().split(u'\n');
        if (!qEnvironmentVariable("STRATA_SCREENSHOT_DIR").isEmpty())
            journey::screenshot(postgres ? u"erd-foreign-key-dialog-pg"_s : u"erd-foreign-key-dialog"_s);
        journey::click(dialog->saveButton());
    });
    QSignalSpy written(&tab, &ErdTab::revisionWritten);
    dragOnView(tab.view(), rowPoint(tab.view(), orders, u"customer_id"_s), rowPoint(tab.view(), customers, u"id"_s));
    QVERIFY2(written.wait(20000), qPrintable(tab.messageLabel()->text()));
    QCOMPARE(pairSeen, u"customer_id -> id"_s);
    const QString preview = previewed.join(u'\n');
    QVERIFY2(preview.contains(u"FOREIGN KEY"_s) && preview.contains(u"ON DELETE CASCADE"_s), qPrintable(preview));
    if (!postgres)   // SQLite cannot ALTER TABLE ADD CONSTRAINT: the designer's rebuild
        QVERIFY2(preview.contains(u"_strata_new_orders"_s), qPrintable(preview));
    QCOMPARE(written.first().at(1).toString(), project);
    const QString revisionPath = written.first().at(0).toString();
    QVERIFY(QFile::exists(revisionPath));

    // Saved, not run: the database is unchanged until the revision is.
    const Result<ops::SchemaSnapshot> saved = snapshotOf(t);
    QVERIFY(saved.ok());
    QVERIFY(saved->table(u"orders"_s)->foreignKeys.isEmpty());

    Result<migrate::MigrationEngine> engine = migrate::MigrationEngine::open(
        migrate::ProjectConfig::load(QDir(project).filePath(u"strata.ini"_s)).value());
    QVERIFY(engine.ok());
    {
        QSqlDatabase db = openTestDatabase(t.location);
        const auto up = engine->runner(db, {}).upgrade(u"head"_s);
        closeTestDatabase(db);
        QVERIFY2(up.ok(), up.ok() ? "" : qPrintable(up.error().message));
    }
    const Result<ops::SchemaSnapshot> upgraded = snapshotOf(t);
    QVERIFY(upgraded.ok());
    const QList<catalog::ForeignKeyInfo> keys = upgraded->table(u"orders"_s)->foreignKeys;
    QCOMPARE(keys.size(), 1);
    QCOMPARE(keys.first().columns, QStringList{u"customer_id"_s});
    QCOMPARE(keys.first().referencedTable, u"customers"_s);
    QCOMPARE(keys.first().referencedColumns, QStringList{u"id"_s});
    QCOMPARE(keys.first().onDelete, u"CASCADE"_s);
    QVERIFY(upgraded->table(u"orders"_s)->indexes.size() >= before->table(u"orders"_s)->indexes.size());
    QVERIFY(upgraded->view(u"big_orders"_s));

    // The person refreshes the diagram: the new edge is drawn.
    auto *refresh = tab.findChild<QToolButton *>(u"erdRefresh"_s);
    QVERIFY(refresh);
    ready.clear();
    journey::click(refresh);
    QVERIFY(ready.wait(30000));
    QVERIFY(hasEdge(tab.scene(), u"orders"_s, u"customers"_s));

    {
        QSqlDatabase db = openTestDatabase(t.location);
        const auto down = engine->runner(db, {}).downgrade(u"base"_s);
        closeTestDatabase(db);
        QVERIFY2(down.ok(), down.ok() ? "" : qPrintable(down.error().message));
    }
    const Result<ops::SchemaSnapshot> after = snapshotOf(t);
    QVERIFY(after.ok());
    const Result<migrate::autogen::Comparison> diff = migrate::autogen::compare(*before, *after);
    QVERIFY(diff.ok());
    QStringList left;
    for (const ops::Operation &op : diff->operations)
        left << ops::describe(op);
    QVERIFY2(diff->isEmpty(), qPrintable(left.join(u"; "_s)));
    QCOMPARE(journey::scalar(t.location, u"SELECT count(*) FROM orders"_s).toInt(), 2);
}

void TestErdForeignKey::appliedOnlyAfterConfirmation()
{
    const QString path = tempPath(u"apply.db"_s);
    QCOMPARE(journey::execOn(path, kSchema), QString());
    ErdTab tab(sqliteSpec(path), 9, erd::DiagramRequest{u"main"_s, {}, {}, -1});
    tab.resize(1100, 700);
    tab.show();
    QSignalSpy ready(&tab, &ErdTab::ready);
    QVERIFY(ready.wait(30000));
    tab.view()->actualSize();
    TableItem *orders = tab.scene()->tableItem({u"main"_s, u"orders"_s});
    TableItem *customers = tab.scene()->tableItem({u"main"_s, u"customers"_s});
    tab.view()->centerOn(QRectF(orders->sceneBox()).united(customers->sceneBox()).center());
    QString shownSql;   // what the confirmation showed
    const auto drawKey = [&](bool confirm) {
        shownSql.clear();
        whenModal<ForeignKeyDialog>([](ForeignKeyDialog *dialog) { journey::click(dialog->applyButton()); });
        whenModal<MigrationConfirmDialog>([&shownSql, confirm](MigrationConfirmDialog *dialog) {
            shownSql = dialog->sqlView()->toPlainText();
            if (confirm)
                journey::click(dialog->runButton());
            else
                dialog->reject();
        });
        dragOnView(tab.view(), rowPoint(tab.view(), orders, u"customer_id"_s), rowPoint(tab.view(), customers, u"id"_s));
    };
    // Refused: nothing changes.
    drawKey(false);
    QTRY_COMPARE_WITH_TIMEOUT(tab.messageLabel()->text(), u"No foreign key added."_s, 20000);
    QVERIFY2(shownSql.contains(u"FOREIGN KEY"_s), qPrintable(shownSql));
    QCOMPARE(journey::scalar(path, u"SELECT count(*) FROM pragma_foreign_key_list('orders')"_s).toInt(), 0);

    // Confirmed: the key is added and the diagram, read again, draws its edge.
    ready.clear();
    drawKey(true);
    QVERIFY2(ready.wait(30000), qPrintable(tab.messageLabel()->text()));
    QVERIFY(hasEdge(tab.scene(), u"orders"_s, u"customers"_s));
    QCOMPARE(journey::scalar(path, u"SELECT \"to\" FROM pragma_foreign_key_list('orders')"_s).toString(), u"id"_s);
}

void TestErdForeignKey::aClickOnAColumnProposesNothing()
{
    const QString path = tempPath(u"click.db"_s);
    QCOMPARE(journey::execOn(path, kSchema), QString());
    ErdTab tab(sqliteSpec(path), 8, erd::DiagramRequest{u"main"_s, {}, {}, -1});
    tab.resize(900, 600);
    tab.show();
    QSignalSpy ready(&tab, &ErdTab::ready);
    QVERIFY(ready.wait(30000));
    tab.view()->actualSize();
    TableItem *orders = tab.scene()->tableItem({u"main"_s, u"orders"_s});
    TableItem *customers = tab.scene()->tableItem({u"main"_s, u"customers"_s});
    tab.view()->centerOn(orders);
    const QPointF ordersAt = orders->pos(), customersAt = customers->pos();
    bool dialogShown = false;
    whenModal<ForeignKeyDialog>([&](ForeignKeyDialog *dialog) {
        dialogShown = true;
        dialog->reject();
    }, 1500);
    // A click on a column selects the box; a drag from a column released on the background
    // proposes nothing; neither moves a box.
    const QPoint row = rowPoint(tab.view(), orders, u"total"_s);
    QTest::mouseClick(tab.view()->viewport(), Qt::LeftButton, {}, row);
    QVERIFY(orders->isSelected());
    const QPoint empty = backgroundPoint(tab.view());
    QVERIFY(!empty.isNull());
    dragOnView(tab.view(), row, empty);
    QTest::qWait(1700);
    QVERIFY(!dialogShown);
    QCOMPARE(orders->pos(), ordersAt);
    QCOMPARE(customers->pos(), customersAt);
}

STRATA_TEST_MAIN_GUI(TestErdForeignKey)
#include "tst_erdforeignkey.moc"
