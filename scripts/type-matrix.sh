#!/usr/bin/env bash
# type-matrix.sh [QTEST-OUTPUT…]
# Turns the output of tst_typeroundtrippg / tst_typeroundtripsqlite (QtTest's plain text, as
# ctest --output-on-failure -V or the executable itself prints it; files or standard input)
# into the type matrix as a Markdown table: one row per type case, one column per step, each
# cell "pass" or "FAIL", with the test's NOTE lines (explained cells) as numbered notes.
#   build/tests/ui/grid/tst_typeroundtripsqlite | scripts/type-matrix.sh
set -euo pipefail

awk '
function tagOf(rest,    depth, i, c) {
    # rest starts right after "Class::function(": the tag runs to the matching ")".
    depth = 1
    for (i = 1; i <= length(rest); i++) {
        c = substr(rest, i, 1)
        if (c == "(") depth++
        else if (c == ")" && --depth == 0) return substr(rest, 1, i - 1)
    }
    return rest
}
/^(PASS|FAIL!|QINFO|SKIP) *: [A-Za-z0-9_]+::[A-Za-z0-9_]+\(/ {
    kind = $1
    sub(/^[A-Z!]+ *: /, "")
    cls = $0; sub(/::.*/, "", cls)
    fn = $0; sub(/^[^:]+::/, "", fn); sub(/\(.*/, "", fn)
    rest = $0; sub(/^[^(]*\(/, "", rest)
    tag = tagOf(rest)
    after = substr(rest, length(tag) + 2)
    if (fn == "initTestCase" || fn == "cleanupTestCase") next
    key = cls SUBSEP tag
    if (!(key in seen)) { seen[key] = 1; order[++rows] = key; caseTag[key] = tag; caseClass[key] = cls }
    if (kind == "QINFO") {
        text = after; sub(/^ *NOTE: */, "", text)
        if (!(text in noteNumber)) { noteNumber[text] = ++notes; noteText[notes] = text }
        cellNotes[key, fn] = cellNotes[key, fn] (cellNotes[key, fn] == "" ? "" : ",") noteNumber[text]
    } else if (kind == "PASS") {
        result[key, fn] = "pass"
    } else if (kind == "SKIP") {
        result[key, fn] = "SKIPPED"
    } else {
        result[key, fn] = "FAIL"
        failures++
    }
}
END {
    split("read edit saveWithKey saveWithoutKey conflict copy csvExportImport", fns, " ")
    print "| type | read | edit | save with key | save without key | conflict | copy TSV/CSV/SQL | CSV export/import |"
    print "|---|---|---|---|---|---|---|---|"
    last = ""
    for (r = 1; r <= rows; r++) {
        key = order[r]
        if (caseClass[key] != last) {
            name = caseClass[key]; sub(/^TestTypeRoundTrip/, "", name)
            print "| **" (name == "Pg" ? "PostgreSQL 15" : name == "Sqlite" ? "SQLite" : name) "** | | | | | | | |"
            last = caseClass[key]
        }
        line = "| " caseTag[key]
        for (f = 1; f <= 7; f++) {
            cell = ((key, fns[f]) in result) ? result[key, fns[f]] : "not run"
            if (cellNotes[key, fns[f]] != "") cell = cell " (note " cellNotes[key, fns[f]] ")"
            line = line " | " cell
        }
        print line " |"
    }
    if (notes > 0) {
        print ""
        for (n = 1; n <= notes; n++) print n ". " noteText[n]
    }
    if (failures > 0) { print ""; print failures " failing cell(s)." }
}
' "$@"
