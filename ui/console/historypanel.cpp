#include "historypanel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace strata::ui {

HistoryPanel::HistoryPanel(QWidget *parent)
    : QWidget(parent)
    , m_search(new QLineEdit(this))
    , m_list(new QListWidget(this))
{
    setObjectName(QStringLiteral("historyPanel"));
    m_search->setPlaceholderText(tr("Search history…"));
    m_search->setClearButtonEnabled(true);
    m_list->setWordWrap(true);
    m_list->setAlternatingRowColors(true);
    m_list->setTextElideMode(Qt::ElideRight);
    auto *rerun = new QPushButton(tr("Run again"), this);
    auto *insert = new QPushButton(tr("Insert"), this);
    auto selected = [this] { return m_list->currentItem() ? m_list->currentItem()->data(Qt::UserRole).toString() : QString(); };
    connect(rerun, &QPushButton::clicked, this, [this, selected] {
        if (!selected().isEmpty())
            Q_EMIT rerunRequested(selected());
    });
    connect(insert, &QPushButton::clicked, this, [this, selected] {
        if (!selected().isEmpty())
            Q_EMIT insertRequested(selected());
    });
    connect(m_list, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        Q_EMIT rerunRequested(item->data(Qt::UserRole).toString());
    });
    connect(m_search, &QLineEdit::textChanged, this, &HistoryPanel::refill);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(rerun);
    buttons->addWidget(insert);
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    auto *title = new QLabel(tr("<b>History</b>"), this);
    layout->addWidget(title);
    layout->addWidget(m_search);
    layout->addWidget(m_list, 1);
    layout->addLayout(buttons);
}

void HistoryPanel::setEntries(const QList<exec::HistoryEntry> &entries)
{
    m_entries = entries;
    refill();
}

void HistoryPanel::append(const exec::HistoryEntry &entry)
{
    m_entries.append(entry);
    refill();
}

void HistoryPanel::refill()
{
    m_list->clear();
    const QList<exec::HistoryEntry> shown = exec::HistoryStore::search(m_entries, m_search->text());
    for (int i = 0; i < shown.size() && i < 500; ++i) {
        const exec::HistoryEntry &e = shown[i];
        QString oneLine = e.sql.simplified();
        if (oneLine.size() > 160)
            oneLine = oneLine.left(160) + QChar(0x2026);
        QString meta = QLocale().toString(e.time, QLocale::ShortFormat) + QStringLiteral(" · %1 ms").arg(e.durationMs);
        if (e.rows >= 0)
            meta += tr(" · %n rows", nullptr, int(std::min<qint64>(e.rows, INT_MAX)));
        auto *item = new QListWidgetItem(oneLine + QLatin1Char('\n') + meta, m_list);
        item->setData(Qt::UserRole, e.sql);
        item->setToolTip(e.ok ? e.sql : e.sql + QStringLiteral("\n\n") + e.error);
        if (!e.ok)
            item->setForeground(QColor(0xb0, 0x00, 0x00));
    }
}

} // namespace strata::ui
