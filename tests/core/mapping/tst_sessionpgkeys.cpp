// PostgreSQL bulk inserts whose keys the server generates: rows go through COPY without the
// key column and the keys are read back afterwards (core/mapping/sessionpostgreskeys.cpp).
// These tests make the sequence skip values, or fill the skipped values with other rows,
// and check that every object still gets the key of its own row.

#include "sessiontesting.h"

#include <QSqlQuery>

using namespace sessiontesting;

class TestSessionPgKeys : public QObject {
    Q_OBJECT

    static bool run(const QSqlDatabase &db, const QString &sql)
    {
        QSqlQuery q(db);
        if (q.exec(sql))
            return true;
        qWarning("%s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
        return false;
    }

    static std::vector<std::shared_ptr<Book>> addBooks(Session &session, qint64 authorId, int count)
    {
        std::vector<std::shared_ptr<Book>> books;
        for (int i = 0; i < count; ++i)
            books.push_back(session.add(Book{0, s("Book %1").arg(i), i + 1, QDate(2001, 1, 1).addDays(i), std::nullopt, authorId}));
        return books;
    }

    /// Every object's key finds its own row (by title and page count, both unique here).
    static void verifyKeys(const QSqlDatabase &db, const std::vector<std::shared_ptr<Book>> &books)
    {
        QHash<qint64, QPair<QString, int>> stored;
        QSqlQuery q(db);
        QVERIFY(q.exec(s("SELECT id, title, pages FROM books")));
        while (q.next())
            stored.insert(q.value(0).toLongLong(), {q.value(1).toString(), q.value(2).toInt()});
        QSet<qint64> seen;
        for (const auto &b : books) {
            QVERIFY2(stored.contains(b->id), qPrintable(s("no row has key %1 (%2)").arg(b->id).arg(b->title)));
            QCOMPARE(stored.value(b->id).first, b->title);
            QCOMPARE(stored.value(b->id).second, *b->pages);
            QVERIFY(!seen.contains(b->id));
            seen.insert(b->id);
        }
    }

private Q_SLOTS:
    void initTestCase_data()
    {
        QTest::addColumn<QString>("dialectName");
        QTest::newRow("postgresql") << s("postgresql");
    }

    void init()
    {
        STRATA_REQUIRE_PG(url);
        Q_UNUSED(url);
    }

    void contiguousKeysNeedNoReadBack()
    {
        OPEN_DB(d);
        Session session(d.db);
        auto author = session.add(Author{0, s("Bulk")});
        CHECK_OK(session.flush());
        const auto books = addBooks(session, author->id, 1500);
        Log log;
        session.setStatementObserver(log.observer());
        CHECK_OK(session.commit());
        QCOMPARE(log.matching(s("INSERT INTO \"books\"")).size(), 1);   // the first row, RETURNING its key
        QCOMPARE(log.matching(s("COPY \"books\"")).size(), 1);
        QCOMPARE(log.matching(s("SELECT currval(?)")).size(), 1);
        QCOMPARE(log.matching(s("SELECT \"id\" FROM")).size(), 0);   // no read-back
        QVERIFY(!log.sql.join(u'\n').contains(s("nextval")));
        for (size_t i = 1; i < books.size(); ++i)
            QCOMPARE(books[i]->id, books[0]->id + qint64(i));
        verifyKeys(d.db, books);
    }

    void keysReadBackPastOtherTransactionsRows()
    {
        // Increment 2, and committed rows of another transaction on the values skipped: the
        // range (first, last] holds both, and only this transaction's rows are ours.
        OPEN_DB(d);
        Session session(d.db);
        auto author = session.add(Author{0, s("Bulk")});
        CHECK_OK(session.commit());
        QVERIFY(run(d.db, s("ALTER TABLE books ALTER COLUMN id SET INCREMENT BY 2 RESTART WITH 1001")));
        for (int id : {1002, 1004, 1010, 1200})
            QVERIFY(run(d.db, s("INSERT INTO books (id, title, pages, published, author_id) "
                                "VALUES (%1, 'other %1', 100000 + %1, '2000-01-01', %2)").arg(id).arg(author->id)));
        const auto books = addBooks(session, author->id, 400);
        Log log;
        session.setStatementObserver(log.observer());
        CHECK_OK(session.commit());
        QCOMPARE(log.matching(s("COPY \"books\"")).size(), 1);
        QCOMPARE(log.matching(s("SELECT \"id\" FROM \"books\" WHERE")).size(), 1);   // read back
        QCOMPARE(books.front()->id, qint64(1001));
        QCOMPARE(books.back()->id, qint64(1001 + 2 * 399));
        verifyKeys(d.db, books);
        QSqlQuery count(d.db);
        QVERIFY(count.exec(s("SELECT count(*) FROM books")) && count.next());
        QCOMPARE(count.value(0).toInt(), 404);
    }

    void keysReadBackWhenATriggerDrawsFromTheSequence()
    {
        // Values drawn between the rows' own (what a concurrent session does): gaps of one.
        OPEN_DB(d);
        Session session(d.db);
        auto author = session.add(Author{0, s("Bulk")});
        CHECK_OK(session.commit());
        QVERIFY(run(d.db, s("CREATE FUNCTION draw() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                            "PERFORM nextval(pg_get_serial_sequence('books', 'id')); RETURN NEW; END $$")));
        QVERIFY(run(d.db, s("CREATE TRIGGER draw AFTER INSERT ON books FOR EACH ROW EXECUTE FUNCTION draw()")));
        const auto books = addBooks(session, author->id, 300);
        Log log;
        session.setStatementObserver(log.observer());
        CHECK_OK(session.commit());
        QCOMPARE(log.matching(s("SELECT \"id\" FROM \"books\" WHERE")).size(), 1);
        QCOMPARE(books[1]->id - books[0]->id, qint64(2));
        verifyKeys(d.db, books);
    }

    void keyDefaultFromAnotherSequenceIsReadRowByRow()
    {
        // The key's default draws from a sequence PostgreSQL does not report for the column:
        // currval() of the reported one would say nothing about these rows.
        OPEN_DB(d);
        Session session(d.db);
        auto author = session.add(Author{0, s("Bulk")});
        CHECK_OK(session.commit());
        QVERIFY(run(d.db, s("ALTER TABLE books ALTER COLUMN id DROP IDENTITY")));
        QVERIFY(run(d.db, s("CREATE SEQUENCE book_numbers START WITH 5000 INCREMENT BY 3")));
        QVERIFY(run(d.db, s("ALTER TABLE books ALTER COLUMN id SET DEFAULT nextval('book_numbers')")));
        const auto books = addBooks(session, author->id, 150);
        Log log;
        session.setStatementObserver(log.observer());
        CHECK_OK(session.commit());
        QCOMPARE(log.matching(s("COPY")).size(), 0);
        QCOMPARE(log.matching(s("INSERT INTO \"books\"")).size(), 150);
        QCOMPARE(books.front()->id, qint64(5000));
        verifyKeys(d.db, books);
    }

    void failedCopyWritesNothing()
    {
        // A row the server refuses in the middle of the COPY: the flush fails with the
        // server's reason, nothing is written, and the session goes on working.
        OPEN_DB(d);
        Session session(d.db);
        auto author = session.add(Author{0, s("Bulk")});
        CHECK_OK(session.commit());
        auto books = addBooks(session, author->id, 500);
        books[250]->authorId = author->id + 1000;   // no such author
        const Status failed = session.commit();
        QVERIFY(!failed.ok());
        QCOMPARE(failed.error().kind, ErrorKind::Constraint);
        QVERIFY2(failed.error().message.contains(s("foreign key")), qPrintable(failed.error().message));
        QVERIFY(!session.inTransaction());
        QSqlQuery count(d.db);
        QVERIFY(count.exec(s("SELECT count(*) FROM books")) && count.next());
        QCOMPARE(count.value(0).toInt(), 0);
        const auto again = addBooks(session, author->id, 200);
        CHECK_OK(session.commit());
        verifyKeys(d.db, again);
    }
};

STRATA_TEST_MAIN(TestSessionPgKeys)
#include "tst_sessionpgkeys.moc"
