#include "shortcutsdialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QMenu>
#include <QMenuBar>
#include <QTableWidget>
#include <QSet>
#include <QVBoxLayout>
#include <functional>

namespace strata::ui {

namespace {

QString keysOf(const QAction *action)
{
    QStringList keys;
    for (const QKeySequence &key : action->shortcuts())
        keys << key.toString(QKeySequence::NativeText);
    return keys.join(QStringLiteral(", "));
}

QString plainText(QString text)
{
    return text.remove(QLatin1Char('&')).remove(QStringLiteral("…"));
}

} // namespace

ShortcutsDialog::ShortcutsDialog(QMenuBar *menus, QWidget *currentTab, const QString &tabName, QWidget *parent)
    : QDialog(parent)
    , m_table(new QTableWidget(0, 3, this))
{
    setWindowTitle(tr("Keyboard shortcuts"));
    m_table->setHorizontalHeaderLabels({tr("Where"), tr("Command"), tr("Keys")});
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    // The menus, one level of submenus included.
    std::function<void(QMenu *, const QString &)> walk = [&](QMenu *menu, const QString &where) {
        for (QAction *action : menu->actions()) {
            if (action->menu())
                walk(action->menu(), where + QStringLiteral(" › ") + plainText(action->text()));
            else if (!action->shortcuts().isEmpty())
                addRow(where, plainText(action->text()), keysOf(action));
        }
    };
    for (QAction *top : menus->actions())
        if (top->menu())
            walk(top->menu(), plainText(top->text()));
    if (currentTab) {
        QSet<QString> seen;
        for (QAction *action : currentTab->findChildren<QAction *>()) {
            const QString keys = keysOf(action);
            const QString what = plainText(action->text());
            if (keys.isEmpty() || what.isEmpty() || seen.contains(what + keys))
                continue;
            seen.insert(what + keys);
            addRow(tabName, what, keys);
        }
    }
    m_table->resizeColumnsToContents();
    m_table->horizontalHeader()->setStretchLastSection(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_table);
    layout->addWidget(buttons);
    resize(620, 520);
}

void ShortcutsDialog::addRow(const QString &where, const QString &what, const QString &keys)
{
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    m_table->setItem(row, 0, new QTableWidgetItem(where));
    m_table->setItem(row, 1, new QTableWidgetItem(what));
    m_table->setItem(row, 2, new QTableWidgetItem(keys));
}

} // namespace strata::ui
