// Journey (issue 15 items 2 and 10): PostgreSQL char(n) rows and pgbench's tables edited in
// a real grid tab as a person does it — keys typed into the cell, Enter, Ctrl+S — then a
// conflict provoked by another connection, resolved with "Keep mine" from the context menu
// opened by a right click, and saved once. pgbench_history has no key: its rows save with
// the whole-row check, and a row another connection changed cannot be kept "mine".
// With STRATA_SCREENSHOT_DIR set, saves grid-conflict-keep-mine.png (the menu on the
// conflicting char(n) row) and grid-conflict-resolved.png there: under X (xvfb-run -a with
// QT_QPA_PLATFORM=xcb) the whole screen by `import -window root`, else the window's grab.

#include "connection/connectionstring.h"
#include "data/tablemodel.h"
#include "grid/gridtab.h"
#include "support/scratchdatabase.h"
#include "support/testenvironment.h"

#include <QAction>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPainter>
#include <QProcess>
#include <QSignalSpy>
#include <QSqlQuery>
#include "grid/gridview.h"
#include <QTimer>
#include <QUrl>
#include <QVBoxLayout>
#include <QtTest>

using namespace strata;
using namespace strata::ui;
using data::TableModel;

class TestJourneyChar : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void charRowSavedThenConflictKeptMine();
    void pgbenchAccountsFiller();
    void pgbenchHistoryWithoutKey();

private:
    struct Tab {
        std::unique_ptr<QWidget> window;
        GridTab *tab = nullptr;
        TableModel *model() const { return tab->model(); }
        GridView *view() const { return tab->view(); }
    };
    Tab openTab(const QString &table);
    QVariant scalar(const QString &sql);
    QString exec(const QString &sql);
    void type(Tab &t, const QModelIndex &index, const QString &text);
    bool save(Tab &t, Error *error);
    /// Right-clicks the cell, waits for the context menu and clicks the action whose text
    /// starts with `action`; `shot` names a screenshot taken with the menu open. Returns the
    /// texts of the menu's actions.
    QStringList chooseFromContextMenu(Tab &t, const QModelIndex &index, const QString &action, const QString &shot = {});
    void screenshot(QWidget *window, QMenu *menu, const QString &name);
    int rowWhere(TableModel *model, int column, const QString &text);

    std::unique_ptr<test::ScratchPgDatabase> m_pg;
    QSqlDatabase m_db;
    connection::ConnectionSpec m_spec;
};

void TestJourneyChar::initTestCase()
{
    STRATA_REQUIRE_PG(server);
    m_pg = std::make_unique<test::ScratchPgDatabase>(server);
    QVERIFY2(m_pg->error().isEmpty(), qPrintable(m_pg->error()));
    QString error;
    m_db = test::openTestDatabase(m_pg->url(), &error);
    QVERIFY2(m_db.isOpen(), qPrintable(error));
    QCOMPARE(exec(QStringLiteral("CREATE TABLE codes (id integer PRIMARY KEY, code character(22), note text)")), QString());
    QCOMPARE(exec(QStringLiteral("INSERT INTO codes VALUES (1, 'y', 'first'), (2, 'z', 'second'), (3, 'q', 'third')")), QString());

    // pgbench's own tables, made by pgbench itself: -i -s 1 (100,000 accounts), then a few
    // transactions so that pgbench_history (no key) has rows.
    const QString pgbin = qEnvironmentVariable("STRATA_PG_BIN", QStringLiteral("/usr/lib/postgresql/15/bin"));
    const QString pgbench = pgbin + QStringLiteral("/pgbench");
    QVERIFY2(QFile::exists(pgbench), qPrintable(pgbench + QStringLiteral(" is missing: scripts/install-deps.sh installs postgresql-15")));
    const QUrl url(m_pg->url());
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PGPASSWORD"), url.password());   // never on the command line
    const QStringList target{QStringLiteral("-h"), url.host(), QStringLiteral("-p"), QString::number(url.port(5432)),
                             QStringLiteral("-U"), url.userName()};
    for (const QStringList &args : {QStringList{QStringLiteral("-i"), QStringLiteral("-s"), QStringLiteral("1"), QStringLiteral("-q")},
                                    QStringList{QStringLiteral("-t"), QStringLiteral("20"), QStringLiteral("-c"), QStringLiteral("1")}}) {
        QProcess process;
        process.setProcessEnvironment(env);
        process.start(pgbench, args + target + QStringList{m_pg->name()});
        QVERIFY(process.waitForFinished(240000));
        QVERIFY2(process.exitCode() == 0, qPrintable(QString::fromUtf8(process.readAllStandardError())));
    }
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM pgbench_accounts")).toInt(), 100000);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM pgbench_history")).toInt(), 20);
    // pgbench leaves history.filler NULL: give the rows a padded char(22) value to check.
    QCOMPARE(exec(QStringLiteral("UPDATE pgbench_history SET filler = 'h' || tid")), QString());

    Result<connection::ConnectionSpec> spec = connection::parseConnectionString(m_pg->url());
    QVERIFY(spec);
    m_spec = spec.value();
}

