// Editing through the grid's table model on real SQLite and PostgreSQL tables: defaults read
// back, failed saves keeping edits, conflicts, key-less tables, edits surviving sort/filter,
// undo of pending edits and of the last save, editor values, spreadsheet paste.

#include "tablemodeltesting.h"

class TestTableEditing : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void dialects_data();
    void insertReadsDefaultsBack_data() { dialects_data(); }
    void insertReadsDefaultsBack();
    void failedSaveKeepsEdits_data() { dialects_data(); }
    void failedSaveKeepsEdits();
    void conflictIsDetected_data() { dialects_data(); }
    void conflictIsDetected();
    void keylessTableEditsOneOfTwoIdenticalRows_data() { dialects_data(); }
    void keylessTableEditsOneOfTwoIdenticalRows();
    void pendingEditsSurviveSortFilterRefresh_data() { dialects_data(); }
    void pendingEditsSurviveSortFilterRefresh();
    void undoLastSave_data() { dialects_data(); }
    void undoLastSave();
    void undoPendingEdits_data() { dialects_data(); }
    void undoPendingEdits();
    void editorValuesRoundTrip_data() { dialects_data(); }
    void editorValuesRoundTrip();
    void pasteTabSeparated_data() { dialects_data(); }
    void pasteTabSeparated();
    void saveSummaryAndSavedRowsLocated_data() { dialects_data(); }
    void saveSummaryAndSavedRowsLocated();
    void paddedCharRowsSaveAndConflict_data() { dialects_data(); }
    void paddedCharRowsSaveAndConflict();
    void keepMineNeedsTheirRow_data() { dialects_data(); }
    void keepMineNeedsTheirRow();
};

void TestTableEditing::dialects_data()
{
    QTest::addColumn<QString>("dialect");
    QTest::newRow("sqlite") << QStringLiteral("sqlite");
    QTest::newRow("pg") << QStringLiteral("pg");
}

void TestTableEditing::insertReadsDefaultsBack()
{
    GRID_FIXTURE(fx);
    if (fx.isPostgres())
        QCOMPARE(fx.exec({QStringLiteral("CREATE TABLE items (id serial PRIMARY KEY, name text NOT NULL, "
                                         "qty int NOT NULL DEFAULT 7, created timestamptz DEFAULT now())"),
                          QStringLiteral("INSERT INTO items (name) VALUES ('first')")}),
                 QString());
    else
        QCOMPARE(fx.exec({QStringLiteral("CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                                         "qty INTEGER NOT NULL DEFAULT 7, created TEXT DEFAULT (datetime('now')))"),
                          QStringLiteral("INSERT INTO items (name) VALUES ('first')")}),
                 QString());
    Grid g = openGrid(fx, QStringLiteral("items"));
    QVERIFY(g.model);
    QVERIFY(waitCount(g.model.get()));
    const int row = g->addRow();
    QCOMPARE(row, 0);
    QCOMPARE(g->rowCount(), 2);
    QCOMPARE(g->data(g->index(0, 2), TableModel::IsDefaultRole).toBool(), true);
    QCOMPARE(g->data(g->index(0, 2), TableModel::IsNullRole).toBool(), false);
    QVERIFY(g->setData(g->index(0, 1), QStringLiteral("second")));
    QCOMPARE(g->data(g->index(0, 0), TableModel::RowStateRole).toInt(), int(TableModel::RowState::Inserted));
    g->save();
    bool ok = false;
    Error error;
    QVERIFY(waitSave(g.model.get(), &ok, &error));
    QVERIFY2(ok, qPrintable(error.toString()));
    QCOMPARE(g->pendingCount(), 0);
    QCOMPARE(fx.scalar(QStringLiteral("SELECT qty FROM items WHERE name = 'second'")).toInt(), 7);
    QCOMPARE(fx.scalar(QStringLiteral("SELECT id FROM items WHERE name = 'second'")).toInt(), 2);
    QCOMPARE(fx.scalar(QStringLiteral("SELECT count(*) FROM items WHERE created IS NOT NULL")).toInt(), 2);
    QVERIFY(waitCount(g.model.get()));
    QCOMPARE(g->rowCount(), 2);
    QVERIFY(waitRow(g.model.get(), 1));
    QCOMPARE(cell(g.model.get(), 1, 2, TableModel::RawRole).toInt(), 7);
}

