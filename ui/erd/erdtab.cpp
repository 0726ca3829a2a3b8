#include "erdtab.h"

#include "catalog/schemanotifier.h"
#include "connection/connection.h"
#include "erd/diagramchanges.h"
#include "erd/layoutjob.h"
#include "erdminimap.h"
#include "erdscene.h"
#include "erdview.h"
#include "tableitem.h"

#include <QComboBox>
#include <QContextMenuEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QProgressBar>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

namespace strata::ui {

using erd::Density;
using erd::Diagram;
using erd::DiagramDocument;
using erd::Placement;

ErdTab::ErdTab(const connection::ConnectionSpec &spec, int connectionId, erd::DiagramRequest request, QWidget *parent)
    : QWidget(parent)
    , m_connectionId(connectionId)
    , m_request(std::move(request))
    , m_connectionKey(DiagramDocument::connectionKey(spec.profile))
    , m_profile(spec.profile)
    , m_storePath(DiagramDocument::storePath(m_connectionKey, m_request.schema, m_request.center.isValid() ? m_request.center.id() : QString()))
    , m_conn(new connection::Connection(spec.profile, QStringLiteral("erd"), this))
    , m_layout(new erd::LayoutJob(this))
    , m_scene(new ErdScene(this))
    , m_view(new ErdView(m_scene, this))
{
    setProperty("connectionId", connectionId);   // MainWindow::closeConnection closes it with the connection
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(buildBar());
    layout->addWidget(m_view, 1);
    layout->addWidget(buildStatus());
    m_view->setMinimap(new ErdMinimap(m_view));
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_view, &QWidget::customContextMenuRequested, this, [this](const QPoint &at) {
        QContextMenuEvent event(QContextMenuEvent::Mouse, at, m_view->viewport()->mapToGlobal(at));
        contextMenuEvent(&event);
    });
    connect(m_view, &ErdView::tableActivated, this, [this](const erd::TableKey &key) { Q_EMIT tableActivated(m_connectionId, key); });
    connect(m_view, &ErdView::zoomChanged, this, [this](qreal z) { m_zoom->setText(QStringLiteral("%1%").arg(qRound(z * 100))); });
    connect(m_view, &ErdView::foreignKeyDragged, this, &ErdTab::proposeForeignKey);
    connect(m_scene, &ErdScene::boxMoved, this, [this] { savePositions(); });
    connect(m_layout, &erd::LayoutJob::progress, this, [this](int done, int total) {
        m_progress->setRange(0, total);
        m_progress->setValue(done);
    });
    connect(m_layout, &erd::LayoutJob::finished, this, &ErdTab::onLayoutDone);
    m_conn->open(spec.password);
    load();
}

ErdTab::~ErdTab() = default;

QString ErdTab::title() const
{
    if (m_request.center.isValid())
        return tr("Diagram: %1 (%n hop(s))", nullptr, m_request.hops).arg(m_request.center.name);
    return tr("Diagram: %1").arg(m_request.schema);
}

void ErdTab::setSchemaNotifier(catalog::SchemaNotifier *notifier)
{
    m_notifier = notifier;
    connect(notifier, &catalog::SchemaNotifier::changed, this, &ErdTab::onSchemaChanged);
}

void ErdTab::onSchemaChanged(const catalog::SchemaChange &change)
{
    if (change.touches(m_connectionId, m_request.schema))
        refresh();
}

bool ErdTab::isBusy() const
{
    return m_loading || m_layout->isRunning();
}

void ErdTab::refresh()
{
    load();
}

void ErdTab::load()
{
    setBusy(m_loaded ? tr("Reading the schema again…") : tr("Reading the schema…"));
    m_loading = true;
    const int generation = ++m_generation;
    erd::fetchDiagram(*m_conn, this, m_request, [this, generation](Result<Diagram> result) {
        if (generation == m_generation)
            onLoaded(std::move(result));
    });
}

