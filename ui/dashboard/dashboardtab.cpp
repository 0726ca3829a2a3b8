#include "dashboardtab.h"

#include "activitypanel.h"
#include "backendactions.h"
#include "lockspanel.h"
#include "monitor/postgresmonitor.h"
#include "overviewpage.h"
#include "sqlitehealthpage.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSettings>
#include <QTabWidget>
#include <QTime>
#include <QToolButton>
#include <QVBoxLayout>

namespace strata::ui {

namespace {

const QString kInterval = QStringLiteral("dashboard/intervalMs");
const QString kWindow = QStringLiteral("dashboard/windowSeconds");
const QString kScope = QStringLiteral("dashboard/scope");

} // namespace

DashboardTab::DashboardTab(const connection::ConnectionSpec &spec, int connectionId, QWidget *parent)
    : QWidget(parent)
    , m_connectionId(connectionId)
    , m_name(spec.profile.displayName())
    , m_status(new QLabel(this))
    , m_message(new QLabel(this))
{
    setProperty("connectionId", connectionId);   // MainWindow::closeConnection closes it with the connection
    m_message->setObjectName(QStringLiteral("dashboardMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->hide();
    m_status->setObjectName(QStringLiteral("dashboardStatus"));
    m_status->setStyleSheet(QStringLiteral("color: palette(placeholder-text);"));

    auto *title = new QLabel(spec.profile.isSqlite() ? tr("File health — %1").arg(m_name) : tr("Dashboard — %1").arg(m_name), this);
    QFont f = title->font();
    f.setBold(true);
    f.setPointSizeF(f.pointSizeF() * 1.2);
    title->setFont(f);
    auto *header = new QHBoxLayout;
    header->addWidget(title);
    header->addStretch(1);
    QWidget *body = spec.profile.isSqlite() ? buildSqlite(spec) : buildPostgres(spec);
    if (!spec.profile.isSqlite())
        header->addWidget(buildBar());
    header->addWidget(m_status);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->addLayout(header);
    layout->addWidget(m_message);
    layout->addWidget(body, 1);
}

DashboardTab::~DashboardTab() = default;

QString DashboardTab::title() const
{
    return (m_health ? tr("Health — %1") : tr("Dashboard — %1")).arg(m_name);
}

QWidget *DashboardTab::buildPostgres(const connection::ConnectionSpec &spec)
{
    m_monitor = new monitor::PostgresMonitor(spec, this);
    m_actions = new BackendActions(m_monitor, this);
    m_overview = new OverviewPage(m_monitor, this);
    m_activity = new ActivityPanel(m_monitor, m_actions, this);
    m_locks = new LocksPanel(m_monitor, m_actions, this);
    m_pages = new QTabWidget(this);
    m_pages->setObjectName(QStringLiteral("dashboardPages"));
    m_pages->setDocumentMode(true);
    m_pages->addTab(m_overview, tr("Overview"));
    m_pages->addTab(m_activity, tr("Activity"));
    m_pages->addTab(m_locks, tr("Locks"));

    QSettings settings;
    m_monitor->setInterval(settings.value(kInterval, 1000).toInt());
    m_overview->setWindowSeconds(settings.value(kWindow, 300).toDouble());
    m_overview->setScope(monitor::Scope(settings.value(kScope, int(monitor::Scope::Database)).toInt()));
    connect(m_overview->windowBox(), &QComboBox::currentIndexChanged, this, [this] {
        QSettings().setValue(kWindow, m_overview->windowBox()->currentData());
    });
    connect(m_overview->scopeBox(), &QComboBox::currentIndexChanged, this, [this] {
        QSettings().setValue(kScope, m_overview->scopeBox()->currentData());
    });

    connect(m_actions, &BackendActions::message, this, &DashboardTab::showMessage);
    connect(m_activity, &ActivityPanel::message, this, &DashboardTab::showMessage);
    connect(m_activity, &ActivityPanel::consoleRequested, this, [this](const QString &sql, bool explain) {
        Q_EMIT consoleRequested(m_connectionId, sql, explain);
    });
    connect(m_monitor, &monitor::PostgresMonitor::opened, this, [this](bool ok, const Error &error) {
        if (!ok)
            showMessage(tr("Could not connect the dashboard: %1").arg(error.message), true);
        else if (m_monitor->isReadOnly())
            showMessage(m_monitor->readOnlyReason(), false);
    });
    connect(m_monitor, &monitor::PostgresMonitor::refreshed, this, &DashboardTab::onRefreshed);
    connect(m_monitor, &monitor::PostgresMonitor::refreshFailed, this, [this](const Error &error) {
        m_status->setText(tr("Refresh failed"));
        showMessage(error.message, true);
    });
    m_monitor->start();
    m_status->setText(tr("Connecting…"));
    return m_pages;
}

QWidget *DashboardTab::buildSqlite(const connection::ConnectionSpec &spec)
{
    m_health = new SqliteHealthPage(spec, this);
    connect(m_health, &SqliteHealthPage::rowRequested, this, [this](const QString &table, const QString &column, const QString &value) {
        Q_EMIT rowRequested(m_connectionId, table, column, value);
    });
    if (spec.profile.readOnly)
        showMessage(tr("The connection is read-only: the checks run, the actions that write are disabled."), false);
    return m_health;
}

QWidget *DashboardTab::buildBar()
{
    auto *bar = new QWidget(this);
    auto *layout = new QHBoxLayout(bar);
    layout->setContentsMargins(0, 0, 0, 0);
    m_interval = new QComboBox(bar);
    m_interval->setObjectName(QStringLiteral("refreshInterval"));
    for (int ms : {500, 1000, 2000, 5000, 10000, 30000})
        m_interval->addItem(ms < 1000 ? tr("every %1 s").arg(ms / 1000.0) : tr("every %1 s").arg(ms / 1000), ms);
    m_interval->setCurrentIndex(qMax(0, m_interval->findData(m_monitor->interval())));
    connect(m_interval, &QComboBox::currentIndexChanged, this, [this] {
        const int ms = m_interval->currentData().toInt();
        m_monitor->setInterval(ms);
        QSettings().setValue(kInterval, ms);
    });
    m_pause = new QToolButton(bar);
    m_pause->setObjectName(QStringLiteral("pauseRefresh"));
    m_pause->setText(tr("Pause"));
    m_pause->setCheckable(true);
    m_pause->setToolTip(tr("Stop refreshing (the charts keep what they have)"));
    connect(m_pause, &QToolButton::toggled, this, [this](bool paused) {
        m_monitor->setPaused(paused);
        m_pause->setText(paused ? tr("Resume") : tr("Pause"));
        m_status->setText(paused ? tr("Paused") : m_status->text());
    });
    m_refresh = new QToolButton(bar);
    m_refresh->setText(tr("Refresh now"));
    connect(m_refresh, &QToolButton::clicked, m_monitor, &monitor::PostgresMonitor::refreshNow);
    layout->addWidget(new QLabel(tr("Refresh"), bar));
    layout->addWidget(m_interval);
    layout->addWidget(m_pause);
    layout->addWidget(m_refresh);
    layout->addSpacing(10);
    return bar;
}

void DashboardTab::onRefreshed()
{
    m_overview->refresh();
    m_activity->refresh();
    m_locks->refresh();
    if (!m_monitor->isPaused())
        m_status->setText(tr("Updated %1 (%2 ms)").arg(QTime::currentTime().toString(QStringLiteral("HH:mm:ss")))
                              .arg(m_monitor->lastRefreshMs(), 0, 'f', 0));
}

void DashboardTab::showMessage(const QString &text, bool error)
{
    m_message->setText(text);
    m_message->setStyleSheet(error ? QStringLiteral("QLabel { background: #fdecea; color: #b71c1c; padding: 4px; border-radius: 3px; }")
                                   : QStringLiteral("QLabel { background: #e8f4fd; color: #0d47a1; padding: 4px; border-radius: 3px; }"));
    m_message->setVisible(!text.isEmpty());
}

} // namespace strata::ui
