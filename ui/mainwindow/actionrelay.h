#pragma once

// A window-level action that stands for an action of the current tab: the toolbar's Save,
// Revert, Run and Cancel. Triggering it triggers the target; it is enabled exactly when a
// target is set and enabled, and follows the target's changes. The target is not owned.

#include <QAction>
#include <QPointer>

namespace strata::ui {

class ActionRelay : public QAction {
    Q_OBJECT
public:
    ActionRelay(const QIcon &icon, const QString &text, QObject *parent);

    /// The action to stand for now (nullptr: none, the relay is disabled).
    void setTarget(QAction *target);
    QAction *target() const { return m_target; }

private:
    void follow();

    QPointer<QAction> m_target;
    QMetaObject::Connection m_changed;
    QMetaObject::Connection m_destroyed;
};

} // namespace strata::ui
