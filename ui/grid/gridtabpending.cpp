// GridTab: its pending edits as PendingWork (closing asks first), and following schema
// changes announced for its table (see gridtab.h).

#include "gridtab.h"

#include "catalog/schemanotifier.h"
#include "data/tablemodel.h"
#include "griddelegate.h"
#include "gridview.h"
#include "widgets/pendingwork.h"

namespace strata::ui {

using data::TableModel;

void GridTab::attachPendingWork()
{
    PendingWork::Hooks hooks;
    hooks.describe = [this](PendingWorkScope) {
        QStringList lines;
        const int n = m_model->pendingCount();
        if (n == 1)
            lines << tr("1 unsaved change");
        else if (n > 1)
            lines << tr("%1 unsaved changes").arg(n);
        return lines;
    };
    hooks.save = [this](PendingWorkScope, PendingWork::SaveDone done) { savePending(std::move(done)); };
    hooks.discard = [this](PendingWorkScope) { m_model->revertAll(); };
    hooks.finishEditing = [this] { commitOpenEditor(); };
    m_pendingWork = new PendingWork(this, std::move(hooks));
}

void GridTab::commitOpenEditor()
{
    // A value still in its cell editor is part of the work: commit it as Enter would.
    // The view's editors are the viewport's children; the view ignores widgets that are not.
    const QList<QWidget *> editors = m_view->viewport()->findChildren<QWidget *>(QString(), Qt::FindDirectChildrenOnly);
    for (QWidget *editor : editors) {
        if (!editor->isVisible())
            continue;
        Q_EMIT m_delegate->commitData(editor);
        Q_EMIT m_delegate->closeEditor(editor, QAbstractItemDelegate::NoHint);
    }
}

void GridTab::savePending(std::function<void(const Status &)> done)
{
    if (m_model->pendingCount() == 0) {
        done(Status());
        return;
    }
    if (!m_model->isEditable()) {
        done(Error(ErrorKind::Permission, m_model->readOnlyReason()));
        return;
    }
    // The answer is the next save to end (one already running counts); a failure stays
    // shown in the banner and on its row, and the edits stay.
    auto answered = std::make_shared<bool>(false);
    auto *context = new QObject(this);
    connect(m_model, &TableModel::saveFinished, context, [context, answered, done](bool ok, const Error &error, int) {
        if (*answered)
            return;
        *answered = true;
        context->deleteLater();
        done(ok ? Status() : Status(error));
    });
    if (!m_model->isSaving())
        m_model->save();
}

void GridTab::setSchemaNotifier(catalog::SchemaNotifier *notifier)
{
    if (m_notifier)
        disconnect(m_notifier, nullptr, this, nullptr);
    m_notifier = notifier;
    if (notifier)
        connect(notifier, &catalog::SchemaNotifier::changed, this, &GridTab::onSchemaChanged);
}

void GridTab::onSchemaChanged(const catalog::SchemaChange &change)
{
    // The banner stays: an error shown there is still true until the person acts on it.
    if (m_model->isOpen() && change.touches(m_object.connectionId, m_object.schema, m_object.name))
        m_model->refresh();
}

} // namespace strata::ui
