// The grid tab's foreign-key lookup editor and the updatable-view banner, driven offscreen
// on SQLite files: typing in an author_id cell searches the authors, choosing an entry
// puts its key in the cell; an updatable view offers "Edit anyway" and then saves through
// it. Screenshots of both go to the test's temp dir (docs/screenshots when asked).

#include "connection/connectionstring.h"
#include "data/tablemodel.h"
#include "grid/foreignkeyeditor.h"
#include "grid/gridtab.h"
#include "grid/gridview.h"
#include "support/scratchdatabase.h"
#include "support/testenvironment.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QLabel>
#include <QPainter>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QVBoxLayout>
#include <QtTest>

using namespace strata;
using namespace strata::ui;
using data::TableModel;

namespace {

QString makeDatabase(const QStringList &statements)
{
    static int counter = 0;
    const QString path = test::tempPath(QStringLiteral("lookup%1.db").arg(++counter));
    QSqlDatabase db = test::openTestDatabase(path);
    for (const QString &sql : statements) {
        QSqlQuery q(db);
        if (!q.exec(sql))
            qWarning() << sql << q.lastError().text();
    }
    test::closeTestDatabase(db);
    return path;
}

QString scalar(const QString &path, const QString &sql)
{
    return test::scalar(path, sql).toString();
}

GridTab *openTab(const QString &path, const QString &name, catalog::RelationKind kind, QWidget *parent)
{
    auto spec = connection::parseConnectionString(path);
    if (!spec)
        return nullptr;
    ObjectRef ref;
    ref.kind = NodeKind::Relation;
    ref.schema = QStringLiteral("main");
    ref.name = name;
    ref.relationKind = kind;
    auto *tab = new GridTab(*spec, ref, parent);
    QSignalSpy opened(tab, &GridTab::opened);
    if (!opened.wait(20000) || !opened.first().at(0).toBool())
        return nullptr;
    return tab;
}

const QStringList kLibrary = {
    QStringLiteral("CREATE TABLE authors (id INTEGER PRIMARY KEY, born INTEGER, name TEXT NOT NULL)"),
    QStringLiteral("INSERT INTO authors VALUES (1, 1929, 'Ursula K. Le Guin'), (2, 1920, 'Isaac Asimov'), (3, 1947, 'Octavia E. Butler'), "
                   "(4, 1932, 'Stanisław Lem'), (5, 1921, 'Italo Calvino'), (6, 1903, 'George Orwell'), (7, 1948, 'Terry Pratchett')"),
    QStringLiteral("CREATE TABLE books (id INTEGER PRIMARY KEY, title TEXT NOT NULL, author_id INTEGER REFERENCES authors (id), pages INTEGER)"),
    QStringLiteral("INSERT INTO books VALUES (1, 'The Dispossessed', 1, 387), (2, 'Foundation', 2, 255), (3, 'Kindred', 3, 264), "
                   "(4, 'Solaris', 4, 204), (5, 'Invisible Cities', 5, 165), (6, 'Nineteen Eighty-Four', 6, 328)"),
    QStringLiteral("CREATE VIEW long_books AS SELECT id, title, pages FROM books WHERE pages > 200"),
    QStringLiteral("CREATE TRIGGER long_books_update INSTEAD OF UPDATE ON long_books BEGIN "
                   "UPDATE books SET title = NEW.title, pages = NEW.pages WHERE id = OLD.id; END"),
};

void saveShot(const QImage &image, const QString &name)
{
    image.save(test::tempPath(name));
    const QByteArray dir = qgetenv("STRATA_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        image.save(QString::fromLocal8Bit(dir) + QLatin1Char('/') + name);
}

} // namespace

class TestGridLookup : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void foreignKeyEditorSearchesAndSets();
    void updatableViewBannerOptsIn();
};

