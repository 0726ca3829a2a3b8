#pragma once

// Fuzzy matching of a typed query against an object name, as editors' "quick open" does.
// Both sides are compared case-folded (foldForMatch: one UTF-16 unit in, one out, so a
// matched position in the folded name is the same position in the original). A match falls
// in one of four tiers, best first:
//
//   Exact         the whole name                      "books"  ~ books
//   Prefix        the start of the name               "boo"    ~ books
//   WordBoundary  each run of matched letters starts  "ba"     ~ book_authors, bookAuthors
//                 a word (after _ - . space /, a
//                 lower→upper step, a digit run)
//   Subsequence   the letters in order, anywhere      "oks"    ~ books
//
// Within a tier `score` orders matches (fewer runs of letters, an earlier first letter,
// a tighter span: higher is better). Pure functions, any thread.

#include <QList>
#include <QString>
#include <QStringView>

namespace strata::search {

enum class MatchTier { None = -1, Subsequence = 0, WordBoundary = 1, Prefix = 2, Exact = 3 };

struct FuzzyMatch {
    MatchTier tier = MatchTier::None;
    int score = 0;   ///< within the tier; higher is better
    explicit operator bool() const { return tier != MatchTier::None; }
};

/// `text` case-folded unit by unit (same length as `text`).
QString foldForMatch(QStringView text);

/// Whether a word starts at `i` in `original` (see the tiers above).
bool isWordStart(QStringView original, qsizetype i);

/// A 64-bit summary of which characters `folded` holds: a name can match a query only when
/// it holds every bit of the query's mask (a cheap test before matching).
quint64 charMask(QStringView folded);

/// Matches `query` (already folded, not empty) against a name given folded and original.
/// `positions`, when given, receives the matched positions (one per query unit, ascending).
FuzzyMatch fuzzyMatch(QStringView query, QStringView folded, QStringView original, QList<int> *positions = nullptr);

/// True when `query` (folded) is a subsequence of `folded`: the test every match passes.
bool isSubsequence(QStringView query, QStringView folded);

}   // namespace strata::search
