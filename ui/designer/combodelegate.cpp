#include "combodelegate.h"

#include <QComboBox>

namespace strata::ui {

ComboDelegate::ComboDelegate(Items items, bool editable, QObject *parent)
    : QStyledItemDelegate(parent), m_items(std::move(items)), m_editable(editable)
{
}

QWidget *ComboDelegate::createEditor(QWidget *parent, const QStyleOptionViewItem &, const QModelIndex &index) const
{
    auto *combo = new QComboBox(parent);
    combo->setEditable(m_editable);
    combo->addItems(m_items(index));
    return combo;
}

void ComboDelegate::setEditorData(QWidget *editor, const QModelIndex &index) const
{
    auto *combo = static_cast<QComboBox *>(editor);
    const QString text = index.data(Qt::EditRole).toString();
    if (m_editable)
        combo->setCurrentText(text);
    else
        combo->setCurrentIndex(std::max(0, combo->findText(text)));
}

void ComboDelegate::setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const
{
    model->setData(index, static_cast<QComboBox *>(editor)->currentText().trimmed(), Qt::EditRole);
}

} // namespace strata::ui
