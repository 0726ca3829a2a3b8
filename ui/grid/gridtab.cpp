#include "gridtab.h"

#include "catalog/descriptionstore.h"
#include "connection/connection.h"
#include "connection/readerpool.h"
#include "data/tablemodel.h"
#include "griddelegate.h"
#include "gridfilterrow.h"
#include "gridview.h"
#include "widgets/pendingwork.h"

#include <QAction>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QSettings>
#include <QShowEvent>
#include <QTime>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

namespace strata::ui {

using connection::Connection;
using data::TableModel;

namespace {
constexpr int kMaxFittedWidth = 320;   // columns fitted to their values stay narrower than this

/// The shared pool when the tab belongs to a database of the tree, else none.
connection::ReaderPool *poolFor(const GridTabServices &services, const ObjectRef &object)
{
    return object.connectionId >= 0 ? services.readers : nullptr;
}

} // namespace

GridTab::GridTab(const connection::ConnectionSpec &spec, const ObjectRef &object, QWidget *parent,
                 const GridTabServices &services)
    : QWidget(parent)
    , m_object(object)
    , m_spec(spec)
    , m_connectionName(spec.profile.displayName())
    , m_readers(poolFor(services, object))
    , m_reader(m_readers ? m_readers->acquire(object.connectionId, spec) : new Connection(spec.profile, QStringLiteral("grid"), this))
    , m_background(new Connection(spec.profile, QStringLiteral("grid-count"), this))
    , m_model(new TableModel(m_reader, m_background, this))
    , m_view(new GridView(this))
    , m_delegate(new GridDelegate(this))
    , m_filters(new GridFilterRow(m_view->horizontalHeader(), this))
    , m_banner(new QLabel(this))
    , m_status(new QLabel(this))
    , m_cancelCount(new QToolButton(this))
    , m_saveNote(new QLabel(this))
    , m_saveNoteTimer(new QTimer(this))
{
    // Jobs run in order on each connection's worker: the model's first jobs wait for open().
    // A shared reader is opened by the pool (once per database).
    if (!m_readers)
        m_reader->open(spec.password);
    else
        m_model->setWriter(m_background);   // the shared reader only reads
    m_background->open(spec.password);

    m_view->setModel(m_model);
    m_view->setItemDelegate(m_delegate);
    m_delegate->setLookupConnection(m_reader);
    m_view->setSortingEnabled(true);
    m_view->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    m_view->horizontalHeader()->setSectionsMovable(false);
    m_view->horizontalHeader()->setHighlightSections(false);
    m_view->setRowHeight(m_view->fontMetrics().height() + 8);
    m_view->setAlternatingRowColors(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectItems);
    m_view->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed | QAbstractItemView::AnyKeyPressed);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->horizontalHeader()->setSortIndicatorClearable(true);

