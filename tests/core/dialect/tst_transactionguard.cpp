// Transaction control rendered by the dialect (exact SQL per dialect) and the one
// TransactionGuard every writer uses: begin mode, savepoints, rollback unless committed.

#include "dialect/dialect.h"
#include "dialect/transactionguard.h"
#include "support/testenvironment.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QtTest>

using namespace strata;
using namespace strata::dialect;

namespace {

/// Records every statement the guard runs; fails the ones named in `failing`.
struct Recorder {
    QStringList statements;
    QStringList failing;
    TransactionGuard::Executor executor()
    {
        return [this](const QString &sql) -> Status {
            statements.append(sql);
            if (failing.contains(sql))
                return Error(ErrorKind::Internal, QStringLiteral("refused: ") + sql);
            return {};
        };
    }
};

} // namespace

class TestTransactionGuard : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void statements_data();
    void statements();
    void dialectOfConnection();
    void rollsBackUnlessCommitted();
    void committedIsNotRolledBack();
    void failedBeginLeavesNothingToRollBack();
    void failedCommitRollsBack();
    void explicitRollbackOnce();
    void savepoints();
    void realSqliteRollsBack();
};

void TestTransactionGuard::statements_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QString>("expected");
    const int sqlite = int(DialectKind::Sqlite), pg = int(DialectKind::Postgres);
    QTest::newRow("sqlite begin") << sqlite << "begin" << "BEGIN";
    QTest::newRow("sqlite begin immediate") << sqlite << "immediate" << "BEGIN IMMEDIATE";
    QTest::newRow("sqlite commit") << sqlite << "commit" << "COMMIT";
    QTest::newRow("sqlite rollback") << sqlite << "rollback" << "ROLLBACK";
    QTest::newRow("sqlite savepoint") << sqlite << "savepoint" << "SAVEPOINT \"s\"\"1\"";
    QTest::newRow("sqlite release") << sqlite << "release" << "RELEASE SAVEPOINT \"s\"\"1\"";
    QTest::newRow("sqlite rollback to") << sqlite << "rollbackTo" << "ROLLBACK TO SAVEPOINT \"s\"\"1\"";
    QTest::newRow("pg begin") << pg << "begin" << "BEGIN";
    // PostgreSQL takes row locks as it writes: "immediate" is a plain BEGIN.
    QTest::newRow("pg begin immediate") << pg << "immediate" << "BEGIN";
    QTest::newRow("pg commit") << pg << "commit" << "COMMIT";
    QTest::newRow("pg rollback") << pg << "rollback" << "ROLLBACK";
    QTest::newRow("pg savepoint") << pg << "savepoint" << "SAVEPOINT \"s\"\"1\"";
    QTest::newRow("pg release") << pg << "release" << "RELEASE SAVEPOINT \"s\"\"1\"";
    QTest::newRow("pg rollback to") << pg << "rollbackTo" << "ROLLBACK TO SAVEPOINT \"s\"\"1\"";
}

void TestTransactionGuard::statements()
{
    QFETCH(int, kind);
    QFETCH(QString, sql);
    QFETCH(QString, expected);
    const Dialect &d = dialectFor(DialectKind(kind));
    const QString name = QStringLiteral("s\"1");
    QString rendered;
    if (sql == u"begin")
        rendered = d.beginTransaction();
    else if (sql == u"immediate")
        rendered = d.beginTransaction(BeginMode::Immediate);
    else if (sql == u"commit")
        rendered = d.commitTransaction();
    else if (sql == u"rollback")
        rendered = d.rollbackTransaction();
    else if (sql == u"savepoint")
        rendered = d.savepoint(name);
    else if (sql == u"release")
        rendered = d.releaseSavepoint(name);
    else
        rendered = d.rollbackToSavepoint(name);
    QCOMPARE(rendered, expected);
}

void TestTransactionGuard::dialectOfConnection()
{
    {
        QSqlDatabase sqlite = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("guard-sqlite"));
        QSqlDatabase pg = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("guard-pg"));
        QSqlDatabase other = QSqlDatabase::addDatabase(QStringLiteral("QODBC"), QStringLiteral("guard-other"));
        QCOMPARE(dialectFor(sqlite).kind(), DialectKind::Sqlite);
        QCOMPARE(dialectFor(pg).kind(), DialectKind::Postgres);
        Result<const Dialect *> checkedSqlite = checkedDialectFor(sqlite);
        QVERIFY(checkedSqlite.ok());
        QCOMPARE((*checkedSqlite)->kind(), DialectKind::Sqlite);
        Result<const Dialect *> checkedPg = checkedDialectFor(pg);
        QVERIFY(checkedPg.ok());
        QCOMPARE((*checkedPg)->kind(), DialectKind::Postgres);
        Result<const Dialect *> checkedOther = checkedDialectFor(other);
        QVERIFY(!checkedOther.ok());
        QCOMPARE(checkedOther.error().kind, ErrorKind::Unsupported);
        QVERIFY(checkedOther.error().message.contains(QStringLiteral("QODBC")));
    }
    QSqlDatabase::removeDatabase(QStringLiteral("guard-sqlite"));
    QSqlDatabase::removeDatabase(QStringLiteral("guard-pg"));
    QSqlDatabase::removeDatabase(QStringLiteral("guard-other"));
}

