#include "sqleditor.h"

#include "sqlhighlighter.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QFontDatabase>
#include <QKeyEvent>
#include <QPainter>
#include <QScrollBar>
#include <QStandardItemModel>
#include <QTextBlock>

namespace strata::ui {

namespace {

constexpr int kInsertRole = Qt::UserRole + 1;

class LineNumberArea : public QWidget {
public:
    explicit LineNumberArea(SqlEditor *editor) : QWidget(editor), m_editor(editor) {}
    QSize sizeHint() const override { return {m_editor->lineNumberAreaWidth(), 0}; }

protected:
    void paintEvent(QPaintEvent *event) override { m_editor->paintLineNumbers(event); }

private:
    SqlEditor *m_editor;
};

QString kindLabel(exec::CompletionItem::Kind kind)
{
    switch (kind) {
    case exec::CompletionItem::Kind::Keyword: return QObject::tr("keyword");
    case exec::CompletionItem::Kind::Schema: return QObject::tr("schema");
    case exec::CompletionItem::Kind::Table: return QObject::tr("table");
    case exec::CompletionItem::Kind::View: return QObject::tr("view");
    case exec::CompletionItem::Kind::Column: return QObject::tr("column");
    case exec::CompletionItem::Kind::Function: return QObject::tr("function");
    }
    return {};
}

} // namespace

SqlEditor::SqlEditor(exec::DialectKind dialect, QWidget *parent)
    : QPlainTextEdit(parent)
    , m_dialect(dialect)
    , m_highlighter(new SqlHighlighter(document(), dialect))
    , m_lineArea(new LineNumberArea(this))
    , m_completer(new QCompleter(this))
    , m_completionModel(new QStandardItemModel(this))
{
    QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    font.setPointSize(std::max(font.pointSize(), 10));
    setFont(font);
    m_baseFontSize = font.pointSize();
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setTabStopDistance(fontMetrics().horizontalAdvance(QLatin1Char(' ')) * 4);
    setObjectName(QStringLiteral("sqlEditor"));

    m_completer->setModel(m_completionModel);
    m_completer->setWidget(this);
    m_completer->setCompletionMode(QCompleter::UnfilteredPopupCompletion);
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_completer->setMaxVisibleItems(12);
    m_completer->popup()->setObjectName(QStringLiteral("completionPopup"));
    // Installed after the completer's own filter, so it sees the popup's keys first.
    m_completer->popup()->installEventFilter(this);
    connect(m_completer, QOverload<const QModelIndex &>::of(&QCompleter::activated), this,
            [this](const QModelIndex &index) { insertCompletion(index.data(kInsertRole).toString()); });

    connect(this, &QPlainTextEdit::blockCountChanged, this, [this] { setViewportMargins(lineNumberAreaWidth(), 0, 0, 0); });
    connect(this, &QPlainTextEdit::updateRequest, this, [this](const QRect &rect, int dy) {
        if (dy)
            m_lineArea->scroll(0, dy);
        else
            m_lineArea->update(0, rect.y(), m_lineArea->width(), rect.height());
    });
    connect(this, &QPlainTextEdit::cursorPositionChanged, this, &SqlEditor::updateExtraSelections);
    connect(document(), &QTextDocument::contentsChange, this, [this](int, int removed, int added) {
        if ((removed || added) && m_errorOffset >= 0)
            clearErrorMark();
    });
    setViewportMargins(lineNumberAreaWidth(), 0, 0, 0);
    updateExtraSelections();
}

void SqlEditor::setDialect(exec::DialectKind dialect)
{
    m_dialect = dialect;
    m_highlighter->setDialect(dialect);
}

void SqlEditor::setSqlHighlighting(bool on)
{
    m_highlighter->setDocument(on ? document() : nullptr);
}

int SqlEditor::lineNumberAreaWidth() const
{
    int digits = 1;
    for (int max = std::max(1, blockCount()); max >= 10; max /= 10)
        ++digits;
    return 12 + fontMetrics().horizontalAdvance(QLatin1Char('9')) * std::max(3, digits);
}

void SqlEditor::resizeEvent(QResizeEvent *event)
{
    QPlainTextEdit::resizeEvent(event);
    const QRect cr = contentsRect();
    m_lineArea->setGeometry(QRect(cr.left(), cr.top(), lineNumberAreaWidth(), cr.height()));
}

void SqlEditor::paintLineNumbers(QPaintEvent *event)
{
    QPainter painter(m_lineArea);
    painter.fillRect(event->rect(), palette().color(QPalette::AlternateBase).darker(103));
    QTextBlock block = firstVisibleBlock();
    int top = qRound(blockBoundingGeometry(block).translated(contentOffset()).top());
    int bottom = top + qRound(blockBoundingRect(block).height());
    const int current = textCursor().blockNumber();
    while (block.isValid() && top <= event->rect().bottom()) {
        if (block.isVisible() && bottom >= event->rect().top()) {
            const int number = block.blockNumber();
            QFont f = font();
            if (number == m_errorLine) {
                painter.fillRect(0, top, m_lineArea->width(), bottom - top, QColor(0xf8, 0xd0, 0xd0));
                painter.setPen(QColor(0xb0, 0x00, 0x00));
                f.setBold(true);
            } else {
                painter.setPen(number == current ? palette().color(QPalette::Text) : QColor(0x90, 0x90, 0x90));
            }
            painter.setFont(f);
            painter.drawText(0, top, m_lineArea->width() - 6, fontMetrics().height(), Qt::AlignRight, QString::number(number + 1));
        }
        block = block.next();
        top = bottom;
        bottom = top + qRound(blockBoundingRect(block).height());
    }
}

QList<QTextEdit::ExtraSelection> SqlEditor::bracketSelections() const
{
    const QString text = document()->toPlainText();
    const int pos = textCursor().position();
    static const QString open = QStringLiteral("([{");
    static const QString close = QStringLiteral(")]}");
    int at = -1;
    if (pos > 0 && (open.contains(text.at(pos - 1)) || close.contains(text.at(pos - 1))))
        at = pos - 1;
    else if (pos < text.size() && (open.contains(text.at(pos)) || close.contains(text.at(pos))))
        at = pos;
    if (at < 0)
        return {};
    const QChar c = text.at(at);
    const bool forward = open.contains(c);
    const QChar partner = forward ? close.at(open.indexOf(c)) : open.at(close.indexOf(c));
    int depth = 0;
    int match = -1;
    const int limit = 200000;
    for (int i = at, n = 0; i >= 0 && i < text.size() && n < limit; i += forward ? 1 : -1, ++n) {
        if (text.at(i) == c)
            ++depth;
        else if (text.at(i) == partner && --depth == 0) {
            match = i;
            break;
        }
    }
    QList<QTextEdit::ExtraSelection> out;
    for (int p : {at, match}) {
        if (p < 0)
            continue;
        QTextEdit::ExtraSelection sel;
        sel.cursor = QTextCursor(document());
        sel.cursor.setPosition(p);
        sel.cursor.setPosition(p + 1, QTextCursor::KeepAnchor);
        sel.format.setBackground(match >= 0 ? QColor(0xc8, 0xe6, 0xff) : QColor(0xff, 0xc8, 0xc8));
        sel.format.setFontWeight(QFont::Bold);
        out.append(sel);
    }
    return out;
}

void SqlEditor::updateExtraSelections()
{
    QList<QTextEdit::ExtraSelection> selections;
    QTextEdit::ExtraSelection line;
    line.format.setBackground(QColor(0xf2, 0xf6, 0xfc));
    line.format.setProperty(QTextFormat::FullWidthSelection, true);
    line.cursor = textCursor();
    line.cursor.clearSelection();
    selections.append(line);
    if (m_errorOffset >= 0) {
        QTextEdit::ExtraSelection error;
        error.cursor = QTextCursor(document());
        error.cursor.setPosition(std::min(m_errorOffset, document()->characterCount() - 1));
        error.cursor.setPosition(std::min(m_errorOffset + m_errorLength, document()->characterCount() - 1), QTextCursor::KeepAnchor);
        error.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
        error.format.setUnderlineColor(Qt::red);
        error.format.setBackground(QColor(0xff, 0xe8, 0xe8));
        error.format.setToolTip(m_errorMessage);
        selections.append(error);
    }
    selections.append(bracketSelections());
    setExtraSelections(selections);
    m_lineArea->update();
}

void SqlEditor::markError(int offset, const QString &message)
{
    const QString text = toPlainText();
    offset = std::clamp(offset, 0, int(text.size()));
    int end = offset;
    while (end < text.size() && exec::isIdentifierChar(text.at(end), m_dialect))
        ++end;
    m_errorOffset = offset;
    m_errorLength = std::max(1, end - offset);
    m_errorMessage = message;
    m_errorLine = document()->findBlock(offset).blockNumber();
    QTextCursor c(document());
    c.setPosition(offset);
    setTextCursor(c);
    ensureCursorVisible();
    updateExtraSelections();
}

void SqlEditor::clearErrorMark()
{
    m_errorOffset = -1;
    m_errorLine = -1;
    m_errorMessage.clear();
    updateExtraSelections();
}

void SqlEditor::toggleComment()
{
    QTextCursor c = textCursor();
    const int firstBlock = document()->findBlock(c.selectionStart()).blockNumber();
    int lastBlock = document()->findBlock(c.selectionEnd()).blockNumber();
    if (c.hasSelection() && lastBlock > firstBlock && document()->findBlock(c.selectionEnd()).position() == c.selectionEnd())
        --lastBlock;   // a selection ending at a line start does not take that line
    bool allCommented = true;
    int indent = INT_MAX;
    for (int b = firstBlock; b <= lastBlock; ++b) {
        const QString line = document()->findBlockByNumber(b).text();
        const QString trimmed = line.trimmed();
        if (trimmed.isEmpty())
            continue;
        allCommented = allCommented && trimmed.startsWith(QStringLiteral("--"));
        int lead = 0;
        while (lead < line.size() && line.at(lead).isSpace())
            ++lead;
        indent = std::min(indent, lead);
    }
    if (indent == INT_MAX)
        return;
    c.beginEditBlock();
    for (int b = firstBlock; b <= lastBlock; ++b) {
        const QTextBlock block = document()->findBlockByNumber(b);
        const QString line = block.text();
        if (line.trimmed().isEmpty())
            continue;
        QTextCursor edit(block);
        if (allCommented) {
            const int at = int(line.indexOf(QStringLiteral("--")));
            edit.setPosition(block.position() + at);
            const int length = line.mid(at, 3) == u"-- " ? 3 : 2;
            edit.setPosition(block.position() + at + length, QTextCursor::KeepAnchor);
            edit.removeSelectedText();
        } else {
            edit.setPosition(block.position() + indent);
            edit.insertText(QStringLiteral("-- "));
        }
    }
    c.endEditBlock();
}

void SqlEditor::zoomBy(int steps)
{
    QFont f = font();
    f.setPointSize(std::clamp(f.pointSize() + steps, 6, 48));
    setFont(f);
    setTabStopDistance(fontMetrics().horizontalAdvance(QLatin1Char(' ')) * 4);
    setViewportMargins(lineNumberAreaWidth(), 0, 0, 0);
}

void SqlEditor::resetZoom()
{
    zoomBy(m_baseFontSize - font().pointSize());
}

void SqlEditor::wheelEvent(QWheelEvent *event)
{
    if (event->modifiers() & Qt::ControlModifier) {
        zoomBy(event->angleDelta().y() > 0 ? 1 : -1);
        event->accept();
        return;
    }
    QPlainTextEdit::wheelEvent(event);
}

void SqlEditor::focusInEvent(QFocusEvent *event)
{
    m_completer->setWidget(this);
    QPlainTextEdit::focusInEvent(event);
}

void SqlEditor::autoIndentNewline()
{
    QTextCursor c = textCursor();
    const QString line = c.block().text();
    int lead = 0;
    while (lead < line.size() && (line.at(lead) == QLatin1Char(' ') || line.at(lead) == QLatin1Char('\t')))
        ++lead;
    QString indent = line.left(std::min(lead, c.positionInBlock()));
    const QString before = line.left(c.positionInBlock()).trimmed();
    if (before.endsWith(QLatin1Char('(')))
        indent += QStringLiteral("    ");
    c.insertText(QStringLiteral("\n") + indent);
    setTextCursor(c);
}

void SqlEditor::insertCompletion(const QString &text)
{
    if (text.isEmpty())
        return;
    QTextCursor c = textCursor();
    c.setPosition(m_completionStart);
    c.setPosition(textCursor().position(), QTextCursor::KeepAnchor);
    c.insertText(text);
    setTextCursor(c);
    m_completer->popup()->hide();
}

void SqlEditor::showCompletion(bool explicitRequest)
{
    if (!m_provider)
        return;
    int start = textCursor().position();
    const QList<exec::CompletionItem> items = m_provider(toPlainText(), textCursor().position(), &start);
    m_completionModel->clear();
    for (const exec::CompletionItem &item : items) {
        auto *row = new QStandardItem(item.text + QStringLiteral("   ") + kindLabel(item.kind)
                                      + (item.detail.isEmpty() ? QString() : QStringLiteral(" · ") + item.detail));
        row->setData(item.text, kInsertRole);
        row->setToolTip(item.detail);
        m_completionModel->appendRow(row);
    }
    m_completionStart = start;
    m_completionMoved = false;   // a new list: the entry the user moved to is gone
    if (explicitRequest)
        m_completionExplicit = true;
    else if (!m_completer->popup()->isVisible())
        m_completionExplicit = false;
    if (items.isEmpty() || (!explicitRequest && items.size() == 1 && items.first().text.compare(
                                toPlainText().mid(start, textCursor().position() - start), Qt::CaseInsensitive) == 0)) {
        m_completer->popup()->hide();
        return;
    }
    m_completer->setCompletionPrefix(QString());
    QRect rect = cursorRect();
    rect.setWidth(std::min(480, m_completer->popup()->sizeHintForColumn(0) + m_completer->popup()->verticalScrollBar()->sizeHint().width() + 16));
    m_completer->complete(rect);
    m_completer->popup()->setCurrentIndex(m_completer->completionModel()->index(0, 0));
}

bool SqlEditor::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_completer->popup()) {
        if (event->type() == QEvent::KeyPress) {
            switch (static_cast<QKeyEvent *>(event)->key()) {
            case Qt::Key_Up:
            case Qt::Key_Down:
            case Qt::Key_PageUp:
            case Qt::Key_PageDown: m_completionMoved = true; break;
            default: break;
            }
        } else if (event->type() == QEvent::Hide) {
            m_completionExplicit = false;
            m_completionMoved = false;
        }
    }
    return QPlainTextEdit::eventFilter(watched, event);
}

