#include "migrationrunview.h"

#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace strata::ui {

MigrationRunView::MigrationRunView(QWidget *parent) : QWidget(parent)
{
    auto *runLayout = new QVBoxLayout(this);
    runLayout->setContentsMargins(0, 0, 0, 0);
    m_failure = new QLabel(this);
    m_failure->setObjectName(QStringLiteral("migrationFailure"));
    m_failure->setWordWrap(true);
    m_failure->setTextFormat(Qt::RichText);
    m_failure->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::LinksAccessibleByMouse | Qt::LinksAccessibleByKeyboard);
    // Alembic failures link to the revision file's line.
    connect(m_failure, &QLabel::linkActivated, this, [this](const QString &link) {
        if (link.startsWith(QLatin1String("revision:")))
            Q_EMIT revisionLinkActivated(link.section(QLatin1Char(':'), 1, 1), link.section(QLatin1Char(':'), 2, 2).toInt());
    });
    m_failure->setStyleSheet(QStringLiteral("QLabel { background: #fdecea; color: #8a1c1c; border: 1px solid #e3a5a0;"
                                            " border-radius: 4px; padding: 6px; }"));
    m_failure->hide();
    m_progress = new QTreeWidget(this);
    m_progress->setRootIsDecorated(false);
    m_progress->setHeaderLabels({tr("Revision"), tr("Message"), tr("Status"), tr("Time")});
    m_progress->header()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_progress->setColumnWidth(0, 110);
    m_progress->header()->setStretchLastSection(false);
    m_progress->header()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    m_progress->header()->setSectionResizeMode(3, QHeaderView::ResizeToContents);
    m_log = new QPlainTextEdit(this);
    m_log->setReadOnly(true);
    QFont mono(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::Monospace);
    m_log->setFont(mono);
    m_log->setMaximumBlockCount(20000);
    m_log->setPlaceholderText(tr("The statements of a run appear here as they execute."));
    auto *runSplit = new QSplitter(Qt::Horizontal, this);
    runSplit->addWidget(m_progress);
    runSplit->addWidget(m_log);
    runSplit->setStretchFactor(0, 2);
    runSplit->setStretchFactor(1, 3);
    runLayout->addWidget(m_failure);
    runLayout->addWidget(runSplit, 1);
}

void MigrationRunView::appendLog(const QString &text, const QColor &color)
{
    const QString html = QStringLiteral("<span style='white-space:pre-wrap; color:%1'>%2</span>")
                             .arg(color.isValid() ? color.name() : QStringLiteral("#303030"), text.toHtmlEscaped());
    m_log->appendHtml(html);
    m_log->verticalScrollBar()->setValue(m_log->verticalScrollBar()->maximum());
}

void MigrationRunView::showFailure(const QString &html)
{
    m_failure->setText(html);
    m_failure->show();
}

void MigrationRunView::appendFailure(const QString &html)
{
    m_failure->setText(m_failure->text() + (m_failure->isVisible() ? QStringLiteral("<br>") : QString()) + html);
    m_failure->show();
}

void MigrationRunView::hideFailure()
{
    m_failure->hide();
}

void MigrationRunView::setSteps(const migrate::MigrationEngine &engine, const migrate::MigrationPlan &plan)
{
    m_progress->clear();
    for (const migrate::MigrationStep &step : plan.steps) {
        const migrate::RevisionScript *s = engine.store().find(step.revision);
        QTreeWidgetItem *r = addRow(step.revision, s ? s->message : QString(), step.direction);
        r->setText(2, tr("waiting"));
        r->setForeground(2, QColor(0x80, 0x80, 0x80));
    }
}

QTreeWidgetItem *MigrationRunView::addRow(const QString &revision, const QString &message, migrate::Direction direction)
{
    auto *r = new QTreeWidgetItem(m_progress, {revision.left(12), message, QString(), QString()});
    r->setData(0, Qt::UserRole, revision);
    r->setData(2, Qt::UserRole, int(direction));
    return r;
}

QTreeWidgetItem *MigrationRunView::row(const QString &revision) const
{
    for (int i = 0; i < m_progress->topLevelItemCount(); ++i)
        if (m_progress->topLevelItem(i)->data(0, Qt::UserRole).toString() == revision)
            return m_progress->topLevelItem(i);
    return nullptr;
}

void MigrationRunView::setState(const QString &revision, const QString &state, const QColor &color, const QString &time)
{
    QTreeWidgetItem *r = row(revision);
    if (!r)
        return;
    r->setText(2, state);
    if (color.isValid())
        r->setForeground(2, color);
    if (!time.isEmpty())
        r->setText(3, time);
    if (state == tr("running…"))
        m_progress->scrollToItem(r);
}

void MigrationRunView::setAllStates(const QString &state)
{
    for (int i = 0; i < m_progress->topLevelItemCount(); ++i)
        m_progress->topLevelItem(i)->setText(2, state);
}

int MigrationRunView::count(const QString &state) const
{
    int n = 0;
    for (int i = 0; i < m_progress->topLevelItemCount(); ++i)
        n += m_progress->topLevelItem(i)->text(2) == state ? 1 : 0;
    return n;
}

} // namespace strata::ui
