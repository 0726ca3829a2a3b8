#pragma once

// Edits one value in a dialog: multi-line text; JSON with validation and a pretty view;
// bytes as hex with their size, load from / save to a file and an image preview. "Set NULL"
// gives SQL NULL, which is never the same as an empty text.

#include "data/valuetype.h"

#include <QDialog>

class QLabel;
class QPlainTextEdit;
class QModelIndex;
class QPushButton;

namespace strata::data { class TableModel; }

namespace strata::ui {

class ValueEditorDialog : public QDialog {
    Q_OBJECT
public:
    /// `value` is the cell's edit value (QString, QByteArray, or invalid for NULL).
    ValueEditorDialog(data::ValueType type, const QString &columnName, const QVariant &value, bool readOnly,
                      QWidget *parent = nullptr);

    /// The dialog for a grid cell, as the grid opens it: JSON and bytes in their own views,
    /// everything else as the text a person would type for it; read-only when the cell
    /// cannot be written. The caller owns it.
    static ValueEditorDialog *forCell(const data::TableModel &model, const QModelIndex &index, QWidget *parent = nullptr);
    /// After the dialog was accepted: writes its value (or NULL) into the cell; false when
    /// the cell cannot be written or the model refused the value.
    bool applyTo(data::TableModel &model, const QModelIndex &index) const;

    /// The edited value; invalid for NULL. Unchanged text gives back the value it was opened
    /// with, untouched (not even reformatted).
    QVariant value() const;
    QPlainTextEdit *editor() const { return m_edit; }

private:
    void validate();
    void loadFile();
    void saveFile();
    void prettyPrint();
    QByteArray bytes() const;

    data::ValueType m_type;
    QPlainTextEdit *m_edit;
    QLabel *m_info;
    QLabel *m_preview;
    QPushButton *m_ok = nullptr;
    bool m_null = false;
    QVariant m_original;
    QString m_initialText;   // as first shown (JSON is shown pretty-printed)
};

} // namespace strata::ui
