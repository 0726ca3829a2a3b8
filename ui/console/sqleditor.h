#pragma once

// SqlEditor: the console's code editor, a QPlainTextEdit with line numbers, current-line
// highlight, bracket matching, per-dialect highlighting (SqlHighlighter), auto-indent,
// comment toggling (Ctrl+/), zoom (Ctrl +/-/0, Ctrl+wheel), an error mark (wavy underline
// and a red line number) and a completion popup fed by a provider the owner sets
// (Ctrl+Space, or by itself after '.' and after two typed letters).
// Keys while the popup is open: Tab accepts the highlighted entry; Enter accepts it only when
// the user asked for the popup (Ctrl+Space) or moved in it (Up/Down/Page keys) — a popup that
// opened by itself never takes Enter, which closes it and starts a new line; Escape closes it.
// Positions are QString indexes into toPlainText(), the same the executor reports.

#include "exec/completioncatalog.h"
#include "exec/sqllexer.h"

#include <QPlainTextEdit>
#include <QTextCursor>
#include <functional>

class QCompleter;
class QStandardItemModel;

namespace strata::ui {

class SqlHighlighter;

class SqlEditor : public QPlainTextEdit {
    Q_OBJECT
public:
    explicit SqlEditor(exec::DialectKind dialect, QWidget *parent = nullptr);

    void setDialect(exec::DialectKind dialect);
    /// Turns the SQL highlighting off (e.g. for a Python file shown with its own highlighter).
    void setSqlHighlighting(bool on);
    exec::DialectKind dialect() const { return m_dialect; }

    /// Marks an error at character `offset` (to the end of its word) and scrolls to it.
    void markError(int offset, const QString &message);
    void clearErrorMark();
    int errorLine() const { return m_errorLine; }

    /// Computes completion items at `cursor`; sets `replaceStart` to where the typed word begins.
    using CompletionProvider = std::function<QList<exec::CompletionItem>(const QString &text, int cursor, int *replaceStart)>;
    void setCompletionProvider(CompletionProvider provider) { m_provider = std::move(provider); }
    /// Opens the popup now (Ctrl+Space); also called when columns arrive for a table.
    void showCompletion(bool explicitRequest = true);
    QCompleter *completer() const { return m_completer; }
    /// True when Enter would accept the popup's entry (opened by Ctrl+Space, or moved in).
    bool completionEngaged() const { return m_completionExplicit || m_completionMoved; }

    void toggleComment();
    /// Snippet placeholders (start, length) in the text: the first is selected; Tab and
    /// Shift+Tab select the next and previous (the ranges follow edits); Tab after the last,
    /// or Escape, ends the snippet.
    void setSnippetFields(const QList<QPair<int, int>> &fields);
    void zoomBy(int steps);
    void resetZoom();
    int lineNumberAreaWidth() const;
    void paintLineNumbers(QPaintEvent *event);

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void focusInEvent(QFocusEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void updateExtraSelections();
    void insertCompletion(const QString &text);
    bool handleCompleterKey(QKeyEvent *event);
    bool handleSnippetKey(QKeyEvent *event);
    void selectSnippetField(int index);
    void autoIndentNewline();
    QList<QTextEdit::ExtraSelection> bracketSelections() const;

    exec::DialectKind m_dialect;
    SqlHighlighter *m_highlighter;
    QWidget *m_lineArea;
    QCompleter *m_completer;
    QStandardItemModel *m_completionModel;
    CompletionProvider m_provider;
    int m_completionStart = 0;
    bool m_completionExplicit = false;   // the popup was asked for (Ctrl+Space)
    bool m_completionMoved = false;      // the user moved the popup's selection
    int m_errorOffset = -1;
    int m_errorLength = 0;
    int m_errorLine = -1;
    QString m_errorMessage;
    int m_baseFontSize = 0;
    // Each placeholder as (start, end) cursors that move with edits: the start stays before
    // text typed at it, the end moves after it.
    QList<QPair<QTextCursor, QTextCursor>> m_snippetFields;
    int m_snippetField = -1;
};

} // namespace strata::ui
