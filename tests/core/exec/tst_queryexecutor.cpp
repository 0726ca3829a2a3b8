// The streaming executor against real databases, each test on SQLite and on the throwaway
// PostgreSQL server: results in order, error positions as editor lines and columns,
// notices, cancel within a second, manual transactions, parameters, the row limit with
// fetch more, and EXPLAIN.

#include "executortesting.h"
#include "exec/sqlparameters.h"
#include "support/scratchdatabase.h"
#include "support/testenvironment.h"

#include <QElapsedTimer>

using namespace strata;
using namespace strata::exec;
using namespace strata::test;

class TestQueryExecutor : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void multiStatementResultsInOrder_data() { dialects(); }
    void multiStatementResultsInOrder();
    void rowsStreamInBatches_data() { dialects(); }
    void rowsStreamInBatches();
    void errorPositionMapsToLineAndColumn_data() { dialects(); }
    void errorPositionMapsToLineAndColumn();
    void continueOnError_data() { dialects(); }
    void continueOnError();
    void postgresNotices();
    void postgresMessagesInClientEncoding();
    void cancelWithinASecond_data() { dialects(); }
    void cancelWithinASecond();
    void manualTransactionCommitAndRollback_data() { dialects(); }
    void manualTransactionCommitAndRollback();
    void postgresAbortedTransaction();
    void parametersAreBound_data() { dialects(); }
    void parametersAreBound();
    void rowLimitAndFetchMore_data() { dialects(); }
    void rowLimitAndFetchMore();
    void explainPlan_data() { dialects(); }
    void explainPlan();

private:
    void dialects()
    {
        QTest::addColumn<bool>("postgres");
        QTest::newRow("sqlite") << false;
        QTest::newRow("postgresql") << true;
    }
    /// Opens the connection for the current data row (a scratch PG database or a new file).
    bool open();
    QString seriesSql(int n) const
    {
        return m_pg ? QStringLiteral("SELECT g AS n FROM generate_series(1, %1) g").arg(n)
                    : QStringLiteral("WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < %1) SELECT n FROM s").arg(n);
    }

    bool m_pg = false;
    std::unique_ptr<ScratchPgDatabase> m_scratch;
    std::unique_ptr<connection::Connection> m_conn;
    std::unique_ptr<QueryExecutor> m_exec;
    std::unique_ptr<Recorder> m_rec;
};

void TestQueryExecutor::init()
{
    m_pg = false;
}

void TestQueryExecutor::cleanup()
{
    m_rec.reset();
    m_exec.reset();
    m_conn.reset();
    m_scratch.reset();
}

bool TestQueryExecutor::open()
{
    QFETCH(bool, postgres);
    m_pg = postgres;
    QString url;
    if (postgres) {
        url = postgresUrl();   // OPEN_OR_FAIL made sure it is set
        m_scratch = std::make_unique<ScratchPgDatabase>(url);
        url = m_scratch->url();
    } else {
        url = tempPath(QStringLiteral("console.db"));
    }
    QString error;
    m_conn = openConnection(url, &error);
    if (!m_conn) {
        qWarning("%s", qPrintable(error));
        return false;
    }
    m_exec = std::make_unique<QueryExecutor>(m_conn.get());
    m_rec = std::make_unique<Recorder>(*m_exec);
    return true;
}

#define OPEN_OR_FAIL()                                                                            \
    do {                                                                                          \
        QFETCH(bool, postgres);                                                                   \
        STRATA_PG_URL_IF(postgres, pgUrl);                                                        \
        Q_UNUSED(pgUrl);                                                                          \
        QVERIFY2(open(), "could not open the test database");                                     \
    } while (false)

