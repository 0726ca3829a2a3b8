#include "rownumberheader.h"

#include "gridview.h"

#include <QItemSelectionModel>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QStyleOptionHeader>

namespace strata::ui {

RowNumberHeader::RowNumberHeader(GridView *view)
    : QWidget(view)
    , m_view(view)
{
    setAttribute(Qt::WA_OpaquePaintEvent, false);
    setFocusPolicy(Qt::NoFocus);
}

QString RowNumberHeader::label(int modelRow) const
{
    const QAbstractItemModel *model = m_view->model();
    if (!model)
        return {};
    const QVariant value = model->headerData(modelRow, Qt::Vertical, Qt::DisplayRole);
    switch (value.typeId()) {
    case QMetaType::Int:
    case QMetaType::LongLong:
    case QMetaType::UInt:
    case QMetaType::ULongLong: return QLocale().toString(value.toLongLong());
    default: break;
    }
    // "≈5000001" (an estimated position) is grouped like the numbers around it.
    const QString text = value.toString();
    bool number = false;
    const qlonglong estimated = text.startsWith(QChar(0x2248)) ? text.mid(1).toLongLong(&number) : 0;
    return number ? QChar(0x2248) + QLocale().toString(estimated) : text;
}

int RowNumberHeader::widthHint() const
{
    const QFontMetrics metrics(font());
    // The last row's number (grouped), with room for the "≈" of an estimated position.
    int width = metrics.horizontalAdvance(QChar(0x2248) + QLocale().toString(qMax<qint64>(1, m_view->totalRows())));
    if (m_view->model()) {
        const int rows = m_view->model()->rowCount();
        const int top = m_view->topModelRow();
        const int last = qMin(rows - 1, top + height() / qMax(1, m_view->rowHeight()));
        for (int row = top; row <= last; ++row)
            width = qMax(width, metrics.horizontalAdvance(label(row)));
    }
    const int margin = style()->pixelMetric(QStyle::PM_HeaderMargin, nullptr, this);
    // Rounded up, so that the width does not change with every other row.
    const int step = qMax(1, metrics.averageCharWidth() * 2);
    return ((width + 2 * margin + 6 + step - 1) / step) * step;
}

int RowNumberHeader::rowAt(int y) const
{
    return m_view->rowAt(y);
}

void RowNumberHeader::paintEvent(QPaintEvent *)
{
    const QAbstractItemModel *model = m_view->model();
    if (!model)
        return;
    QPainter painter(this);
    const int rowHeight = m_view->rowHeight();
    const int rows = model->rowCount();
    const int top = m_view->topModelRow();
    const int last = qMin(rows - 1, top + height() / rowHeight);
    const QItemSelectionModel *selection = m_view->selectionModel();
    const int currentRow = m_view->currentIndex().isValid() ? m_view->currentIndex().row() : -1;
    const QFont normal = font();
    QFont bold = normal;
    bold.setBold(true);
    for (int row = top; row <= last; ++row) {
        QStyleOptionHeader option;
        option.initFrom(this);
        option.orientation = Qt::Vertical;
        option.rect = QRect(0, (row - top) * rowHeight, width(), rowHeight);
        option.section = row;
        option.text = label(row);
        option.textAlignment = Qt::AlignRight | Qt::AlignVCenter;
        option.state |= QStyle::State_Raised;
        option.position = rows == 1 ? QStyleOptionHeader::OnlyOneSection
                        : row == 0 ? QStyleOptionHeader::Beginning
                        : row == rows - 1 ? QStyleOptionHeader::End : QStyleOptionHeader::Middle;
        const bool highlighted = row == currentRow || (selection && selection->rowIntersectsSelection(row, m_view->rootIndex()));
        if (highlighted)
            option.state |= QStyle::State_On;
        painter.setFont(highlighted ? bold : normal);
        style()->drawControl(QStyle::CE_Header, &option, &painter, this);
    }
}

void RowNumberHeader::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return;
    m_pressedRow = rowAt(event->position().toPoint().y());
    m_view->selectRowsFromHeader(m_pressedRow, event->modifiers(), true);
}

void RowNumberHeader::mouseMoveEvent(QMouseEvent *event)
{
    if (m_pressedRow < 0 || !(event->buttons() & Qt::LeftButton))
        return;
    const int row = rowAt(qBound(0, event->position().toPoint().y(), height() - 1));
    if (row >= 0)
        m_view->selectRowsFromHeader(row, Qt::ShiftModifier, false);
}

void RowNumberHeader::mouseReleaseEvent(QMouseEvent *)
{
    m_pressedRow = -1;
}

} // namespace strata::ui
