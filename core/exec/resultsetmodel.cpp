#include "resultsetmodel.h"

namespace strata::exec {

ResultSetModel::ResultSetModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void ResultSetModel::setColumns(const QList<ResultColumn> &columns)
{
    beginResetModel();
    m_columns = columns;
    m_batches.clear();
    m_starts.clear();
    m_rows = 0;
    m_lastBatch = 0;
    endResetModel();
}

void ResultSetModel::clear()
{
    setColumns({});
}

void ResultSetModel::appendBatch(const RowBatchPtr &batch)
{
    const int count = batch ? batch->rowCount() : 0;
    if (count == 0)
        return;
    beginInsertRows(QModelIndex(), m_rows, m_rows + count - 1);
    m_starts.append(m_rows);
    m_batches.append(batch);
    m_rows += count;
    endInsertRows();
}

int ResultSetModel::batchOf(int row) const
{
    if (m_lastBatch < m_batches.size() && row >= m_starts[m_lastBatch]
        && row < m_starts[m_lastBatch] + m_batches[m_lastBatch]->rowCount())
        return m_lastBatch;
    const auto it = std::upper_bound(m_starts.cbegin(), m_starts.cend(), row);
    m_lastBatch = int(it - m_starts.cbegin()) - 1;
    return m_lastBatch;
}

QVariant ResultSetModel::value(int row, int column) const
{
    if (row < 0 || row >= m_rows || column < 0 || column >= m_columns.size())
        return {};
    const int b = batchOf(row);
    const RowBatch &batch = *m_batches[b];
    if (column >= batch.columnCount)
        return {};
    return batch.cell(row - m_starts[b], column);
}

void ResultSetModel::forEachRow(const std::function<bool(const RowBatch &, int)> &row) const
{
    for (const RowBatchPtr &batch : m_batches)
        for (int r = 0; r < batch->rowCount(); ++r)
            if (!row(*batch, r))
                return;
}

int ResultSetModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows;
}

int ResultSetModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_columns.size());
}

QString ResultSetModel::displayText(const QVariant &v)
{
    if (!v.isValid() || v.isNull())
        return QStringLiteral("NULL");
    switch (v.typeId()) {
    case QMetaType::QByteArray:
        return QStringLiteral("<BLOB %1 bytes>").arg(v.toByteArray().size());
    case QMetaType::Bool:
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QMetaType::Double:
        return QString::number(v.toDouble(), 'g', 15);
    case QMetaType::QString: {
        const QString s = v.toString();
        if (s.size() <= 500 && !s.contains(QLatin1Char('\n')))
            return s;
        QString cut = s.left(500);
        cut.replace(QLatin1Char('\n'), QChar(0x21b5)).replace(QLatin1Char('\r'), QString());
        return s.size() > 500 ? cut + QChar(0x2026) : cut;
    }
    default:
        return v.toString();
    }
}

QVariant ResultSetModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const QVariant v = value(index.row(), index.column());
    switch (role) {
    case Qt::DisplayRole:
        return displayText(v);
    case Qt::EditRole:
    case ValueRole:
        return v;
    case IsNullRole:
        return !v.isValid() || v.isNull();
    case Qt::ToolTipRole:
        return v.typeId() == QMetaType::QString && v.toString().size() > 80 ? QVariant(v.toString().left(4000)) : QVariant();
    case Qt::TextAlignmentRole: {
        const int type = v.typeId();
        const bool number = type == QMetaType::LongLong || type == QMetaType::Double || type == QMetaType::Int
                            || (m_columns.value(index.column()).typeName == u"numeric");
        return int((number ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
    }
    default:
        return {};
    }
}

QVariant ResultSetModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical)
        return role == Qt::DisplayRole ? QVariant(section + 1) : QVariant();
    if (section < 0 || section >= m_columns.size())
        return {};
    if (role == Qt::DisplayRole)
        return m_columns[section].name;
    if (role == Qt::ToolTipRole)
        return m_columns[section].typeName.isEmpty() ? m_columns[section].name
                                                     : m_columns[section].name + QStringLiteral(" : ") + m_columns[section].typeName;
    return {};
}

} // namespace strata::exec
