#include "gridsqlbuilder.h"

namespace strata::data {

using dialect::DialectKind;

GridSqlBuilder::GridSqlBuilder(TableInfo table, GridSpec spec)
    : m_table(std::move(table))
    , m_spec(std::move(spec))
{
    const QStringList identity = identityExpressions();
    const bool orderedIdentity = m_table.identity == RowIdentity::PrimaryKey || m_table.identity == RowIdentity::Rowid;
    if (orderedIdentity && m_spec.sort.isEmpty()) {
        m_keyset = true;
    } else if (orderedIdentity && m_spec.sort.size() == 1 && m_table.keyColumns.size() == 1
               && m_table.identity == RowIdentity::PrimaryKey && m_spec.sort.first().column == m_table.keyColumns.first()) {
        m_keyset = true;
        m_descending = m_spec.sort.first().descending;
    }
    if (m_keyset)
        m_navExpressions = identity;
}

QString GridSqlBuilder::quote(const QString &name) const
{
    return dialect::dialectFor(m_table.dialect).quoteIdentifier(name);
}

QString GridSqlBuilder::target() const
{
    const bool implicitSchema = m_table.dialect == DialectKind::Sqlite && m_table.schema == QLatin1String("main");
    return dialect::dialectFor(m_table.dialect).qualifiedName(implicitSchema ? QString() : m_table.schema, m_table.name);
}

QStringList GridSqlBuilder::identityExpressions() const
{
    switch (m_table.identity) {
    case RowIdentity::PrimaryKey: {
        QStringList list;
        for (int c : m_table.keyColumns)
            list << quote(m_table.columns.at(c).name);
        return list;
    }
    case RowIdentity::Rowid: return {m_table.rowidName};
    case RowIdentity::Ctid: return {QStringLiteral("ctid")};
    case RowIdentity::WholeRow: {
        QStringList list;
        for (const ColumnMeta &c : m_table.columns)
            list << quote(c.name);
        return list;
    }
    case RowIdentity::None: return {};
    }
    return {};
}

QString GridSqlBuilder::selectList() const
{
    QStringList list = identityExpressions();
    for (const ColumnMeta &c : m_table.columns)
        list << quote(c.name);
    return list.join(QStringLiteral(", "));
}

QString GridSqlBuilder::filterCondition(const ColumnFilter &f, SqlParams &params) const
{
    const ColumnMeta &meta = m_table.columns.at(f.column);
    const bool pg = m_table.dialect == DialectKind::Postgres;
    const QString col = quote(meta.name);
    // Types without an equality operator (json, xml, point...) compare as text.
    const bool compareText = pg && (meta.type == ValueType::Json || meta.type == ValueType::Other);
    const QString typed = compareText ? col + QStringLiteral("::text") : col;
    switch (f.op) {
    case FilterOp::IsNull: return col + QStringLiteral(" IS NULL");
    case FilterOp::IsNotNull: return col + QStringLiteral(" IS NOT NULL");
    case FilterOp::Contains: {
        QString pattern = f.value;
        pattern.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
        pattern.replace(QLatin1Char('%'), QLatin1String("\\%"));
        pattern.replace(QLatin1Char('_'), QLatin1String("\\_"));
        pattern = QLatin1Char('%') + pattern + QLatin1Char('%');
        if (pg)
            return col + QStringLiteral("::text ILIKE ") + params.add(pattern) + QStringLiteral(" ESCAPE '\\'");
        return col + QStringLiteral(" LIKE ") + params.add(pattern) + QStringLiteral(" ESCAPE '\\'");
    }
    case FilterOp::Equals: return typed + QStringLiteral(" = ") + params.add(f.value);
    case FilterOp::NotEquals: return typed + QStringLiteral(" <> ") + params.add(f.value);
    case FilterOp::Less: return typed + QStringLiteral(" < ") + params.add(f.value);
    case FilterOp::LessOrEqual: return typed + QStringLiteral(" <= ") + params.add(f.value);
    case FilterOp::Greater: return typed + QStringLiteral(" > ") + params.add(f.value);
    case FilterOp::GreaterOrEqual: return typed + QStringLiteral(" >= ") + params.add(f.value);
    }
    return {};
}

QString GridSqlBuilder::where(SqlParams &params, const std::function<QString(SqlParams &)> &extra) const
{
    QStringList conditions;
    for (const ColumnFilter &f : m_spec.filters)
        if (f.column >= 0 && f.column < m_table.columns.size())
            conditions << filterCondition(f, params);
    if (!m_spec.where.trimmed().isEmpty())
        conditions << QLatin1Char('(') + m_spec.where + QStringLiteral("\n)");
    if (extra) {
        const QString condition = extra(params);
        if (!condition.isEmpty())
            conditions << condition;
    }
    return conditions.isEmpty() ? QString() : QStringLiteral(" WHERE ") + conditions.join(QStringLiteral(" AND "));
}

QString GridSqlBuilder::keyComparison(const QString &op, const QVariantList &key, SqlParams &params) const
{
    QStringList holders;
    for (const QVariant &v : key)
        holders << params.add(v);
    if (m_navExpressions.size() == 1)
        return m_navExpressions.first() + QLatin1Char(' ') + op + QLatin1Char(' ') + holders.first();
    return QLatin1Char('(') + m_navExpressions.join(QStringLiteral(", ")) + QStringLiteral(") ") + op + QStringLiteral(" (")
         + holders.join(QStringLiteral(", ")) + QLatin1Char(')');
}

QString GridSqlBuilder::orderBy(bool reverse) const
{
    QStringList terms;
    if (m_keyset) {
        const bool desc = m_descending != reverse;
        for (const QString &e : m_navExpressions)
            terms << e + (desc ? QStringLiteral(" DESC") : QStringLiteral(" ASC"));
    } else {
        for (const SortKey &s : m_spec.sort)
            terms << quote(m_table.columns.at(s.column).name) + (s.descending ? QStringLiteral(" DESC") : QStringLiteral(" ASC"));
        // A tie-breaker on the identity keeps OFFSET pages stable (ctid is not worth a sort).
        if (m_table.identity == RowIdentity::PrimaryKey || m_table.identity == RowIdentity::Rowid)
            terms << identityExpressions();
    }
    return terms.isEmpty() ? QString() : QStringLiteral(" ORDER BY ") + terms.join(QStringLiteral(", "));
}

QString GridSqlBuilder::anchorCondition(const WindowAnchor &anchor, SqlParams &params) const
{
    // "after" in display order is ">" ascending and "<" descending.
    const QString forward = m_descending ? QStringLiteral("<") : QStringLiteral(">");
    const QString backward = m_descending ? QStringLiteral(">") : QStringLiteral("<");
    if (anchor.kind == AnchorKind::AtOrAfter)
        return keyComparison(forward + QLatin1Char('='), anchor.key, params);
    if (anchor.kind == AnchorKind::After)
        return keyComparison(forward, anchor.key, params);
    if (anchor.kind == AnchorKind::Before)
        return keyComparison(backward, anchor.key, params);
    return {};
}

BoundSql GridSqlBuilder::window(const WindowAnchor &anchor, int limit, qint64 offset) const
{
    SqlParams params(m_table.dialect);
    const bool reverse = m_keyset && reversed(anchor.kind);
    auto keyCondition = [this, &anchor, offset, reverse](SqlParams &p) -> QString {
        if (!m_keyset)
            return {};
        if (offset <= 0)
            return anchorCondition(anchor, p);
        // Skip the offset on the key alone: the server steps over index entries (an
        // index-only scan on PostgreSQL) instead of whole rows, then reads one window.
        const QString keys = m_navExpressions.join(QStringLiteral(", "));
        const QString sub = QStringLiteral("(SELECT ") + keys + QStringLiteral(" FROM ") + target()
                          + where(p, [this, &anchor](SqlParams &q) { return anchorCondition(anchor, q); }) + orderBy(reverse)
                          + QStringLiteral(" LIMIT 1 OFFSET ") + QString::number(offset) + QLatin1Char(')');
        const QString op = (m_descending != reverse) ? QStringLiteral("<=") : QStringLiteral(">=");
        const QString lhs = m_navExpressions.size() == 1 ? keys : QLatin1Char('(') + keys + QLatin1Char(')');
        return lhs + QLatin1Char(' ') + op + QLatin1Char(' ') + sub;
    };
    QString sql = QStringLiteral("SELECT ") + selectList() + QStringLiteral(" FROM ") + target() + where(params, keyCondition)
                + orderBy(reverse) + QStringLiteral(" LIMIT %1").arg(limit);
    if (offset > 0 && !m_keyset)
        sql += QStringLiteral(" OFFSET %1").arg(offset);
    return {sql, params.values()};
}

BoundSql GridSqlBuilder::selection() const
{
    SqlParams params(m_table.dialect);
    QStringList columns;
    for (const ColumnMeta &c : m_table.columns)
        columns << quote(c.name);
    const QString sql = QStringLiteral("SELECT ") + columns.join(QStringLiteral(", ")) + QStringLiteral(" FROM ") + target()
                      + where(params) + orderBy(false);
    return {sql, params.values()};
}

BoundSql GridSqlBuilder::count() const
{
    SqlParams params(m_table.dialect);
    const QString sql = QStringLiteral("SELECT count(*) FROM ") + target() + where(params);
    return {sql, params.values()};
}

std::optional<BoundSql> GridSqlBuilder::estimate() const
{
    if (m_spec.hasFilter())
        return std::nullopt;
    if (m_table.dialect == DialectKind::Postgres) {
        if (m_table.kind == catalog::RelationKind::View)
            return std::nullopt;
        // reltuples is -1 before the first ANALYZE and 0 after one that saw no committed rows
        // (rows added since do not change it): both are "unknown", never an estimate of 0.
        return BoundSql{QStringLiteral("SELECT CASE WHEN reltuples >= 1 THEN reltuples::bigint ELSE -1 END "
                                       "FROM pg_class WHERE oid = to_regclass($1)"),
                        {dialect::dialectFor(m_table.dialect).qualifiedName(m_table.schema, m_table.name)}};
    }
    if (m_table.rowidName.isEmpty())
        return std::nullopt;
    return BoundSql{QStringLiteral("SELECT max(") + m_table.rowidName + QStringLiteral(") FROM ") + target(), {}};
}

BoundSql GridSqlBuilder::sampleBoundaries(const QVariantList &after, int chunk, int step) const
{
    SqlParams params(m_table.dialect);
    QStringList aliases;
    QStringList inner;
    for (int i = 0; i < m_navExpressions.size(); ++i) {
        aliases << quote(QStringLiteral("k%1").arg(i));
        inner << m_navExpressions.at(i) + QStringLiteral(" AS ") + aliases.last();
    }
    auto keyCondition = [this, &after](SqlParams &p) {
        return after.isEmpty() ? QString() : keyComparison(m_descending ? QStringLiteral("<") : QStringLiteral(">"), after, p);
    };
    QStringList windowOrder;
    for (const QString &a : aliases)
        windowOrder << a + (m_descending ? QStringLiteral(" DESC") : QStringLiteral(" ASC"));
    // Concatenated, not arg()-ed: the WHERE part may hold the user's own "%1".
    const QString keys = aliases.join(QStringLiteral(", "));
    const QString sql = QStringLiteral("SELECT ") + keys + QStringLiteral(", rn FROM (SELECT ") + keys
                      + QStringLiteral(", row_number() OVER (ORDER BY ") + windowOrder.join(QStringLiteral(", "))
                      + QStringLiteral(") AS rn FROM (SELECT ") + inner.join(QStringLiteral(", ")) + QStringLiteral(" FROM ")
                      + target() + where(params, keyCondition) + orderBy(false) + QStringLiteral(" LIMIT ")
                      + QString::number(chunk) + QStringLiteral(") AS a) AS b WHERE (rn - 1) % ") + QString::number(step)
                      + QStringLiteral(" = 0 OR rn = ") + QString::number(chunk) + QStringLiteral(" ORDER BY rn");
    return {sql, params.values()};
}

BoundSql GridSqlBuilder::sampleSteps(const QVariantList &from, int steps, int step) const
{
    SqlParams params(m_table.dialect);
    const QString key = m_navExpressions.value(0);
    const QString forward = m_descending ? QStringLiteral("<") : QStringLiteral(">");
    const QString order = QStringLiteral(" ORDER BY ") + key + (m_descending ? QStringLiteral(" DESC") : QStringLiteral(" ASC"));
    const QString first = QStringLiteral("(SELECT ") + key + QStringLiteral(" FROM ") + target()
                        + where(params, [&](SqlParams &p) { return from.isEmpty() ? QString() : keyComparison(forward + QLatin1Char('='), from, p); })
                        + order + QStringLiteral(" LIMIT 1)");
    // The step's subquery refers to the previous key as strata_s.strata_k (correlated).
    const QString next = QStringLiteral("(SELECT ") + key + QStringLiteral(" FROM ") + target()
                       + where(params, [&](SqlParams &) { return key + QLatin1Char(' ') + forward + QStringLiteral(" strata_s.strata_k"); })
                       + order + QStringLiteral(" LIMIT 1 OFFSET ") + QString::number(step - 1) + QLatin1Char(')');
    const QString sql = QStringLiteral("WITH RECURSIVE strata_s(strata_n, strata_k) AS (SELECT 0, ") + first
                      + QStringLiteral(" UNION ALL SELECT strata_n + 1, ") + next
                      + QStringLiteral(" FROM strata_s WHERE strata_k IS NOT NULL AND strata_n < ") + QString::number(steps)
                      + QStringLiteral(") SELECT strata_n, strata_k FROM strata_s WHERE strata_k IS NOT NULL ORDER BY strata_n");
    return {sql, params.values()};
}

std::optional<BoundSql> GridSqlBuilder::keyHistogram() const
{
    if (!m_keyset || m_navExpressions.size() != 1 || m_spec.hasFilter())
        return std::nullopt;
    if (m_table.dialect == DialectKind::Sqlite) {
        // An integer key (or the rowid): its two ends, each one B-tree descent. Integer keys
        // interpolate between them (KeyQuantiles), which dense keys fit exactly.
        const bool integerKey = m_table.identity == RowIdentity::Rowid
                             || (m_table.keyColumns.size() == 1 && m_table.columns.at(m_table.keyColumns.first()).type == ValueType::Integer);
        if (!integerKey)
            return std::nullopt;
        const QString key = m_navExpressions.first();
        return BoundSql{QStringLiteral("SELECT min(") + key + QStringLiteral(") FROM ") + target() + QStringLiteral(" UNION ALL SELECT max(")
                            + key + QStringLiteral(") FROM ") + target(),
                        {}};
    }
    if (m_table.dialect != DialectKind::Postgres || m_table.keyColumns.size() != 1)
        return std::nullopt;
    return BoundSql{QStringLiteral("SELECT u.b FROM pg_stats s, unnest(s.histogram_bounds::text::text[]) WITH ORDINALITY AS u(b, i) "
                                   "WHERE s.schemaname = $1 AND s.tablename = $2 AND s.attname = $3 AND NOT s.inherited ORDER BY u.i"),
                    {m_table.schema, m_table.name, m_table.columns.at(m_table.keyColumns.first()).name}};
}

BoundSql GridSqlBuilder::keySample(double percent) const
{
    SqlParams params(m_table.dialect);
    const QString key = m_navExpressions.value(0);
    const QString sql = QStringLiteral("SELECT ") + key + QStringLiteral(" FROM ") + target() + QStringLiteral(" TABLESAMPLE SYSTEM (")
                      + params.add(QString::number(percent, 'f', 6)) + QStringLiteral(") ORDER BY ") + key;
    return {sql, params.values()};
}

BoundSql GridSqlBuilder::keyDistance(const QVariantList &from, const QVariantList &to) const
{
    SqlParams params(m_table.dialect);
    const QString forward = m_descending ? QStringLiteral("<") : QStringLiteral(">");
    const QString backward = m_descending ? QStringLiteral(">") : QStringLiteral("<");
    // Rows in [from, to) count forwards, rows in [to, from) backwards; one of them is empty.
    auto between = [&](const QVariantList &low, const QVariantList &high) {
        // One statement at a time: placeholders are numbered (and "?" bound) in text order.
        const QString condition = where(params, [&](SqlParams &p) {
            const QString atOrAfter = keyComparison(forward + QLatin1Char('='), low, p);
            return atOrAfter + QStringLiteral(" AND ") + keyComparison(backward, high, p);
        });
        return QStringLiteral("(SELECT count(*) FROM ") + target() + condition + QLatin1Char(')');
    };
    const QString forwards = between(from, to);
    const QString backwards = between(to, from);
    const QString sql = QStringLiteral("SELECT ") + forwards + QStringLiteral(" - ") + backwards;
    return {sql, params.values()};
}

BoundSql GridSqlBuilder::rowByIdentity(const QVariantList &identity) const
{
    SqlParams params(m_table.dialect);
    QStringList conditions;
    const QStringList expressions = identityExpressions();
    for (int i = 0; i < expressions.size() && i < identity.size(); ++i)
        conditions << expressions.at(i) + QStringLiteral(" = ") + params.add(identity.at(i));
    const QString sql = QStringLiteral("SELECT ") + selectList() + QStringLiteral(" FROM ") + target() + QStringLiteral(" WHERE ")
                      + conditions.join(QStringLiteral(" AND "));
    return {sql, params.values()};
}

std::optional<BoundSql> GridSqlBuilder::rowPosition(const QVariantList &identity) const
{
    const QStringList expressions = identityExpressions();
    if (expressions.isEmpty() || identity.size() != expressions.size())
        return std::nullopt;
    SqlParams params(m_table.dialect);
    auto sameRow = [&](const QStringList &lhs, SqlParams &p) {
        QStringList conditions;
        for (int i = 0; i < lhs.size(); ++i)
            conditions << lhs.at(i) + QStringLiteral(" = ") + p.add(identity.at(i));
        return conditions.join(QStringLiteral(" AND "));
    };
    if (m_keyset) {
        // The navigation key is the identity: count the keys before it, if the row is shown.
        const QString backward = m_descending ? QStringLiteral(">") : QStringLiteral("<");
        const QString before = QStringLiteral("(SELECT count(*) FROM ") + target()
                             + where(params, [&](SqlParams &p) { return keyComparison(backward, identity, p); }) + QLatin1Char(')');
        const QString sql = QStringLiteral("SELECT ") + before + QStringLiteral(" FROM ") + target()
                          + where(params, [&](SqlParams &p) { return sameRow(expressions, p); });
        return BoundSql{sql, params.values()};
    }
    QStringList inner;
    QStringList aliases;
    for (int i = 0; i < expressions.size(); ++i) {
        aliases << quote(QStringLiteral("k%1").arg(i));
        inner << expressions.at(i) + QStringLiteral(" AS ") + aliases.last();
    }
    const QString order = orderBy(false).mid(1);   // "ORDER BY …" or empty: the order the windows are read in
    const QString sql = QStringLiteral("SELECT n - 1 FROM (SELECT ") + inner.join(QStringLiteral(", "))
                      + QStringLiteral(", row_number() OVER (") + order + QStringLiteral(") AS n FROM ") + target() + where(params)
                      + QStringLiteral(") AS r WHERE ") + sameRow(aliases, params);
    return BoundSql{sql, params.values()};
}

QVariantList GridSqlBuilder::navigationKey(const QVariantList &row) const
{
    return row.mid(0, m_navExpressions.size());
}

} // namespace strata::data