bool SqlEditor::handleCompleterKey(QKeyEvent *event)
{
    if (!m_completer->popup()->isVisible())
        return false;
    switch (event->key()) {
    case Qt::Key_Enter:
    case Qt::Key_Return:
        if (completionEngaged() && !(event->modifiers() & ~Qt::KeypadModifier)) {
            event->ignore();   // the completer inserts the entry the user chose
            return true;
        }
        // A popup that opened by itself does not take Enter: it closes, and the key does what
        // it does without a popup. Accepted, or the completer would insert its entry anyway.
        m_completer->popup()->hide();
        if (!(event->modifiers() & ~Qt::KeypadModifier))
            autoIndentNewline();
        else
            QPlainTextEdit::keyPressEvent(event);
        event->accept();
        return true;
    case Qt::Key_Escape:
    case Qt::Key_Tab:
    case Qt::Key_Backtab:
        event->ignore();   // the completer's popup takes these
        return true;
    default:
        return false;
    }
}

void SqlEditor::setSnippetFields(const QList<QPair<int, int>> &fields)
{
    m_snippetFields.clear();
    for (const auto &[start, length] : fields) {
        QTextCursor from(document());
        from.setPosition(start);
        from.setKeepPositionOnInsert(true);
        QTextCursor to(document());
        to.setPosition(start + length);
        m_snippetFields.append({from, to});
    }
    selectSnippetField(m_snippetFields.isEmpty() ? -1 : 0);
}

