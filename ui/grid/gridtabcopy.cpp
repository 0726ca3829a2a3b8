// The grid's copy and export: the selected cells in the formats of core/data/io (the same
// writers as file export and the console), and the whole filtered, sorted selection through
// the export dialog, which reads it on a connection of its own.
//
// A selection may span rows that are not in the model's cache (Shift+Ctrl+End from the top
// of a big table): the model reads what is missing off the GUI thread, in bounded chunks,
// up to 100,000 rows; the clipboard is filled when the rows are in. The banner's Cancel, a
// new copy, or a new filter or sort cancels the read.

#include "gridtab.h"

#include "data/tablemodel.h"
#include "data/valuetype.h"
#include "dataio/exportdialog.h"
#include "gridview.h"
#include "widgets/cellselection.h"

#include <QLocale>
#include <QMenu>

namespace strata::ui {

void GridTab::copySelection(data::io::Format format)
{
    // The bounding rectangle of the selection's ranges (never its cells one by one).
    int top = -1, bottom = -1, left = -1, right = -1;
    for (const QItemSelectionRange &range : m_view->selectionModel()->selection()) {
        top = top < 0 ? range.top() : qMin(top, range.top());
        bottom = qMax(bottom, range.bottom());
        left = left < 0 ? range.left() : qMin(left, range.left());
        right = qMax(right, range.right());
    }
    if (top < 0)
        return;
    const data::TableInfo &info = m_model->tableInfo();
    CellBlock block;
    QList<int> columns;
    for (int c = left; c <= right; ++c) {
        columns << c;
        block.columns << info.columns.at(c).name;
    }
    const qint64 first = m_view->absoluteRow(top);
    const qint64 last = m_view->absoluteRow(bottom);
    const bool slow = last - first >= 1000;
    if (slow)
        showBanner(tr("Copying %1 rows… <a href=\"cancelcopy\">Cancel</a>").arg(QLocale().toString(last - first + 1)), false);
    m_model->readRange(first, last, columns,
                       [this, block, format, slow, name = m_object.name, dialect = info.dialect](Result<QList<QVariantList>> rows) mutable {
                           if (slow)
                               showBanner(m_bannerText, false);   // back to the table's own note
                           if (!rows) {
                               if (!rows.error().isCancelled())
                                   showBanner(tr("Nothing copied: %1").arg(rows.error().message), true);
                               return;
                           }
                           block.rows = std::move(rows.value());
                           for (QVariantList &row : block.rows)
                               for (QVariant &value : row)
                                   if (data::isSqlNull(value))
                                       value = QVariant();   // NULL stays NULL, never ""
                           copyCells(block, format, dialect, name);
                       });
}

void GridTab::exportRows()
{
    const data::BoundSql query = m_model->selectionQuery();
    auto *dialog = ExportDialog::forQuery(m_spec, query.sql, query.values, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

void GridTab::addCopyMenu(QMenu &menu)
{
    menu.addAction(m_copy);
    QMenu *copyAs = menu.addMenu(tr("Copy &as"));
    const QList<QPair<QString, data::io::Format>> formats{
        {tr("TSV (spreadsheet)"), data::io::Format::Tsv}, {tr("CSV"), data::io::Format::Csv},
        {tr("JSON"), data::io::Format::JsonArray}, {tr("Markdown table"), data::io::Format::Markdown},
        {tr("SQL INSERT statements"), data::io::Format::SqlInsert}};
    for (const auto &[label, format] : formats)
        copyAs->addAction(label, this, [this, format = format] { copySelection(format); });
    menu.addAction(tr("E&xport rows…"), this, &GridTab::exportRows);
    menu.addSeparator();
}

} // namespace strata::ui
