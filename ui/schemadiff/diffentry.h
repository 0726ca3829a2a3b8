#pragma once

// DiffEntry: how the schema diff tree shows one operation: the table (or view, sequence,
// type) it belongs to, the kind of object it touches, whether it adds, removes, changes or
// renames it, and a short label. Pure; the model and the DDL view read it.

#include "migrate/ops/operation.h"
#include "widgets/objecticons.h"

#include <QColor>

namespace strata::ui {

struct DiffEntry {
    enum class Change { Added, Removed, Changed, Renamed };
    QString owner;              ///< the table, view, sequence or type it belongs to (target-side name)
    QString previousOwner;      ///< the owner's current name when the operation renames it
    bool isOwnerItself = false; ///< creates, drops or renames the owner itself
    ObjectIcon icon = ObjectIcon::Table;
    Change change = Change::Changed;
    QString label;              ///< "column price (numeric)"
};

DiffEntry diffEntry(const migrate::ops::Operation &op);

/// Green for added, red for removed, orange for changed, blue for renamed.
QColor changeColor(DiffEntry::Change change);
/// "+", "−", "~", "→".
QString changeMark(DiffEntry::Change change);

} // namespace strata::ui
