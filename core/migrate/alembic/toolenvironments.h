#pragma once

// ToolEnvironments: the virtual environments Poetry and pipenv keep for a project outside its
// folder (~/.cache/pypoetry/virtualenvs/…, ~/.local/share/virtualenvs/…), found by asking the
// tools themselves, as a person would: `poetry env info -p` and `pipenv --venv`, run in the
// project folder.
//
// A tool is asked only when it is installed (on the PATH of the given environment) and the
// project uses it: a pyproject.toml (Poetry) or a Pipfile (pipenv) in the project folder or
// a parent. Its answer counts when it names a folder with a Python interpreter; anything else
// (an error, no environment yet, a tool that hangs past the timeout and is killed) is no
// answer and the search goes on without it.
//
// Threads: asynchronous (QProcess on the object's thread, never waited for); `done` is called
// exactly once on that thread, after every tool answered or timed out, unless the object is
// deleted first (its processes are killed then, and no callback follows).

#include "alembicinstallation.h"

#include <QObject>
#include <QProcessEnvironment>
#include <functional>

namespace strata::migrate::alembic {

class ToolEnvironments : public QObject {
    Q_OBJECT
public:
    ToolEnvironments(QString projectDir, QProcessEnvironment env, QObject *parent = nullptr);

    using Found = std::function<void(const QList<AlembicInstallation> &)>;
    /// Asks Poetry, then pipenv; `done` gets their environments (Poetry's first), each with its
    /// origin ("Poetry's environment"), possibly none.
    void find(Found done);
    /// How long one tool may take before it is killed (default 15 s; Poetry can be slow).
    void setTimeout(int msecs) { m_timeoutMs = msecs; }

    /// The tools that would be asked for `projectDir`, as {program path, arguments, origin}.
    struct Query {
        QString program;
        QStringList arguments;
        QString origin;
    };
    static QList<Query> queries(const QString &projectDir, const QProcessEnvironment &env);

private:
    void ask(QList<Query> rest, QList<AlembicInstallation> found, Found done);

    QString m_projectDir;
    QProcessEnvironment m_env;
    int m_timeoutMs = 15000;
};

} // namespace strata::migrate::alembic
