#include "foreignkeylookup.h"

#include "catalog/catalogreader.h"
#include "connection/connection.h"
#include "nativequery.h"

namespace strata::data {

using connection::JobContext;
using dialect::DialectKind;

namespace {

struct LookupResult {
    LookupTarget target;
    QList<LookupItem> items;
};

/// Worker: the referenced table's key column (the FK's, or its primary key) and its first
/// text column other than the key.
Result<LookupTarget> describeTarget(JobContext &job, const catalog::ForeignKeyInfo &fk)
{
    auto reader = catalog::CatalogReader::create(job.dialect.kind());
    const QString schema = fk.referencedSchema.isEmpty() && job.dialect.kind() == DialectKind::Sqlite ? QStringLiteral("main")
                                                                                                        : fk.referencedSchema;
    Result<catalog::TableDetail> detail = reader->describeOne(job.db, schema, fk.referencedTable);
    if (!detail)
        return detail.error();
    LookupTarget target;
    target.dialect = job.dialect.kind();
    target.schema = schema;
    target.table = fk.referencedTable;
    target.keyColumn = fk.referencedColumns.value(0);
    for (const catalog::ColumnInfo &c : detail->columns)
        if (target.keyColumn.isEmpty() && c.primaryKeyPosition == 1)
            target.keyColumn = c.name;
    if (target.keyColumn.isEmpty())
        return Error(ErrorKind::NotFound, QObject::tr("The key referenced by this column was not found in %1.").arg(fk.referencedTable));
    for (const catalog::ColumnInfo &c : detail->columns)
        if (c.name != target.keyColumn && valueTypeFor(target.dialect, c.dataType) == ValueType::Text) {
            target.displayColumn = c.name;
            break;
        }
    return target;
}

} // namespace

std::optional<catalog::ForeignKeyInfo> ForeignKeyLookup::foreignKeyOf(const TableInfo &table, int column)
{
    if (column < 0 || column >= table.columns.size())
        return std::nullopt;
    for (const catalog::ForeignKeyInfo &fk : table.foreignKeys)
        if (fk.columns.size() == 1 && fk.columns.first() == table.columns.at(column).name)
            return fk;
    return std::nullopt;
}

BoundSql ForeignKeyLookup::searchSql(const LookupTarget &target, const QString &text, int limit)
{
    const auto &d = dialect::dialectFor(target.dialect);
    const bool pg = target.dialect == DialectKind::Postgres;
    const bool implicitSchema = !pg && target.schema == QLatin1String("main");
    const QString key = d.quoteIdentifier(target.keyColumn);
    const QString display = target.displayColumn.isEmpty() ? QStringLiteral("NULL") : d.quoteIdentifier(target.displayColumn);
    SqlParams params(target.dialect);
    QString sql = QStringLiteral("SELECT ") + key + QStringLiteral(", ") + display + QStringLiteral(" FROM ")
                + d.qualifiedName(implicitSchema ? QString() : target.schema, target.table);
    if (!text.isEmpty()) {
        QString pattern = text;
        pattern.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
        pattern.replace(QLatin1Char('%'), QLatin1String("\\%"));
        pattern.replace(QLatin1Char('_'), QLatin1String("\\_"));
        pattern = QLatin1Char('%') + pattern + QLatin1Char('%');
        const QString like = pg ? QStringLiteral(" ILIKE ") : QStringLiteral(" LIKE ");
        auto contains = [&](const QString &expression) {
            const QString asText = pg ? expression + QStringLiteral("::text") : QStringLiteral("CAST(") + expression + QStringLiteral(" AS TEXT)");
            return asText + like + params.add(pattern) + QStringLiteral(" ESCAPE '\\'");
        };
        sql += QStringLiteral(" WHERE ") + contains(key);
        if (!target.displayColumn.isEmpty())
            sql += QStringLiteral(" OR ") + contains(display);
    }
    sql += QStringLiteral(" ORDER BY ") + key + QStringLiteral(" LIMIT ") + QString::number(limit);
    return {sql, params.values()};
}

ForeignKeyLookup::ForeignKeyLookup(connection::Connection *connection, const TableInfo &table, int column, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
    , m_dialect(table.dialect)
    , m_fk(foreignKeyOf(table, column))
{
    qRegisterMetaType<LookupItem>();
}

void ForeignKeyLookup::search(const QString &text)
{
    if (!m_fk || !m_connection)
        return;
    const int sequence = ++m_sequence;
    m_connection->run<LookupResult>(
        this,
        [fk = *m_fk, known = m_target, text, limit = m_limit](JobContext &job) -> Result<LookupResult> {
            LookupResult out;
            if (known) {
                out.target = *known;
            } else {
                Result<LookupTarget> target = describeTarget(job, fk);
                if (!target)
                    return target.error();
                out.target = *target;
            }
            Result<RowSet> rows = runNative(job.native, job.dialect, searchSql(out.target, text, limit));
            if (!rows)
                return rows.error();
            for (const QVariantList &row : rows->rows)
                out.items << LookupItem{row.value(0), row.value(1).toString()};
            return out;
        },
        [this, sequence, text](Result<LookupResult> result) {
            if (result && !m_target)
                m_target = result->target;
            if (sequence != m_sequence)
                return;   // a newer search is on its way
            if (!result) {
                Q_EMIT failed(result.error());
                return;
            }
            Q_EMIT resultsReady(text, result->items);
        });
}

} // namespace strata::data