void TestTableEditing::failedSaveKeepsEdits()
{
    GRID_FIXTURE(fx);
    QCOMPARE(fx.exec({QStringLiteral("CREATE TABLE acc (id integer PRIMARY KEY, name text UNIQUE, amount integer CHECK (amount >= 0))"),
                      QStringLiteral("INSERT INTO acc VALUES (1, 'a', 10), (2, 'b', 20), (3, 'c', 30)")}),
             QString());
    Grid g = openGrid(fx, QStringLiteral("acc"));
    QVERIFY(g.model);
    QVERIFY(waitRow(g.model.get(), 0));
    QVERIFY(g->setData(g->index(0, 2), 11));
    QVERIFY(g->setData(g->index(1, 1), QStringLiteral("c")));   // violates UNIQUE
    const int added = g->addRow();
    QVERIFY(g->setData(g->index(added, 0), 4));
    QVERIFY(g->setData(g->index(added, 1), QStringLiteral("d")));
    QVERIFY(g->setData(g->index(added, 2), 5));
    QCOMPARE(g->pendingCount(), 3);
    g->save();
    bool ok = true;
    Error error;
    int failedRow = -2;
    QVERIFY(waitSave(g.model.get(), &ok, &error, &failedRow));
    QVERIFY(!ok);
    QCOMPARE(error.kind, ErrorKind::Constraint);
    QCOMPARE(g->pendingCount(), 3);
    // Nothing was written: the first UPDATE rolled back with the rest.
    QCOMPARE(fx.scalar(QStringLiteral("SELECT amount FROM acc WHERE id = 1")).toInt(), 10);
    QCOMPARE(fx.scalar(QStringLiteral("SELECT count(*) FROM acc")).toInt(), 3);
    QCOMPARE(failedRow, g->modelRow(1));
    QVERIFY(!g->data(g->index(failedRow, 0), TableModel::RowErrorRole).toString().isEmpty());
    QCOMPARE(g->data(g->index(failedRow, 0), TableModel::RowStateRole).toInt(), int(TableModel::RowState::Failed));
    QCOMPARE(g->data(g->modelRow(0) >= 0 ? g->index(g->modelRow(0), 2) : QModelIndex(), Qt::DisplayRole).toString(), QStringLiteral("11"));
    // Fix the failing edit and save again.
    QVERIFY(g->setData(g->index(failedRow, 1), QStringLiteral("b2")));
    g->save();
    QVERIFY(waitSave(g.model.get(), &ok, &error));
    QVERIFY2(ok, qPrintable(error.toString()));
    QCOMPARE(fx.scalar(QStringLiteral("SELECT amount FROM acc WHERE id = 1")).toInt(), 11);
    QCOMPARE(fx.scalar(QStringLiteral("SELECT name FROM acc WHERE id = 2")).toString(), QStringLiteral("b2"));
    QCOMPARE(fx.scalar(QStringLiteral("SELECT amount FROM acc WHERE name = 'd'")).toInt(), 5);
}

void TestTableEditing::conflictIsDetected()
{
    GRID_FIXTURE(fx);
    QCOMPARE(fx.exec({QStringLiteral("CREATE TABLE t (id integer PRIMARY KEY, title text, pages integer)"),
                      QStringLiteral("INSERT INTO t VALUES (1, 'one', 10), (2, 'two', 20)")}),
             QString());
    Grid g = openGrid(fx, QStringLiteral("t"));
    QVERIFY(g.model);
    QVERIFY(waitRow(g.model.get(), 0));
    // Someone else changes row 1's title and row 2's pages after we read them.
    QCOMPARE(fx.exec({QStringLiteral("UPDATE t SET title = 'theirs' WHERE id = 1"),
                      QStringLiteral("UPDATE t SET pages = 99 WHERE id = 2")}),
             QString());
    QVERIFY(g->setData(g->index(0, 1), QStringLiteral("mine")));
    g->save();
    bool ok = true;
    Error error;
    int row = -2;
    QVERIFY(waitSave(g.model.get(), &ok, &error, &row));
    QVERIFY(!ok);
    QCOMPARE(error.kind, ErrorKind::Conflict);
    QCOMPARE(row, 0);
    QCOMPARE(fx.scalar(QStringLiteral("SELECT title FROM t WHERE id = 1")).toString(), QStringLiteral("theirs"));
    QCOMPARE(g->pendingCount(), 1);
    const RowEdit *edit = g->editAt(0);
    QVERIFY(edit && edit->conflict && edit->theirs);
    QCOMPARE(edit->theirs->value(1).toString(), QStringLiteral("theirs"));
    QVERIFY(g->data(g->index(0, 1), Qt::ToolTipRole).toString().contains(QStringLiteral("theirs")));
    // A change to another column of another row does not conflict with editing its title.
    QVERIFY(g->setData(g->index(1, 1), QStringLiteral("two!")));
    g->resolveConflict(0, true);   // keep mine: overwrite theirs knowingly
    g->save();
    QVERIFY(waitSave(g.model.get(), &ok, &error));
    QVERIFY2(ok, qPrintable(error.toString()));
    QCOMPARE(fx.scalar(QStringLiteral("SELECT title FROM t WHERE id = 1")).toString(), QStringLiteral("mine"));
    QCOMPARE(fx.scalar(QStringLiteral("SELECT title || ':' || pages FROM t WHERE id = 2")).toString(), QStringLiteral("two!:99"));
    // A row deleted meanwhile is a conflict too, never a silent success.
    QVERIFY(waitCount(g.model.get()));
    QVERIFY(waitRow(g.model.get(), 0));
    QCOMPARE(fx.exec({QStringLiteral("DELETE FROM t WHERE id = 2")}), QString());
    QVERIFY(g->setData(g->index(1, 2), 5));
    g->save();
    QVERIFY(waitSave(g.model.get(), &ok, &error));
    QVERIFY(!ok);
    QCOMPARE(error.kind, ErrorKind::Conflict);
    QVERIFY(g->editAt(1) && g->editAt(1)->conflict && !g->editAt(1)->theirs);
    QCOMPARE(fx.scalar(QStringLiteral("SELECT count(*) FROM t")).toInt(), 1);
}

