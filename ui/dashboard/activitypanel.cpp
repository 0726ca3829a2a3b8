#include "activitypanel.h"

#include "backendactions.h"
#include "monitor/activityfilter.h"
#include "monitor/activitymodel.h"
#include "monitor/postgresmonitor.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QMenu>
#include <QPainter>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QVBoxLayout>

namespace strata::ui {

using monitor::ActivityModel;

namespace {

/// Tints a row by its severity (warning amber, critical red), keeping the text readable.
class SeverityDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        const auto severity = monitor::Severity(index.data(ActivityModel::SeverityRole).toInt());
        if (severity == monitor::Severity::Warning)
            option->backgroundBrush = QColor(0xff, 0xe0, 0x82);
        else if (severity == monitor::Severity::Critical)
            option->backgroundBrush = QColor(0xff, 0xab, 0x91);
    }
};

monitor::ActivityThresholds thresholdsFromSettings()
{
    QSettings s;
    monitor::ActivityThresholds t;
    t.longTransactionWarning = s.value(QStringLiteral("dashboard/longTransactionWarning"), t.longTransactionWarning).toDouble();
    t.longTransactionCritical = s.value(QStringLiteral("dashboard/longTransactionCritical"), t.longTransactionCritical).toDouble();
    t.idleInTransactionWarning = s.value(QStringLiteral("dashboard/idleInTransactionWarning"), t.idleInTransactionWarning).toDouble();
    t.idleInTransactionCritical = s.value(QStringLiteral("dashboard/idleInTransactionCritical"), t.idleInTransactionCritical).toDouble();
    t.lockWaitWarning = s.value(QStringLiteral("dashboard/lockWaitWarning"), t.lockWaitWarning).toDouble();
    t.lockWaitCritical = s.value(QStringLiteral("dashboard/lockWaitCritical"), t.lockWaitCritical).toDouble();
    return t;
}

QCheckBox *filterBox(const QString &text, const QString &name, QWidget *parent)
{
    auto *box = new QCheckBox(text, parent);
    box->setObjectName(name);
    return box;
}

} // namespace

ActivityPanel::ActivityPanel(monitor::PostgresMonitor *monitor, BackendActions *actions, QWidget *parent)
    : QWidget(parent)
    , m_monitor(monitor)
    , m_actions(actions)
    , m_model(new ActivityModel(this))
    , m_filter(new monitor::ActivityFilter(this))
    , m_view(new QTableView(this))
    , m_search(new QLineEdit(this))
    , m_activeOnly(filterBox(tr("&Active only"), QStringLiteral("activeOnly"), this))
    , m_hideIdle(filterBox(tr("Hide &idle"), QStringLiteral("hideIdle"), this))
    , m_hideOwn(filterBox(tr("Hide &Strata's own"), QStringLiteral("hideOwn"), this))
    , m_clientsOnly(filterBox(tr("&Client backends only"), QStringLiteral("clientsOnly"), this))
    , m_cancel(new QPushButton(tr("Cancel &query…"), this))
    , m_terminate(new QPushButton(tr("&Terminate…"), this))
    , m_copy(new QPushButton(tr("C&opy query"), this))
    , m_console(new QPushButton(tr("Open in co&nsole"), this))
    , m_explain(new QPushButton(tr("&EXPLAIN"), this))
    , m_fullText(new QPushButton(tr("Load &full text"), this))
    , m_query(new QPlainTextEdit(this))
{
    m_model->setThresholds(thresholdsFromSettings());
    m_filter->setSourceModel(m_model);
    m_filter->setOwn(0, monitor->ownApplicationName());
    m_view->setObjectName(QStringLiteral("activityView"));
    m_view->setModel(m_filter);
    m_view->setItemDelegate(new SeverityDelegate(m_view));
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(ActivityModel::Pid, Qt::AscendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->setVisible(false);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    const int widths[] = {70, 100, 90, 120, 120, 110, 130, 130, 80, 80, 70};
    for (int c = 0; c < int(std::size(widths)); ++c)
        m_view->setColumnWidth(c, widths[c]);
    connect(m_view, &QTableView::customContextMenuRequested, this, &ActivityPanel::showContextMenu);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &ActivityPanel::updateSelection);

    m_search->setObjectName(QStringLiteral("activitySearch"));
    m_search->setPlaceholderText(tr("Search pid, user, application, query…"));
    m_search->setClearButtonEnabled(true);
    connect(m_search, &QLineEdit::textChanged, m_filter, &monitor::ActivityFilter::setSearchText);
    connect(m_activeOnly, &QCheckBox::toggled, m_filter, &monitor::ActivityFilter::setActiveOnly);
    connect(m_hideIdle, &QCheckBox::toggled, m_filter, &monitor::ActivityFilter::setHideIdle);
    connect(m_hideOwn, &QCheckBox::toggled, m_filter, &monitor::ActivityFilter::setHideOwn);
    connect(m_clientsOnly, &QCheckBox::toggled, m_filter, &monitor::ActivityFilter::setHideBackground);

    m_cancel->setObjectName(QStringLiteral("cancelQuery"));
    m_terminate->setObjectName(QStringLiteral("terminateBackend"));
    m_console->setObjectName(QStringLiteral("openInConsole"));
    m_explain->setObjectName(QStringLiteral("explainQuery"));
    m_explain->setToolTip(tr("EXPLAIN (without ANALYZE) the query in a new console: it is planned, not run"));
    connect(m_cancel, &QPushButton::clicked, this, [this] { if (int pid = selectedPid()) m_actions->cancelQuery(pid, describe(pid)); });
    connect(m_terminate, &QPushButton::clicked, this, [this] { if (int pid = selectedPid()) m_actions->terminate(pid, describe(pid)); });
    connect(m_copy, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(selectedQuery()); });
    connect(m_console, &QPushButton::clicked, this, [this] { Q_EMIT consoleRequested(selectedQuery(), false); });
    connect(m_explain, &QPushButton::clicked, this, [this] { Q_EMIT consoleRequested(selectedQuery(), true); });
    connect(m_fullText, &QPushButton::clicked, this, &ActivityPanel::loadFullText);

    m_query->setReadOnly(true);
    m_query->setObjectName(QStringLiteral("activityQuery"));
    m_query->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_query->setPlaceholderText(tr("Select a backend to see its query."));

    auto *filters = new QHBoxLayout;
    filters->addWidget(m_search, 1);
    for (QCheckBox *box : {m_activeOnly, m_hideIdle, m_hideOwn, m_clientsOnly})
        filters->addWidget(box);
    auto *buttons = new QHBoxLayout;
    for (QPushButton *b : {m_cancel, m_terminate})
        buttons->addWidget(b);
    buttons->addSpacing(12);
    for (QPushButton *b : {m_copy, m_console, m_explain, m_fullText})
        buttons->addWidget(b);
    buttons->addStretch(1);
    auto *bottom = new QWidget(this);
    auto *bottomLayout = new QVBoxLayout(bottom);
    bottomLayout->setContentsMargins(0, 0, 0, 0);
    bottomLayout->addLayout(buttons);
    bottomLayout->addWidget(m_query, 1);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_view);
    split->addWidget(bottom);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 6, 4, 4);
    layout->addLayout(filters);
    layout->addWidget(split, 1);
    updateSelection();
}