void ErdTab::onLoaded(Result<Diagram> result)
{
    m_loading = false;
    if (!result) {
        setBusy({});
        showMessage(result.error().message, true);
        return;
    }
    const Diagram diagram = std::move(result).value();
    if (m_loaded) {
        const erd::DiagramChanges changes = erd::diffDiagrams(m_scene->diagram(), diagram);
        showMessage(changes.isEmpty() ? tr("Refreshed: no change.") : tr("Refreshed: %1.").arg(changes.summary()));
        draw(diagram, m_scene->placements(), false);
        return;
    }
    m_loaded = true;
    const Result<DiagramDocument> saved = DiagramDocument::load(m_storePath);
    if (!saved) {
        if (saved.error().kind != ErrorKind::NotFound)
            showMessage(saved.error().message, true);
        draw(diagram, {}, true);
        return;
    }
    m_densityValue = saved->density;
    {
        const QSignalBlocker block(m_density);
        m_density->setCurrentIndex(m_density->findData(int(m_densityValue)));
    }
    const erd::DiagramChanges changes = erd::diffDiagrams(saved->diagram, diagram);
    showMessage(changes.isEmpty() ? tr("As saved.") : tr("Since saved: %1.").arg(changes.summary()));
    draw(diagram, saved->placements, saved->placements.isEmpty());
    m_view->fit();
}

void ErdTab::announceReady()
{
    if (m_view->minimap())
        m_view->minimap()->refit();
    Q_EMIT ready();
}

void ErdTab::draw(const Diagram &diagram, QHash<QString, Placement> placements, bool needLayout)
{
    QList<erd::TableKey> missing;
    QHash<QString, QPointF> placed;
    for (const erd::DiagramTable &t : diagram.tables) {
        if (placements.contains(t.key.id()))
            placed.insert(t.key.id(), placements.value(t.key.id()).position);
        else
            missing << t.key;
    }
    QList<erd::TableKey> selected;
    for (QGraphicsItem *item : m_scene->selectedItems())
        if (auto *t = dynamic_cast<TableItem *>(item))
            selected << t->key();
    m_scene->setDiagram(diagram, m_densityValue, m_request.schema, placements);
    for (const erd::TableKey &key : std::as_const(selected))   // the selection survives a refresh
        if (TableItem *item = m_scene->tableItem(key))
            item->setSelected(true);
    if (needLayout || placed.isEmpty()) {
        m_fitAfterLayout = true;
        relayout();
        return;
    }
    if (!missing.isEmpty()) {
        m_scene->applyPositions(erd::placeNewTables(diagram, missing, placed, m_scene->sizes()));
        savePositions();
    }
    setBusy({});
    announceReady();
}

void ErdTab::relayout()
{
    if (m_scene->diagram().tables.isEmpty()) {
        setBusy({});
        announceReady();
        return;
    }
    setBusy(tr("Laying out %n table(s)…", nullptr, int(m_scene->diagram().tables.size())));
    m_layout->start(m_scene->layoutInput(erd::LayoutEngine(m_engine->currentData().toInt())));
}

void ErdTab::onLayoutDone(const Result<erd::LayoutOutput> &result)
{
    setBusy({});
    if (!result) {
        showMessage(result.error().isCancelled() ? tr("Layout cancelled: boxes stay where they were.") : result.error().message,
                    !result.error().isCancelled());
        return;
    }
    m_scene->applyPositions(result->positions);
    if (m_fitAfterLayout)
        m_view->fit();
    m_fitAfterLayout = false;
    savePositions();
    announceReady();
}

void ErdTab::cancelWork()
{
    if (m_layout->isRunning()) {
        m_layout->cancel();
        return;
    }
    if (m_loading) {
        ++m_generation;   // the late result is dropped
        m_loading = false;
        m_conn->cancel();
        setBusy({});
        showMessage(tr("Cancelled."));
    }
}

void ErdTab::setDensity(Density density)
{
    if (density == m_densityValue)
        return;
    m_densityValue = density;
    {
        const QSignalBlocker block(m_density);
        m_density->setCurrentIndex(m_density->findData(int(density)));
    }
    // Boxes change size: lay out again (pinned boxes stay).
    m_scene->setDiagram(m_scene->diagram(), density, m_request.schema, m_scene->placements());
    relayout();
}

