#pragma once

// MigrationToolBar: the migration panel's commands, in two tool bars that share one row when
// the panel is wide enough and stack into two rows when it is not (a 1024 px window with the
// object tree leaves the panel about 750 px), so no button ever hides behind the tool bar's
// "»" extension:
//   run bar:      ▲ Upgrade ▾  ▼ Downgrade ▾  Stamp ▾  Preview SQL ▾  ■ Cancel
//   project bar:  New revision…  Autogenerate… (Alembic projects)  Merge heads…  Verify  Refresh
// Each ▾ button runs its first (most common) command and offers the others in its menu.
//
// It owns the actions and decides which are enabled from a State; what they do is the panel's
// (the signals). GUI thread only.

#include "migrationaction.h"

#include <QHash>
#include <QWidget>

class QAction;
class QBoxLayout;
class QToolBar;
class QToolButton;

namespace strata::ui {

class MigrationToolBar : public QWidget {
    Q_OBJECT
public:
    explicit MigrationToolBar(QWidget *parent = nullptr);

    /// What the enabled state of each command depends on.
    struct State {
        bool project = false;      ///< a project is attached and readable
        bool alembic = false;      ///< it is an Alembic project
        bool noAlembic = false;    ///< ... and no Alembic was found for it
        bool busy = false;         ///< a command is running
        bool selected = false;     ///< a revision is selected in the graph
        int heads = 0;             ///< heads of the project's graph
    };
    void setState(const State &state);

    QAction *action(MigrationAction action) const { return m_actions.value(action); }
    QAction *cancelAction() const { return m_cancel; }
    QAction *autogenerateAction() const { return m_autogenerate; }
    /// True when both bars share one row.
    bool isOneRow() const;

Q_SIGNALS:
    void runRequested(strata::ui::MigrationAction action);
    void previewRequested(strata::ui::MigrationAction action);
    void cancelRequested();
    void newRevisionRequested();
    void autogenerateRequested();
    void mergeRequested();
    void verifyRequested();
    void refreshRequested();

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    QToolButton *menuButton(const QString &text, const QList<QAction *> &actions);
    QAction *makeAction(MigrationAction action);
    void arrange(int width);

    QBoxLayout *m_layout = nullptr;
    QToolBar *m_runBar = nullptr;
    QToolBar *m_projectBar = nullptr;
    QHash<MigrationAction, QAction *> m_actions;
    QAction *m_cancel = nullptr;
    QAction *m_newRevision = nullptr;
    QAction *m_autogenerate = nullptr;
    QAction *m_merge = nullptr;
    QAction *m_verify = nullptr;
    QAction *m_refresh = nullptr;
    QToolButton *m_previewButton = nullptr;
};

} // namespace strata::ui
