#pragma once

// A read-only, monospace, highlighted SQL view: the schema diff's DDL and preview panes and
// the table designer's preview.

#include "dialect/dialect.h"
#include "migrations/migrationconfirmdialog.h"

namespace strata::connection { struct ConnectionProfile; }

class QPlainTextEdit;
class QWidget;

namespace strata::ui {

QPlainTextEdit *makeSqlView(dialect::DialectKind dialect, QWidget *parent);

/// Statements as a script: each ends with ';', a blank line between them.
QString sqlScript(const QStringList &statements);

/// The preview of compiled operations: their review notes as "-- REVIEW:" lines, then the
/// statements as a script.
QString sqlPreview(const QStringList &reviewNotes, const QStringList &statements);

/// What the confirmation asks before compiled operations run on `profile`'s database
/// without a revision (the schema diff's "Apply to database…", the designer's "Apply
/// directly"): the operations described, the exact SQL, its DROP statements called out, and
/// the production check.
MigrationConfirmation applyConfirmation(const connection::ConnectionProfile &profile, const QString &title,
                                        const QString &summary, const QStringList &descriptions,
                                        const QStringList &statements);

} // namespace strata::ui