void TestQueryExecutor::multiStatementResultsInOrder()
{
    OPEN_OR_FAIL();
    QVERIFY(runAndWait(*m_exec, *m_rec,
                       QStringLiteral("CREATE TABLE t (a integer, b text);\n"
                                      "INSERT INTO t VALUES (1, 'x;y'), (2, NULL);\n"
                                      "SELECT a, b FROM t ORDER BY a;\n"
                                      "SELECT count(*) AS n FROM t")));
    QCOMPARE(m_rec->finished.size(), 4);
    QCOMPARE(m_rec->order, QStringList({QStringLiteral("start0"), QStringLiteral("end0"), QStringLiteral("start1"),
                                        QStringLiteral("end1"), QStringLiteral("start2"), QStringLiteral("end2"),
                                        QStringLiteral("start3"), QStringLiteral("end3")}));
    for (const StatementOutcome &o : m_rec->finished)
        QVERIFY2(o.ok(), qPrintable(o.error ? o.error->message : QString()));
    QCOMPARE(m_rec->finished[1].rowsAffected, 2);
    QVERIFY(!m_rec->finished[1].hasResultSet);
    QVERIFY(m_rec->finished[2].hasResultSet);
    QCOMPARE(m_rec->columns[2].size(), 2);
    QCOMPARE(m_rec->columns[2][1].name, QStringLiteral("b"));
    QCOMPARE(m_rec->rows[2].size(), 2);
    QCOMPARE(m_rec->rows[2][0], QVariantList({1LL, QStringLiteral("x;y")}));
    QVERIFY(m_rec->rows[2][1][1].isNull());
    QCOMPARE(m_rec->rows[3], QList<QVariantList>({QVariantList({2LL})}));
    QCOMPARE(m_rec->finished[2].line, 2);
    QCOMPARE(m_rec->summary->statements, 4);
    QCOMPARE(m_rec->summary->failed, 0);
}

void TestQueryExecutor::rowsStreamInBatches()
{
    OPEN_OR_FAIL();
    int batches = 0;
    connect(m_exec.get(), &QueryExecutor::rowsReady, this, [&batches] { ++batches; });
    QVERIFY(runAndWait(*m_exec, *m_rec, seriesSql(20000)));
    QCOMPARE(m_rec->rows[0].size(), 20000);
    QCOMPARE(m_rec->rows[0].last().first().toLongLong(), 20000LL);
    QVERIFY2(batches >= 20000 / 500, qPrintable(QString::number(batches)));
    QCOMPARE(m_rec->finished[0].rowCount, 20000);
}

void TestQueryExecutor::errorPositionMapsToLineAndColumn()
{
    OPEN_OR_FAIL();
    const QString sql = QStringLiteral("SELECT 1;\r\n\r\nSELECT a,\r\n  nosuch_column FROM (SELECT 1 AS a) s;\r\nSELECT 3;");
    QVERIFY(runAndWait(*m_exec, *m_rec, sql));
    QCOMPARE(m_rec->finished.size(), 2);   // stops at the error
    const StatementOutcome &failed = m_rec->finished[1];
    QVERIFY(failed.error.has_value());
    QVERIFY2(failed.error->message.contains(QStringLiteral("nosuch_column")), qPrintable(failed.error->message));
    QCOMPARE(failed.line, 2);
    QVERIFY2(failed.errorOffset >= 0, "the server gave no position");
    QCOMPARE(sql.mid(failed.errorOffset, 13), QStringLiteral("nosuch_column"));
    QCOMPARE(failed.errorLine, 3);
    QCOMPARE(failed.errorColumn, 2);
    QCOMPARE(m_rec->summary->failed, 1);
}

void TestQueryExecutor::continueOnError()
{
    OPEN_OR_FAIL();
    ExecOptions options;
    options.stopOnError = false;
    m_exec->setOptions(options);
    QVERIFY(runAndWait(*m_exec, *m_rec, QStringLiteral("SELECT 1; SELECT * FROM no_such_table; SELECT 3")));
    QCOMPARE(m_rec->finished.size(), 3);
    QVERIFY(m_rec->finished[1].error.has_value());
    QCOMPARE(m_rec->rows[2].first().first().toLongLong(), 3LL);
}

void TestQueryExecutor::postgresNotices()
{
    STRATA_REQUIRE_PG(url);
    m_scratch = std::make_unique<ScratchPgDatabase>(url);
    m_conn = openConnection(m_scratch->url());
    QVERIFY(m_conn);
    m_exec = std::make_unique<QueryExecutor>(m_conn.get());
    m_rec = std::make_unique<Recorder>(*m_exec);
    QVERIFY(runAndWait(*m_exec, *m_rec,
                       QStringLiteral("DO $$ BEGIN RAISE NOTICE 'hello %', 42; RAISE WARNING 'careful'; END $$;\nSELECT 1")));
    QCOMPARE(m_rec->notices.size(), 2);
    QCOMPARE(m_rec->notices[0].message, QStringLiteral("hello 42"));
    QCOMPARE(m_rec->notices[0].severity, QStringLiteral("NOTICE"));
    QCOMPARE(m_rec->notices[1].severity, QStringLiteral("WARNING"));
    QCOMPARE(m_rec->finished[0].notices.size(), 2);
    QVERIFY(m_rec->finished[1].notices.isEmpty());
    QCOMPARE(m_rec->finished[0].commandTag, QStringLiteral("DO"));
}

