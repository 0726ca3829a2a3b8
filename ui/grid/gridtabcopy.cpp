// The grid's copy and export: the selected cells in the formats of core/data/io (the same
// writers as file export and the console), and the whole filtered, sorted selection through
// the export dialog, which reads it on a connection of its own.

#include "gridtab.h"

#include "data/io/exporter.h"
#include "data/tablemodel.h"
#include "data/valuetype.h"
#include "dataio/exportdialog.h"

#include <QApplication>
#include <QClipboard>
#include <QItemSelectionModel>
#include <QMenu>
#include <QTableView>

namespace strata::ui {

void GridTab::copySelection(data::io::Format format)
{
    const QModelIndexList cells = m_view->selectionModel()->selectedIndexes();
    if (cells.isEmpty())
        return;
    int top = cells.first().row(), bottom = top, left = cells.first().column(), right = left;
    for (const QModelIndex &cell : cells) {
        top = qMin(top, cell.row());
        bottom = qMax(bottom, cell.row());
        left = qMin(left, cell.column());
        right = qMax(right, cell.column());
    }
    QStringList columns;
    for (int c = left; c <= right; ++c)
        columns << m_model->tableInfo().columns.at(c).name;
    QList<QVariantList> rows;
    for (int r = top; r <= bottom; ++r) {
        QVariantList values;
        for (int c = left; c <= right; ++c) {
            const QVariant raw = m_model->index(r, c).data(data::TableModel::RawRole);
            values << (data::isSqlNull(raw) ? QVariant() : raw);   // NULL stays NULL, never ""
        }
        rows << values;
    }
    QApplication::clipboard()->setText(
        data::io::formatSelection(columns, rows, format, m_model->tableInfo().dialect, m_object.name));
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
