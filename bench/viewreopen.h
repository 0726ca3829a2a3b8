#pragma once

// strata-bench viewreopen: more grid tabs of one database, as before and as now.
//   before ("raw" column): every tab opens its own two connections and describes its table;
//   now ("strata" column): the tabs share one reader per database (connection::ReaderPool)
//   and open from the description the object tree read (catalog::DescriptionStore).
// Figures: the same table's grid opened a second time → rows painted; N tabs opened one
// after the other → rows painted (median of tabs 2..N); connections the N tabs hold
// (PostgreSQL: counted in pg_stat_activity; SQLite: the Connection objects the tabs made);
// describe reads of the N tabs. Offscreen, in a shown window.

#include <QStringList>

namespace strata::bench {

int runViewReopenBench(const QStringList &arguments);

} // namespace strata::bench
