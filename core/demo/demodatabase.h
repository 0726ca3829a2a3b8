#pragma once

// The demo database Strata opens on its first launch: a small SQLite file (authors and
// books, artists and tracks, users and addresses, with foreign keys, views and indexes)
// built from the SQL script shipped as the resource ":/strata/demo/demo.sql".
//
// Installing never overwrites: an existing file at the path is left alone, whatever it
// holds, so a user who edited the demo keeps the edits. The database is built in a
// ".partial" file beside the target and renamed into place only when complete, so a crash
// or a full disk never leaves a half-built demo where the app would open it.

#include "base/result.h"

#include <QString>

namespace strata::demo {

/// QStandardPaths::AppDataLocation + "/demo.db". The directory may not exist yet.
QString defaultDemoPath();

/// Creates the demo database at `path` unless a file is already there.
/// Returns true when it was created, false when `path` already existed (untouched).
/// Creates missing parent directories. Errors: ErrorKind::Io (directory, temporary file or
/// rename failed; the message names the path), ErrorKind::Syntax (the script failed; the
/// message is SQLite's, sqlState its extended result code). On error nothing is left
/// behind at `path` or `path + ".partial"`.
/// Synchronous and can take a few hundred milliseconds: call it on a worker thread, never
/// on the GUI thread. Safe to call from any thread; it opens its own SQLite handle.
Result<bool> installDemoDatabase(const QString &path);

} // namespace strata::demo
