// TableModel: pending edits, save and undo (see tablemodel.h).

#include "tablemodel.h"

#include "connection/connection.h"

namespace strata::data {

using connection::JobContext;

namespace {

/// Tab-separated text as spreadsheets put it on the clipboard: cells holding a tab, a
/// newline or a quote are quoted, with quotes doubled.
QList<QStringList> parseTsv(const QString &text)
{
    QList<QStringList> rows;
    QStringList row;
    QString cell;
    bool quoted = false;
    bool cellStart = true;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == QLatin1Char('"') && i + 1 < text.size() && text.at(i + 1) == QLatin1Char('"')) {
                cell += c;
                ++i;
            } else if (c == QLatin1Char('"')) {
                quoted = false;
            } else {
                cell += c;
            }
            continue;
        }
        if (c == QLatin1Char('"') && cellStart) {
            quoted = true;
            cellStart = false;
        } else if (c == QLatin1Char('\t')) {
            row << cell;
            cell.clear();
            cellStart = true;
        } else if (c == QLatin1Char('\n') || c == QLatin1Char('\r')) {
            if (c == QLatin1Char('\r') && i + 1 < text.size() && text.at(i + 1) == QLatin1Char('\n'))
                ++i;
            row << cell;
            rows << row;
            row.clear();
            cell.clear();
            cellStart = true;
        } else {
            cell += c;
            cellStart = false;
        }
    }
    if (!cell.isEmpty() || !row.isEmpty())
        rows << (row << cell);
    return rows;
}

} // namespace

void TableModel::syncInsertedRows(int previous)
{
    Q_UNUSED(previous)
    const int now = int(m_edits.inserts().size());
    if (now > m_shownInserted)
        insertRowsAt(m_shownInserted, now - m_shownInserted, [this, now] { m_shownInserted = now; });
    else if (now < m_shownInserted)
        removeRowsAt(now, m_shownInserted - now, [this, now] { m_shownInserted = now; });
}

void TableModel::emitAllChanged()
{
    if (rowCount() > 0 && columnCount() > 0)
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
    Q_EMIT statusChanged();
}

bool TableModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || !isEditable() || !(flags(index) & Qt::ItemIsEditable))
        return false;
    const RowRef ref = rowRef(index.row());
    const ColumnMeta &meta = m_builder.table().columns.at(index.column());
    bool ok = true;
    const QVariant raw = editToRaw(m_builder.table().dialect, meta.type, value, cellRaw(ref, index.column()), &ok);
    if (!ok)
        return false;
    if (ref.insertIndex >= 0) {
        if (ref.insertIndex >= m_edits.inserts().size())
            return false;
        m_edits.setInsertCell(ref.insertIndex, index.column(), raw);
    } else {
        const int width = m_builder.table().identityWidth();
        if (!ref.read || !m_edits.setCell(ref.read->mid(0, width), ref.read->mid(width), index.column(), raw))
            return false;
    }
    Q_EMIT dataChanged(index.siblingAtColumn(0), index.siblingAtColumn(columnCount() - 1));
    Q_EMIT statusChanged();
    return true;
}

bool TableModel::setNull(const QModelIndex &index)
{
    return setData(index, QVariant(), Qt::EditRole);
}

int TableModel::addRow()
{
    if (!isEditable())
        return -1;
    m_edits.addInsert();
    syncInsertedRows(m_shownInserted);
    Q_EMIT statusChanged();
    return m_shownInserted - 1;
}

int TableModel::duplicateRow(int row)
{
    if (!isEditable() || row < 0 || row >= rowCount())
        return -1;
    const RowRef ref = rowRef(row);
    if (!ref.read && ref.insertIndex < 0)
        return -1;
    QMap<int, QVariant> values;
    const auto &columns = m_builder.table().columns;
    for (int c = 0; c < columns.size(); ++c) {
        const ColumnMeta &meta = columns.at(c);
        if (meta.generated || meta.identityAlways || (meta.keyPosition > 0 && meta.hasDefault))
            continue;
        bool isDefault = false;
        const QVariant raw = cellRaw(ref, c, &isDefault);
        if (!isDefault)
            values.insert(c, raw);
    }
    m_edits.addInsert(values);
    syncInsertedRows(m_shownInserted);
    emitAllChanged();
    return m_shownInserted - 1;
}

