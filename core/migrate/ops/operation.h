#pragma once

// Schema operations as plain values (Alembic's op.create_table, op.add_column, ...). Each one
// carries what its reverse needs: a drop holds the before-image of what it drops, an alter
// holds the column before and after, so reverse() never has to read the database.
// Operations name objects exactly as the database stores them (never quoted); a dialect's
// compiler (operationcompiler.h) turns them into SQL. Autogenerate (../autogen) produces
// them from a comparison; the table designer produces them from its form.

#include "catalog/catalogtypes.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <variant>

namespace strata::migrate::ops {

/// A PostgreSQL enum type (CREATE TYPE ... AS ENUM); SQLite has none.
struct EnumTypeInfo {
    QString schema;
    QString name;
    QStringList labels;          ///< in sort order
    bool operator==(const EnumTypeInfo &) const = default;
};

/// Columns, primary key (ColumnInfo::primaryKeyPosition), unique and check constraints,
/// foreign keys, indexes and triggers of `table`; relation.kind must be Table.
struct CreateTable { catalog::TableDetail table; };
/// `table` is the before-image, so the reverse recreates it with its indexes and triggers.
struct DropTable { catalog::TableDetail table; };
struct RenameTable { QString schema; QString from; QString to; };

struct AddColumn { QString schema; QString table; catalog::ColumnInfo column; };
struct DropColumn { QString schema; QString table; catalog::ColumnInfo column; };
/// Type, nullability and/or default change; `from` and `to` have the same name (renames
/// are RenameColumn).
struct AlterColumn { QString schema; QString table; catalog::ColumnInfo from; catalog::ColumnInfo to; };
struct RenameColumn { QString schema; QString table; QString from; QString to; };

struct CreateIndex { QString schema; QString table; catalog::IndexInfo index; };
struct DropIndex { QString schema; QString table; catalog::IndexInfo index; };

/// Unique and check constraints (ConstraintKind::Unique / Check).
struct AddConstraint { QString schema; QString table; catalog::ConstraintInfo constraint; };
struct DropConstraint { QString schema; QString table; catalog::ConstraintInfo constraint; };

struct AddForeignKey { QString schema; QString table; catalog::ForeignKeyInfo foreignKey; };
struct DropForeignKey { QString schema; QString table; catalog::ForeignKeyInfo foreignKey; };

/// `definition` is the SELECT text (TableDetail::viewDefinition).
struct CreateView { QString schema; QString name; QString definition; bool materialized = false; };
struct DropView { QString schema; QString name; QString definition; bool materialized = false; };

/// PostgreSQL standalone sequences (not those owned by serial/identity columns).
struct CreateSequence { catalog::SequenceInfo sequence; qint64 start = 1; qint64 increment = 1; };
struct DropSequence { catalog::SequenceInfo sequence; qint64 start = 1; qint64 increment = 1; };

struct CreateEnum { EnumTypeInfo type; };
struct DropEnum { EnumTypeInfo type; };

/// Hand-written SQL; `dialect` empty for every dialect, else "sqlite" / "postgresql".
/// Its reverse swaps upgrade and downgrade.
struct RawSql { QString upgrade; QString downgrade; QString dialect; };

using Operation = std::variant<CreateTable, DropTable, RenameTable,
                               AddColumn, DropColumn, AlterColumn, RenameColumn,
                               CreateIndex, DropIndex,
                               AddConstraint, DropConstraint,
                               AddForeignKey, DropForeignKey,
                               CreateView, DropView,
                               CreateSequence, DropSequence,
                               CreateEnum, DropEnum,
                               RawSql>;

/// The operation that undoes `op` (drop <-> create, rename back, alter back).
Operation reverse(const Operation &op);
/// The downgrade of a list: each operation reversed, last first.
QList<Operation> reverse(const QList<Operation> &ops);

/// One line for people and revision comments: "add column books.price".
QString describe(const Operation &op);

/// What a person should check before running `op`, as revision-file comments without the
/// leading "--": a type change that may fail on existing rows, NOT NULL on a column that
/// may hold NULLs, a rename proposed by autogenerate, a drop that loses data. Empty when
/// the operation is safe.
QStringList reviewNotes(const Operation &op);

/// Whether `op` throws stored data away: a dropped table (its rows) or column (its values).
/// Confirmations call these out before anything runs without a revision.
bool losesData(const Operation &op);

} // namespace strata::migrate::ops
