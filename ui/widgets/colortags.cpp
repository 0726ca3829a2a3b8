#include "colortags.h"

#include <QPainter>
#include <QPixmap>

namespace strata::ui {

const QList<ColorTag> &colorTags()
{
    static const QList<ColorTag> tags = {
        {QStringLiteral("production"), QStringLiteral("Production"), QColor(0xd3, 0x2f, 0x2f)},
        {QStringLiteral("staging"), QStringLiteral("Staging"), QColor(0xef, 0x6c, 0x00)},
        {QStringLiteral("test"), QStringLiteral("Test"), QColor(0x19, 0x76, 0xd2)},
        {QStringLiteral("development"), QStringLiteral("Development"), QColor(0x38, 0x8e, 0x3c)},
        {QStringLiteral("local"), QStringLiteral("Local"), QColor(0x75, 0x75, 0x75)},
    };
    return tags;
}

QColor colorForTag(const QString &tag)
{
    if (tag.isEmpty())
        return QColor();
    for (const ColorTag &t : colorTags())
        if (t.name.compare(tag, Qt::CaseInsensitive) == 0)
            return t.color;
    if (tag.startsWith(QLatin1Char('#')))
        return QColor::fromString(tag);
    return QColor();
}

bool isDangerTag(const QString &tag)
{
    if (tag.compare(QLatin1String("production"), Qt::CaseInsensitive) == 0)
        return true;
    const QColor c = colorForTag(tag);
    return c.isValid() && c.hslSaturation() > 100 && (c.hslHue() < 15 || c.hslHue() > 345);
}

QIcon taggedIcon(const QIcon &icon, const QColor &color)
{
    if (!color.isValid())
        return icon;
    QIcon result;
    for (int size : {16, 22, 32, 48}) {
        QPixmap pm = icon.pixmap(size, size);
        QPainter p(&pm);
        p.setRenderHint(QPainter::Antialiasing);
        const qreal d = size * 0.5;
        const QRectF dot(size - d, size - d, d - 0.5, d - 0.5);
        p.setPen(QPen(Qt::white, qMax(1.0, size / 12.0)));
        p.setBrush(color);
        p.drawEllipse(dot);
        p.end();
        result.addPixmap(pm);
    }
    return result;
}

QIcon colorSwatch(const QColor &color)
{
    QPixmap pm(16, 16);
    pm.fill(Qt::transparent);
    if (color.isValid()) {
        QPainter p(&pm);
        p.setRenderHint(QPainter::Antialiasing);
        p.setPen(color.darker(130));
        p.setBrush(color);
        p.drawEllipse(QRectF(2.5, 2.5, 11, 11));
    }
    return QIcon(pm);
}

} // namespace strata::ui
