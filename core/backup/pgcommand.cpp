#include "pgcommand.h"

#include <QDir>
#include <QRegularExpression>

namespace strata::backup {

namespace {

// libpq keywords and the environment variables that set them (libpq's "Environment
// Variables" table). Keywords that are secrets (password, sslpassword) are never passed.
const QMap<QString, QString> &keywordVariables()
{
    static const QMap<QString, QString> map{
        {QStringLiteral("hostaddr"), QStringLiteral("PGHOSTADDR")},
        {QStringLiteral("channel_binding"), QStringLiteral("PGCHANNELBINDING")},
        {QStringLiteral("options"), QStringLiteral("PGOPTIONS")},
        {QStringLiteral("application_name"), QStringLiteral("PGAPPNAME")},
        {QStringLiteral("sslmode"), QStringLiteral("PGSSLMODE")},
        {QStringLiteral("requiressl"), QStringLiteral("PGREQUIRESSL")},
        {QStringLiteral("sslcompression"), QStringLiteral("PGSSLCOMPRESSION")},
        {QStringLiteral("sslcert"), QStringLiteral("PGSSLCERT")},
        {QStringLiteral("sslkey"), QStringLiteral("PGSSLKEY")},
        {QStringLiteral("sslrootcert"), QStringLiteral("PGSSLROOTCERT")},
        {QStringLiteral("sslcrl"), QStringLiteral("PGSSLCRL")},
        {QStringLiteral("sslcrldir"), QStringLiteral("PGSSLCRLDIR")},
        {QStringLiteral("sslsni"), QStringLiteral("PGSSLSNI")},
        {QStringLiteral("requirepeer"), QStringLiteral("PGREQUIREPEER")},
        {QStringLiteral("ssl_min_protocol_version"), QStringLiteral("PGSSLMINPROTOCOLVERSION")},
        {QStringLiteral("ssl_max_protocol_version"), QStringLiteral("PGSSLMAXPROTOCOLVERSION")},
        {QStringLiteral("gssencmode"), QStringLiteral("PGGSSENCMODE")},
        {QStringLiteral("krbsrvname"), QStringLiteral("PGKRBSRVNAME")},
        {QStringLiteral("gsslib"), QStringLiteral("PGGSSLIB")},
        {QStringLiteral("connect_timeout"), QStringLiteral("PGCONNECT_TIMEOUT")},
        {QStringLiteral("client_encoding"), QStringLiteral("PGCLIENTENCODING")},
        {QStringLiteral("target_session_attrs"), QStringLiteral("PGTARGETSESSIONATTRS")},
        {QStringLiteral("load_balance_hosts"), QStringLiteral("PGLOADBALANCEHOSTS")},
        {QStringLiteral("service"), QStringLiteral("PGSERVICE")},
    };
    return map;
}

bool isSecretKeyword(const QString &key)
{
    return key == QLatin1String("password") || key == QLatin1String("sslpassword") || key == QLatin1String("passfile");
}

// A libpq connection-string value: quoted when it holds anything but plain characters.
QString conninfoValue(const QString &value)
{
    static const QRegularExpression plain(QStringLiteral(R"(^[A-Za-z0-9_./:@%+,-]+$)"));
    if (plain.match(value).hasMatch())
        return value;
    QString escaped = value;
    escaped.replace(QLatin1Char('\\'), QLatin1String("\\\\")).replace(QLatin1Char('\''), QLatin1String("\\'"));
    return QLatin1Char('\'') + escaped + QLatin1Char('\'');
}

QString shellQuote(const QString &text)
{
    static const QRegularExpression plain(QStringLiteral(R"(^[A-Za-z0-9_./:=@%+,-]+$)"));
    if (plain.match(text).hasMatch())
        return text;
    QString quoted = text;
    quoted.replace(QLatin1Char('\''), QLatin1String("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

Error invalid(const QString &message, const QString &field)
{
    return Error(ErrorKind::Syntax, message).withField(field);
}

Result<void> checkTarget(const ConnectionTarget &t)
{
    // pg_dump and pg_restore would connect to the host directly, around the tunnel.
    if (t.profile.usesSshTunnel())
        return Error(ErrorKind::Unsupported, QStringLiteral("Backups and restores through an SSH tunnel are not supported yet: "
                                                            "run pg_dump on a machine that reaches the server."));
    return {};
}

// The checks pg_dump and pg_restore share.
Result<void> checkObjects(const ObjectOptions &o)
{
    if (o.ifExists && !o.clean)
        return invalid(QStringLiteral("\"If exists\" goes with \"Clean\"."), QStringLiteral("ifExists"));
    if (o.clean && o.content == Content::DataOnly)
        return invalid(QStringLiteral("\"Clean\" drops objects before creating them: it cannot go with data only."),
                       QStringLiteral("clean"));
    return {};
}

// The arguments pg_dump and pg_restore share, in the same order for both.
void addObjectArguments(QStringList &a, const ObjectOptions &o)
{
    if (o.jobs > 1)
        a << QStringLiteral("--jobs=") + QString::number(o.jobs);
    if (o.content == Content::SchemaOnly)
        a << QStringLiteral("--schema-only");
    else if (o.content == Content::DataOnly)
        a << QStringLiteral("--data-only");
    if (o.noOwner)
        a << QStringLiteral("--no-owner");
    if (o.noPrivileges)
        a << QStringLiteral("--no-privileges");
    if (o.clean)
        a << QStringLiteral("--clean");
    if (o.ifExists)
        a << QStringLiteral("--if-exists");
}

Result<void> checkDump(const DumpOptions &o)
{
    if (o.outputPath.isEmpty())
        return invalid(QStringLiteral("Choose where to write the backup."), QStringLiteral("output"));
    if (o.jobs > 1 && o.format != ArchiveFormat::Directory)
        return invalid(QStringLiteral("Parallel jobs need the directory format."), QStringLiteral("jobs"));
    if (Result<void> ok = checkObjects(o); !ok)
        return ok;
    if (o.compression > 9)
        return invalid(QStringLiteral("The compression level goes from 0 to 9."), QStringLiteral("compression"));
    if (o.compression >= 0 && o.format == ArchiveFormat::Tar)
        return invalid(QStringLiteral("The tar format cannot be compressed: choose custom or directory."),
                       QStringLiteral("compression"));
    return {};
}

Result<void> checkRestore(const RestoreOptions &o)
{
    if (o.inputPath.isEmpty())
        return invalid(QStringLiteral("Choose the backup to restore."), QStringLiteral("input"));
    if (o.format == ArchiveFormat::Plain) {
        if (o.jobs > 1 || o.clean || o.ifExists || o.createDatabase || o.content != Content::Everything || o.noOwner
            || o.noPrivileges || !o.selectedIds.isEmpty())
            return invalid(QStringLiteral("A plain SQL file runs as it is written (psql): only \"single transaction\" "
                                          "and \"stop at the first error\" apply."), QStringLiteral("format"));
        return {};
    }
    if (Result<void> ok = checkObjects(o); !ok)
        return ok;
    if (o.jobs > 1 && o.singleTransaction)
        return invalid(QStringLiteral("Parallel jobs cannot run in a single transaction."), QStringLiteral("jobs"));
    if (o.createDatabase && o.singleTransaction)
        return invalid(QStringLiteral("CREATE DATABASE cannot run inside a single transaction."), QStringLiteral("create"));
    return {};
}

} // namespace

QString exactPattern(const QString &name)
{
    QString escaped = name;
    escaped.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + escaped + QLatin1Char('"');
}

QString exactPattern(const TableName &table)
{
    return exactPattern(table.schema) + QLatin1Char('.') + exactPattern(table.name);
}

QString PgCommand::displayText() const
{
    QStringList parts;
    if (usesPassword)
        parts << QStringLiteral("PGPASSWORD='********'");
    for (auto it = environment.cbegin(); it != environment.cend(); ++it)
        parts << it.key() + QLatin1Char('=') + shellQuote(it.value());
    parts << shellQuote(QDir::toNativeSeparators(program));
    for (const QString &argument : arguments)
        parts << shellQuote(argument);
    return parts.join(QLatin1Char(' '));
}

QProcessEnvironment PgCommand::childEnvironment(const QProcessEnvironment &base, const QString &passwordFile) const
{
    QProcessEnvironment env = base;
    for (auto it = environment.cbegin(); it != environment.cend(); ++it)
        env.insert(it.key(), it.value());
    // Messages are parsed for progress and errors: English, whatever the user's locale.
    if (env.contains(QStringLiteral("LC_ALL"))) {
        env.insert(QStringLiteral("LC_CTYPE"), env.value(QStringLiteral("LC_ALL")));
        env.remove(QStringLiteral("LC_ALL"));
    }
    env.insert(QStringLiteral("LC_MESSAGES"), QStringLiteral("C"));
    env.remove(QStringLiteral("LANGUAGE"));
    if (!passwordFile.isEmpty()) {
        env.insert(QStringLiteral("PGPASSFILE"), passwordFile);
        env.remove(QStringLiteral("PGPASSWORD"));
    }
    return env;
}

void PgCommandBuilder::addConnection(PgCommand &command, const ConnectionTarget &target, const QString &database)
{
    const connection::ConnectionProfile &p = target.profile;
    if (!p.host.isEmpty())
        command.arguments << QStringLiteral("--host=") + p.host;
    if (p.port > 0)
        command.arguments << QStringLiteral("--port=") + QString::number(p.port);
    if (!p.user.isEmpty())
        command.arguments << QStringLiteral("--username=") + p.user;
    QMap<QString, QString> keywords = p.options;
    auto setKeyword = [&keywords](const QString &key, const QString &value) {
        if (!value.isEmpty())
            keywords.insert(key, value);
    };
    setKeyword(QStringLiteral("sslmode"), p.sslMode);
    setKeyword(QStringLiteral("sslcert"), p.sslCert);
    setKeyword(QStringLiteral("sslkey"), p.sslKey);
    setKeyword(QStringLiteral("sslrootcert"), p.sslRootCert);
    setKeyword(QStringLiteral("service"), p.service);
    setKeyword(QStringLiteral("application_name"), p.applicationName);
    setKeyword(QStringLiteral("connect_timeout"), QString::number(p.connectTimeout > 0 ? p.connectTimeout : 10));
    QStringList conninfo;
    for (auto it = keywords.cbegin(); it != keywords.cend(); ++it) {
        if (isSecretKeyword(it.key()) || it.value().isEmpty())
            continue;
        const QString variable = keywordVariables().value(it.key());
        if (!variable.isEmpty())
            command.environment.insert(variable, it.value());
        else
            conninfo << it.key() + QLatin1Char('=') + conninfoValue(it.value());
    }
    const QString db = database.isEmpty() ? p.database : database;
    // A name with '=' or a URI prefix would be read as a connection string: say dbname=.
    const bool plainName = !db.contains(QLatin1Char('=')) && !db.startsWith(QLatin1String("postgres"));
    if (conninfo.isEmpty() && plainName) {
        if (!db.isEmpty())
            command.arguments << QStringLiteral("--dbname=") + db;
    } else {
        if (!db.isEmpty())
            conninfo.prepend(QStringLiteral("dbname=") + conninfoValue(db));
        command.arguments << QStringLiteral("--dbname=") + conninfo.join(QLatin1Char(' '));
    }
    command.usesPassword = target.password.has_value() && !target.password->isEmpty();
}

Result<PgCommand> PgCommandBuilder::dump(const PgTool &tool, const ConnectionTarget &target, const DumpOptions &o,
                                         const QString &snapshot)
{
    if (Result<void> ok = checkTarget(target); !ok)
        return ok.error();
    if (Result<void> ok = checkDump(o); !ok)
        return ok.error();
    PgCommand c;
    c.program = tool.path;
    QStringList &a = c.arguments;
    a << QStringLiteral("--format=") + formatName(o.format) << QStringLiteral("--file=") + o.outputPath
      << QStringLiteral("--verbose") << QStringLiteral("--no-password");
    addObjectArguments(a, o);
    for (const QString &schema : o.schemas)
        a << QStringLiteral("--schema=") + exactPattern(schema);
    for (const TableName &table : o.tables)
        a << QStringLiteral("--table=") + exactPattern(table);
    for (const TableName &table : o.excludeTableData)
        a << QStringLiteral("--exclude-table-data=") + exactPattern(table);
    // A chosen schema or table that is gone (dropped or renamed since it was chosen) stops the
    // backup with its name, instead of a backup that silently lacks it.
    if (!o.schemas.isEmpty() || !o.tables.isEmpty())
        a << QStringLiteral("--strict-names");
    if (o.compression >= 0)
        a << QStringLiteral("--compress=") + QString::number(o.compression);
    if (!o.encoding.isEmpty())
        a << QStringLiteral("--encoding=") + o.encoding;
    if (!snapshot.isEmpty())
        a << QStringLiteral("--snapshot=") + snapshot;
    addConnection(c, target);
    return c;
}

Result<PgCommand> PgCommandBuilder::restore(const PgTool &tool, const ConnectionTarget &target, const RestoreOptions &o,
                                            const QString &listFile)
{
    if (Result<void> ok = checkTarget(target); !ok)
        return ok.error();
    if (Result<void> ok = checkRestore(o); !ok)
        return ok.error();
    PgCommand c;
    c.program = tool.path;
    QStringList &a = c.arguments;
    if (o.format == ArchiveFormat::Plain) {
        a << QStringLiteral("--no-psqlrc") << QStringLiteral("--no-password");
        if (o.exitOnError)
            a << QStringLiteral("--set=ON_ERROR_STOP=1");
        if (o.singleTransaction)
            a << QStringLiteral("--single-transaction");
        a << QStringLiteral("--file=") + o.inputPath;
        addConnection(c, target, o.targetDatabase);
        return c;
    }
    a << QStringLiteral("--verbose") << QStringLiteral("--no-password");
    addObjectArguments(a, o);
    if (o.createDatabase)
        a << QStringLiteral("--create");
    if (o.singleTransaction)
        a << QStringLiteral("--single-transaction");
    if (o.exitOnError)
        a << QStringLiteral("--exit-on-error");
    if (!listFile.isEmpty())
        a << QStringLiteral("--use-list=") + listFile;
    addConnection(c, target, o.targetDatabase);
    a << o.inputPath;
    return c;
}

PgCommand PgCommandBuilder::list(const PgTool &tool, const QString &archivePath)
{
    PgCommand c;
    c.program = tool.path;
    c.arguments << QStringLiteral("--list") << archivePath;
    return c;
}

QString formatName(ArchiveFormat format)
{
    switch (format) {
    case ArchiveFormat::Custom: return QStringLiteral("custom");
    case ArchiveFormat::Directory: return QStringLiteral("directory");
    case ArchiveFormat::Tar: return QStringLiteral("tar");
    case ArchiveFormat::Plain: return QStringLiteral("plain");
    }
    return {};
}

QString formatSuffix(ArchiveFormat format)
{
    switch (format) {
    case ArchiveFormat::Custom: return QStringLiteral(".dump");
    case ArchiveFormat::Directory: return QString();
    case ArchiveFormat::Tar: return QStringLiteral(".tar");
    case ArchiveFormat::Plain: return QStringLiteral(".sql");
    }
    return {};
}

} // namespace strata::backup