void TestTableEditing::keylessTableEditsOneOfTwoIdenticalRows()
{
    GRID_FIXTURE(fx);
    QCOMPARE(fx.exec({QStringLiteral("CREATE TABLE dup (a integer, b text)"),
                      QStringLiteral("INSERT INTO dup VALUES (1, 'same'), (1, 'same'), (2, 'other'), (3, 'gone'), (3, 'gone')")}),
             QString());
    Grid g = openGrid(fx, QStringLiteral("dup"));
    QVERIFY(g.model);
    QCOMPARE(g->tableInfo().identity, fx.isPostgres() ? RowIdentity::Ctid : RowIdentity::Rowid);
    QVERIFY(g->isEditable());
    QVERIFY(waitCount(g.model.get()));
    QVERIFY(waitRow(g.model.get(), 0));
    int sameRow = -1;
    int goneRow = -1;
    for (int r = 0; r < g->rowCount(); ++r) {
        const QString b = g->data(g->index(r, 1)).toString();
        if (b == QLatin1String("same") && sameRow < 0)
            sameRow = r;
        if (b == QLatin1String("gone") && goneRow < 0)
            goneRow = r;
    }
    QVERIFY(sameRow >= 0 && goneRow >= 0);
    QVERIFY(g->setData(g->index(sameRow, 1), QStringLiteral("changed")));
    g->deleteRows({goneRow});
    g->save();
    bool ok = false;
    Error error;
    QVERIFY(waitSave(g.model.get(), &ok, &error));
    QVERIFY2(ok, qPrintable(error.toString()));
    QCOMPARE(fx.scalar(QStringLiteral("SELECT count(*) FROM dup WHERE b = 'changed'")).toInt(), 1);
    QCOMPARE(fx.scalar(QStringLiteral("SELECT count(*) FROM dup WHERE b = 'same'")).toInt(), 1);
    QCOMPARE(fx.scalar(QStringLiteral("SELECT count(*) FROM dup WHERE b = 'gone'")).toInt(), 1);
    QCOMPARE(fx.scalar(QStringLiteral("SELECT count(*) FROM dup")).toInt(), 4);
    // The before-image is required: a row changed by someone else is not touched.
    QVERIFY(waitCount(g.model.get()));
    QVERIFY(waitRow(g.model.get(), 0));
    int otherRow = -1;
    for (int r = 0; r < g->rowCount(); ++r)
        if (g->data(g->index(r, 1)).toString() == QLatin1String("other"))
            otherRow = r;
    QVERIFY(otherRow >= 0);
    QCOMPARE(fx.exec({QStringLiteral("UPDATE dup SET a = 20 WHERE b = 'other'")}), QString());
    QVERIFY(g->setData(g->index(otherRow, 1), QStringLiteral("overwritten?")));
    g->save();
    QVERIFY(waitSave(g.model.get(), &ok, &error));
    QVERIFY(!ok);
    QCOMPARE(error.kind, ErrorKind::Conflict);
    QCOMPARE(fx.scalar(QStringLiteral("SELECT count(*) FROM dup WHERE b = 'other' AND a = 20")).toInt(), 1);
}

