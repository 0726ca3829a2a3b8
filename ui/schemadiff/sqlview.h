#pragma once

// A read-only, monospace, highlighted SQL view: the schema diff's DDL and preview panes and
// the table designer's preview.

#include "dialect/dialect.h"

class QPlainTextEdit;
class QWidget;

namespace strata::ui {

QPlainTextEdit *makeSqlView(dialect::DialectKind dialect, QWidget *parent);

/// Statements as a script: each ends with ';', a blank line between them.
QString sqlScript(const QStringList &statements);

} // namespace strata::ui
