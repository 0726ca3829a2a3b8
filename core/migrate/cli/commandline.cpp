#include "commandline.h"

#include "base/quotedtext.h"
#include "connection/redaction.h"

#include <QRegularExpression>

namespace strata::migrate::cli {

namespace {

struct CommandDoc {
    const char *name;
    const char *usage;
    const char *text;
};

const CommandDoc kCommands[] = {
    {"init", "init [DIRECTORY]", "Create a migrations project: DIRECTORY/strata.ini and DIRECTORY/versions/ (default: the current directory)."},
    {"revision", "revision -m MESSAGE [--head REV] [--splice] [--branch-label LABEL] [--depends-on REV]... [--rev-id ID]\n"
                 "           [--autogenerate [--target models|SCHEMA.sql|URL] [--rename OLD=NEW]... [--no-renames]\n"
                 "            [--scratch-url postgresql://...]]",
     "Create a new revision file on the current head: empty, or with --autogenerate the schema changes.\n"
     "  -m, --message MESSAGE   what the revision does (also names the file)\n"
     "  --head REV              base it on REV instead of the single head; 'base' starts a new base\n"
     "  --splice                allow --head to name a revision that is not a head (a new branch)\n"
     "  --branch-label LABEL    give the new branch a label (LABEL@head then names its head)\n"
     "  --depends-on REV        also depend on REV (repeatable, or comma-separated)\n"
     "  --rev-id ID             use ID instead of a generated 12-character id\n"
     "  --autogenerate          fill the revision with the changes that turn the database into --target\n"
     "  --target TARGET         models (the runner's mapped structs), a schema.sql file, or a database URL\n"
     "  --rename OLD=NEW        rename table OLD to NEW (TABLE.OLD=NEW: a column) instead of drop + add; repeatable\n"
     "  --no-renames            never propose renames\n"
     "  --scratch-url URL       a PostgreSQL server for the other dialect's scratch schema, when strata.ini's\n"
     "                          dialects names both and the database is SQLite (nothing is left on it)\n"
     "  --sql                   with --autogenerate: print the revision instead of writing it\n"
     "Rename proposals (a table or column that disappears while one of the same shape appears) are asked\n"
     "about on a terminal; otherwise only --rename ones are applied and the others are listed."},
    {"merge", "merge -m MESSAGE [--branch-label LABEL] [--rev-id ID] REV REV...",
     "Create a merge revision of two or more revisions ('heads' merges every head)."},
    {"upgrade", "upgrade [--sql] [--transaction-per-migration] TARGET",
     "Upgrade the database to TARGET: head, heads, a revision id (or a unique prefix of at least 4 characters),\n"
     "LABEL@head, +N, REV+N. With --sql, print the SQL script for [START:]TARGET instead of connecting."},
    {"downgrade", "downgrade [--sql] [--transaction-per-migration] TARGET",
     "Downgrade the database to TARGET: base, a revision id, -N, LABEL@-N, REV-N, head-1.\n"
     "With --sql, print the SQL script for START:TARGET instead of connecting."},
    {"stamp", "stamp [--purge] TARGET...",
     "Set the version table to TARGET(s) without running any SQL. Several targets become exactly those rows;\n"
     "--purge empties the table first (also when it names revisions that no longer exist)."},
    {"current", "current [--verbose]", "Show the revision(s) the database is at."},
    {"heads", "heads [--verbose]", "Show the head revisions of the project."},
    {"branches", "branches [--verbose]", "Show the branch points and the revisions they branch into."},
    {"history", "history [-r RANGE] [--verbose] [--indicate-current]",
     "List revisions, newest first. RANGE is [START]:[END] (base, heads, current, ids, -N, +N)."},
    {"show", "show REV", "Show one revision in detail ('current' shows the database's revisions)."},
    {"check", "check", "Exit 0 when the database is at the head revision(s), 1 when it is not (for CI)."},
    {"verify", "verify",
     "Compare the applied revisions with their files (both sections, for the database's dialect): an\n"
     "edited applied file is drift (exit 1); revisions applied without a recorded checksum (stamp,\n"
     "Alembic) are listed as unverified. Every command that connects warns about drift (--strict refuses)."},
    {"codegen", "codegen --url URL (--table NAME... | --all) [--schema S] [--namespace NS] [--struct NAME] [--include PATH] [-o FILE]",
     "Print C++ mappings (a struct and its Mapping<T>) of existing tables: the reverse of MetaData::createAll.\n"
     "'strata-migrate codegen --help' lists its options."},
    {"models-sql", "models-sql [--dialect sqlite|postgresql]",
     "Print the CREATE statements of the runner's models (its mapped structs) for the dialect (default sqlite),\n"
     "each ending with ';': a schema.sql of the models, e.g. for Strata's Schema diff. Needs no project or database;\n"
     "the generic strata-migrate has no models and fails (exit 1)."},
};

const CommandDoc *findCommand(const QString &name)
{
    for (const CommandDoc &c : kCommands)
        if (name == QLatin1String(c.name))
            return &c;
    return nullptr;
}

Error usage(const QString &message)
{
    return Error(ErrorKind::Syntax, message);
}

} // namespace

bool isKnownCommand(const QString &command)
{
    return findCommand(command) != nullptr;
}

QString helpText(const QString &command)
{
    if (const CommandDoc *c = findCommand(command))
        return QStringLiteral("usage: strata-migrate [GLOBAL OPTIONS] %1\n\n%2\n")
            .arg(QLatin1String(c->usage), QString::fromUtf8(c->text));
    QString text = QStringLiteral(
        "usage: strata-migrate [GLOBAL OPTIONS] COMMAND [ARGS]\n\n"
        "Schema migrations for SQLite and PostgreSQL with Alembic's commands and semantics;\n"
        "revisions are plain SQL files in the project's versions/ directory.\n\n"
        "Global options:\n"
        "  -c, --config PATH          the project file (default: ./strata.ini; an alembic.ini is read-only)\n"
        "  --url URL                  database URL (else STRATA_DATABASE_URL, DATABASE_URL, then the file's url)\n"
        "  --lock-timeout SECONDS     wait at most this long for the migration lock (default 60)\n"
        "  --sql                      upgrade/downgrade: print the SQL script, do not connect\n"
        "  --transaction-per-migration  commit each revision on its own\n"
        "  --strict                   refuse to run while an applied revision's file differs from what ran\n"
        "                             (drift; also strict_drift = true in strata.ini); without it, a warning\n"
        "  --json                     print results as JSON\n"
        "  -h, --help                 this help; COMMAND --help for a command's help\n"
        "  --version                  print the version\n\n"
        "Commands:\n");
    for (const CommandDoc &c : kCommands)
        text += QStringLiteral("  %1\n").arg(QLatin1String(c.usage));
    text += QStringLiteral(
        "\nExit codes: 0 success (also 'nothing to do'); 1 failure (an error, 'check' not at head,\n"
        "'verify' found drift); 2 usage error; 130/143 upgrade, downgrade or stamp interrupted by\n"
        "SIGINT/SIGTERM (the running statement cancelled, its transaction rolled back, the lock released).\n");
    return text;
}

Result<CliOptions> parseCommandLine(const QStringList &arguments)
{
    CliOptions o;
    static const QRegularExpression relative(QStringLiteral("^-\\d+$"));
    bool onlyPositional = false;
    for (int i = 0; i < arguments.size(); ++i) {
        const QString arg = arguments[i];
        QString name = arg, inlineValue;
        bool hasInline = false;
        if (arg.startsWith(QLatin1String("--")) && arg.contains(QLatin1Char('='))) {
            name = arg.section(QLatin1Char('='), 0, 0);
            inlineValue = arg.section(QLatin1Char('='), 1);
            hasInline = true;
        }
        auto value = [&]() -> Result<QString> {
            if (hasInline)
                return inlineValue;
            if (i + 1 >= arguments.size())
                return usage(QStringLiteral("option %1 needs a value").arg(name));
            return arguments[++i];
        };
        auto take = [&](QString &target) -> Status {
            Result<QString> v = value();
            if (!v)
                return v.error();
            target = *v;
            return {};
        };
        auto takeList = [&](QStringList &target) -> Status {
            Result<QString> v = value();
            if (!v)
                return v.error();
            for (const QString &part : v->split(QLatin1Char(','), Qt::SkipEmptyParts))
                target.append(part.trimmed());
            return {};
        };
        Status st;
        if (onlyPositional || !arg.startsWith(QLatin1Char('-')) || arg == u"-" || relative.match(arg).hasMatch()) {
            if (o.command.isEmpty())
                o.command = arg;
            else
                o.positional.append(arg);
            continue;
        }
        if (name == u"--")
            onlyPositional = true;
        else if (name == u"-c" || name == u"--config")
            st = take(o.config);
        else if (name == u"--url")
            st = take(o.url);
        else if (name == u"--lock-timeout") {
            QString v;
            st = take(v);
            bool ok = false;
            o.lockTimeout = v.toInt(&ok);
            if (st && (!ok || o.lockTimeout < 0))
                st = usage(QStringLiteral("--lock-timeout needs a number of seconds, not '%1'")
                               .arg(quotedInput(connection::redactSecrets(v, connection::secretsIn(v)))));
        } else if (name == u"--json")
            o.json = true;
        else if (name == u"--sql")
            o.sql = true;
        else if (name == u"--transaction-per-migration")
            o.transactionPerMigration = true;
        else if (name == u"--strict")
            o.strict = true;
        else if (name == u"-h" || name == u"--help")
            o.help = true;
        else if (name == u"--version")
            o.version = true;
        else if (name == u"-m" || name == u"--message")
            st = take(o.message);
        else if (name == u"--head")
            st = take(o.head);
        else if (name == u"--splice")
            o.splice = true;
        else if (name == u"--branch-label")
            st = takeList(o.branchLabels);
        else if (name == u"--depends-on")
            st = takeList(o.dependsOn);
        else if (name == u"--rev-id")
            st = take(o.revId);
        else if (name == u"--purge")
            o.purge = true;
        else if (name == u"-r" || name == u"--rev-range")
            st = take(o.range);
        else if (name == u"-v" || name == u"--verbose")
            o.verbose = true;
        else if (name == u"--autogenerate")
            o.autogenerate = true;
        else if (name == u"--target")
            st = take(o.target);
        else if (name == u"--rename") {
            QString v;
            st = take(v);
            o.renames.append(v.trimmed());
        } else if (name == u"--dialect")
            st = take(o.dialect);
        else if (name == u"--scratch-url")
            st = take(o.scratchUrl);
        else if (name == u"--no-renames")
            o.noRenames = true;
        else if (name == u"-i" || name == u"--indicate-current")
            o.indicateCurrent = true;
        else
            st = usage(QStringLiteral("unknown option %1").arg(name)); // never its value: --URL=postgresql://u:pw@...
        if (!st)
            return st.error();
    }
    if (!o.command.isEmpty() && !isKnownCommand(o.command))
        return usage(QStringLiteral("unknown command '%1'")
                         .arg(quotedInput(connection::redactSecrets(o.command, connection::secretsIn(o.command)))));
    return o;
}

} // namespace strata::migrate::cli
