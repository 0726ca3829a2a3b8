#pragma once

// ComboDelegate: edits a cell with a combo box whose items depend on the row (the types of
// the dialect, the tables of the schema, the columns of the referenced table). Editable
// combos accept any text, so a type like numeric(12,2) can be typed.

#include <QStyledItemDelegate>
#include <functional>

namespace strata::ui {

class ComboDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using Items = std::function<QStringList(const QModelIndex &index)>;
    ComboDelegate(Items items, bool editable, QObject *parent = nullptr);

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    void setEditorData(QWidget *editor, const QModelIndex &index) const override;
    void setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const override;

private:
    Items m_items;
    bool m_editable;
};

} // namespace strata::ui
