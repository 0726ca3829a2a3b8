#pragma once

// Shared by the Alembic journeys (tst_journeyalembic, tst_journeyalembiccommands): the tutorial
// project attached to a migration panel on a SQLite file or a scratch PostgreSQL database, the
// panel's buttons and their menus clicked as a person does, and what the database says.

#include "core/migrate/alembic/alembictesting.h"

#include "migrations/migrationconfirmdialog.h"
#include "migrations/migrationpanel.h"
#include "migrations/revisiongraphwidget.h"
#include "support/modalanswers.h"
#include "support/scratchdatabase.h"

#include "connection/connectionstring.h"

#include <QAbstractButton>
#include <QApplication>
#include <QMenu>
#include <QPushButton>
#include <QScrollArea>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QToolButton>
#include <functional>
#include <memory>

namespace strata::test::alembic {

/// Alembic runs take longer than the panel's own: a dialog may come up to a minute later.
template <typename T>
void whenModal(std::function<void(T *)> answer)
{
    test::whenModal<T>(std::move(answer), 60000);
}

inline const QString kHead = QStringLiteral("5e0f7b2c4d36");

inline void click(QAbstractButton *b)
{
    QVERIFY(b);
    QVERIFY(b->isEnabled());
    QTest::mouseClick(b, Qt::LeftButton);
}

inline void confirmNext()
{
    whenModal<ui::MigrationConfirmDialog>([](ui::MigrationConfirmDialog *d) { QTest::mouseClick(d->runButton(), Qt::LeftButton); });
}

/// Opens the menu of tool button `button` as a person does (its arrow, or anywhere on an
/// instant-popup button) and clicks the entry `entry` in it. False when there is none.
inline bool chooseFromMenu(QToolButton *button, const QString &entry)
{
    if (!button || !button->isEnabled() || !button->menu())
        return false;
    auto chosen = std::make_shared<bool>(false);
    // The menu runs its own event loop inside the click: answer it from a timer.
    auto *timer = new QTimer(qApp);
    auto deadline = std::make_shared<QDeadlineTimer>(10000);
    QObject::connect(timer, &QTimer::timeout, timer, [timer, entry, chosen, deadline] {
        auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
        if (!menu && !deadline->hasExpired())
            return;
        timer->stop();
        timer->deleteLater();
        if (!menu)
            return;
        for (QAction *a : menu->actions()) {
            if (a->text() == entry && a->isEnabled()) {
                *chosen = true;
                QTest::mouseClick(menu, Qt::LeftButton, {}, menu->actionGeometry(a).center());
                return;
            }
        }
        menu->close();
    });
    timer->start(20);
    const QPoint where = button->popupMode() == QToolButton::MenuButtonPopup ? QPoint(button->width() - 5, button->height() / 2)
                                                                               : button->rect().center();
    QTest::mouseClick(button, Qt::LeftButton, {}, where);
    (void)QTest::qWaitFor([chosen] { return *chosen; }, 11000);
    return *chosen;
}

/// Clicks revision `id`'s row in the panel's graph, as a person selects it.
inline bool clickRevision(ui::MigrationPanel &panel, const QString &id)
{
    ui::RevisionGraphWidget *graph = panel.graphView();
    const QRect row = graph->rowRect(id);
    if (row.isEmpty())
        return false;
    if (auto *scroll = qobject_cast<QScrollArea *>(graph->parentWidget()->parentWidget()))
        scroll->ensureVisible(row.center().x(), row.center().y());
    QTest::mouseClick(graph, Qt::LeftButton, {}, QPoint(std::min(row.width() - 5, 200), row.center().y()));
    return graph->selectedRevision() == id;
}

inline QPushButton *pushButton(QWidget *parent, const QString &text)
{
    for (QPushButton *b : parent->findChildren<QPushButton *>())
        if (b->text() == text)
            return b;
    return nullptr;
}

inline QStringList versions(const QString &location)
{
    QSqlDatabase db = test::openTestDatabase(location);
    QStringList out;
    QSqlQuery q(db);
    if (q.exec(s("SELECT version_num FROM alembic_version ORDER BY version_num")))
        while (q.next())
            out << q.value(0).toString();
    q.finish();
    test::closeTestDatabase(db);
    return out;
}

inline bool hasTable(const QString &location, const QString &table)
{
    const bool pg = location.startsWith(s("postgres"));
    const QString sql = pg ? s("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public' AND table_name = '%1'")
                           : s("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '%1'");
    return test::scalar(location, sql.arg(table)).toInt() == 1;
}

inline bool hasColumn(const QString &location, const QString &table, const QString &column)
{
    const bool pg = location.startsWith(s("postgres"));
    const QString sql = pg ? s("SELECT count(*) FROM information_schema.columns WHERE table_schema = 'public' AND table_name = '%1' "
                               "AND column_name = '%2'")
                           : s("SELECT count(*) FROM pragma_table_info('%1') WHERE name = '%2'");
    return test::scalar(location, sql.arg(table, column)).toInt() == 1;
}

/// With STRATA_SCREENSHOT_DIR set, saves `w` there (run under xvfb-run with QT_QPA_PLATFORM=xcb).
inline void saveShot(QWidget &w, const QString &name)
{
    QTest::qWait(300);
    const QImage shot = w.grab().toImage();
    QVERIFY(!shot.isNull());
    const QString dir = qEnvironmentVariable("STRATA_SCREENSHOT_DIR");
    QVERIFY(shot.save(dir.isEmpty() ? test::tempPath(name) : dir + QLatin1Char('/') + name));
}

struct Scene {
    QString dir;
    std::unique_ptr<test::ScratchPgDatabase> pg;
    QString location;   ///< the panel's database: SQLite path or PostgreSQL URL
    QString url;        ///< its SQLAlchemy URL with the password
    connection::ConnectionSpec spec;
    std::unique_ptr<ui::MigrationPanel> panel;
};

/// The tutorial project copied to `name`, optionally with its .venv, and a panel on a fresh
/// database with the project attached, once its Alembic was found and the state read.
inline std::unique_ptr<Scene> makeScene(const AlembicInstallation &alembic, bool postgres, const QString &pgServer,
                                        bool venv = false, const QString &name = s("books"))
{
    auto sc = std::make_unique<Scene>();
    sc->dir = copyTutorial(name);
    if (venv && !makeVenv(sc->dir, alembic))
        return nullptr;
    if (postgres) {
        sc->pg = std::make_unique<test::ScratchPgDatabase>(pgServer);
        sc->location = sc->url = sc->pg->url();
    } else {
        sc->location = sc->dir + s("/books.db");
        sc->url = s("sqlite:///") + sc->location;
        QSqlDatabase db = test::openTestDatabase(sc->location);   // the file the person opened
        test::closeTestDatabase(db);
    }
    sc->spec = *connection::parseConnectionString(sc->location);
    sc->panel = std::make_unique<ui::MigrationPanel>(sc->spec);
    sc->panel->resize(1280, 820);
    sc->panel->show();
    QSignalSpy located(sc->panel.get(), &ui::MigrationPanel::alembicLocated);
    if (!sc->panel->attachProject(sc->dir).ok())
        return nullptr;
    if (!located.wait(60000) || !located.first().first().toBool())
        return nullptr;
    Scene *raw = sc.get();
    if (!QTest::qWaitFor([raw] { return raw->panel->isReady(); }, 30000))
        return nullptr;
    return sc;
}

/// Clicks "▲ Upgrade" and confirms; true when the command succeeded.
inline bool upgradeByClicking(Scene &sc)
{
    QSignalSpy finished(sc.panel.get(), &ui::MigrationPanel::actionFinished);
    confirmNext();
    QToolButton *upgrade = test::toolButton(sc.panel.get(), s("▲ Upgrade"));
    if (!upgrade || !upgrade->isEnabled())
        return false;
    QTest::mouseClick(upgrade, Qt::LeftButton, {}, QPoint(8, upgrade->height() / 2));
    return finished.wait(120000) && finished.first().first().toBool();
}

/// Picks `entry` from `button`'s menu, confirms, waits; true when the command succeeded.
inline bool runFromMenu(Scene &sc, const QString &button, const QString &entry)
{
    QSignalSpy finished(sc.panel.get(), &ui::MigrationPanel::actionFinished);
    confirmNext();
    if (!chooseFromMenu(test::toolButton(sc.panel.get(), button), entry))
        return false;
    return finished.wait(120000) && finished.first().first().toBool();
}

} // namespace strata::test::alembic