void TestTableEditing::pendingEditsSurviveSortFilterRefresh()
{
    GRID_FIXTURE(fx);
    QCOMPARE(fx.exec(booksFixture(fx.isPostgres(), 300)), QString());
    Grid g = openGrid(fx, QStringLiteral("books"), 64, 3);
    QVERIFY(g.model);
    QVERIFY(waitRow(g.model.get(), 5));
    QVERIFY(g->setData(g->index(5, 1), QStringLiteral("edited")));
    QVERIFY(g->setData(g->index(6, 2), 1234));
    QCOMPARE(g->pendingCount(), 2);
    g->sort(0, Qt::DescendingOrder);
    QVERIFY(waitCount(g.model.get()));
    QVERIFY(waitRow(g.model.get(), 300 - 6));
    QCOMPARE(cell(g.model.get(), 300 - 6, 0, TableModel::RawRole).toLongLong(), 6);
    QCOMPARE(cell(g.model.get(), 300 - 6, 1).toString(), QStringLiteral("edited"));
    QCOMPARE(cell(g.model.get(), 300 - 6, 1, TableModel::CellChangedRole).toBool(), true);
    // Evicted and read again: still there.
    QVERIFY(waitRow(g.model.get(), 0));
    QVERIFY(waitRow(g.model.get(), 100));
    QVERIFY(waitRow(g.model.get(), 200));
    QVERIFY(waitRow(g.model.get(), 300 - 7));
    QCOMPARE(cell(g.model.get(), 300 - 7, 2).toString(), QStringLiteral("1234"));
    GridSpec spec;
    spec.filters << ColumnFilter{0, FilterOp::Equals, QStringLiteral("6")};
    g->setSpec(spec);
    QVERIFY(waitCount(g.model.get()));
    QCOMPARE(g->tableRowCount(), 1);
    QVERIFY(waitRow(g.model.get(), 0));
    QCOMPARE(cell(g.model.get(), 0, 1).toString(), QStringLiteral("edited"));
    g->refresh();
    QVERIFY(waitRow(g.model.get(), 0));
    QCOMPARE(cell(g.model.get(), 0, 1).toString(), QStringLiteral("edited"));
    QCOMPARE(g->pendingCount(), 2);
    // Holding edits takes no lock: another connection writes the very rows being edited (ids
    // 6 and 7) meanwhile. A lock held for them would make this fail after 5 s, not hang.
    if (fx.isPostgres())
        QCOMPARE(fx.exec({QStringLiteral("SET lock_timeout = '5s'")}), QString());
    QCOMPARE(fx.exec({QStringLiteral("UPDATE books SET pages = 1 WHERE id IN (6, 7, 100)")}), QString());
    QCOMPARE(fx.scalar(QStringLiteral("SELECT count(*) FROM books WHERE id IN (6, 7, 100) AND pages = 1")).toInt(), 3);
    QCOMPARE(g->pendingCount(), 2);
}

void TestTableEditing::undoLastSave()
{
    GRID_FIXTURE(fx);
    QCOMPARE(fx.exec({QStringLiteral("CREATE TABLE t (id integer PRIMARY KEY, title text NOT NULL, pages integer)"),
                      QStringLiteral("INSERT INTO t VALUES (1, 'one', 10), (2, 'two', NULL), (3, 'three', 30)")}),
             QString());
    Grid g = openGrid(fx, QStringLiteral("t"));
    QVERIFY(g.model);
    QVERIFY(waitRow(g.model.get(), 0));
    QVERIFY(g->setData(g->index(0, 1), QStringLiteral("uno")));
    g->deleteRows({1});
    QCOMPARE(g->data(g->index(1, 0), TableModel::RowStateRole).toInt(), int(TableModel::RowState::Deleted));
    const int added = g->addRow();
    QVERIFY(g->setData(g->index(added, 0), 4));
    QVERIFY(g->setData(g->index(added, 1), QStringLiteral("four")));
    g->save();
    bool ok = false;
    Error error;
    QVERIFY(waitSave(g.model.get(), &ok, &error));
    QVERIFY2(ok, qPrintable(error.toString()));
    const QString agg = fx.isPostgres() ? QStringLiteral("string_agg") : QStringLiteral("group_concat");
    QCOMPARE(fx.scalar(QStringLiteral("SELECT %1(title, ',') FROM (SELECT title FROM t ORDER BY id) s").arg(agg)).toString(),
             QStringLiteral("uno,three,four"));
    QVERIFY(g->canUndoLastSave());
    g->undoLastSave();
    QVERIFY(waitSave(g.model.get(), &ok, &error));
    QVERIFY2(ok, qPrintable(error.toString()));
    QCOMPARE(fx.scalar(QStringLiteral("SELECT %1(title || ':' || coalesce(pages, -1), ',') FROM "
                                      "(SELECT title, pages FROM t ORDER BY id) s").arg(agg)).toString(),
             QStringLiteral("one:10,two:-1,three:30"));
    QVERIFY(!g->canUndoLastSave());
    // Undo refuses to overwrite what someone changed after the save.
    QVERIFY(waitRow(g.model.get(), 0));
    QVERIFY(g->setData(g->index(0, 2), 11));
    g->save();
    QVERIFY(waitSave(g.model.get(), &ok, &error));
    QVERIFY(ok);
    QCOMPARE(fx.exec({QStringLiteral("UPDATE t SET pages = 12 WHERE id = 1")}), QString());
    g->undoLastSave();
    QVERIFY(waitSave(g.model.get(), &ok, &error));
    QVERIFY(!ok);
    QCOMPARE(error.kind, ErrorKind::Conflict);
    QCOMPARE(fx.scalar(QStringLiteral("SELECT pages FROM t WHERE id = 1")).toInt(), 12);
}

