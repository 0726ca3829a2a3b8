// strata-bench view --app: the whole main window, as the issue measured it by hand: open the
// database, double-click `books` in the tree, time until the grid paints its first rows, the
// memory from "tree only" to "grid open", and Ctrl+End right away (before the count ends).
// Under xvfb-run with QT_QPA_PLATFORM=xcb it runs in a real X window; --screenshot saves the
// window at the last rows.

#include "viewbench.h"

#include "data/tablemodel.h"
#include "grid/gridtab.h"
#include "grid/gridview.h"
#include "gridbenchraw.h"
#include "mainwindow/mainwindow.h"
#include "tree/objecttreepanel.h"
#include "viewprobes.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QMouseEvent>
#include <QTabWidget>
#include <QTextStream>
#include <QTreeView>

namespace strata::bench {

namespace {

QModelIndex findText(const QAbstractItemModel *model, const QString &text, const QModelIndex &parent = {})
{
    for (int row = 0; row < model->rowCount(parent); ++row) {
        const QModelIndex index = model->index(row, 0, parent);
        if (index.data().toString() == text)
            return index;
        if (const QModelIndex found = findText(model, text, index); found.isValid())
            return found;
    }
    return {};
}

void doubleClick(QWidget *viewport, const QPoint &at)
{
    const QPointF local(at);
    const QPointF global = viewport->mapToGlobal(local);
    for (QEvent::Type type : {QEvent::MouseButtonPress, QEvent::MouseButtonRelease, QEvent::MouseButtonDblClick, QEvent::MouseButtonRelease}) {
        QMouseEvent event(type, local, global, Qt::LeftButton, type == QEvent::MouseButtonRelease ? Qt::NoButton : Qt::LeftButton,
                          Qt::NoModifier);
        QApplication::sendEvent(viewport, &event);
    }
}

} // namespace

int runViewApp(const QString &location, const QString &screenshot, QTextStream &out)
{
    ui::MainWindow window;
    window.resize(1280, 800);
    window.show();
    if (!window.openLocation(location)) {
        out << "strata-bench view --app: cannot open " << location << '\n';
        return 1;
    }
    QTreeView *tree = window.treePanel()->view();
    if (!waitFor([tree] { return findText(tree->model(), QStringLiteral("books")).isValid(); }, 60000)) {
        out << "strata-bench view --app: the tree did not list books\n";
        return 1;
    }
    const QModelIndex books = findText(tree->model(), QStringLiteral("books"));
    tree->scrollTo(books);
    settle(1000);
    const double treeRss = memoryMb("VmRSS");
    ui::GridTab *tab = nullptr;
    PaintProbe probe([&tab] {
        if (!tab)
            return false;
        ui::GridView *view = tab->view();
        const int last = qMin(view->topModelRow() + view->pageRows() - 1, tab->model()->rowCount() - 1);
        return last >= 0 && tab->model()->index(view->topModelRow(), 0).data(data::TableModel::LoadedRole).toBool()
            && tab->model()->index(last, 0).data(data::TableModel::LoadedRole).toBool();
    });
    const double open = probe.measure([&] {
        doubleClick(tree->viewport(), tree->visualRect(books).center());
        tab = qobject_cast<ui::GridTab *>(window.tabs()->currentWidget());
        if (tab)
            probe.watch(tab->view()->viewport());
    });
    if (!tab || open < 0) {
        out << "strata-bench view --app: no rows painted after the double-click\n";
        return 1;
    }
    const double firstRss = memoryMb("VmRSS");
    // The window's focus widget (under Xvfb without a window manager no window is active).
    const bool focused = window.focusWidget() == tab->view();
    // At once, while the table is still being counted.
    const bool counted = tab->model()->countState() == data::TableModel::CountState::Exact;
    const double last = probe.measure([&] { pressKey(tab->view(), Qt::Key_End, Qt::ControlModifier); });
    settle(3000);
    const double settledRss = memoryMb("VmRSS");
    // Estimated row numbers ("≈") until the count and the key sampling are done.
    QElapsedTimer located;
    located.start();
    const bool exact = waitFor([tab] { return !tab->model()->hasApproximateRows() && tab->model()->boundariesComplete(); }, 600000);
    const double locatedMs = double(located.nsecsElapsed()) / 1e6 + 3000;
    if (!screenshot.isEmpty()) {
        probe.measure([] {});
        window.grab().save(screenshot);
    }
    out << "strata-bench view --app " << location << '\n'
        << "  double-click → first rows painted: " << QString::number(open, 'f', 1) << " ms\n"
        << "  keyboard focus in the grid: " << (focused ? "yes" : "no") << '\n'
        << "  Ctrl+End right after (count " << (counted ? "exact" : "not done") << ") → last rows painted: "
        << QString::number(last, 'f', 1) << " ms, top row " << tab->view()->topRow() + 1 << " of " << tab->view()->totalRows() << '\n'
        << "  memory: tree only " << QString::number(treeRss, 'f', 1) << " MiB → first rows " << QString::number(firstRss, 'f', 1)
        << " MiB → 3 s later " << QString::number(settledRss, 'f', 1) << " MiB\n"
        << "  exact row numbers (count and key sampling done) " << (exact ? "after " : "not after ")
        << QString::number(locatedMs / 1000.0, 'f', 1) << " s; memory then " << QString::number(memoryMb("VmRSS"), 'f', 1) << " MiB\n";
    return 0;
}

} // namespace strata::bench
