#include "migrationaction.h"

#include "exec/statementsplitter.h"

#include <QRegularExpression>

namespace strata::ui {

using migrate::Direction;

QString migrationActionName(MigrationAction action)
{
    switch (action) {
    case MigrationAction::UpgradeHead: return QObject::tr("Upgrade to head");
    case MigrationAction::UpgradeSelected: return QObject::tr("Upgrade to the selected revision");
    case MigrationAction::DowngradeOne: return QObject::tr("Downgrade one step");
    case MigrationAction::DowngradeSelected: return QObject::tr("Downgrade to the selected revision");
    case MigrationAction::DowngradeBase: return QObject::tr("Downgrade to base (undo every revision)");
    case MigrationAction::StampSelected: return QObject::tr("Stamp the selected revision");
    case MigrationAction::StampHeads: return QObject::tr("Stamp head");
    }
    return {};
}

QString alembicCommand(MigrationAction action)
{
    switch (action) {
    case MigrationAction::UpgradeHead: return QStringLiteral("upgrade heads");
    case MigrationAction::UpgradeSelected: return QStringLiteral("upgrade %1");
    case MigrationAction::DowngradeOne: return QStringLiteral("downgrade %1");
    case MigrationAction::DowngradeSelected: return QStringLiteral("downgrade %1");
    case MigrationAction::DowngradeBase: return QStringLiteral("downgrade base");
    case MigrationAction::StampSelected: return QStringLiteral("stamp %1");
    case MigrationAction::StampHeads: return QStringLiteral("stamp heads");
    }
    return {};
}

namespace {

Status needsSelection(const QString &selected)
{
    if (selected.isEmpty())
        return Error(ErrorKind::Migration, QObject::tr("Select a revision in the graph first"));
    return {};
}

} // namespace

Result<PlannedMigration> planMigrationAction(const migrate::MigrationEngine &engine, MigrationAction action,
                                             const QStringList &currentHeads, const QString &selected,
                                             dialect::DialectKind dialect)
{
    PlannedMigration p;
    p.action = action;
    p.startHeads = currentHeads;
    const bool severalHeads = engine.graph().heads().size() > 1;
    switch (action) {
    case MigrationAction::UpgradeHead: p.target = severalHeads ? QStringLiteral("heads") : QStringLiteral("head"); break;
    case MigrationAction::UpgradeSelected:
    case MigrationAction::DowngradeSelected:
    case MigrationAction::StampSelected:
        if (Status s = needsSelection(selected); !s)
            return s.error();
        p.target = selected;
        break;
    case MigrationAction::DowngradeOne:
        // From a merge point `-1` is an ambiguous walk (as in Alembic): one step back there
        // undoes the merge only, which is `downgrade <a parent>`.
        p.target = currentHeads.size() == 1 && engine.graph().isMergePoint(currentHeads.first())
                       ? engine.graph().node(currentHeads.first()).downRevisions.first()
                       : QStringLiteral("-1");
        break;
    case MigrationAction::DowngradeBase: p.target = QStringLiteral("base"); break;
    case MigrationAction::StampHeads: p.target = QStringLiteral("heads"); break;
    }
    if (action == MigrationAction::StampSelected || action == MigrationAction::StampHeads) {
        p.stamp = true;
        p.stampTargets = {p.target};
        Result<migrate::UpgradeTarget> t = engine.graph().resolveUpgradeTarget(p.target, currentHeads);
        if (!t)
            return t.error();
        Result<QStringList> next = engine.graph().stampHeads(currentHeads, t->revisions, false);
        if (!next)
            return next.error();
        p.endHeads = engine.graph().sorted(QSet<QString>(next->cbegin(), next->cend()));
        return p;
    }
    p.direction = action == MigrationAction::UpgradeHead || action == MigrationAction::UpgradeSelected ? Direction::Upgrade
                                                                                                       : Direction::Downgrade;
    Result<migrate::MigrationPlan> plan = engine.plan(p.direction, currentHeads, p.target);
    if (!plan)
        return plan.error();
    p.plan = *plan;
    p.endHeads = plan->endHeads;
    if (engine.config().alembic || p.plan.steps.isEmpty())
        return p;
    Result<QString> sql = engine.offlineSql(p.direction, currentHeads, p.target, dialect,
                                            engine.config().transactionPerMigration);
    if (!sql)
        return sql.error();
    p.sql = *sql;
    p.destructive = destructiveStatements(engine, p.plan, dialect);
    p.confirmed = migrate::ConfirmedRevisions::of(p.plan, engine.store());
    return p;
}

QStringList destructiveStatements(const migrate::MigrationEngine &engine, const migrate::MigrationPlan &plan,
                                  dialect::DialectKind dialect)
{
    const QString dialectName = dialect::dialectFor(dialect).name();
    QStringList out;
    for (const migrate::MigrationStep &step : plan.steps) {
        const migrate::RevisionScript *script = engine.store().find(step.revision);
        if (!script)
            continue;
        if (Result<migrate::RevisionSection> section = script->section(step.direction, dialectName))
            out += destructiveStatements(section->sql, script->displayPath, section->line, dialect);
    }
    return out;
}

QStringList destructiveStatements(const QString &sql, const QString &file, int firstLine, dialect::DialectKind dialect)
{
    // Reads the user's revision SQL; builds none. DROP TABLE, DROP COLUMN, and PostgreSQL's
    // ALTER TABLE t DROP c (COLUMN is optional there).
    static const QRegularExpression dropTable(QStringLiteral("^\\s*DROP\\s+TABLE\\b"), QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression dropColumn(
        QStringLiteral("^\\s*ALTER\\s+TABLE\\b.*\\bDROP\\s+(COLUMN\\b|(?!CONSTRAINT\\b|DEFAULT\\b|NOT\\b|IDENTITY\\b|EXPRESSION\\b)\\S)"),
        QRegularExpression::CaseInsensitiveOption | QRegularExpression::DotMatchesEverythingOption);
    // The splitter keeps leading comments with the statement; look past them.
    static const QRegularExpression leadingComments(QStringLiteral("^(\\s*--[^\\n]*\\n)*\\s*"));
    QStringList out;
    for (const exec::SqlStatement &st : exec::StatementSplitter::split(sql, dialect)) {
        QString text = st.text;
        const auto m = leadingComments.match(text);
        const int skippedLines = int(m.captured(0).count(QLatin1Char('\n')));
        text = text.mid(m.capturedLength());
        if (dropTable.match(text).hasMatch() || dropColumn.match(text).hasMatch())
            out.append(QStringLiteral("%1:%2: %3").arg(file).arg(firstLine + st.line + skippedLines).arg(text.simplified()));
    }
    return out;
}

} // namespace strata::ui