    m_banner->setWordWrap(true);
    m_banner->setVisible(false);
    m_banner->setContentsMargins(8, 4, 8, 4);
    m_banner->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::LinksAccessibleByMouse);
    connect(m_banner, &QLabel::linkActivated, this, &GridTab::onBannerLink);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_cancelCount->setText(tr("Stop counting"));
    m_cancelCount->setAutoRaise(true);
    m_cancelCount->setVisible(false);
    connect(m_cancelCount, &QToolButton::clicked, m_model, &TableModel::cancelCount);

    auto *toolbar = new QToolBar(this);
    toolbar->setIconSize(QSize(16, 16));
    toolbar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    createActions();
    for (QAction *a : {m_save, m_revert, m_undo, m_undoSave})
        toolbar->addAction(a);
    toolbar->addSeparator();
    for (QAction *a : {m_add, m_duplicate, m_delete, m_setNull, m_editValue})
        toolbar->addAction(a);
    toolbar->addSeparator();
    toolbar->addAction(m_refresh);

    m_saveNote->setObjectName(QStringLiteral("saveNote"));
    m_saveNote->setStyleSheet(QStringLiteral("QLabel { color: #1b5e20; background: #e8f5e9; border-radius: 3px; padding: 1px 6px; }"));
    m_saveNote->setVisible(false);
    m_saveNoteTimer->setSingleShot(true);
    m_saveNoteTimer->setInterval(20000);
    connect(m_saveNoteTimer, &QTimer::timeout, m_saveNote, &QLabel::hide);

    auto *statusRow = new QHBoxLayout;
    statusRow->setContentsMargins(6, 0, 6, 2);
    statusRow->addWidget(m_saveNote);
    statusRow->addWidget(m_status, 1);
    statusRow->addWidget(m_cancelCount);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(toolbar);
    layout->addWidget(m_banner);
    layout->addWidget(m_filters);
    layout->addWidget(m_view, 1);
    layout->addLayout(statusRow);

    connect(m_model, &TableModel::opened, this, &GridTab::onOpened);
    connect(m_model, &TableModel::statusChanged, this, &GridTab::updateStatus);
    connect(m_model, &TableModel::fetchFailed, this, [this](const Error &e) { showBanner(tr("Could not read rows: %1").arg(e.message), true); });
    connect(m_model, &TableModel::saveFinished, this, &GridTab::onSaveFinished);
    connect(m_model, &TableModel::rowLocated, this, &GridTab::onRowLocated);
    connect(m_model, &TableModel::rowsRepositioned, this, &GridTab::keepPlace);
    connect(m_model, &TableModel::reconnected, this, [this] { showBanner(m_bannerText, false); });
    connect(m_filters, &GridFilterRow::applyRequested, this, &GridTab::applyFilters);
    connect(m_delegate, &GridDelegate::valueDialogRequested, this, [this](const QModelIndex &index) {
        QTimer::singleShot(0, this, [this, index = QPersistentModelIndex(index)] { editInDialog(index); });
    });
    connect(m_view, &GridView::customContextMenuRequested, this, &GridTab::showContextMenu);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &GridTab::updateActions);
    connect(m_view->horizontalHeader(), &QHeaderView::sectionResized, this, [this](int column) {
        if (!m_model->isOpen() || m_fitting)
            return;
        if (!m_savedWidthColumns.contains(column))
            m_savedWidthColumns << column;
        saveWidths();
    });
    // Columns fit the first rows read (the first window) once per opening, then widen when
    // rows read later (after a jump) hold wider values.
    connect(m_model, &TableModel::windowLoaded, this, [this](int window) {
        if (window == 0 && !m_fitted) {
            fitColumns();
        } else if (m_fitted) {
            m_fitting = true;
            m_view->growColumnsToVisibleRows(kMaxFittedWidth, m_savedWidthColumns);
            m_fitting = false;
        }
    });
    setFocusProxy(m_view);
    connect(m_model, &TableModel::structureChanged, this, &GridTab::onStructureChanged);
    attachPendingWork();
    m_status->setText(tr("Opening %1…").arg(object.name));
    updateActions();
    std::optional<catalog::TableDetail> known;
    if (services.descriptions && object.connectionId >= 0)
        known = services.descriptions->find(object.connectionId, object.schema, object.name);
    m_model->open(object.schema, object.name, known);
}

void GridTab::reconnect()
{
    for (Connection *c : {m_reader, m_background})
        if (c->state() != Connection::State::Open && c->state() != Connection::State::Connecting)
            c->reconnect();
}

void GridTab::onBannerLink(const QString &link)
{
    if (link == QLatin1String("reconnect")) {
        reconnect();
    } else if (link == QLatin1String("cancelcopy")) {
        m_model->cancelRangeRead();
    } else if (link == QLatin1String("editview") && m_model->enableViewEditing()) {
        m_bannerText = tr("Editing the view %1: changes go through the view to its base table.").arg(m_object.name);
        showBanner(m_bannerText, false);
        updateActions();
    }
}

void GridTab::keepPlace(int modelRow, qint64 delta)
{
    // Rows read from an estimated position were located: scroll by the same amount so the
    // rows under the user's eyes (and the current cell) stay where they are on screen.
    Q_UNUSED(modelRow)
    if (delta == 0)
        return;
    const QModelIndex current = m_view->currentIndex();
    const qint64 currentRow = current.isValid() ? m_view->absoluteRow(current.row()) - m_model->insertedRowCount() : -1;
    const bool moveCurrent = currentRow >= 0 && m_model->isRowApproximate(currentRow);
    m_view->scrollByRows(delta);
    if (moveCurrent) {
        const qint64 row = qBound(qint64(0), m_view->absoluteRow(current.row()) + delta, m_model->totalRowCount() - 1);
        m_view->selectionModel()->setCurrentIndex(m_view->indexAtRow(row, current.column()), QItemSelectionModel::ClearAndSelect);
    }
}