void TableModel::deleteRows(const QList<int> &rows)
{
    if (!isEditable())
        return;
    QList<int> sorted = rows;
    std::sort(sorted.begin(), sorted.end(), std::greater<int>());
    sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
    const int width = m_builder.table().identityWidth();
    m_edits.beginStep();
    for (int row : sorted) {
        const RowRef ref = rowRef(row);
        if (ref.insertIndex >= 0)
            m_edits.removeInsert(ref.insertIndex);
        else if (ref.read)
            m_edits.markDeleted(ref.read->mid(0, width), ref.read->mid(width));
    }
    m_edits.endStep();
    syncInsertedRows(m_shownInserted);
    emitAllChanged();
}

bool TableModel::pasteCell(int row, int column, const QString &text, QString *error)
{
    const QModelIndex target = index(row, column);
    if (!(flags(target) & Qt::ItemIsEditable)) {
        if (error)
            *error = tr("Row %1 is not loaded or cannot be edited.").arg(row + 1);
        return false;
    }
    const ColumnMeta &meta = m_builder.table().columns.at(column);
    const auto kind = m_builder.table().dialect;
    const RowRef ref = rowRef(row);
    QVariant raw;
    if (text.isEmpty()) {
        const bool textual = meta.type == ValueType::Text || meta.type == ValueType::Other;
        raw = textual ? QVariant(emptyText()) : QVariant();
    } else {
        bool ok = true;
        const std::optional<QVariant> kept = kind == dialect::DialectKind::Sqlite
                                               ? inStorageClassOf(cellRaw(ref, column), text, &ok) : std::nullopt;
        raw = kept ? *kept : textToRaw(kind, meta.type, text, &ok);
        if (!ok) {
            if (error)
                *error = tr("\"%1\" is not a valid %2 value for column %3.").arg(text, meta.declaredType, meta.name);
            return false;
        }
    }
    if (ref.insertIndex >= 0) {
        m_edits.setInsertCell(ref.insertIndex, column, raw);
        return true;
    }
    const int width = m_builder.table().identityWidth();
    return m_edits.setCell(ref.read->mid(0, width), ref.read->mid(width), column, raw);
}

bool TableModel::pasteText(const QModelIndex &topLeft, const QString &text, QString *error)
{
    if (!isEditable() || !topLeft.isValid()) {
        if (error)
            *error = readOnlyReason();
        return false;
    }
    const QList<QStringList> cells = parseTsv(text);
    const int steps = m_edits.undoCount();
    m_edits.beginStep();
    bool ok = true;
    for (int r = 0; ok && r < cells.size(); ++r) {
        const int row = topLeft.row() + r;
        if (row >= rowCount())
            break;
        for (int c = 0; ok && c < cells.at(r).size(); ++c) {
            const int column = topLeft.column() + c;
            if (column < columnCount())
                ok = pasteCell(row, column, cells.at(r).at(c), error);
        }
    }
    m_edits.endStep();
    if (!ok && m_edits.undoCount() > steps)
        m_edits.undo();
    syncInsertedRows(m_shownInserted);
    emitAllChanged();
    return ok;
}

bool TableModel::undo()
{
    if (!m_edits.undo())
        return false;
    syncInsertedRows(m_shownInserted);
    emitAllChanged();
    if (m_structureOutdated && m_edits.isEmpty())
        refresh();   // the new structure waited for the edits
    return true;
}

void TableModel::revertAll()
{
    m_edits.clear();
    syncInsertedRows(m_shownInserted);
    emitAllChanged();
    if (m_structureOutdated)
        refresh();   // the new structure waited for the edits
}

void TableModel::save()
{
    if (!isEditable() || m_saving || m_edits.isEmpty())
        return;
    m_edits.clearErrors();
    runStatements(m_writer.compile(m_edits.ordered()), false);
}

void TableModel::undoLastSave()
{
    if (!isEditable() || !canUndoLastSave())
        return;
    runStatements(m_writer.compileUndo(m_saveHistory.last()), true);
}

void TableModel::runStatements(const QList<SaveStatement> &statements, bool isUndo)
{
    connection::Connection *writer = writerConnection();
    if (!writer)
        return;
    m_saving = true;
    Q_EMIT statusChanged();
    writer->run<SaveOutcome>(
        this,
        [writer = m_writer, statements](JobContext &job) { return Result<SaveOutcome>(writer.execute(job, statements)); },
        [this, statements, isUndo](Result<SaveOutcome> result) { saveDone(statements, isUndo, std::move(result)); });
}