// After SET client_encoding = 'LATIN1' the server sends Latin-1 bytes: notices and errors
// read as Latin-1, not as replacement characters.
void TestQueryExecutor::postgresMessagesInClientEncoding()
{
    STRATA_REQUIRE_PG(url);
    m_scratch = std::make_unique<ScratchPgDatabase>(url);
    m_conn = openConnection(m_scratch->url());
    QVERIFY(m_conn);
    m_exec = std::make_unique<QueryExecutor>(m_conn.get());
    m_rec = std::make_unique<Recorder>(*m_exec);
    QVERIFY(runAndWait(*m_exec, *m_rec,
                       QStringLiteral("SET client_encoding = 'LATIN1';\n"
                                      "DO $$ BEGIN RAISE NOTICE 'caf%', chr(233); RAISE EXCEPTION 'na%ve', chr(239); END $$;")));
    QCOMPARE(m_rec->notices.size(), 1);
    QCOMPARE(m_rec->notices[0].message, QStringLiteral("caf\u00e9"));
    QCOMPARE(m_rec->finished.size(), 2);
    QVERIFY(m_rec->finished[1].error.has_value());
    QCOMPARE(m_rec->finished[1].error->message, QStringLiteral("na\u00efve"));
}

void TestQueryExecutor::cancelWithinASecond()
{
    OPEN_OR_FAIL();
    const QString slow = m_pg ? QStringLiteral("SELECT 1;\nSELECT pg_sleep(60);\nSELECT 2")
                              : QStringLiteral("SELECT 1;\nWITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) "
                                               "SELECT count(*) FROM c;\nSELECT 2");
    ScriptRequest request;
    request.text = slow;
    QVERIFY(m_exec->run(request));
    QVERIFY(QTest::qWaitFor([&] { return m_rec->started.size() == 2; }, 10000));
    QTest::qWait(300);   // let the server get into it
    QVERIFY(m_exec->isBusy());
    QElapsedTimer timer;
    timer.start();
    m_exec->cancel();
    QVERIFY(QTest::qWaitFor([&] { return m_rec->summary.has_value(); }, 5000));
    const qint64 ms = timer.elapsed();
    QVERIFY2(ms < 1000, qPrintable(QStringLiteral("cancel took %1 ms").arg(ms)));
    QVERIFY(m_rec->summary->cancelled);
    QCOMPARE(m_rec->finished.size(), 2);
    QVERIFY(m_rec->finished[1].error.has_value());
    QCOMPARE(m_rec->finished[1].error->kind, ErrorKind::Cancelled);
    // the connection still works
    QVERIFY(runAndWait(*m_exec, *m_rec, QStringLiteral("SELECT 42")));
    QVERIFY(m_rec->finished[0].ok());
    QCOMPARE(m_rec->rows[0].first().first().toLongLong(), 42LL);
}

void TestQueryExecutor::manualTransactionCommitAndRollback()
{
    OPEN_OR_FAIL();
    QVERIFY(runAndWait(*m_exec, *m_rec, QStringLiteral("CREATE TABLE t (a integer)")));
    QCOMPARE(m_exec->transactionState(), TransactionState::Idle);
    ExecOptions options;
    options.autoCommit = false;
    m_exec->setOptions(options);
    QVERIFY(runAndWait(*m_exec, *m_rec, QStringLiteral("INSERT INTO t VALUES (1)")));
    QCOMPARE(m_exec->transactionState(), TransactionState::Active);
    QVERIFY(m_exec->rollback());
    QTRY_VERIFY(!m_exec->isBusy());
    QCOMPARE(m_exec->transactionState(), TransactionState::Idle);
    QVERIFY(runAndWait(*m_exec, *m_rec, QStringLiteral("SELECT count(*) FROM t")));
    QCOMPARE(m_rec->rows[0].first().first().toLongLong(), 0LL);
    QCOMPARE(m_exec->transactionState(), TransactionState::Active);   // the SELECT opened one too
    QVERIFY(runAndWait(*m_exec, *m_rec, QStringLiteral("INSERT INTO t VALUES (2); INSERT INTO t VALUES (3)")));
    QVERIFY(m_exec->commit());
    QTRY_VERIFY(!m_exec->isBusy());
    QCOMPARE(m_exec->transactionState(), TransactionState::Idle);
    // another connection sees the committed rows
    QString error;
    auto other = openConnection(m_pg ? m_scratch->url() : m_conn->profile().filePath, &error);
    QVERIFY2(other, qPrintable(error));
    QueryExecutor reader(other.get());
    Recorder rec(reader);
    QVERIFY(runAndWait(reader, rec, QStringLiteral("SELECT count(*) FROM t")));
    QCOMPARE(rec.rows[0].first().first().toLongLong(), 2LL);
}

