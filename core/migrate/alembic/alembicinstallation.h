#pragma once

// AlembicInstallation: the Alembic a project runs with, i.e. a Python interpreter that can
// import alembic (and the `alembic` script beside it, when there is one).
//
// AlembicLocator::candidates() lists, without running anything, where a project's Alembic may
// be, best first (as a person would look):
//   1. the interpreter or executable the user chose for this project (remembered by the UI);
//   2. a virtual environment `.venv/`, `venv/` or `env/` (a folder with pyvenv.cfg) in the
//      project folder, then in each parent folder;
//   3. VIRTUAL_ENV of the environment Strata was started from;
//   4. Poetry's and pipenv's environments of the project, when those tools are installed
//      (asked by ToolEnvironments, which runs them: passed in here);
//   5. `alembic` on PATH (its interpreter read from the script's #! line), else `python3`.
// A candidate is only known to work once its version was read (AlembicProcess::version):
// a --system-site-packages venv without its own bin/alembic still imports Debian's alembic.
// installAdvice() says exactly what to install when no candidate has Alembic.

#include <QList>
#include <QProcessEnvironment>
#include <QString>

namespace strata::migrate::alembic {

struct AlembicInstallation {
    QString python;       ///< absolute path of the interpreter that runs Alembic
    QString executable;   ///< the `alembic` script beside it, or empty (module only)
    QString origin;       ///< where it was found, for people: "the project's .venv", "PATH", ...
    QString venvDir;      ///< the virtual environment's folder, or empty
    QString version;      ///< "1.8.1" once read, else empty

    bool isValid() const { return !python.isEmpty(); }
};

class AlembicLocator {
public:
    /// Where the project's Alembic may be, best first (nothing is run). `chosen` is an
    /// interpreter or an `alembic` script the user picked (may be empty).
    /// `toolEnvironments`: what ToolEnvironments found (Poetry's, pipenv's), tried after VIRTUAL_ENV.
    static QList<AlembicInstallation> candidates(const QString &projectDir, const QProcessEnvironment &env,
                                                 const QString &chosen = {},
                                                 const QList<AlembicInstallation> &toolEnvironments = {});
    /// An installation from a path the user picked: an interpreter (python3, .venv/bin/python)
    /// or an `alembic` script (whose #! line names the interpreter). Empty when it is neither.
    static AlembicInstallation fromPath(const QString &path, const QString &origin);
    /// The interpreter (and `alembic` script) of the virtual environment `venv`; empty when it
    /// has no interpreter.
    static AlembicInstallation fromVirtualEnvironment(const QString &venv, const QString &origin);
    /// What to install, exactly, when no candidate imports alembic (`toolEnvironments` as for
    /// candidates(): Poetry's or pipenv's environment is where the project wants it).
    static QString installAdvice(const QString &projectDir, const QProcessEnvironment &env,
                                 const QList<AlembicInstallation> &toolEnvironments = {});
    /// The virtual environment folders in `projectDir` and its parents, nearest first.
    static QStringList virtualEnvironments(const QString &projectDir);
};

} // namespace strata::migrate::alembic