void TableModel::saveDone(const QList<SaveStatement> &statements, bool isUndo, Result<SaveOutcome> result)
{
    m_saving = false;
    if (!result) {
        Q_EMIT statusChanged();
        Q_EMIT saveFinished(false, result.error(), -1);
        return;
    }
    if (result->failure) {
        const SaveFailure &failure = *result->failure;
        int row = -1;
        if (!isUndo && failure.statement >= 0 && failure.statement < statements.size()) {
            const SaveStatement &s = statements.at(failure.statement);
            m_edits.setError(s.identity, s.insertIndex, failure.error.message, failure.conflict, failure.theirs);
            row = s.insertIndex >= 0 ? s.insertIndex : -1;
            const int width = m_builder.table().identityWidth();
            for (int w : m_cache.windows()) {
                const GridRows *rows = m_cache.window(w);
                for (int i = 0; row < 0 && i < rows->size(); ++i)
                    if (identityKey(rows->at(i).mid(0, width)) == identityKey(s.identity))
                        row = modelRow(qint64(w) * m_cache.windowSize() + i);
            }
        }
        emitAllChanged();
        Q_EMIT saveFinished(false, failure.error, row);
        return;
    }
    summarizeSave(statements, result->record, isUndo);
    if (isUndo) {
        m_saveHistory.removeLast();
    } else {
        m_saveHistory.append(result->record);
        while (m_saveHistory.size() > 20)
            m_saveHistory.removeFirst();
        m_edits.clear();
        syncInsertedRows(m_shownInserted);
    }
    refresh();
    Q_EMIT saveFinished(true, Error(), -1);
}

void TableModel::summarizeSave(const QList<SaveStatement> &statements, const SaveRecord &record, bool isUndo)
{
    m_lastSave = SaveSummary{};
    m_lastSave.undo = isUndo;
    m_savedInserts.clear();
    for (int i = 0; i < statements.size(); ++i) {
        const SaveStatement &s = statements.at(i);
        switch (s.kind) {
        case EditKind::Insert:
            ++m_lastSave.inserted;
            if (s.insertIndex >= 0 && i < record.changes.size())   // changes run parallel to the statements
                m_savedInserts.insert(s.insertIndex, record.changes.at(i).afterIdentity);
            break;
        case EditKind::Update: ++m_lastSave.updated; break;
        case EditKind::Delete: ++m_lastSave.deleted; break;
        }
    }
}

void TableModel::locateRow(const QVariantList &identity)
{
    const std::optional<BoundSql> sql = m_open ? m_builder.rowPosition(identity) : std::nullopt;
    if (!m_reader || !sql) {
        Q_EMIT rowLocated(identity, -1);
        return;
    }
    const int generation = m_generation;
    m_reader->run<RowSet>(
        this, [sql = *sql](JobContext &job) { return runNative(job.native, job.dialect, sql); },
        [this, generation, identity](Result<RowSet> result) {
            if (generation != m_generation)
                return;   // read again meanwhile: the position is stale
            bool ok = false;
            const qint64 position = result && !result->rows.isEmpty() ? result->rows.first().value(0).toLongLong(&ok) : -1;
            if (!ok || position < 0) {
                Q_EMIT rowLocated(identity, -1);
                return;
            }
            m_locating = Locating{identity, position, generation};
            fetchTableRow(position);
            emitLocated();
        });
}

void TableModel::emitLocated()
{
    if (!m_locating)
        return;
    if (m_locating->generation != m_generation) {
        m_locating.reset();
        return;
    }
    if (m_locating->tableRow >= m_tableRows && m_countState != CountState::Exact)
        return;   // the count has not reached the row yet
    const Locating found = *m_locating;
    m_locating.reset();
    Q_EMIT rowLocated(found.identity, found.tableRow < m_tableRows ? modelRow(found.tableRow) : -1);
}

bool TableModel::canKeepMine(int row) const
{
    const RowEdit *edit = editAt(row);
    return edit && edit->conflict && edit->theirs && edit->kind != EditKind::Insert;
}

bool TableModel::resolveConflict(int row, bool keepMine)
{
    const RowRef ref = rowRef(row);
    if (!ref.edit || !ref.edit->conflict || ref.insertIndex >= 0)
        return false;
    if (keepMine && !ref.edit->theirs)
        return false;   // the row is gone, or moved where it cannot be found: nothing to save over
    const QVariantList identity = ref.edit->identity;
    if (keepMine)
        m_edits.rebase(identity, *ref.edit->theirs);
    else
        m_edits.discard(identity);
    emitAllChanged();
    return true;
}

} // namespace strata::data
