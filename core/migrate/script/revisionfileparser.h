#pragma once

// RevisionFileParser: reads the text of one `.sql` revision file into a RevisionScript.
// Every malformed case is an Error (kind Syntax) whose message starts with "file:line:"
// and whose `location` holds the same: a missing or duplicate header key, an unknown header
// key, an invalid or too long id, a bad `transactional` value, SQL before the first section,
// an unknown or duplicated section, a file without an upgrade section, a NUL character, and
// a string, quoted name, dollar quote or block comment that stays open over a section
// marker. Graph-level problems (unknown parent, duplicate id across files, cycles) are found
// when the graph is built.
//
// Lines end in \n, \r\n, or (in a file without any \n, saved with classic Mac line ends) \r.
// Inside a section, a line that lies in a construct opened on an earlier line is SQL even
// when it looks like a marker or a header (the section's dialect lexers decide). A known
// header key on a line of its own below the first section is SQL too: it is kept, with a
// RevisionWarning in RevisionScript::warnings.

#include "revisionscript.h"

namespace strata::migrate {

class RevisionFileParser {
public:
    static Result<RevisionScript> parse(const QString &text, const QString &displayPath);
};

} // namespace strata::migrate
