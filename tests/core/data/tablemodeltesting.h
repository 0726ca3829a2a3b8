#pragma once

// Shared by the table model tests: opening a grid model over a fixture table on SQLite or
// PostgreSQL (GRID_FIXTURE picks the dialect from the test data row) and helpers to wait on it.

#include "data/tablemodel.h"
#include "gridfixture.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTimeZone>

using namespace strata;
using namespace strata::data;
using strata::test::GridFixture;

#define GRID_FIXTURE(fx)                                                  \
    QFETCH(QString, dialect);                                             \
    STRATA_PG_URL_IF(dialect == QLatin1String("pg"), pgServer);           \
    GridFixture fx(dialect, pgServer);                                    \
    QVERIFY2(fx.ok(), qPrintable(fx.error()))

namespace strata::test::grid {

struct Grid {
    std::unique_ptr<TableModel> model;
    std::unique_ptr<QAbstractItemModelTester> tester;
    TableModel *operator->() const { return model.get(); }
};

Grid openGrid(GridFixture &fx, const QString &table, int windowSize = 64, int maxWindows = 40, bool readOnly = false)
{
    Grid g;
    connection::Connection *reader = fx.connect(readOnly);
    connection::Connection *background = fx.connect(readOnly);
    if (!reader || !background)
        return g;
    g.model = std::make_unique<TableModel>(reader, background, nullptr, windowSize, maxWindows);
    g.tester = std::make_unique<QAbstractItemModelTester>(g.model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QObject::connect(g.model.get(), &TableModel::fetchFailed, [](const Error &e) { qWarning() << "fetch failed:" << e.toString() << e.sql; });
    QSignalSpy opened(g.model.get(), &TableModel::opened);
    g.model->open(fx.isPostgres() ? QStringLiteral("public") : QStringLiteral("main"), table);
    if (!opened.wait(20000) || !opened.first().at(0).toBool())
        g.model.reset();
    return g;
}

bool waitCount(TableModel *m)
{
    return QTest::qWaitFor([m] { return m->countState() == TableModel::CountState::Exact && !m->isCounting(); }, 20000);
}

bool waitRow(TableModel *m, qint64 tableRow)
{
    m->fetchTableRow(tableRow);
    const bool ok = QTest::qWaitFor([m, tableRow] { return m->isTableRowLoaded(tableRow); }, 20000);
    if (!ok)
        qWarning() << "row" << tableRow << "not loaded; rows" << m->tableRowCount() << "state" << int(m->countState())
                   << "fetching" << m->isFetching() << "windows" << m->cachedWindowCount();
    return ok;
}

QVariant cell(TableModel *m, qint64 tableRow, int column, int role = Qt::DisplayRole)
{
    return m->data(m->index(m->modelRow(tableRow), column), role);
}

/// The first column (the id) of every row, loading as needed.
QList<qlonglong> allIds(TableModel *m)
{
    QList<qlonglong> ids;
    if (!waitCount(m))
        return {-1};
    for (qint64 r = 0; r < m->tableRowCount(); ++r) {
        if (!waitRow(m, r))
            return {-2};
        ids << cell(m, r, 0, TableModel::RawRole).toLongLong();
    }
    return ids;
}

bool waitSave(TableModel *m, bool *ok = nullptr, Error *error = nullptr, int *row = nullptr)
{
    QSignalSpy spy(m, &TableModel::saveFinished);
    if (!spy.wait(20000))
        return false;
    if (ok)
        *ok = spy.first().at(0).toBool();
    if (error)
        *error = spy.first().at(1).value<Error>();
    if (row)
        *row = spy.first().at(2).toInt();
    return true;
}

QStringList booksFixture(bool pg, int rows)
{
    if (pg)
        return {QStringLiteral("CREATE TABLE books (id integer PRIMARY KEY, title text, pages int)"),
                QStringLiteral("INSERT INTO books SELECT i, 'Book ' || i, i % 500 FROM generate_series(1, %1) AS i").arg(rows),
                QStringLiteral("ANALYZE books")};
    return {QStringLiteral("CREATE TABLE books (id INTEGER PRIMARY KEY, title TEXT, pages INTEGER)"),
            QStringLiteral("INSERT INTO books (id, title, pages) WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                           "WHERE i < %1) SELECT i, 'Book ' || i, i % 500 FROM n").arg(rows)};
}

} // namespace strata::test::grid

using namespace strata::test::grid;
