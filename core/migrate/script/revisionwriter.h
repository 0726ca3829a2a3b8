#pragma once

// RevisionWriter: new revision files. Ids are 12 lowercase hex characters (as Alembic's
// uuid4().hex[-12:]); file names follow the project's file_template with Alembic's
// tokens (%(rev)s, %(slug)s, %(year)d, %(month).2d, %(day).2d, %(hour).2d,
// %(minute).2d, %(second).2d, %(epoch)s) and Alembic's slug of the message.

#include "projectconfig.h"
#include "revisionscript.h"

#include <QDateTime>

namespace strata::migrate {

class RevisionWriter {
public:
    static QString generateId();
    /// Alembic's slug: the \w+ words of the message joined by '_', lower case, cut to
    /// `truncateLength` at a word boundary with a trailing '_'.
    static QString slug(const QString &message, int truncateLength = 40);
    /// File name (with ".sql") from a Python %-style template.
    static QString fileName(const QString &fileTemplate, const QString &id, const QString &slug, const QDateTime &created);
    /// The file text of `script` (header, empty or given sections).
    static QString render(const RevisionScript &script);
    /// Parses render(script) back and compares it with `script`: a file Strata writes reads
    /// back as exactly what it was written from (header values, sections and their SQL), so
    /// no name or message inside it can end a comment or form a section marker unnoticed. A
    /// difference is an error naming the first thing that changed.
    static Status checkReadsBack(const RevisionScript &script);
    /// Writes `script` into config.scriptDir (after checkReadsBack); fails if the file exists. Returns the script
    /// with its path set.
    static Result<RevisionScript> write(const ProjectConfig &config, RevisionScript script, const QDateTime &created);
};

} // namespace strata::migrate
