#pragma once

// Writing a diagram out: PNG at a chosen scale, SVG (QSvgGenerator: text stays text, boxes
// and edges stay vectors), PDF (one page sized to the diagram), the clipboard (an image),
// and the diagram's own JSON (erd::DiagramDocument). Synchronous: painting a scene is GUI
// work; a 2,000-table diagram paints in well under a second.

#include "base/result.h"

#include <QImage>
#include <QString>

namespace strata::ui {

class ErdScene;

/// The whole diagram painted at `scale` (1.0: one pixel per scene unit) on white.
QImage renderDiagram(ErdScene *scene, qreal scale);

[[nodiscard]] Status exportPng(ErdScene *scene, const QString &path, qreal scale);
[[nodiscard]] Status exportSvg(ErdScene *scene, const QString &path, const QString &title);
[[nodiscard]] Status exportPdf(ErdScene *scene, const QString &path, const QString &title);

} // namespace strata::ui