void TestTableEditing::saveSummaryAndSavedRowsLocated()
{
    GRID_FIXTURE(fx);
    QCOMPARE(fx.exec(booksFixture(fx.isPostgres(), 300)), QString());
    Grid g = openGrid(fx, QStringLiteral("books"));
    QVERIFY(g.model);
    QVERIFY(waitCount(g.model.get()));
    QVERIFY(waitRow(g.model.get(), 1));
    QVERIFY(g->setData(g->index(0, 1), QStringLiteral("Book 1 edited")));
    g->deleteRows({1});   // id 2
    const int late = g->addRow();
    QVERIFY(g->setData(g->index(late, 0), 1000));
    QVERIFY(g->setData(g->index(late, 1), QStringLiteral("Book 0000")));
    const int early = g->addRow();
    QVERIFY(g->setData(g->index(early, 0), 0));
    QVERIFY(g->setData(g->index(early, 1), QStringLiteral("Book zzz")));
    g->save();
    bool ok = false;
    Error error;
    QVERIFY(waitSave(g.model.get(), &ok, &error));
    QVERIFY2(ok, qPrintable(error.toString()));
    const TableModel::SaveSummary summary = g->lastSaveSummary();
    QCOMPARE(summary.inserted, 2);
    QCOMPARE(summary.updated, 1);
    QCOMPARE(summary.deleted, 1);
    QVERIFY(!summary.undo);
    const QVariantList lateKey = g->savedInsertIdentity(late);
    const QVariantList earlyKey = g->savedInsertIdentity(early);
    QCOMPARE(lateKey.size(), 1);
    QCOMPARE(lateKey.first().toLongLong(), 1000LL);
    QCOMPARE(earlyKey.first().toLongLong(), 0LL);
    QVERIFY(g->savedInsertIdentity(2).isEmpty());

    auto locate = [&g](const QVariantList &key) {
        QSignalSpy located(g.model.get(), &TableModel::rowLocated);
        g->locateRow(key);
        if (!located.wait(20000))
            return -2;
        return located.first().at(1).toInt();
    };
    // Key order (keyset): ids 0, 1, 3 … 300, 1000.
    QCOMPARE(locate(lateKey), 300);
    QCOMPARE(locate(earlyKey), 0);
    QVERIFY(waitRow(g.model.get(), 300));
    QCOMPARE(cell(g.model.get(), 300, 1).toString(), QStringLiteral("Book 0000"));
    // Another order (numbered rows): by title, "Book 0000" first and "Book zzz" last.
    g->sort(1, Qt::AscendingOrder);
    QVERIFY(waitCount(g.model.get()));
    QCOMPARE(g->tableRowCount(), 301);
    QCOMPARE(locate(lateKey), 0);
    QCOMPARE(locate(earlyKey), 300);
    // A filter that hides the row: not shown.
    GridSpec spec;
    spec.filters << ColumnFilter{1, FilterOp::Contains, QStringLiteral("zzz")};
    g->setSpec(spec);
    QCOMPARE(locate(lateKey), -1);
    QCOMPARE(locate(earlyKey), 0);

    g->undoLastSave();
    QVERIFY(waitSave(g.model.get(), &ok, &error));
    QVERIFY2(ok, qPrintable(error.toString()));
    QVERIFY(g->lastSaveSummary().undo);
    QCOMPARE(g->lastSaveSummary().total(), 4);
}

