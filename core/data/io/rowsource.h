#pragma once

// RowSource: rows to export, one at a time, whatever they come from — a whole table or a
// query streamed from the database (QueryRowSource), or rows already in memory such as a
// grid selection or a console result (ListRowSource). Export, copy and the console's
// "export result" all go through exportRows() over a RowSource, so every format behaves
// the same everywhere.
//
// A RowSource is used on one thread: a QueryRowSource on the thread that owns its
// QSqlDatabase (a Connection's worker).

#include "base/result.h"

#include <QList>
#include <QMetaType>
#include <QStringList>
#include <QVariantList>

namespace strata::data::io {

class RowSource {
public:
    virtual ~RowSource() = default;

    virtual QStringList columnNames() const = 0;
    /// The type of each column as the driver reports it (QMetaType::Double for PostgreSQL
    /// numeric even when values arrive as exact text). An invalid QMetaType when unknown.
    virtual QList<QMetaType> columnTypes() const = 0;
    /// Fills `row` with the next row's values (a null QVariant for NULL). Returns false at
    /// the end, or an Error when reading failed.
    virtual Result<bool> next(QVariantList &row) = 0;
};

/// Rows held in memory (a grid selection, a console result page).
class ListRowSource final : public RowSource {
public:
    ListRowSource(QStringList columns, QList<QVariantList> rows, QList<QMetaType> types = {});

    QStringList columnNames() const override { return m_columns; }
    QList<QMetaType> columnTypes() const override { return m_types; }
    Result<bool> next(QVariantList &row) override;

private:
    QStringList m_columns;
    QList<QVariantList> m_rows;
    QList<QMetaType> m_types;
    qsizetype m_next = 0;
};

} // namespace strata::data::io
