// Finding a project's Alembic in Poetry's and pipenv's environments (ToolEnvironments, through
// AlembicPreflight::find as the panel and strata-migrate call it). The tools are stand-ins on
// PATH (shell scripts that answer `poetry env info -p` / `pipenv --venv` only in the project
// folder, as the real tools do), naming a real virtual environment made with
// `python3 -m venv --system-site-packages` outside the project, as Poetry and pipenv keep them.
// Also: the tool absent, failing or hanging (killed after the timeout), the project not using
// the tool (not asked), and an environment without Alembic (what to install there).

#include "alembictesting.h"

#include "migrate/alembic/toolenvironments.h"

using namespace strata;
using namespace strata::test::alembic;

namespace {

/// A fresh folder under the test's temporary directory.
QString freshDir(const QString &name)
{
    const QString dir = QFileInfo(test::tempPath(s("x"))).absolutePath() + QLatin1Char('/') + name;
    QDir(dir).removeRecursively();
    QDir().mkpath(dir);
    return QFileInfo(dir).canonicalFilePath();
}

/// A shell script `bin/<name>` that, run with exactly `args` in `projectDir`, prints `output`
/// (and appends its arguments to bin/<name>.calls); anything else fails as the tool would.
void writeTool(const QString &bin, const QString &name, const QString &args, const QString &projectDir, const QString &output,
               const QString &extra = {})
{
    const QString path = bin + QLatin1Char('/') + name;
    writeFile(path, s("#!/bin/sh\n"
                      "echo \"$*\" >> '%1.calls'\n"
                      "%5"
                      "[ \"$*\" = '%2' ] || { echo 'usage' >&2; exit 2; }\n"
                      "[ \"$(pwd -P)\" = '%3' ] || { echo 'No project found in this folder' >&2; exit 1; }\n"
                      "echo 'Some chatter first'\n"
                      "echo '%4'\n")
                        .arg(path, args, projectDir, output, extra));
    QFile::setPermissions(path, QFile::permissions(path) | QFileDevice::ExeOwner | QFileDevice::ExeUser);
}

QString calls(const QString &bin, const QString &name)
{
    return readFile(bin + QLatin1Char('/') + name + s(".calls"));
}

/// `python -m venv [--system-site-packages] --without-pip <dir>` with Debian's interpreter.
bool makeEnvironment(const QString &python, const QString &dir, bool systemSitePackages)
{
    QStringList args{s("-m"), s("venv")};
    if (systemSitePackages)
        args << s("--system-site-packages");
    args << s("--without-pip") << dir;
    QProcess p;
    p.start(python, args);
    return p.waitForFinished(120000) && p.exitCode() == 0;
}

} // namespace

class TestToolEnvironments : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void poetryEnvironmentFound();
    void pipenvEnvironmentFound();
    void toolAbsentFallsThroughToPath();
    void toolFailingOrHangingIsNoAnswer();
    void projectNotUsingTheToolDoesNotAskIt();
    void environmentWithoutAlembicSaysWhatToInstall();
    void virtualEnvComesBeforeTheTools();

private:
    /// A project folder (alembic.ini from the tutorial, plus `marker`), a bin folder for the
    /// stand-in tools, and an environment whose PATH is only that bin folder (+ `morePath`).
    struct Setup {
        QString project;
        QString bin;
        QProcessEnvironment env;
    };
    Setup setup(const QString &name, const QString &marker, const QString &morePath = {});
    Result<AlembicInstallation> find(const Setup &st, int timeoutMs = 15000);

    AlembicInstallation m_alembic;
    QString m_venv;        ///< --system-site-packages: imports Debian's alembic
    QString m_bareVenv;    ///< no site packages: no alembic
};

void TestToolEnvironments::initTestCase()
{
    m_alembic = systemAlembic();
    QVERIFY2(m_alembic.isValid(), "Debian's alembic (scripts/install-deps.sh) must be installed");
    const QString cache = freshDir(s("virtualenvs"));
    m_venv = cache + s("/books-Xy12abCd-py3.11");
    m_bareVenv = cache + s("/bare-Zz99");
    QVERIFY(makeEnvironment(m_alembic.python, m_venv, true));
    QVERIFY(makeEnvironment(m_alembic.python, m_bareVenv, false));
}

