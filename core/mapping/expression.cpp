#include "expression.h"

namespace strata::mapping {

Expr Expr::invalid(const QString &why)
{
    auto n = std::make_shared<ExprNode>();
    n->op = ExprNode::Op::Invalid;
    n->error = why;
    return Expr(std::move(n));
}

Expr Expr::combine(ExprNode::Op op, std::vector<Expr> parts)
{
    auto n = std::make_shared<ExprNode>();
    n->op = op;
    for (const Expr &p : parts) {
        if (p.isEmpty())
            return invalid(QStringLiteral("an empty expression inside AND / OR / NOT"));
        n->children.push_back(p.m_node);
    }
    return Expr(std::move(n));
}

Expr operator&&(const Expr &a, const Expr &b) { return Expr::combine(ExprNode::Op::And, {a, b}); }
Expr operator||(const Expr &a, const Expr &b) { return Expr::combine(ExprNode::Op::Or, {a, b}); }
Expr operator!(const Expr &a) { return Expr::combine(ExprNode::Op::Not, {a}); }
Expr and_(std::initializer_list<Expr> parts) { return Expr::combine(ExprNode::Op::And, parts); }
Expr or_(std::initializer_list<Expr> parts) { return Expr::combine(ExprNode::Op::Or, parts); }

namespace detail {

namespace {

std::shared_ptr<ExprNode> columnNode(const ColumnExpr &c)
{
    auto n = std::make_shared<ExprNode>();
    n->op = ExprNode::Op::Column;
    n->table = c.table;
    n->column = c.column;
    n->alias = c.alias;
    return n;
}

} // namespace

Expr compare(const ColumnExpr &c, const char *op, const QVariant &value)
{
    if (!c.column)
        return Expr::invalid(c.error);
    auto n = std::make_shared<ExprNode>();
    n->op = ExprNode::Op::Compare;
    n->compareOp = QString::fromLatin1(op);
    n->values = {value};
    n->children.push_back(columnNode(c));
    return Expr(std::move(n));
}

Expr unary(const ColumnExpr &c, ExprNode::Op op)
{
    return withValues(c, op, {});
}

Expr withValues(const ColumnExpr &c, ExprNode::Op op, const QVariantList &values)
{
    if (!c.column)
        return Expr::invalid(c.error);
    auto n = std::make_shared<ExprNode>();
    n->op = op;
    n->values = values;
    n->children.push_back(columnNode(c));
    return Expr(std::move(n));
}

} // namespace detail

} // namespace strata::mapping
