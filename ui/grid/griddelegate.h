#pragma once

// Paints and edits the grid's cells. Painting: NULL and DEFAULT in grey italics (never
// confused with the text "NULL"), changed cells, new, deleted and failed rows tinted, rows
// still loading as an ellipsis. Editors by column type: a combo for booleans and
// PostgreSQL enums, validated line edits for numbers and JSON, date / time / timestamp
// editors, hex for bytes. Multi-line text, JSON and bytes also open ValueEditorDialog
// (valueDialogRequested), which the tab shows.
//
// An editor the user did not change writes nothing: tabbing through a new row's cells
// leaves them DEFAULT (a date editor shows today only as a starting point), and an
// untouched NULL stays NULL rather than becoming '' or false. A key a validated editor
// refuses, or a commit of an incomplete value, says why (CellInputFeedback).

#include "data/tableinfo.h"

#include <QPointer>
#include <QStyledItemDelegate>

namespace strata::connection { class Connection; }

namespace strata::ui {

class GridDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    explicit GridDelegate(QObject *parent = nullptr);

    /// The table's columns (types, enum labels); set when the model opened.
    void setTableInfo(const data::TableInfo &info) { m_info = info; }
    /// The connection foreign-key lookups search on (the tab's reader); not owned.
    void setLookupConnection(connection::Connection *connection);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    void setEditorData(QWidget *editor, const QModelIndex &index) const override;
    void setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const override;
    /// True when the user changed `editor` since setEditorData (an untouched one writes nothing).
    static bool isTouched(const QWidget *editor);

Q_SIGNALS:
    /// The cell is better edited in a dialog (multi-line text, large values).
    void valueDialogRequested(const QModelIndex &index) const;

protected:
    bool eventFilter(QObject *object, QEvent *event) override;

private:
    QWidget *createTypedEditor(QWidget *parent, const data::ColumnMeta &meta, const QModelIndex &index) const;

    data::TableInfo m_info;
    QPointer<connection::Connection> m_lookupConnection;
};

} // namespace strata::ui
