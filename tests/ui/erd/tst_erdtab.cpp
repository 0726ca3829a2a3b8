// The diagram tab on SQLite, driven as a person does: it draws the demo database, boxes
// dragged with the mouse keep their place (also in a new tab), a refresh after another
// tool's ALTER keeps positions and adds/removes exactly what changed, find, double click,
// densities, hops, exports that parse; and the tree's context menu opens it.

#include "../journey/journey.h"
#include "demo/demodatabase.h"
#include "erd/edgeitem.h"
#include "erd/erdexport.h"
#include "erd/erdminimap.h"
#include "erd/erdscene.h"
#include "erd/erdtab.h"
#include "erd/erdview.h"
#include "designer/tabledesignertab.h"
#include "erd/tableitem.h"
#include "support/connectionspecs.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QTableWidget>
#include <QXmlStreamReader>

using namespace strata;
using namespace strata::ui;
using namespace strata::test;
using namespace Qt::StringLiterals;

class TestErdTab : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void drawsTheDemo();
    void draggedBoxesAreRemembered();
    void refreshAfterOutsideAlter();
    void findHighlightsAndDoubleClickOpens();
    void densities();
    void hops();
    void exportsParse();
    void minimapMovesTheView();
    void openedFromTheTree();
    void selectedTablesFromTheTree();
    void addTableAndColumnThroughTheDesigner();
};

