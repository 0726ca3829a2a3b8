// The grid's copy and export: the selected cells in the formats of core/data/io (the same
// writers as file export and the console), and the whole filtered, sorted selection through
// the export dialog, which reads it on a connection of its own.

#include "gridtab.h"

#include "data/tablemodel.h"
#include "data/valuetype.h"
#include "dataio/exportdialog.h"
#include "widgets/cellselection.h"

#include <QMenu>
#include <QTableView>

namespace strata::ui {

void GridTab::copySelection(data::io::Format format)
{
    const data::TableInfo &info = m_model->tableInfo();
    const CellBlock block = selectedCells(*m_view, [&info](int column) { return info.columns.at(column).name; },
                                          [](const QModelIndex &cell) {
                                              const QVariant raw = cell.data(data::TableModel::RawRole);
                                              return data::isSqlNull(raw) ? QVariant() : raw;   // NULL stays NULL, never ""
                                          });
    copyCells(block, format, info.dialect, m_object.name);
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
