#include "cellinputfeedback.h"

#include <QEvent>
#include <QLabel>
#include <QLineEdit>

namespace strata::ui {

CellInputFeedback *CellInputFeedback::attach(QLineEdit *editor, const QString &rule)
{
    return new CellInputFeedback(editor, rule);
}

CellInputFeedback *CellInputFeedback::of(const QLineEdit *editor)
{
    return editor ? editor->findChild<CellInputFeedback *>(QString(), Qt::FindDirectChildrenOnly) : nullptr;
}

CellInputFeedback::CellInputFeedback(QLineEdit *editor, const QString &rule)
    : QObject(editor)
    , m_editor(editor)
    , m_rule(rule)
    , m_plainStyle(editor->styleSheet())
{
    connect(editor, &QLineEdit::inputRejected, this, &CellInputFeedback::showRefusal);
    connect(editor, &QLineEdit::textChanged, this, &CellInputFeedback::clearIfAcceptable);
    editor->installEventFilter(this);
}

CellInputFeedback::~CellInputFeedback()
{
    delete m_note;   // a sibling of the editor (a child of the view's viewport)
}

QLabel *CellInputFeedback::note() const
{
    return m_note && m_note->isVisible() ? m_note.data() : nullptr;
}

void CellInputFeedback::showRefusal()
{
    m_editor->setStyleSheet(QStringLiteral("QLineEdit { border: 2px solid #c62828; background: #fdecea; }"));
    m_editor->setToolTip(m_rule);
    if (!m_editor->parentWidget())
        return;
    if (!m_note) {
        m_note = new QLabel(m_rule, m_editor->parentWidget());
        m_note->setObjectName(QStringLiteral("cellInputNote"));
        m_note->setWordWrap(true);
        m_note->setStyleSheet(QStringLiteral("QLabel { background: #fff4f4; color: #7f1d1d; border: 1px solid #c62828; "
                                             "border-radius: 3px; padding: 3px 6px; }"));
    }
    placeNote();
    m_note->show();
    m_note->raise();
}

void CellInputFeedback::placeNote()
{
    const QWidget *area = m_note->parentWidget();
    const QRect cell = m_editor->geometry();
    const int width = qBound(qMin(260, area->width()), cell.width(), area->width());
    m_note->setFixedWidth(width);
    const int height = m_note->heightForWidth(width);
    m_note->setFixedHeight(height > 0 ? height : m_note->sizeHint().height());
    const int x = qBound(0, cell.left(), qMax(0, area->width() - width));
    // Under the cell, or above it when the cell is near the bottom.
    const int y = cell.bottom() + 2 + m_note->height() <= area->height() ? cell.bottom() + 2 : qMax(0, cell.top() - 2 - m_note->height());
    m_note->move(x, y);
}

void CellInputFeedback::clearIfAcceptable()
{
    if (m_editor->hasAcceptableInput())
        clear();
}

void CellInputFeedback::clear()
{
    if (!m_note && m_editor->toolTip().isEmpty())
        return;
    m_editor->setStyleSheet(m_plainStyle);
    m_editor->setToolTip(QString());
    if (m_note)
        m_note->hide();
}

bool CellInputFeedback::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_editor && event->type() == QEvent::Hide)
        clear();   // the editor closed
    return QObject::eventFilter(watched, event);
}

} // namespace strata::ui