void TestJourneyChar::cleanupTestCase()
{
    if (m_db.isValid())
        test::closeTestDatabase(m_db);
}

QVariant TestJourneyChar::scalar(const QString &sql)
{
    QSqlQuery q(m_db);
    if (!q.exec(sql) || !q.next())
        return QStringLiteral("<error: %1>").arg(q.lastError().text());
    return q.value(0);
}

QString TestJourneyChar::exec(const QString &sql)
{
    return test::execAll(m_db, {sql});
}

TestJourneyChar::Tab TestJourneyChar::openTab(const QString &table)
{
    Tab t;
    t.window = std::make_unique<QWidget>();
    auto *layout = new QVBoxLayout(t.window.get());
    layout->setContentsMargins(0, 0, 0, 0);
    ObjectRef ref;
    ref.kind = NodeKind::Relation;
    ref.schema = QStringLiteral("public");
    ref.name = table;
    t.tab = new GridTab(m_spec, ref, t.window.get());
    layout->addWidget(t.tab);
    t.window->resize(960, 480);
    t.window->show();
    QApplication::setActiveWindow(t.window.get());
    if (!QTest::qWaitForWindowActive(t.window.get()))
        qWarning("the window did not become active");
    QSignalSpy opened(t.tab, &GridTab::opened);
    if (!t.model()->isOpen() && !opened.wait(20000))
        t.tab = nullptr;
    else if (!QTest::qWaitFor([&] { return t.model()->isTableRowLoaded(0); }, 20000))
        t.tab = nullptr;
    return t;
}

int TestJourneyChar::rowWhere(TableModel *model, int column, const QString &text)
{
    for (int r = 0; r < model->rowCount(); ++r)
        if (model->index(r, column).data(TableModel::RawRole).toString() == text)
            return r;
    return -1;
}

void TestJourneyChar::type(Tab &t, const QModelIndex &index, const QString &text)
{
    // Select the cell, type over it (the first key opens the editor with the text selected,
    // the rest go to the editor), Enter.
    t.view()->setFocus();
    t.view()->setCurrentIndex(index);
    QTest::keyClick(t.view(), text.at(0).toLatin1());
    QLineEdit *editor = qobject_cast<QLineEdit *>(QApplication::focusWidget());
    QVERIFY2(editor, "typing into the cell did not open a line editor");
    QTest::keyClicks(editor, text.mid(1));
    QTest::keyClick(editor, Qt::Key_Return);
    QTRY_VERIFY(index.data(TableModel::CellChangedRole).toBool());
}

bool TestJourneyChar::save(Tab &t, Error *error)
{
    QSignalSpy finished(t.model(), &TableModel::saveFinished);
    QTest::keySequence(t.view(), QKeySequence::Save);   // Ctrl+S
    if (!finished.wait(30000)) {
        qWarning("Ctrl+S did not save");
        return false;
    }
    if (error)
        *error = finished.first().at(1).value<Error>();
    return finished.first().at(0).toBool();
}

void TestJourneyChar::screenshot(QWidget *window, QMenu *menu, const QString &name)
{
    // The window with the open menu painted where it is on screen.
    QImage image = window->grab().toImage();
    if (menu) {
        QPainter painter(&image);
        painter.drawPixmap(window->mapFromGlobal(menu->pos()), menu->grab());
    }
    image.save(test::tempPath(name));
    const QString dir = qEnvironmentVariable("STRATA_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    if (QGuiApplication::platformName() != QLatin1String("xcb")) {
        image.save(dir + QLatin1Char('/') + name);
        return;
    }
    // Under X (xvfb-run), the screen itself as the X server shows it, menu included.
    QTest::qWait(300);
    QProcess::execute(QStringLiteral("import"), {QStringLiteral("-window"), QStringLiteral("root"), dir + QLatin1Char('/') + name});
}

