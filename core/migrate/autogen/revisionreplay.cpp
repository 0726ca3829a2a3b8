#include "snapshotsources.h"

#include "migrate/script/scriptstore.h"

namespace strata::migrate::autogen {

Result<ops::SchemaSnapshot> snapshotFromRevisions(const ProjectConfig &config, dialect::DialectKind kind,
                                                  QSqlDatabase *server, const QString &schema)
{
    Result<ScriptStore> store = ScriptStore::load(config);
    if (!store)
        return store.error();
    const RevisionGraph &graph = store->graph();
    const QString dialectName = dialect::dialectFor(kind).name();
    QList<ScratchScript> scripts;
    // Bases first: each revision after everything it builds on (down revisions and depends_on).
    for (const QString &id : graph.sorted(graph.ancestors(graph.heads(), true), true)) {
        const RevisionScript *script = store->find(id);
        if (!script)
            return Error(ErrorKind::Internal, QStringLiteral("revision %1 is in the graph but not in the store").arg(id));
        if (script->python)
            return Error(ErrorKind::Unsupported, QStringLiteral("%1: Alembic revisions cannot be replayed").arg(script->displayPath));
        Result<RevisionSection> section = script->section(Direction::Upgrade, dialectName);
        if (!section)
            return section.error();
        scripts.append({script->displayPath.isEmpty() ? script->path : script->displayPath, section->sql});
    }
    return snapshotFromScripts(kind, server, scripts, schema, ScratchPlacement::ShadowSchema);
}

} // namespace strata::migrate::autogen
