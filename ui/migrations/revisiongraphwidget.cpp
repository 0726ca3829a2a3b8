#include "revisiongraphwidget.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>

namespace strata::ui {

namespace {

constexpr int kRowHeight = 46;
constexpr int kLaneWidth = 24;
constexpr int kMargin = 12;
constexpr qreal kRadius = 8;

const QColor kApplied(0x2e, 0x8b, 0x57);
const QColor kPending(0x8a, 0x8f, 0x98);
const QColor kUnreachable(0xc6, 0x28, 0x28);
const QColor kDrift(0xe0, 0x8a, 0x00);
const QColor kCurrent(0x1f, 0x6f, 0xd1);
const QColor kRunning(0x1f, 0x6f, 0xd1);

QColor statusColor(const RevisionView &v)
{
    if (v.run == RevisionView::Run::Failed)
        return kUnreachable;
    if (v.run == RevisionView::Run::Running)
        return kRunning;
    switch (v.status) {
    case RevisionView::Status::Applied: return kApplied;
    case RevisionView::Status::Pending: return kPending;
    case RevisionView::Status::Unreachable: return kUnreachable;
    }
    return kPending;
}

QString statusText(const RevisionView &v)
{
    switch (v.run) {
    case RevisionView::Run::Running: return QObject::tr("running…");
    case RevisionView::Run::Failed: return QObject::tr("failed");
    case RevisionView::Run::Done:
    case RevisionView::Run::None: break;
    }
    switch (v.status) {
    case RevisionView::Status::Applied: return QObject::tr("applied");
    case RevisionView::Status::Pending: return QObject::tr("pending");
    case RevisionView::Status::Unreachable: return QObject::tr("cannot run here");
    }
    return {};
}

} // namespace

RevisionGraphWidget::RevisionGraphWidget(QWidget *parent) : QWidget(parent)
{
    setFocusPolicy(Qt::StrongFocus);
    setBackgroundRole(QPalette::Base);
    setAutoFillBackground(true);
    setAccessibleName(tr("Revision graph"));
}

void RevisionGraphWidget::setRevisions(const RevisionLayout &layout, const QHash<QString, RevisionView> &revisions,
                                       const QStringList &unknownCurrent)
{
    m_layout = layout;
    m_revisions = revisions;
    m_unknownCurrent = unknownCurrent;
    m_rowIds.clear();
    for (int r = 0; r < layout.rowCount(); ++r)
        m_rowIds.append(layout.revisionAt(r));
    if (!m_selected.isEmpty() && !m_revisions.contains(m_selected))
        setSelectedRevision(QString());
    updateGeometry();
    update();
}

void RevisionGraphWidget::setRunState(const QString &id, RevisionView::Run run)
{
    auto it = m_revisions.find(id);
    if (it == m_revisions.end())
        return;
    it->run = run;
    update();
}

void RevisionGraphWidget::clearRunStates()
{
    for (RevisionView &v : m_revisions)
        v.run = RevisionView::Run::None;
    update();
}

void RevisionGraphWidget::setSelectedRevision(const QString &id)
{
    if (id == m_selected)
        return;
    m_selected = id;
    update();
    Q_EMIT selectedRevisionChanged(id);
}

QSize RevisionGraphWidget::sizeHint() const
{
    return QSize(textLeft() + 460, (m_layout.rowCount() + int(m_unknownCurrent.size())) * kRowHeight + 2 * kMargin);
}

QSize RevisionGraphWidget::minimumSizeHint() const
{
    return QSize(textLeft() + 200, sizeHint().height());
}

int RevisionGraphWidget::rowTop(int row) const
{
    return kMargin + (row + int(m_unknownCurrent.size())) * kRowHeight;
}

QRect RevisionGraphWidget::rowRect(const QString &id) const
{
    const int row = int(m_rowIds.indexOf(id));
    return row < 0 ? QRect() : QRect(0, rowTop(row), width(), kRowHeight);
}

QPointF RevisionGraphWidget::nodeCenter(int row, int lane) const
{
    return QPointF(kMargin + lane * kLaneWidth + kLaneWidth / 2.0, rowTop(row) + kRowHeight / 2.0);
}

int RevisionGraphWidget::textLeft() const
{
    return kMargin + std::max(1, m_layout.laneCount()) * kLaneWidth + 10;
}

void RevisionGraphWidget::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    if (m_layout.rowCount() == 0 && m_unknownCurrent.isEmpty()) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(rect().adjusted(20, 20, -20, -20), Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap,
                   tr("No revisions yet. Use “New revision” to write the first one."));
        return;
    }
    for (int r = 0; r < m_rowIds.size(); ++r)
        if (m_rowIds[r] == m_selected)
            p.fillRect(QRect(0, rowTop(r), width(), kRowHeight), palette().color(QPalette::Highlight).lighter(175));
    paintUnknown(p);
    paintEdges(p);
    for (int r = 0; r < m_rowIds.size(); ++r)
        paintRow(p, r, m_rowIds[r]);
}

