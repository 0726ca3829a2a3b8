#pragma once

// Typed query expressions: col(&Book::pages) > 500 && col(&Book::title).like(u"%Qt%"_s).
// A comparison compiles only when the value converts to the member's type, LIKE only on
// text members, ordering comparisons never on JSON or blobs. The result is a small
// immutable tree that the SQL compiler (sqlcompiler.h) renders through a Dialect with
// every value bound as a parameter.

#include "table.h"

#include <QList>
#include <memory>

namespace strata::mapping {

struct ExprNode {
    enum class Op { Column, Compare, And, Or, Not, Between, In, Like, ILike, IsNull, IsNotNull, Invalid };
    Op op = Op::Invalid;
    QString compareOp;                 ///< "=", "<>", "<", "<=", ">", ">="
    const TableDef *table = nullptr;   ///< Column
    const ColumnDef *column = nullptr;
    QString alias;                     ///< Column of an aliased table (Alias<T>), else empty
    QVariantList values;               ///< bound values (canonical, as ColumnDef::read gives)
    std::vector<std::shared_ptr<const ExprNode>> children;
    QString error;                     ///< Invalid: why the expression cannot be compiled
};

class Expr {
public:
    Expr() = default;
    explicit Expr(std::shared_ptr<const ExprNode> node) : m_node(std::move(node)) {}
    const ExprNode *node() const { return m_node.get(); }
    bool isEmpty() const { return !m_node; }

    static Expr invalid(const QString &why);
    static Expr combine(ExprNode::Op op, std::vector<Expr> parts);

private:
    std::shared_ptr<const ExprNode> m_node;
};

Expr operator&&(const Expr &a, const Expr &b);
Expr operator||(const Expr &a, const Expr &b);
Expr operator!(const Expr &a);
Expr and_(std::initializer_list<Expr> parts);
Expr or_(std::initializer_list<Expr> parts);

struct ColumnExpr {
    const TableDef *table = nullptr;
    const ColumnDef *column = nullptr;
    QString error;
    QString alias;   ///< the table's alias in the query (Alias<T>), empty for the table itself
};

namespace detail {
Expr compare(const ColumnExpr &c, const char *op, const QVariant &value);
Expr unary(const ColumnExpr &c, ExprNode::Op op);
Expr withValues(const ColumnExpr &c, ExprNode::Op op, const QVariantList &values);
} // namespace detail

template <typename T, typename M>
class Col {
public:
    using Value = typename Unoptional<M>::type;
    static constexpr bool ordered = !std::is_same_v<Value, QJsonDocument> && !std::is_same_v<Value, QJsonObject>
        && !std::is_same_v<Value, bool>;

    explicit Col(M T::*member, QString alias = QString()) : m_member(member), m_alias(std::move(alias)) {}

    /// The table and column the member maps to (error text when it is not mapped).
    ColumnExpr resolve() const
    {
        const TableDef &t = tableDef<T>();
        const ColumnDef *c = t.columnFor(m_member);
        return {&t, c, c ? QString() : QStringLiteral("a member of %1 that is not a mapped column").arg(t.name), m_alias};
    }
    M T::*member() const { return m_member; }

    template <typename V> requires std::constructible_from<Value, V>
    Expr operator==(const V &v) const { return detail::compare(resolve(), "=", encode(Value(v))); }
    template <typename V> requires std::constructible_from<Value, V>
    Expr operator!=(const V &v) const { return detail::compare(resolve(), "<>", encode(Value(v))); }
    template <typename V> requires(std::constructible_from<Value, V> && ordered)
    Expr operator<(const V &v) const { return detail::compare(resolve(), "<", encode(Value(v))); }
    template <typename V> requires(std::constructible_from<Value, V> && ordered)
    Expr operator<=(const V &v) const { return detail::compare(resolve(), "<=", encode(Value(v))); }
    template <typename V> requires(std::constructible_from<Value, V> && ordered)
    Expr operator>(const V &v) const { return detail::compare(resolve(), ">", encode(Value(v))); }
    template <typename V> requires(std::constructible_from<Value, V> && ordered)
    Expr operator>=(const V &v) const { return detail::compare(resolve(), ">=", encode(Value(v))); }

    Expr between(const Value &low, const Value &high) const requires ordered
    {
        return detail::withValues(resolve(), ExprNode::Op::Between, {encode(low), encode(high)});
    }
    Expr in_(const QList<Value> &values) const
    {
        QVariantList list;
        for (const Value &v : values)
            list.append(encode(v));
        return detail::withValues(resolve(), ExprNode::Op::In, list);
    }
    Expr like(const QString &pattern) const requires std::is_same_v<Value, QString>
    {
        return detail::withValues(resolve(), ExprNode::Op::Like, {pattern});
    }
    /// Case-insensitive LIKE: ILIKE on PostgreSQL, lower(x) LIKE lower(?) on SQLite.
    Expr ilike(const QString &pattern) const requires std::is_same_v<Value, QString>
    {
        return detail::withValues(resolve(), ExprNode::Op::ILike, {pattern});
    }
    Expr isNull() const { return detail::unary(resolve(), ExprNode::Op::IsNull); }
    Expr isNotNull() const { return detail::unary(resolve(), ExprNode::Op::IsNotNull); }
    Expr is_null() const { return isNull(); }
    Expr is_not_null() const { return isNotNull(); }

private:
    QVariant encode(const Value &v) const
    {
        const ColumnExpr c = resolve();
        return c.column ? c.column->encodeValue(&v) : QVariant();
    }
    M T::*m_member;
    QString m_alias;
};

/// A mapped member as a query column.
template <typename T, typename M>
Col<T, M> col(M T::*member) { return Col<T, M>(member); }

/// A second name for a mapped table inside one query, to join it more than once (a category
/// and its parent category; SQLAlchemy's aliased()):
///
///   const auto parent = aliased<Category>("parent");
///   session.query<Category>().join(&Category::parent, parent)
///       .where(parent(&Category::name) == u"Jazz"_s).all();
template <typename T>
class Alias {
public:
    explicit Alias(Name name) : m_name(std::move(name.text)) {}
    const QString &name() const { return m_name; }
    /// A column of the aliased table.
    template <typename M>
    Col<T, M> operator()(M T::*member) const { return Col<T, M>(member, m_name); }

private:
    QString m_name;
};

template <typename T>
Alias<T> aliased(Name name) { return Alias<T>(std::move(name)); }

struct OrderTerm {
    ColumnExpr column;
    bool descending = false;
};

template <typename T, typename M>
OrderTerm asc(M T::*member) { return {Col<T, M>(member).resolve(), false}; }
template <typename T, typename M>
OrderTerm desc(M T::*member) { return {Col<T, M>(member).resolve(), true}; }
template <typename T, typename M>
OrderTerm asc(const Col<T, M> &c) { return {c.resolve(), false}; }
template <typename T, typename M>
OrderTerm desc(const Col<T, M> &c) { return {c.resolve(), true}; }

} // namespace strata::mapping
