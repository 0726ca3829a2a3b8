#pragma once

// Everything an application needs to map structs: declarations (table.h), MetaData,
// Session, queries. See core/mapping/README.md.

#include "expression.h"
#include "metadata.h"
#include "query.h"
#include "session.h"
#include "table.h"
