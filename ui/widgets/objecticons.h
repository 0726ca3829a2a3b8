#pragma once

// Icons for the kinds of database objects, painted in code so they are crisp at any
// scale and need no image plugin: a rounded badge in a colour per kind with a short glyph.

#include <QIcon>

namespace strata::ui {

enum class ObjectIcon {
    SqliteConnection, PostgresConnection, Schema, Folder, Table, View, MaterializedView,
    PartitionedTable, ForeignTable, Sequence, Function, Procedure, Column, KeyColumn,
    Index, ForeignKey, Constraint, Trigger, Error,
};

QIcon objectIcon(ObjectIcon kind);

} // namespace strata::ui