TestToolEnvironments::Setup TestToolEnvironments::setup(const QString &name, const QString &marker, const QString &morePath)
{
    Setup st;
    st.project = freshDir(name);
    st.bin = freshDir(name + s("-bin"));
    QFile::copy(tutorialSource() + s("/alembic.ini"), st.project + s("/alembic.ini"));
    if (!marker.isEmpty())
        writeFile(st.project + QLatin1Char('/') + marker, s("# the project's %1\n").arg(marker));
    st.env = QProcessEnvironment::systemEnvironment();
    st.env.remove(s("VIRTUAL_ENV"));
    st.env.insert(s("PATH"), morePath.isEmpty() ? st.bin : st.bin + QLatin1Char(':') + morePath);
    return st;
}

Result<AlembicInstallation> TestToolEnvironments::find(const Setup &st, int timeoutMs)
{
    AlembicPreflight preflight(st.project, st.env);
    preflight.setToolTimeout(timeoutMs);
    Result<AlembicInstallation> found = Error(ErrorKind::Internal, s("no answer"));
    preflight.find({}, [&found](const Result<AlembicInstallation> &r) { found = r; });
    preflight.waitForIdle();
    return found;
}

void TestToolEnvironments::poetryEnvironmentFound()
{
    // The project's pyproject.toml is in a parent folder: Poetry looks there too.
    Setup st = setup(s("poetry-project"), s("pyproject.toml"));
    const QString sub = st.project + s("/migrations-only");
    QDir().mkpath(sub);
    QFile::copy(st.project + s("/alembic.ini"), sub + s("/alembic.ini"));
    writeTool(st.bin, s("poetry"), s("env info -p"), sub, m_venv);
    const QList<ToolEnvironments::Query> queries = ToolEnvironments::queries(sub, st.env);
    QCOMPARE(queries.size(), 1);
    QCOMPARE(queries.first().program, st.bin + s("/poetry"));
    st.project = sub;
    const Result<AlembicInstallation> found = find(st);
    QVERIFY2(found, qPrintable(found ? QString() : found.error().message));
    QCOMPARE(found->python, m_venv + s("/bin/python"));
    QCOMPARE(found->venvDir, m_venv);
    QCOMPARE(found->origin, s("Poetry's environment (%1)").arg(m_venv));
    QCOMPARE(found->version, m_alembic.version);
    QCOMPARE(calls(st.bin, s("poetry")), s("env info -p\n"));
}

void TestToolEnvironments::pipenvEnvironmentFound()
{
    Setup st = setup(s("pipenv-project"), s("Pipfile"));
    writeTool(st.bin, s("pipenv"), s("--venv"), st.project, m_venv);
    const Result<AlembicInstallation> found = find(st);
    QVERIFY2(found, qPrintable(found ? QString() : found.error().message));
    QCOMPARE(found->python, m_venv + s("/bin/python"));
    QCOMPARE(found->origin, s("pipenv's environment (%1)").arg(m_venv));
    QCOMPARE(found->version, m_alembic.version);
    QCOMPARE(calls(st.bin, s("pipenv")), s("--venv\n"));
}

void TestToolEnvironments::toolAbsentFallsThroughToPath()
{
    // The project uses both tools, neither is installed.
    Setup st = setup(s("no-tools"), s("pyproject.toml"));
    writeFile(st.project + s("/Pipfile"), s("[packages]\n"));
    QVERIFY(ToolEnvironments::queries(st.project, st.env).isEmpty());
    Result<AlembicInstallation> found = find(st);
    QVERIFY(!found);
    QCOMPARE(found.error().kind, ErrorKind::NotFound);
    QVERIFY2(found.error().message.contains(s("apt install alembic")), qPrintable(found.error().message));
    // With Debian's alembic on PATH, that one is used.
    const QString systemBin = QFileInfo(m_alembic.executable.isEmpty() ? m_alembic.python : m_alembic.executable).absolutePath();
    st.env.insert(s("PATH"), st.bin + QLatin1Char(':') + systemBin);
    found = find(st);
    QVERIFY2(found, qPrintable(found ? QString() : found.error().message));
    QVERIFY2(found->origin.contains(s("PATH")), qPrintable(found->origin));
}

