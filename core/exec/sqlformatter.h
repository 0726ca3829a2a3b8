#pragma once

// SqlFormatter: "Format SQL" for the console. It only changes whitespace between tokens and
// the case of keywords, so what a statement means never changes: strings, quoted
// identifiers, dollar-quoted bodies, comments and every other token come out as they went
// in (the tests compare token streams). Where the input had whitespace the output has at
// least one space; a line comment is always followed by a line break.
// Queries (SELECT, WITH, INSERT, UPDATE, DELETE, VALUES) are laid out one clause per line,
// with select lists, AND/OR conditions and subqueries indented; other statements (DDL,
// routines) keep their own line structure and only get keyword case.

#include "sqllexer.h"

namespace strata::exec {

struct FormatOptions {
    bool upperKeywords = true;
    int indent = 4;
};

class SqlFormatter {
public:
    static QString format(const QString &sql, DialectKind dialect, const FormatOptions &options = {});
};

} // namespace strata::exec