void TestGridLookup::foreignKeyEditorSearchesAndSets()
{
    const QString path = makeDatabase(kLibrary);
    QWidget window;
    window.resize(900, 420);
    auto *layout = new QVBoxLayout(&window);
    layout->setContentsMargins(0, 0, 0, 0);
    GridTab *tab = openTab(path, QStringLiteral("books"), catalog::RelationKind::Table, &window);
    QVERIFY(tab);
    layout->addWidget(tab);
    window.show();
    TableModel *model = tab->model();
    QTRY_VERIFY_WITH_TIMEOUT(model->isTableRowLoaded(3), 10000);
    const QModelIndex cell = model->index(3, 2);   // Solaris' author_id
    tab->view()->setCurrentIndex(cell);
    tab->view()->edit(cell);
    auto *editor = tab->view()->viewport()->findChild<ForeignKeyEditor *>();
    QVERIFY(editor);
    QCOMPARE(editor->text(), QStringLiteral("4"));
    QTRY_COMPARE_WITH_TIMEOUT(editor->entries().size(), 7, 10000);
    QCOMPARE(editor->entries().first(), QStringLiteral("1 — Ursula K. Le Guin"));
    // The list as the editor opens, shown over the grid.
    editor->setFocus();
    QAbstractItemView *popup = editor->lookupCompleter()->popup();
    editor->lookupCompleter()->complete();
    QTRY_VERIFY(popup->isVisible());
    QImage shot = window.grab().toImage();
    {
        // The popup is a window of its own: paint it where it shows over the tab.
        QPainter painter(&shot);
        const QPoint at = window.mapFromGlobal(popup->mapToGlobal(QPoint(0, 0)));
        painter.drawImage(at, popup->grab().toImage());
    }
    saveShot(shot, QStringLiteral("grid-fk-lookup.png"));
    popup->hide();
    // Type to search: the server filters on key or name.
    editor->selectAll();
    QSignalSpy updated(editor, &ForeignKeyEditor::entriesUpdated);
    QTest::keyClicks(editor, QStringLiteral("ter"));
    QVERIFY2(updated.wait(10000), qPrintable(editor->text() + QStringLiteral(" visible %1").arg(editor->isVisible())));
    QCOMPARE(editor->entries(), QStringList({QStringLiteral("7 — Terry Pratchett")}));
    // Choosing an entry puts its key in the cell.
    QTRY_VERIFY(popup->isVisible());
    const QModelIndex pratchett = editor->lookupCompleter()->completionModel()->index(0, 0);
    QVERIFY(pratchett.data().toString().startsWith(QStringLiteral("7 ")));
    popup->setCurrentIndex(pratchett);
    QTest::keyClick(popup, Qt::Key_Return);
    QCOMPARE(editor->text(), QStringLiteral("7"));
    QTest::keyClick(editor, Qt::Key_Return);
    QTRY_COMPARE(model->pendingCount(), 1);
    QCOMPARE(model->data(cell, TableModel::RawRole).toLongLong(), 7);
    QSignalSpy saved(model, &TableModel::saveFinished);
    tab->saveAction()->trigger();
    QVERIFY(saved.wait(10000));
    QVERIFY(saved.first().at(0).toBool());
    QCOMPARE(scalar(path, QStringLiteral("SELECT author_id FROM books WHERE id = 4")), QStringLiteral("7"));
}

void TestGridLookup::updatableViewBannerOptsIn()
{
    const QString path = makeDatabase(kLibrary);
    QWidget window;
    window.resize(900, 300);
    auto *layout = new QVBoxLayout(&window);
    layout->setContentsMargins(0, 0, 0, 0);
    GridTab *tab = openTab(path, QStringLiteral("long_books"), catalog::RelationKind::View, &window);
    QVERIFY(tab);
    layout->addWidget(tab);
    window.show();
    TableModel *model = tab->model();
    QVERIFY(!model->isEditable());
    QVERIFY(tab->banner()->isVisible());
    QVERIFY(tab->banner()->text().contains(QStringLiteral("Edit anyway")));
    QVERIFY(!tab->saveAction()->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(model->isTableRowLoaded(0), 10000);
    saveShot(window.grab().toImage(), QStringLiteral("grid-view-banner.png"));
    QVERIFY(!model->setData(model->index(0, 1), QStringLiteral("refused")));
    QMetaObject::invokeMethod(tab->banner(), "linkActivated", Q_ARG(QString, QStringLiteral("editview")));
    QVERIFY(model->isEditable());
    QVERIFY(!tab->banner()->text().contains(QStringLiteral("Edit anyway")));
    QTRY_VERIFY_WITH_TIMEOUT(model->isTableRowLoaded(0), 10000);
    QVERIFY(model->setData(model->index(0, 1), QStringLiteral("The Dispossessed (2nd ed.)")));
    QSignalSpy saved(model, &TableModel::saveFinished);
    tab->saveAction()->trigger();
    QVERIFY(saved.wait(10000));
    QVERIFY2(saved.first().at(0).toBool(), qPrintable(saved.first().at(1).value<Error>().toString()));
    QCOMPARE(scalar(path, QStringLiteral("SELECT title FROM books WHERE id = 1")), QStringLiteral("The Dispossessed (2nd ed.)"));
}

STRATA_TEST_MAIN_GUI(TestGridLookup)
#include "tst_gridlookup.moc"
