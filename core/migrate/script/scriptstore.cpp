#include "scriptstore.h"

#include "base/quotedtext.h"

#include "alembicreader.h"
#include "revisionfileparser.h"
#include "revisionwriter.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>

namespace strata::migrate {

namespace {

QString displayPathFor(const ProjectConfig &config, const QString &path)
{
    if (path.startsWith(QLatin1Char(':')) || config.projectDir.isEmpty())
        return path;
    return QDir(config.projectDir).relativeFilePath(path);
}

} // namespace

Result<ScriptStore> ScriptStore::load(const ProjectConfig &config)
{
    const QDir dir(config.scriptDir);
    if (!dir.exists())
        return Error(ErrorKind::NotFound, QStringLiteral("The script directory %1 does not exist").arg(quotedInput(config.scriptDir)));
    const QStringList names = dir.entryList({config.alembic ? QStringLiteral("*.py") : QStringLiteral("*.sql")},
                                            QDir::Files, QDir::Name);
    QList<RevisionScript> scripts;
    QStringList problems;
    SourceLocation firstProblem;
    for (const QString &name : names) {
        const QString path = dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            problems.append(QStringLiteral("%1: %2").arg(path, file.errorString()));
            continue;
        }
        const QByteArray bytes = file.readAll();
        const QString text = QString::fromUtf8(bytes);
        const QString display = displayPathFor(config, path);
        Result<RevisionScript> script = config.alembic ? AlembicReader::parse(text, display)
                                                       : RevisionFileParser::parse(text, display);
        if (!script) {
            if (script.error().kind != ErrorKind::NotFound) {
                if (problems.isEmpty())
                    firstProblem = script.error().location;
                problems.append(script.error().message);
            }
            continue;
        }
        script->path = path;
        script->fingerprint = QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
        scripts.append(*script);
    }
    if (!problems.isEmpty()) {
        Error e(ErrorKind::Migration, problems.join(QLatin1Char('\n')));
        if (problems.size() == 1)
            e.location = firstProblem;
        return e;
    }
    return fromScripts(scripts);
}

Result<ScriptStore> ScriptStore::fromScripts(const QList<RevisionScript> &scripts)
{
    QList<RevisionNode> nodes;
    for (const RevisionScript &s : scripts)
        nodes.append(s.toNode());
    Result<RevisionGraph> graph = RevisionGraph::build(nodes);
    if (!graph)
        return graph.error();
    ScriptStore store;
    store.m_scripts = scripts;
    for (RevisionScript &s : store.m_scripts)
        if (s.fingerprint.isEmpty())
            s.fingerprint = QString::fromLatin1(
                QCryptographicHash::hash(RevisionWriter::render(s).toUtf8(), QCryptographicHash::Sha256).toHex());
    for (int i = 0; i < scripts.size(); ++i)
        store.m_index.insert(scripts[i].id, i);
    store.m_graph = *graph;
    return store;
}

const RevisionScript *ScriptStore::find(const QString &id) const
{
    const auto it = m_index.constFind(id);
    return it == m_index.constEnd() ? nullptr : &m_scripts[*it];
}

} // namespace strata::migrate
