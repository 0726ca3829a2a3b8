#pragma once

// AlembicPreflight: what must be known before a project's Alembic may touch a database.
//
//   find():   asks Poetry and pipenv for the project's environments (ToolEnvironments, when
//             installed), then locate()s among AlembicLocator::candidates.
//   locate(): tries the candidates (AlembicLocator::candidates) in order by reading their
//             version (`strata_alembic.py --version`); the first that imports alembic wins.
//             None: an error whose message is AlembicLocator::installAdvice.
//   check():  runs the probe (`strata_alembic.py --probe -- <base args> current`): Alembic's
//             own machinery, env.py included, in the project's interpreter, with SQLAlchemy's
//             engine creation intercepted, so the URL Alembic would connect to is reported and
//             no connection is made. It is compared with the expected database (the panel's
//             connection, or strata-migrate's --url). When they differ, the probe runs again
//             with Strata's override (sqlalchemy.url and DATABASE_URL set to the expected
//             database through the environment, the password in PGPASSWORD) to find out
//             whether the project lets Strata run it there: AlembicTarget says both.
//
// Both are asynchronous (callbacks on the object's thread); the object owns its processes and
// may be deleted at any time (no callback follows). waitForIdle() is for the command line.

#include "alembicinstallation.h"
#include "alembicprocess.h"
#include "databaselocation.h"

#include "base/result.h"
#include "connection/connectionprofile.h"

#include <QObject>
#include <functional>
#include <optional>

namespace strata::migrate::alembic {

struct AlembicTarget {
    DatabaseLocation configured;                  ///< where Alembic connects as the project says
    DatabaseLocation expected;                    ///< the database Strata shows
    std::optional<DatabaseLocation> overridden;   ///< where it connects with Strata's override
    QString overrideHow;                          ///< which settings the override sets

    bool matches() const { return configured.sameDatabase(expected); }
    /// True when the override makes Alembic connect to the expected database.
    bool overrideWorks() const { return overridden && overridden->sameDatabase(expected); }
    /// "Alembic would connect to X, but this panel shows Y." (passwords masked)
    QString refusal() const;
};

/// How Strata makes Alembic run against `profile`: the variables to add to the environment
/// (STRATA_ALEMBIC_URL and DATABASE_URL without the password, PGPASSWORD with it) and the
/// options for strata_alembic.py (`--url-env STRATA_ALEMBIC_URL`).
struct AlembicOverride {
    QProcessEnvironment environment;
    QStringList options;
    static AlembicOverride forProfile(const connection::ConnectionProfile &profile,
                                      const std::optional<QString> &password, QProcessEnvironment base);
    static QString description();
};

class AlembicPreflight : public QObject {
    Q_OBJECT
public:
    AlembicPreflight(QString projectDir, QProcessEnvironment env, QObject *parent = nullptr);

    using Located = std::function<void(const Result<AlembicInstallation> &)>;
    using Checked = std::function<void(const Result<AlembicTarget> &)>;

    /// The project's Alembic, from every place AlembicLocator knows, Poetry's and pipenv's
    /// environments included (`chosen`: the interpreter or script the user picked, or empty).
    void find(const QString &chosen, Located done);
    void locate(const QList<AlembicInstallation> &candidates, Located done);
    /// How long Poetry or pipenv may take to name its environment (ToolEnvironments::setTimeout).
    void setToolTimeout(int msecs) { m_toolTimeoutMs = msecs; }
    /// `baseArgs`: Alembic's global options (-c alembic.ini, -x ...).
    void check(const AlembicInstallation &installation, const QStringList &baseArgs,
               const connection::ConnectionProfile &expected, const std::optional<QString> &password, Checked done);
    /// Blocks until no step is running (command line, tests).
    void waitForIdle();
    bool isBusy() const { return m_busy > 0; }

    /// Parses the probe's output: the reported location, or why there is none.
    static Result<DatabaseLocation> parseProbe(const AlembicProcess &probe);

private:
    void tryCandidate(QList<AlembicInstallation> rest, QList<AlembicInstallation> tools, Located done);
    void probe(const AlembicInstallation &installation, const QStringList &args, const QProcessEnvironment &env,
               std::function<void(const Result<DatabaseLocation> &)> done);

    QString m_projectDir;
    QProcessEnvironment m_env;
    int m_busy = 0;
    int m_toolTimeoutMs = 15000;
};

} // namespace strata::migrate::alembic
