#pragma once

// Finding an item in a tree or list model the way a person reads it: by its text.

#include <QAbstractItemModel>
#include <QString>

namespace strata::test {

/// The first index in column 0 whose display text is `text`, depth first under `parent`;
/// invalid when there is none.
inline QModelIndex findText(const QAbstractItemModel *model, const QString &text, const QModelIndex &parent = {})
{
    for (int row = 0; row < model->rowCount(parent); ++row) {
        const QModelIndex index = model->index(row, 0, parent);
        if (index.data().toString() == text)
            return index;
        if (const QModelIndex found = findText(model, text, index); found.isValid())
            return found;
    }
    return {};
}

} // namespace strata::test
