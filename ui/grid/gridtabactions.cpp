// GridTab: actions, context menu, paste and the value dialog (see gridtab.h).

#include "gridtab.h"

#include "data/tablemodel.h"
#include "gridfilterrow.h"
#include "gridview.h"
#include "valueeditordialog.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QMenu>
#include <QMessageBox>

namespace strata::ui {

using data::TableModel;

void GridTab::createActions()
{
    auto make = [this](const QString &text, const QKeySequence &key, const QString &tip, auto slot) {
        auto *action = new QAction(text, this);
        action->setShortcut(key);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        action->setToolTip(key.isEmpty() ? tip : tip + QStringLiteral(" (") + key.toString(QKeySequence::NativeText) + QLatin1Char(')'));
        connect(action, &QAction::triggered, this, slot);
        addAction(action);
        return action;
    };
    m_save = make(tr("&Save"), QKeySequence::Save, tr("Write all pending changes in one transaction"), [this] { save(); });
    m_revert = make(tr("Re&vert"), QKeySequence(), tr("Drop all pending changes"), [this] {
        m_model->revertAll();
        showTableNote();   // a save failure it showed is gone with the edits
    });
    m_undo = make(tr("&Undo"), QKeySequence::Undo, tr("Undo the last pending change"), [this] { m_model->undo(); });
    m_undoSave = make(tr("Undo last save"), QKeySequence(), tr("Revert the last saved change set (checked for conflicts)"), [this] {
        if (QMessageBox::question(this, tr("Undo last save"), tr("Revert the changes of the last save in the database?"))
            == QMessageBox::Yes)
            m_model->undoLastSave();
    });
    m_refresh = make(tr("&Refresh"), QKeySequence::Refresh,
                     tr("Read the table's columns, rows and count again; pending changes stay"), [this] { refreshNow(); });
    m_add = make(tr("&Add row"), QKeySequence(Qt::CTRL | Qt::Key_Insert), tr("Add a new row (DEFAULTs left to the server)"), [this] {
        const int row = m_model->addRow();
        if (row >= 0) {
            m_view->scrollToTop();
            m_view->setCurrentIndex(m_model->index(row, 0));
        }
    });
    m_duplicate = make(tr("D&uplicate"), QKeySequence(Qt::CTRL | Qt::Key_D), tr("Add a copy of the current row"), [this] {
        const int row = m_model->duplicateRow(m_view->currentIndex().row());
        if (row >= 0) {
            m_view->scrollToTop();
            m_view->setCurrentIndex(m_model->index(row, 0));
        }
    });
    m_delete = make(tr("&Delete"), QKeySequence(Qt::CTRL | Qt::Key_Delete), tr("Mark the selected rows deleted"),
                    [this] {
                        bool more = false;
                        m_model->deleteRows(selectedRows(100000, &more));
                        if (more)
                            showBanner(tr("Only the first 100,000 selected rows were marked deleted."), true);
                    });
    m_setNull = make(tr("Set &NULL"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N), tr("Set the selected cells to NULL"), [this] {
        // By range, row by row: a selection may hold millions of cells (only loaded rows change).
        bool more = false;
        for (int row : selectedRows(100000, &more))
            for (const QItemSelectionRange &range : m_view->selectionModel()->selection())
                if (range.top() <= row && row <= range.bottom())
                    for (int column = range.left(); column <= range.right(); ++column)
                        m_model->setNull(m_model->index(row, column));
        if (!m_view->selectionModel()->hasSelection())
            m_model->setNull(m_view->currentIndex());
        if (more)
            showBanner(tr("Only the first 100,000 selected rows were set to NULL."), true);
    });
    m_editValue = make(tr("&Edit value…"), QKeySequence(Qt::CTRL | Qt::Key_E), tr("Edit the current value in a dialog"),
                       [this] { editInDialog(m_view->currentIndex()); });
    m_paste = new QAction(tr("&Paste"), this);
    m_paste->setShortcut(QKeySequence::Paste);
    m_paste->setShortcutContext(Qt::WidgetShortcut);
    connect(m_paste, &QAction::triggered, this, &GridTab::pasteClipboard);
    m_view->addAction(m_paste);
    m_copy = new QAction(tr("&Copy"), this);
    m_copy->setShortcut(QKeySequence::Copy);
    m_copy->setShortcutContext(Qt::WidgetShortcut);
    connect(m_copy, &QAction::triggered, this, [this] { copySelection(data::io::Format::Tsv); });
    m_view->addAction(m_copy);
}

QList<int> GridTab::selectedRows(int limit, bool *more) const
{
    // From the selection's ranges, never cell by cell: Ctrl+A on a hundred million rows is
    // one range.
    QList<int> rows;
    if (more)
        *more = false;
    for (const QItemSelectionRange &range : m_view->selectionModel()->selection()) {
        for (int row = range.top(); row <= range.bottom(); ++row) {
            if (rows.size() >= limit) {
                if (more)
                    *more = true;
                break;
            }
            rows << row;
        }
    }
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    if (rows.isEmpty() && m_view->currentIndex().isValid())
        rows << m_view->currentIndex().row();
    return rows;
}

void GridTab::pasteClipboard()
{
    QModelIndex topLeft = m_view->currentIndex();
    for (const QItemSelectionRange &range : m_view->selectionModel()->selection())
        if (!topLeft.isValid() || range.top() < topLeft.row() || (range.top() == topLeft.row() && range.left() < topLeft.column()))
            topLeft = range.topLeft();
    QString error;
    if (!m_model->pasteText(topLeft, QApplication::clipboard()->text(), &error))
        showBanner(tr("Nothing pasted: %1").arg(error), true);
}

void GridTab::editInDialog(const QModelIndex &index)
{
    if (!index.isValid() || index.column() >= m_model->tableInfo().columns.size())
        return;
    std::unique_ptr<ValueEditorDialog> dialog(ValueEditorDialog::forCell(*m_model, index, this));
    if (dialog->exec() == QDialog::Accepted)
        dialog->applyTo(*m_model, index);
}

void GridTab::showContextMenu(const QPoint &pos)
{
    const QModelIndex index = m_view->indexAt(pos);
    QMenu menu(this);
    if (const data::RowEdit *edit = index.isValid() ? m_model->editAt(index.row()) : nullptr; edit && edit->conflict) {
        if (m_model->canKeepMine(index.row())) {
            menu.addAction(tr("Keep mine (overwrite theirs on Save)"), this, [this, row = index.row()] { m_model->resolveConflict(row, true); });
        } else {
            // Nothing to save over: the row was deleted, or (no key) changed and moved.
            QAction *gone = menu.addAction(tr("Keep mine: their row cannot be found (deleted, or changed in a table without a key)"));
            gone->setEnabled(false);
        }
        menu.addAction(tr("Take theirs (drop my change)"), this, [this, row = index.row()] { m_model->resolveConflict(row, false); });
        menu.addSeparator();
    }
    addCopyMenu(menu);
    for (QAction *a : {m_editValue, m_setNull, m_paste})
        menu.addAction(a);
    menu.addSeparator();
    for (QAction *a : {m_add, m_duplicate, m_delete})
        menu.addAction(a);
    if (index.isValid()) {
        for (const catalog::ForeignKeyInfo &fk : m_model->tableInfo().foreignKeys) {
            if (fk.columns.size() == 1 && fk.columns.first() == m_model->tableInfo().columns.at(index.column()).name
                && !index.data(TableModel::IsNullRole).toBool()) {
                menu.addSeparator();
                menu.addAction(tr("Go to referenced row in %1").arg(fk.referencedTable), this, [this, index] { goToReferenced(index); });
            }
        }
    }
    menu.exec(m_view->viewport()->mapToGlobal(pos));
}

void GridTab::goToReferenced(const QModelIndex &index)
{
    const data::TableInfo &info = m_model->tableInfo();
    const QString column = info.columns.at(index.column()).name;
    for (const catalog::ForeignKeyInfo &fk : info.foreignKeys) {
        if (fk.columns.size() != 1 || fk.columns.first() != column)
            continue;
        ObjectRef target = m_object;
        target.kind = NodeKind::Relation;
        target.relationKind = catalog::RelationKind::Table;
        target.schema = fk.referencedSchema.isEmpty() ? m_object.schema : fk.referencedSchema;
        target.name = fk.referencedTable;
        const QString refColumn = fk.referencedColumns.isEmpty() ? QString() : fk.referencedColumns.first();
        const QString value = data::rawToText(info.dialect, info.columns.at(index.column()).type, index.data(TableModel::RawRole));
        Q_EMIT referencedRowRequested(target, refColumn, value);
        return;
    }
}

} // namespace strata::ui
