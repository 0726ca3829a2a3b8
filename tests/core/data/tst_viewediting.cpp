// Views in the grid: read-only unless the server can update them and the user opts in;
// then keyed by the base table's key when the view shows it, else by the whole row, and
// every change must match exactly one row of the view. SQLite and PostgreSQL.

#include "tablemodeltesting.h"

class TestViewEditing : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void dialects_data();
    void keyedViewAfterOptIn_data() { dialects_data(); }
    void keyedViewAfterOptIn();
    void viewWithoutUpdateStaysReadOnly_data() { dialects_data(); }
    void viewWithoutUpdateStaysReadOnly();
    void keylessViewUsesWholeRow_data() { dialects_data(); }
    void keylessViewUsesWholeRow();
};

void TestViewEditing::dialects_data()
{
    QTest::addColumn<QString>("dialect");
    QTest::newRow("sqlite") << QStringLiteral("sqlite");
    QTest::newRow("pg") << QStringLiteral("pg");
}

void TestViewEditing::keyedViewAfterOptIn()
{
    GRID_FIXTURE(fx);
    QStringList setup = booksFixture(fx.isPostgres(), 10);
    setup << QStringLiteral("CREATE VIEW shelf AS SELECT id, title, pages FROM books WHERE pages > 5");
    if (!fx.isPostgres())
        setup << QStringLiteral("CREATE TRIGGER shelf_update INSTEAD OF UPDATE ON shelf BEGIN "
                                "UPDATE books SET title = NEW.title, pages = NEW.pages WHERE id = OLD.id; END");
    QCOMPARE(fx.exec(setup), QString());
    Grid g = openGrid(fx, QStringLiteral("shelf"));
    QVERIFY(g.model);
    QVERIFY(!g->isEditable());
    QVERIFY(g->canEditView());
    QVERIFY(!g->setData(g->index(0, 1), QStringLiteral("refused")));
    QCOMPARE(g->tableInfo().identity, RowIdentity::PrimaryKey);
    QCOMPARE(g->tableInfo().keyColumns, QList<int>({0}));
    QVERIFY(g->enableViewEditing());
    QVERIFY(g->isEditable());
    QVERIFY(!g->canEditView());
    QVERIFY(waitRow(g.model.get(), 0));
    QCOMPARE(cell(g.model.get(), 0, 0, TableModel::RawRole).toLongLong(), 6);
    QVERIFY(g->setData(g->index(0, 1), QStringLiteral("through the view")));
    QVERIFY(g->setData(g->index(1, 2), QStringLiteral("99")));
    g->save();
    bool ok = false;
    Error error;
    QVERIFY(waitSave(g.model.get(), &ok, &error));
    QVERIFY2(ok, qPrintable(error.toString() + QLatin1Char(' ') + error.sql));
    QCOMPARE(fx.scalar(QStringLiteral("SELECT title FROM books WHERE id = 6")).toString(), QStringLiteral("through the view"));
    QCOMPARE(fx.scalar(QStringLiteral("SELECT pages FROM books WHERE id = 7")).toInt(), 99);
    QCOMPARE(fx.scalar(QStringLiteral("SELECT count(*) FROM books WHERE title = 'through the view'")).toInt(), 1);
    // The last save can be undone through the view, with the same checks.
    QVERIFY(g->canUndoLastSave());
    g->undoLastSave();
    QVERIFY(waitSave(g.model.get(), &ok, &error));
    QVERIFY2(ok, qPrintable(error.toString() + QLatin1Char(' ') + error.sql));
    QCOMPARE(fx.scalar(QStringLiteral("SELECT title FROM books WHERE id = 6")).toString(), QStringLiteral("Book 6"));
}

