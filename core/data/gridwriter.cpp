#include "gridwriter.h"

#include "nativequery.h"

namespace strata::data {

using dialect::DialectKind;

namespace {

/// Rolls back unless committed: a failed save never leaves a transaction open.
class SaveTransaction {
public:
    SaveTransaction(connection::JobContext &job) : m_job(job) {}
    ~SaveTransaction()
    {
        if (m_open)
            (void)execNative(m_job.native, m_job.dialect, QStringLiteral("ROLLBACK"));
    }
    Status begin()
    {
        const bool sqlite = m_job.dialect.kind() == DialectKind::Sqlite;
        Status s = execNative(m_job.native, m_job.dialect, sqlite ? QStringLiteral("BEGIN IMMEDIATE") : QStringLiteral("BEGIN"));
        m_open = s.ok();
        return s;
    }
    Status commit()
    {
        Status s = execNative(m_job.native, m_job.dialect, QStringLiteral("COMMIT"));
        if (s)
            m_open = false;
        return s;
    }
    void rollback()
    {
        if (m_open)
            (void)execNative(m_job.native, m_job.dialect, QStringLiteral("ROLLBACK"));
        m_open = false;
    }

private:
    connection::JobContext &m_job;
    bool m_open = false;
};

} // namespace

GridWriter::GridWriter(TableInfo table)
    : m_table(table)
    , m_builder(std::move(table), GridSpec{})
{
}

QString GridWriter::identityCondition(const QVariantList &identity, SqlParams &params) const
{
    // The whole-row identity is the before-image, which every statement then checks.
    if (m_table.identity == RowIdentity::WholeRow)
        return QStringLiteral("1 = 1");
    const QStringList expressions = m_builder.identityExpressions();
    QStringList conditions;
    for (int i = 0; i < expressions.size(); ++i)
        conditions << expressions.at(i) + QStringLiteral(" = ") + params.add(identity.value(i));
    return conditions.join(QStringLiteral(" AND "));
}

QString GridWriter::unchangedCondition(int column, const QVariant &value, SqlParams &params) const
{
    return dialect::dialectFor(m_table.dialect).unchangedCondition(m_table.columns.at(column).compared(), value, params);
}

QString GridWriter::returning() const
{
    return QStringLiteral(" RETURNING ") + m_builder.selectList();
}

SaveStatement GridWriter::update(const QVariantList &identity, const QVariantList &before, const QMap<int, QVariant> &changes) const
{
    const auto &d = dialect::dialectFor(m_table.dialect);
    SqlParams params(m_table.dialect);
    SaveStatement s;
    s.kind = EditKind::Update;
    s.identity = identity;
    s.before = before;
    QStringList sets;
    for (auto it = changes.cbegin(); it != changes.cend(); ++it) {
        sets << d.quoteIdentifier(m_table.columns.at(it.key()).name) + QStringLiteral(" = ") + params.add(it.value());
        s.changed << it.key();
    }
    s.after = before;
    for (auto it = changes.cbegin(); it != changes.cend(); ++it)
        if (it.key() < s.after.size())
            s.after[it.key()] = it.value();
    QStringList where{identityCondition(identity, params)};
    // Without a key (ctid; a rowid that VACUUM may renumber) the whole before-image must match.
    // Views too: one view row may stand for a base row that others show differently.
    const bool wholeRow = m_table.identity == RowIdentity::Ctid || m_table.identity == RowIdentity::Rowid
                       || m_table.identity == RowIdentity::WholeRow || m_table.isView();
    for (int c = 0; c < m_table.columns.size(); ++c)
        if (wholeRow || changes.contains(c))
            where << unchangedCondition(c, before.value(c), params);
    s.sql.sql = QStringLiteral("UPDATE ") + m_builder.target() + QStringLiteral(" SET ") + sets.join(QStringLiteral(", "))
              + QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND ")) + returning();
    s.sql.values = params.values();
    return s;
}

SaveStatement GridWriter::remove(const QVariantList &identity, const QVariantList &before) const
{
    SqlParams params(m_table.dialect);
    SaveStatement s;
    s.kind = EditKind::Delete;
    s.identity = identity;
    s.before = before;
    QStringList where{identityCondition(identity, params)};
    for (int c = 0; c < m_table.columns.size(); ++c)
        where << unchangedCondition(c, before.value(c), params);
    s.sql.sql = QStringLiteral("DELETE FROM ") + m_builder.target() + QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND "))
              + returning();
    s.sql.values = params.values();
    return s;
}

SaveStatement GridWriter::insert(const QMap<int, QVariant> &values, const QVariantList &identity) const
{
    const auto &d = dialect::dialectFor(m_table.dialect);
    SqlParams params(m_table.dialect);
    SaveStatement s;
    s.kind = EditKind::Insert;
    QStringList columns;
    QStringList holders;
    bool overriding = false;
    if (!identity.isEmpty() && m_table.identity == RowIdentity::Rowid) {
        columns << m_table.rowidName;   // restoring a deleted row keeps its rowid
        holders << params.add(identity.first());
    }
    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        const ColumnMeta &meta = m_table.columns.at(it.key());
        if (meta.generated)
            continue;
        overriding = overriding || meta.identityAlways;
        columns << d.quoteIdentifier(meta.name);
        holders << params.add(it.value());
        s.changed << it.key();
    }
    QString sql = QStringLiteral("INSERT INTO ") + m_builder.target();
    if (columns.isEmpty()) {
        sql += QStringLiteral(" DEFAULT VALUES");
    } else {
        sql += QStringLiteral(" (") + columns.join(QStringLiteral(", ")) + QLatin1Char(')');
        if (overriding && m_table.dialect == DialectKind::Postgres)
            sql += QStringLiteral(" OVERRIDING SYSTEM VALUE");
        sql += QStringLiteral(" VALUES (") + holders.join(QStringLiteral(", ")) + QLatin1Char(')');
    }
    s.sql.sql = sql + returning();
    s.sql.values = params.values();
    return s;
}

