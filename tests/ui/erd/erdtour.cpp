// erd-tour: the ER diagram's screenshots for the documentation, taken as a person sees them:
// a real X window under xvfb-run, `import -window root` (scripts/erd-screenshots.sh). Not a
// ctest test. The demo database's diagram is opened from the tree's context menu; the 2-hop
// neighbourhood needs the 2,000-table schema `strata_bench_erd` that `strata-bench erd`
// generates on the PostgreSQL server of STRATA_TEST_PG_URL (the script runs the bench first).

#include "../dashboard/dashboardtesting.h"
#include "../journey/journey.h"
#include "support/modalanswers.h"
#include "demo/demodatabase.h"
#include "erd/erdscene.h"
#include "erd/erdtab.h"
#include "erd/erdview.h"
#include "erd/foreignkeydialog.h"
#include "erd/tableitem.h"

#include <QComboBox>
#include <QLineEdit>

using namespace strata;
using namespace strata::ui;
using namespace strata::test;
using namespace Qt::StringLiterals;

class ErdTour : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void demoDiagram();
    void neighbourhoodOf2000();
    void foreignKeyProposal();
};

namespace {

ErdTab *waitForDiagram(MainWindow &window, int minimumTables)
{
    auto *tab = qobject_cast<ErdTab *>(window.tabs()->currentWidget());
    if (!tab || !QTest::qWaitFor([&] { return tab->scene()->tableItems().size() >= minimumTables && !tab->isBusy(); }, 60000))
        return nullptr;
    return tab;
}

} // namespace

void ErdTour::demoDiagram()
{
    const QString path = tempPath(u"demo.db"_s);
    QVERIFY(demo::installDemoDatabase(path).ok());
    MainWindow window;
    window.resize(1360, 860);
    window.show();
    const int id = journey::openDatabase(window, path);
    QVERIFY(id > 0);
    QVERIFY(journey::contextMenu(window.treePanel()->view(), journey::connectionNode(window, id), u"Diagram…"_s));
    ErdTab *tab = waitForDiagram(window, 6);
    QVERIFY(tab);
    tab->view()->fit();
    QTest::keyClicks(tab->findEdit(), u"books"_s);
    QTest::keyClick(tab->findEdit(), Qt::Key_Return);
    tab->view()->fit();
    screenshot(&window, u"erd-demo"_s);
}

void ErdTour::neighbourhoodOf2000()
{
    STRATA_REQUIRE_PG(url);
    MainWindow window;
    window.resize(1360, 860);
    window.show();
    const int id = journey::openDatabase(window, url);
    QVERIFY(id > 0);
    QVERIFY(window.openDiagram(id, erd::DiagramRequest{u"strata_bench_erd"_s, {}, {u"strata_bench_erd"_s, u"t1000"_s}, 2}));
    ErdTab *tab = waitForDiagram(window, 3);
    QVERIFY(tab);
    tab->densityBox()->setCurrentIndex(1);   // keys only: a neighbourhood is read for its keys
    QVERIFY(QTest::qWaitFor([tab] { return !tab->isBusy(); }, 60000));
    tab->view()->fit();
    QTest::keyClicks(tab->findEdit(), u"t1000"_s);
    QTest::keyClick(tab->findEdit(), Qt::Key_Return);
    tab->view()->fit();
    screenshot(&window, u"erd-neighbourhood-2000"_s);
}

void ErdTour::foreignKeyProposal()
{
    // Another tool added books.translator_id; the person draws its key to authors.
    const QString path = tempPath(u"demo-fk.db"_s);
    QVERIFY(demo::installDemoDatabase(path).ok());
    QCOMPARE(journey::execOn(path, {u"ALTER TABLE books ADD COLUMN translator_id INTEGER"_s}), QString());
    MainWindow window;
    window.resize(1360, 860);
    window.show();
    const int id = journey::openDatabase(window, path);
    QVERIFY(id > 0);
    QVERIFY(journey::contextMenu(window.treePanel()->view(), journey::connectionNode(window, id), u"Diagram…"_s));
    ErdTab *tab = waitForDiagram(window, 6);
    QVERIFY(tab);
    tab->view()->actualSize();
    TableItem *books = tab->scene()->tableItem({u"main"_s, u"books"_s});
    TableItem *authors = tab->scene()->tableItem({u"main"_s, u"authors"_s});
    tab->view()->centerOn(books->sceneBox().united(authors->sceneBox()).center());
    bool shown = false;
    whenModal<ForeignKeyDialog>([&](ForeignKeyDialog *dialog) {
        shown = true;
        dialog->onDeleteBox()->setCurrentText(u"SET NULL"_s);
        dialog->messageEdit()->setText(u"books have translators"_s);
        screenshot(&window, u"erd-foreign-key"_s);
        dialog->reject();
    });
    QWidget *port = tab->view()->viewport();
    const QPoint from = tab->view()->mapFromScene(QPointF(books->sceneBox().left() + 60, books->rowY(u"translator_id"_s)));
    const QPoint to = tab->view()->mapFromScene(authors->sceneBox().topLeft() + QPointF(40, 10));
    QTest::mousePress(port, Qt::LeftButton, {}, from);
    for (int step = 1; step <= 6; ++step) {
        const QPoint at = from + (to - from) * step / 6;
        QMouseEvent move(QEvent::MouseMove, at, port->mapToGlobal(at), Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(port, &move);
    }
    QTest::mouseRelease(port, Qt::LeftButton, {}, to);
    QVERIFY(QTest::qWaitFor([&] { return shown; }, 20000));
}

STRATA_TEST_MAIN_GUI(ErdTour)
#include "erdtour.moc"
