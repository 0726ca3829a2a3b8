#pragma once

// The list quick open shows: a model over the ranked NameHits and the delegate that paints
// each row as the kind's icon, the name with the matched letters in bold, and on the right,
// in a quieter colour, what it is, where it lives and on which connection.

#include "search/namesearch.h"

#include <QAbstractListModel>
#include <QStyledItemDelegate>

namespace strata::ui {

class QuickOpenModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role { DetailRole = Qt::UserRole + 1, PositionsRole };
    using QAbstractListModel::QAbstractListModel;

    void setHits(QList<search::NameHit> hits);
    const QList<search::NameHit> &hits() const { return m_hits; }
    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;

    /// "Table · main · Demo": the kind, its schema (a column: schema.table), the connection.
    static QString detailOf(const search::NameHit &hit);
    static QString kindName(search::NameKind kind);

private:
    QList<search::NameHit> m_hits;
};

class QuickOpenDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

}   // namespace strata::ui
