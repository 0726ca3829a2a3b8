// TableModel: describing the table again on refresh() (see "Structure" in tablemodel.h).

#include "tablemodel.h"

#include "connection/connection.h"

namespace strata::data {

using connection::JobContext;

namespace {

bool sameColumn(const ColumnMeta &a, const ColumnMeta &b)
{
    return a.name == b.name && a.declaredType == b.declaredType && a.type == b.type && a.nullable == b.nullable
        && a.hasDefault == b.hasDefault && a.generated == b.generated && a.identityAlways == b.identityAlways
        && a.keyPosition == b.keyPosition && a.enumLabels == b.enumLabels;
}

/// Whether the grid can go on with `before`'s columns, key and statements for `after`.
bool sameStructure(const TableInfo &before, const TableInfo &after)
{
    if (before.columns.size() != after.columns.size() || before.identity != after.identity
        || before.keyColumns != after.keyColumns || before.rowidName != after.rowidName
        || before.readOnlyReason != after.readOnlyReason || before.updatableView != after.updatableView
        || before.foreignKeys != after.foreignKeys || before.kind != after.kind)
        return false;
    for (qsizetype c = 0; c < before.columns.size(); ++c)
        if (!sameColumn(before.columns.at(c), after.columns.at(c)))
            return false;
    return true;
}

/// `spec` written for `before`'s columns, for `after`'s: by column name; filters and sort
/// keys on columns that are gone are dropped.
GridSpec remapSpec(const GridSpec &spec, const TableInfo &before, const TableInfo &after)
{
    auto map = [&](int column) {
        return column >= 0 && column < before.columns.size() ? after.columnIndex(before.columns.at(column).name) : -1;
    };
    GridSpec out;
    out.where = spec.where;
    for (ColumnFilter f : spec.filters) {
        f.column = map(f.column);
        if (f.column >= 0)
            out.filters << f;
    }
    for (SortKey k : spec.sort) {
        k.column = map(k.column);
        if (k.column >= 0)
            out.sort << k;
    }
    return out;
}

} // namespace

void TableModel::refresh()
{
    if (!m_open || !m_reader)
        return;
    const TableInfo &table = m_builder.table();
    const bool readOnly = m_reader->profile().readOnly || m_reader->serverInfo().readOnly;
    const int request = ++m_describeRequest;
    ++m_describeCount;
    m_reader->run<TableInfo>(
        this,
        [kind = table.dialect, schema = table.schema, name = table.name, readOnly](JobContext &job) {
            return loadTableInfo(job.db, kind, schema, name, readOnly);
        },
        [this, request](Result<TableInfo> info) {
            if (request != m_describeRequest)
                return;   // a later refresh() reads it again
            if (!info) {
                if (!info.error().isCancelled())
                    Q_EMIT fetchFailed(info.error());   // the table is gone (the rows' read says so too)
                return;
            }
            adoptStructure(std::move(info.value()));
        });
    // The rows are read again at once, queued behind the description on the same
    // connection: when the structure changed, adoptStructure() starts a new generation and
    // their (old-column) result is dropped.
    reread();
}

void TableModel::reread()
{
    if (!m_open)
        return;
    resetReading(true);
    emitAllChanged();
    Q_EMIT statusChanged();
}

bool TableModel::adoptStructure(TableInfo info)
{
    const TableInfo &current = m_builder.table();
    if (current.isView() && current.editable() && info.updatableView)
        info.enableViewEditing();   // the user opted in to editing this view: keep it
    if (sameStructure(current, info)) {
        m_structureOutdated = false;
        return false;
    }
    if (pendingCount() > 0) {
        // Edits hold column positions of the old structure: it stays until they are saved or reverted.
        m_structureOutdated = true;
        Q_EMIT statusChanged();
        return false;
    }
    const GridSpec spec = remapSpec(m_builder.spec(), current, info);
    beginResetModel();
    m_builder = GridSqlBuilder(info, spec);
    m_writer = GridWriter(info);
    m_saveHistory.clear();   // its changes name columns by position
    m_structureOutdated = false;
    resetReading(false);
    endResetModel();
    Q_EMIT structureChanged();
    Q_EMIT statusChanged();
    requestWindow(0);
    return true;
}

} // namespace strata::data
