#pragma once

// HistoryPanel: the statements this connection ran (HistoryStore), newest first, with a
// search box; double-click (or Enter) re-runs one, "Insert" puts it in the editor.

#include "exec/historystore.h"

#include <QWidget>

class QLineEdit;
class QListWidget;

namespace strata::ui {

class HistoryPanel : public QWidget {
    Q_OBJECT
public:
    explicit HistoryPanel(QWidget *parent = nullptr);

    void setEntries(const QList<exec::HistoryEntry> &entries);
    void append(const exec::HistoryEntry &entry);
    QLineEdit *searchEdit() const { return m_search; }
    QListWidget *list() const { return m_list; }

Q_SIGNALS:
    void rerunRequested(const QString &sql);
    void insertRequested(const QString &sql);

private:
    void refill();

    QList<exec::HistoryEntry> m_entries;
    QLineEdit *m_search;
    QListWidget *m_list;
};

} // namespace strata::ui
