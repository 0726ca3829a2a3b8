#include "welcomepage.h"

#include <QFileInfo>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace strata::ui {

namespace {

constexpr int kIdRole = Qt::UserRole;
constexpr int kKindRole = Qt::UserRole + 1;   // 0 saved connection, 1 file

QListWidget *makeList(QWidget *parent, const QString &name)
{
    auto *list = new QListWidget(parent);
    list->setObjectName(name);
    list->setAccessibleName(name);
    list->setMinimumHeight(90);
    list->setUniformItemSizes(true);
    list->setFrameShape(QFrame::StyledPanel);
    return list;
}

} // namespace

WelcomePage::WelcomePage(QWidget *parent)
    : QWidget(parent)
    , m_saved(makeList(this, QStringLiteral("savedConnectionsList")))
    , m_recent(makeList(this, QStringLiteral("recentFilesList")))
    , m_savedTitle(new QLabel(tr("<b>Saved connections</b>"), this))
    , m_recentTitle(new QLabel(tr("<b>Recent files</b>"), this))
{
    auto *title = new QLabel(tr("<h1 style='font-weight:600'>Strata</h1>"), this);
    auto *text = new QLabel(tr("<p>Browse SQLite files and PostgreSQL servers. Click a saved connection or a recent "
                               "file to open it. Double-click a table in the tree to browse and edit its rows; "
                               "right-click it for its properties, scripts and actions.</p>"),
                            this);
    text->setWordWrap(true);
    auto *open = new QPushButton(tr("Open a SQLite file…"), this);
    auto *connect = new QPushButton(tr("New connection…"), this);
    auto *demo = new QPushButton(tr("Open the demo database"), this);
    QObject::connect(open, &QPushButton::clicked, this, &WelcomePage::openFileRequested);
    QObject::connect(connect, &QPushButton::clicked, this, &WelcomePage::connectRequested);
    QObject::connect(demo, &QPushButton::clicked, this, &WelcomePage::demoRequested);
    // One click opens: the lists are launchers, not selections.
    QObject::connect(m_saved, &QListWidget::itemClicked, this, &WelcomePage::activate);
    QObject::connect(m_saved, &QListWidget::itemActivated, this, &WelcomePage::activate);
    QObject::connect(m_recent, &QListWidget::itemClicked, this, &WelcomePage::activate);
    QObject::connect(m_recent, &QListWidget::itemActivated, this, &WelcomePage::activate);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(connect);
    buttons->addWidget(open);
    buttons->addWidget(demo);
    buttons->addStretch(1);
    auto *column = new QVBoxLayout;
    column->setSpacing(8);
    column->addStretch(1);
    column->addWidget(title);
    column->addWidget(text);
    column->addLayout(buttons);
    column->addSpacing(8);
    column->addWidget(m_savedTitle);
    column->addWidget(m_saved, 2);
    column->addWidget(m_recentTitle);
    column->addWidget(m_recent, 2);
    column->addStretch(1);
    auto *outer = new QHBoxLayout(this);
    outer->addStretch(1);
    outer->addLayout(column, 12);
    outer->addStretch(1);
    setEntries({}, {});
}

void WelcomePage::setEntries(const QList<Saved> &saved, const QStringList &recentFiles)
{
    m_saved->clear();
    for (const Saved &entry : saved) {
        auto *item = new QListWidgetItem(entry.detail.isEmpty() ? entry.name : entry.name + QStringLiteral("  —  ") + entry.detail, m_saved);
        item->setData(kIdRole, entry.id);
        item->setData(kKindRole, 0);
        item->setToolTip(tr("Connect to %1").arg(entry.name));
    }
    if (saved.isEmpty()) {
        auto *item = new QListWidgetItem(tr("No saved connection yet: New connection… saves one."), m_saved);
        item->setFlags(Qt::NoItemFlags);
    }
    m_recent->clear();
    for (const QString &path : recentFiles) {
        auto *item = new QListWidgetItem(QFileInfo(path).fileName() + QStringLiteral("  —  ") + QFileInfo(path).absolutePath(), m_recent);
        item->setData(kIdRole, path);
        item->setData(kKindRole, 1);
        item->setToolTip(path);
        if (!QFileInfo::exists(path))
            item->setFlags(Qt::NoItemFlags);   // moved or deleted: shown, not offered
    }
    if (recentFiles.isEmpty()) {
        auto *item = new QListWidgetItem(tr("No recent file yet."), m_recent);
        item->setFlags(Qt::NoItemFlags);
    }
}

void WelcomePage::activate(QListWidgetItem *item)
{
    if (!item || !(item->flags() & Qt::ItemIsEnabled) || item->data(kIdRole).toString().isEmpty())
        return;
    if (item->data(kKindRole).toInt() == 0)
        Q_EMIT savedConnectionRequested(item->data(kIdRole).toString());
    else
        Q_EMIT recentFileRequested(item->data(kIdRole).toString());
}

} // namespace strata::ui