void ActivityPanel::refresh()
{
    const monitor::MonitorSnapshot &s = m_monitor->lastSnapshot();
    m_filter->setOwn(s.overview.ownPid, m_monitor->ownApplicationName());
    m_model->setRows(s.activity);
    updateSelection();
}

bool ActivityPanel::selectPid(int pid)
{
    const int row = m_model->indexOfPid(pid);
    if (row < 0)
        return false;
    const QModelIndex index = m_filter->mapFromSource(m_model->index(row, 0));
    if (!index.isValid())
        return false;
    m_view->setCurrentIndex(index);
    m_view->scrollTo(index);
    return true;
}

int ActivityPanel::selectedPid() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? 0 : rows.first().data(ActivityModel::PidRole).toInt();
}

QString ActivityPanel::selectedQuery() const
{
    const int pid = selectedPid();
    if (pid == m_fullTextPid && pid != 0)
        return m_query->toPlainText();
    const int row = m_model->indexOfPid(pid);
    return row < 0 ? QString() : m_model->row(row).query;
}

QString ActivityPanel::describe(int pid) const
{
    const int row = m_model->indexOfPid(pid);
    if (row < 0)
        return {};
    const monitor::ActivityRow &r = m_model->row(row);
    QString query = r.query.simplified();
    if (query.size() > 200)
        query = query.left(200) + QStringLiteral("…");
    return tr("%1 on %2 (%3), %4%5").arg(r.user, r.database, r.application.isEmpty() ? r.backendType : r.application, r.state,
                                         query.isEmpty() ? QString() : QStringLiteral(":\n") + query);
}

void ActivityPanel::updateSelection()
{
    const int pid = selectedPid();
    const int row = m_model->indexOfPid(pid);
    const bool has = row >= 0;
    const bool readOnly = m_monitor->isReadOnly();
    const QString reason = m_monitor->readOnlyReason();
    const bool hasQuery = has && !m_model->row(row).query.isEmpty();
    m_cancel->setEnabled(has && !readOnly);
    m_terminate->setEnabled(has && !readOnly);
    m_cancel->setToolTip(readOnly ? reason : tr("pg_cancel_backend: stop the statement this backend runs"));
    m_terminate->setToolTip(readOnly ? reason : tr("pg_terminate_backend: end this backend's session"));
    m_copy->setEnabled(hasQuery);
    m_console->setEnabled(hasQuery);
    m_explain->setEnabled(hasQuery);
    m_fullText->setEnabled(has && m_model->row(row).queryTruncated() && pid != m_fullTextPid);
    if (pid != m_fullTextPid) {
        m_fullTextPid = 0;
        const QString text = has ? m_model->row(row).query : QString();
        if (m_query->toPlainText() != text)
            m_query->setPlainText(text);
    }
}

void ActivityPanel::loadFullText()
{
    const int pid = selectedPid();
    if (!pid)
        return;
    m_monitor->fetchQueryText(pid, this, [this, pid](Result<QString> text) {
        if (!text) {
            Q_EMIT message(text.error().message, true);
            return;
        }
        if (selectedPid() != pid)
            return;
        m_fullTextPid = pid;
        m_query->setPlainText(text.value());
        m_fullText->setEnabled(false);
    });
}

void ActivityPanel::showContextMenu(const QPoint &pos)
{
    const QModelIndex index = m_view->indexAt(pos);
    if (!index.isValid())
        return;
    m_view->setCurrentIndex(index);
    QMenu menu(this);
    for (QPushButton *b : {m_cancel, m_terminate, m_copy, m_console, m_explain}) {
        QAction *a = menu.addAction(b->text(), b, &QPushButton::click);
        a->setEnabled(b->isEnabled());
        a->setToolTip(b->toolTip());
    }
    menu.exec(m_view->viewport()->mapToGlobal(pos));
}

} // namespace strata::ui
