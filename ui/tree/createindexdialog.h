#pragma once

// Create index…: a name, the table's columns to tick (in the order ticked), UNIQUE, and the
// statement it makes (exec::createIndex) shown as it changes.

#include "catalog/catalogtypes.h"
#include "dialect/dialect.h"
#include "exec/objectactions.h"

#include <QDialog>

class QCheckBox;
class QDialogButtonBox;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;

namespace strata::ui {

class CreateIndexDialog : public QDialog {
    Q_OBJECT
public:
    CreateIndexDialog(const dialect::Dialect &dialect, const catalog::TableDetail &table, QWidget *parent = nullptr);

    QString indexName() const;
    QStringList columns() const { return m_order; }
    Result<exec::ObjectActionSql> sql() const;

    QLineEdit *nameEdit() const { return m_name; }
    QListWidget *columnList() const { return m_columns; }
    QCheckBox *uniqueBox() const { return m_unique; }
    QPlainTextEdit *preview() const { return m_preview; }

private:
    void updatePreview();

    const dialect::Dialect &m_dialect;
    catalog::TableDetail m_table;
    QLineEdit *m_name;
    QListWidget *m_columns;
    QCheckBox *m_unique;
    QPlainTextEdit *m_preview;
    QDialogButtonBox *m_buttons;
    QStringList m_order;        // ticked columns, in the order ticked
    bool m_nameEdited = false;  // the person typed a name: stop proposing one
};

} // namespace strata::ui