void TestTransactionGuard::rollsBackUnlessCommitted()
{
    Recorder r;
    {
        TransactionGuard guard(dialectFor(DialectKind::Sqlite), r.executor());
        QVERIFY(guard.begin(BeginMode::Immediate).ok());
        QVERIFY(guard.isOpen());
    }
    QCOMPARE(r.statements, (QStringList{QStringLiteral("BEGIN IMMEDIATE"), QStringLiteral("ROLLBACK")}));
}

void TestTransactionGuard::committedIsNotRolledBack()
{
    Recorder r;
    {
        TransactionGuard guard(dialectFor(DialectKind::Postgres), r.executor());
        QVERIFY(guard.begin().ok());
        QVERIFY(guard.commit().ok());
        QVERIFY(!guard.isOpen());
    }
    QCOMPARE(r.statements, (QStringList{QStringLiteral("BEGIN"), QStringLiteral("COMMIT")}));
}

void TestTransactionGuard::failedBeginLeavesNothingToRollBack()
{
    Recorder r;
    r.failing = {QStringLiteral("BEGIN")};
    {
        TransactionGuard guard(dialectFor(DialectKind::Postgres), r.executor());
        Status begun = guard.begin();
        QVERIFY(!begun.ok());
        QCOMPARE(begun.error().message, QStringLiteral("refused: BEGIN"));
        QVERIFY(!guard.isOpen());
    }
    QCOMPARE(r.statements, QStringList{QStringLiteral("BEGIN")});
}

void TestTransactionGuard::failedCommitRollsBack()
{
    // SQLITE_BUSY on COMMIT leaves the transaction open: the guard must still end it.
    Recorder r;
    r.failing = {QStringLiteral("COMMIT")};
    {
        TransactionGuard guard(dialectFor(DialectKind::Sqlite), r.executor());
        QVERIFY(guard.begin().ok());
        Status committed = guard.commit();
        QVERIFY(!committed.ok());
        QCOMPARE(committed.error().message, QStringLiteral("refused: COMMIT"));
        QVERIFY(guard.isOpen());
    }
    QCOMPARE(r.statements, (QStringList{QStringLiteral("BEGIN"), QStringLiteral("COMMIT"), QStringLiteral("ROLLBACK")}));
}

void TestTransactionGuard::explicitRollbackOnce()
{
    Recorder r;
    {
        TransactionGuard guard(dialectFor(DialectKind::Sqlite), r.executor());
        QVERIFY(guard.begin().ok());
        guard.rollback();
        QVERIFY(!guard.isOpen());
        guard.rollback();   // nothing open: nothing sent
    }
    QCOMPARE(r.statements, (QStringList{QStringLiteral("BEGIN"), QStringLiteral("ROLLBACK")}));
}

void TestTransactionGuard::savepoints()
{
    Recorder r;
    {
        TransactionGuard guard(dialectFor(DialectKind::Postgres), r.executor());
        QVERIFY(guard.begin().ok());
        QVERIFY(guard.savepoint(QStringLiteral("a")).ok());
        QVERIFY(guard.rollbackTo(QStringLiteral("a")).ok());
        QVERIFY(guard.release(QStringLiteral("a")).ok());
        QVERIFY(guard.commit().ok());
    }
    QCOMPARE(r.statements, (QStringList{QStringLiteral("BEGIN"), QStringLiteral("SAVEPOINT \"a\""),
                                        QStringLiteral("ROLLBACK TO SAVEPOINT \"a\""),
                                        QStringLiteral("RELEASE SAVEPOINT \"a\""), QStringLiteral("COMMIT")}));
}

void TestTransactionGuard::realSqliteRollsBack()
{
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("guard-real"));
        db.setDatabaseName(QStringLiteral(":memory:"));
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("CREATE TABLE t (x INTEGER)")));
        auto exec = [&db](const QString &sql) -> Status {
            QSqlQuery query(db);
            if (!query.exec(sql))
                return Error(ErrorKind::Internal, query.lastError().text());
            return {};
        };
        {
            TransactionGuard guard(dialectFor(db), exec);
            QVERIFY(guard.begin(BeginMode::Immediate).ok());
            QVERIFY(q.exec(QStringLiteral("INSERT INTO t VALUES (1)")));
            QVERIFY(guard.savepoint(QStringLiteral("two")).ok());
            QVERIFY(q.exec(QStringLiteral("INSERT INTO t VALUES (2)")));
            QVERIFY(guard.rollbackTo(QStringLiteral("two")).ok());
            QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM t")) && q.next());
            QCOMPARE(q.value(0).toInt(), 1);
            q.finish();
        }   // not committed: rolled back
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM t")) && q.next());
        QCOMPARE(q.value(0).toInt(), 0);
        q.finish();
        {
            TransactionGuard guard(dialectFor(db), exec);
            QVERIFY(guard.begin().ok());
            QVERIFY(q.exec(QStringLiteral("INSERT INTO t VALUES (3)")));
            QVERIFY(guard.commit().ok());
        }
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM t")) && q.next());
        QCOMPARE(q.value(0).toInt(), 1);
    }
    QSqlDatabase::removeDatabase(QStringLiteral("guard-real"));
}

STRATA_TEST_MAIN(TestTransactionGuard)
#include "tst_transactionguard.moc"