void TestTableEditing::undoPendingEdits()
{
    GRID_FIXTURE(fx);
    QCOMPARE(fx.exec(booksFixture(fx.isPostgres(), 10)), QString());
    Grid g = openGrid(fx, QStringLiteral("books"));
    QVERIFY(g.model);
    QVERIFY(waitRow(g.model.get(), 0));
    QVERIFY(g->setData(g->index(0, 1), QStringLiteral("a")));
    QVERIFY(g->setData(g->index(0, 1), QStringLiteral("b")));
    g->addRow();
    g->deleteRows({g->modelRow(3)});
    QCOMPARE(g->pendingCount(), 3);
    QVERIFY(g->undo());   // the delete
    QCOMPARE(g->pendingCount(), 2);
    QVERIFY(g->undo());   // the new row
    QCOMPARE(g->rowCount(), 10);
    QVERIFY(g->undo());   // "b" -> "a"
    QCOMPARE(cell(g.model.get(), 0, 1).toString(), QStringLiteral("a"));
    QVERIFY(g->undo());
    QCOMPARE(cell(g.model.get(), 0, 1).toString(), QStringLiteral("Book 1"));
    QCOMPARE(g->pendingCount(), 0);
    QVERIFY(!g->undo());
    QVERIFY(g->setData(g->index(2, 1), QStringLiteral("c")));
    g->revertAll();
    QCOMPARE(g->pendingCount(), 0);
    QCOMPARE(cell(g.model.get(), 2, 1).toString(), QStringLiteral("Book 3"));
}

void TestTableEditing::editorValuesRoundTrip()
{
    GRID_FIXTURE(fx);
    const bool pg = fx.isPostgres();
    if (pg)
        QCOMPARE(fx.exec({QStringLiteral("CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')"),
                          QStringLiteral("CREATE TABLE types (id int PRIMARY KEY, b boolean, i bigint, n numeric(12,4), "
                                         "r double precision, d date, t time, ts timestamp, tz timestamptz, j jsonb, "
                                         "bl bytea, tx text, m mood)"),
                          QStringLiteral("INSERT INTO types (id) VALUES (1)")}),
                 QString());
    else
        QCOMPARE(fx.exec({QStringLiteral("CREATE TABLE types (id INTEGER PRIMARY KEY, b BOOLEAN, i INTEGER, n NUMERIC, "
                                         "r REAL, d DATE, t TIME, ts DATETIME, tz TIMESTAMP, j JSON, bl BLOB, tx TEXT, m TEXT)"),
                          QStringLiteral("INSERT INTO types (id) VALUES (1)")}),
                 QString());
    Grid g = openGrid(fx, QStringLiteral("types"));
    QVERIFY(g.model);
    const QList<ColumnMeta> &cols = g->tableInfo().columns;
    QCOMPARE(cols.at(1).type, ValueType::Bool);
    QCOMPARE(cols.at(2).type, ValueType::Integer);
    QCOMPARE(cols.at(5).type, ValueType::Date);
    QCOMPARE(cols.at(7).type, ValueType::Timestamp);
    QCOMPARE(cols.at(9).type, ValueType::Json);
    QCOMPARE(cols.at(10).type, ValueType::Bytes);
    if (pg) {
        QCOMPARE(cols.at(8).type, ValueType::TimestampTz);
        QCOMPARE(cols.at(12).type, ValueType::Enum);
        QCOMPARE(cols.at(12).enumLabels, QStringList({QStringLiteral("sad"), QStringLiteral("ok"), QStringLiteral("happy")}));
    }
    QVERIFY(waitRow(g.model.get(), 0));
    const QByteArray bytes("\x00\x01\xffPNG\n", 7);
    const QDateTime local(QDate(2024, 1, 2), QTime(3, 4, 5, 678));
    const QDateTime zoned(QDate(2024, 6, 30), QTime(23, 59, 1), Qt::OffsetFromUTC, 7200);
    const QList<QPair<int, QVariant>> values = {
        {1, true}, {2, qlonglong(9007199254740993LL)}, {3, QStringLiteral("12.3456")}, {4, 2.5},
        {5, QDate(2024, 2, 29)}, {6, QTime(13, 45, 6)}, {7, local}, {8, zoned},
        {9, QStringLiteral("{\"a\": [1, 2]}")}, {10, bytes}, {11, QString::fromUtf8("multi\nline ✓")},
        {12, QStringLiteral("happy")}};
    for (const auto &v : values)
        QVERIFY2(g->setData(g->index(0, v.first), v.second), qPrintable(cols.at(v.first).name));
    g->save();
    bool ok = false;
    Error error;
    QVERIFY(waitSave(g.model.get(), &ok, &error));
    QVERIFY2(ok, qPrintable(error.toString() + QStringLiteral(" ") + error.sql));
    Grid fresh = openGrid(fx, QStringLiteral("types"));
    QVERIFY(fresh.model);
    QVERIFY(waitRow(fresh.model.get(), 0));
    auto edit = [&](int column) { return cell(fresh.model.get(), 0, column, Qt::EditRole); };
    QCOMPARE(edit(1).toBool(), true);
    QCOMPARE(edit(1).metaType().id(), QMetaType::Bool);
    QCOMPARE(edit(2).toLongLong(), 9007199254740993LL);
    QCOMPARE(edit(3).toString(), QStringLiteral("12.3456"));
    QCOMPARE(edit(4).toDouble(), 2.5);
    QCOMPARE(edit(5).toDate(), QDate(2024, 2, 29));
    QCOMPARE(edit(6).toTime(), QTime(13, 45, 6));
    QCOMPARE(edit(7).toDateTime(), local);
    if (pg)
        QCOMPARE(edit(8).toDateTime().toUTC(), zoned.toUTC());
    QCOMPARE(edit(9).toString(), QStringLiteral("{\"a\": [1, 2]}"));
    QCOMPARE(edit(10).toByteArray(), bytes);
    QCOMPARE(edit(11).toString(), QString::fromUtf8("multi\nline ✓"));
    QCOMPARE(edit(12).toString(), QStringLiteral("happy"));
    QVERIFY(cell(fresh.model.get(), 0, 10).toString().startsWith(QStringLiteral("[7 B] 00 01 ff")));
    QCOMPARE(cell(fresh.model.get(), 0, 1).toString(), QStringLiteral("true"));
}

