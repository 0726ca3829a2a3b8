#pragma once

// DDL rendered by the dialect. Callers describe a table, a column, a constraint, a foreign
// key or an index; these functions write it, with the rules that differ per database kept
// here: where an index's schema goes (SQLite: on the index name; PostgreSQL: on the table),
// SQLite's REFERENCES without a schema, STORED generated columns and identities on
// PostgreSQL, WITHOUT ROWID on SQLite. Used by mapping's createAll, migrate/ops (autogenerate
// and table rebuilds), catalog's reconstructed PostgreSQL DDL, CSV import's new table and
// the version tables. Exact output per dialect: tests/core/dialect/tst_ddl.cpp.

#include "dialect.h"

namespace strata::dialect::ddl {

/// How a CREATE TABLE lays out its elements.
enum class Layout {
    OneLine,    ///< CREATE TABLE t (a INTEGER, b TEXT)
    Indented,   ///< one element a line, four spaces in: scripts people read
};

struct Column {
    QString name;
    QString type;                  ///< as written; empty: none (SQLite allows it)
    QString collation;
    QString identity;              ///< "ALWAYS" / "BY DEFAULT": an identity column (PostgreSQL only)
    QString generatedExpression;   ///< GENERATED ALWAYS AS (...), STORED on PostgreSQL
    QString defaultExpression;     ///< written as given after DEFAULT
    bool notNull = false;
    bool primaryKey = false;       ///< a key on this column alone, written on it
    QString primaryKeyName;
    bool autoincrement = false;    ///< SQLite's PRIMARY KEY AUTOINCREMENT
    QStringList clauses;           ///< more clauses written last (inline CHECKs)
};

struct Constraint {
    enum class Kind { PrimaryKey, Unique, Check, Written };
    Kind kind = Kind::Check;
    QString name;                  ///< empty: unnamed
    QStringList columns;           ///< PrimaryKey, Unique
    QString expression;            ///< Check: the condition; Written: the whole clause after the name
};

struct ForeignKey {
    QString name;
    QStringList columns;
    QString referencedSchema;      ///< PostgreSQL; SQLite's REFERENCES takes no schema
    QString referencedTable;
    QStringList referencedColumns; ///< empty: the parent's primary key
    QString onDelete;              ///< "CASCADE", "SET NULL", ...; empty or NO ACTION: not written
    QString onUpdate;
};

struct Table {
    QString schema;                ///< empty: unqualified
    QString name;
    QStringList elements;          ///< rendered columns and table constraints, in order
    bool ifNotExists = false;
    Layout layout = Layout::OneLine;
    bool withoutRowid = false;     ///< SQLite's WITHOUT ROWID
};

struct Index {
    QString schema;                ///< the table's schema; empty: unqualified
    QString table;
    QString name;
    QStringList parts;             ///< rendered: quoted columns or parenthesised expressions
    bool unique = false;
    bool ifNotExists = false;
    QString method;                ///< PostgreSQL access method; empty or btree: not written
    QString predicate;             ///< partial index condition, without WHERE
};

/// "a", "b" quoted and joined with ", ".
QString quotedList(const Dialect &d, const QStringList &names, QuotePolicy policy = QuotePolicy::Always);
/// `CONSTRAINT "name" ` (with the trailing space), or nothing for an unnamed constraint.
QString constraintName(const Dialect &d, const QString &name, QuotePolicy policy = QuotePolicy::Always);
QString column(const Dialect &d, const Column &column, QuotePolicy policy = QuotePolicy::Always);
/// `names` quotes the constraint's name, `columns` its column list.
QString constraint(const Dialect &d, const Constraint &constraint, QuotePolicy names = QuotePolicy::Always,
                   QuotePolicy columns = QuotePolicy::Always);
QString foreignKey(const Dialect &d, const ForeignKey &key);
/// The parenthesised element list: "(a, b)" or "(\n    a,\n    b\n)"; "()" when empty.
QString elementBlock(const QStringList &elements, Layout layout);
QString createTable(const Dialect &d, const Table &table);
QString createIndex(const Dialect &d, const Index &index);
QString dropTable(const Dialect &d, const QString &schema, const QString &name, bool ifExists);

} // namespace strata::dialect::ddl
