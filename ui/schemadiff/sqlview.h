#pragma once

// A read-only, monospace, highlighted SQL view: the schema diff's DDL and preview panes and
// the table designer's preview.

#include "dialect/dialect.h"
#include "migrate/ops/operation.h"
#include "migrations/migrationconfirmdialog.h"

namespace strata::connection { struct ConnectionProfile; }

class QPlainTextEdit;
class QWidget;

namespace strata::ui {

QPlainTextEdit *makeSqlView(dialect::DialectKind dialect, QWidget *parent);

/// What the confirmation asks before compiled operations run on `profile`'s database
/// without a revision (the schema diff's "Apply to database…", the designer's "Apply
/// directly"): the operations described, the exact SQL, the operations that lose data
/// called out (ops::losesData), and the production check.
MigrationConfirmation applyConfirmation(const connection::ConnectionProfile &profile, const QString &title,
                                        const QString &summary, const QList<migrate::ops::Operation> &operations,
                                        const QStringList &statements);

} // namespace strata::ui