QStringList TestJourneyChar::chooseFromContextMenu(Tab &t, const QModelIndex &index, const QString &action, const QString &shot)
{
    QStringList texts;
    bool chosen = false;
    QTimer poll;
    poll.setInterval(20);
    connect(&poll, &QTimer::timeout, this, [&] {
        auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
        if (!menu || !menu->isVisible())
            return;
        poll.stop();
        for (QAction *a : menu->actions())
            if (!a->isSeparator())
                texts << a->text();
        if (!shot.isEmpty())
            screenshot(t.window.get(), menu, shot);
        for (QAction *a : menu->actions()) {
            if (a->text().startsWith(action) && a->isEnabled()) {
                QTest::mouseClick(menu, Qt::LeftButton, Qt::NoModifier, menu->actionGeometry(a).center());
                chosen = true;
                return;
            }
        }
        menu->close();
    });
    poll.start();
    // A right click on the cell, through the window, as the platform delivers it.
    const QRect cell = t.view()->visualRect(index);
    const QPoint inWindow = t.view()->viewport()->mapTo(t.window.get(), cell.center());
    QTest::mouseClick(t.window->windowHandle(), Qt::RightButton, Qt::NoModifier, inWindow);
    if (!QTest::qWaitFor([&] { return !poll.isActive(); }, 10000))
        qWarning("no context menu opened");
    if (!chosen)
        qWarning() << "no enabled action" << action << "in" << texts;
    return texts;
}

void TestJourneyChar::charRowSavedThenConflictKeptMine()
{
    Tab t = openTab(QStringLiteral("codes"));
    QVERIFY(t.tab);
    TableModel *model = t.model();
    QVERIFY(model->isEditable());
    const int code = 1;
    QCOMPARE(model->index(0, code).data(TableModel::RawRole).toString(), QStringLiteral("y").leftJustified(22));

    // Typed and saved: the padded value no longer reads as "changed on the server".
    type(t, model->index(0, code), QStringLiteral("mine"));
    Error error;
    QVERIFY2(save(t, &error), qPrintable(error.toString() + QLatin1Char('\n') + error.sql));
    QCOMPARE(scalar(QStringLiteral("SELECT code FROM codes WHERE id = 1")).toString(), QStringLiteral("mine").leftJustified(22));

    // Someone else changes row 2's code; our edit of it stops with a conflict.
    QTRY_VERIFY(model->isTableRowLoaded(1) && model->pendingCount() == 0);
    QCOMPARE(exec(QStringLiteral("UPDATE codes SET code = 'theirs' WHERE id = 2")), QString());
    const int row = rowWhere(model, 0, QStringLiteral("2"));
    QVERIFY(row >= 0);
    type(t, model->index(row, code), QStringLiteral("mine too"));
    QVERIFY(!save(t, &error));
    QCOMPARE(error.kind, ErrorKind::Conflict);
    QTRY_VERIFY(t.tab->banner()->isVisible() && t.tab->banner()->text().contains(QStringLiteral("Keep mine")));
    QCOMPARE(model->index(row, code).data(TableModel::RowStateRole).toInt(), int(TableModel::RowState::Failed));
    QVERIFY(model->index(row, code).data(Qt::ToolTipRole).toString().contains(QStringLiteral("theirs")));

    // Keep mine, from the context menu opened by a right click on the red row (its note, so
    // that the screenshot shows the failed code cell), then Ctrl+S once. The padded code
    // column is widened as a person would to read it.
    t.view()->horizontalHeader()->resizeSection(code, 230);
    t.view()->clearSelection();
    const QStringList actions = chooseFromContextMenu(t, model->index(row, code + 1), QStringLiteral("Keep mine"),
                                                      QStringLiteral("grid-conflict-keep-mine.png"));
    QVERIFY2(actions.contains(QStringLiteral("Keep mine (overwrite theirs on Save)")), qPrintable(actions.join(QLatin1Char('|'))));
    QTRY_COMPARE(model->index(row, code).data(TableModel::RowStateRole).toInt(), int(TableModel::RowState::Updated));
    QVERIFY2(save(t, &error), qPrintable(error.toString() + QLatin1Char('\n') + error.sql));
    QCOMPARE(model->pendingCount(), 0);
    QCOMPARE(scalar(QStringLiteral("SELECT code FROM codes WHERE id = 2")).toString(), QStringLiteral("mine too").leftJustified(22));
    QTRY_VERIFY(model->isTableRowLoaded(row));
    QTRY_COMPARE(model->index(row, code).data().toString(), QStringLiteral("mine too").leftJustified(22));
    t.view()->clearSelection();
    screenshot(t.window.get(), nullptr, QStringLiteral("grid-conflict-resolved.png"));
}

