#include "commands.h"

#include "autogencommand.h"
#include "clidatabase.h"
#include "errorreport.h"
#include "interruptsignals.h"
#include "migrate/migrationengine.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <optional>

namespace strata::migrate::cli {

namespace {

struct Context {
    const CliOptions &o;
    QTextStream &out;
    QTextStream &err;
    int fail(const Error &e)
    {
        if (e.kind == ErrorKind::Syntax && e.message.startsWith(QLatin1String("usage:")))
            return ExitUsage;
        reportError(e, o.json, out, err);
        return ExitFailure;
    }
    void json(const QJsonValue &v)
    {
        out << (v.isArray() ? QJsonDocument(v.toArray()) : QJsonDocument(v.toObject())).toJson(QJsonDocument::Indented);
    }
};

QJsonArray toJson(const QList<RevisionInfo> &list)
{
    QJsonArray a;
    for (const RevisionInfo &i : list)
        a.append(revisionToJson(i));
    return a;
}

void printLines(Context &c, const QList<RevisionInfo> &list, const FormatOptions &f)
{
    if (c.o.json) {
        c.json(toJson(list));
        return;
    }
    for (const RevisionInfo &i : list)
        c.out << (c.o.verbose ? formatRevisionLog(i) : formatRevisionLine(i, f)) << "\n";
}

int branches(Context &c, const MigrationEngine &e)
{
    const QList<RevisionInfo> points = e.branchPoints();
    if (c.o.json) {
        c.json(toJson(points));
        return ExitOk;
    }
    for (const RevisionInfo &bp : points) {
        FormatOptions f;
        f.includeBranches = true;
        c.out << (c.o.verbose ? formatRevisionLog(bp) : formatRevisionLine(bp, f)) << "\n";
        QStringList children;
        FormatOptions cf;
        cf.includeBranches = true;
        cf.includeDoc = c.o.verbose;
        for (const QString &child : bp.nextRevisions)
            children.append(QStringLiteral("%1 -> %2").arg(QString(bp.id.size(), QLatin1Char(' ')), formatRevisionLine(e.info(child), cf)));
        c.out << children.join(QLatin1Char('\n')) << "\n\n";
    }
    return ExitOk;
}

bool strictDrift(const Context &c, const MigrationEngine &e)
{
    return c.o.strict || e.config().strictDrift;
}

/// Status commands: warns about drifted revisions on `err`, or refuses (--strict). The
/// runner does the same itself for upgrade, downgrade and stamp.
int driftGate(Context &c, const MigrationEngine &e, const QSqlDatabase &db)
{
    Result<VerifyReport> r = e.verify(db);
    if (!r)
        return c.fail(r.error());
    QStringList lines;
    for (const VerifyEntry &v : r->drifted())
        lines.append(driftWarning(v));
    if (lines.isEmpty())
        return ExitOk;
    if (strictDrift(c, e))
        return c.fail(Error(ErrorKind::Migration, QStringLiteral("Refusing to run (strict drift check): %1").arg(lines.join(QStringLiteral("; "))))
                          .withDetail(QStringLiteral("Restore the file as it was applied, or run without --strict / strict_drift.")));
    for (const QString &line : std::as_const(lines))
        c.err << "WARNING: " << line << "\n";
    c.err.flush();
    return ExitOk;
}

// A run that failed; interrupted by a signal, it exits with 128 + the signal number.
int failRun(Context &c, const InterruptSignals &interrupts, const Error &e)
{
    const int code = c.fail(e);
    return interrupts.received() ? interrupts.exitCode() : code;
}

QString runLine(const MigrationEngine &e, const RunEvent &ev)
{
    const QStringList down = e.graph().node(ev.revision).downRevisions;
    const QString from = ev.direction == Direction::Upgrade ? down.join(QStringLiteral(", ")) : ev.revision;
    const QString to = ev.direction == Direction::Upgrade ? ev.revision : down.join(QStringLiteral(", "));
    return QStringLiteral("Running %1 %2 -> %3, %4").arg(directionName(ev.direction), from, to, ev.text);
}

int migrate(Context &c, const MigrationEngine &e, Direction direction)
{
    if (c.o.positional.size() != 1)
        return c.fail(Error(ErrorKind::Syntax, QStringLiteral("%1 needs exactly one target (see strata-migrate %1 --help)").arg(c.o.command)));
    const bool perMigration = c.o.transactionPerMigration || e.config().transactionPerMigration;
    if (c.o.sql) {
        Result<connection::ConnectionSpec> spec = connectionSpec(c.o, e.config());
        if (!spec)
            return c.fail(spec.error());
        Result<QString> sql = e.offlineSql(direction, c.o.positional.first(), spec->profile.driver, perMigration);
        if (!sql)
            return c.fail(sql.error());
        c.out << *sql;
        return ExitOk;
    }
    Database d;
    if (Status s = openDatabase(c.o, e.config(), d); !s)
        return c.fail(s.error());
    RunnerOptions ro;
    ro.transactionPerMigration = perMigration;
    ro.lockTimeoutSeconds = c.o.lockTimeout;
    ro.refuseDrift = strictDrift(c, e);
    ro.onEvent = [&](const RunEvent &ev) {
        switch (ev.kind) {
        case RunEvent::Kind::RevisionStarted: c.err << runLine(e, ev) << "\n"; break;
        case RunEvent::Kind::Statement:
            if (c.o.verbose)
                c.err << "  " << ev.file << ":" << ev.line << ": " << ev.text.simplified() << " (" << ev.durationMs << " ms)\n";
            break;
        case RunEvent::Kind::Waiting:
        case RunEvent::Kind::Warning:
        case RunEvent::Kind::Info: c.err << ev.text << "\n"; break;
        case RunEvent::Kind::Committed:
            if (c.o.verbose || !ev.text.startsWith(QLatin1String("Committed")))
                c.err << ev.text << "\n";
            else if (ev.text.contains(QLatin1String("non-transactional")))
                c.err << ev.text << "\n";
            break;
        case RunEvent::Kind::RevisionFinished: break;
        }
        c.err.flush();
    };
    MigrationRunner runner = e.runner(d.db, ro);
    InterruptSignals interrupts([&runner](const QString &signal) { runner.interrupt(signal); });
    Result<RunResult> r = direction == Direction::Upgrade ? runner.upgrade(c.o.positional.first()) : runner.downgrade(c.o.positional.first());
    if (!r)
        return failRun(c, interrupts, r.error());
    if (c.o.json) {
        QJsonArray steps;
        for (const StepResult &st : r->steps)
            steps.append(QJsonObject{{QStringLiteral("revision"), st.revision}, {QStringLiteral("direction"), directionName(st.direction)},
                                     {QStringLiteral("duration_ms"), st.durationMs}});
        c.json(QJsonObject{{QStringLiteral("start_heads"), QJsonArray::fromStringList(r->startHeads)},
                           {QStringLiteral("end_heads"), QJsonArray::fromStringList(r->endHeads)},
                           {QStringLiteral("steps"), steps}});
    } else if (r->nothingToDo()) {
        c.err << QStringLiteral("Nothing to do: the database is already at %1 (target %2)")
                     .arg(r->startHeads.isEmpty() ? QStringLiteral("base") : r->startHeads.join(QStringLiteral(", ")), c.o.positional.first())
              << "\n";
    }
    return ExitOk;
}

int stamp(Context &c, const MigrationEngine &e)
{
    if (c.o.positional.isEmpty())
        return c.fail(Error(ErrorKind::Syntax, QStringLiteral("stamp needs at least one target")));
    Database d;
    if (Status s = openDatabase(c.o, e.config(), d); !s)
        return c.fail(s.error());
    RunnerOptions ro;
    ro.lockTimeoutSeconds = c.o.lockTimeout;
    ro.refuseDrift = strictDrift(c, e);
    ro.onEvent = [&](const RunEvent &ev) { c.err << ev.text << "\n"; };
    MigrationRunner runner = e.runner(d.db, ro);
    InterruptSignals interrupts([&runner](const QString &signal) { runner.interrupt(signal); });
    Result<RunResult> r = runner.stamp(c.o.positional, c.o.purge);
    if (!r)
        return failRun(c, interrupts, r.error());
    if (c.o.json)
        c.json(QJsonObject{{QStringLiteral("start_heads"), QJsonArray::fromStringList(r->startHeads)},
                           {QStringLiteral("end_heads"), QJsonArray::fromStringList(r->endHeads)}});
    else
        c.err << "Stamped " << (r->endHeads.isEmpty() ? QStringLiteral("base") : r->endHeads.join(QStringLiteral(", "))) << "\n";
    return ExitOk;
}

int databaseStatus(Context &c, const MigrationEngine &e)
{
    Database d;
    if (Status s = openDatabase(c.o, e.config(), d); !s)
        return c.fail(s.error());
    Result<QStringList> heads = e.currentHeads(d.db);
    if (!heads)
        return c.fail(heads.error());
    if (c.o.command != u"verify")
        if (const int code = driftGate(c, e, d.db); code != ExitOk)
            return code;
    if (c.o.command == u"current") {
        Result<QList<RevisionInfo>> cur = e.current(*heads);
        if (!cur)
            return c.fail(cur.error());
        if (c.o.verbose && !c.o.json)
            c.out << "Current revision(s) for " << d.displayUrl << ":\n";
        printLines(c, *cur, FormatOptions{});
        return ExitOk;
    }
    if (c.o.command == u"check") {
        Result<CheckReport> r = e.check(d.db);
        if (!r)
            return c.fail(r.error());
        const QString cur = r->current.isEmpty() ? QStringLiteral("base") : r->current.join(QStringLiteral(", "));
        if (c.o.json)
            c.json(QJsonObject{{QStringLiteral("current"), QJsonArray::fromStringList(r->current)},
                               {QStringLiteral("heads"), QJsonArray::fromStringList(r->heads)},
                               {QStringLiteral("at_head"), r->atHead()}});
        else if (r->atHead())
            c.out << "Database is at head: " << cur << "\n";
        else
            c.out << "Database is not at head: current " << cur << "; head " << r->heads.join(QStringLiteral(", ")) << "\n";
        return r->atHead() ? ExitOk : ExitFailure;
    }
    if (c.o.command == u"verify") {
        Result<VerifyReport> r = e.verify(d.db);
        if (!r)
            return c.fail(r.error());
        QJsonArray entries;
        int drift = 0, unverified = 0;
        for (const VerifyEntry &v : r->entries) {
            const QString state = v.state == VerifyEntry::State::Ok ? QStringLiteral("ok")
                                  : v.state == VerifyEntry::State::Drift ? QStringLiteral("drift") : QStringLiteral("unverified");
            drift += v.state == VerifyEntry::State::Drift;
            unverified += v.state == VerifyEntry::State::Unverified;
            entries.append(QJsonObject{{QStringLiteral("revision"), v.revision}, {QStringLiteral("state"), state},
                                       {QStringLiteral("path"), v.path}, {QStringLiteral("recorded_checksum"), v.recordedChecksum},
                                       {QStringLiteral("file_checksum"), v.fileChecksum}, {QStringLiteral("reason"), v.reason},
                                       {QStringLiteral("older_format"), v.olderFormat}});
            if (!c.o.json)
                c.out << QStringLiteral("%1 %2 %3").arg(state.leftJustified(10), v.revision, v.path)
                      << (v.reason.isEmpty() || v.state == VerifyEntry::State::Unverified ? QString() : QStringLiteral(": ") + v.reason)
                      << "\n";
        }
        if (c.o.json)
            c.json(entries);
        else
            c.out << QStringLiteral("%1 revision(s) checked: %2 drifted, %3 unverified").arg(r->entries.size()).arg(drift).arg(unverified) << "\n";
        return drift > 0 ? ExitFailure : ExitOk;
    }
    // show current / history needing the current heads
    const bool history = c.o.command == u"history";
    Result<QList<RevisionInfo>> list = history ? e.history(c.o.range, *heads, c.o.indicateCurrent) : e.show(c.o.positional.value(0), *heads);
    if (!list)
        return c.fail(list.error());
    FormatOptions f{true, true, true, true};
    if (history)
        printLines(c, *list, f);
    else if (c.o.json)
        c.json(toJson(*list));
    else
        for (const RevisionInfo &i : std::as_const(*list))
            c.out << formatRevisionLog(i) << "\n";
    return ExitOk;
}

int authoring(Context &c, MigrationEngine &e)
{
    Result<RevisionScript> s = Error(ErrorKind::Internal, QString());
    if (c.o.command == u"revision") {
        if (!c.o.positional.isEmpty())
            return c.fail(Error(ErrorKind::Syntax, QStringLiteral("revision takes no arguments (use -m \"message\")")));
        NewRevisionOptions n{c.o.message, c.o.head, c.o.splice, c.o.branchLabels, c.o.dependsOn, c.o.revId};
        s = e.createRevision(n);
    } else {
        s = e.merge(c.o.positional, c.o.message, c.o.branchLabels, c.o.revId);
    }
    if (!s)
        return c.fail(s.error());
    if (c.o.json)
        c.json(QJsonObject{{QStringLiteral("revision"), s->id}, {QStringLiteral("path"), s->path}});
    else
        c.out << "  Generating " << s->path << " ...  done\n";
    return ExitOk;
}

} // namespace

int runCommand(const CliOptions &o, QTextStream &out, QTextStream &err, const mapping::MetaData *models)
{
    Context c{o, out, err};
    if (o.command == u"init") {
        const QString dir = o.positional.value(0, QStringLiteral("."));
        if (Status s = MigrationEngine::init(dir); !s)
            return c.fail(s.error());
        out << "Created " << QDir(dir).filePath(QStringLiteral("strata.ini")) << " and " << QDir(dir).filePath(QStringLiteral("versions/"))
            << "\nNext: strata-migrate revision -m \"first revision\"\n";
        return ExitOk;
    }
    Result<ProjectConfig> config = ProjectConfig::load(o.config);
    if (!config)
        return c.fail(config.error());
    Result<MigrationEngine> engine = MigrationEngine::open(*config);
    if (!engine)
        return c.fail(engine.error());
    for (const RevisionScript &script : engine->store().scripts())
        for (const RevisionWarning &w : script.warnings)
            err << cappedMessage(w.text()) << "\n";
    const QString &cmd = o.command;
    if (cmd == u"heads") {
        printLines(c, engine->heads(), FormatOptions{true, false, false, false});
        return ExitOk;
    }
    if (cmd == u"branches")
        return branches(c, *engine);
    if (cmd == u"revision" && o.autogenerate)
        return autogenerateRevision(o, *engine, out, err, models, terminalPrompt(err));
    if (cmd == u"revision" || cmd == u"merge")
        return authoring(c, *engine);
    if (cmd == u"upgrade")
        return migrate(c, *engine, Direction::Upgrade);
    if (cmd == u"downgrade")
        return migrate(c, *engine, Direction::Downgrade);
    if (cmd == u"stamp")
        return stamp(c, *engine);
    if (cmd == u"show" && o.positional.size() != 1)
        return c.fail(Error(ErrorKind::Syntax, QStringLiteral("show needs one revision")));
    // history and show read the database only for "current" (as Alembic's commands).
    const bool needsDatabase = cmd == u"show" ? o.positional.first() == u"current"
                                              : o.indicateCurrent || o.range.trimmed().split(QLatin1Char(':')).contains(QStringLiteral("current"));
    if ((cmd == u"history" || cmd == u"show") && !needsDatabase) {
        Result<QList<RevisionInfo>> list = cmd == u"history" ? engine->history(o.range, {}, false) : engine->show(o.positional.first(), {});
        if (!list)
            return c.fail(list.error());
        if (cmd == u"history")
            printLines(c, *list, FormatOptions{true, true, true, true});
        else if (o.json)
            c.json(toJson(*list));
        else
            for (const RevisionInfo &i : std::as_const(*list))
                out << formatRevisionLog(i) << "\n";
        return ExitOk;
    }
    return databaseStatus(c, *engine);
}

} // namespace strata::migrate::cli
