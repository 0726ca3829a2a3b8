// ErdTab: its tool bar (density, hops, find, zoom, layout, refresh, export) and status row
// (message, zoom, progress with Cancel), and the export actions.

#include "erdtab.h"

#include "erdexport.h"
#include "erdscene.h"
#include "erdview.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QProgressBar>
#include <QSaveFile>
#include <QSpinBox>
#include <QToolButton>

namespace strata::ui {

namespace {

QToolButton *button(const QString &name, const QString &text, const QString &tip, QWidget *parent)
{
    auto *b = new QToolButton(parent);
    b->setObjectName(name);
    b->setText(text);
    b->setToolTip(tip);
    b->setAutoRaise(true);
    return b;
}

} // namespace

QWidget *ErdTab::buildBar()
{
    auto *bar = new QWidget(this);
    auto *row = new QHBoxLayout(bar);
    row->setContentsMargins(6, 4, 6, 4);
    m_density = new QComboBox(bar);
    m_density->setObjectName(QStringLiteral("erdDensity"));
    m_density->addItem(tr("All columns"), int(erd::Density::Full));
    m_density->addItem(tr("Keys only"), int(erd::Density::KeysOnly));
    m_density->addItem(tr("Names only"), int(erd::Density::NamesOnly));
    connect(m_density, &QComboBox::currentIndexChanged, this, [this] { setDensity(erd::Density(m_density->currentData().toInt())); });
    row->addWidget(m_density);
    m_engine = new QComboBox(bar);
    m_engine->setObjectName(QStringLiteral("erdEngine"));
    m_engine->addItem(tr("Hierarchy (dot)"), int(erd::LayoutEngine::Dot));
    m_engine->addItem(tr("Dense (fdp)"), int(erd::LayoutEngine::Fdp));
    m_engine->setToolTip(tr("How Re-layout places the boxes: by references (dot), or by closeness for dense schemas (fdp)"));
    row->addWidget(m_engine);
    m_hops = new QSpinBox(bar);
    m_hops->setObjectName(QStringLiteral("erdHops"));
    m_hops->setRange(0, 9);
    m_hops->setValue(std::max(0, m_request.hops));
    m_hops->setPrefix(tr("Hops: "));
    m_hops->setToolTip(tr("Foreign-key steps from %1").arg(m_request.center.display()));
    m_hops->setVisible(m_request.center.isValid());
    connect(m_hops, &QSpinBox::valueChanged, this, &ErdTab::setHops);
    row->addWidget(m_hops);
    m_find = new QLineEdit(bar);
    m_find->setObjectName(QStringLiteral("erdFind"));
    m_find->setPlaceholderText(tr("Find a table…"));
    m_find->setClearButtonEnabled(true);
    m_find->setMaximumWidth(240);
    connect(m_find, &QLineEdit::returnPressed, this, [this] { findTable(m_find->text()); });
    row->addWidget(m_find);
    row->addStretch(1);
    auto *fit = button(QStringLiteral("erdFit"), tr("Fit"), tr("The whole diagram in view"), bar);
    connect(fit, &QToolButton::clicked, m_view, &ErdView::fit);
    auto *actual = button(QStringLiteral("erdActualSize"), tr("1:1"), tr("Actual size"), bar);
    connect(actual, &QToolButton::clicked, m_view, &ErdView::actualSize);
    auto *relayoutButton = button(QStringLiteral("erdRelayout"), tr("Re-layout"), tr("Lay out again with Graphviz; pinned boxes stay"), bar);
    connect(relayoutButton, &QToolButton::clicked, this, &ErdTab::relayout);
    auto *refreshButton = button(QStringLiteral("erdRefresh"), tr("Refresh"), tr("Read the schema again; positions are kept"), bar);
    connect(refreshButton, &QToolButton::clicked, this, &ErdTab::refresh);
    m_export = button(QStringLiteral("erdExport"), tr("Export"), tr("PNG, SVG, PDF, the diagram's JSON, or copy as an image"), bar);
    m_export->setPopupMode(QToolButton::InstantPopup);
    auto *menu = new QMenu(m_export);
    menu->addAction(tr("PNG image…"), this, [this] { exportAs(QStringLiteral("png")); });
    menu->addAction(tr("SVG drawing…"), this, [this] { exportAs(QStringLiteral("svg")); });
    menu->addAction(tr("PDF document…"), this, [this] { exportAs(QStringLiteral("pdf")); });
    menu->addAction(tr("Diagram JSON…"), this, [this] { exportAs(QStringLiteral("json")); });
    menu->addSeparator();
    menu->addAction(tr("Copy as image"), this, &ErdTab::copyImage);
    m_export->setMenu(menu);
    for (QToolButton *b : {fit, actual, relayoutButton, refreshButton, m_export})
        row->addWidget(b);
    return bar;
}

QWidget *ErdTab::buildStatus()
{
    auto *status = new QWidget(this);
    auto *row = new QHBoxLayout(status);
    row->setContentsMargins(6, 2, 6, 2);
    m_message = new QLabel(status);
    m_message->setObjectName(QStringLiteral("erdMessage"));
    row->addWidget(m_message, 1);
    m_progress = new QProgressBar(status);
    m_progress->setMaximumWidth(280);
    m_progress->setVisible(false);
    row->addWidget(m_progress);
    m_cancel = button(QStringLiteral("erdCancel"), tr("Cancel"), tr("Stop reading or laying out"), status);
    m_cancel->setVisible(false);
    connect(m_cancel, &QToolButton::clicked, this, &ErdTab::cancelWork);
    row->addWidget(m_cancel);
    m_zoom = new QLabel(QStringLiteral("100%"), status);
    row->addWidget(m_zoom);
    return status;
}

void ErdTab::exportAs(const QString &format)
{
    const QString suggested = (m_request.center.isValid() ? m_request.center.name : m_request.schema) + QLatin1Char('.') + format;
    const QString path = QFileDialog::getSaveFileName(this, tr("Export diagram"), suggested, tr("%1 files (*.%2)").arg(format.toUpper(), format));
    if (path.isEmpty())
        return;
    Status written;
    if (format == QLatin1String("png")) {
        bool ok = false;
        const double scale = QInputDialog::getDouble(this, tr("Export PNG"), tr("Scale:"), 1.0, 0.1, 4.0, 1, &ok);
        if (!ok)
            return;
        written = exportPng(m_scene, path, scale);
    } else if (format == QLatin1String("svg")) {
        written = exportSvg(m_scene, path, title());
    } else if (format == QLatin1String("pdf")) {
        written = exportPdf(m_scene, path, title());
    } else {
        written = document().save(path);
    }
    showMessage(written ? tr("Exported to %1.").arg(path) : written.error().message, !written);
}

void ErdTab::copyImage()
{
    QApplication::clipboard()->setImage(renderDiagram(m_scene, 1.0));
    showMessage(tr("The diagram is on the clipboard."));
}

} // namespace strata::ui
