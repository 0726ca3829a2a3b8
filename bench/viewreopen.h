#pragma once

// strata-bench view: opening more grid tabs of one database, as before (each tab opens its
// own reader and describes the table) and now (the reader shared per database, the table
// described by the catalog beforehand, as the object tree does when a table is expanded).

#include "connection/connectionstring.h"

namespace strata::bench {

struct ReopenFigures {
    double ownFirst = -1, ownSecond = -1;         // before: every tab with its own connections, describing
    double sharedFirst = -1, sharedSecond = -1;   // now: shared reader, the catalog's description
    int ownDescribes = -1, sharedDescribes = -1;  // describe reads of the second tab
};

/// Opens `books` in two tabs each way, in a shown window, and measures open → rows painted.
ReopenFigures measureReopen(const connection::ConnectionSpec &spec, const QString &schema);

} // namespace strata::bench
