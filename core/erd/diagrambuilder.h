#pragma once

// Builds the diagram model from catalog details, and cuts a neighbourhood out of it.
// Pure functions on values: no database, any thread.

#include "diagramtypes.h"

namespace strata::erd {

/// Tables (and partitioned tables) of `details` with their columns and markers; one edge per
/// foreign key whose referenced table is among `details` (a key to a table outside the
/// diagram has no edge, its columns keep the FK marker). Views, materialized views and
/// partitions are left out. SQLite keys that name no referenced columns point at the
/// parent's primary key.
Diagram buildDiagram(const QList<catalog::TableDetail> &details);

/// The tables at most `hops` foreign-key steps from `center` (either direction), and the
/// edges among them. An unknown center gives an empty diagram.
Diagram neighbourhood(const Diagram &diagram, const TableKey &center, int hops);

/// Only the named tables and the edges among them.
Diagram subset(const Diagram &diagram, const QList<TableKey> &keys);

} // namespace strata::erd
