#pragma once

// AlembicReader: reads an Alembic revision (versions/*.py) without a Python interpreter:
// the module-level assignments `revision`, `down_revision` (None, a string, or a tuple /
// list of strings for a merge), `branch_labels`, `depends_on` (with or without type
// annotations, over several lines when bracketed), and the docstring (first line = the
// message, "Create Date:" = created). A .py file without `revision =` (e.g. __init__.py)
// gives a NotFound error, which the store skips. The result is marked `python`: Strata
// shows it in current/heads/history but does not run it.

#include "revisionscript.h"

namespace strata::migrate {

class AlembicReader {
public:
    static Result<RevisionScript> parse(const QString &text, const QString &displayPath);
};

} // namespace strata::migrate
