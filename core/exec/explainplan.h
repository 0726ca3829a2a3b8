#pragma once

// EXPLAIN output as a tree. PostgreSQL: EXPLAIN (FORMAT JSON[, ANALYZE]) parsed into nodes
// with costs, row estimates and, with ANALYZE, actual times; SQLite: EXPLAIN QUERY PLAN's
// (id, parent, detail) rows linked into a tree. Each node's own share (its time or cost
// minus its children's) is computed and the heaviest nodes are flagged `slow`.

#include "base/result.h"
#include "dialect/dialect.h"

#include <QList>
#include <QString>

namespace strata::exec {

struct PlanNode {
    QString nodeType;          ///< "Seq Scan", "Hash Join"; SQLite: the detail text
    QString relation;          ///< the table scanned, if any
    QString alias;
    QString detail;            ///< conditions, index, join type, sort keys: one line
    double startupCost = -1;
    double totalCost = -1;
    double planRows = -1;
    double actualStartupMs = -1;   ///< ANALYZE only (per loop, as PostgreSQL reports it)
    double actualTotalMs = -1;
    double actualRows = -1;
    double loops = -1;
    double exclusive = -1;     ///< own time in ms (ANALYZE) or own cost, children excluded
    bool slow = false;         ///< among the heaviest nodes of the plan
    QList<PlanNode> children;
};

struct ExplainPlan {
    PlanNode root;
    bool analyzed = false;
    double planningMs = -1;
    double executionMs = -1;
    QString raw;               ///< the server's text (JSON or rows), for copying
};

class ExplainParser {
public:
    /// The statement to run for `statement`: EXPLAIN (FORMAT JSON[, ANALYZE, BUFFERS]) ... or
    /// EXPLAIN QUERY PLAN ... (SQLite has no ANALYZE; it is ignored there).
    static QString explainSql(dialect::DialectKind dialect, const QString &statement, bool analyze);
    static Result<ExplainPlan> parsePostgresJson(const QString &json);
    struct SqliteRow {
        int id = 0;
        int parent = 0;
        QString detail;
    };
    static ExplainPlan fromSqliteRows(const QList<SqliteRow> &rows);
    /// Computes `exclusive` and flags the heaviest nodes (also used by both parsers).
    static void markSlowNodes(PlanNode &root, bool analyzed);
};

} // namespace strata::exec
