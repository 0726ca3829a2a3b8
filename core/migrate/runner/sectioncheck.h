#pragma once

// SectionCheck: what must hold before any statement of a revision section runs, so that a
// revision is recorded as applied only when all of its text ran and all-or-nothing holds.
//
// - checkComplete(): every byte of the text can be executed: no NUL character (libpq
//   would stop reading there, SQLite's prepare would stop making progress) and no string,
//   quoted identifier, dollar quote or /* comment left open at the end (it would swallow
//   the statements after it). ScriptExecutor runs it on everything it executes.
// - checkTransactionControl(): a transactional revision runs inside the runner's
//   transaction, so a top-level BEGIN, START TRANSACTION, COMMIT, END, ROLLBACK, ABORT,
//   SAVEPOINT, RELEASE or PREPARE TRANSACTION would commit part of it or leave it half
//   rolled back. Only the statement's own first keyword counts (the shared lexer and
//   splitter decide), so END in a PL/pgSQL body or a CASE, and BEGIN in CREATE TRIGGER,
//   are not transaction control.
//
// Errors are located: `file` and `firstLine` (the section's first line in the file) give
// "file:line: message" and Error::location; a check on text not from a file names no file.

#include "base/result.h"
#include "dialect/dialect.h"

namespace strata::migrate {

/// NUL characters and constructs left open at the end of `sql`.
Status checkComplete(const QString &sql, dialect::DialectKind dialect, const QString &file, int firstLine);

/// Top-level transaction control statements in `sql` (for transactional revisions).
Status checkTransactionControl(const QString &sql, dialect::DialectKind dialect, const QString &file, int firstLine);

/// Both checks, the second only when `transactional`.
Status checkSection(const QString &sql, dialect::DialectKind dialect, bool transactional, const QString &file, int firstLine);

} // namespace strata::migrate