GridTab::~GridTab()
{
    // The model goes first, while its connections still exist to cancel what runs.
    delete m_model;
    m_model = nullptr;
    // A shared reader stays open while other tabs read through it.
    if (m_readers)
        m_readers->release(m_reader);
}

void GridTab::setInitialSpec(const data::GridSpec &spec)
{
    if (m_model->isOpen()) {
        m_filters->setSpec(spec);
        m_model->setSpec(spec);
    } else {
        m_initialSpec = spec;
    }
}

void GridTab::showMatching(const QString &column, const QString &value)
{
    if (!m_model->isOpen()) {
        m_match = qMakePair(column, value);
        return;
    }
    const data::TableInfo &info = m_model->tableInfo();
    int index = column.isEmpty() ? (info.keyColumns.size() == 1 ? info.keyColumns.first() : -1) : info.columnIndex(column);
    if (index < 0)
        return;
    data::GridSpec spec;
    spec.filters << data::ColumnFilter{index, data::FilterOp::Equals, value};
    setInitialSpec(spec);
}

void GridTab::onOpened(bool ok, const Error &error)
{
    if (!ok) {
        showBanner(tr("Could not open %1: %2").arg(m_object.name, error.message), true);
        m_status->setText(tr("Not opened."));
        Q_EMIT opened(false);
        return;
    }
    applyTableInfo();
    if (m_initialSpec) {
        m_filters->setSpec(*m_initialSpec);
        m_model->setSpec(*m_initialSpec);
        m_initialSpec.reset();
    }
    if (m_match) {
        const auto match = *m_match;
        m_match.reset();
        showMatching(match.first, match.second);
    }
    updateActions();
    updateStatus();
    Q_EMIT opened(true);
}

void GridTab::applyTableInfo()
{
    const data::TableInfo &info = m_model->tableInfo();
    m_delegate->setTableInfo(info);
    QStringList names;
    for (const data::ColumnMeta &c : info.columns)
        names << c.name;
    m_filters->setColumns(names);
    m_filters->setSpec(m_model->spec());
    restoreWidths();
    m_bannerText.clear();
    if (m_model->isEditable() && info.isView())
        m_bannerText = tr("Editing the view %1: changes go through the view to its base table.").arg(m_object.name);
    else if (m_model->canEditView())
        m_bannerText = tr("This view is read-only. <a href=\"editview\">Edit anyway</a> — the server can update it; "
                          "every change must match exactly one row of the view.");
    else if (!info.editable())
        m_bannerText = tr("Read-only: %1").arg(info.readOnlyReason);
    else if (info.identity == data::RowIdentity::Ctid)
        m_bannerText = tr("This table has no primary key. Rows are identified by their physical address (ctid), and every "
                          "update or delete also requires the whole row to be unchanged, or the save is rolled back.");
    else if (info.identity == data::RowIdentity::Rowid)
        m_bannerText = tr("This table has no primary key. Rows are identified by rowid, and every update or delete also "
                          "requires the whole row to be unchanged.");
    showTableNote();
}

void GridTab::onStructureChanged()
{
    // Other columns (the designer, a migration): the applied filters and sort stay on their columns, by name.
    m_outdatedShown = false;
    applyTableInfo();
    updateActions();
    updateStatus();
}

void GridTab::showTableNote()
{
    // The table's own note replaces an error that no longer applies (after Refresh, Revert,
    // a new filter); a lost connection says so again from updateStatus().
    m_outdatedShown = false;
    showBanner(m_bannerText, false);
}

void GridTab::refreshNow()
{
    showTableNote();
    m_model->refresh();
}

void GridTab::applyFilters()
{
    showTableNote();
    m_model->setSpec(m_filters->spec(m_model->spec().sort));
}

