#include "offlinerenderer.h"

#include "sectioncheck.h"

#include "exec/statementsplitter.h"
#include "migrate/script/revisionchecksum.h"

namespace strata::migrate {

Result<QString> OfflineRenderer::render(const MigrationPlan &plan, const ScriptStore &store, const dialect::Dialect &d,
                                        const VersionTableName &table, bool transactionPerMigration)
{
    const bool sqlite = d.kind() == dialect::DialectKind::Sqlite;
    QStringList out;
    auto begin = [&] { out.append(QStringLiteral("BEGIN;\n")); };
    auto commit = [&] {
        if (sqlite)
            out.append(QStringLiteral("PRAGMA foreign_key_check;\n"));
        out.append(QStringLiteral("COMMIT;\n"));
    };
    if (sqlite)
        out.append(QStringLiteral("PRAGMA foreign_keys = OFF;\n"));
    begin();
    if (plan.direction == Direction::Upgrade) {
        out.append(VersionTable::createVersionTableSql(d, table) + QStringLiteral(";\n"));
        out.append(VersionTable::createHistoryTableSql(d, table) + QStringLiteral(";\n"));
    }
    for (int i = 0; i < plan.steps.size(); ++i) {
        const MigrationStep &step = plan.steps[i];
        const RevisionScript *script = store.find(step.revision);
        Result<RevisionSection> section = script->section(step.direction, d.name());
        if (!section)
            return section.error();
        if (Status s = checkSection(section->sql, d.kind(), script->transactional, script->displayPath, section->line); !s)
            return s.error();
        if (!script->transactional)
            commit();
        const QString from = step.direction == Direction::Upgrade ? script->downRevisions.join(QStringLiteral(", ")) : step.revision;
        const QString to = step.direction == Direction::Upgrade ? step.revision : script->downRevisions.join(QStringLiteral(", "));
        out.append(QStringLiteral("-- Running %1 %2 -> %3\n").arg(directionName(step.direction), from, to));
        if (!section->sql.trimmed().isEmpty())
            out.append(section->sql + (exec::StatementSplitter::isTerminated(section->sql, d.kind()) ? QString() : QStringLiteral(";")) + QLatin1Char('\n'));
        for (const QString &sql : VersionTable::changeSql(d, table, step.change))
            out.append(sql + QStringLiteral(";\n"));
        out.append(VersionTable::recordSql(d, table, step.revision, directionName(step.direction), revisionChecksum(*script, d.name()))
                   + QStringLiteral(";\n"));
        const bool last = i == plan.steps.size() - 1;
        if (!script->transactional || (transactionPerMigration && !last)) {
            if (script->transactional)
                commit();
            begin();
        }
    }
    if (plan.direction == Direction::Downgrade && plan.endHeads.isEmpty())
        out.append(VersionTable::dropVersionTableSql(d, table) + QStringLiteral(";\n"));
    commit();
    return out.join(QLatin1Char('\n'));
}

} // namespace strata::migrate
