#pragma once

// Driving the dashboard as a person does: right-click a node and pick from the menu that
// opens, click buttons, accept a confirmation by clicking its button. Screenshots go to
// $STRATA_SCREENSHOT_DIR when it is set (run under xvfb-run for real X windows).

#include <QAbstractItemView>
#include <QApplication>
#include <QContextMenuEvent>
#include <QDir>
#include <QImage>
#include <QMenu>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QTabBar>
#include <QTabWidget>
#include <QTest>
#include <QTimer>

namespace strata::test {

/// Right-clicks `index` in `view` and clicks the menu entry whose text (without '&') is `text`.
inline bool chooseFromContextMenu(QAbstractItemView *view, const QModelIndex &index, const QString &text)
{
    view->scrollTo(index);
    const QPoint pos = view->visualRect(index).center();
    bool chosen = false;
    QTimer poll;
    poll.setInterval(30);
    QObject::connect(&poll, &QTimer::timeout, &poll, [&] {
        auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
        if (!menu)
            return;
        poll.stop();
        for (QAction *a : menu->actions()) {
            if (QString(a->text()).remove(QLatin1Char('&')) == text && a->isEnabled()) {
                QTest::mouseClick(menu, Qt::LeftButton, {}, menu->actionGeometry(a).center());
                chosen = true;
                return;
            }
        }
        menu->close();
    });
    poll.start();
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, pos);
    QTest::mouseClick(view->viewport(), Qt::RightButton, {}, pos);
    if (!QTest::qWaitFor([&] { return chosen || !poll.isActive(); }, 300)) {
        // The platform did not turn the right click into a context menu event: send the one it sends.
        QContextMenuEvent event(QContextMenuEvent::Mouse, pos, view->viewport()->mapToGlobal(pos));
        QApplication::sendEvent(view->viewport(), &event);
    }
    (void)QTest::qWaitFor([&] { return chosen || !poll.isActive(); }, 3000);
    return chosen;
}

/// Clicks `button`, then the button named `confirmName` of the message box that opens.
inline bool clickAndConfirm(QAbstractButton *button, const QString &confirmName = QStringLiteral("confirmButton"))
{
    bool confirmed = false;
    QTimer poll;
    poll.setInterval(30);
    QObject::connect(&poll, &QTimer::timeout, &poll, [&] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box)
            return;
        poll.stop();
        if (auto *yes = box->findChild<QPushButton *>(confirmName)) {
            QTest::mouseClick(yes, Qt::LeftButton);
            confirmed = true;
        } else {
            box->reject();
        }
    });
    poll.start();
    QTest::mouseClick(button, Qt::LeftButton);
    (void)QTest::qWaitFor([&] { return confirmed || !poll.isActive(); }, 5000);
    return confirmed;
}

/// Clicks the tab titled `title` (prefix) of `tabs`.
inline bool clickTab(QTabWidget *tabs, const QString &title)
{
    QTabBar *bar = tabs->tabBar();
    for (int i = 0; i < bar->count(); ++i) {
        if (bar->tabText(i).remove(QLatin1Char('&')).startsWith(title)) {
            QTest::mouseClick(bar, Qt::LeftButton, {}, bar->tabRect(i).center());
            return tabs->currentIndex() == i;
        }
    }
    return false;
}

/// Saves `widget` as $STRATA_SCREENSHOT_DIR/<name>.png when that variable is set: the whole
/// X screen (`import -window root`) under xvfb-run, else the widget's own rendering.
inline void screenshot(QWidget *widget, const QString &name)
{
    const QString dir = qEnvironmentVariable("STRATA_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    QDir().mkpath(dir);
    QApplication::processEvents();
    const QString file = dir + QLatin1Char('/') + name + QStringLiteral(".png");
    if (QGuiApplication::platformName() == QLatin1String("xcb")) {
        QTest::qWait(300);   // let the X server show the last paint
        QProcess::execute(QStringLiteral("import"), {QStringLiteral("-window"), QStringLiteral("root"), file});
        return;
    }
    // 8-bit colours, as the other screenshots: a fraction of the size, no visible loss for a UI.
    widget->grab().toImage().convertToFormat(QImage::Format_Indexed8, Qt::ThresholdDither | Qt::AvoidDither)
        .save(file);
}

} // namespace strata::test
