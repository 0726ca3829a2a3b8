// The books tutorial: create_all, add, query with filters / ordering / limit, update a
// price in a session scope, delete.  Usage: books URL

#include "../common.h"

#include "book.h"

using namespace strata;
using namespace strata::mapping;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QSqlDatabase db = example::open(app.arguments());
    if (!db.isOpen())
        return 2;

    MetaData metadata;
    metadata.add<Book>();
    EXAMPLE_CHECK(metadata.dropAll(db), "drop_all");
    EXAMPLE_CHECK(metadata.createAll(db), "create_all");

    Session session(db);
    session.add(Book{0, QStringLiteral("The C++ Programming Language"), 1368, QDate(2013, 5, 19), 59.99});
    session.add(Book{0, QStringLiteral("Effective Modern C++"), 334, QDate(2014, 11, 11), 39.99});
    session.add(Book{0, QStringLiteral("C++ Qt Design Patterns"), 656, QDate(2011, 9, 8), std::nullopt});
    session.add(Book{0, QStringLiteral("Database Internals"), 373, QDate(2019, 10, 1), 44.50});
    EXAMPLE_CHECK(session.commit(), "add");

    const auto thick = session.query<Book>()
                           .where(col(&Book::pages) > 500 && col(&Book::published).between(QDate(2010, 1, 1), QDate(2015, 1, 1)))
                           .orderBy(desc(&Book::pages))
                           .limit(2)
                           .all();
    EXAMPLE_CHECK(thick, "query");
    for (const auto &b : *thick)
        example::out() << b->title << " (" << *b->pages << " pages)\n";
    EXAMPLE_EXPECT(thick->size() == 2 && thick->front()->pages == 1368);

    const Status updated = sessionScope(session, [](Session &s) -> Status {
        const auto book = s.query<Book>().where(col(&Book::title).ilike(QStringLiteral("effective%"))).one();
        if (!book)
            return book.error();
        (*book)->price = 29.99;
        return {};
    });
    EXAMPLE_CHECK(updated, "update price");

    const auto cheap = session.query<Book>().where(col(&Book::price) < 30.0).one();
    EXAMPLE_CHECK(cheap, "query price");
    example::out() << "now " << (*cheap)->price.value_or(0) << ": " << (*cheap)->title << '\n';

    const auto unpriced = session.query<Book>().where(col(&Book::price).is_null()).first();
    EXAMPLE_CHECK(unpriced, "first");
    session.remove(*unpriced);
    EXAMPLE_CHECK(session.commit(), "delete");
    const auto left = session.query<Book>().count();
    EXAMPLE_CHECK(left, "count");
    example::out() << *left << " books left\n";
    EXAMPLE_EXPECT(*left == 3);
    return 0;
}
