#pragma once

// Rebuilds the CREATE statements of a PostgreSQL relation from what the catalog reader
// read: CREATE TABLE with columns (types, collations, defaults, identity, generation, NOT
// NULL) and the table's own constraints, PARTITION OF / PARTITION BY / INHERITS, the
// sequences serial columns own, comments, then the indexes that are not behind a
// constraint, then triggers. Views and materialized views: CREATE [MATERIALIZED] VIEW ...
// AS <definition>. Identifiers are quoted by the PostgreSQL dialect only when needed;
// expressions come verbatim from pg_get_expr / pg_get_constraintdef / pg_get_indexdef.

#include "catalogtypes.h"

#include <QList>
#include <QPair>
#include <QSet>
#include <QString>

namespace strata::catalog {

/// What the DDL needs beyond TableDetail, as read from pg_catalog.
struct PostgresDdlInput {
    struct OwnedSequence {
        QString schema;
        QString name;
        QString dataType;
        QString column;
    };
    struct Constraint {
        QString name;
        QString definition;   ///< pg_get_constraintdef
    };

    char relkind = 'r';
    bool unlogged = false;
    QString partitionKey;                     ///< pg_get_partkeydef: "RANGE (created)"
    QString partitionBound;                   ///< "FOR VALUES FROM (...) TO (...)", "DEFAULT"
    QList<QPair<QString, QString>> parents;   ///< (schema, name) in inheritance order
    QString options;                          ///< reloptions as "fillfactor=70, ..."
    QString foreignServer;
    QSet<QString> inheritedColumns;           ///< columns that exist only through a parent
    QList<Constraint> localConstraints;       ///< constraints defined on this table, in order
    QSet<QString> constraintIndexes;          ///< indexes created by constraints or parents
    QSet<QString> clonedTriggers;             ///< triggers copied from a partitioned parent
    QList<OwnedSequence> ownedSequences;
};

/// The CREATE statements of `detail`, each ending with ";", separated by newlines.
QString buildPostgresDdl(const TableDetail &detail, const PostgresDdlInput &input);

} // namespace strata::catalog
