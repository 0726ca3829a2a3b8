// strata-migrate against the real Alembic (Debian 12's alembic 1.8.1): the same revision
// graph (alembicdiff/diffproject.h) as Python revisions for Alembic and SQL revisions with
// the same ids for Strata, every target form from every state, compared case by case
// (alembicdiff/diffcompare.h says what is compared and what is normalised).
//
// Alembic runs in ONE long-lived Python process per dialect (alembicdiff/alembic_driver.py,
// driving alembic.command with a real env.py), in parallel with Strata, which runs every
// case in process through the command line's runCommand and a sample of them as the
// strata-migrate executable. SQLite: every antichain of both graphs as the version rows.
// PostgreSQL: a deterministic sample of the same cases.

#include "alembicdiff/diffcompare.h"

#include "support/scratchdatabase.h"
#include "support/testenvironment.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace alembicdiff;

namespace {

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

struct Projects {
    QTemporaryDir dir;
    QList<Project> list;
    const Project &byName(const QString &name) const
    {
        for (const Project &p : list)
            if (p.name == name)
                return p;
        return list.first();
    }
};

/// A Python 3 that imports Alembic, SQLAlchemy (and psycopg2 for PostgreSQL), or empty.
QString findPython(bool postgres, QString *tried)
{
    QStringList candidates{qEnvironmentVariable("STRATA_TEST_PYTHON"), s("/usr/bin/python3"), s("python3")};
    for (const QString &py : std::as_const(candidates)) {
        if (py.isEmpty())
            continue;
        QProcess p;
        p.start(py, {s("-c"), postgres ? s("import alembic, sqlalchemy, psycopg2") : s("import alembic, sqlalchemy")});
        if (p.waitForFinished(30000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0)
            return py;
        *tried += py + s(": ") + QString::fromUtf8(p.readAllStandardError()).trimmed() + QLatin1Char('\n');
    }
    return {};
}

QHash<int, Outcome> readAlembicResults(const QString &path, QString *error)
{
    QHash<int, Outcome> out;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = s("no results from the Alembic driver: ") + f.errorString();
        return out;
    }
    while (!f.atEnd()) {
        const QJsonObject o = QJsonDocument::fromJson(f.readLine()).object();
        Outcome r;
        r.ok = o.value(s("ok")).toBool();
        r.error = o.value(s("error")).toString();
        r.out = o.value(s("out")).toString();
        for (const QJsonValue v : o.value(s("rows")).toArray())
            r.rows.append(v.toString());
        for (const QJsonValue v : o.value(s("running")).toArray())
            r.running.append(v.toString());
        for (const QJsonValue v : o.value(s("warnings")).toArray())
            r.warnings.append(v.toString());
        r.resolvedOk = o.value(s("resolved")).isArray();
        for (const QJsonValue v : o.value(s("resolved")).toArray())
            r.resolved.append(v.toString());
        out.insert(o.value(s("id")).toInt(), r);
    }
    return out;
}

struct Report {
    int cases = 0;
    int viaProcess = 0;
    int same = 0;
    QMap<QString, QStringList> deliberate;   ///< name -> cases
    QMap<QString, QStringList> additions;    ///< name -> cases (same outcome, Strata's message checked)
    QStringList mismatches;
};

} // namespace

class TestAlembicDiff : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void sqlite();
    void postgresql();

private:
    QList<Case> selectCases(bool sqlite) const;
    bool writeCases(const QString &path, const QString &url, const QList<Case> &cases) const;
    void runDialect(const QString &url, bool sqlite, const QString &python);
    void compareCase(const Case &c, const QList<QPair<QString, Outcome>> &sides, const Outcome &alembic, bool sqlite, QFile &dump,
                     Report &report) const;
    static void checkReport(const Report &report, bool sqlite);
    Projects m_projects;
};

void TestAlembicDiff::initTestCase()
{
    QVERIFY(m_projects.dir.isValid());
    for (const char *name : {"single", "forked"}) {
        Project p;
        p.name = s(name);
        p.revisions = revisions(p.name == u"forked");
        QVERIFY(writeProject(m_projects.dir.filePath(p.name), p));
        m_projects.list.append(p);
    }
}

