#pragma once

// RevisionFileParser: reads the text of one `.sql` revision file into a RevisionScript.
// Every malformed case is an Error (kind Syntax) whose message starts with "file:line:":
// a missing or duplicate header key, an unknown header key, an invalid or too long id,
// a bad `transactional` value, SQL before the first section, an unknown or duplicated
// section, and a file without an upgrade section. Graph-level problems (unknown parent,
// duplicate id across files, cycles) are found when the graph is built.

#include "revisionscript.h"

namespace strata::migrate {

class RevisionFileParser {
public:
    static Result<RevisionScript> parse(const QString &text, const QString &displayPath);
};

} // namespace strata::migrate