void RevisionGraphWidget::paintUnknown(QPainter &p) const
{
    for (int i = 0; i < m_unknownCurrent.size(); ++i) {
        const QPointF c(kMargin + kLaneWidth / 2.0, kMargin + i * kRowHeight + kRowHeight / 2.0);
        p.setPen(QPen(kUnreachable, 2));
        p.setBrush(Qt::white);
        p.drawEllipse(c, kRadius, kRadius);
        p.drawText(QRectF(c.x() - kRadius, c.y() - kRadius, 2 * kRadius, 2 * kRadius), Qt::AlignCenter, QStringLiteral("?"));
        p.drawText(QPointF(textLeft(), c.y() + 4),
                   tr("%1 — the database is at this revision, but no file in the project folder has it").arg(m_unknownCurrent[i]));
    }
}

void RevisionGraphWidget::paintEdges(QPainter &p) const
{
    for (const RevisionLayout::Edge &e : m_layout.edges()) {
        const RevisionView child = m_revisions.value(e.child);
        const bool applied = child.status == RevisionView::Status::Applied;
        p.setPen(QPen(applied ? kApplied : kPending.lighter(120), 2.2));
        p.setBrush(Qt::NoBrush);
        const QPointF a = nodeCenter(e.fromRow, e.fromLane);
        const QPointF d = nodeCenter(e.toRow, e.toLane);
        QPainterPath path(a);
        auto curveTo = [&path](const QPointF &from, const QPointF &to) {
            const qreal mid = (from.y() + to.y()) / 2;
            path.cubicTo(QPointF(from.x(), mid), QPointF(to.x(), mid), to);
        };
        if (e.toRow - e.fromRow <= 1) {
            curveTo(a, d);
        } else {
            const QPointF b = nodeCenter(e.fromRow + 1, e.lane);
            const QPointF c = nodeCenter(e.toRow - 1, e.lane);
            curveTo(a, b);
            path.lineTo(c);
            curveTo(c, d);
        }
        p.drawPath(path);
    }
}

void RevisionGraphWidget::paintNode(QPainter &p, const QPointF &center, const RevisionView &v) const
{
    const QColor color = statusColor(v);
    if (v.current) {
        p.setPen(QPen(kCurrent, 2.5));
        p.setBrush(Qt::NoBrush);
        p.drawEllipse(center, kRadius + 4, kRadius + 4);
    }
    const bool filled = v.status == RevisionView::Status::Applied || v.run == RevisionView::Run::Failed
                     || v.run == RevisionView::Run::Running || v.status == RevisionView::Status::Unreachable;
    p.setPen(QPen(color, 2));
    p.setBrush(filled ? color : QColor(Qt::white));
    p.drawEllipse(center, kRadius, kRadius);
    QString glyph;
    if (v.run == RevisionView::Run::Failed || v.status == RevisionView::Status::Unreachable)
        glyph = QStringLiteral("✕");
    else if (v.run == RevisionView::Run::Running)
        glyph = QStringLiteral("▶");
    else if (v.status == RevisionView::Status::Applied)
        glyph = QStringLiteral("✓");
    if (!glyph.isEmpty()) {
        QFont f = p.font();
        f.setPixelSize(11);
        f.setBold(true);
        p.save();
        p.setFont(f);
        p.setPen(Qt::white);
        p.drawText(QRectF(center.x() - kRadius, center.y() - kRadius, 2 * kRadius, 2 * kRadius), Qt::AlignCenter, glyph);
        p.restore();
    }
}

