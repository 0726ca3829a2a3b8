#include "autogenerator.h"

#include "migrate/ops/operationcompiler.h"
#include "migrate/script/revisionwriter.h"
#include "migrate/script/scriptstore.h"

namespace strata::migrate::autogen {

namespace {

// Each operation compiled on its own, so its review notes stand right above its statements.
Result<QString> sectionText(const dialect::Dialect &dialect, const QList<ops::Operation> &operations, ops::SchemaSnapshot &state)
{
    QStringList lines;
    for (const ops::Operation &op : operations) {
        Result<QStringList> statements = ops::compile(dialect, {op}, state);
        if (!statements) {
            Error e = statements.error();
            e.message = QStringLiteral("%1 (%2): %3").arg(ops::describe(op), dialect.name(), e.message);
            return e;
        }
        if (statements->isEmpty()) {
            // Raw SQL of only comments (a change autogenerate cannot express) still shows.
            if (const auto *raw = std::get_if<ops::RawSql>(&op); raw && (raw->dialect.isEmpty() || raw->dialect == dialect.name()))
                if (!raw->upgrade.trimmed().isEmpty())
                    lines.append(raw->upgrade.trimmed());
            continue;
        }
        for (const QString &note : ops::reviewNotes(op))
            lines.append(ops::reviewComment(QStringLiteral("%1: %2").arg(ops::describe(op), note.trimmed())));
        for (const QString &statement : std::as_const(*statements)) {
            if (!statement.trimmed().isEmpty())
                lines.append(ops::terminated(statement));
        }
    }
    return lines.join(QLatin1Char('\n'));
}

// The operations of a comparison name one schema; each dialect's section names its own
// ("main" on SQLite, e.g. "public" on PostgreSQL).
ops::Operation inSchema(ops::Operation op, const QString &schema)
{
    const auto fixTable = [&schema](catalog::TableDetail &t) {
        for (catalog::ForeignKeyInfo &fk : t.foreignKeys)
            if (fk.referencedSchema == t.relation.schema)
                fk.referencedSchema = schema;
        t.relation.schema = schema;
    };
    std::visit([&](auto &o) {
        using T = std::decay_t<decltype(o)>;
        if constexpr (std::is_same_v<T, ops::CreateTable> || std::is_same_v<T, ops::DropTable>) {
            fixTable(o.table);
        } else if constexpr (std::is_same_v<T, ops::CreateSequence> || std::is_same_v<T, ops::DropSequence>) {
            o.sequence.schema = schema;
        } else if constexpr (std::is_same_v<T, ops::CreateEnum> || std::is_same_v<T, ops::DropEnum>) {
            o.type.schema = schema;
        } else if constexpr (std::is_same_v<T, ops::AddForeignKey> || std::is_same_v<T, ops::DropForeignKey>) {
            if (o.foreignKey.referencedSchema == o.schema)
                o.foreignKey.referencedSchema = schema;
            o.schema = schema;
        } else if constexpr (!std::is_same_v<T, ops::RawSql>) {
            o.schema = schema;
        }
    }, op);
    return op;
}

QList<ops::Operation> inSchema(const QList<ops::Operation> &list, const QString &schema)
{
    QList<ops::Operation> out;
    for (const ops::Operation &op : list)
        out.append(inSchema(op, schema));
    return out;
}

Result<QStringList> defaultDownRevisions(const ProjectConfig &config)
{
    Result<ScriptStore> store = ScriptStore::load(config);
    if (!store)
        return store.error();
    const QStringList heads = store->graph().heads();
    if (heads.size() > 1)
        return Error(ErrorKind::Migration, QStringLiteral("Multiple heads are present (%1); merge them first, or name the "
                                                          "revisions to build on").arg(heads.join(QStringLiteral(", "))));
    return heads;
}

} // namespace

Result<RevisionScript> renderRevision(const ProjectConfig &config, const AutogenRequest &request, const QDateTime &created)
{
    if (request.before.isEmpty())
        return Error(ErrorKind::Internal, QStringLiteral("autogenerate needs the schema of at least one dialect"));
    if (config.alembic)
        return Error(ErrorKind::Unsupported, QStringLiteral("Alembic projects are read-only in Strata"));
    RevisionScript script;
    script.id = request.revisionId.isEmpty() ? RevisionWriter::generateId() : request.revisionId;
    script.message = request.message;
    script.created = created.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    if (request.downRevisions.isEmpty()) {
        Result<QStringList> heads = defaultDownRevisions(config);
        if (!heads)
            return heads.error();
        script.downRevisions = *heads;
    } else {
        script.downRevisions = request.downRevisions;
    }
    const bool perDialect = request.before.size() > 1;
    if (!request.operationsPerDialect.isEmpty() && request.operationsPerDialect.size() != request.before.size())
        return Error(ErrorKind::Internal, QStringLiteral("autogenerate needs one list of operations per dialect"));
    for (qsizetype i = 0; i < request.before.size(); ++i) {
        const ops::SchemaSnapshot &before = request.before.at(i);
        const dialect::Dialect &dialect = dialect::dialectFor(before.dialect);
        const QString suffix = perDialect ? QLatin1Char(' ') + dialect.name() : QString();
        const QList<ops::Operation> upgrade = inSchema(request.operationsPerDialect.isEmpty() ? request.operations
                                                                                            : request.operationsPerDialect.at(i),
                                                       before.schema);
        ops::SchemaSnapshot state = before;
        Result<QString> up = sectionText(dialect, upgrade, state);
        if (!up)
            return up.error();
        Result<QString> down = sectionText(dialect, ops::reverse(upgrade), state);
        if (!down)
            return down.error();
        script.sections.insert(QStringLiteral("upgrade") + suffix, RevisionSection{*up, 0});
        script.sections.insert(QStringLiteral("downgrade") + suffix, RevisionSection{*down, 0});
    }
    if (Status s = RevisionWriter::checkReadsBack(script); !s)
        return s.error();
    return script;
}

Result<RevisionScript> writeRevision(const ProjectConfig &config, const AutogenRequest &request, const QDateTime &created)
{
    Result<RevisionScript> script = renderRevision(config, request, created);
    if (!script)
        return script;
    return RevisionWriter::write(config, *script, created);
}

} // namespace strata::migrate::autogen