void TestTableEditing::pasteTabSeparated()
{
    GRID_FIXTURE(fx);
    QCOMPARE(fx.exec({QStringLiteral("CREATE TABLE t (id integer PRIMARY KEY, title text, pages integer, done boolean)"),
                      QStringLiteral("INSERT INTO t VALUES (1, 'a', 1, NULL), (2, 'b', 2, NULL), (3, 'c', 3, NULL)")}),
             QString());
    Grid g = openGrid(fx, QStringLiteral("t"));
    QVERIFY(g.model);
    QVERIFY(waitRow(g.model.get(), 0));
    QString error;
    QVERIFY2(g->pasteText(g->index(0, 1), QStringLiteral("x\t10\ttrue\r\n\"multi\nline\"\t\tfalse\r\n"), &error), qPrintable(error));
    QCOMPARE(g->pendingCount(), 2);
    QCOMPARE(cell(g.model.get(), 0, 1).toString(), QStringLiteral("x"));
    QCOMPARE(cell(g.model.get(), 1, 1, Qt::EditRole).toString(), QStringLiteral("multi\nline"));
    QCOMPARE(cell(g.model.get(), 1, 2, TableModel::IsNullRole).toBool(), true);   // empty number cell: NULL
    QVERIFY(!g->pasteText(g->index(2, 3), QStringLiteral("maybe"), &error));
    QVERIFY(error.contains(QStringLiteral("maybe")));
    QCOMPARE(g->pendingCount(), 2);
    QVERIFY(g->undo());   // the whole paste is one step
    QCOMPARE(g->pendingCount(), 0);
}

