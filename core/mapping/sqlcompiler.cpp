#include "sqlcompiler.h"

namespace strata::mapping {

namespace {

using dialect::Dialect;

Error unsupported(const QString &why)
{
    return Error(ErrorKind::Unsupported, why);
}

QString tableName(const Dialect &d, const TableDef &t)
{
    return d.qualifiedName(t.schema, t.name);
}

QString columnName(const Dialect &d, const TableDef &t, const QString &column)
{
    return tableName(d, t) + QLatin1Char('.') + d.quoteIdentifier(column);
}

class SelectCompiler {
public:
    SelectCompiler(const Dialect &d, const QuerySpec &q) : m_d(d), m_q(q) {}

    Result<CompiledSql> select();
    Result<QString> from();
    Result<QString> whereClause();
    Result<QString> orderAndLimit();

private:
    /// A table of the query: itself (empty alias) or under an alias.
    struct Source {
        const TableDef *table;
        QString alias;
    };
    Status checkTable(const TableDef *t, const QString &alias) const;
    /// How the query names the table's columns: its name, or its quoted alias.
    QString qualifier(const TableDef &t, const QString &alias) const
    {
        return alias.isEmpty() ? tableName(m_d, t) : m_d.quoteIdentifier(alias);
    }
    QString columnOf(const TableDef &t, const QString &alias, const QString &column) const
    {
        return qualifier(t, alias) + QLatin1Char('.') + m_d.quoteIdentifier(column);
    }
    Result<QString> column(const ColumnExpr &c) const;
    Result<QString> expr(const ExprNode *n);
    QString bind(const QVariant &v)
    {
        m_values.append(bindValue(m_d, v));
        return m_d.placeholder();
    }

