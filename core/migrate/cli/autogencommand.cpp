#include "autogencommand.h"

#include "clidatabase.h"
#include "errorreport.h"

#include "base/quotedtext.h"
#include "mapping/metadata.h"
#include "migrate/autogen/autogenerator.h"
#include "migrate/autogen/snapshotsources.h"
#include "migrate/migrationengine.h"
#include "migrate/script/revisionwriter.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cstdio>
#include <memory>
#ifdef Q_OS_WIN
#include <io.h>
#define STRATA_ISATTY _isatty
#else
#include <unistd.h>
#define STRATA_ISATTY isatty
#endif

namespace strata::migrate::cli {

namespace {

using autogen::RenameProposal;

const char kNoModels[] =
    "--target models: this strata-migrate was built without models. Build a runner that passes your MetaData, "
    "as Alembic's env.py sets target_metadata:\n"
    "    int main(int argc, char **argv) {\n"
    "        strata::mapping::MetaData models;\n"
    "        models.add<Book, Author>();\n"
    "        return strata::migrate::runCommandLine(argc, argv, &models);\n"
    "    }\n"
    "(see examples/books/migrate.cpp), or compare with --target SCHEMA.sql or --target URL.";

QString describe(const RenameProposal &p)
{
    if (p.kind == RenameProposal::Kind::Table)
        return QStringLiteral("table %1 -> %2").arg(p.from, p.to);
    return QStringLiteral("column %1.%2 -> %1.%3").arg(p.table, p.from, p.to);
}

QString renameOption(const RenameProposal &p)
{
    return p.kind == RenameProposal::Kind::Table ? QStringLiteral("%1=%2").arg(p.from, p.to)
                                                 : QStringLiteral("%1.%2=%3").arg(p.table, p.from, p.to);
}

bool sameRename(const RenameProposal &a, const RenameProposal &b)
{
    return a.kind == b.kind && a.from == b.from && a.to == b.to && (a.kind == RenameProposal::Kind::Table || a.table == b.table);
}

bool containsRename(const QList<RenameProposal> &list, const RenameProposal &p)
{
    return std::any_of(list.cbegin(), list.cend(), [&p](const RenameProposal &r) { return sameRename(r, p); });
}

bool isUrlTarget(const QString &target)
{
    return target != u"models" && !target.endsWith(QLatin1String(".sql"), Qt::CaseInsensitive);
}

QString targetOf(const CliOptions &o, const mapping::MetaData *models)
{
    return o.target.isEmpty() && models ? QStringLiteral("models") : o.target;
}

// The target in dialect `kind`: `server` is an open database of that dialect for a
// schema.sql's scratch schema (PostgreSQL; SQLite uses an in-memory database).
Result<ops::SchemaSnapshot> readTarget(const QString &target, dialect::DialectKind kind, QSqlDatabase *server,
                                       const mapping::MetaData *models, autogen::CompareOptions &compare)
{
    if (target.isEmpty())
        return Error(ErrorKind::Syntax, QStringLiteral("revision --autogenerate needs --target models|SCHEMA.sql|URL"));
    if (target == u"models") {
        if (!models)
            return Error(ErrorKind::Unsupported, QString::fromUtf8(kNoModels));
        compare.compareViews = false;   // models map tables only; the database's views stay
        return autogen::snapshotFromMetaData(*models, dialect::dialectFor(kind));
    }
    QFile file(target);
    if (!file.open(QIODevice::ReadOnly))
        return Error(ErrorKind::Io, QStringLiteral("Cannot read %1: %2").arg(target, file.errorString()));
    return autogen::snapshotFromScripts(kind, server, {{target, QString::fromUtf8(file.readAll())}});
}

Result<ops::SchemaSnapshot> readTargetUrl(const QString &target, Database &database)
{
    Database other;
    if (Status s = openUrl(target, QDir::currentPath(), other); !s)
        return s.error();
    if (other.kind != database.kind)
        return Error(ErrorKind::Unsupported, QStringLiteral("--target %1 is not the same kind of database as %2").arg(other.displayUrl, database.displayUrl));
    return autogen::readSnapshot(other.db);
}

// One dialect's side of a project that targets both.
struct DialectSide {
    ops::SchemaSnapshot current;
    autogen::Comparison comparison;
};

dialect::DialectKind kindNamed(const QString &name)
{
    return name == u"postgresql" ? dialect::DialectKind::Postgres : dialect::DialectKind::Sqlite;
}

// The dialects of strata.ini's `dialects` other than the live database's: each compared
// from the project's revisions replayed in a scratch database to the target in that
// dialect, with the renames decided for the live database.
Error prefixed(const QString &prefix, Error e)
{
    e.message = prefix + e.message;
    return e;
}

Result<QList<DialectSide>> otherDialects(const CliOptions &o, const ProjectConfig &config, const Database &database,
                                         const mapping::MetaData *models, autogen::CompareOptions options,
                                         const QList<RenameProposal> &renames)
{
    const QString live = dialect::dialectFor(database.kind).name();
    if (!config.dialects.isEmpty() && !config.dialects.contains(live))
        return Error(ErrorKind::Unsupported, QStringLiteral("%1 is a %2 database, but strata.ini's dialects names only %3")
                                                 .arg(database.displayUrl, live, config.dialects.join(QStringLiteral(", "))));
    QList<DialectSide> sides;
    const QString target = targetOf(o, models);
    for (const QString &name : config.dialects) {
        if (name == live)
            continue;
        if (isUrlTarget(target))
            return Error(ErrorKind::Unsupported, QStringLiteral("--target %1 gives only that database's dialect, but strata.ini's "
                                                                "dialects names %2: compare with --target models or --target SCHEMA.sql")
                                                     .arg(target, config.dialects.join(QStringLiteral(", "))));
        const dialect::DialectKind kind = kindNamed(name);
        Database scratch;
        if (kind == dialect::DialectKind::Postgres) {
            if (o.scratchUrl.isEmpty())
                return Error(ErrorKind::Unsupported, QStringLiteral("strata.ini's dialects names postgresql too: its section is compared in a "
                                                                    "temporary schema on a PostgreSQL server (rolled back, nothing is left); "
                                                                    "pass --scratch-url postgresql://USER@HOST/DATABASE"));
            if (Status s = openUrl(o.scratchUrl, QDir::currentPath(), scratch); !s)
                return s.error();
            if (scratch.kind != kind)
                return Error(ErrorKind::Unsupported, QStringLiteral("--scratch-url %1 is not a PostgreSQL database").arg(scratch.displayUrl));
        }
        QSqlDatabase *server = scratch.db.isOpen() ? &scratch.db : nullptr;
        Result<ops::SchemaSnapshot> wanted = readTarget(target, kind, server, models, options);
        if (!wanted)
            return prefixed(name + QStringLiteral(": "), wanted.error());
        Result<ops::SchemaSnapshot> current = autogen::snapshotFromRevisions(config, kind, server);
        if (!current)
            return prefixed(name + QStringLiteral(": replaying the revisions: "), current.error());
        autogen::CompareOptions same = options;
        same.proposeRenames = false;
        same.forcedRenames.clear();
        for (const RenameProposal &r : renames)
            same.forcedRenames.append(renameOption(r));
        Result<autogen::Comparison> comparison = autogen::compare(*current, *wanted, same);
        if (!comparison)
            return prefixed(name + QStringLiteral(": "), comparison.error());
        sides.append({*current, *comparison});
    }
    return sides;
}

QJsonObject toJson(const RevisionScript &script, const autogen::Comparison &comparison, const QList<RenameProposal> &unapplied)
{
    QJsonArray operations, renames, proposals;
    for (const ops::Operation &op : comparison.operations)
        operations.append(ops::describe(op));
    for (const RenameProposal &r : comparison.renames)
        renames.append(describe(r));
    for (const RenameProposal &r : unapplied)
        proposals.append(renameOption(r));
    return QJsonObject{{QStringLiteral("revision"), script.id}, {QStringLiteral("path"), script.path},
                       {QStringLiteral("operations"), operations}, {QStringLiteral("renames"), renames},
                       {QStringLiteral("unapplied_renames"), proposals}};
}

} // namespace

Prompt terminalPrompt(QTextStream &out)
{
    if (!STRATA_ISATTY(fileno(stdin)))
        return {};
    auto in = std::make_shared<QTextStream>(stdin);
    return [in, &out](const QString &question) {
        out << question << " [Y/n] ";
        out.flush();
        const QString answer = in->readLine().trimmed().toLower();
        return answer.isEmpty() || answer == u"y" || answer == u"yes";
    };
}

Result<autogen::Comparison> settleRenames(const ops::SchemaSnapshot &current, const ops::SchemaSnapshot &target,
                                          autogen::CompareOptions options, const Prompt &prompt, QList<RenameProposal> *unapplied)
{
    const bool propose = options.proposeRenames;
    options.proposeRenames = false;
    Result<autogen::Comparison> forced = autogen::compare(current, target, options);
    if (!forced || !propose)
        return forced;
    options.proposeRenames = true;
    QList<RenameProposal> decided = forced->renames;
    // Each rejection may free a table or column for another proposal: ask until none is new.
    for (;;) {
        Result<autogen::Comparison> comparison = autogen::compare(current, target, options);
        if (!comparison)
            return comparison;
        bool asked = false;
        for (RenameProposal p : std::as_const(comparison->renames)) {
            if (containsRename(decided, p))
                continue;
            asked = true;
            if (prompt && prompt(QStringLiteral("Rename %1?").arg(describe(p)))) {
                decided.append(p);
                continue;
            }
            p.accepted = false;
            options.rejected.append(p);
            if (unapplied && !prompt)
                unapplied->append(p);
        }
        if (!asked)
            return comparison;
    }
}

int autogenerateRevision(const CliOptions &o, MigrationEngine &engine, QTextStream &out, QTextStream &err,
                         const mapping::MetaData *models, const Prompt &prompt)
{
    const auto fail = [&](const Error &e) {
        reportError(e, o.json, out, err);
        return e.kind == ErrorKind::Syntax ? int(ExitUsage) : int(ExitFailure);
    };
    if (!o.positional.isEmpty())
        return fail(Error(ErrorKind::Syntax, QStringLiteral("revision takes no arguments (use -m \"message\")")));
    Database database;
    if (Status s = openDatabase(o, engine.config(), database); !s)
        return fail(s.error());
    Result<CheckReport> check = engine.check(database.db);
    if (!check)
        return fail(check.error());
    if (!check->atHead())
        return fail(Error(ErrorKind::Migration, QStringLiteral("Target database is not up to date.")));
    autogen::CompareOptions options;
    options.forcedRenames = o.renames;
    options.proposeRenames = !o.noRenames;
    options.ignoreTables << engine.config().versionTable << engine.config().historyTable();
    const QString targetName = targetOf(o, models);
    Result<ops::SchemaSnapshot> target = isUrlTarget(targetName) && !targetName.isEmpty()
                                             ? readTargetUrl(targetName, database)
                                             : readTarget(targetName, database.kind, &database.db, models, options);
    if (!target)
        return fail(target.error());
    Result<ops::SchemaSnapshot> current = autogen::readSnapshot(database.db, target->schema);
    if (!current)
        return fail(current.error());
    QList<RenameProposal> unapplied;
    Result<autogen::Comparison> comparison = settleRenames(*current, *target, options, prompt, &unapplied);
    if (!comparison)
        return fail(comparison.error());
    for (const ops::Operation &op : std::as_const(comparison->operations))
        err << "Detected " << commentText(ops::describe(op)) << "\n";
    for (const RenameProposal &p : std::as_const(unapplied))
        err << "Proposed rename not applied: " << commentText(describe(p)) << " (pass --rename " << commentText(renameOption(p))
            << " to apply it)\n";
    Result<QList<DialectSide>> others = otherDialects(o, engine.config(), database, models, options, comparison->renames);
    if (!others)
        return fail(others.error());
    bool empty = comparison->isEmpty();
    autogen::AutogenRequest request;
    request.message = o.message;
    request.operations = comparison->operations;
    request.before = {*current};
    request.operationsPerDialect = {comparison->operations};
    for (const DialectSide &side : std::as_const(*others)) {
        for (const ops::Operation &op : side.comparison.operations)
            err << "Detected (" << dialect::dialectFor(side.current.dialect).name() << ") " << commentText(ops::describe(op)) << "\n";
        empty = empty && side.comparison.isEmpty();
        request.before.append(side.current);
        request.operationsPerDialect.append(side.comparison.operations);
    }
    if (empty)
        err << "No changes in schema detected.\n";
    request.revisionId = o.revId;
    if (o.sql) {   // a preview: the file's text, nothing written
        Result<RevisionScript> preview = autogen::renderRevision(engine.config(), request);
        if (!preview)
            return fail(preview.error());
        out << RevisionWriter::render(*preview);
        return ExitOk;
    }
    Result<RevisionScript> script = autogen::writeRevision(engine.config(), request);
    if (!script)
        return fail(script.error());
    if (o.json)
        out << QJsonDocument(toJson(*script, *comparison, unapplied)).toJson(QJsonDocument::Indented);
    else
        out << "  Generating " << script->path << " ...  done\n";
    return ExitOk;
}

} // namespace strata::migrate::cli
