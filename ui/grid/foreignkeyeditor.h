#pragma once

// The cell editor of a foreign-key column: a line edit whose completer lists the referenced
// table's keys with their display text ("42 — Ursula K. Le Guin"), searched on the server as
// the user types (ForeignKeyLookup, off the GUI thread, at most 100 rows). Choosing an entry
// puts its key in the cell; any typed value is still accepted (the save checks it).

#include "data/foreignkeylookup.h"

#include <QLineEdit>

class QCompleter;
class QStandardItemModel;
class QTimer;

namespace strata::ui {

class ForeignKeyEditor : public QLineEdit {
    Q_OBJECT
public:
    ForeignKeyEditor(connection::Connection *connection, const data::TableInfo &table, int column, QWidget *parent = nullptr);

    data::ForeignKeyLookup *lookup() const { return m_lookup; }
    /// The entries the completer offers now (for tests): "key — display".
    QStringList entries() const;
    QCompleter *lookupCompleter() const { return m_completer; }
    /// The value for the cell: the text when it is a listed key, else the key of the only
    /// entry listed (a name typed to search), else the text as typed.
    QString resolvedKey() const;

Q_SIGNALS:
    /// A search's results are in the completer.
    void entriesUpdated();

private:
    void showResults(const QString &text, const QList<data::LookupItem> &items);

    data::ForeignKeyLookup *m_lookup;
    QStandardItemModel *m_items;
    QCompleter *m_completer;
    QTimer *m_debounce;
};

} // namespace strata::ui
