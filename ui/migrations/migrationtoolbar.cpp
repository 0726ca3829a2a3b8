#include "migrationtoolbar.h"

#include <QAction>
#include <QBoxLayout>
#include <QMenu>
#include <QResizeEvent>
#include <QToolBar>
#include <QToolButton>

namespace strata::ui {

namespace {

QToolBar *makeBar(QWidget *parent, const QString &name)
{
    auto *bar = new QToolBar(parent);
    bar->setObjectName(name);
    bar->setMovable(false);
    bar->setFloatable(false);
    bar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    return bar;
}

} // namespace

MigrationToolBar::MigrationToolBar(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("migrationToolBar"));
    m_runBar = makeBar(this, QStringLiteral("migrationRunBar"));
    m_projectBar = makeBar(this, QStringLiteral("migrationProjectBar"));
    m_layout = new QBoxLayout(QBoxLayout::LeftToRight, this);
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setSpacing(0);
    // On one row the project bar follows the run bar directly and takes what is left.
    m_layout->addWidget(m_runBar, 0);
    m_layout->addWidget(m_projectBar, 1);

    menuButton(tr("▲ Upgrade"), {makeAction(MigrationAction::UpgradeHead), makeAction(MigrationAction::UpgradeSelected)});
    menuButton(tr("▼ Downgrade"), {makeAction(MigrationAction::DowngradeOne), makeAction(MigrationAction::DowngradeSelected),
                                   makeAction(MigrationAction::DowngradeBase)});
    menuButton(tr("Stamp"), {makeAction(MigrationAction::StampSelected), makeAction(MigrationAction::StampHeads)});
    for (QAction *a : {m_actions[MigrationAction::StampSelected], m_actions[MigrationAction::StampHeads]})
        a->setToolTip(tr("Record a revision in the database without running its SQL"));
    m_previewButton = new QToolButton(m_runBar);
    m_previewButton->setText(tr("Preview SQL"));
    m_previewButton->setToolTip(tr("The SQL a command would run, without running it"));
    m_previewButton->setPopupMode(QToolButton::InstantPopup);
    auto *previewMenu = new QMenu(m_previewButton);
    for (MigrationAction a : {MigrationAction::UpgradeHead, MigrationAction::UpgradeSelected, MigrationAction::DowngradeOne,
                              MigrationAction::DowngradeSelected, MigrationAction::DowngradeBase})
        previewMenu->addAction(migrationActionName(a), this, [this, a] { Q_EMIT previewRequested(a); });
    m_previewButton->setMenu(previewMenu);
    m_runBar->addWidget(m_previewButton);
    m_runBar->addSeparator();
    m_cancel = m_runBar->addAction(tr("■ Cancel"), this, &MigrationToolBar::cancelRequested);
    m_cancel->setToolTip(tr("Stop the command that is running (see the log for what is kept)"));

    m_newRevision = m_projectBar->addAction(tr("New revision…"), this, &MigrationToolBar::newRevisionRequested);
    m_newRevision->setToolTip(tr("Write a new, empty revision file on the current head"));
    m_autogenerate = m_projectBar->addAction(tr("Autogenerate…"), this, &MigrationToolBar::autogenerateRequested);
    m_autogenerate->setObjectName(QStringLiteral("alembicAutogenerate"));
    m_autogenerate->setToolTip(tr("Alembic compares the models with the database and writes a revision for the difference"));
    m_merge = m_projectBar->addAction(tr("Merge heads…"), this, &MigrationToolBar::mergeRequested);
    m_merge->setToolTip(tr("Write a merge revision that joins the project's heads (branches)"));
    m_verify = m_projectBar->addAction(tr("Verify"), this, &MigrationToolBar::verifyRequested);
    m_verify->setToolTip(tr("Compare applied revisions with their files (finds files edited after they ran)"));
    m_refresh = m_projectBar->addAction(tr("Refresh"), this, &MigrationToolBar::refreshRequested);
    m_refresh->setToolTip(tr("Read the project's files and the database's version rows again"));
    setState({});
}

QAction *MigrationToolBar::makeAction(MigrationAction a)
{
    auto *act = new QAction(migrationActionName(a), this);
    connect(act, &QAction::triggered, this, [this, a] { Q_EMIT runRequested(a); });
    m_actions.insert(a, act);
    return act;
}

// A short button that runs the first (most common) command; its arrow offers the others.
QToolButton *MigrationToolBar::menuButton(const QString &text, const QList<QAction *> &actions)
{
    auto *button = new QToolButton(m_runBar);
    button->setText(text);
    button->setToolTip(actions.first()->text());
    button->setPopupMode(QToolButton::MenuButtonPopup);
    auto *menu = new QMenu(button);
    menu->addActions(actions);
    button->setMenu(menu);
    connect(button, &QToolButton::clicked, actions.first(), &QAction::trigger);
    auto sync = [button, actions] {
        bool any = false;
        for (QAction *a : actions)
            any = any || a->isEnabled();
        button->setEnabled(any);
    };
    for (QAction *a : actions)
        connect(a, &QAction::changed, button, sync);
    m_runBar->addWidget(button);
    return button;
}

void MigrationToolBar::setState(const State &s)
{
    const bool canRun = s.project && !s.busy && !s.noAlembic;
    for (auto it = m_actions.cbegin(); it != m_actions.cend(); ++it) {
        const bool needsSelection = it.key() == MigrationAction::UpgradeSelected || it.key() == MigrationAction::DowngradeSelected
                                 || it.key() == MigrationAction::StampSelected;
        it.value()->setEnabled(canRun && (!needsSelection || s.selected));
        if (s.noAlembic)
            it.value()->setToolTip(tr("No Alembic found for this project: see above the toolbar"));
    }
    m_newRevision->setEnabled(canRun);
    m_autogenerate->setVisible(s.alembic);
    m_autogenerate->setEnabled(s.alembic && canRun);
    m_merge->setEnabled(canRun && s.heads > 1);
    m_previewButton->setEnabled(canRun);
    m_verify->setEnabled(s.project && !s.alembic && !s.busy);
    m_refresh->setEnabled(s.project && !s.busy);
    m_cancel->setEnabled(s.busy);
    arrange(width());
}

bool MigrationToolBar::isOneRow() const
{
    return m_layout->direction() == QBoxLayout::LeftToRight;
}

void MigrationToolBar::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    arrange(event->size().width());
}

void MigrationToolBar::arrange(int width)
{
    const int needed = m_runBar->sizeHint().width() + m_projectBar->sizeHint().width();
    const QBoxLayout::Direction direction = width >= needed ? QBoxLayout::LeftToRight : QBoxLayout::TopToBottom;
    if (m_layout->direction() != direction)
        m_layout->setDirection(direction);
}

} // namespace strata::ui
