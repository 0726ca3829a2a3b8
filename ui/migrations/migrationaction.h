#pragma once

// MigrationAction: the commands of the migration panel as plans, before anything runs.
// planMigrationAction() turns a button (upgrade to head, downgrade one step, stamp the
// selected revision, ...) and the database's version rows into the exact plan the engine's
// runner will execute from those rows, the offline SQL of that plan (what
// `strata-migrate upgrade <current>:<target> --sql` prints), and the statements in it that
// drop tables or columns. Pure: no database, no widgets.

#include "migrate/migrationengine.h"

namespace strata::ui {

enum class MigrationAction { UpgradeHead, UpgradeSelected, DowngradeOne, DowngradeSelected, DowngradeBase, StampSelected, StampHeads };

struct PlannedMigration {
    MigrationAction action = MigrationAction::UpgradeHead;
    bool stamp = false;
    migrate::Direction direction = migrate::Direction::Upgrade;
    QString target;                  ///< the runner's target ("heads", "-1", an id, "base")
    QStringList stampTargets;
    QStringList startHeads;
    QStringList endHeads;
    migrate::MigrationPlan plan;
    QString sql;                     ///< offline script; empty for stamps and Alembic projects
    QStringList destructive;         ///< "file:line: DROP TABLE books"
    /// The revision files `sql` was rendered from, by fingerprint: the run refuses to start
    /// when one changed since (RunnerOptions::confirmed).
    migrate::ConfirmedRevisions confirmed;
    bool isEmpty() const { return stamp ? startHeads == endHeads : plan.steps.isEmpty(); }
};

QString migrationActionName(MigrationAction action);
/// The text Alembic would be given for this action (`alembic upgrade <target>`).
QString alembicCommand(MigrationAction action);

/// Plans `action` from `currentHeads` (the version rows); `selected` is the revision picked
/// in the graph (for the *Selected actions). Offline SQL is rendered for `dialect`
/// (not for Alembic projects, whose revisions are Python).
Result<PlannedMigration> planMigrationAction(const migrate::MigrationEngine &engine, MigrationAction action,
                                             const QStringList &currentHeads, const QString &selected,
                                             dialect::DialectKind dialect);

/// Statements of the plan's revisions that DROP a TABLE or a COLUMN, as "file:line: SQL".
QStringList destructiveStatements(const migrate::MigrationEngine &engine, const migrate::MigrationPlan &plan,
                                  dialect::DialectKind dialect);
/// The same for one section's SQL (`firstLine`: its first line in `file`).
QStringList destructiveStatements(const QString &sql, const QString &file, int firstLine, dialect::DialectKind dialect);

} // namespace strata::ui
