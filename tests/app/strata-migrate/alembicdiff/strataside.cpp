#include "strataside.h"

#include "support/scratchdatabase.h"

#include "migrate/cli/commandline.h"
#include "migrate/cli/commands.h"

#include <QProcess>
#include <QSqlError>
#include <QSqlQuery>
#include <QTextStream>

namespace alembicdiff {

namespace {

QStringList runningLines(const QString &err)
{
    QStringList out;
    for (const QString &line : err.split(QLatin1Char('\n')))
        if (line.startsWith(QLatin1String("Running ")))
            out.append(line);
    return out;
}

} // namespace

StrataSide::StrataSide(QString url, QString migrateBinary) : m_url(std::move(url)), m_binary(std::move(migrateBinary)) {}

StrataSide::~StrataSide()
{
    if (m_db.isValid())
        strata::test::closeTestDatabase(m_db);
}

bool StrataSide::open(QString *error)
{
    m_db = strata::test::openTestDatabase(m_url, error);
    if (!m_db.isOpen())
        return false;
    const QString e = strata::test::execAll(m_db, {QStringLiteral("CREATE TABLE IF NOT EXISTS strata_version (version_num VARCHAR(32) "
                                                                  "NOT NULL, CONSTRAINT strata_version_pkc PRIMARY KEY (version_num))")});
    if (!e.isEmpty() && error)
        *error = e;
    return e.isEmpty();
}

bool StrataSide::setRows(const QStringList &rows, QString *error)
{
    QStringList statements{QStringLiteral("DELETE FROM strata_version")};
    for (const QString &r : rows)
        statements.append(QStringLiteral("INSERT INTO strata_version (version_num) VALUES ('%1')").arg(r));
    const QString e = strata::test::execAll(m_db, statements);
    if (error)
        *error = e;
    return e.isEmpty();
}

QStringList StrataSide::readRows()
{
    QSqlQuery q(m_db);
    QStringList rows;
    // The table is gone after an offline-style drop; an absent table has no rows.
    if (!q.exec(QStringLiteral("SELECT version_num FROM strata_version")))
        return rows;
    while (q.next())
        rows.append(q.value(0).toString());
    rows.sort();
    return rows;
}

Outcome StrataSide::run(const Case &c, const QString &ini, bool viaProcess)
{
    Outcome o;
    QString setupError;
    if (!setRows(c.rows, &setupError)) {
        o.error = QStringLiteral("test setup: ") + setupError;
        return o;
    }
    const QStringList args = QStringList{QStringLiteral("-c"), ini, QStringLiteral("--url"), m_url} + c.strataArguments();
    QString err;
    if (viaProcess) {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("DATABASE_URL"));
        env.remove(QStringLiteral("STRATA_DATABASE_URL"));
        p.setProcessEnvironment(env);
        p.start(m_binary, args);
        p.waitForFinished(60000);
        o.ok = p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
        o.out = QString::fromUtf8(p.readAllStandardOutput());
        err = QString::fromUtf8(p.readAllStandardError());
    } else {
        using namespace strata::migrate::cli;
        const strata::Result<CliOptions> options = parseCommandLine(args);
        if (!options) {
            err = options.error().message;
        } else {
            QTextStream out(&o.out);
            QTextStream errStream(&err);
            o.ok = runCommand(*options, out, errStream) == ExitOk;
            out.flush();
            errStream.flush();
        }
    }
    o.error = err;
    o.running = runningLines(err);
    o.rows = readRows();
    return o;
}

} // namespace alembicdiff
