#pragma once

// Query<T>: a typed SELECT of mapped objects, built by chaining and run by a Session.
//
//   session.query<Book>()
//       .where(col(&Book::pages) > 500 && col(&Book::published).between(a, b))
//       .orderBy(desc(&Book::pages)).limit(2).all();
//
// where() calls are ANDed. join() follows a declared relationship (its table's columns may
// then appear in where/orderBy/select); with() loads a relationship of every result after
// the query (no lazy loading). select() turns the query into one of column tuples. Results
// come through the session's identity map; joined one-to-many rows are de-duplicated.
// compile() gives the SQL and bound values without running anything (exact-SQL tests).

#include "session.h"

#include <tuple>

namespace strata::mapping {

template <typename T, typename... Ms>
class ColumnQuery;

template <typename T>
class Query {
public:
    /// A query bound to a session (all/first/one/count run it).
    explicit Query(Session &session) : m_session(&session), m_dialect(&session.dialect()) { init(); }
    /// A query for compiling only.
    explicit Query(const dialect::Dialect &dialect) : m_dialect(&dialect) { init(); }

    Query &where(const Expr &condition)
    {
        m_spec.where.push_back(condition);
        return *this;
    }
    Query &filter(const Expr &condition) { return where(condition); }
    template <typename... Os>
    Query &orderBy(const OrderTerm &first, const Os &...rest)
    {
        m_spec.order.push_back(first);
        (m_spec.order.push_back(rest), ...);
        return *this;
    }
    Query &limit(qint64 n)
    {
        m_spec.limit = n;
        return *this;
    }
    Query &offset(qint64 n)
    {
        m_spec.offset = n;
        return *this;
    }

    /// Joins the table of relationship `relation` of C (T or a table joined before).
    template <typename C, typename R>
    Query &join(R C::*relation)
    {
        return joinFrom<C>(relation, QString(), QString(), nullptr);
    }
    /// Joins the table of `relation` under an alias (a table joined a second time, or T itself).
    template <typename C, typename R, typename A>
    Query &join(R C::*relation, const Alias<A> &as)
    {
        return joinFrom<C>(relation, QString(), as.name(), &tableDef<A>());
    }
    /// Joins the table of relationship `relation` of an aliased table joined before.
    template <typename C, typename R>
    Query &join(const Alias<C> &from, R C::*relation)
    {
        return joinFrom<C>(relation, from.name(), QString(), nullptr);
    }
    template <typename C, typename R, typename A>
    Query &join(const Alias<C> &from, R C::*relation, const Alias<A> &as)
    {
        return joinFrom<C>(relation, from.name(), as.name(), &tableDef<A>());
    }

    /// Loads relationship `relation` of every result after the query: one SELECT ... IN (...)
    /// per Session::relationChunk() distinct keys of all results (see Session::loadRelation).
    template <typename R>
    Query &with(R T::*relation)
    {
        const RelationDef *r = tableDef<T>().relationFor(relation);
        if (!r)
            m_spec.error = QStringLiteral("with() of a member that is not a relationship of %1").arg(tableDef<T>().name);
        else
            m_eager.push_back(r);
        return *this;
    }

    /// A query of column tuples instead of objects.
    template <typename... Cs, typename... Ms>
    ColumnQuery<T, Ms...> select(const Col<Cs, Ms> &...columns) const
    {
        QuerySpec spec = m_spec;
        (spec.columns.push_back(columns.resolve()), ...);
        return ColumnQuery<T, Ms...>(m_session, m_dialect, std::move(spec));
    }

    Result<CompiledSql> compile() const { return compileSelect(*m_dialect, m_spec); }
    Result<CompiledSql> compileCount() const { return mapping::compileCount(*m_dialect, m_spec); }
    const QuerySpec &spec() const { return m_spec; }