qreal RevisionGraphWidget::paintChip(QPainter &p, qreal x, qreal y, const QString &text, const QColor &fill,
                                     const QColor &textColor) const
{
    QFont f = font();
    f.setPointSizeF(f.pointSizeF() * 0.85);
    const QFontMetricsF fm(f);
    const QRectF r(x, y - fm.height() + 2, fm.horizontalAdvance(text) + 10, fm.height() + 2);
    p.save();
    p.setFont(f);
    p.setPen(Qt::NoPen);
    p.setBrush(fill);
    p.drawRoundedRect(r, 4, 4);
    p.setPen(textColor);
    p.drawText(r, Qt::AlignCenter, text);
    p.restore();
    return r.right() + 6;
}

void RevisionGraphWidget::paintRow(QPainter &p, int row, const QString &id) const
{
    const RevisionView v = m_revisions.value(id);
    const QPointF center = nodeCenter(row, m_layout.lane(id));
    paintNode(p, center, v);

    const int top = rowTop(row);
    qreal x = textLeft();
    const qreal line1 = top + 19;
    const qreal line2 = top + 37;
    QFont mono(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::Monospace);
    mono.setBold(true);
    p.setFont(mono);
    p.setPen(statusColor(v).darker(115));
    const QString shortId = id.left(12);
    p.drawText(QPointF(x, line1), shortId);
    x += QFontMetricsF(mono).horizontalAdvance(shortId) + 10;
    p.setFont(font());
    p.setPen(palette().color(QPalette::Text));
    const QString message = QFontMetricsF(font()).elidedText(v.message.isEmpty() ? tr("(no message)") : v.message,
                                                             Qt::ElideRight, std::max(80.0, width() - x - 12));
    p.drawText(QPointF(x, line1), message);

    x = textLeft();
    if (v.current)
        x = paintChip(p, x, line2, tr("◆ database is here"), kCurrent, Qt::white);
    x = paintChip(p, x, line2, statusText(v), statusColor(v).lighter(v.status == RevisionView::Status::Pending ? 150 : 185),
                  statusColor(v).darker(150));
    if (v.drift)
        x = paintChip(p, x, line2, tr("⚠ file edited since applied"), kDrift, Qt::white);
    for (const QString &label : v.branchLabels)
        x = paintChip(p, x, line2, tr("branch: %1").arg(label), QColor(0xe8, 0xe0, 0xf8), QColor(0x4a, 0x2c, 0x8f));
    if (v.head)
        x = paintChip(p, x, line2, tr("head"), QColor(0xdd, 0xe8, 0xf8), kCurrent.darker(130));
    if (v.mergePoint)
        x = paintChip(p, x, line2, tr("merge"), QColor(0xee, 0xee, 0xee), QColor(0x44, 0x44, 0x44));
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    p.setFont(small);
    p.setPen(palette().color(QPalette::PlaceholderText));
    QString extra = v.created;
    if (v.status == RevisionView::Status::Unreachable && !v.unreachableReason.isEmpty())
        extra = v.unreachableReason;
    else if (v.drift && !v.driftReason.isEmpty())
        extra = v.driftReason;
    p.drawText(QPointF(x + 2, line2), extra);
}

void RevisionGraphWidget::mousePressEvent(QMouseEvent *event)
{
    const int row = (int(event->position().y()) - kMargin) / kRowHeight - int(m_unknownCurrent.size());
    if (row >= 0 && row < m_rowIds.size())
        setSelectedRevision(m_rowIds[row]);
    setFocus();
}

void RevisionGraphWidget::keyPressEvent(QKeyEvent *event)
{
    const int row = int(m_rowIds.indexOf(m_selected));
    if (event->key() == Qt::Key_Down && row + 1 < m_rowIds.size())
        setSelectedRevision(m_rowIds[row + 1]);
    else if (event->key() == Qt::Key_Up && row > 0)
        setSelectedRevision(m_rowIds[row - 1]);
    else
        QWidget::keyPressEvent(event);
}

} // namespace strata::ui
