#pragma once

// SqlCompletion: what to offer at the cursor. It reads the statement around the cursor
// with the lexer: the word being typed, a "qualifier." before it, whether a table name is
// expected (after FROM, JOIN, INTO, UPDATE, TABLE) and the tables the statement uses, with
// their aliases (FROM books b JOIN authors AS a ...), so "b." offers the columns of books.

#include "completioncatalog.h"
#include "sqllexer.h"

namespace strata::exec {

struct TableRef {
    QString schema;   ///< as written (unquoted); empty when not qualified
    QString name;
    QString alias;
};

struct CompletionContext {
    int replaceStart = 0;    ///< where the word being completed starts in the text
    QString prefix;          ///< what was typed of it
    QString qualifier;       ///< "b" in "b.ti", "public" in "public.bo"; empty otherwise
    bool expectRelation = false;
    QList<TableRef> tables;  ///< tables of the statement at the cursor
};

class SqlCompletion {
public:
    static CompletionContext analyze(const QString &text, int cursor, DialectKind dialect);
    /// The tables a statement reads or writes, with aliases, in order of appearance.
    static QList<TableRef> tablesOf(const QString &statement, DialectKind dialect);
    /// Items for `context`, best first. Tables whose columns the catalog does not have yet
    /// are added to `missingColumns` (with their resolved schema) so the caller can fetch them.
    static QList<CompletionItem> complete(const CompletionContext &context, const CompletionCatalog &catalog,
                                          QList<TableRef> *missingColumns = nullptr, int limit = 100);
};

} // namespace strata::exec
