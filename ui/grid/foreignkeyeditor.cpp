#include "foreignkeyeditor.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QFontMetrics>
#include <QStandardItemModel>
#include <QTimer>

namespace strata::ui {

namespace {
constexpr int KeyTextRole = Qt::UserRole + 1;   // what choosing an entry puts in the cell
}

ForeignKeyEditor::ForeignKeyEditor(connection::Connection *connection, const data::TableInfo &table, int column, QWidget *parent)
    : QLineEdit(parent)
    , m_lookup(new data::ForeignKeyLookup(connection, table, column, this))
    , m_items(new QStandardItemModel(this))
    , m_completer(new QCompleter(m_items, this))
    , m_debounce(new QTimer(this))
{
    setFrame(false);
    setPlaceholderText(tr("type to search %1").arg(data::ForeignKeyLookup::foreignKeyOf(table, column)
                                                        .value_or(catalog::ForeignKeyInfo{}).referencedTable));
    // The server filtered already: show every row it sent, insert the key alone.
    m_completer->setCompletionMode(QCompleter::UnfilteredPopupCompletion);
    m_completer->setCompletionRole(KeyTextRole);
    m_completer->setMaxVisibleItems(12);
    setCompleter(m_completer);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(150);
    connect(m_debounce, &QTimer::timeout, this, [this] { m_lookup->search(text()); });
    connect(this, &QLineEdit::textEdited, m_debounce, qOverload<>(&QTimer::start));
    connect(m_lookup, &data::ForeignKeyLookup::resultsReady, this, &ForeignKeyEditor::showResults);
    m_lookup->search(QString());   // the first rows, before anything is typed
}

void ForeignKeyEditor::showResults(const QString &text, const QList<data::LookupItem> &items)
{
    m_items->clear();
    for (const data::LookupItem &item : items) {
        const QString key = item.key.toString();
        auto *row = new QStandardItem(item.display.isEmpty() ? key : key + QStringLiteral(" — ") + item.display);
        row->setData(key, KeyTextRole);
        row->setToolTip(item.display);
        m_items->appendRow(row);
    }
    if (items.size() == m_lookup->limit()) {
        auto *more = new QStandardItem(tr("… type to narrow the list (first %1 shown)").arg(m_lookup->limit()));
        more->setFlags(Qt::NoItemFlags);
        m_items->appendRow(more);
    }
    Q_UNUSED(text)
    // Wide enough for the names, not only the key column's width.
    int widest = width();
    const QFontMetrics metrics = m_completer->popup()->fontMetrics();
    for (int r = 0; r < m_items->rowCount(); ++r)
        widest = qMax(widest, metrics.horizontalAdvance(m_items->item(r)->text()) + 32);
    m_completer->popup()->setMinimumWidth(qMin(widest, 480));
    if (hasFocus() && !items.isEmpty())
        m_completer->complete();
    Q_EMIT entriesUpdated();
}

QString ForeignKeyEditor::resolvedKey() const
{
    QStringList keys;
    for (int r = 0; r < m_items->rowCount(); ++r)
        if (m_items->item(r)->flags() != Qt::NoItemFlags)
            keys << m_items->item(r)->data(KeyTextRole).toString();
    if (keys.contains(text()) || keys.size() != 1 || m_debounce->isActive())
        return text();
    return keys.first();
}

QStringList ForeignKeyEditor::entries() const
{
    QStringList out;
    for (int r = 0; r < m_items->rowCount(); ++r)
        if (m_items->item(r)->flags() != Qt::NoItemFlags)
            out << m_items->item(r)->text();
    return out;
}

} // namespace strata::ui
