#pragma once

// Edits one value in a dialog: multi-line text; JSON with validation and a pretty view;
// bytes as hex with their size, load from / save to a file and an image preview. "Set NULL"
// gives SQL NULL, which is never the same as an empty text.

#include "data/valuetype.h"

#include <QDialog>

class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace strata::ui {

class ValueEditorDialog : public QDialog {
    Q_OBJECT
public:
    /// `value` is the cell's edit value (QString, QByteArray, or invalid for NULL).
    ValueEditorDialog(data::ValueType type, const QString &columnName, const QVariant &value, bool readOnly,
                      QWidget *parent = nullptr);

    /// The edited value; invalid for NULL.
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
