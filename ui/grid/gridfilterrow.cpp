#include "gridfilterrow.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QAbstractScrollArea>
#include <QScrollBar>
#include <QToolButton>
#include <QVBoxLayout>

namespace strata::ui {

GridFilterRow::GridFilterRow(QHeaderView *header, QWidget *parent)
    : QWidget(parent)
    , m_header(header)
    , m_strip(new QWidget(this))
    , m_where(new QLineEdit(this))
{
    m_where->setPlaceholderText(tr("WHERE …  (SQL condition, applied on the server; Enter to apply)"));
    m_where->setClearButtonEnabled(true);
    connect(m_where, &QLineEdit::returnPressed, this, &GridFilterRow::applyRequested);
    auto *clearAll = new QToolButton(this);
    clearAll->setText(tr("Clear filters"));
    clearAll->setAutoRaise(true);
    connect(clearAll, &QToolButton::clicked, this, [this] {
        clear();
        Q_EMIT applyRequested();
    });
    auto *whereRow = new QHBoxLayout;
    whereRow->setContentsMargins(0, 0, 0, 0);
    auto *whereLabel = new QLabel(QStringLiteral("WHERE"), this);
    whereLabel->setStyleSheet(QStringLiteral("color: palette(mid); font-weight: 600"));
    whereRow->addWidget(whereLabel);
    whereRow->addWidget(m_where, 1);
    whereRow->addWidget(clearAll);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(whereRow);
    layout->addWidget(m_strip);
    m_strip->setFixedHeight(m_where->sizeHint().height());

    connect(header, &QHeaderView::sectionResized, this, &GridFilterRow::layoutEdits);
    connect(header, &QHeaderView::sectionMoved, this, &GridFilterRow::layoutEdits);
    connect(header, &QHeaderView::geometriesChanged, this, &GridFilterRow::layoutEdits);
    if (auto *view = qobject_cast<QAbstractScrollArea *>(header->parentWidget()))
        connect(view->horizontalScrollBar(), &QScrollBar::valueChanged, this, &GridFilterRow::layoutEdits);
}

void GridFilterRow::setColumns(const QStringList &names)
{
    qDeleteAll(m_edits);
    m_edits.clear();
    for (const QString &name : names) {
        auto *edit = new QLineEdit(m_strip);
        edit->setPlaceholderText(tr("filter"));
        edit->setToolTip(tr("Filter %1: text (contains), =value, !=value, <5, >=5, NULL, NOT NULL; Enter applies").arg(name));
        edit->setClearButtonEnabled(false);
        connect(edit, &QLineEdit::returnPressed, this, &GridFilterRow::applyRequested);
        edit->show();
        m_edits << edit;
    }
    layoutEdits();
}

data::GridSpec GridFilterRow::spec(const QList<data::SortKey> &sort) const
{
    data::GridSpec spec;
    for (int c = 0; c < m_edits.size(); ++c)
        if (auto filter = data::ColumnFilter::parse(c, m_edits.at(c)->text()))
            spec.filters << *filter;
    spec.where = m_where->text();
    spec.sort = sort;
    return spec;
}

void GridFilterRow::setSpec(const data::GridSpec &spec)
{
    clear();
    for (const data::ColumnFilter &f : spec.filters) {
        if (f.column < 0 || f.column >= m_edits.size())
            continue;
        static const char *const prefixes[] = {"", "=", "!=", "<", "<=", ">", ">="};
        QString text;
        if (f.op == data::FilterOp::IsNull)
            text = QStringLiteral("NULL");
        else if (f.op == data::FilterOp::IsNotNull)
            text = QStringLiteral("NOT NULL");
        else
            text = QString::fromLatin1(prefixes[int(f.op)]) + f.value;
        m_edits.at(f.column)->setText(text);
    }
    m_where->setText(spec.where);
}

void GridFilterRow::clear()
{
    for (QLineEdit *e : m_edits)
        e->clear();
    m_where->clear();
}

void GridFilterRow::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    layoutEdits();
}

void GridFilterRow::layoutEdits()
{
    // Where the header's viewport starts, in the strip (after the row-number column).
    const int offset = m_strip->mapFromGlobal(m_header->viewport()->mapToGlobal(QPoint(0, 0))).x();
    for (int c = 0; c < m_edits.size(); ++c) {
        QLineEdit *edit = m_edits.at(c);
        if (m_header->isSectionHidden(c)) {
            edit->hide();
            continue;
        }
        const int x = offset + m_header->sectionViewportPosition(c);
        const int width = m_header->sectionSize(c);
        const bool visible = x + width > offset && x < offset + m_header->viewport()->width();
        edit->setVisible(visible);
        edit->setGeometry(x, 0, width, m_strip->height());
    }
}

} // namespace strata::ui
