#pragma once

// The books tutorial's mapped struct, shared by the example and its migration runner
// (books-migrate).

#include "mapping/mapping.h"

struct Book {
    qint64 id = 0;
    QString title;
    std::optional<int> pages;
    QDate published;
    std::optional<double> price;
};

template <>
struct strata::mapping::Mapping<Book> {
    static auto table()
    {
        return Table<Book>("books")
            .column(&Book::id, "id", PrimaryKey | AutoIncrement)
            .column(&Book::title, "title", Unique)
            .column(&Book::pages, "pages")
            .column(&Book::published, "published")
            .column(&Book::price, "price")
            .check("positive_pages", "pages > 0");
    }
};