void TestQueryExecutor::postgresAbortedTransaction()
{
    STRATA_REQUIRE_PG(url);
    m_scratch = std::make_unique<ScratchPgDatabase>(url);
    m_conn = openConnection(m_scratch->url());
    QVERIFY(m_conn);
    m_exec = std::make_unique<QueryExecutor>(m_conn.get());
    m_rec = std::make_unique<Recorder>(*m_exec);
    ExecOptions options;
    options.autoCommit = false;
    m_exec->setOptions(options);
    QVERIFY(runAndWait(*m_exec, *m_rec, QStringLiteral("SELECT 1 / 0")));
    QVERIFY(m_rec->finished[0].error.has_value());
    QCOMPARE(m_rec->finished[0].error->sqlState, QStringLiteral("22012"));
    QCOMPARE(m_exec->transactionState(), TransactionState::Failed);
    QVERIFY(runAndWait(*m_exec, *m_rec, QStringLiteral("SELECT 1")));
    QCOMPARE(m_rec->finished[0].error->sqlState, QStringLiteral("25P02"));
    QCOMPARE(m_exec->transactionState(), TransactionState::Failed);
    QVERIFY(m_exec->rollback());
    QTRY_VERIFY(!m_exec->isBusy());
    QCOMPARE(m_exec->transactionState(), TransactionState::Idle);
    QVERIFY(runAndWait(*m_exec, *m_rec, QStringLiteral("SELECT 1")));
    QVERIFY(m_rec->finished[0].ok());
}

void TestQueryExecutor::parametersAreBound()
{
    OPEN_OR_FAIL();
    const QString hostile = QStringLiteral("'); DROP TABLE t; --");
    QString sql;
    ParameterValues values;
    if (m_pg) {
        sql = QStringLiteral("SELECT $1::int + 1 AS a, :name::text AS b, :name || '!' AS c, ':not_a_param' AS d");
        values = {{QStringLiteral("$1"), 41}, {QStringLiteral(":name"), hostile}};
    } else {
        sql = QStringLiteral("SELECT ? + 1 AS a, :name AS b, :name || '!' AS c, ':not_a_param' AS d, ?7 AS e");
        values = {{QStringLiteral("?1"), 41}, {QStringLiteral(":name"), hostile}, {QStringLiteral("?7"), QVariant()}};
    }
    const DialectKind dialect = m_pg ? DialectKind::Postgres : DialectKind::Sqlite;
    QStringList expectedKeys = m_pg ? QStringList{QStringLiteral("$1"), QStringLiteral(":name")}
                                    : QStringList{QStringLiteral("?1"), QStringLiteral(":name"), QStringLiteral("?7")};
    QCOMPARE(SqlParameters::keys(sql, 0, int(sql.size()), dialect), expectedKeys);
    QVERIFY(runAndWait(*m_exec, *m_rec, sql, values));
    QVERIFY2(m_rec->finished[0].ok(), m_rec->finished[0].ok() ? "" : qPrintable(m_rec->finished[0].error->message));
    const QVariantList row = m_rec->rows[0].first();
    QCOMPARE(row[0].toLongLong(), 42LL);
    QCOMPARE(row[1].toString(), hostile);
    QCOMPARE(row[2].toString(), hostile + QLatin1Char('!'));
    QCOMPARE(row[3].toString(), QStringLiteral(":not_a_param"));
    // a missing value is an error, not a NULL
    QVERIFY(runAndWait(*m_exec, *m_rec, sql, {}));
    QVERIFY(m_rec->finished[0].error.has_value());
    QVERIFY(m_rec->finished[0].error->message.contains(QStringLiteral("parameter")));
}

