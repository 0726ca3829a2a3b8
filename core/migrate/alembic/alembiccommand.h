#pragma once

// The alembic command lines Strata runs (after strata_alembic.py's own options and "--").
// Targets are Alembic's: an id, a prefix, head/heads/base, +N/-N, label@head.

#include <QString>
#include <QStringList>

namespace strata::migrate::alembic {

struct AlembicCommand {
    /// Alembic's global options for the project: `-c <ini>` (and `-x key=value` ones).
    static QStringList base(const QString &iniPath, const QStringList &xArgs = {});
    static QStringList upgrade(const QString &target) { return {QStringLiteral("upgrade"), target}; }
    static QStringList downgrade(const QString &target) { return {QStringLiteral("downgrade"), target}; }
    static QStringList stamp(const QString &target) { return {QStringLiteral("stamp"), target}; }
    /// Offline mode: `upgrade --sql start:target` (start empty: from base / Alembic's default).
    static QStringList previewSql(bool upgrade, const QString &start, const QString &target);
    static QStringList revision(const QString &message, bool autogenerate);
    static QStringList mergeHeads(const QString &message);
    /// True when the command connects to the database (the preflight check applies).
    static bool touchesDatabase(const QStringList &command);
};

} // namespace strata::migrate::alembic
