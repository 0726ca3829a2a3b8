#include "quickopenpopup.h"

#include "quickopenresults.h"

#include <QApplication>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QScreen>
#include <QStyleOptionViewItem>
#include <QVBoxLayout>
#include <QtConcurrent>
#include <algorithm>

namespace strata::ui {

namespace {
constexpr int kLimit = 50;
}

QuickOpenPopup::QuickOpenPopup(search::NameIndexCache *cache, QWidget *parent)
    : QFrame(parent, Qt::Popup)
    , m_cache(cache)
    , m_query(new QLineEdit(this))
    , m_view(new QListView(this))
    , m_status(new QLabel(this))
    , m_model(new QuickOpenModel(this))
{
    setObjectName(QStringLiteral("QuickOpenPopup"));
    setFrameShape(QFrame::StyledPanel);
    setAttribute(Qt::WA_DeleteOnClose, false);
    m_query->setObjectName(QStringLiteral("quickOpenQuery"));
    m_query->setPlaceholderText(tr("Table, view, column, function, sequence or schema name…"));
    m_query->setClearButtonEnabled(true);
    m_query->setAccessibleName(tr("Quick open"));
    m_query->installEventFilter(this);
    QFont big = m_query->font();
    if (big.pointSizeF() > 0) {
        big.setPointSizeF(big.pointSizeF() * 1.15);
        m_query->setFont(big);
    }
    m_query->setMinimumHeight(m_query->sizeHint().height() + 6);
    m_view->setObjectName(QStringLiteral("quickOpenResults"));
    m_view->setModel(m_model);
    m_view->setItemDelegate(new QuickOpenDelegate(m_view));
    m_view->setUniformItemSizes(true);
    m_view->setFocusPolicy(Qt::NoFocus);   // the keyboard stays in the query
    m_view->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_view->setAccessibleName(tr("Matching objects"));
    m_status->setObjectName(QStringLiteral("quickOpenStatus"));
    m_status->setWordWrap(false);
    m_status->setForegroundRole(QPalette::PlaceholderText);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 6);
    layout->setSpacing(6);
    layout->addWidget(m_query);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_status);

    connect(m_query, &QLineEdit::textChanged, this, &QuickOpenPopup::search);
    connect(m_view, &QListView::clicked, this, [this] { choose(Action::Data); });
    connect(&m_watcher, &QFutureWatcher<QList<search::NameHit>>::finished, this, [this] {
        const QList<search::NameHit> hits = m_watcher.result();
        if (m_queued) {
            startSearch();   // the person typed on: only the newest query matters
            return;
        }
        showResults(hits);
    });
    connect(m_cache, &search::NameIndexCache::indexReady, this, [this](int database) {
        if (isVisible() && m_databases.contains(database))
            refreshIndexes();
    });
    connect(m_cache, &search::NameIndexCache::loadFailed, this, [this](int database, const QString &message) {
        if (isVisible() && m_databases.contains(database))
            m_status->setText(tr("Could not read the names: %1").arg(message));
    });
}

QuickOpenPopup::~QuickOpenPopup()
{
    m_watcher.waitForFinished();   // the search reads m_search: let it end first
}

const QList<search::NameHit> &QuickOpenPopup::hits() const
{
    return m_model->hits();
}

void QuickOpenPopup::popup(const QList<int> &databases, int current)
{
    m_databases = databases;
    if (current != m_current) {
        m_current = current;
        m_indexes.clear();   // ranked again for the new current connection
    }
    QWidget *window = parentWidget() ? parentWidget()->window() : nullptr;
    const QRect area =
        window ? QRect(window->mapToGlobal(QPoint(0, 0)), window->size()) : QGuiApplication::primaryScreen()->availableGeometry();
    const int width = std::clamp(area.width() * 6 / 10, std::min(480, area.width()), 720);
    m_maxHeight = std::clamp(area.height() * 6 / 10, std::min(260, area.height()), 460);
    setGeometry(area.left() + (area.width() - width) / 2, area.top() + std::min(80, area.height() / 10), width, height());
    fitToResults();
    refreshIndexes();
    show();
    raise();
    activateWindow();
    m_query->setFocus(Qt::PopupFocusReason);
    m_query->selectAll();
}

void QuickOpenPopup::refreshIndexes()
{
    QList<search::NameIndexPtr> indexes;
    for (const int database : std::as_const(m_databases))
        if (search::NameIndexPtr index = m_cache->index(database))   // a missing one starts reading
            indexes << index;
    if (indexes != m_indexes) {
        m_indexes = indexes;
        m_indexesChanged = true;
        m_shownQuery.clear();
        search();
    }
    updateStatus();
}