namespace {

QString demoCopy(const QString &name)
{
    const QString path = tempPath(name + u".db"_s);
    if (!demo::installDemoDatabase(path).ok())
        return {};
    return path;
}

std::unique_ptr<ErdTab> openTab(const QString &path, erd::DiagramRequest request = {u"main"_s, {}, {}, -1})
{
    auto tab = std::make_unique<ErdTab>(sqliteSpec(path), 1, std::move(request));
    tab->resize(1100, 700);
    tab->show();
    QSignalSpy ready(tab.get(), &ErdTab::ready);
    if (!ready.wait(30000))
        return nullptr;
    return tab;
}

erd::TableKey mainKey(const QString &name)
{
    return {u"main"_s, name};
}

QStringList names(const ErdScene *scene)
{
    QStringList out;
    for (const erd::DiagramTable &t : scene->diagram().tables)
        out << t.key.name;
    return out;
}

bool noOverlaps(const ErdScene *scene)
{
    const QList<TableItem *> items = scene->tableItems();
    for (int i = 0; i < items.size(); ++i)
        for (int j = i + 1; j < items.size(); ++j)
            if (items[i]->sceneBox().intersects(items[j]->sceneBox())) {
                qWarning() << "overlap:" << items[i]->title() << items[j]->title();
                return false;
            }
    return true;
}

/// Drags the box's header by `delta` with real mouse events on the view.
void drag(ErdView *view, TableItem *item, QPoint delta)
{
    const QPoint from = view->mapFromScene(item->sceneBox().topLeft() + QPointF(30, 10));
    QWidget *port = view->viewport();
    QTest::mousePress(port, Qt::LeftButton, {}, from);
    for (int step = 1; step <= 4; ++step) {
        const QPoint at = from + delta * step / 4;
        QMouseEvent move(QEvent::MouseMove, at, port->mapToGlobal(at), Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(port, &move);
    }
    QTest::mouseRelease(port, Qt::LeftButton, {}, from + delta);
}

/// Right-clicks the diagram at `at` (viewport coordinates) and chooses `entry` with the
/// keyboard, as in the tree. False when the menu had no such entry.
bool diagramMenu(ErdView *view, QPoint at, const QString &entry)
{
    return journey::contextMenuAt(view, at, entry);
}

} // namespace

void TestErdTab::drawsTheDemo()
{
    const auto tab = openTab(demoCopy(u"draw"_s));
    QVERIFY(tab);
    QCOMPARE(names(tab->scene()), (QStringList{u"addresses"_s, u"artists"_s, u"authors"_s, u"books"_s, u"tracks"_s, u"users"_s}));
    QCOMPARE(tab->scene()->edgeItems().size(), 3);
    QVERIFY(noOverlaps(tab->scene()));
    for (EdgeItem *e : tab->scene()->edgeItems()) {
        const QList<QPointF> &p = e->points();
        for (int i = 1; i < p.size(); ++i)
            QVERIFY(qFuzzyCompare(p[i].x(), p[i - 1].x()) || qFuzzyCompare(p[i].y(), p[i - 1].y()));
        QCOMPARE(p.first().y(), e->fromItem()->rowY(e->edge().fromColumns.first()));
    }
    // books references authors: dot ranks the parent left of the child.
    QVERIFY(tab->scene()->tableItem(mainKey(u"authors"_s))->sceneBox().right() < tab->scene()->tableItem(mainKey(u"books"_s))->x());
    QVERIFY(QFile::exists(tab->storePath()));
}

void TestErdTab::draggedBoxesAreRemembered()
{
    const QString path = demoCopy(u"drag"_s);
    QPointF moved;
    {
        const auto tab = openTab(path);
        QVERIFY(tab);
        tab->view()->actualSize();
        TableItem *books = tab->scene()->tableItem(mainKey(u"books"_s));
        tab->view()->centerOn(books);
        const QPointF before = books->pos();
        drag(tab->view(), books, QPoint(40, 90));
        QCOMPARE(books->pos(), before + QPointF(40, 90));
        moved = books->pos();
    }
    const auto again = openTab(path);
    QVERIFY(again);
    QCOMPARE(again->scene()->tableItem(mainKey(u"books"_s))->pos(), moved);
    QCOMPARE(again->messageLabel()->text(), u"As saved."_s);
}

void TestErdTab::refreshAfterOutsideAlter()
{
    const QString path = demoCopy(u"refresh"_s);
    const auto tab = openTab(path);
    QVERIFY(tab);
    const QHash<QString, erd::Placement> before = tab->scene()->placements();
    // Another tool changes the schema.
    QVERIFY(journey::execOn(path, {u"ALTER TABLE books ADD COLUMN subtitle TEXT"_s,
                                   u"CREATE TABLE reviews (id INTEGER PRIMARY KEY, book_id INTEGER NOT NULL REFERENCES books (id), stars INTEGER)"_s,
                                   u"DROP TABLE addresses"_s}).isEmpty());
    // A box is selected (clicked) while the refresh replaces every item.
    TableItem *selected = tab->scene()->tableItem(mainKey(u"books"_s));
    tab->view()->centerOn(selected);
    QTest::mouseClick(tab->view()->viewport(), Qt::LeftButton, {}, tab->view()->mapFromScene(selected->sceneBox().center()));
    QVERIFY(selected->isSelected());
    QSignalSpy ready(tab.get(), &ErdTab::ready);
    auto *refresh = tab->findChild<QToolButton *>(u"erdRefresh"_s);
    QVERIFY(refresh);
    QTest::mouseClick(refresh, Qt::LeftButton);
    QVERIFY(ready.wait(20000));
    QCOMPARE(names(tab->scene()), (QStringList{u"artists"_s, u"authors"_s, u"books"_s, u"reviews"_s, u"tracks"_s, u"users"_s}));
    const QHash<QString, erd::Placement> after = tab->scene()->placements();
    for (const QString &kept : {u"artists"_s, u"authors"_s, u"books"_s, u"tracks"_s, u"users"_s})
        QCOMPARE(after.value(mainKey(kept).id()).position, before.value(mainKey(kept).id()).position);
    QVERIFY(noOverlaps(tab->scene()));
    // The new table sits beside the one it references.
    const QRectF books = tab->scene()->tableItem(mainKey(u"books"_s))->sceneBox();
    const QRectF reviews = tab->scene()->tableItem(mainKey(u"reviews"_s))->sceneBox();
    QVERIFY(reviews.left() >= books.right());
    QCOMPARE(tab->scene()->edgeItems().size(), 3);   // addresses->users gone, reviews->books new
    QVERIFY(tab->scene()->tableItem(mainKey(u"books"_s))->isSelected());   // the selection survives
    QVERIFY(tab->scene()->tableItem(mainKey(u"reviews"_s))->isHighlighted());   // it references books
    QVERIFY(tab->scene()->tableItem(mainKey(u"books"_s))->table().columns.last().name == u"subtitle"_s);
    QCOMPARE(tab->messageLabel()->text(),
             u"Refreshed: 1 table(s) added, 1 table(s) removed, 1 table(s) changed, 1 foreign key(s) added, 1 foreign key(s) removed."_s);
    // Opening it again compares the saved diagram with the database: nothing since.
    const auto again = openTab(path);
    QVERIFY(again);
    QCOMPARE(again->messageLabel()->text(), u"As saved."_s);
    QCOMPARE(again->scene()->tableItem(mainKey(u"reviews"_s))->pos(), reviews.topLeft());
}

void TestErdTab::findHighlightsAndDoubleClickOpens()
{
    const auto tab = openTab(demoCopy(u"find"_s));
    QVERIFY(tab);
    QTest::keyClicks(tab->findEdit(), u"TRACK"_s);
    QTest::keyClick(tab->findEdit(), Qt::Key_Return);
    TableItem *tracks = tab->scene()->tableItem(mainKey(u"tracks"_s));
    QVERIFY(tracks->isSelected());
    QVERIFY(tracks->isHighlighted());
    QVERIFY(tab->scene()->tableItem(mainKey(u"artists"_s))->isHighlighted());   // it references artists
    QVERIFY(!tab->scene()->tableItem(mainKey(u"books"_s))->isHighlighted());
    QVERIFY(tab->view()->viewport()->rect().contains(tab->view()->mapFromScene(tracks->sceneBox().center())));
    QSignalSpy activated(tab.get(), &ErdTab::tableActivated);
    const QPoint at = tab->view()->mapFromScene(tracks->sceneBox().center());
    QTest::mouseDClick(tab->view()->viewport(), Qt::LeftButton, {}, at);
    QCOMPARE(activated.size(), 1);
    QCOMPARE(activated.first().at(1).value<erd::TableKey>(), mainKey(u"tracks"_s));
    tab->findEdit()->clear();
    QTest::keyClicks(tab->findEdit(), u"nothing"_s);
    QTest::keyClick(tab->findEdit(), Qt::Key_Return);
    QVERIFY(tab->messageLabel()->text().contains(u"No table matches"_s));
}

void TestErdTab::densities()
{
    const auto tab = openTab(demoCopy(u"density"_s));
    QVERIFY(tab);
    const qreal full = tab->scene()->tableItem(mainKey(u"books"_s))->sceneBox().height();
    QSignalSpy ready(tab.get(), &ErdTab::ready);
    tab->densityBox()->setCurrentIndex(1);   // keys only
    QVERIFY(ready.wait(20000));
    const qreal keys = tab->scene()->tableItem(mainKey(u"books"_s))->sceneBox().height();
    QCOMPARE(keys, TableItem::kHeader + 3 * TableItem::kRow + 6);   // id, author_id, isbn
    QVERIFY(keys < full);
    tab->densityBox()->setCurrentIndex(2);
    QVERIFY(ready.wait(20000));
    QCOMPARE(tab->scene()->tableItem(mainKey(u"books"_s))->sceneBox().height(), TableItem::kHeader);
    QVERIFY(noOverlaps(tab->scene()));
}

void TestErdTab::hops()
{
    const auto tab = openTab(demoCopy(u"hops"_s), {u"main"_s, {}, mainKey(u"books"_s), 1});
    QVERIFY(tab);
    QVERIFY(tab->hopsBox()->isVisible());
    QCOMPARE(names(tab->scene()), (QStringList{u"authors"_s, u"books"_s}));
    QSignalSpy ready(tab.get(), &ErdTab::ready);
    tab->hopsBox()->setFocus();
    QTest::keyClick(tab->hopsBox(), Qt::Key_Down);
    QVERIFY(ready.wait(20000));
    QCOMPARE(names(tab->scene()), QStringList{u"books"_s});
}

void TestErdTab::exportsParse()
{
    const auto tab = openTab(demoCopy(u"export"_s));
    QVERIFY(tab);
    const QRectF content = tab->scene()->contentRect();
    const QString png = tempPath(u"d.png"_s), svg = tempPath(u"d.svg"_s), pdf = tempPath(u"d.pdf"_s), json = tempPath(u"d.json"_s);
    QVERIFY(exportPng(tab->scene(), png, 2.0).ok());
    const QImage image(png);
    QCOMPARE(image.size(), (content.size() * 2.0).toSize());
    QVERIFY(image.pixelColor(image.width() / 2, image.height() / 2).isValid());
    QVERIFY(exportSvg(tab->scene(), svg, u"demo"_s).ok());
    QFile svgFile(svg);
    QVERIFY(svgFile.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&svgFile);
    QStringList texts;
    while (!xml.atEnd())
        if (xml.readNext() == QXmlStreamReader::StartElement && xml.name() == u"text"_s)
            texts << xml.readElementText(QXmlStreamReader::IncludeChildElements).trimmed();
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QVERIFY(texts.contains(u"books"_s));          // text stays text
    QVERIFY(texts.contains(u"author_id"_s));
    QVERIFY(exportPdf(tab->scene(), pdf, u"demo"_s).ok());
    QFile pdfFile(pdf);
    QVERIFY(pdfFile.open(QIODevice::ReadOnly));
    const QByteArray bytes = pdfFile.readAll();
    QVERIFY(bytes.startsWith("%PDF-"));
    const QRegularExpression mediaBox(u"/MediaBox \\[0 0 ([0-9.]+) ([0-9.]+)\\]"_s);
    const auto match = mediaBox.match(QString::fromLatin1(bytes));
    QVERIFY(match.hasMatch());
    QVERIFY(qAbs(match.captured(1).toDouble() - content.width()) < 1.5);
    QVERIFY(qAbs(match.captured(2).toDouble() - content.height()) < 1.5);
    QVERIFY(tab->document().save(json).ok());
    const Result<erd::DiagramDocument> doc = erd::DiagramDocument::load(json);
    QVERIFY(doc.ok());
    QCOMPARE(doc->diagram.tables.size(), 6);
    QCOMPARE(doc->placements.size(), 6);
    QCOMPARE(doc->placements.value(mainKey(u"books"_s).id()).position, tab->scene()->tableItem(mainKey(u"books"_s))->pos());
}

void TestErdTab::minimapMovesTheView()
{
    const auto tab = openTab(demoCopy(u"minimap"_s));
    QVERIFY(tab);
    ErdMinimap *minimap = tab->view()->minimap();
    QVERIFY(minimap && minimap->isVisible());
    tab->view()->setZoom(3.0);
    const QRectF content = tab->scene()->contentRect();
    tab->view()->centerOn(content.topLeft());
    // Click the minimap at a point of the diagram far from what the view shows.
    const QPointF target = content.topLeft() + QPointF(content.width() * 0.6, content.height() * 0.6);
    QTest::mouseClick(minimap->viewport(), Qt::LeftButton, {}, minimap->mapFromScene(target));
    const QPointF centre = tab->view()->mapToScene(tab->view()->viewport()->rect().center());
    QVERIFY2(QLineF(centre, target).length() < content.width() * 0.1,
             qPrintable(u"view centre %1,%2, clicked %3,%4"_s.arg(centre.x()).arg(centre.y()).arg(target.x()).arg(target.y())));
}

void TestErdTab::openedFromTheTree()
{
    const QString path = demoCopy(u"tree"_s);
    MainWindow window;
    window.show();
    const int id = journey::openDatabase(window, path);
    QVERIFY(id > 0);
    QTreeView *tree = window.treePanel()->view();
    QVERIFY(journey::contextMenu(tree, journey::connectionNode(window, id), u"Diagram…"_s));
    auto *tab = qobject_cast<ErdTab *>(window.tabs()->currentWidget());
    QVERIFY(tab);
    QVERIFY(QTest::qWaitFor([tab] { return tab->scene()->tableItems().size() == 6 && !tab->isBusy(); }, 30000));
    // Double-clicking a box opens its grid.
    TableItem *authors = tab->scene()->tableItem(mainKey(u"authors"_s));
    tab->view()->centerOn(authors);
    QTest::mouseDClick(tab->view()->viewport(), Qt::LeftButton, {}, tab->view()->mapFromScene(authors->sceneBox().center()));
    auto *grid = qobject_cast<GridTab *>(window.tabs()->currentWidget());
    QVERIFY(grid);
    // A table's context menu: its neighbourhood.
    const QModelIndex books = journey::waitForNode(window, u"books"_s);
    QVERIFY(books.isValid());
    QVERIFY(journey::contextMenu(tree, books, u"Neighbourhood…"_s));
    auto *near = qobject_cast<ErdTab *>(window.tabs()->currentWidget());
    QVERIFY(near && near != tab);
    QVERIFY(QTest::qWaitFor([near] { return near->scene()->tableItems().size() == 2 && !near->isBusy(); }, 30000));
    QCOMPARE(near->request().center, mainKey(u"books"_s));
}

void TestErdTab::selectedTablesFromTheTree()
{
    const QString path = demoCopy(u"selected"_s);
    MainWindow window;
    window.show();
    const int id = journey::openDatabase(window, path);
    QVERIFY(id > 0);
    QTreeView *tree = window.treePanel()->view();
    const QModelIndex books = journey::waitForNode(window, u"books"_s);
    const QModelIndex tracks = journey::waitForNode(window, u"tracks"_s);
    QVERIFY(books.isValid() && tracks.isValid());
    // Click books, Ctrl+click tracks, right-click one of them.
    tree->scrollTo(books);
    QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, tree->visualRect(books).center());
    tree->scrollTo(tracks);
    QTest::mouseClick(tree->viewport(), Qt::LeftButton, Qt::ControlModifier, tree->visualRect(tracks).center());
    QCOMPARE(window.treePanel()->selectedObjects().size(), 2);
    QVERIFY(journey::contextMenu(tree, tracks, u"ER diagram of selected tables (2)"_s));
    auto *tab = qobject_cast<ErdTab *>(window.tabs()->currentWidget());
    QVERIFY(tab);
    QVERIFY(QTest::qWaitFor([tab] { return !tab->isBusy() && tab->scene()->tableItems().size() == 2; }, 30000));
    QCOMPARE(names(tab->scene()), (QStringList{u"books"_s, u"tracks"_s}));
    QCOMPARE(tab->request().tables, (QList<erd::TableKey>{mainKey(u"books"_s), mainKey(u"tracks"_s)}));
    // A right-click on a table outside the selection is about that table alone: no entry.
    const QModelIndex users = journey::waitForNode(window, u"users"_s);
    QVERIFY(!journey::contextMenu(tree, users, u"ER diagram of selected tables (2)"_s));
}

