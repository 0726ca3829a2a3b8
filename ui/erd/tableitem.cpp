#include "tableitem.h"

#include "edgeitem.h"

#include <QFontMetricsF>
#include <QCursor>
#include <QGraphicsSceneHoverEvent>
#include <QGraphicsSceneMouseEvent>
#include <QPainter>
#include <QStyleOptionGraphicsItem>
#include <algorithm>
#include <cmath>

namespace strata::ui {

namespace {

QFont bodyFont()
{
    QFont f;
    f.setPointSizeF(9);
    return f;
}

QFont titleFont()
{
    QFont f = bodyFont();
    f.setBold(true);
    return f;
}

constexpr qreal kMarker = 30;   // "PK FK" column
constexpr qreal kNotNull = 22;

QString markerText(const erd::DiagramColumn &c)
{
    QStringList m;
    if (c.primaryKey)
        m << QStringLiteral("PK");
    if (c.foreignKey)
        m << QStringLiteral("FK");
    if (c.unique)
        m << QStringLiteral("U");
    return m.join(QLatin1Char(' '));
}

const QColor kHeaderFill(0x2f, 0x5d, 0x8a);
const QColor kHighlightHeader(0xc2, 0x6a, 0x12);
const QColor kBody(0xfb, 0xfb, 0xf8);
const QColor kBorder(0x55, 0x60, 0x6e);
const QColor kMuted(0x6b, 0x72, 0x80);

} // namespace

TableItem::TableItem(erd::DiagramTable table, erd::Density density, bool showSchema)
    : m_table(std::move(table))
    , m_density(density)
    , m_showSchema(showSchema)
    , m_rows(m_table.visibleColumns(density))
    , m_size(sizeFor(m_table, density, showSchema))
{
    setFlags(ItemIsMovable | ItemIsSelectable | ItemSendsGeometryChanges);
    setAcceptHoverEvents(true);
    setToolTip(m_rows.isEmpty() ? title()
                                : tr("%1\nDrag the header to move the box; drag a column onto another table to propose a foreign key.")
                                      .arg(title()));
    setZValue(1);
}

QSizeF TableItem::sizeFor(const erd::DiagramTable &table, erd::Density density, bool showSchema)
{
    const QFontMetricsF body(bodyFont()), title(titleFont());
    QFont boldBody = bodyFont();
    boldBody.setBold(true);
    const QFontMetricsF bold(boldBody);
    const QString name = showSchema ? table.key.display() : table.key.name;
    qreal width = title.horizontalAdvance(name) + 2 * kPad;
    const QList<erd::DiagramColumn> rows = table.visibleColumns(density);
    qreal names = 0, types = 0;
    for (const erd::DiagramColumn &c : rows) {
        names = std::max(names, (c.primaryKey ? bold : body).horizontalAdvance(c.name));
        types = std::max(types, body.horizontalAdvance(c.type));
    }
    if (!rows.isEmpty())
        width = std::max(width, kPad + kMarker + names + 16 + types + kNotNull + kPad);
    width = std::clamp(width, 110.0, 460.0);
    return QSizeF(std::ceil(width), kHeader + (rows.isEmpty() ? 0 : rows.size() * kRow + 6));
}

QString TableItem::title() const
{
    return m_showSchema ? m_table.key.display() : m_table.key.name;
}

qreal TableItem::rowY(const QString &column) const
{
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows.at(i).name == column)
            return pos().y() + kHeader + 3 + i * kRow + kRow / 2;
    return pos().y() + kHeader / 2;
}

QString TableItem::columnAt(const QPointF &scenePos) const
{
    const QPointF at = mapFromScene(scenePos);
    if (at.x() < 0 || at.x() > m_size.width() || at.y() < kHeader + 3)
        return {};
    const int row = int(std::floor((at.y() - kHeader - 3) / kRow));
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).name : QString();
}

void TableItem::setHighlighted(bool on)
{
    if (m_highlighted == on)
        return;
    m_highlighted = on;
    update();
}

void TableItem::setPinned(bool on)
{
    m_pinned = on;
    update();
}

QRectF TableItem::boundingRect() const
{
    return QRectF(QPointF(-2, -2), m_size + QSizeF(4, 4));
}

void TableItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    const QRectF box(QPointF(0, 0), m_size);
    const qreal lod = option->levelOfDetailFromTransform(painter->worldTransform());
    const bool selected = isSelected();
    painter->setPen(QPen(selected ? kHighlightHeader : kBorder, selected || m_highlighted ? 2 : 1));
    painter->setBrush(kBody);
    painter->drawRect(box);
    const QRectF header(0, 0, m_size.width(), kHeader);
    painter->fillRect(header.adjusted(0.5, 0.5, -0.5, 0), m_highlighted || selected ? kHighlightHeader : kHeaderFill);
    if (lod < 0.25)
        return;   // far out: boxes and edges only, text would be unreadable anyway
    painter->setPen(Qt::white);
    painter->setFont(titleFont());
    painter->drawText(header.adjusted(kPad, 0, -kPad, 0), Qt::AlignVCenter | Qt::AlignLeft,
                      QFontMetricsF(titleFont()).elidedText(title(), Qt::ElideMiddle, header.width() - 2 * kPad));
    if (m_pinned)
        painter->drawText(header.adjusted(0, 0, -4, 0), Qt::AlignVCenter | Qt::AlignRight, QStringLiteral("\u2022"));
    if (lod >= 0.45)
        paintRows(painter);
}

void TableItem::paintRows(QPainter *painter) const
{
    const QFont body = bodyFont();
    QFont bold = body;
    bold.setBold(true);
    const QFontMetricsF fm(body);
    for (int i = 0; i < m_rows.size(); ++i) {
        const erd::DiagramColumn &c = m_rows.at(i);
        const QRectF row(kPad, kHeader + 3 + i * kRow, m_size.width() - 2 * kPad, kRow);
        painter->setFont(body);
        painter->setPen(kMuted);
        painter->drawText(QRectF(row.left(), row.top(), kMarker, kRow), Qt::AlignVCenter | Qt::AlignLeft, markerText(c));
        const qreal nameLeft = row.left() + kMarker;
        const qreal typeRight = row.right() - kNotNull;
        // The type keeps what it needs up to 55% of the row; the name gets the rest.
        const qreal space = typeRight - nameLeft;
        const qreal typeWidth = std::min(fm.horizontalAdvance(c.type) + 1, space * 0.55);
        const QFontMetricsF nameMetrics(c.primaryKey ? bold : body);
        painter->setFont(c.primaryKey ? bold : body);
        painter->setPen(Qt::black);
        painter->drawText(QRectF(nameLeft, row.top(), space - typeWidth - 6, kRow), Qt::AlignVCenter | Qt::AlignLeft,
                          nameMetrics.elidedText(c.name, Qt::ElideRight, space - typeWidth - 6));
        painter->setFont(body);
        painter->setPen(kMuted);
        painter->drawText(QRectF(typeRight - typeWidth, row.top(), typeWidth, kRow), Qt::AlignVCenter | Qt::AlignRight,
                          fm.elidedText(c.type, Qt::ElideRight, typeWidth));
        if (c.notNull)
            painter->drawText(QRectF(typeRight, row.top(), kNotNull, kRow), Qt::AlignVCenter | Qt::AlignRight, QStringLiteral("NN"));
    }
}

QVariant TableItem::itemChange(GraphicsItemChange change, const QVariant &value)
{
    if (change == ItemPositionHasChanged) {
        for (EdgeItem *e : std::as_const(m_edges))
            e->updatePath();
    }
    return QGraphicsObject::itemChange(change, value);
}

void TableItem::mousePressEvent(QGraphicsSceneMouseEvent *event)
{
    m_pressPos = pos();
    QGraphicsObject::mousePressEvent(event);
}

void TableItem::hoverMoveEvent(QGraphicsSceneHoverEvent *event)
{
    setCursor(columnAt(event->scenePos()).isEmpty() ? Qt::SizeAllCursor : Qt::CrossCursor);
    QGraphicsObject::hoverMoveEvent(event);
}

void TableItem::mouseReleaseEvent(QGraphicsSceneMouseEvent *event)
{
    QGraphicsObject::mouseReleaseEvent(event);
    if (event->button() == Qt::LeftButton && pos() != m_pressPos)
        Q_EMIT moved();
}

} // namespace strata::ui