QList<SaveStatement> GridWriter::compile(const QList<RowEdit> &edits) const
{
    QList<SaveStatement> statements;
    for (const RowEdit &e : edits) {
        switch (e.kind) {
        case EditKind::Update:
            if (!e.changes.isEmpty())
                statements << update(e.identity, e.before, e.changes);
            break;
        case EditKind::Delete:
            statements << remove(e.identity, e.before);
            break;
        case EditKind::Insert:
            statements << insert(e.changes);
            statements.last().insertIndex = e.insertIndex;
            break;
        }
    }
    return statements;
}

QList<SaveStatement> GridWriter::compileUndo(const SaveRecord &record) const
{
    QList<SaveStatement> statements;
    for (auto it = record.changes.crbegin(); it != record.changes.crend(); ++it) {
        const SavedChange &c = *it;
        if (c.kind == EditKind::Update) {
            QMap<int, QVariant> revert;
            for (int column : c.changed)
                revert.insert(column, c.before.value(column));
            statements << update(c.afterIdentity, c.after, revert);
        } else if (c.kind == EditKind::Insert) {
            statements << remove(c.afterIdentity, c.after);
        } else {
            QMap<int, QVariant> values;
            for (int column = 0; column < m_table.columns.size(); ++column)
                values.insert(column, c.before.value(column));
            statements << insert(values, c.beforeIdentity);
        }
    }
    return statements;
}

SaveOutcome GridWriter::execute(connection::JobContext &job, const QList<SaveStatement> &statements) const
{
    SaveOutcome outcome;
    SaveTransaction transaction(job);
    if (Status begun = transaction.begin(); !begun) {
        outcome.failure = SaveFailure{-1, begun.error(), false, std::nullopt};
        return outcome;
    }
    const int width = m_table.identityWidth();
    for (int i = 0; i < statements.size(); ++i) {
        const SaveStatement &s = statements.at(i);
        Result<RowSet> r = runNative(job.native, job.dialect, s.sql);
        if (!r) {
            outcome.failure = SaveFailure{i, r.error(), false, std::nullopt};
            return outcome;
        }
        if (r->rows.size() != 1) {
            SaveFailure failure{i, Error(ErrorKind::Conflict, QObject::tr("The row was changed or deleted on the server since it was read.")), true, std::nullopt};
            if (r->rows.size() > 1)
                failure = SaveFailure{i, Error(ErrorKind::Conflict, QObject::tr("The statement would change %1 rows instead of one.").arg(r->rows.size())), false, std::nullopt};
            transaction.rollback();
            if (failure.conflict && !s.identity.isEmpty()) {
                Result<RowSet> now = runNative(job.native, job.dialect, m_builder.rowByIdentity(s.identity));
                if (now && now->rows.size() == 1)
                    failure.theirs = now->rows.first().mid(width);
            }
            failure.error.sql = s.sql.sql;
            outcome.failure = failure;
            return outcome;
        }
        QVariantList row = r->rows.first();
        if (m_table.isView() && m_table.dialect == DialectKind::Sqlite && s.kind == EditKind::Update) {
            // RETURNING through an INSTEAD OF trigger only knows the SET values: the row is
            // what was read, with the changes.
            row.clear();
            if (m_table.identity == RowIdentity::PrimaryKey)
                for (int c : m_table.keyColumns)
                    row << s.after.value(c);
            else if (m_table.identity == RowIdentity::WholeRow)
                row << s.after;
            row << s.after;
        }
        outcome.record.changes.append(SavedChange{s.kind, s.identity, s.before, row.mid(0, width), row.mid(width), s.changed});
    }
    if (Status committed = transaction.commit(); !committed)
        outcome.failure = SaveFailure{-1, committed.error(), false, std::nullopt};
    return outcome;
}

} // namespace strata::data
