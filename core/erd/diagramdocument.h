#pragma once

// A diagram as saved: what was drawn (tables, columns, foreign keys), where each box is,
// which boxes are pinned, the selection, and the view's choices (density, neighbourhood).
// The same JSON is the "export as JSON" file (small, diff-friendly, fit for a repository) and
// the per-connection-and-schema position store (DiagramDocument::storePath). It never holds
// a password: the connection is named by file path or user@host:port/database.

#include "base/result.h"
#include "connection/connectionprofile.h"
#include "diagramtypes.h"

#include <QByteArray>
#include <QPointF>

namespace strata::erd {

struct Placement {
    QPointF position;    ///< top-left corner, scene units
    bool pinned = false;
    bool operator==(const Placement &) const = default;
};

struct DiagramDocument {
    QString connection;          ///< connectionKey() of the profile
    QString schema;
    TableKey center;             ///< neighbourhood diagrams: the table in the middle
    int hops = -1;
    Density density = Density::Full;
    Diagram diagram;             ///< what was drawn when saved
    QHash<QString, Placement> placements;   ///< by TableKey::id()
    QList<TableKey> selection;

    QByteArray toJson() const;
    [[nodiscard]] static Result<DiagramDocument> fromJson(const QByteArray &json);

    /// Writes atomically (QSaveFile), creating the folder.
    [[nodiscard]] Status save(const QString &path) const;
    /// NotFound when there is no file.
    [[nodiscard]] static Result<DiagramDocument> load(const QString &path);

    /// "file:/abs/path.db" or "postgresql:user@host:port/database" — no password, ever.
    static QString connectionKey(const connection::ConnectionProfile &profile);
    /// Where positions for this connection, schema and scope ("" for the whole schema, or
    /// the center table's id) are remembered: AppDataLocation/diagrams/<hash>.json.
    static QString storePath(const QString &connectionKey, const QString &schema, const QString &scope = {});
};

} // namespace strata::erd