void SqlEditor::selectSnippetField(int index)
{
    m_snippetField = index;
    if (index < 0 || index >= m_snippetFields.size()) {
        m_snippetFields.clear();
        m_snippetField = -1;
        return;
    }
    const auto &[from, to] = m_snippetFields.at(index);
    QTextCursor cursor = textCursor();
    cursor.setPosition(from.position());
    cursor.setPosition(std::max(from.position(), to.position()), QTextCursor::KeepAnchor);
    setTextCursor(cursor);
}

bool SqlEditor::handleSnippetKey(QKeyEvent *event)
{
    if (m_snippetFields.isEmpty())
        return false;
    if (event->key() == Qt::Key_Escape) {
        selectSnippetField(-1);
        return false;   // Escape still does what it does
    }
    const bool back = event->key() == Qt::Key_Backtab
                      || (event->key() == Qt::Key_Tab && (event->modifiers() & Qt::ShiftModifier));
    if (event->key() != Qt::Key_Tab && event->key() != Qt::Key_Backtab)
        return false;
    const int next = m_snippetField + (back ? -1 : 1);
    if (next >= m_snippetFields.size()) {
        QTextCursor end = textCursor();
        end.setPosition(m_snippetFields.last().second.position());
        setTextCursor(end);   // after the last placeholder: the snippet is done
        selectSnippetField(-1);
    } else {
        selectSnippetField(std::max(next, 0));
    }
    return true;
}