void GridTab::showBanner(const QString &text, bool error)
{
    m_banner->setText(text);
    m_banner->setStyleSheet(error ? QStringLiteral("background: #f8d7da; color: #58151c; border-radius: 3px")
                                  : QStringLiteral("background: #fff3cd; color: #664d03; border-radius: 3px"));
    m_banner->setVisible(!text.isEmpty());
}

void GridTab::updateStatus()
{
    if (!m_model->isOpen())
        return;
    const QLocale locale;
    QString count = locale.toString(m_model->tableRowCount());
    switch (m_model->countState()) {
    case TableModel::CountState::Unknown:
        // Nothing read or estimated yet is "?", not 0: the table may well have rows.
        if (m_model->tableRowCount() <= 0)
            count = QStringLiteral("?");
        else
            count = tr("%1+").arg(count);
        count = m_model->isCounting() ? tr("%1 (counting…)").arg(count)
              : m_model->countError() ? tr("%1 (count failed)").arg(count)
                                      : tr("%1 (not counted)").arg(count);
        break;
    case TableModel::CountState::Estimate: count = m_model->isCounting() ? tr("~%1 (estimate, counting…)").arg(count) : tr("~%1 (estimate)").arg(count); break;
    case TableModel::CountState::Exact: break;
    }
    QStringList parts;
    parts << tr("%1 rows").arg(count);
    parts << tr("%1 loaded").arg(locale.toString(m_model->loadedRowCount()));
    if (m_model->lastFetchTime().isValid())
        parts << tr("last fetch %1 ms at %2").arg(m_model->lastFetchMs()).arg(locale.toString(m_model->lastFetchTime().time(), QLocale::ShortFormat));
    if (m_model->isFetching())
        parts << tr("loading…");
    if (m_model->pendingCount() > 0) {
        parts << tr("%n pending change(s)", nullptr, m_model->pendingCount());
        m_saveNote->hide();   // the last save's note is old news once the next edit starts
    }
    if (m_model->isSaving())
        parts << tr("saving…");
    if (m_model->hasApproximateRows())
        parts << tr("≈ row numbers estimated until sampled");
    m_status->setText(parts.join(QStringLiteral("  ·  ")));
    if (m_model->isConnectionLost() && !m_banner->text().contains(QLatin1String("href=\"reconnect\""))) {
        showBanner(tr("The connection to the server was lost. Your pending changes are kept. <a href=\"reconnect\">Reconnect</a>"),
                   true);
    }
    if (m_model->isStructureOutdated() && !m_outdatedShown) {
        m_outdatedShown = true;
        showBanner(tr("The structure of %1 changed on the server. Save or revert your pending changes to see it; "
                      "until then the grid keeps the columns it has.").arg(m_object.name), false);
    }
    m_cancelCount->setVisible(m_model->isCounting());
    updateActions();
    if (m_pendingWork)
        Q_EMIT m_pendingWork->changed();
}

void GridTab::updateActions()
{
    const bool editable = m_model->isEditable() && !m_model->isSaving();
    const bool pending = m_model->pendingCount() > 0;
    const bool hasCell = m_view->currentIndex().isValid();
    m_save->setEnabled(editable && pending);
    m_revert->setEnabled(editable && pending);
    m_undo->setEnabled(editable && m_model->canUndo());
    m_undoSave->setEnabled(editable && m_model->canUndoLastSave());
    m_add->setEnabled(editable);
    m_duplicate->setEnabled(editable && hasCell);
    m_delete->setEnabled(editable && hasCell);
    m_setNull->setEnabled(editable && hasCell);
    m_paste->setEnabled(editable);
    m_editValue->setEnabled(hasCell);
}

void GridTab::save()
{
    m_view->closePersistentEditor(m_view->currentIndex());
    // The new row the user is on (or the last one added) stays in view once saved.
    const QModelIndex current = m_view->currentIndex();
    const int inserted = m_model->insertedRowCount();
    m_followInsert = current.isValid() && current.row() < inserted ? current.row() : inserted - 1;
    m_followColumn = current.isValid() ? current.column() : 0;
    m_followIdentity.clear();
    m_model->save();
}