    const Dialect &m_d;
    const QuerySpec &m_q;
    std::vector<Source> m_tables;
    QVariantList m_values;
    friend Result<CompiledSql> strata::mapping::compileCount(const Dialect &, const QuerySpec &);
};

Status SelectCompiler::checkTable(const TableDef *t, const QString &alias) const
{
    const bool found = std::any_of(m_tables.begin(), m_tables.end(),
                                   [&](const Source &s) { return s.table == t && s.alias == alias; });
    if (found)
        return {};
    if (!alias.isEmpty())
        return unsupported(QStringLiteral("no table of the query is called %1 (a %2 alias not joined)").arg(alias, t->name));
    return unsupported(QStringLiteral("table %1 is neither the query's table nor joined").arg(t->name));
}

Result<QString> SelectCompiler::column(const ColumnExpr &c) const
{
    if (!c.column)
        return unsupported(c.error);
    if (const Status s = checkTable(c.table, c.alias); !s)
        return s.error();
    return columnOf(*c.table, c.alias, c.column->name);
}

Result<QString> SelectCompiler::from()
{
    if (!m_q.root)
        return unsupported(QStringLiteral("a query without a table"));
    if (!m_q.error.isEmpty())
        return unsupported(m_q.error);
    m_tables = {{m_q.root, QString()}};
    QString sql = QStringLiteral(" FROM ") + tableName(m_d, *m_q.root);
    for (const JoinSpec &j : m_q.joins) {
        if (const Status s = checkTable(j.from, j.fromAlias); !s)
            return s.error();
        const TableDef &target = j.relation->target();
        if (j.alias.isEmpty()) {
            if (std::any_of(m_tables.begin(), m_tables.end(), [&](const Source &s) { return s.table == &target && s.alias.isEmpty(); }))
                return unsupported(QStringLiteral("table %1 joined twice: join it under an alias (aliased<T>(name))").arg(target.name));
        } else {
            const bool taken = std::any_of(m_tables.begin(), m_tables.end(), [&](const Source &s) {
                return s.alias.compare(j.alias, Qt::CaseInsensitive) == 0
                    || (s.alias.isEmpty() && s.table->name.compare(j.alias, Qt::CaseInsensitive) == 0);
            });
            if (taken)
                return unsupported(QStringLiteral("the alias %1 names another table of the query").arg(j.alias));
        }
        m_tables.push_back({&target, j.alias});
        const bool manyToOne = j.relation->kind == RelationDef::Kind::ManyToOne;
        const Source parent = manyToOne ? Source{&target, j.alias} : Source{j.from, j.fromAlias};
        const Source child = manyToOne ? Source{j.from, j.fromAlias} : Source{&target, j.alias};
        const QStringList fk = j.relation->foreignKeyColumns();
        const QStringList pk = parent.table->primaryKey();
        if (fk.isEmpty() || fk.size() != pk.size())
            return unsupported(QStringLiteral("the relationship to %1 has no usable foreign key").arg(target.name));
        QStringList on;
        for (qsizetype i = 0; i < fk.size(); ++i)
            on.append(columnOf(*parent.table, parent.alias, pk[i]) + QStringLiteral(" = ")
                      + columnOf(*child.table, child.alias, fk[i]));
        sql += QStringLiteral(" JOIN ") + tableName(m_d, target);
        if (!j.alias.isEmpty())
            sql += QStringLiteral(" AS ") + m_d.quoteIdentifier(j.alias);
        sql += QStringLiteral(" ON ") + on.join(QStringLiteral(" AND "));
    }
    return sql;
}

Result<QString> SelectCompiler::expr(const ExprNode *n)
{
    using Op = ExprNode::Op;
    if (n->op == Op::Invalid)
        return unsupported(n->error);
    if (n->op == Op::And || n->op == Op::Or || n->op == Op::Not) {
        QStringList parts;
        for (const auto &c : n->children) {
            const Result<QString> p = expr(c.get());
            if (!p)
                return p;
            parts.append(*p);
        }
        if (n->op == Op::Not)
            return QStringLiteral("NOT (") + parts.value(0) + QLatin1Char(')');
        return QLatin1Char('(') + parts.join(n->op == Op::And ? QStringLiteral(" AND ") : QStringLiteral(" OR ")) + QLatin1Char(')');
    }
    const ExprNode *c = n->children.empty() ? nullptr : n->children.front().get();
    if (!c || c->op != Op::Column)
        return unsupported(QStringLiteral("a condition without a column"));
    const Result<QString> colSql = column({c->table, c->column, QString(), c->alias});
    if (!colSql)
        return colSql;
    const QString &x = *colSql;
    switch (n->op) {
    case Op::Compare:
        return x + QLatin1Char(' ') + n->compareOp + QLatin1Char(' ') + bind(n->values.value(0));
    case Op::Between: {
        // Bound one after the other: the operands of + have no evaluation order.
        const QString low = bind(n->values.value(0));
        const QString high = bind(n->values.value(1));
        return x + QStringLiteral(" BETWEEN ") + low + QStringLiteral(" AND ") + high;
    }
    case Op::In: {
        if (n->values.isEmpty())
            return QStringLiteral("1 = 0");   // IN () is not SQL; an empty list matches nothing
        QStringList ps;
        for (const QVariant &v : n->values)
            ps.append(bind(v));
        return x + QStringLiteral(" IN (") + ps.join(QStringLiteral(", ")) + QLatin1Char(')');
    }
    case Op::Like:
        return x + QStringLiteral(" LIKE ") + bind(n->values.value(0));
    case Op::ILike:
        if (m_d.capabilities().ilike)
            return x + QStringLiteral(" ILIKE ") + bind(n->values.value(0));
        return QStringLiteral("lower(") + x + QStringLiteral(") LIKE lower(") + bind(n->values.value(0)) + QLatin1Char(')');
    case Op::IsNull:
        return x + QStringLiteral(" IS NULL");
    case Op::IsNotNull:
        return x + QStringLiteral(" IS NOT NULL");
    default:
        return unsupported(QStringLiteral("an unknown expression"));
    }
}

Result<QString> SelectCompiler::whereClause()
{
    if (m_q.where.empty())
        return QString();
    const Expr all = m_q.where.size() == 1 ? m_q.where.front() : Expr::combine(ExprNode::Op::And, m_q.where);
    const Result<QString> e = expr(all.node());
    if (!e)
        return e;
    return QStringLiteral(" WHERE ") + *e;
}

Result<QString> SelectCompiler::orderAndLimit()
{
    QString sql;
    QStringList terms;
    for (const OrderTerm &o : m_q.order) {
        const Result<QString> c = column(o.column);
        if (!c)
            return c;
        terms.append(*c + (o.descending ? QStringLiteral(" DESC") : QStringLiteral(" ASC")));
    }
    if (!terms.isEmpty())
        sql += QStringLiteral(" ORDER BY ") + terms.join(QStringLiteral(", "));
    if ((m_q.limit && *m_q.limit < 0) || (m_q.offset && *m_q.offset < 0))
        return unsupported(QStringLiteral("a negative LIMIT or OFFSET"));
    if (m_q.limit)
        sql += QStringLiteral(" LIMIT ") + bind(qlonglong(*m_q.limit));
    else if (m_q.offset && m_d.kind() == dialect::DialectKind::Sqlite)
        sql += QStringLiteral(" LIMIT -1");   // SQLite has no OFFSET without LIMIT
    if (m_q.offset)
        sql += QStringLiteral(" OFFSET ") + bind(qlonglong(*m_q.offset));
    return sql;
}

Result<CompiledSql> SelectCompiler::select()
{
    const Result<QString> f = from();
    if (!f)
        return f.error();
    QStringList cols;
    if (m_q.columns.empty()) {
        for (const ColumnDef &c : m_q.root->columns)
            cols.append(columnName(m_d, *m_q.root, c.name));
    }
    for (const ColumnExpr &c : m_q.columns) {
        const Result<QString> s = column(c);
        if (!s)
            return s.error();
        cols.append(*s);
    }
    const Result<QString> w = whereClause();
    if (!w)
        return w.error();
    const Result<QString> o = orderAndLimit();
    if (!o)
        return o.error();
    const QString head = m_q.distinct ? QStringLiteral("SELECT DISTINCT ") : QStringLiteral("SELECT ");
    return CompiledSql{head + cols.join(QStringLiteral(", ")) + *f + *w + *o, m_values};
}

} // namespace

Result<CompiledSql> compileSelect(const Dialect &dialect, const QuerySpec &query)
{
    return SelectCompiler(dialect, query).select();
}

Result<CompiledSql> compileCount(const Dialect &dialect, const QuerySpec &query)
{
    const bool simple = query.joins.empty() && !query.limit && !query.offset;
    if (simple) {
        SelectCompiler c(dialect, query);
        const Result<QString> f = c.from();
        if (!f)
            return f.error();
        const Result<QString> w = c.whereClause();
        if (!w)
            return w.error();
        return CompiledSql{QStringLiteral("SELECT count(*)") + *f + *w, c.m_values};
    }
    // Joined or limited: count the distinct root rows the query would return.
    QuerySpec inner = query;
    inner.order.clear();
    inner.columns.clear();
    inner.distinct = true;
    if (query.root) {
        for (const QString &k : query.root->primaryKey())
            inner.columns.push_back({query.root, query.root->column(k), QString(), QString()});
    }
    const Result<CompiledSql> s = compileSelect(dialect, inner);
    if (!s)
        return s;
    return CompiledSql{QStringLiteral("SELECT count(*) FROM (") + s->sql + QStringLiteral(") AS ")
                           + dialect.quoteIdentifier(QStringLiteral("q")), s->values};
}

} // namespace strata::mapping