void TestTableEditing::paddedCharRowsSaveAndConflict()
{
    // PostgreSQL char(n) values are read padded ("y" + 21 spaces); the conflict check must
    // compare them as char(n), not as text (which drops the padding, so every save of such a
    // row failed as a "conflict" and "Keep mine" looped).
    GRID_FIXTURE(fx);
    QCOMPARE(fx.exec({QStringLiteral("CREATE TABLE chars (id integer PRIMARY KEY, code char(22), note text)"),
                      QStringLiteral("CREATE TABLE history (tid integer, code char(22), delta integer)"),
                      QStringLiteral("INSERT INTO chars VALUES (1, 'y', 'a'), (2, 'z', 'b')"),
                      QStringLiteral("INSERT INTO history VALUES (1, 'h', 5), (2, 'i', 6)")}),
             QString());
    bool ok = false;
    Error error;
    {
        // A key-less table: every statement checks the whole before-image, char column included.
        Grid h = openGrid(fx, QStringLiteral("history"));
        QVERIFY(h.model);
        QVERIFY(waitCount(h.model.get()));
        QVERIFY(waitRow(h.model.get(), 0));
        QVERIFY(h->setData(h->index(0, 2), QStringLiteral("50")));
        h->deleteRows({1});
        h->save();
        QVERIFY(waitSave(h.model.get(), &ok, &error));
        QVERIFY2(ok, qPrintable(error.toString() + QLatin1Char(' ') + error.sql));
        QCOMPARE(fx.scalar(QStringLiteral("SELECT count(*) FROM history")).toInt(), 1);
        QCOMPARE(fx.scalar(QStringLiteral("SELECT delta FROM history WHERE tid = 1")).toInt(), 50);
    }
    Grid g = openGrid(fx, QStringLiteral("chars"));
    QVERIFY(g.model);
    QVERIFY(waitRow(g.model.get(), 0));
    if (fx.isPostgres())
        QCOMPARE(cell(g.model.get(), 0, 1, TableModel::RawRole).toString(), QStringLiteral("y").leftJustified(22));
    QVERIFY(g->setData(g->index(0, 1), QStringLiteral("mine")));
    g->save();
    QVERIFY(waitSave(g.model.get(), &ok, &error));
    QVERIFY2(ok, qPrintable(error.toString() + QLatin1Char(' ') + error.sql));
    QCOMPARE(fx.scalar(QStringLiteral("SELECT trim(code) FROM chars WHERE id = 1")).toString(), QStringLiteral("mine"));

    // Someone else changes row 2's code: the check fires; "Keep mine" resolves it in one save.
    QVERIFY(waitCount(g.model.get()));
    QVERIFY(waitRow(g.model.get(), 1));
    QCOMPARE(fx.exec({QStringLiteral("UPDATE chars SET code = 'theirs' WHERE id = 2")}), QString());
    QVERIFY(g->setData(g->index(1, 1), QStringLiteral("mine too")));
    g->save();
    QVERIFY(waitSave(g.model.get(), &ok, &error));
    QVERIFY(!ok);
    QCOMPARE(error.kind, ErrorKind::Conflict);
    const RowEdit *edit = g->editAt(1);
    QVERIFY(edit && edit->conflict && edit->theirs);
    QCOMPARE(edit->theirs->value(1).toString().trimmed(), QStringLiteral("theirs"));
    g->resolveConflict(1, true);
    g->save();
    QVERIFY(waitSave(g.model.get(), &ok, &error));
    QVERIFY2(ok, qPrintable(error.toString() + QLatin1Char(' ') + error.sql));
    QCOMPARE(g->pendingCount(), 0);
    QCOMPARE(fx.scalar(QStringLiteral("SELECT trim(code) FROM chars WHERE id = 2")).toString(), QStringLiteral("mine too"));
}

void TestTableEditing::keepMineNeedsTheirRow()
{
    // A key-less row changed by someone else: SQLite finds it again by rowid (Keep mine saves
    // over it); PostgreSQL's row moved to another ctid and cannot be told from the others, so
    // "Keep mine" has nothing to keep against and must not drop the edit either.
    GRID_FIXTURE(fx);
    QCOMPARE(fx.exec({QStringLiteral("CREATE TABLE hist (tid integer, filler char(22))"),
                      QStringLiteral("INSERT INTO hist VALUES (1, 'a'), (2, 'b')")}),
             QString());
    Grid g = openGrid(fx, QStringLiteral("hist"));
    QVERIFY(g.model);
    QVERIFY(waitCount(g.model.get()));
    QVERIFY(waitRow(g.model.get(), 0));
    int row = -1;
    for (int r = 0; r < g->rowCount(); ++r)
        if (g->data(g->index(r, 0)).toString() == QLatin1String("1"))
            row = r;
    QVERIFY(row >= 0);
    QCOMPARE(fx.exec({QStringLiteral("UPDATE hist SET filler = 'theirs' WHERE tid = 1")}), QString());
    QVERIFY(g->setData(g->index(row, 1), QStringLiteral("mine")));
    g->save();
    bool ok = true;
    Error error;
    QVERIFY(waitSave(g.model.get(), &ok, &error));
    QVERIFY(!ok);
    QCOMPARE(error.kind, ErrorKind::Conflict);
    const RowEdit *edit = g->editAt(row);
    QVERIFY(edit && edit->conflict);
    if (fx.isPostgres()) {
        QVERIFY(!edit->theirs);
        QVERIFY(!g->resolveConflict(row, true));
        QCOMPARE(g->pendingCount(), 1);   // the edit is still there
        QVERIFY(g->editAt(row) && g->editAt(row)->changed(1));
        QVERIFY(g->resolveConflict(row, false));   // take theirs: drops it
        QCOMPARE(g->pendingCount(), 0);
        return;
    }
    QVERIFY(edit->theirs);
    QVERIFY(g->resolveConflict(row, true));
    g->save();
    QVERIFY(waitSave(g.model.get(), &ok, &error));
    QVERIFY2(ok, qPrintable(error.toString()));
    QCOMPARE(fx.scalar(QStringLiteral("SELECT filler FROM hist WHERE tid = 1")).toString().trimmed(), QStringLiteral("mine"));
}

STRATA_TEST_MAIN(TestTableEditing)
#include "tst_tableediting.moc"
