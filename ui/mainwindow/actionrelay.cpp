#include "actionrelay.h"

namespace strata::ui {

ActionRelay::ActionRelay(const QIcon &icon, const QString &text, QObject *parent)
    : QAction(icon, text, parent)
{
    setEnabled(false);
    connect(this, &QAction::triggered, this, [this] {
        if (m_target && m_target->isEnabled())
            m_target->trigger();
    });
}

void ActionRelay::setTarget(QAction *target)
{
    if (m_target == target)
        return;
    disconnect(m_changed);
    disconnect(m_destroyed);
    m_target = target;
    if (target) {
        m_changed = connect(target, &QAction::changed, this, &ActionRelay::follow);
        m_destroyed = connect(target, &QObject::destroyed, this, [this] { setEnabled(false); });
    }
    follow();
}

void ActionRelay::follow()
{
    setEnabled(m_target && m_target->isEnabled());
    if (m_target && !m_target->toolTip().isEmpty())
        setToolTip(m_target->toolTip());
}

} // namespace strata::ui
