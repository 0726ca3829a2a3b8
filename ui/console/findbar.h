#pragma once

// FindBar: find and replace in the console editor (Ctrl+F / Ctrl+H, Enter: next,
// Shift+Enter: previous, Esc: close). Plain text or case-sensitive; wraps around.

#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace strata::ui {

class FindBar : public QWidget {
    Q_OBJECT
public:
    explicit FindBar(QPlainTextEdit *editor, QWidget *parent = nullptr);

    /// Shows the bar with the editor's selection as the search text.
    void open(bool replace);
    bool findNext(bool backward = false);
    void replaceCurrent();
    int replaceAll();
    QLineEdit *findEdit() const { return m_find; }
    QLineEdit *replaceEdit() const { return m_replace; }

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    QPlainTextEdit *m_editor;
    QLineEdit *m_find;
    QLineEdit *m_replace;
    QCheckBox *m_case;
    QLabel *m_status;
    QWidget *m_replaceRow;
};

} // namespace strata::ui
