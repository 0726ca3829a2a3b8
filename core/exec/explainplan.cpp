#include "explainplan.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <functional>

namespace strata::exec {

namespace {

double number(const QJsonObject &o, const char *key)
{
    const QJsonValue v = o.value(QLatin1String(key));
    return v.isDouble() ? v.toDouble() : -1;
}

PlanNode nodeFromJson(const QJsonObject &o)
{
    PlanNode n;
    n.nodeType = o.value(u"Node Type").toString();
    if (o.contains(u"Join Type") && n.nodeType.contains(u"Join"))
        n.nodeType = o.value(u"Join Type").toString() + QLatin1Char(' ') + n.nodeType;
    n.relation = o.value(u"Relation Name").toString();
    n.alias = o.value(u"Alias").toString();
    QStringList detail;
    for (const char *key : {"Index Name", "Index Cond", "Hash Cond", "Merge Cond", "Join Filter", "Filter",
                            "Recheck Cond", "Group Key", "Sort Key", "CTE Name", "Function Name"}) {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isString())
            detail.append(QStringLiteral("%1: %2").arg(QLatin1String(key), v.toString()));
        else if (v.isArray()) {
            QStringList parts;
            for (const QJsonValue &p : v.toArray())
                parts.append(p.toString());
            detail.append(QStringLiteral("%1: %2").arg(QLatin1String(key), parts.join(QStringLiteral(", "))));
        }
    }
    n.detail = detail.join(QStringLiteral("; "));
    n.startupCost = number(o, "Startup Cost");
    n.totalCost = number(o, "Total Cost");
    n.planRows = number(o, "Plan Rows");
    n.actualStartupMs = number(o, "Actual Startup Time");
    n.actualTotalMs = number(o, "Actual Total Time");
    n.actualRows = number(o, "Actual Rows");
    n.loops = number(o, "Actual Loops");
    for (const QJsonValue &child : o.value(u"Plans").toArray())
        n.children.append(nodeFromJson(child.toObject()));
    return n;
}

double inclusive(const PlanNode &n, bool analyzed)
{
    if (analyzed)
        return n.actualTotalMs < 0 ? 0 : n.actualTotalMs * std::max(1.0, n.loops);
    return std::max(0.0, n.totalCost);
}

void computeExclusive(PlanNode &n, bool analyzed, QList<PlanNode *> &all)
{
    double children = 0;
    for (PlanNode &c : n.children) {
        computeExclusive(c, analyzed, all);
        children += inclusive(c, analyzed);
    }
    n.exclusive = std::max(0.0, inclusive(n, analyzed) - children);
    all.append(&n);
}

} // namespace

QString ExplainParser::explainSql(dialect::DialectKind dialect, const QString &statement, bool analyze)
{
    if (dialect == dialect::DialectKind::Sqlite)
        return QStringLiteral("EXPLAIN QUERY PLAN ") + statement;
    return (analyze ? QStringLiteral("EXPLAIN (FORMAT JSON, ANALYZE, BUFFERS) ") : QStringLiteral("EXPLAIN (FORMAT JSON) "))
           + statement;
}

void ExplainParser::markSlowNodes(PlanNode &root, bool analyzed)
{
    QList<PlanNode *> all;
    computeExclusive(root, analyzed, all);
    double total = 0;
    double top = 0;
    for (const PlanNode *n : all) {
        total += n->exclusive;
        top = std::max(top, n->exclusive);
    }
    if (top <= 0 || all.size() < 2)
        return;
    // the heaviest node, and any other that takes at least 30% of the whole
    for (PlanNode *n : all)
        n->slow = n->exclusive >= top || n->exclusive >= 0.3 * total;
}

Result<ExplainPlan> ExplainParser::parsePostgresJson(const QString &json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json.toUtf8(), &error);
    if (doc.isNull() || !doc.isArray() || doc.array().isEmpty())
        return Error(ErrorKind::Syntax, QStringLiteral("EXPLAIN did not return a JSON plan: %1").arg(error.errorString()));
    const QJsonObject top = doc.array().first().toObject();
    if (!top.value(u"Plan").isObject())
        return Error(ErrorKind::Syntax, QStringLiteral("EXPLAIN's JSON has no \"Plan\""));
    ExplainPlan plan;
    plan.raw = json;
    plan.root = nodeFromJson(top.value(u"Plan").toObject());
    plan.planningMs = number(top, "Planning Time");
    plan.executionMs = number(top, "Execution Time");
    plan.analyzed = plan.root.actualTotalMs >= 0;
    markSlowNodes(plan.root, plan.analyzed);
    return plan;
}

ExplainPlan ExplainParser::fromSqliteRows(const QList<SqliteRow> &rows)
{
    ExplainPlan plan;
    plan.root.nodeType = QStringLiteral("QUERY PLAN");
    // children are listed after their parent; link by id, keeping the listing order
    QHash<int, QList<int>> childrenOf;
    QStringList raw;
    for (int i = 0; i < rows.size(); ++i) {
        childrenOf[rows[i].parent].append(i);
        raw.append(QStringLiteral("%1|%2|%3").arg(rows[i].id).arg(rows[i].parent).arg(rows[i].detail));
    }
    plan.raw = raw.join(QLatin1Char('\n'));
    std::function<void(PlanNode &, int, int)> build = [&](PlanNode &into, int id, int depth) {
        if (depth > 64)
            return;
        for (int i : childrenOf.value(id)) {
            PlanNode n;
            n.nodeType = rows[i].detail;
            const QStringList words = rows[i].detail.split(QLatin1Char(' '));
            if (words.size() >= 2 && (words[0] == u"SCAN" || words[0] == u"SEARCH"))
                n.relation = words[1];
            build(n, rows[i].id, depth + 1);
            into.children.append(n);
        }
    };
    build(plan.root, 0, 0);
    return plan;
}

} // namespace strata::exec
