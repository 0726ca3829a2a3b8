// PendingWorkGuard on tabs whose PendingWork is scripted: nothing pending goes on at once;
// one prompt for all tabs; Cancel keeps everything; Discard drops every tab's work; Save
// waits for every (asynchronous) save without a nested event loop, stops on a failure (with
// a message) or a cancel (quietly), and asks again about work that appeared meanwhile.

#include "widgets/pendingworkguard.h"
#include "support/testenvironment.h"

#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTimer>
#include <QtTest>

using namespace strata;
using namespace strata::ui;

namespace {

/// A tab with `pending` lines of work; its save answers `outcome` after `delayMs`.
struct FakeTab {
    QWidget widget;
    QStringList pending;
    Status outcome;
    int delayMs = 50;
    int saves = 0;
    int discards = 0;
    std::function<void()> whileSaving;   // runs when the save starts

    explicit FakeTab(QStringList work) : pending(std::move(work))
    {
        PendingWork::Hooks hooks;
        hooks.describe = [this](PendingWorkScope) { return pending; };
        hooks.save = [this](PendingWorkScope, PendingWork::SaveDone done) {
            ++saves;
            if (whileSaving)
                whileSaving();
            QTimer::singleShot(delayMs, &widget, [this, done] {
                if (outcome.ok())
                    pending.clear();
                done(outcome);
            });
        };
        hooks.discard = [this](PendingWorkScope) {
            ++discards;
            pending.clear();
        };
        new PendingWork(&widget, std::move(hooks));
    }
};

PendingWorkGuard *start(QWidget &window, const QList<QWidget *> &tabs, bool *proceeded)
{
    PendingWorkGuard::Request request{QStringLiteral("Close"), tabs, PendingWorkScope::CloseTab,
                                      [](QWidget *tab) { return tab->objectName(); }, {}};
    return PendingWorkGuard::start(&window, request, [proceeded] { *proceeded = true; });
}

void press(PendingWorkGuard *guard, QMessageBox::StandardButton button)
{
    QVERIFY(guard && guard->prompt());
    guard->prompt()->button(button)->click();
}

} // namespace

class TestPendingWorkGuard : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void nothingPendingGoesOnAtOnce();
    void cancelKeepsEverything();
    void discardDropsAll();
    void saveWaitsForAllSaves();
    void failedSaveStopsAndSaysWhy();
    void cancelledSaveStopsQuietly();
    void workAddedWhileSavingIsAskedAbout();
};

void TestPendingWorkGuard::nothingPendingGoesOnAtOnce()
{
    QWidget window;
    FakeTab a({});
    bool proceeded = false;
    QCOMPARE(start(window, {&a.widget}, &proceeded), nullptr);
    QVERIFY(proceeded);
}

void TestPendingWorkGuard::cancelKeepsEverything()
{
    QWidget window;
    window.show();
    FakeTab a({QStringLiteral("3 unsaved changes")});
    a.widget.setObjectName(QStringLiteral("books"));
    FakeTab b({});
    bool proceeded = false;
    PendingWorkGuard *guard = start(window, {&a.widget, &b.widget}, &proceeded);
    QVERIFY(guard);
    QVERIFY(guard->prompt()->text().contains(QStringLiteral("books")));   // one tab: named
    QVERIFY(guard->prompt()->informativeText().contains(QStringLiteral("3 unsaved changes")));
    QSignalSpy finished(guard, &PendingWorkGuard::finished);
    press(guard, QMessageBox::Cancel);
    QCOMPARE(finished.size(), 1);
    QCOMPARE(finished.first().first().toBool(), false);
    QVERIFY(!proceeded);
    QCOMPARE(a.saves + a.discards, 0);
}

void TestPendingWorkGuard::discardDropsAll()
{
    QWidget window;
    window.show();
    FakeTab a({QStringLiteral("x")});
    FakeTab b({QStringLiteral("y")});
    bool proceeded = false;
    PendingWorkGuard *guard = start(window, {&a.widget, &b.widget}, &proceeded);
    QVERIFY(guard->prompt()->text().contains(QStringLiteral("2 tabs")));
    press(guard, QMessageBox::Discard);
    QVERIFY(proceeded);
    QCOMPARE(a.discards, 1);
    QCOMPARE(b.discards, 1);
    QCOMPARE(a.saves + b.saves, 0);
}

