#pragma once

// Shared by the migration panel tests: the books tutorial project on disk, a confirmer that
// inspects the real confirmation dialog, and helpers to run actions and read the results.

#include "core/migrate/support/bookproject.h"
#include "console/consoletab.h"
#include "console/sqleditor.h"
#include "mainwindow/mainwindow.h"
#include "migrations/migrationconfirmdialog.h"
#include "migrations/migrationpanel.h"
#include "migrations/revisioneditor.h"
#include "migrations/revisioneditortab.h"
#include "migrations/revisiongraphwidget.h"
#include "support/connectionspecs.h"
#include "support/scratchdatabase.h"
#include "support/testenvironment.h"

#include "connection/connectionstring.h"

#include <QAction>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QMenuBar>
#include <QTabWidget>
#include <QTimer>
#include <QTreeWidget>
#include <QtTest>

using namespace strata;
using namespace strata::ui;
using strata::test::books::s;
using NodeStatus = RevisionView::Status;

namespace strata::test::migrationpanel {

using test::sqliteSpec;

QString newProject(const QString &name, bool withMerge = true, const QString &iniExtra = {})
{
    const QString dir = test::tempPath(name);
    test::books::writeProject(dir, withMerge, iniExtra);
    return dir;
}

/// A revision after the merge whose second statement fails (line 8 of its file).
void addFailingRevision(const QString &dir)
{
    test::books::writeFile(dir + s("/versions/8d0000000000_audit.sql"),
                           test::books::revision(s("8d0000000000"), s("7c0000000000"), s("add an audit table"),
                                                 s("-- +upgrade\nCREATE TABLE audit (id INTEGER);\nINSERT INTO nosuch_table VALUES (1);\n\n"
                                                   "-- +downgrade\nDROP TABLE audit;")));
}

/// Makes 5b6c7d8e9f0a take about a second on SQLite (a recursive CTE).
void slowDownIndexRevision(const QString &dir)
{
    test::books::writeFile(dir + s("/versions/5b6c7d8e9f0a_add_index.sql"),
                           test::books::revision(s("5b6c7d8e9f0a"), s("4a5b6c7d8e9f"), s("add an index on book_title"),
                                                 s("-- +upgrade\nCREATE INDEX ix_books_book_title ON books (book_title);\n"
                                                   "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 6000000)\n"
                                                   "SELECT count(*) FROM n;\n\n-- +downgrade\nDROP INDEX ix_books_book_title;")));
}

/// Records what each confirmation showed and answers `answer`.
struct Confirmations {
    QList<QStringList> revisions;
    QStringList sql;
    QList<QStringList> destructive;
    bool answer = true;
    void install(MigrationPanel &panel)
    {
        panel.setConfirmer([this](MigrationConfirmDialog &d) {
            QStringList items;
            for (int i = 0; i < d.revisionList()->count(); ++i)
                items.append(d.revisionList()->item(i)->text());
            revisions.append(items);
            sql.append(d.sqlView()->toPlainText());
            destructive.append(d.confirmation().destructive);
            if (answer)
                d.accept();
            return answer && d.result() == QDialog::Accepted;
        });
    }
};

bool waitRefreshed(MigrationPanel &panel)
{
    QSignalSpy spy(&panel, &MigrationPanel::refreshed);
    return spy.wait(20000);
}

/// Runs an action; returns its outcome, or fails the test when it never finishes.
bool run(MigrationPanel &panel, MigrationAction action)
{
    QSignalSpy done(&panel, &MigrationPanel::actionFinished);
    panel.runAction(action);
    if (!done.wait(60000))
        qFatal("the action did not finish");
    return done.first().first().toBool();
}

QStringList versionRows(const QString &url)
{
    QSqlDatabase db = test::openTestDatabase(url);
    const QStringList rows = test::books::versionRows(db);
    test::closeTestDatabase(db);
    return rows;
}

QList<NodeStatus> statuses(const MigrationPanel &panel)
{
    QList<NodeStatus> out;
    for (const QString &id : panel.graphView()->revisionIds())
        out.append(panel.graphView()->revision(id).status);
    return out;
}

QStringList progressStates(const MigrationPanel &panel)
{
    QStringList out;
    for (int i = 0; i < panel.progressView()->topLevelItemCount(); ++i)
        out.append(panel.progressView()->topLevelItem(i)->text(2));
    return out;
}

void saveShot(QWidget &w, const QString &name)
{
    const QImage shot = w.grab().toImage();
    QVERIFY(!shot.isNull());
    QVERIFY(shot.save(test::tempPath(name)));
    const QString dir = qEnvironmentVariable("STRATA_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        QVERIFY(shot.save(dir + QLatin1Char('/') + name));
}

QString cliSql(const QString &project, const QString &url, const QStringList &args)
{
    QProcess p;
    p.setWorkingDirectory(project);
    p.start(s(STRATA_MIGRATE_BIN), QStringList{s("-c"), project + s("/strata.ini"), s("--url"), url} + args + QStringList{s("--sql")});
    if (!p.waitForFinished(30000) || p.exitCode() != 0)
        return s("<failed: ") + QString::fromUtf8(p.readAllStandardError()) + s(">");
    return QString::fromUtf8(p.readAllStandardOutput());
}

} // namespace strata::test::migrationpanel

using namespace strata::test::migrationpanel;
