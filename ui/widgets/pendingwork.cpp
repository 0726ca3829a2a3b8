#include "pendingwork.h"

#include <QWidget>

namespace strata::ui {

PendingWork::PendingWork(QWidget *tab, Hooks hooks)
    : QObject(tab)
    , m_hooks(std::move(hooks))
{
    setObjectName(QStringLiteral("pendingWork"));
}

PendingWork *PendingWork::of(const QWidget *tab)
{
    return tab ? tab->findChild<PendingWork *>(QString(), Qt::FindDirectChildrenOnly) : nullptr;
}

QWidget *PendingWork::tab() const
{
    return static_cast<QWidget *>(parent());
}

QStringList PendingWork::describe(PendingWorkScope scope) const
{
    return m_hooks.describe ? m_hooks.describe(scope) : QStringList();
}

void PendingWork::save(PendingWorkScope scope, SaveDone done)
{
    if (!m_hooks.save) {
        done(Error(ErrorKind::Unsupported, tr("This tab cannot save its work")));
        return;
    }
    m_hooks.save(scope, std::move(done));
}

void PendingWork::discard(PendingWorkScope scope)
{
    if (m_hooks.discard)
        m_hooks.discard(scope);
}

void PendingWork::finishEditing()
{
    if (m_hooks.finishEditing)
        m_hooks.finishEditing();
}

} // namespace strata::ui