void TestViewEditing::viewWithoutUpdateStaysReadOnly()
{
    GRID_FIXTURE(fx);
    QStringList setup = booksFixture(fx.isPostgres(), 10);
    setup << QStringLiteral("CREATE VIEW per_pages AS SELECT pages, count(*) AS n FROM books GROUP BY pages");
    QCOMPARE(fx.exec(setup), QString());
    Grid g = openGrid(fx, QStringLiteral("per_pages"));
    QVERIFY(g.model);
    QVERIFY(!g->isEditable());
    QVERIFY(!g->canEditView());
    QVERIFY(!g->enableViewEditing());
    QVERIFY(!g->isEditable());
}

void TestViewEditing::keylessViewUsesWholeRow()
{
    GRID_FIXTURE(fx);
    QStringList setup = booksFixture(fx.isPostgres(), 4);
    // Rows 3 and 4 look the same through the view.
    setup << QStringLiteral("UPDATE books SET title = 'Twin', pages = 7 WHERE id IN (3, 4)")
          << QStringLiteral("CREATE VIEW titles AS SELECT title, pages FROM books");
    if (!fx.isPostgres())
        setup << QStringLiteral("CREATE TRIGGER titles_update INSTEAD OF UPDATE ON titles BEGIN "
                                "UPDATE books SET title = NEW.title, pages = NEW.pages "
                                "WHERE title IS OLD.title AND pages IS OLD.pages; END");
    QCOMPARE(fx.exec(setup), QString());
    Grid g = openGrid(fx, QStringLiteral("titles"));
    QVERIFY(g.model);
    QVERIFY(g->canEditView());
    QVERIFY(g->enableViewEditing());
    QCOMPARE(g->tableInfo().identity, RowIdentity::WholeRow);
    QVERIFY(waitCount(g.model.get()));
    QVERIFY(waitRow(g.model.get(), 0));
    int single = -1;
    int twin = -1;
    for (int r = 0; r < 4; ++r) {
        const QString title = cell(g.model.get(), r, 0).toString();
        if (title == QLatin1String("Book 1"))
            single = r;
        else if (title == QLatin1String("Twin"))
            twin = r;
    }
    QVERIFY(single >= 0 && twin >= 0);
    // A unique row: exactly one row changes.
    QVERIFY(g->setData(g->index(g->modelRow(single), 0), QStringLiteral("Only one")));
    g->save();
    bool ok = false;
    Error error;
    QVERIFY(waitSave(g.model.get(), &ok, &error));
    QVERIFY2(ok, qPrintable(error.toString() + QLatin1Char(' ') + error.sql));
    QCOMPARE(fx.scalar(QStringLiteral("SELECT title FROM books WHERE id = 1")).toString(), QStringLiteral("Only one"));
    QCOMPARE(fx.scalar(QStringLiteral("SELECT count(*) FROM books WHERE title = 'Only one'")).toInt(), 1);
    // One of two identical view rows: the statement would touch both, so nothing is written.
    QVERIFY(waitRow(g.model.get(), 0));
    for (int r = 0; r < 4; ++r)
        if (cell(g.model.get(), r, 0).toString() == QLatin1String("Twin"))
            twin = r;
    QVERIFY(g->setData(g->index(g->modelRow(twin), 1), QStringLiteral("8")));
    g->save();
    QVERIFY(waitSave(g.model.get(), &ok, &error));
    QVERIFY(!ok);
    // Refused for the reason above (two rows), not for any failure on the way.
    QVERIFY2(error.kind == ErrorKind::Conflict, qPrintable(error.toString()));
    QVERIFY2(error.message.contains(QLatin1String("would change 2 rows instead of one")), qPrintable(error.message));
    QCOMPARE(g->pendingCount(), 1);
    QCOMPARE(fx.scalar(QStringLiteral("SELECT count(*) FROM books WHERE pages = 8")).toInt(), 0);
    QCOMPARE(fx.scalar(QStringLiteral("SELECT count(*) FROM books WHERE title = 'Twin'")).toInt(), 2);   // both still there
}

STRATA_TEST_MAIN(TestViewEditing)
#include "tst_viewediting.moc"
