#pragma once

// Help › Keyboard shortcuts: every shortcut of the window's menus, and those of the tab in
// front (its panel actions), read from the actions themselves so the list never goes stale.

#include <QDialog>

class QMenuBar;
class QTableWidget;

namespace strata::ui {

class ShortcutsDialog : public QDialog {
    Q_OBJECT
public:
    /// `currentTab` may be nullptr (no tab open).
    ShortcutsDialog(QMenuBar *menus, QWidget *currentTab, const QString &tabName, QWidget *parent = nullptr);

    QTableWidget *table() const { return m_table; }

private:
    void addRow(const QString &where, const QString &what, const QString &keys);

    QTableWidget *m_table;
};

} // namespace strata::ui