    Result<std::vector<std::shared_ptr<T>>> all() const
    {
        auto objects = run(m_spec);
        if (!objects)
            return objects.error();
        std::vector<std::shared_ptr<T>> out;
        out.reserve(objects->size());
        for (auto &o : *objects)
            out.push_back(std::static_pointer_cast<T>(std::move(o)));
        return out;
    }
    /// The first result, or a null pointer when there is none.
    Result<std::shared_ptr<T>> first() const
    {
        QuerySpec spec = m_spec;
        spec.limit = 1;
        const auto objects = run(spec);
        if (!objects)
            return objects.error();
        return objects->empty() ? std::shared_ptr<T>() : std::static_pointer_cast<T>(objects->front());
    }
    /// Exactly one result; NotFound for none, Conflict for several.
    Result<std::shared_ptr<T>> one() const
    {
        QuerySpec spec = m_spec;
        spec.limit = 2;
        const auto objects = run(spec);
        if (!objects)
            return objects.error();
        if (objects->size() != 1)
            return Error(objects->empty() ? ErrorKind::NotFound : ErrorKind::Conflict,
                         objects->empty() ? QStringLiteral("no row found for one()")
                                          : QStringLiteral("more than one row found for one()"));
        return std::static_pointer_cast<T>(objects->front());
    }
    Result<qint64> count() const
    {
        if (!m_session)
            return Error(ErrorKind::Unsupported, QStringLiteral("a query without a session cannot run"));
        const auto sql = compileCount();
        if (!sql)
            return sql.error();
        const auto rows = m_session->fetchRows(*sql);
        if (!rows)
            return rows.error();
        return rows->isEmpty() ? 0 : rows->front().value(0).toLongLong();
    }

private:
    template <typename C, typename R>
    Query &joinFrom(R C::*relation, const QString &fromAlias, const QString &alias, const TableDef *aliasTable)
    {
        const RelationDef *r = tableDef<C>().relationFor(relation);
        if (!r)
            m_spec.error = QStringLiteral("join through a member that is not a relationship of %1").arg(tableDef<C>().name);
        else if (aliasTable && aliasTable != &r->target())
            m_spec.error = QStringLiteral("the alias %1 is of table %2, the relationship leads to %3")
                               .arg(alias, aliasTable->name, r->target().name);
        else
            m_spec.joins.push_back({&tableDef<C>(), r, fromAlias, alias});
        return *this;
    }
    void init() { m_spec.root = &tableDef<T>(); }

    Result<std::vector<std::shared_ptr<void>>> run(const QuerySpec &spec) const
    {
        if (!m_session)
            return Error(ErrorKind::Unsupported, QStringLiteral("a query without a session cannot run"));
        const auto sql = compileSelect(*m_dialect, spec);
        if (!sql)
            return sql.error();
        auto objects = m_session->fetchObjects(*spec.root, *sql);
        if (!objects)
            return objects.error();
        if (!spec.joins.empty()) {   // a one-to-many join repeats the parent row
            std::vector<std::shared_ptr<void>> unique;
            for (auto &o : *objects) {
                if (std::find(unique.begin(), unique.end(), o) == unique.end())
                    unique.push_back(o);
            }
            *objects = std::move(unique);
        }
        for (const RelationDef *r : m_eager) {
            if (const Status s = m_session->loadRelation(*spec.root, *r, *objects); !s)
                return s.error();
        }
        return objects;
    }

    Session *m_session = nullptr;
    const dialect::Dialect *m_dialect = nullptr;
    QuerySpec m_spec;
    std::vector<const RelationDef *> m_eager;
};

template <typename T, typename... Ms>
class ColumnQuery {
public:
    using Row = std::tuple<Ms...>;

    ColumnQuery(Session *session, const dialect::Dialect *dialect, QuerySpec spec)
        : m_session(session), m_dialect(dialect), m_spec(std::move(spec)) {}

    Result<CompiledSql> compile() const { return compileSelect(*m_dialect, m_spec); }

    Result<std::vector<Row>> all() const
    {
        if (!m_session)
            return Error(ErrorKind::Unsupported, QStringLiteral("a query without a session cannot run"));
        const auto sql = compile();
        if (!sql)
            return sql.error();
        const auto rows = m_session->fetchRows(*sql);
        if (!rows)
            return rows.error();
        std::vector<Row> out;
        out.reserve(size_t(rows->size()));
        for (const QVariantList &row : *rows)
            out.push_back(toRow(row, std::index_sequence_for<Ms...>()));
        return out;
    }

private:
    template <size_t... I>
    Row toRow(const QVariantList &row, std::index_sequence<I...>) const
    {
        Row r;
        (m_spec.columns[I].column->decodeValue(&std::get<I>(r), row.value(int(I))), ...);
        return r;
    }

    Session *m_session;
    const dialect::Dialect *m_dialect;
    QuerySpec m_spec;
};

template <Mapped T>
Query<T> Session::query()
{
    return Query<T>(*this);
}

} // namespace strata::mapping
