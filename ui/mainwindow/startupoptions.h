#pragma once

// What the command line asks the window to open (strata [location] [--table NAME]
// [--sql FILE]): the locations, and, on the first of them once it is open, a table's grid
// (--table books, --table schema.table) and/or a console holding a script (--sql file.sql).

#include "base/result.h"

#include <QStringList>

namespace strata::ui {

struct StartupOptions {
    QStringList locations;
    QString table;     ///< "books" or "schema.books"; empty: none
    QString sqlFile;   ///< a script to open in a console; empty: none

    /// The schema and table of `table`: "schema.name" splits at the first dot, except on
    /// SQLite where only "main." and "temp." name a schema (a SQLite table may hold dots);
    /// a bare name is in `defaultSchema`.
    QPair<QString, QString> tableName(bool sqlite, const QString &defaultSchema) const;
};

/// Parses the arguments after the program name. --table and --sql need a location.
Result<StartupOptions> parseStartupOptions(const QStringList &arguments);

} // namespace strata::ui
