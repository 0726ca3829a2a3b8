#include "selftest.h"

#include "data/tablemodel.h"
#include "demo/demodatabase.h"
#include "grid/gridtab.h"
#include "mainwindow/mainwindow.h"
#include "tree/objecttreemodel.h"

#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QLabel>
#include <QSettings>
#include <QStandardPaths>
#include <QTextStream>
#include <QTimer>
#include <functional>

namespace strata::app {

namespace {

/// Runs the event loop until `done` holds or `timeoutMs` passes.
bool waitFor(const std::function<bool()> &done, int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    while (!done()) {
        if (clock.elapsed() > timeoutMs)
            return false;
        QEventLoop loop;
        QTimer::singleShot(20, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return true;
}

/// The relations (tables and views) under `parent`, searched depth first.
void collectRelations(const QStandardItemModel *model, const QModelIndex &parent, QList<QModelIndex> &found)
{
    for (int row = 0; row < model->rowCount(parent); ++row) {
        const QModelIndex index = model->index(row, 0, parent);
        const auto kind = static_cast<ui::NodeKind>(index.data(ui::ObjectTreeModel::KindRole).toInt());
        if (kind == ui::NodeKind::Relation)
            found << index;
        else
            collectRelations(model, index, found);
    }
}

int fail(const QString &step)
{
    QTextStream(stderr) << "self-test: FAILED: " << step << '\n';
    return 1;
}

} // namespace

SelfTestEnvironment::SelfTestEnvironment()
{
    if (!m_dir.isValid())
        return;
    for (const char *name : {"XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_RUNTIME_DIR"}) {
        const QString dir = m_dir.filePath(QString::fromLatin1(name).toLower());
        QDir().mkpath(dir);
        QFile::setPermissions(dir, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        qputenv(name, QFile::encodeName(dir));
    }
    // Where XDG variables mean nothing (Windows, macOS): settings in an ini file here too.
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_dir.filePath(QStringLiteral("settings")));
}

int runSelfTest(const SelfTestEnvironment &environment)
{
    QTextStream out(stdout);
    if (!environment.isValid())
        return fail(QStringLiteral("cannot create a temporary directory"));
#if !defined(Q_OS_UNIX) || defined(Q_OS_MACOS)
    QStandardPaths::setTestModeEnabled(true);   // keep the demo out of the user's data
#endif
    ui::MainWindow window;
    window.show();
    bool opened = false;
    bool openedOk = false;
    QObject::connect(&window, &ui::MainWindow::connectionOpened, &window, [&](int, bool ok) {
        opened = true;
        openedOk = ok;
    });
    window.openDemoDatabase();
    if (!waitFor([&] { return opened; }, 60000) || !openedOk)
        return fail(QStringLiteral("the demo database did not open (%1)").arg(demo::defaultDemoPath()));
    out << "self-test: demo database open: " << QDir::toNativeSeparators(demo::defaultDemoPath()) << Qt::endl;

    QList<QModelIndex> relations;
    QModelIndex books;
    const bool treeLoaded = waitFor([&] {
        relations.clear();
        collectRelations(window.treeModel(), {}, relations);
        for (const QModelIndex &index : relations)
            if (index.data(ui::ObjectTreeModel::NameRole).toString() == QLatin1String("books"))
                books = index;
        return books.isValid();
    }, 30000);
    if (!treeLoaded)
        return fail(QStringLiteral("the object tree did not list the table books"));
    out << "self-test: object tree: " << relations.size() << " tables and views" << Qt::endl;

    ui::GridTab *grid = window.openData(window.treeModel()->objectAt(books));
    if (!grid)
        return fail(QStringLiteral("no data grid for books"));
    bool gridOpened = false;
    bool gridOk = false;
    QObject::connect(grid, &ui::GridTab::opened, &window, [&](bool ok) {
        gridOpened = true;
        gridOk = ok;
    });
    if (!waitFor([&] { return gridOpened; }, 30000) || !gridOk)
        return fail(QStringLiteral("the data grid did not open books: %1").arg(grid->statusLabel()->text()));
    data::TableModel *model = grid->model();
    // Rows arrive in windows after the table opened: wait for the first row's cells.
    const auto firstTitle = [&] { return model->rowCount() > 0 ? model->index(0, 1).data().toString() : QString(); };
    if (!waitFor([&] { return !firstTitle().isEmpty(); }, 30000))
        return fail(QStringLiteral("the data grid shows no rows of books"));
    out << "self-test: data grid: books, " << model->rowCount() << " rows, " << model->columnCount()
        << " columns, first title: " << firstTitle() << Qt::endl;
    out << "self-test: OK" << Qt::endl;
    return 0;
}

} // namespace strata::app
