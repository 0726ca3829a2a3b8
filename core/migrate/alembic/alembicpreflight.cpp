#include "alembicpreflight.h"

#include "toolenvironments.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

namespace strata::migrate::alembic {

namespace {
const QString kUrlVariable = QStringLiteral("STRATA_ALEMBIC_URL");
const QString kProbePrefix = QStringLiteral("STRATA_ALEMBIC_URL ");

QString tail(const QStringList &lines, int n)
{
    return lines.mid(std::max(0, static_cast<int>(lines.size()) - n)).join(QLatin1Char('\n'));
}
} // namespace

QString AlembicTarget::refusal() const
{
    return QStringLiteral("Alembic would connect to %1, but this is %2. Strata runs nothing against a database "
                          "other than the one shown.")
        .arg(configured.display(), expected.display());
}

AlembicOverride AlembicOverride::forProfile(const connection::ConnectionProfile &profile,
                                            const std::optional<QString> &password, QProcessEnvironment base)
{
    AlembicOverride o;
    const QString url = sqlalchemyUrl(profile);
    base.insert(kUrlVariable, url);
    base.insert(QStringLiteral("DATABASE_URL"), url);
    if (password && !profile.isSqlite())
        base.insert(QStringLiteral("PGPASSWORD"), *password);
    o.environment = base;
    o.options = {QStringLiteral("--url-env"), kUrlVariable};
    return o;
}

QString AlembicOverride::description()
{
    return QStringLiteral("Strata set sqlalchemy.url and DATABASE_URL to this connection (password through PGPASSWORD)");
}

AlembicPreflight::AlembicPreflight(QString projectDir, QProcessEnvironment env, QObject *parent)
    : QObject(parent), m_projectDir(std::move(projectDir)), m_env(std::move(env))
{
}

void AlembicPreflight::find(const QString &chosen, Located done)
{
    ++m_busy;
    auto *tools = new ToolEnvironments(m_projectDir, m_env, this);
    tools->setTimeout(m_toolTimeoutMs);
    tools->find([this, tools, chosen, done = std::move(done)](const QList<AlembicInstallation> &found) {
        tools->deleteLater();
        tryCandidate(AlembicLocator::candidates(m_projectDir, m_env, chosen, found), found,
                     [this, done](const Result<AlembicInstallation> &r) {
                         --m_busy;
                         done(r);
                     });
    });
}

void AlembicPreflight::locate(const QList<AlembicInstallation> &candidates, Located done)
{
    ++m_busy;
    tryCandidate(candidates, {}, [this, done = std::move(done)](const Result<AlembicInstallation> &r) {
        --m_busy;
        done(r);
    });
}

void AlembicPreflight::tryCandidate(QList<AlembicInstallation> rest, QList<AlembicInstallation> tools, Located done)
{
    if (rest.isEmpty()) {
        done(Error(ErrorKind::NotFound, AlembicLocator::installAdvice(m_projectDir, m_env, tools)));
        return;
    }
    const AlembicInstallation candidate = rest.takeFirst();
    auto *p = new AlembicProcess(candidate, m_projectDir, {}, this);
    p->setEnvironment(m_env);
    connect(p, &AlembicProcess::finished, this, [this, p, rest, tools, done = std::move(done)]() mutable {
        p->deleteLater();
        if (p->result().ok()) {
            AlembicInstallation found = p->installation();
            for (const QString &line : p->result().lines)
                if (line.startsWith(QLatin1String("alembic ")))
                    found.version = line.mid(8).trimmed();
            if (!found.version.isEmpty()) {
                done(found);
                return;
            }
        }
        tryCandidate(std::move(rest), std::move(tools), std::move(done));
    });
    p->start({QStringLiteral("--version")});
}

Result<DatabaseLocation> AlembicPreflight::parseProbe(const AlembicProcess &probe)
{
    const AlembicRunResult &r = probe.result();
    if (!r.started)
        return Error(ErrorKind::Io, r.startError);
    for (const QString &line : r.lines) {
        if (!line.startsWith(kProbePrefix))
            continue;
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(line.mid(kProbePrefix.size()).toUtf8(), &error);
        if (!doc.isObject())
            return Error(ErrorKind::Internal, QStringLiteral("Unreadable probe report: %1").arg(error.errorString()));
        return DatabaseLocation::fromProbe(doc.object());
    }
    if (r.lines.contains(QStringLiteral("STRATA_ALEMBIC_NO_ENGINE")))
        return Error(ErrorKind::Unsupported,
                     QStringLiteral("env.py made no engine with SQLAlchemy's create_engine or engine_from_config, so "
                                    "Strata cannot tell which database Alembic would use; nothing was run."));
    return Error(ErrorKind::Migration, QStringLiteral("Alembic's env.py failed before it chose a database (exit code %1):\n%2")
                                           .arg(r.exitCode)
                                           .arg(tail(r.lines, 6)));
}

void AlembicPreflight::probe(const AlembicInstallation &installation, const QStringList &args,
                             const QProcessEnvironment &env, std::function<void(const Result<DatabaseLocation> &)> done)
{
    auto *p = new AlembicProcess(installation, m_projectDir, {}, this);
    p->setEnvironment(env);
    connect(p, &AlembicProcess::finished, this, [p, done = std::move(done)] {
        p->deleteLater();
        done(parseProbe(*p));
    });
    p->start(args);
}

void AlembicPreflight::check(const AlembicInstallation &installation, const QStringList &baseArgs,
                             const connection::ConnectionProfile &expected, const std::optional<QString> &password,
                             Checked done)
{
    ++m_busy;
    auto finish = [this, done = std::move(done)](const Result<AlembicTarget> &r) {
        --m_busy;
        done(r);
    };
    const QStringList command = baseArgs + QStringList{QStringLiteral("current")};
    probe(installation, QStringList{QStringLiteral("--probe"), QStringLiteral("--")} + command, m_env,
          [=, this](const Result<DatabaseLocation> &configured) {
              if (!configured) {
                  finish(configured.error());
                  return;
              }
              AlembicTarget target;
              target.configured = *configured;
              target.expected = DatabaseLocation::fromProfile(expected);
              if (target.matches()) {
                  finish(target);
                  return;
              }
              const AlembicOverride o = AlembicOverride::forProfile(expected, password, m_env);
              probe(installation, QStringList{QStringLiteral("--probe")} + o.options + QStringList{QStringLiteral("--")} + command,
                    o.environment, [=](const Result<DatabaseLocation> &overridden) {
                        AlembicTarget t = target;
                        if (overridden) {
                            t.overridden = *overridden;
                            t.overrideHow = AlembicOverride::description();
                        }
                        finish(t);
                    });
          });
}

void AlembicPreflight::waitForIdle()
{
    while (m_busy > 0) {
        QEventLoop loop;
        QTimer::singleShot(20, &loop, &QEventLoop::quit);
        loop.exec();
    }
}

} // namespace strata::migrate::alembic
