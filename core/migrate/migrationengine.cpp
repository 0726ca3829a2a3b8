#include "migrationengine.h"

#include "migrate/runner/offlinerenderer.h"
#include "migrate/script/revisionwriter.h"

#include <QDir>
#include <QFile>

namespace strata::migrate {

bool CheckReport::atHead() const
{
    QStringList a = current, b = heads;
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    return a == b;
}

Result<MigrationEngine> MigrationEngine::open(const ProjectConfig &config)
{
    Result<ScriptStore> store = ScriptStore::load(config);
    if (!store)
        return store.error();
    MigrationEngine e;
    e.m_config = config;
    e.m_store = *store;
    return e;
}

Status MigrationEngine::init(const QString &directory)
{
    const QString ini = QDir(directory).filePath(QStringLiteral("strata.ini"));
    if (QFile::exists(ini))
        return Error(ErrorKind::Io, QStringLiteral("%1 already exists").arg(ini));
    if (!QDir().mkpath(QDir(directory).filePath(QStringLiteral("versions"))))
        return Error(ErrorKind::Io, QStringLiteral("Cannot create %1/versions").arg(directory));
    QFile f(ini);
    if (!f.open(QIODevice::WriteOnly | QIODevice::NewOnly))
        return Error(ErrorKind::Io, QStringLiteral("%1: %2").arg(ini, f.errorString()));
    f.write("# Strata migrations project (strata-migrate, Strata's migration panel).\n"
            "[strata]\n"
            "# where the revision files live, relative to this file\n"
            "script_location = versions\n"
            "# the table that records the current revision(s); alembic_version works with Alembic\n"
            "version_table = strata_version\n"
            "# PostgreSQL schema of the version table (empty: the search path)\n"
            "# version_table_schema =\n"
            "# database URL; --url, STRATA_DATABASE_URL and DATABASE_URL take precedence\n"
            "# url = sqlite:///app.db\n"
            "# commit each revision on its own instead of one transaction per command\n"
            "transaction_per_migration = false\n"
            "# revision file names (Alembic's tokens: rev, slug, year, month, day, hour, minute, second, epoch)\n"
            "file_template = %%(rev)s_%%(slug)s\n");
    return {};
}

VersionTableName MigrationEngine::versionTableName() const
{
    return VersionTableName{m_config.versionTableSchema, m_config.versionTable};
}

RevisionInfo MigrationEngine::info(const QString &id) const
{
    const RevisionGraph &g = graph();
    const RevisionScript *script = m_store.find(id);
    RevisionInfo i;
    i.id = id;
    i.downRevisions = g.node(id).downRevisions;
    i.dependsOn = g.node(id).dependsOn;
    i.branchLabels = g.branchLabels(id);
    i.nextRevisions = g.children(id);
    i.message = g.node(id).message;
    i.path = script ? script->path : QString();
    i.longDoc = script ? script->longDoc() : i.message;
    i.isHead = g.isHead(id);
    i.isBranchPoint = g.isBranchPoint(id);
    i.isMergePoint = g.isMergePoint(id);
    return i;
}

QList<RevisionInfo> MigrationEngine::heads() const
{
    QList<RevisionInfo> out;
    for (const QString &h : graph().heads())
        out.append(info(h));
    return out;
}

QList<RevisionInfo> MigrationEngine::branchPoints() const
{
    QList<RevisionInfo> out;
    for (const QString &id : graph().historyOrder())
        if (graph().isBranchPoint(id))
            out.append(info(id));
    return out;
}

Result<QList<RevisionInfo>> MigrationEngine::history(const QString &range, const QStringList &currentHeads, bool indicateCurrent) const
{
    // As Alembic's command.history: "[start]:[end]", "current" for the database's rows, an
    // empty end for base / heads; a relative end ("A:+2") counts from the other end.
    QString lowerText, upperText;
    if (!range.isEmpty()) {
        const QStringList parts = range.trimmed().split(QLatin1Char(':'));
        if (parts.size() != 2)
            return Error(ErrorKind::Syntax, QStringLiteral("History range requires [start]:[end], [start]:, or :[end]"));
        lowerText = parts[0];
        upperText = parts[1];
    }
    auto end = [&](const QString &text, const char *fallback, bool current) {
        if (current && !currentHeads.isEmpty())
            return RangeEnd::revisions(currentHeads);
        return RangeEnd::symbol(text.isEmpty() || current ? QString::fromLatin1(fallback) : text);
    };
    const bool upperCurrent = upperText == u"current";
    const RangeEnd upper = end(upperText, "heads", upperCurrent);
    const RangeEnd lower = end(lowerText, "base", !upperCurrent && lowerText == u"current");
    Result<QStringList> ids = graph().historyRange(lower, upper);
    if (!ids)
        return ids.error();
    QList<RevisionInfo> out;
    for (const QString &id : std::as_const(*ids)) {
        RevisionInfo i = info(id);
        i.isCurrent = indicateCurrent && currentHeads.contains(id);
        out.append(i);
    }
    return out;
}

Result<QList<RevisionInfo>> MigrationEngine::show(const QString &revision, const QStringList &currentHeads) const
{
    Result<QStringList> ids = revision == u"current" ? Result<QStringList>(currentHeads) : graph().revisions(revision);
    if (!ids)
        return ids.error();
    QList<RevisionInfo> out;
    for (const QString &id : std::as_const(*ids))
        out.append(info(id));
    return out;
}

Result<QList<RevisionInfo>> MigrationEngine::current(const QStringList &currentHeads) const
{
    QList<RevisionInfo> out;
    for (const QString &h : currentHeads)
        if (!graph().contains(h))
            return Error(ErrorKind::Migration, QStringLiteral("Can't locate revision identified by '%1': the database names a "
                                                              "revision that is not in the script directory").arg(h));
    for (const QString &h : graph().currentTips(currentHeads))
        out.append(info(h));
    return out;
}

Result<RevisionScript> MigrationEngine::createRevision(const NewRevisionOptions &o, const QDateTime &created)
{
    if (m_config.alembic)
        return Error(ErrorKind::Unsupported, QStringLiteral("Alembic projects are read-only in Strata"));
    RevisionScript s;
    s.id = o.revId.isEmpty() ? RevisionWriter::generateId() : o.revId;
    if (graph().contains(s.id))
        return Error(ErrorKind::Migration, QStringLiteral("Revision %1 already exists").arg(s.id));
    s.message = o.message;
    s.branchLabels = o.branchLabels;
    if (o.head.isEmpty() || o.head == u"head") {
        if (graph().heads().size() > 1)
            return Error(ErrorKind::Migration, QStringLiteral("Multiple heads are present; please specify the head revision on which "
                                                              "the new revision should be based (--head), or perform a merge."));
        s.downRevisions = graph().heads();
    } else if (o.head != u"base") {
        Result<UpgradeTarget> head = graph().resolveUpgradeTarget(o.head, {});
        if (!head)
            return head.error();
        for (const QString &h : std::as_const(head->revisions))
            if (!graph().isHead(h) && !o.splice)
                return Error(ErrorKind::Migration, QStringLiteral("Revision %1 is not a head revision; please specify --splice to "
                                                                  "create a new branch from this revision").arg(h));
        s.downRevisions = head->revisions;
    }
    for (const QString &dep : o.dependsOn) {
        Result<QString> r = graph().resolveRevision(dep);
        if (!r)
            return r.error();
        s.dependsOn.append(*r);
    }
    for (const QString &label : o.branchLabels)
        if (graph().resolveRevision(label).ok() && !graph().contains(label) && graph().branchLabels(*graph().resolveRevision(label)).contains(label))
            return Error(ErrorKind::Migration, QStringLiteral("Branch label '%1' is already used").arg(label));
    Result<RevisionScript> written = RevisionWriter::write(m_config, s, created);
    if (!written)
        return written;
    Result<ScriptStore> reloaded = ScriptStore::load(m_config);
    if (reloaded)
        m_store = *reloaded;
    return written;
}

Result<RevisionScript> MigrationEngine::merge(const QStringList &revisions, const QString &message, const QStringList &branchLabels,
                                              const QString &revId, const QDateTime &created)
{
    QStringList parents;
    for (const QString &r : revisions) {
        Result<UpgradeTarget> t = graph().resolveUpgradeTarget(r, {});
        if (!t)
            return t.error();
        for (const QString &id : std::as_const(t->revisions))
            if (!parents.contains(id))
                parents.append(id);
    }
    if (parents.size() < 2)
        return Error(ErrorKind::Migration, QStringLiteral("A merge needs at least two revisions; %1 given").arg(parents.size()));
    if (m_config.alembic)
        return Error(ErrorKind::Unsupported, QStringLiteral("Alembic projects are read-only in Strata"));
    RevisionScript script;
    script.id = revId.isEmpty() ? RevisionWriter::generateId() : revId;
    if (graph().contains(script.id))
        return Error(ErrorKind::Migration, QStringLiteral("Revision %1 already exists").arg(script.id));
    script.message = message;
    script.branchLabels = branchLabels;
    script.downRevisions = parents;
    Result<RevisionScript> s = RevisionWriter::write(m_config, script, created);
    if (s) {
        Result<ScriptStore> reloaded = ScriptStore::load(m_config);
        if (reloaded)
            m_store = *reloaded;
    }
    return s;
}

MigrationRunner MigrationEngine::runner(const QSqlDatabase &db, RunnerOptions options) const
{
    options.versionTable = versionTableName();
    return MigrationRunner(db, m_config, std::move(options));
}

Result<QStringList> MigrationEngine::currentHeads(const QSqlDatabase &db) const
{
    Result<QStringList> heads = VersionTable(db, versionTableName()).heads();
    if (!heads)
        return heads;
    QSet<QString> known, unknown;
    for (const QString &h : std::as_const(*heads))
        (graph().contains(h) ? known : unknown).insert(h);
    QStringList out = graph().sorted(known);
    out += QStringList(unknown.cbegin(), unknown.cend());
    return out;
}

Result<CheckReport> MigrationEngine::check(const QSqlDatabase &db) const
{
    Result<QStringList> heads = currentHeads(db);
    if (!heads)
        return heads.error();
    return CheckReport{*heads, graph().heads()};
}

Result<VerifyReport> MigrationEngine::verify(const QSqlDatabase &db) const
{
    Result<QStringList> heads = currentHeads(db);
    if (!heads)
        return heads.error();
    Result<QList<HistoryRow>> rows = VersionTable(db, versionTableName()).history();
    if (!rows)
        return rows.error();
    const QString dialectName = db.driverName() == u"QPSQL" ? QStringLiteral("postgresql") : QStringLiteral("sqlite");
    return checkDrift(m_store, *heads, *rows, dialectName);
}

Result<QString> MigrationEngine::offlineSql(Direction direction, const QString &range, dialect::DialectKind kind,
                                            bool transactionPerMigration) const
{
    // As Alembic's upgrade/downgrade --sql: "START:TARGET" (split once more is an error); the
    // start is one revision ("base" for none), the database is not read.
    QString start, end = range;
    const QStringList parts = range.split(QLatin1Char(':'));
    if (parts.size() > 2)
        return Error(ErrorKind::Syntax, QStringLiteral("A range for --sql is START:TARGET; '%1' has more than one ':'").arg(range));
    const bool hasStart = parts.size() == 2;
    if (hasStart) {
        start = parts[0];
        end = parts[1];
    }
    if (direction == Direction::Downgrade && !hasStart)
        return Error(ErrorKind::Migration, QStringLiteral("Downgrade with --sql requires <fromrev>:<torev>"));
    QStringList startHeads;
    if (hasStart) {
        Result<QStringList> s = graph().offlineStartHeads(start);
        if (!s)
            return s.error();
        startHeads = *s;
    }
    return offlineSql(direction, startHeads, end, kind, transactionPerMigration);
}

Result<MigrationPlan> MigrationEngine::plan(Direction direction, const QStringList &startHeads, const QString &target) const
{
    if (direction == Direction::Upgrade) {
        Result<UpgradeTarget> t = graph().resolveUpgradeTarget(target, startHeads);
        if (!t)
            return t.error();
        return graph().planUpgrade(startHeads, *t);
    }
    Result<DowngradeTarget> t = graph().resolveDowngradeTarget(target, startHeads);
    if (!t)
        return t.error();
    return graph().planDowngrade(startHeads, *t);
}

Result<QString> MigrationEngine::offlineSql(Direction direction, const QStringList &startHeads, const QString &target,
                                            dialect::DialectKind kind, bool transactionPerMigration) const
{
    Result<MigrationPlan> p = plan(direction, startHeads, target);
    if (!p)
        return p.error();
    return OfflineRenderer::render(*p, m_store, dialect::dialectFor(kind), versionTableName(), transactionPerMigration);
}

} // namespace strata::migrate
