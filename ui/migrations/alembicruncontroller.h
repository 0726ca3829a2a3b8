#pragma once

// AlembicRunController: the migration panel's way to the project's own Alembic.
//
// It finds the project's Alembic (AlembicPreflight::find: the interpreter the person chose,
// remembered per project folder in QSettings, the project's venv, VIRTUAL_ENV, Poetry's and
// pipenv's environments, PATH) and runs its commands safely: before a command that connects,
// the probe asks that Alembic which database it would open; a different one is refused
// (AlembicRefusalDialog shows both, passwords masked), or, when the project allows it and the
// person agrees, the command runs against the panel's connection with sqlalchemy.url /
// DATABASE_URL set through the environment (the password in PGPASSWORD, never in arguments).
// Runs are AlembicProcesses: their lines and steps are signalled as they come, and `done`
// gets the finished process (or nullptr when nothing ran). What a run means for the graph,
// the progress rows and the failure banner is the panel's business.
//
// Threads: GUI thread; nothing here blocks (QProcess), except the refusal dialog, which is
// modal as every confirmation is. Deleting the controller kills its process group.

#include "migrate/alembic/alembicinstallation.h"
#include "migrate/alembic/alembicoutput.h"

#include "base/result.h"
#include "connection/connectionstring.h"

#include <QColor>
#include <QObject>
#include <QPointer>
#include <functional>

class QWidget;

namespace strata::migrate::alembic { class AlembicPreflight; class AlembicProcess; }

namespace strata::ui {

class AlembicRunController : public QObject {
    Q_OBJECT
public:
    /// `dialogParent` parents the refusal dialog.
    AlembicRunController(connection::ConnectionSpec spec, QWidget *dialogParent);
    ~AlembicRunController() override;

    /// The project the commands run in: its folder, alembic.ini, revisions folder and ids.
    void setProject(const QString &folder, const QString &iniPath, const QString &versionsDir, const QStringList &revisionIds);
    /// Looks for the project's Alembic again; located() follows.
    void locate();
    /// Uses the interpreter or `alembic` script at `path` for this project (remembered); located() follows.
    void choosePath(const QString &path);
    /// The Alembic found (python empty until found, or when there is none).
    const migrate::alembic::AlembicInstallation &installation() const { return m_installation; }
    /// What to install when no Alembic was found, else empty.
    QString advice() const { return m_advice; }

    /// Runs `alembic <command>` (checking the database first when it connects). `done` gets
    /// the finished process, or nullptr when nothing ran (no Alembic, refused, check failed:
    /// notRun() or refused() said why). The process is deleted after `done` returns.
    using Done = std::function<void(migrate::alembic::AlembicProcess *process)>;
    void run(const QStringList &command, Done done);
    /// Terminates the running command's process group. False when nothing runs.
    bool cancel();

    /// The QSettings key under which the chosen interpreter of `folder` is remembered.
    static QString settingsKey(const QString &folder);

Q_SIGNALS:
    /// The search for the project's Alembic ended.
    void located(bool found);
    /// A line for the panel's log (what Strata does), with its colour (invalid: default).
    void logMessage(const QString &text, const QColor &color);
    /// A line Alembic printed.
    void lineRead(const QString &line);
    void stepStarted(const strata::migrate::alembic::AlembicStep &step);
    /// Nothing ran: why (no Alembic, or the database check could not be made).
    void notRun(const strata::Error &error);
    /// Nothing ran: Alembic would connect to `configured`, not to `expected` (both masked).
    void refused(const QString &configured, const QString &expected);

private:
    QStringList baseArgs() const;
    void start(const QStringList &command, bool override, Done done);

    connection::ConnectionSpec m_spec;
    QWidget *m_dialogParent = nullptr;
    QString m_folder;
    QString m_iniPath;
    QString m_versionsDir;
    QStringList m_revisionIds;
    migrate::alembic::AlembicInstallation m_installation;
    QString m_advice;
    QPointer<migrate::alembic::AlembicPreflight> m_locating;
    QPointer<migrate::alembic::AlembicPreflight> m_checking;
    QPointer<migrate::alembic::AlembicProcess> m_process;
};

} // namespace strata::ui