void QuickOpenPopup::search()
{
    m_queued = m_query->text();
    if (!m_watcher.isRunning())
        startSearch();
}

void QuickOpenPopup::startSearch()
{
    const QString query = m_queued.value_or(QString());
    m_queued.reset();
    std::optional<QList<search::NameIndexPtr>> indexes;
    if (m_indexesChanged)
        indexes = m_indexes;
    m_indexesChanged = false;
    m_shownQuery = query;
    // Matching runs on a pool thread; the indexes are immutable and the NameSearch is used
    // by one search at a time (the next starts when this one has finished).
    m_watcher.setFuture(QtConcurrent::run([search = m_search, indexes, current = m_current, query] {
        if (indexes)
            search->setIndexes(*indexes, current);
        return search->find(query, kLimit);
    }));
}

void QuickOpenPopup::showResults(const QList<search::NameHit> &hits)
{
    m_model->setHits(hits);
    if (!hits.isEmpty())
        m_view->setCurrentIndex(m_model->index(0));
    m_nameCount = m_search->nameCount();
    updateStatus();
    fitToResults();
    Q_EMIT resultsShown();
}

void QuickOpenPopup::fitToResults()
{
    // As editors do: as tall as the results (at least three rows), never past m_maxHeight.
    QStyleOptionViewItem option;
    option.font = m_view->font();
    const int row = std::max(1, m_view->itemDelegate()->sizeHint(option, QModelIndex()).height());
    const int frame = 2 * m_view->frameWidth();
    m_view->setFixedHeight(3 * row + frame);
    layout()->activate();
    const int chrome = layout()->sizeHint().height() - m_view->height();
    const int fitting = std::max(1, (m_maxHeight - chrome - frame) / row);
    m_view->setFixedHeight(std::clamp(m_model->rowCount(), 3, std::max(3, fitting)) * row + frame);
    layout()->activate();
    resize(width(), layout()->sizeHint().height());
}

void QuickOpenPopup::updateStatus()
{
    QStringList loading;
    for (const int database : std::as_const(m_databases))
        if (m_cache->isLoading(database))
            loading << QString::number(database);
    QString text;
    if (!loading.isEmpty())
        text = tr("Reading the names of %n connection(s)…", nullptr, int(loading.size()));
    else if (m_databases.isEmpty())
        text = tr("Open a database first: quick open searches the open connections.");
    else if (m_query->text().trimmed().isEmpty())
        text = tr("%1 names in %n connection(s)", nullptr, int(m_indexes.size())).arg(QLocale().toString(m_nameCount));
    else if (m_model->rowCount() == 0)
        text = tr("No name matches.");
    else
        text = tr("Enter: data · Shift+Enter: properties · Ctrl+Enter: SELECT in a console");
    m_status->setText(text);
}

void QuickOpenPopup::choose(Action action)
{
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid() || current.row() >= m_model->hits().size())
        return;
    const search::NameHit hit = m_model->hits().at(current.row());
    hide();
    Q_EMIT chosen(hit, action);
}

bool QuickOpenPopup::eventFilter(QObject *watched, QEvent *event)
{
    if (watched != m_query || event->type() != QEvent::KeyPress)
        return QFrame::eventFilter(watched, event);
    auto *key = static_cast<QKeyEvent *>(event);
    const int rows = m_model->rowCount();
    const int row = m_view->currentIndex().isValid() ? m_view->currentIndex().row() : -1;
    const int page = std::max(1, m_view->viewport()->height() / std::max(1, m_view->sizeHintForRow(0)) - 1);
    auto moveTo = [this, rows](int target) {
        if (rows > 0)
            m_view->setCurrentIndex(m_model->index(std::clamp(target, 0, rows - 1)));
        return true;
    };
    switch (key->key()) {
    case Qt::Key_Down:
        return moveTo(row + 1);
    case Qt::Key_Up:
        return moveTo(row - 1);
    case Qt::Key_PageDown:
        return moveTo(row + page);
    case Qt::Key_PageUp:
        return moveTo(row - page);
    case Qt::Key_Escape:
        hide();
        return true;
    case Qt::Key_Return:
    case Qt::Key_Enter:
        if (key->modifiers() & Qt::ControlModifier)
            choose(Action::Select);
        else if (key->modifiers() & Qt::ShiftModifier)
            choose(Action::Properties);
        else
            choose(Action::Data);
        return true;
    default:
        return QFrame::eventFilter(watched, event);
    }
}

}   // namespace strata::ui