void TestAlembicDiff::sqlite()
{
    QString tried;
    const QString python = findPython(false, &tried);
    if (python.isEmpty())
        QFAIL(qPrintable(s("No Python with Alembic and SQLAlchemy (install Debian's alembic and python3-sqlalchemy: "
                           "scripts/install-deps.sh):\n") + tried));
    runDialect(s("sqlite:///") + m_projects.dir.filePath(s("%1.db")), true, python);
}

void TestAlembicDiff::postgresql()
{
    STRATA_REQUIRE_PG(server);
    QString tried;
    const QString python = findPython(true, &tried);
    if (python.isEmpty())
        QFAIL(qPrintable(s("No Python with Alembic, SQLAlchemy and psycopg2 (install Debian's alembic, python3-sqlalchemy and "
                           "python3-psycopg2: scripts/install-deps.sh):\n") + tried));
    strata::test::ScratchPgDatabase scratch(server);
    QVERIFY2(!scratch.url().isEmpty(), qPrintable(scratch.error()));
    runDialect(scratch.url(), false, python);
}

QList<Case> TestAlembicDiff::selectCases(bool sqlite) const
{
    // All cases on SQLite, a deterministic sample on PostgreSQL; a sample of them also
    // through the strata-migrate executable.
    QList<Case> cases;
    for (const Project &p : std::as_const(m_projects.list))
        cases += buildCases(p, int(cases.size()));
    QList<Case> run;
    for (Case c : std::as_const(cases)) {
        if (!sqlite && c.readsState() && c.id % 7 != 0)
            continue;
        c.viaProcess = !c.readsState() ? c.id % 3 == 0 : c.id % (sqlite ? 31 : 11) == 0;
        run.append(c);
    }
    return run;
}

bool TestAlembicDiff::writeCases(const QString &path, const QString &url, const QList<Case> &cases) const
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    QJsonObject projects;
    for (const Project &p : std::as_const(m_projects.list))
        projects.insert(p.name, p.alembicDir);
    f.write(QJsonDocument(QJsonObject{{s("url"), url}, {s("projects"), projects}}).toJson(QJsonDocument::Compact) + "\n");
    for (const Case &c : cases)
        f.write(QJsonDocument(c.toJson()).toJson(QJsonDocument::Compact) + "\n");
    return true;
}

void TestAlembicDiff::compareCase(const Case &c, const QList<QPair<QString, Outcome>> &sides, const Outcome &alembic, bool sqlite,
                                  QFile &dump, Report &report) const
{
    const QList<Revision> &revs = m_projects.byName(c.project).revisions;
    for (const auto &[how, outcome] : sides) {
        ++report.cases;
        report.viaProcess += how != u"in process";
        const Verdict v = compare(c, alembic, outcome, revs, sqlite);
        if (v.same) {
            ++report.same;
            if (!v.addition.isEmpty())
                report.additions[v.addition].append(c.describe());
            continue;
        }
        const QString text = s("%1 (%2)\n  %3\n  Alembic: %4\n  Strata: %5\n")
                                 .arg(c.describe(), how, QString(v.detail).replace(QLatin1Char('\n'), s("\n  ")),
                                      alembic.error.trimmed(), outcome.error.trimmed().left(400));
        dump.write((v.deliberate.isEmpty() ? s("DIFFERENT ") : s("deliberate %1: ").arg(v.deliberate)).toUtf8() + text.toUtf8() + "\n");
        if (v.deliberate.isEmpty())
            report.mismatches.append(text);
        else
            report.deliberate[v.deliberate].append(c.describe());
    }
}

