#include "objecticons.h"

#include <QHash>
#include <QPainter>
#include <QPainterPath>
#include <QPixmap>

namespace strata::ui {

namespace {

struct Badge {
    QColor color;
    QString glyph;
    bool outline = false;
};

Badge badgeFor(ObjectIcon kind)
{
    switch (kind) {
    case ObjectIcon::SqliteConnection: return {QColor(0x0f, 0x80, 0xcc), QStringLiteral("SL")};
    case ObjectIcon::PostgresConnection: return {QColor(0x33, 0x67, 0x91), QStringLiteral("PG")};
    case ObjectIcon::Schema: return {QColor(0x8e, 0x6c, 0x3a), QStringLiteral("S"), true};
    case ObjectIcon::Folder: return {QColor(0xc9, 0xa2, 0x27), QString()};
    case ObjectIcon::Table: return {QColor(0x2e, 0x7d, 0x32), QStringLiteral("T")};
    case ObjectIcon::View: return {QColor(0x6a, 0x1b, 0x9a), QStringLiteral("V")};
    case ObjectIcon::MaterializedView: return {QColor(0x8e, 0x24, 0xaa), QStringLiteral("M")};
    case ObjectIcon::PartitionedTable: return {QColor(0x1b, 0x5e, 0x20), QStringLiteral("P")};
    case ObjectIcon::ForeignTable: return {QColor(0x45, 0x5a, 0x64), QStringLiteral("F")};
    case ObjectIcon::Sequence: return {QColor(0x00, 0x83, 0x8f), QStringLiteral("#")};
    case ObjectIcon::Function: return {QColor(0xd8, 0x43, 0x15), QStringLiteral("ƒ")};
    case ObjectIcon::Procedure: return {QColor(0xbf, 0x36, 0x0c), QStringLiteral("P")};
    case ObjectIcon::Column: return {QColor(0x60, 0x7d, 0x8b), QStringLiteral("c"), true};
    case ObjectIcon::KeyColumn: return {QColor(0xf9, 0xa8, 0x25), QStringLiteral("K")};
    case ObjectIcon::Index: return {QColor(0x39, 0x49, 0xab), QStringLiteral("I"), true};
    case ObjectIcon::ForeignKey: return {QColor(0x00, 0x69, 0x5c), QStringLiteral("→")};
    case ObjectIcon::Constraint: return {QColor(0x55, 0x8b, 0x2f), QStringLiteral("✓"), true};
    case ObjectIcon::Trigger: return {QColor(0xef, 0x6c, 0x00), QStringLiteral("ϟ")};
    case ObjectIcon::Error: return {QColor(0xc6, 0x28, 0x28), QStringLiteral("!")};
    }
    return {Qt::gray, QString()};
}

QPixmap paintFolder(int size, const QColor &color)
{
    QPixmap pm(size, size);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    p.setRenderHint(QPainter::Antialiasing);
    const qreal s = size;
    QPainterPath tab;
    tab.addRoundedRect(QRectF(s * 0.08, s * 0.18, s * 0.42, s * 0.22), s * 0.06, s * 0.06);
    p.fillPath(tab, color.darker(115));
    QPainterPath body;
    body.addRoundedRect(QRectF(s * 0.08, s * 0.28, s * 0.84, s * 0.56), s * 0.08, s * 0.08);
    p.fillPath(body, color);
    return pm;
}

QPixmap paintBadge(int size, const Badge &badge)
{
    if (badge.glyph.isEmpty())
        return paintFolder(size, badge.color);
    QPixmap pm(size, size);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    p.setRenderHint(QPainter::Antialiasing);
    p.setRenderHint(QPainter::TextAntialiasing);
    const QRectF r(size * 0.06, size * 0.06, size * 0.88, size * 0.88);
    if (badge.outline) {
        p.setPen(QPen(badge.color, qMax(1.0, size / 14.0)));
        p.setBrush(badge.color.lighter(185));
    } else {
        p.setPen(Qt::NoPen);
        p.setBrush(badge.color);
    }
    p.drawRoundedRect(r, size * 0.2, size * 0.2);
    QFont font = p.font();
    font.setBold(true);
    font.setPixelSize(qMax(6, int(size * (badge.glyph.size() > 1 ? 0.42 : 0.6))));
    p.setFont(font);
    p.setPen(badge.outline ? badge.color.darker(130) : Qt::white);
    p.drawText(r, Qt::AlignCenter, badge.glyph);
    return pm;
}

} // namespace

QIcon objectIcon(ObjectIcon kind)
{
    static QHash<int, QIcon> cache;   // GUI thread only
    auto it = cache.find(int(kind));
    if (it != cache.end())
        return *it;
    QIcon icon;
    const Badge badge = badgeFor(kind);
    for (int size : {16, 20, 24, 32, 48})
        icon.addPixmap(paintBadge(size, badge));
    cache.insert(int(kind), icon);
    return icon;
}

} // namespace strata::ui
