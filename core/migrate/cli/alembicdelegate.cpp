#include "alembicdelegate.h"

#include "clidatabase.h"

#include "migrate/alembic/alembiccommand.h"
#include "migrate/alembic/alembicpreflight.h"
#include "migrate/alembic/alembicprocess.h"
#include "migrate/script/projectconfig.h"

#include <QFileInfo>

namespace strata::migrate::cli {

using namespace migrate::alembic;

namespace {

constexpr int kExitFailure = 1;

QStringList alembicCommandFor(const CliOptions &o)
{
    QStringList args{o.command};
    if (o.command == u"upgrade" || o.command == u"downgrade") {
        if (o.sql)
            args << QStringLiteral("--sql");
        args << o.positional;
    } else if (o.command == u"stamp") {
        if (o.sql)
            args << QStringLiteral("--sql");
        if (o.purge)
            args << QStringLiteral("--purge");
        args << o.positional;
    } else if (o.command == u"revision") {
        if (o.autogenerate)
            args << QStringLiteral("--autogenerate");
        if (!o.head.isEmpty())
            args << QStringLiteral("--head") << o.head;
        if (o.splice)
            args << QStringLiteral("--splice");
        if (!o.revId.isEmpty())
            args << QStringLiteral("--rev-id") << o.revId;
        args << QStringLiteral("-m") << o.message;
    } else if (o.command == u"merge") {
        if (!o.revId.isEmpty())
            args << QStringLiteral("--rev-id") << o.revId;
        args << QStringLiteral("-m") << o.message << (o.positional.isEmpty() ? QStringList{QStringLiteral("heads")} : o.positional);
    }
    return args;
}

} // namespace

bool isDelegatedToAlembic(const CliOptions &o)
{
    static const QStringList commands{QStringLiteral("upgrade"), QStringLiteral("downgrade"), QStringLiteral("stamp"),
                                      QStringLiteral("revision"), QStringLiteral("merge")};
    if (!commands.contains(o.command) || !QFileInfo::exists(o.config))
        return false;
    Result<ProjectConfig> config = ProjectConfig::load(o.config);
    return config && config->alembic;
}

int runAlembicDelegate(const CliOptions &o, QTextStream &out, QTextStream &err)
{
    Result<ProjectConfig> config = ProjectConfig::load(o.config);
    if (!config) {
        err << "strata-migrate: " << config.error().message << "\n";
        return kExitFailure;
    }
    const QString projectDir = config->projectDir;
    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    AlembicPreflight preflight(projectDir, env);
    Result<AlembicInstallation> found = Error(ErrorKind::Internal, QStringLiteral("no answer"));
    preflight.find({}, [&found](const Result<AlembicInstallation> &r) { found = r; });
    preflight.waitForIdle();
    if (!found) {
        err << "strata-migrate: " << found.error().message << "\n";
        return kExitFailure;
    }
    err << "strata-migrate: Alembic " << found->version << " (" << found->origin << ", " << found->python << ")\n";
    const QStringList base = AlembicCommand::base(QFileInfo(o.config).absoluteFilePath());
    const QStringList command = alembicCommandFor(o);
    if (AlembicCommand::touchesDatabase(command)) {
        Result<connection::ConnectionSpec> spec = connectionSpec(o, *config);
        if (!spec) {
            err << "strata-migrate: " << spec.error().message << "\n";
            return kExitFailure;
        }
        Result<AlembicTarget> target = Error(ErrorKind::Internal, QStringLiteral("no answer"));
        preflight.check(*found, base, spec->profile, spec->password, [&target](const Result<AlembicTarget> &r) { target = r; });
        preflight.waitForIdle();
        if (!target) {
            err << "strata-migrate: refused: cannot tell which database Alembic would use: " << target.error().message << "\n";
            return kExitFailure;
        }
        if (!target->matches()) {
            err << "strata-migrate: refused: " << target->refusal() << "\n"
                << "  Alembic would use:      " << target->configured.display() << "\n"
                << "  strata-migrate was given: " << target->expected.display() << "\n";
            if (target->overrideWorks())
                err << "  (env.py reads DATABASE_URL: set it to the database you mean, or fix alembic.ini)\n";
            return kExitFailure;
        }
        err << "strata-migrate: Alembic will connect to " << target->configured.display() << " (checked)\n";
    }
    err.flush();
    AlembicProcess process(*found, projectDir, config->scriptDir);
    process.setEnvironment(env);
    QObject::connect(&process, &AlembicProcess::lineRead, &process, [&out](const QString &line) {
        out << line << "\n";
        out.flush();
    });
    process.start(QStringList{QStringLiteral("--")} + base + command);
    process.waitForFinished();
    if (!process.result().startError.isEmpty())
        err << "strata-migrate: " << process.result().startError << "\n";
    return process.result().ok() ? 0 : (process.result().exitCode > 0 ? process.result().exitCode : kExitFailure);
}

} // namespace strata::migrate::cli
