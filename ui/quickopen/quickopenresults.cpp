#include "quickopenresults.h"

#include "widgets/objecticons.h"

#include <QApplication>
#include <QPainter>
#include <QTextLayout>
#include <algorithm>

namespace strata::ui {

using search::NameKind;

namespace {

ObjectIcon iconOf(NameKind kind)
{
    switch (kind) {
    case NameKind::Schema:
        return ObjectIcon::Schema;
    case NameKind::Table:
        return ObjectIcon::Table;
    case NameKind::View:
        return ObjectIcon::View;
    case NameKind::MaterializedView:
        return ObjectIcon::MaterializedView;
    case NameKind::ForeignTable:
        return ObjectIcon::ForeignTable;
    case NameKind::Column:
        return ObjectIcon::Column;
    case NameKind::Function:
        return ObjectIcon::Function;
    case NameKind::Procedure:
        return ObjectIcon::Procedure;
    case NameKind::Sequence:
        return ObjectIcon::Sequence;
    }
    return ObjectIcon::Table;
}

constexpr int kPad = 8;
constexpr int kIcon = 18;

}   // namespace

void QuickOpenModel::setHits(QList<search::NameHit> hits)
{
    beginResetModel();
    m_hits = std::move(hits);
    endResetModel();
}

int QuickOpenModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_hits.size());
}

QString QuickOpenModel::kindName(NameKind kind)
{
    switch (kind) {
    case NameKind::Schema:
        return tr("Schema");
    case NameKind::Table:
        return tr("Table");
    case NameKind::View:
        return tr("View");
    case NameKind::MaterializedView:
        return tr("Materialized view");
    case NameKind::ForeignTable:
        return tr("Foreign table");
    case NameKind::Column:
        return tr("Column");
    case NameKind::Function:
        return tr("Function");
    case NameKind::Procedure:
        return tr("Procedure");
    case NameKind::Sequence:
        return tr("Sequence");
    }
    return {};
}

QString QuickOpenModel::detailOf(const search::NameHit &hit)
{
    QString where = hit.schema;
    if (hit.kind == NameKind::Column)
        where += QLatin1Char('.') + hit.relation;
    if (hit.kind == NameKind::Schema)
        return kindName(hit.kind) + QStringLiteral(" · ") + hit.connectionName;
    return kindName(hit.kind) + QStringLiteral(" · ") + where + QStringLiteral(" · ") + hit.connectionName;
}

QVariant QuickOpenModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_hits.size())
        return {};
    const search::NameHit &hit = m_hits[index.row()];
    switch (role) {
    case Qt::DisplayRole:
        return hit.name;
    case Qt::DecorationRole:
        return objectIcon(iconOf(hit.kind));
    case Qt::ToolTipRole:
        return hit.name + QStringLiteral("\n") + detailOf(hit);
    case Qt::AccessibleTextRole:
        return hit.name + QStringLiteral(", ") + detailOf(hit);
    case DetailRole:
        return detailOf(hit);
    case PositionsRole:
        return QVariant::fromValue(hit.positions);
    default:
        return {};
    }
}

void QuickOpenDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString name = opt.text;
    opt.text.clear();
    opt.icon = QIcon();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawPrimitive(QStyle::PE_PanelItemViewItem, &opt, painter, widget);   // selection, hover

    const bool selected = option.state & QStyle::State_Selected;
    const QPalette::ColorGroup group = option.state & QStyle::State_Enabled ? QPalette::Normal : QPalette::Disabled;
    const QColor text = option.palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text);
    QColor quiet = text;
    quiet.setAlphaF(selected ? 0.85f : 0.6f);

    const QRect r = option.rect.adjusted(kPad, 0, -kPad, 0);
    const QIcon icon = index.data(Qt::DecorationRole).value<QIcon>();
    icon.paint(painter, QRect(r.left(), r.top() + (r.height() - kIcon) / 2, kIcon, kIcon));

    // The detail takes what the name leaves, up to half the row; both are elided.
    const QFontMetrics fm(option.font);
    QFont bold = option.font;
    bold.setBold(true);
    const QFontMetrics bfm(bold);
    const QString detail = index.data(QuickOpenModel::DetailRole).toString();
    const int textLeft = r.left() + kIcon + kPad;
    const int available = r.right() - textLeft;
    const int nameWidth = std::min(bfm.horizontalAdvance(name), available);
    // A few pixels of slack: elidedText() at exactly the advance sometimes elides (rounding).
    const int detailNeeds = fm.horizontalAdvance(detail) + 4;
    const int detailWidth = std::min(detailNeeds, std::max(available - nameWidth - 3 * kPad, available / 2));

    painter->save();
    painter->setPen(quiet);
    painter->setFont(option.font);
    const QRect detailRect(r.right() - detailWidth, r.top(), detailWidth, r.height());
    painter->drawText(detailRect, Qt::AlignVCenter | Qt::AlignRight,
                      detailWidth < detailNeeds ? fm.elidedText(detail, Qt::ElideMiddle, detailWidth) : detail);

    // The name: matched letters bold (a text layout keeps kerning and shaping right).
    const int nameSpace = std::max(0, detailRect.left() - 2 * kPad - textLeft);
    const QString shown = bfm.horizontalAdvance(name) > nameSpace ? fm.elidedText(name, Qt::ElideRight, nameSpace) : name;
    QTextLayout layout(shown, option.font);
    QList<QTextLayout::FormatRange> formats;
    if (shown == name) {
        QTextCharFormat strong;
        strong.setFontWeight(QFont::Bold);
        for (const int p : index.data(QuickOpenModel::PositionsRole).value<QList<int>>())
            formats.append({p, 1, strong});
    }
    layout.setFormats(formats);
    layout.beginLayout();
    QTextLine line = layout.createLine();
    line.setLineWidth(std::max(nameSpace, 1));
    layout.endLayout();
    painter->setPen(text);
    const qreal y = r.top() + (r.height() - line.height()) / 2.0;
    layout.draw(painter, QPointF(textLeft, y));
    painter->restore();
}

QSize QuickOpenDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const
{
    return {200, std::max(QFontMetrics(option.font).height(), kIcon) + 10};
}

}   // namespace strata::ui