void ErdTab::setHops(int hops)
{
    if (!m_request.center.isValid() || hops == m_request.hops)
        return;
    m_request.hops = hops;
    {
        const QSignalBlocker block(m_hops);
        m_hops->setValue(hops);
    }
    load();
}

bool ErdTab::findTable(const QString &text)
{
    const QList<erd::TableKey> found = text.isEmpty() ? QList<erd::TableKey>() : m_scene->find(text);
    if (found.isEmpty()) {
        showMessage(text.isEmpty() ? QString() : tr("No table matches \u201c%1\u201d.").arg(text));
        return false;
    }
    TableItem *item = m_scene->tableItem(found.first());
    m_scene->clearSelection();
    item->setSelected(true);   // selecting highlights it and its references
    if (m_view->zoom() < 0.6)
        m_view->setZoom(0.8);
    m_view->centerOn(item);
    showMessage(found.size() == 1 ? QString() : tr("%n more match(es).", nullptr, int(found.size() - 1)));
    return true;
}

DiagramDocument ErdTab::document() const
{
    DiagramDocument doc;
    doc.connection = m_connectionKey;
    doc.schema = m_request.schema;
    doc.center = m_request.center;
    doc.hops = m_request.hops;
    doc.density = m_densityValue;
    doc.diagram = m_scene->diagram();
    doc.placements = m_scene->placements();
    for (QGraphicsItem *item : m_scene->selectedItems())
        if (auto *t = dynamic_cast<TableItem *>(item))
            doc.selection << t->key();
    return doc;
}

void ErdTab::savePositions()
{
    if (const Status saved = document().save(m_storePath); !saved)
        showMessage(saved.error().message, true);
}

void ErdTab::showMessage(const QString &text, bool error)
{
    m_message->setText(text);
    m_message->setStyleSheet(error ? QStringLiteral("color: #b00020;") : QString());
}

void ErdTab::setBusy(const QString &what)
{
    m_progress->setVisible(!what.isEmpty());
    m_cancel->setVisible(!what.isEmpty());
    m_progress->setRange(0, 0);
    m_progress->setFormat(what);
    m_progress->setTextVisible(!what.isEmpty());
}

void ErdTab::contextMenuEvent(QContextMenuEvent *event)
{
    TableItem *table = nullptr;
    for (QGraphicsItem *item : m_view->items(event->pos()))
        if ((table = dynamic_cast<TableItem *>(item)))
            break;
    QMenu menu(this);
    if (table) {
        const erd::TableKey key = table->key();
        menu.addAction(tr("Open &data"), this, [this, key] { Q_EMIT tableActivated(m_connectionId, key); });
        menu.addAction(tr("&Properties"), this, [this, key] { Q_EMIT propertiesRequested(m_connectionId, key); });
        menu.addAction(tr("D&esign table…"), this, [this, key] { Q_EMIT designerRequested(m_connectionId, key); });
        menu.addAction(tr("Add &column…"), this, [this, key] { Q_EMIT addColumnRequested(m_connectionId, key); });
        menu.addAction(tr("&Neighbourhood…"), this, [this, key] { Q_EMIT neighbourhoodRequested(m_connectionId, key); });
        menu.addSeparator();
        QAction *pin = menu.addAction(tr("P&in in place"));
        pin->setCheckable(true);
        pin->setChecked(table->isPinned());
        connect(pin, &QAction::toggled, this, [this, table](bool on) {
            table->setPinned(on);
            savePositions();
        });
        menu.addSeparator();
    }
    menu.addAction(tr("New &table here…"), this, [this] { Q_EMIT newTableRequested(m_connectionId, m_request.schema); });
    menu.addSeparator();
    menu.addAction(tr("&Re-layout"), this, &ErdTab::relayout);
    menu.addAction(tr("Re&fresh"), this, &ErdTab::refresh);
    menu.exec(event->globalPos());
}

} // namespace strata::ui
