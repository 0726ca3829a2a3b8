#pragma once

// How Strata checks that a column still holds the value it read, before it overwrites or
// deletes a row (the grid's optimistic concurrency check; see Dialect::unchangedCondition).
// The rule lives in one place, here and in the two dialects:
//
// PostgreSQL compares each value in its own column type, with the parameter cast to that
// type, so the server's own equality decides: char(n) keeps its padding semantics, numeric
// 1.0 equals 1.00, timestamptz compares instants whatever the session's TimeZone and
// DateStyle, float NaN equals NaN and -0 equals 0, jsonb ignores key order, arrays, ranges,
// enums and composites compare element by element:
//     "c" IS NOT DISTINCT FROM $1::character(22)
// Some types have no equality the server would use for this (no default btree operator
// class): json and xml have none at all, and the geometric types' "=" compares areas or
// lengths (two different boxes of the same area are "="). Those, and arrays, domains and
// composites built on them, are compared by their text output, which for these types is
// lossless: json and xml output is the stored text verbatim, and the geometric types print
// their float8 coordinates in the shortest exact form (extra_float_digits >= 1, which the
// grid's sessions set). The parameter goes through the same type's input and output, so a
// value written in another spelling compares equal:
//     "c"::text IS NOT DISTINCT FROM $1::json::text
//
// SQLite compares in the stored storage class: "IS" alone says 5 IS 5.0 (an INTEGER equals
// a REAL), so the storage class is compared too. Integers beyond 2^53, REALs to the last bit,
// text with embedded NUL and blobs compare exactly, because the value is bound in the class
// it was read in (data/nativequery.cpp):
//     ("c" IS ? AND typeof("c") = typeof(?))       -- the value is bound twice

#include <QString>

namespace strata::dialect {

enum class Equality {
    Typed,      ///< the type's own equality (PostgreSQL: the type and all its parts have a default btree class)
    TextForm,   ///< PostgreSQL: no usable equality; compare the type's (lossless) text output
};

/// What the dialect needs to know about a column to compare its values.
struct ComparedColumn {
    QString name;              ///< unquoted
    /// PostgreSQL: the type the bound value is cast to, as format_type() writes it
    /// ("character(22)", "numeric(12,4)", "public.mood"); the base type for a domain, so the
    /// domain's CHECK is not run on a value being compared. Empty: the server infers it.
    QString typeName;
    Equality equality = Equality::Typed;
};

} // namespace strata::dialect