void GridTab::onSaveFinished(bool ok, const Error &error, int row)
{
    if (ok) {
        showTableNote();   // back to the table's own note, if any
        showSaveNote();
        updateStatus();
        if (m_followInsert >= 0 && !m_model->lastSaveSummary().undo) {
            m_followIdentity = m_model->savedInsertIdentity(m_followInsert);
            if (!m_followIdentity.isEmpty())
                m_model->locateRow(m_followIdentity);
        }
        m_followInsert = -1;
        return;
    }
    m_followInsert = -1;
    QString text = error.kind == ErrorKind::Conflict
                       ? tr("Save stopped: %1 Nothing was written; your changes are kept. Hover the red row to compare "
                            "theirs and mine, then use \"Keep mine\" or \"Take theirs\" from its context menu.").arg(error.message)
                       : tr("Save failed, nothing was written; your changes are kept: %1").arg(error.message);
    showBanner(text, true);
    if (row >= 0)
        m_view->scrollTo(m_model->index(row, 0));
    updateStatus();
}

void GridTab::showSaveNote()
{
    const TableModel::SaveSummary summary = m_model->lastSaveSummary();
    QStringList parts;
    if (summary.inserted > 0)
        parts << tr("%1 inserted").arg(summary.inserted);
    if (summary.updated > 0)
        parts << tr("%1 updated").arg(summary.updated);
    if (summary.deleted > 0)
        parts << tr("%1 deleted").arg(summary.deleted);
    const QString what = parts.join(QStringLiteral(", "));
    QString text;
    if (summary.undo)
        text = tr("Undid the last save: %1.").arg(what);
    else if (summary.total() == 1)
        text = tr("Saved 1 change: %1.").arg(what);
    else
        text = tr("Saved %1 changes: %2.").arg(summary.total()).arg(what);
    m_saveNote->setText(text + QLatin1Char(' ') + QLocale().toString(QTime::currentTime(), QLocale::ShortFormat));
    m_saveNote->show();
    m_saveNoteTimer->start();
}

void GridTab::onRowLocated(const QVariantList &identity, int modelRow)
{
    if (identity != m_followIdentity)
        return;
    m_followIdentity.clear();
    if (modelRow < 0) {
        if (m_saveNote->isVisible())
            m_saveNote->setText(m_saveNote->text() + QLatin1Char(' ') + tr("The new row is not shown: the filters hide it."));
        return;
    }
    const QModelIndex index = m_model->index(modelRow, qBound(0, m_followColumn, m_model->columnCount() - 1));
    m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_view->scrollTo(index, QAbstractItemView::PositionAtCenter);
}

QString GridTab::settingsKey() const
{
    QString key = m_connectionName + QLatin1Char('/') + m_object.schema + QLatin1Char('.') + m_object.name;
    key.replace(QLatin1Char('/'), QLatin1Char('|'));
    return QStringLiteral("grid/widths/") + key;
}

void GridTab::restoreWidths()
{
    QHeaderView *header = m_view->horizontalHeader();
    const QVariantList widths = QSettings().value(settingsKey()).toList();
    m_savedWidthColumns.clear();
    m_fitted = false;
    m_fitting = true;
    for (int c = 0; c < m_model->columnCount(); ++c) {
        const int saved = c < widths.size() ? widths.at(c).toInt() : 0;
        if (saved > 0)
            m_savedWidthColumns << c;
        header->resizeSection(c, saved > 0 ? saved : qBound(60, header->sectionSizeHint(c) + 40, 260));
    }
    m_fitting = false;
}

void GridTab::fitColumns()
{
    // The rows of the first window, measured (capped): `Title 10000…` shows whole.
    m_fitting = true;
    m_view->fitColumnsToContents(m_model->windowSize(), 60, kMaxFittedWidth, m_savedWidthColumns);
    m_fitting = false;
    m_fitted = true;
}

void GridTab::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (!m_focused) {
        m_focused = true;
        m_view->setFocus(Qt::OtherFocusReason);
    }
}

void GridTab::saveWidths()
{
    QVariantList widths;
    // Columns the user never sized stay 0: they fit their rows again next time.
    for (int c = 0; c < m_model->columnCount(); ++c)
        widths << (m_savedWidthColumns.contains(c) ? m_view->horizontalHeader()->sectionSize(c) : 0);
    QSettings().setValue(settingsKey(), widths);
}

} // namespace strata::ui
