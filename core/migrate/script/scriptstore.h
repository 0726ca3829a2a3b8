#pragma once

// ScriptStore: every revision of a project, read from a directory on disk or from a Qt
// resource path (":/migrations/versions"), validated as a whole: a malformed file,
// a duplicate id, an unknown parent or a cycle makes load() fail with every problem
// found (one "file:line: message" per line), so nothing ever runs on a broken project.
// Alembic projects (ProjectConfig::alembic) are read from versions/*.py.

#include "projectconfig.h"
#include "revisionscript.h"

#include "migrate/graph/revisiongraph.h"

#include <QHash>
#include <QList>

namespace strata::migrate {

class ScriptStore {
public:
    ScriptStore() = default;

    static Result<ScriptStore> load(const ProjectConfig &config);
    /// Builds a store from scripts already parsed (tests, generated projects); a script
    /// without a fingerprint gets the one of its rendered text.
    static Result<ScriptStore> fromScripts(const QList<RevisionScript> &scripts);

    const QList<RevisionScript> &scripts() const { return m_scripts; }
    /// nullptr when `id` is not a revision of this store.
    const RevisionScript *find(const QString &id) const;
    const RevisionGraph &graph() const { return m_graph; }

private:
    QList<RevisionScript> m_scripts;
    QHash<QString, int> m_index;
    RevisionGraph m_graph;
};

} // namespace strata::migrate
