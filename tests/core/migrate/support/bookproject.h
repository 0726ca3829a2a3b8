#pragma once

// The books tutorial project used by the runner, engine and CLI tests:
//   1975ea83b712 create books
//   ae1027a6acf0 add price
//   27c6a30d7c24 add authors with a foreign key (SQLite downgrade rebuilds books)
//   4a5b6c7d8e9f rename title -> book_title
//   5b6c7d8e9f0a add an index              (branch point)
//   6a00000000a1 create reviews (label reviews) -> 6a00000000a2 add rating
//   6b00000000b1 create sales (label sales)
//   7c0000000000 merge 6a00000000a2, 6b00000000b1

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QStringList>

namespace strata::test::books {

inline QString s(const char *text) { return QString::fromUtf8(text); }

inline void writeFile(const QString &path, const QString &text)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        qFatal("cannot write %s", qPrintable(path));
    f.write(text.toUtf8());
}

inline QString revision(const QString &id, const QString &down, const QString &message, const QString &body,
                        const QString &extraHeader = {})
{
    return QStringLiteral("-- revision: %1\n-- down_revision: %2\n-- message: %3\n%4-- created: 2026-11-21 10:00:00\n\n%5\n")
        .arg(id, down, message, extraHeader, body);
}

/// Writes strata.ini and versions/ into `dir`. Without `withMerge` the project has two heads.
inline void writeProject(const QString &dir, bool withMerge = true, const QString &iniExtra = {})
{
    writeFile(dir + s("/strata.ini"), s("[strata]\nscript_location = versions\n") + iniExtra);
    const QString v = dir + s("/versions/");
    writeFile(v + s("1975ea83b712_create_books.sql"),
              revision(s("1975ea83b712"), s("none"), s("create books table"),
                       s("-- +upgrade\nCREATE TABLE books (\n    id INTEGER PRIMARY KEY,\n    title VARCHAR(200) NOT NULL\n);\n\n"
                         "-- +downgrade\nDROP TABLE books;")));
    writeFile(v + s("ae1027a6acf0_add_price.sql"),
              revision(s("ae1027a6acf0"), s("1975ea83b712"), s("add a price column"),
                       s("-- +upgrade\nALTER TABLE books ADD COLUMN price NUMERIC(10, 2);\n\n"
                         "-- +downgrade\nALTER TABLE books DROP COLUMN price;")));
    writeFile(v + s("27c6a30d7c24_add_authors.sql"),
              revision(s("27c6a30d7c24"), s("ae1027a6acf0"), s("add authors"),
                       s("-- +upgrade\nCREATE TABLE authors (\n    id INTEGER PRIMARY KEY,\n    name VARCHAR(100) NOT NULL\n);\n"
                         "ALTER TABLE books ADD COLUMN author_id INTEGER REFERENCES authors (id);\n\n"
                         "-- +downgrade postgresql\nALTER TABLE books DROP COLUMN author_id;\nDROP TABLE authors;\n\n"
                         "-- +downgrade sqlite\n-- SQLite cannot drop a column used by a foreign key: rebuild the table\n"
                         "CREATE TABLE books_new (\n    id INTEGER PRIMARY KEY,\n    title VARCHAR(200) NOT NULL,\n    price NUMERIC(10, 2)\n);\n"
                         "INSERT INTO books_new (id, title, price) SELECT id, title, price FROM books;\n"
                         "DROP TABLE books;\nALTER TABLE books_new RENAME TO books;\nDROP TABLE authors;")));
    writeFile(v + s("4a5b6c7d8e9f_rename_title.sql"),
              revision(s("4a5b6c7d8e9f"), s("27c6a30d7c24"), s("rename title to book_title"),
                       s("-- +upgrade\nALTER TABLE books RENAME COLUMN title TO book_title;\n\n"
                         "-- +downgrade\nALTER TABLE books RENAME COLUMN book_title TO title;")));
    writeFile(v + s("5b6c7d8e9f0a_add_index.sql"),
              revision(s("5b6c7d8e9f0a"), s("4a5b6c7d8e9f"), s("add an index on book_title"),
                       s("-- +upgrade\nCREATE INDEX ix_books_book_title ON books (book_title);\n\n"
                         "-- +downgrade\nDROP INDEX ix_books_book_title;")));
    writeFile(v + s("6a00000000a1_create_reviews.sql"),
              revision(s("6a00000000a1"), s("5b6c7d8e9f0a"), s("create reviews"),
                       s("-- +upgrade\nCREATE TABLE reviews (\n    id INTEGER PRIMARY KEY,\n    book_id INTEGER NOT NULL REFERENCES books (id),\n"
                         "    body TEXT\n);\n\n-- +downgrade\nDROP TABLE reviews;"),
                       s("-- branch_labels: reviews\n")));
    writeFile(v + s("6a00000000a2_add_rating.sql"),
              revision(s("6a00000000a2"), s("6a00000000a1"), s("add rating to reviews"),
                       s("-- +upgrade\nALTER TABLE reviews ADD COLUMN rating INTEGER;\n\n"
                         "-- +downgrade\nALTER TABLE reviews DROP COLUMN rating;")));
    writeFile(v + s("6b00000000b1_create_sales.sql"),
              revision(s("6b00000000b1"), s("5b6c7d8e9f0a"), s("create sales"),
                       s("-- +upgrade\nCREATE TABLE sales (\n    id INTEGER PRIMARY KEY,\n    book_id INTEGER REFERENCES books (id),\n"
                         "    amount NUMERIC(10, 2)\n);\n\n-- +downgrade\nDROP TABLE sales;"),
                       s("-- branch_labels: sales\n")));
    if (withMerge)
        writeFile(v + s("7c0000000000_merge.sql"),
                  revision(s("7c0000000000"), s("6a00000000a2, 6b00000000b1"), s("merge reviews and sales"),
                           s("-- +upgrade\n\n-- +downgrade\n")));
}

/// A description of the user schema (tables, columns, indexes), comparable across runs.
inline QStringList schemaOf(QSqlDatabase &db, bool withVersionTables = true)
{
    QStringList out;
    QSqlQuery q(db);
    if (db.driverName() == s("QPSQL")) {
        q.exec(s("SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable "
                 "FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position"));
        while (q.next())
            out.append(q.value(0).toString());
        q.exec(s("SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY indexname"));
        while (q.next())
            out.append(q.value(0).toString());
        q.exec(s("SELECT conrelid::regclass || ' ' || pg_get_constraintdef(oid) FROM pg_constraint "
                 "WHERE connamespace = 'public'::regnamespace ORDER BY 1"));
        while (q.next())
            out.append(q.value(0).toString());
    } else {
        q.exec(s("SELECT type || ' ' || name || ': ' || coalesce(sql, '') FROM sqlite_master "
                 "WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name"));
        while (q.next())
            out.append(q.value(0).toString().simplified());
    }
    if (!withVersionTables)
        out = out.filter(QRegularExpression(s("^(?!.*strata_version)")));
    return out;
}

inline QStringList versionRows(QSqlDatabase &db, const QString &table = s("strata_version"))
{
    QStringList out;
    QSqlQuery q(db);
    if (!q.exec(s("SELECT version_num FROM %1 ORDER BY version_num").arg(table)))
        return {s("<no table>")};
    while (q.next())
        out.append(q.value(0).toString());
    return out;
}

} // namespace strata::test::books