void TestErdTab::addTableAndColumnThroughTheDesigner()
{
    const QString path = demoCopy(u"designer"_s);
    MainWindow window;
    window.show();
    const int id = journey::openDatabase(window, path);
    QVERIFY(id > 0);
    ErdTab *tab = window.openDiagram(id, erd::DiagramRequest{u"main"_s, {}, {}, -1});
    QVERIFY(tab);
    QVERIFY(QTest::qWaitFor([tab] { return !tab->isBusy() && tab->scene()->tableItems().size() == 6; }, 30000));
    tab->view()->fit();
    TableItem *authors = tab->scene()->tableItem(mainKey(u"authors"_s));
    const QPoint header = tab->view()->mapFromScene(authors->sceneBox().topLeft() + QPointF(20, 8));
    QVERIFY(diagramMenu(tab->view(), header, u"Add column…"_s));
    auto *designer = qobject_cast<TableDesignerTab *>(window.tabs()->currentWidget());
    QVERIFY(designer);
    QTRY_VERIFY_WITH_TIMEOUT(designer->isReady(), 20000);
    QCOMPARE(designer->nameEdit()->text(), u"authors"_s);
    QTRY_COMPARE(designer->columnsTable()->rowCount(), 5);   // its four, and the new one being named
    QCOMPARE(designer->columnsTable()->currentRow(), 4);

    window.tabs()->setCurrentWidget(tab);
    QPoint empty;
    for (int y = 10; y < tab->view()->viewport()->height() && empty.isNull(); y += 20)
        for (int x = 10; x < tab->view()->viewport()->width() && empty.isNull(); x += 20)
            if (!tab->view()->itemAt(QPoint(x, y)))
                empty = QPoint(x, y);
    QVERIFY(!empty.isNull());
    QVERIFY(diagramMenu(tab->view(), empty, u"New table here…"_s));
    auto *fresh = qobject_cast<TableDesignerTab *>(window.tabs()->currentWidget());
    QVERIFY(fresh && fresh != designer);
    QVERIFY(fresh->isNewTable());
    QVERIFY(!diagramMenu(tab->view(), empty, u"Add column…"_s));   // only on a box
}

STRATA_TEST_MAIN_GUI(TestErdTab)
#include "tst_erdtab.moc"
