#pragma once

// The filter row above the grid: one line edit per column, kept aligned with the header's
// sections (resized, moved, scrolled), and a free WHERE box. What is typed stays text here;
// data::ColumnFilter::parse() reads it ("abc", "=abc", ">5", "NULL", "NOT NULL"), and the
// WHERE text goes to the model unchanged, as the user's own SQL. Enter applies.

#include "data/gridspec.h"

#include <QWidget>

class QHeaderView;
class QLineEdit;

namespace strata::ui {

class GridFilterRow : public QWidget {
    Q_OBJECT
public:
    GridFilterRow(QHeaderView *header, QWidget *parent = nullptr);

    /// One edit per column; clears what was typed.
    void setColumns(const QStringList &names);
    /// The filters and WHERE text as typed now, with the given sort.
    data::GridSpec spec(const QList<data::SortKey> &sort) const;
    /// Fills the edits from a spec (e.g. "go to referenced row").
    void setSpec(const data::GridSpec &spec);
    QLineEdit *columnEdit(int column) const { return m_edits.value(column); }
    QLineEdit *whereEdit() const { return m_where; }
    void clear();

Q_SIGNALS:
    void applyRequested();

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void layoutEdits();

    QHeaderView *m_header;
    QWidget *m_strip;
    QList<QLineEdit *> m_edits;
    QLineEdit *m_where;
};

} // namespace strata::ui