void TestPendingWorkGuard::saveWaitsForAllSaves()
{
    QWidget window;
    window.show();
    FakeTab a({QStringLiteral("x")});
    FakeTab b({QStringLiteral("y")});
    b.delayMs = 300;
    bool proceeded = false;
    PendingWorkGuard *guard = start(window, {&a.widget, &b.widget}, &proceeded);
    QSignalSpy saving(guard, &PendingWorkGuard::savingStarted);
    press(guard, QMessageBox::Save);
    // Back in the event loop at once: the saves run while the window stays responsive.
    QCOMPARE(saving.size(), 1);
    QVERIFY(!proceeded);
    QCOMPARE(a.saves, 1);
    QCOMPARE(b.saves, 1);
    QTRY_VERIFY(a.pending.isEmpty());
    QVERIFY(!proceeded);   // b is still saving
    QTRY_VERIFY(proceeded);
}

void TestPendingWorkGuard::failedSaveStopsAndSaysWhy()
{
    QWidget window;
    window.show();
    FakeTab a({QStringLiteral("x")});
    a.widget.setObjectName(QStringLiteral("books"));
    a.outcome = Error(ErrorKind::Constraint, QStringLiteral("pages must be > 0"));
    FakeTab b({QStringLiteral("y")});
    bool proceeded = false;
    PendingWorkGuard *guard = start(window, {&a.widget, &b.widget}, &proceeded);
    QSignalSpy failed(guard, &PendingWorkGuard::saveFailed);
    QSignalSpy finished(guard, &PendingWorkGuard::finished);
    press(guard, QMessageBox::Save);
    QVERIFY(finished.wait(5000));
    QCOMPARE(finished.first().first().toBool(), false);
    QVERIFY(!proceeded);
    QCOMPARE(failed.size(), 1);
    QCOMPARE(failed.first().first().value<QWidget *>(), &a.widget);
    auto *message = window.findChild<QMessageBox *>(QStringLiteral("pendingWorkError"));
    QVERIFY(message);
    QVERIFY(message->informativeText().contains(QStringLiteral("pages must be &gt; 0")));
    QCOMPARE(a.pending, QStringList{QStringLiteral("x")});
}

void TestPendingWorkGuard::cancelledSaveStopsQuietly()
{
    QWidget window;
    window.show();
    FakeTab a({QStringLiteral("x")});
    a.outcome = Error(ErrorKind::Cancelled, QStringLiteral("no file chosen"));
    bool proceeded = false;
    PendingWorkGuard *guard = start(window, {&a.widget}, &proceeded);
    QSignalSpy finished(guard, &PendingWorkGuard::finished);
    press(guard, QMessageBox::Save);
    QVERIFY(finished.wait(5000));
    QVERIFY(!proceeded);
    QVERIFY(!window.findChild<QMessageBox *>(QStringLiteral("pendingWorkError")));
}

void TestPendingWorkGuard::workAddedWhileSavingIsAskedAbout()
{
    QWidget window;
    window.show();
    FakeTab a({QStringLiteral("x")});
    FakeTab b({});
    a.whileSaving = [&b] { b.pending = {QStringLiteral("typed while saving")}; };
    bool proceeded = false;
    PendingWorkGuard *guard = start(window, {&a.widget, &b.widget}, &proceeded);
    press(guard, QMessageBox::Save);
    QTRY_VERIFY(guard->prompt() != nullptr);   // asked again, about b only
    QVERIFY(guard->prompt()->informativeText().contains(QStringLiteral("typed while saving")));
    QVERIFY(!proceeded);
    press(guard, QMessageBox::Discard);
    QVERIFY(proceeded);
    QCOMPARE(b.discards, 1);
}

STRATA_TEST_MAIN_GUI(TestPendingWorkGuard)
#include "tst_pendingworkguard.moc"
