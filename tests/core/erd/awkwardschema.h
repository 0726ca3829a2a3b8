#pragma once

// The awkward schema both dialects' diagram tests read: a self reference, a composite foreign
// key, a one-to-one key, quoted names with quotes, spaces and a non-ASCII character, and (on
// PostgreSQL) the same table name in two schemas with a key across them.

#include "erd/diagramtypes.h"

#include <QStringList>

namespace strata::test {

using namespace Qt::StringLiterals;

inline const QString kOdd = u"Odd \"Name\" \u2615"_s;
inline const QString kOtherSchema = u"Other \"Schema\""_s;

inline QStringList awkwardSqlite()
{
    return {
        u"CREATE TABLE \"Odd \"\"Name\"\" \u2615\" (id INTEGER PRIMARY KEY, \"Wert \u2615\" TEXT UNIQUE)"_s,
        u"CREATE TABLE employees (id INTEGER PRIMARY KEY, manager_id INTEGER REFERENCES employees (id), name TEXT NOT NULL)"_s,
        u"CREATE TABLE orders (region TEXT NOT NULL, num INTEGER NOT NULL, note TEXT, PRIMARY KEY (region, num))"_s,
        u"CREATE TABLE order_lines (id INTEGER PRIMARY KEY, region TEXT NOT NULL, num INTEGER NOT NULL,"
        " odd_id INTEGER REFERENCES \"Odd \"\"Name\"\" \u2615\" (id), FOREIGN KEY (region, num) REFERENCES orders (region, num))"_s,
        u"CREATE TABLE passports (person_id INTEGER NOT NULL UNIQUE REFERENCES employees, number TEXT)"_s,   // the parent's key implied
        u"CREATE VIEW staff AS SELECT name FROM employees"_s,
    };
}

inline QStringList awkwardPostgres()
{
    return {
        u"CREATE SCHEMA app"_s,
        u"CREATE SCHEMA \"Other \"\"Schema\"\"\""_s,
        u"CREATE TABLE app.employees (id int PRIMARY KEY, manager_id int REFERENCES app.employees (id), name text NOT NULL)"_s,
        u"CREATE TABLE \"Other \"\"Schema\"\"\".employees (id int PRIMARY KEY, badge text UNIQUE)"_s,
        u"CREATE TABLE app.\"Odd \"\"Name\"\" \u2615\" (id int PRIMARY KEY, \"Wert \u2615\" text UNIQUE,"
        " emp int REFERENCES \"Other \"\"Schema\"\"\".employees (id))"_s,
        u"CREATE TABLE app.orders (region text, num int, note text, PRIMARY KEY (region, num))"_s,
        u"CREATE TABLE app.order_lines (id int PRIMARY KEY, region text NOT NULL, num int NOT NULL,"
        " odd_id int REFERENCES app.\"Odd \"\"Name\"\" \u2615\" (id), FOREIGN KEY (region, num) REFERENCES app.orders)"_s,
        u"CREATE TABLE app.passports (person_id int NOT NULL UNIQUE REFERENCES app.employees (id), number text)"_s,
        u"CREATE VIEW app.staff AS SELECT name FROM app.employees"_s,
    };
}

inline const erd::DiagramEdge *findEdge(const erd::Diagram &d, const erd::TableKey &from, const erd::TableKey &to)
{
    for (const erd::DiagramEdge &e : d.edges)
        if (e.from == from && e.to == to)
            return &e;
    return nullptr;
}

inline const erd::DiagramColumn *findColumn(const erd::Diagram &d, const erd::TableKey &table, const QString &column)
{
    const erd::DiagramTable *t = d.table(table);
    if (!t)
        return nullptr;
    for (const erd::DiagramColumn &c : t->columns)
        if (c.name == column)
            return &c;
    return nullptr;
}

} // namespace strata::test
