#pragma once

// The type-erased description of one mapped table, built once per struct by Table<T>
// (table.h) and shared, immutable, by MetaData, Session and queries. Members are reached
// through accessors stored with each column, so everything after the declaration (DDL,
// the unit of work, the SQL compiler) is ordinary non-template code.

#include "dialect/columntype.h"

#include <QString>
#include <QStringList>
#include <QVariant>
#include <any>
#include <functional>
#include <memory>
#include <vector>

namespace strata::mapping {

using dialect::ColumnType;

/// A name in a declaration: a QString, or a UTF-8 literal (the project builds with
/// QT_NO_CAST_FROM_ASCII, and "books" reads better than QStringLiteral("books")).
struct Name {
    QString text;
    Name(const char *utf8) : text(QString::fromUtf8(utf8)) {}
    Name(QString s) : text(std::move(s)) {}
    Name(const QLatin1String &s) : text(s) {}
};

/// A list of names: {"a", "b"} or a QStringList.
struct Names {
    QStringList list;
    Names(std::initializer_list<Name> names) { for (const Name &n : names) list.append(n.text); }
    Names(QStringList l) : list(std::move(l)) {}
};

/// Column options, combined with |.
enum ColumnFlag : unsigned {
    NoFlags = 0,
    PrimaryKey = 1u << 0,
    AutoIncrement = 1u << 1,   ///< the server generates the key (identity / rowid alias)
    NotNull = 1u << 2,         ///< force NOT NULL on a std::optional member
    Nullable = 1u << 3,        ///< allow NULL on a non-optional member
    Unique = 1u << 4,
    EnumAsText = 1u << 5,      ///< store a Q_ENUM by key name instead of its number
};

enum class OnAction { NoAction, Restrict, Cascade, SetNull, SetDefault };
using OnDelete = OnAction;
using OnUpdate = OnAction;
QString onActionSql(OnAction action);

/// Cascades of a relationship (SQLAlchemy's cascade="save-update, delete, delete-orphan").
enum Cascade : unsigned {
    NoCascade = 0,
    SaveUpdate = 1u << 0,     ///< adding the owner adds the related objects
    Delete = 1u << 1,         ///< removing the owner removes its children
    DeleteOrphan = 1u << 2,   ///< a child taken out of the collection is deleted
    AllCascades = SaveUpdate | Delete | DeleteOrphan,
};

/// One value as the driver hands it over, before any QVariant: the session's native read
/// paths (sqlite3_column_*, PQgetvalue) give it to ColumnDef::writeCell.
struct Cell {
    enum class Kind { Null, Integer, Real, Text, Blob };
    Kind kind = Kind::Null;
    qint64 integer = 0;
    double real = 0;
    const char *data = nullptr;   ///< UTF-8 text or bytes, valid only during the call
    qsizetype size = 0;
    /// The QVariant the QtSql path would have given (empty text as a non-null empty QString).
    QVariant toVariant() const;
};

struct ColumnDef {
    QString name;
    ColumnType type = ColumnType::Text;
    bool nullable = false;
    bool primaryKey = false;
    bool autoIncrement = false;
    bool unique = false;
    QString serverDefault;                              ///< SQL expression, written as given
    std::any member;                                    ///< the pointer to member, for lookups
    std::function<QVariant(const void *)> read;         ///< object -> canonical value (null = NULL)
    std::function<void(void *, const QVariant &)> write;   ///< value read from the database -> object
    /// A value of the member's (non-optional) type -> canonical value, for query parameters.
    std::function<QVariant(const void *)> encodeValue;
    /// A database value -> a variable of the member's own type (for column tuples).
    std::function<void(void *, const QVariant &)> decodeValue;
    /// Like write(), straight from a driver value: numbers, text and blobs reach members of
    /// those types without a QVariant; anything else goes through write()'s conversion.
    std::function<void(void *, const Cell &)> writeCell;
    /// Whether two objects hold the same canonical value in this column (dirty tracking).
    std::function<bool(const void *, const void *)> same;
    /// Integer members only (else empty): the value, false when an optional is empty.
    /// The identity map keys single-integer-key rows by it instead of by text.
    std::function<bool(const void *, qint64 *)> readInteger;
};

struct ForeignKeyDef {
    QString name;
    QStringList columns;
    QString referencedTable;
    QStringList referencedColumns;
    OnAction onDelete = OnAction::NoAction;
    OnAction onUpdate = OnAction::NoAction;
};

struct IndexDef {
    QString name;
    QStringList columns;
    bool unique = false;
};

struct CheckDef {
    QString name;
    QString expression;
};

struct TableDef;
using TableDefGetter = const TableDef &(*)();

struct RelationDef {
    enum class Kind { ManyToOne, OneToMany };
    QString name;
    Kind kind = Kind::ManyToOne;
    TableDefGetter target = nullptr;   ///< resolved lazily: mappings may refer to each other
    /// Columns of the child table (the one holding the foreign key), resolved on first use.
    std::function<QStringList()> foreignKeyColumns;
    unsigned cascade = SaveUpdate;
    std::any member;
    /// ManyToOne: the related object (or null). OneToMany: the collection.
    std::function<std::shared_ptr<void>(const void *)> getOne;
    std::function<void(void *, std::shared_ptr<void>)> setOne;
    std::function<std::vector<std::shared_ptr<void>>(const void *)> getMany;
    std::function<void(void *, const std::vector<std::shared_ptr<void>> &)> setMany;
};

struct TableDef {
    QString schema;
    QString name;
    std::vector<ColumnDef> columns;
    std::vector<ForeignKeyDef> foreignKeys;
    std::vector<IndexDef> indexes;
    std::vector<CheckDef> checks;
    std::vector<QStringList> uniqueConstraints;
    std::vector<RelationDef> relations;
    QStringList keyOrder;                            ///< composite key order, when declared
    QList<int> keyIndexes;                           ///< primaryKeyIndexes(), filled by Table<T>::def()
    std::function<std::shared_ptr<void>()> create;   ///< a default-constructed object
    std::function<std::shared_ptr<void>(const void *)> clone;   ///< a copy (the session's snapshots)
    std::function<void(void *, const void *)> assign;          ///< *target = *source
    /// A default-constructed object and, in the same allocation, storage for its snapshot
    /// (reads: one allocation per row instead of two; the storage lives as long as the object).
    std::function<std::shared_ptr<void>(std::shared_ptr<void> *snapshot)> createWithSnapshot;

    const ColumnDef *column(const QString &columnName) const;
    int columnIndex(const QString &columnName) const;
    /// Primary key columns, in key order (declaration order unless primaryKey() said).
    QStringList primaryKey() const;
    QList<int> primaryKeyIndexes() const;
    /// Names of the tables this one references (excluding itself).
    QStringList referencedTables() const;

    template <typename M, typename C>
    const ColumnDef *columnFor(M C::*member) const
    {
        for (const ColumnDef &c : columns) {
            if (const auto *p = std::any_cast<M C::*>(&c.member); p && *p == member)
                return &c;
        }
        return nullptr;
    }
    template <typename M, typename C>
    const RelationDef *relationFor(M C::*member) const
    {
        for (const RelationDef &r : relations) {
            if (const auto *p = std::any_cast<M C::*>(&r.member); p && *p == member)
                return &r;
        }
        return nullptr;
    }
};

} // namespace strata::mapping