void TestJourneyChar::pgbenchAccountsFiller()
{
    Tab t = openTab(QStringLiteral("pgbench_accounts"));
    QVERIFY(t.tab);
    TableModel *model = t.model();
    QVERIFY(model->isEditable());
    const int filler = model->tableInfo().columnIndex(QStringLiteral("filler"));
    QCOMPARE(model->tableInfo().columns.at(filler).comparedType, QStringLiteral("character(84)"));
    type(t, model->index(0, filler), QStringLiteral("edited in the grid"));
    Error error;
    QVERIFY2(save(t, &error), qPrintable(error.toString() + QLatin1Char('\n') + error.sql));
    QCOMPARE(scalar(QStringLiteral("SELECT filler FROM pgbench_accounts WHERE aid = 1")).toString(),
             QStringLiteral("edited in the grid").leftJustified(84));

    // Another connection changes account 2's filler: conflict; Keep mine; one save.
    QTRY_VERIFY(model->isTableRowLoaded(1) && model->pendingCount() == 0);
    QCOMPARE(exec(QStringLiteral("UPDATE pgbench_accounts SET filler = 'theirs', abalance = abalance + 1 WHERE aid = 2")), QString());
    const int row = rowWhere(model, 0, QStringLiteral("2"));
    QVERIFY(row >= 0);
    type(t, model->index(row, filler), QStringLiteral("mine"));
    QVERIFY(!save(t, &error));
    QCOMPARE(error.kind, ErrorKind::Conflict);
    chooseFromContextMenu(t, model->index(row, filler), QStringLiteral("Keep mine"));
    QVERIFY2(save(t, &error), qPrintable(error.toString() + QLatin1Char('\n') + error.sql));
    QCOMPARE(model->pendingCount(), 0);
    QCOMPARE(scalar(QStringLiteral("SELECT trim(filler) || ':' || abalance FROM pgbench_accounts WHERE aid = 2")).toString(),
             QStringLiteral("mine:1"));
}

void TestJourneyChar::pgbenchHistoryWithoutKey()
{
    Tab t = openTab(QStringLiteral("pgbench_history"));
    QVERIFY(t.tab);
    TableModel *model = t.model();
    QCOMPARE(model->tableInfo().identity, data::RowIdentity::Ctid);
    QVERIFY(model->isEditable());
    QVERIFY(t.tab->banner()->text().contains(QStringLiteral("no primary key")));
    QTRY_VERIFY(model->countState() == TableModel::CountState::Exact);
    const int tid = model->tableInfo().columnIndex(QStringLiteral("tid"));
    const int delta = model->tableInfo().columnIndex(QStringLiteral("delta"));
    const int filler = model->tableInfo().columnIndex(QStringLiteral("filler"));
    const QString firstTid = model->index(0, tid).data(TableModel::RawRole).toString();
    const QString firstFiller = model->index(0, filler).data(TableModel::RawRole).toString();
    QCOMPARE(firstFiller, (QStringLiteral("h") + firstTid).leftJustified(22));

    // The whole row (timestamp, padded filler) must still match: it does, the save goes through.
    type(t, model->index(0, delta), QStringLiteral("4242"));
    Error error;
    QVERIFY2(save(t, &error), qPrintable(error.toString() + QLatin1Char('\n') + error.sql));
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM pgbench_history WHERE delta = 4242")).toInt(), 1);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM pgbench_history")).toInt(), 20);

    // Another connection changes a row: the check fires. The row moved to another ctid and
    // cannot be told from the others, so the menu offers Take theirs, not Keep mine.
    QTRY_VERIFY(model->isTableRowLoaded(1) && model->pendingCount() == 0);
    const QVariant mtime = model->index(1, model->tableInfo().columnIndex(QStringLiteral("mtime"))).data(TableModel::RawRole);
    QCOMPARE(exec(QStringLiteral("UPDATE pgbench_history SET delta = delta + 1 WHERE mtime = '%1'").arg(mtime.toString())), QString());
    type(t, model->index(1, delta), QStringLiteral("7"));
    QVERIFY(!save(t, &error));
    QCOMPARE(error.kind, ErrorKind::Conflict);
    const QStringList actions = chooseFromContextMenu(t, model->index(1, delta), QStringLiteral("Take theirs"));
    QVERIFY2(!actions.contains(QStringLiteral("Keep mine (overwrite theirs on Save)")), qPrintable(actions.join(QLatin1Char('|'))));
    QVERIFY2(actions.filter(QStringLiteral("cannot be found")).size() == 1, qPrintable(actions.join(QLatin1Char('|'))));
    QTRY_COMPARE(model->pendingCount(), 0);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM pgbench_history WHERE delta = 7")).toInt(), 0);
}

STRATA_TEST_MAIN_GUI(TestJourneyChar)
#include "tst_journeychar.moc"