void TestToolEnvironments::toolFailingOrHangingIsNoAnswer()
{
    Setup st = setup(s("tools-fail"), s("pyproject.toml"), QFileInfo(m_alembic.python).absolutePath());
    writeFile(st.project + s("/Pipfile"), s("[packages]\n"));
    // Poetry has no environment for the project yet (exits 1); pipenv hangs until killed.
    writeTool(st.bin, s("poetry"), s("env info -p"), s("/elsewhere"), m_venv);
    writeTool(st.bin, s("pipenv"), s("--venv"), st.project, m_venv, s("exec sleep 600\n"));
    QCOMPARE(ToolEnvironments::queries(st.project, st.env).size(), 2);
    const Result<AlembicInstallation> found = find(st, 500);
    QVERIFY2(found, qPrintable(found ? QString() : found.error().message));
    QVERIFY2(!found->origin.contains(s("Poetry")) && !found->origin.contains(s("pipenv")), qPrintable(found->origin));
    QCOMPARE(found->python, QFileInfo(m_alembic.python).absolutePath() + s("/python3"));
    QCOMPARE(calls(st.bin, s("poetry")), s("env info -p\n"));
    QCOMPARE(calls(st.bin, s("pipenv")), s("--venv\n"));
}

void TestToolEnvironments::projectNotUsingTheToolDoesNotAskIt()
{
    Setup st = setup(s("plain-project"), {});
    writeTool(st.bin, s("poetry"), s("env info -p"), st.project, m_venv);
    writeTool(st.bin, s("pipenv"), s("--venv"), st.project, m_venv);
    QVERIFY(ToolEnvironments::queries(st.project, st.env).isEmpty());
    const Result<AlembicInstallation> found = find(st);
    QVERIFY(!found);
    QVERIFY(calls(st.bin, s("poetry")).isEmpty());
    QVERIFY(calls(st.bin, s("pipenv")).isEmpty());
}

void TestToolEnvironments::environmentWithoutAlembicSaysWhatToInstall()
{
    Setup st = setup(s("poetry-bare"), s("pyproject.toml"));
    writeTool(st.bin, s("poetry"), s("env info -p"), st.project, m_bareVenv);
    Result<AlembicInstallation> found = find(st);
    QVERIFY(!found);
    QVERIFY2(found.error().message.contains(s("Poetry's environment (%1)").arg(m_bareVenv)), qPrintable(found.error().message));
    QVERIFY2(found.error().message.contains(s("poetry add alembic")), qPrintable(found.error().message));

    Setup pst = setup(s("pipenv-bare"), s("Pipfile"));
    writeTool(pst.bin, s("pipenv"), s("--venv"), pst.project, m_bareVenv);
    found = find(pst);
    QVERIFY(!found);
    QVERIFY2(found.error().message.contains(s("pipenv install alembic")), qPrintable(found.error().message));
}

// An activated environment (VIRTUAL_ENV) is what the person runs in their shell: it comes
// before Poetry's and pipenv's, which come before PATH.
void TestToolEnvironments::virtualEnvComesBeforeTheTools()
{
    Setup st = setup(s("activated"), s("pyproject.toml"), QFileInfo(m_alembic.python).absolutePath());
    writeTool(st.bin, s("poetry"), s("env info -p"), st.project, m_venv);
    const QString active = freshDir(s("activated-venv"));
    QVERIFY(makeEnvironment(m_alembic.python, active, true));
    st.env.insert(s("VIRTUAL_ENV"), active);
    const QList<AlembicInstallation> tools{AlembicLocator::fromVirtualEnvironment(m_venv, s("Poetry's environment"))};
    const QList<AlembicInstallation> c = AlembicLocator::candidates(st.project, st.env, {}, tools);
    QVERIFY(c.size() >= 3);
    QCOMPARE(c[0].python, active + s("/bin/python"));
    QCOMPARE(c[0].origin, s("VIRTUAL_ENV (%1)").arg(active));
    QCOMPARE(c[1].python, m_venv + s("/bin/python"));
    QVERIFY2(c[2].origin.contains(s("PATH")), qPrintable(c[2].origin));
    Result<AlembicInstallation> found = find(st);
    QVERIFY2(found, qPrintable(found ? QString() : found.error().message));
    QCOMPARE(found->python, active + s("/bin/python"));
    QCOMPARE(found->version, m_alembic.version);
    // Without VIRTUAL_ENV, Poetry's comes first, before Debian's on PATH.
    st.env.remove(s("VIRTUAL_ENV"));
    found = find(st);
    QVERIFY2(found, qPrintable(found ? QString() : found.error().message));
    QCOMPARE(found->python, m_venv + s("/bin/python"));
}

STRATA_TEST_MAIN(TestToolEnvironments)
#include "tst_toolenvironments.moc"
