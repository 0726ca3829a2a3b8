#include "erdexport.h"

#include "erdscene.h"

#include <QObject>
#include <QGraphicsItem>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSvgGenerator>

namespace strata::ui {

namespace {

/// Paints the scene's content into `target` of size `size` (selection and highlights off).
void paintInto(ErdScene *scene, QPainter &painter, const QRectF &target)
{
    const QList<QGraphicsItem *> selected = scene->selectedItems();
    scene->clearSelection();
    painter.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    const QBrush background = scene->backgroundBrush();
    scene->setBackgroundBrush(Qt::white);
    scene->render(&painter, target, scene->contentRect());
    scene->setBackgroundBrush(background);
    for (QGraphicsItem *item : selected)
        item->setSelected(true);
}

} // namespace

QImage renderDiagram(ErdScene *scene, qreal scale)
{
    const QRectF content = scene->contentRect();
    const QSize size = (content.size() * scale).toSize().expandedTo(QSize(1, 1));
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QPainter painter(&image);
    paintInto(scene, painter, QRectF(QPointF(0, 0), size));
    return image;
}

Status exportPng(ErdScene *scene, const QString &path, qreal scale)
{
    const QImage image = renderDiagram(scene, scale);
    if (!image.save(path, "PNG"))
        return Error(ErrorKind::Io, QObject::tr("Cannot write %1").arg(path));
    return {};
}

Status exportSvg(ErdScene *scene, const QString &path, const QString &title)
{
    const QRectF content = scene->contentRect();
    QSvgGenerator svg;
    svg.setFileName(path);
    svg.setTitle(title);
    svg.setDescription(QObject::tr("Entity-relationship diagram drawn by Strata"));
    svg.setSize(content.size().toSize());
    svg.setViewBox(QRectF(QPointF(0, 0), content.size()));
    QPainter painter;
    if (!painter.begin(&svg))
        return Error(ErrorKind::Io, QObject::tr("Cannot write %1").arg(path));
    paintInto(scene, painter, QRectF(QPointF(0, 0), content.size()));
    if (!painter.end())
        return Error(ErrorKind::Io, QObject::tr("Cannot write %1").arg(path));
    return {};
}

Status exportPdf(ErdScene *scene, const QString &path, const QString &title)
{
    const QRectF content = scene->contentRect();
    QPdfWriter pdf(path);
    pdf.setTitle(title);
    pdf.setCreator(QStringLiteral("Strata"));
    pdf.setResolution(72);   // one point per scene unit: the page is the diagram's size
    pdf.setPageSize(QPageSize(content.size(), QPageSize::Point, QString(), QPageSize::ExactMatch));
    pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
    QPainter painter;
    if (!painter.begin(&pdf))
        return Error(ErrorKind::Io, QObject::tr("Cannot write %1").arg(path));
    paintInto(scene, painter, QRectF(QPointF(0, 0), content.size()));
    if (!painter.end())
        return Error(ErrorKind::Io, QObject::tr("Cannot write %1").arg(path));
    return {};
}

} // namespace strata::ui
