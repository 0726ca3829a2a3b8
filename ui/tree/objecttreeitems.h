#pragma once

// Building the object tree's rows from catalog values: one function per level. Pure item
// construction on the GUI thread; no database access.

#include "catalog/catalogtypes.h"
#include "objecttreemodel.h"

#include <QStandardItem>

namespace strata::ui::treeitems {

using Row = QList<QStandardItem *>;

/// A row of two items (name, detail) with the node's roles set.
Row makeRow(NodeKind kind, const QString &text, const QString &detail, const QIcon &icon);

/// Folder rows (Tables, Views, …) with their object children, for one schema.
QList<Row> schemaContentRows(const catalog::SchemaObjects &objects, int connectionId);

/// Columns / Indexes / Foreign keys / Constraints / Triggers folders of one relation.
QList<Row> relationDetailRows(const catalog::TableDetail &detail, int connectionId);

/// One row per schema, each to be loaded on expand.
QList<Row> schemaRows(const QList<catalog::SchemaInfo> &schemas, int connectionId);

/// "12,345" / "1.2 M" style, or empty for an unknown estimate.
QString formatRowEstimate(qint64 rows);

} // namespace strata::ui::treeitems