void SqlEditor::keyPressEvent(QKeyEvent *event)
{
    if (handleCompleterKey(event))
        return;
    if (handleSnippetKey(event))
        return;
    const bool ctrl = event->modifiers() & Qt::ControlModifier;
    if (ctrl && event->key() == Qt::Key_Space) {
        showCompletion(true);
        return;
    }
    if (ctrl && (event->key() == Qt::Key_Slash)) {
        toggleComment();
        return;
    }
    if (ctrl && (event->key() == Qt::Key_Plus || event->key() == Qt::Key_Equal)) {
        zoomBy(1);
        return;
    }
    if (ctrl && event->key() == Qt::Key_Minus) {
        zoomBy(-1);
        return;
    }
    if (ctrl && event->key() == Qt::Key_0) {
        resetZoom();
        return;
    }
    if ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) && !(event->modifiers() & ~Qt::KeypadModifier)) {
        autoIndentNewline();
        return;
    }
    QPlainTextEdit::keyPressEvent(event);
    const QString typed = event->text();
    if (typed.isEmpty() || ctrl) {
        if (event->key() == Qt::Key_Backspace && m_completer->popup()->isVisible())
            showCompletion(false);
        return;
    }
    const QString text = toPlainText();
    int start = textCursor().position();
    while (start > 0 && exec::isIdentifierChar(text.at(start - 1), m_dialect))
        --start;
    const int typedWord = textCursor().position() - start;
    if (typed == QStringLiteral(".") || typedWord >= 2 || (m_completer->popup()->isVisible() && typedWord > 0))
        showCompletion(false);
    else
        m_completer->popup()->hide();
}

} // namespace strata::ui
