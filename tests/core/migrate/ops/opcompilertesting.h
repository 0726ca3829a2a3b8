#pragma once

// Shared by the operation compiler tests: hand-built snapshots (a SQLite and a PostgreSQL
// books schema), column helpers, and `both()` compiling an operation and its reverse.

#include "migrate/ops/operationcompiler.h"
#include "support/testenvironment.h"

#include <QtTest>

using namespace strata;
using namespace strata::catalog;
using namespace strata::migrate::ops;
using dialect::DialectKind;

namespace opcompilertesting {


inline QString s(const char *text)
{
    return QString::fromUtf8(text);
}

inline ColumnInfo column(const char *name, const char *type, bool nullable = true, const char *def = "", int pk = 0)
{
    ColumnInfo c;
    c.name = s(name);
    c.dataType = s(type);
    c.nullable = nullable;
    c.defaultValue = s(def);
    c.primaryKeyPosition = pk;
    return c;
}

inline void number(TableDetail &t)
{
    for (int i = 0; i < t.columns.size(); ++i)
        t.columns[i].position = i + 1;
}

// authors(id, name) <- books(id, title, price, author_id ON DELETE CASCADE), an index and a
// trigger on books, a view reading books.
inline SchemaSnapshot sqliteBooks()
{
    SchemaSnapshot snap;
    snap.dialect = DialectKind::Sqlite;
    snap.schema = s("main");
    TableDetail authors;
    authors.relation = {s("main"), s("authors"), RelationKind::Table, -1, false, false, {}, {}, false};
    authors.columns = {column("id", "INTEGER", false, "", 1), column("name", "TEXT", false)};
    authors.columns[0].isIdentity = true;
    number(authors);
    TableDetail books;
    books.relation = {s("main"), s("books"), RelationKind::Table, -1, false, false, {}, {}, false};
    books.columns = {column("id", "INTEGER", false, "", 1), column("title", "TEXT", false), column("price", "REAL", true, "0"),
                     column("author_id", "INTEGER")};
    books.columns[0].isIdentity = true;
    number(books);
    books.constraints = {{{}, ConstraintKind::PrimaryKey, {s("id")}, s("PRIMARY KEY (id)")},
                         {{}, ConstraintKind::Check, {s("price")}, s("price >= 0")}};
    books.foreignKeys = {{{}, {s("author_id")}, s("main"), s("authors"), {s("id")}, s("CASCADE"), s("NO ACTION")}};
    IndexInfo title;
    title.name = s("books_title");
    title.columns = {s("title")};
    title.isExpression = {false};
    title.definition = s("CREATE INDEX books_title ON books(title)");
    books.indexes = {title};
    books.triggers = {{s("books_ai"), s("AFTER"), {s("INSERT")},
                       s("CREATE TRIGGER books_ai AFTER INSERT ON books BEGIN UPDATE books SET price = 0 WHERE price IS NULL; END")}};
    TableDetail cheap;
    cheap.relation = {s("main"), s("cheap_books"), RelationKind::View, -1, false, false, {}, {}, false};
    cheap.viewDefinition = s("SELECT id, title FROM books WHERE price < 10");
    snap.tables = {authors, books};
    snap.views = {cheap};
    return snap;
}

inline SchemaSnapshot pgBooks()
{
    SchemaSnapshot snap;
    snap.dialect = DialectKind::Postgres;
    snap.schema = s("public");
    TableDetail authors;
    authors.relation = {s("public"), s("authors"), RelationKind::Table, -1, false, false, {}, {}, false};
    authors.columns = {column("id", "integer", false, "", 1), column("name", "text", false)};
    authors.columns[0].isIdentity = true;
    authors.columns[0].identityGeneration = s("BY DEFAULT");
    number(authors);
    authors.constraints = {{s("authors_pkey"), ConstraintKind::PrimaryKey, {s("id")}, s("PRIMARY KEY (id)")}};
    TableDetail books;
    books.relation = {s("public"), s("books"), RelationKind::Table, -1, false, false, {}, s("every book"), false};
    books.columns = {column("id", "bigint", false, "nextval('books_id_seq'::regclass)", 1), column("title", "text", false),
                     column("price", "numeric(8,2)", true, "0"), column("author_id", "integer")};
    books.columns[0].isIdentity = true;
    books.columns[2].comment = s("in euros");
    number(books);
    books.constraints = {{s("books_pkey"), ConstraintKind::PrimaryKey, {s("id")}, s("PRIMARY KEY (id)")}};
    books.foreignKeys = {{s("books_author_id_fkey"), {s("author_id")}, s("public"), s("authors"), {s("id")},
                          s("CASCADE"), s("NO ACTION")}};
    snap.tables = {authors, books};
    return snap;
}

inline const dialect::Dialect &dialectOf(const SchemaSnapshot &snap)
{
    return dialect::dialectFor(snap.dialect);
}

// The statements of `op`, and of its reverse compiled against the schema after it.
struct Compiled {
    QStringList up;
    QStringList down;
};

inline Compiled both(const SchemaSnapshot &before, const Operation &op)
{
    SchemaSnapshot state = before;
    Result<QStringList> up = compile(dialectOf(before), {op}, state);
    if (!up) {
        qWarning("%s", qPrintable(up.error().message));
        return {};
    }
    Result<QStringList> down = compile(dialectOf(before), {reverse(op)}, state);
    if (!down) {
        qWarning("%s", qPrintable(down.error().message));
        return {*up, {}};
    }
    return {*up, *down};
}

inline Error failure(const SchemaSnapshot &before, const Operation &op)
{
    SchemaSnapshot state = before;
    Result<QStringList> r = compile(dialectOf(before), {op}, state);
    return r ? Error() : r.error();
}

inline TableDetail shelf(const char *schema, bool postgres)
{
    TableDetail t;
    t.relation = {s(schema), s("shelf"), RelationKind::Table, -1, false, false, {}, {}, false};
    t.columns = {column("room", postgres ? "text" : "TEXT", false, "", 1), column("slot", postgres ? "integer" : "INTEGER", false, "", 2),
                 column("label", postgres ? "text" : "TEXT"), column("weight", postgres ? "real" : "REAL", true, "1.5 * 2")};
    t.columns[2].collation = postgres ? s("C") : s("NOCASE");
    number(t);
    t.constraints = {{s("shelf_pk"), ConstraintKind::PrimaryKey, {s("room"), s("slot")}, {}},
                     {s("shelf_label_key"), ConstraintKind::Unique, {s("label")}, {}},
                     {s("shelf_check"), ConstraintKind::Check, {s("room"), s("slot")}, s("slot > 0 AND room <> ''")}};
    IndexInfo index;
    index.name = s("shelf_lower_label");
    index.columns = {s("lower(label)"), s("slot")};
    index.isExpression = {true, false};
    index.unique = true;
    index.predicate = s("label IS NOT NULL");
    t.indexes = {index};
    return t;
}

} // namespace opcompilertesting
