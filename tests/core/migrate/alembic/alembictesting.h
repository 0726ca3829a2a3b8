#pragma once

// Shared by the Alembic tests: the seed tutorial project (tests/data/alembic/tutorial) copied
// to a temporary folder, its virtual environment, extra revisions (a failing one, a slow one)
// and a blocking run of the project's Alembic.

#include "migrate/alembic/alembiccommand.h"
#include "migrate/alembic/alembicpreflight.h"
#include "migrate/alembic/alembicprocess.h"
#include "support/testenvironment.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QtTest>

namespace strata::test::alembic {

using namespace strata::migrate::alembic;

inline QString s(const char *text) { return QString::fromUtf8(text); }

inline QString tutorialSource()
{
    return qEnvironmentVariable("STRATA_SOURCE_DIR") + s("/tests/data/alembic/tutorial");
}

/// A copy of the tutorial project in a fresh temporary folder (named `name`).
inline QString copyTutorial(const QString &name)
{
    const QString dir = QFileInfo(test::tempPath(s("x"))).absolutePath() + QLatin1Char('/') + name;
    QDirIterator it(tutorialSource(), QDir::Files | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString from = it.next();
        if (from.contains(s("__pycache__")))
            continue;
        const QString to = dir + from.mid(tutorialSource().size());
        QDir().mkpath(QFileInfo(to).absolutePath());
        if (!QFile::copy(from, to))
            return {};
    }
    return dir;
}

inline void writeFile(const QString &path, const QString &text)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY2(f.open(QIODevice::WriteOnly | QIODevice::Truncate), qPrintable(path));
    f.write(text.toUtf8());
}

inline QString readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

inline QString revisionText(const QString &id, const QString &down, const QString &message, const QString &upgradeBody,
                            const QString &imports = {})
{
    return s("\"\"\"%1\n\nRevision ID: %2\nRevises: %3\nCreate Date: 2026-12-01 10:00:00.000000\n\n\"\"\"\n"
             "from alembic import op\nimport sqlalchemy as sa\n%5\n\n"
             "revision = '%2'\ndown_revision = '%3'\nbranch_labels = None\ndepends_on = None\n\n\n"
             "def upgrade() -> None:\n%4\n\n\ndef downgrade() -> None:\n    op.drop_table('audit')\n")
        .arg(message, id, down, upgradeBody, imports);
}

/// After the merge: creates table audit, then fails on a missing table (line 20 of the file).
inline QString addFailingRevision(const QString &dir)
{
    const QString path = dir + s("/migrations/versions/6f1a8c3d5e47_add_audit_table.py");
    writeFile(path, revisionText(s("6f1a8c3d5e47"), s("5e0f7b2c4d36"), s("add audit table"),
                                 s("    op.create_table('audit', sa.Column('id', sa.Integer(), primary_key=True))\n"
                                   "    op.execute(\"INSERT INTO nosuch_table VALUES (1)\")")));
    return path;
}
inline constexpr int kFailingLine = 20;

/// After the merge: creates table audit, starts `sleep 300` (its pid written to `pidFile`) and
/// sleeps, so a cancel must end the whole process group.
inline QString addSlowRevision(const QString &dir, const QString &pidFile)
{
    const QString path = dir + s("/migrations/versions/7a2b9d4e6f58_slow_backfill.py");
    writeFile(path, revisionText(s("7a2b9d4e6f58"), s("5e0f7b2c4d36"), s("slow backfill"),
                                 s("    op.create_table('audit', sa.Column('id', sa.Integer(), primary_key=True))\n"
                                   "    child = subprocess.Popen(['sleep', '300'])\n"
                                   "    with open(%1, 'w') as f:\n"
                                   "        f.write(str(child.pid))\n"
                                   "    time.sleep(300)")
                                     .arg(QLatin1Char('\'') + pidFile + QLatin1Char('\'')),
                                 s("import subprocess\nimport time")));
    return path;
}

/// The interpreter of Debian's alembic (found from PATH as Strata finds it).
inline AlembicInstallation systemAlembic()
{
    const QList<AlembicInstallation> c = AlembicLocator::candidates(QDir::rootPath(), QProcessEnvironment::systemEnvironment());
    AlembicPreflight preflight(QDir::rootPath(), QProcessEnvironment::systemEnvironment());
    AlembicInstallation found;
    preflight.locate(c, [&found](const Result<AlembicInstallation> &r) {
        if (r)
            found = *r;
    });
    preflight.waitForIdle();
    return found;
}

/// `python3 -m venv --system-site-packages .venv` in `dir` with the interpreter of `base`.
inline bool makeVenv(const QString &dir, const AlembicInstallation &base)
{
    QProcess p;
    p.setWorkingDirectory(dir);
    p.start(base.python, {s("-m"), s("venv"), s("--system-site-packages"), s("--without-pip"), s(".venv")});
    return p.waitForFinished(120000) && p.exitCode() == 0;
}

/// Runs the project's Alembic (strata_alembic.py + `args`) and waits.
inline std::unique_ptr<AlembicProcess> runAlembic(const AlembicInstallation &installation, const QString &dir,
                                                  const QStringList &args, const QProcessEnvironment &env)
{
    auto p = std::make_unique<AlembicProcess>(installation, dir, dir + s("/migrations/versions"));
    p->setEnvironment(env);
    QStringList ids;
    for (const QString &file : QDir(dir + s("/migrations/versions")).entryList({s("*.py")}, QDir::Files))
        ids << file.section(QLatin1Char('_'), 0, 0);
    p->setKnownRevisions(ids);
    p->start(QStringList{s("--")} + args);
    p->waitForFinished(240000);
    return p;
}

inline QString joined(const AlembicProcess &p) { return p.result().lines.join(QLatin1Char('\n')); }

} // namespace strata::test::alembic