void TestAlembicDiff::runDialect(const QString &urlPattern, bool sqlite, const QString &python)
{
    QElapsedTimer timer;
    timer.start();
    const QList<Case> run = selectCases(sqlite);
    // Alembic: one Python process, fed a file of cases, writing a file of results.
    const QString casesPath = m_projects.dir.filePath(s("cases-%1.jsonl").arg(sqlite ? s("sqlite") : s("pg")));
    const QString resultsPath = casesPath + s(".results");
    QVERIFY(writeCases(casesPath, sqlite ? urlPattern.arg(s("alembic")) : urlPattern, run));
    QProcess driver;
    driver.setStandardOutputFile(resultsPath + s(".log"));
    driver.setStandardErrorFile(resultsPath + s(".log"), QIODevice::Append);
    driver.start(python, {s(ALEMBIC_DRIVER), casesPath, resultsPath});
    QVERIFY2(driver.waitForStarted(), qPrintable(driver.errorString()));
    // Strata, meanwhile.
    StrataSide strata(sqlite ? urlPattern.arg(s("strata")) : urlPattern, s(STRATA_MIGRATE_BIN));
    QString error;
    QVERIFY2(strata.open(&error), qPrintable(error));
    QHash<int, QList<QPair<QString, Outcome>>> strataOutcomes;
    for (const Case &c : run) {
        const QString ini = m_projects.byName(c.project).strataIni;
        strataOutcomes[c.id].append({s("in process"), strata.run(c, ini, false)});
        if (c.viaProcess)
            strataOutcomes[c.id].append({s("strata-migrate process"), strata.run(c, ini, true)});
    }
    const qint64 strataMs = timer.elapsed();
    QVERIFY2(driver.waitForFinished(600000), "the Alembic driver did not finish in 10 minutes");
    QFile log(resultsPath + s(".log"));
    QVERIFY(log.open(QIODevice::ReadOnly));
    QVERIFY2(driver.exitCode() == 0, qPrintable(s("the Alembic driver failed:\n") + QString::fromUtf8(log.readAll())));
    const QHash<int, Outcome> alembic = readAlembicResults(resultsPath, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(alembic.size(), run.size());

    Report report;
    QFile dump(m_projects.dir.filePath(s("differences-%1.txt").arg(sqlite ? s("sqlite") : s("pg"))));
    QVERIFY(dump.open(QIODevice::WriteOnly));
    for (const Case &c : run)
        compareCase(c, strataOutcomes.value(c.id), alembic.value(c.id), sqlite, dump, report);
    if (!report.mismatches.isEmpty())
        m_projects.dir.setAutoRemove(false); // keep the projects, databases and the list of differences
    qInfo().noquote() << s("%1: %2 cases, %3 comparisons (%4 cases also through the strata-migrate executable) in %5 s (Strata's "
                           "side %6 s): %7 the same, %8 deliberately different, %9 different; details in %10")
                             .arg(sqlite ? s("SQLite") : s("PostgreSQL"))
                             .arg(run.size())
                             .arg(report.cases)
                             .arg(report.viaProcess)
                             .arg(double(timer.elapsed()) / 1000.0, 0, 'f', 1)
                             .arg(double(strataMs) / 1000.0, 0, 'f', 1)
                             .arg(report.same)
                             .arg(report.cases - report.same - int(report.mismatches.size()))
                             .arg(report.mismatches.size())
                             .arg(dump.fileName());
    checkReport(report, sqlite);
}

void TestAlembicDiff::checkReport(const Report &report, bool sqlite)
{
    for (const Deliberate &d : deliberateDifferences()) {
        const QStringList hits = report.deliberate.value(d.name);
        qInfo().noquote() << s("  deliberate: %1 (%2 cases, e.g. %3)\n    %4").arg(d.name).arg(hits.size()).arg(hits.value(0), d.reason);
    }
    for (const Deliberate &d : strataAdditions()) {
        const QStringList hits = report.additions.value(d.name);
        qInfo().noquote() << s("  same outcome, Strata says more: %1 (%2 cases, e.g. %3)\n    %4").arg(d.name).arg(hits.size()).arg(hits.value(0), d.reason);
    }
    if (!report.mismatches.isEmpty())
        QFAIL(qPrintable(s("%1 cases differ from Alembic; the first:\n%2")
                             .arg(report.mismatches.size())
                             .arg(report.mismatches.mid(0, 15).join(QLatin1Char('\n')))));
    // Each listed difference and addition still happens (SQLite's per-step transactions only there).
    for (const Deliberate &d : deliberateDifferences())
        QVERIFY2(!report.deliberate.value(d.name).isEmpty() || (!sqlite && d.name == u"all-or-nothing"),
                 qPrintable(s("no case showed the deliberate difference %1: is it still one?").arg(d.name)));
    for (const Deliberate &d : strataAdditions())
        QVERIFY2(!report.additions.value(d.name).isEmpty(), qPrintable(s("no case exercised %1").arg(d.name)));
}

STRATA_TEST_MAIN(TestAlembicDiff)
#include "tst_alembicdiff.moc"