void TestQueryExecutor::rowLimitAndFetchMore()
{
    OPEN_OR_FAIL();
    ExecOptions options;
    options.rowLimit = 1000;
    m_exec->setOptions(options);
    QVERIFY(runAndWait(*m_exec, *m_rec, seriesSql(2500) + QStringLiteral(";\n") + seriesSql(2500)));
    QCOMPARE(m_rec->finished.size(), 2);
    QCOMPARE(m_rec->finished[0].rowCount, 1000);
    QCOMPARE(m_rec->finished[0].rowsDropped, 1500);
    QVERIFY(!m_rec->finished[0].hasMoreRows);
    QCOMPARE(m_rec->finished[1].rowCount, 1000);
    QVERIFY(m_rec->finished[1].hasMoreRows);
    QVERIFY(m_exec->hasPendingRows());
    QCOMPARE(m_exec->pendingStatement(), 1);
    m_rec->summary.reset();
    QVERIFY(m_exec->fetchMore(1000));
    QTRY_VERIFY(m_rec->summary.has_value());
    QCOMPARE(m_rec->rows[1].size(), 2000);
    QCOMPARE(m_rec->finished.last().rowCount, 2000);
    QVERIFY(m_exec->hasPendingRows());
    m_rec->summary.reset();
    QVERIFY(m_exec->fetchMore(-1));
    QTRY_VERIFY(m_rec->summary.has_value());
    QCOMPARE(m_rec->rows[1].size(), 2500);
    QCOMPARE(m_rec->rows[1].last().first().toLongLong(), 2500LL);
    QVERIFY(!m_rec->finished.last().hasMoreRows);
    QVERIFY(!m_exec->hasPendingRows());
    // a new run discards a pending result first
    QVERIFY(runAndWait(*m_exec, *m_rec, seriesSql(1500)));
    QVERIFY(m_exec->hasPendingRows());
    QVERIFY(runAndWait(*m_exec, *m_rec, QStringLiteral("SELECT 7")));
    QCOMPARE(m_rec->rows[0].first().first().toLongLong(), 7LL);
}

void TestQueryExecutor::explainPlan()
{
    OPEN_OR_FAIL();
    QVERIFY(runAndWait(*m_exec, *m_rec, QStringLiteral("CREATE TABLE books (id integer PRIMARY KEY, title text);"
                                                       "CREATE TABLE authors (id integer PRIMARY KEY, name text)")));
    std::optional<Result<ExplainPlan>> plan;
    const QString sql = QStringLiteral("SELECT * FROM books b JOIN authors a ON a.id = b.id WHERE b.title = 'x'");
    QVERIFY(m_exec->explain(sql, false, {}, [&](Result<ExplainPlan> r) { plan = std::move(r); }));
    QTRY_VERIFY(plan.has_value());
    QVERIFY2(plan->ok(), plan->ok() ? "" : qPrintable(plan->error().message));
    QString all;
    std::function<void(const PlanNode &)> walk = [&](const PlanNode &n) {
        all += n.nodeType + QLatin1Char('|') + n.relation + QLatin1Char('\n');
        for (const PlanNode &c : n.children)
            walk(c);
    };
    walk((*plan)->root);
    // PostgreSQL names the tables; SQLite names what the query calls them (the aliases)
    QVERIFY2(all.contains(m_pg ? QStringLiteral("books") : QStringLiteral("SCAN b")), qPrintable(all));
    QVERIFY2(all.contains(m_pg ? QStringLiteral("authors") : QStringLiteral("SEARCH a")), qPrintable(all));
    if (m_pg) {
        QVERIFY((*plan)->root.totalCost > 0);
        QVERIFY(!(*plan)->analyzed);
        plan.reset();
        QVERIFY(m_exec->explain(sql, true, {}, [&](Result<ExplainPlan> r) { plan = std::move(r); }));
        QTRY_VERIFY(plan.has_value());
        QVERIFY(plan->ok());
        QVERIFY((*plan)->analyzed);
        QVERIFY((*plan)->root.actualTotalMs >= 0);
        QVERIFY((*plan)->executionMs >= 0);
    } else {
        QVERIFY((*plan)->root.children.size() >= 2);
    }
}

STRATA_TEST_MAIN(TestQueryExecutor)
#include "tst_queryexecutor.moc"
