#include "synthetictablemodel.h"

namespace strata::data {

namespace {
constexpr int kColumns = 4;
}

SyntheticTableModel::SyntheticTableModel(qint64 rows, QObject *parent)
    : RowWindowModel(parent)
{
    setTotalRows(rows);
}

QVariant SyntheticTableModel::valueAt(qint64 absoluteRow, int column)
{
    const qint64 id = absoluteRow + 1;
    switch (column) {
    case 0: return qlonglong(id);
    case 1: return QStringLiteral("Title %1").arg(id);
    case 2: return qlonglong(50 + id % 900);
    case 3: return QString::number(double(id % 10000) / 100.0 + 5, 'f', 2);
    default: return {};
    }
}

int SyntheticTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : kColumns;
}

QVariant SyntheticTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.model() != this || index.row() >= rowCount() || index.column() >= kColumns)
        return {};
    const qint64 row = absoluteRow(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole: {
        const auto edited = m_edits.constFind(key(row, index.column()));
        return edited != m_edits.constEnd() ? *edited : valueAt(row, index.column());
    }
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(Qt::Alignment((index.column() == 1 ? Qt::AlignLeft : Qt::AlignRight) | Qt::AlignVCenter));
    default: return {};
    }
}

bool SyntheticTableModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || !(flags(index) & Qt::ItemIsEditable))
        return false;
    m_edits.insert(key(absoluteRow(index.row()), index.column()), value);
    Q_EMIT dataChanged(index, index);
    return true;
}

QVariant SyntheticTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole)
        return {};
    if (orientation == Qt::Horizontal) {
        static const char *const names[kColumns] = {"id", "title", "pages", "price"};
        return section >= 0 && section < kColumns ? QString::fromLatin1(names[section]) : QVariant();
    }
    return section >= 0 && section < rowCount() ? QVariant(qlonglong(absoluteRow(section) + 1)) : QVariant();
}

Qt::ItemFlags SyntheticTableModel::flags(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this || index.row() >= rowCount() || index.column() >= kColumns)
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemNeverHasChildren;
    return index.column() == 0 ? f : f | Qt::ItemIsEditable;
}

} // namespace strata::data
