#include "databaseopener.h"

#include "redaction.h"

#include "dialect/dialect.h"

#include <QAtomicInt>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>

namespace strata::connection {

namespace {

/// A libpq keyword value, single-quoted when it holds anything but plain characters.
/// (QPSQL turns ';' into the separator between options, so a value cannot contain one.)
QString libpqValue(const QString &value)
{
    bool plain = !value.isEmpty();
    for (QChar c : value)
        if (c.isSpace() || c == QLatin1Char('\'') || c == QLatin1Char('\\'))
            plain = false;
    if (plain)
        return value;
    QString escaped = value;
    escaped.replace(QLatin1Char('\\'), QLatin1String("\\\\")).replace(QLatin1Char('\''), QLatin1String("\\'"));
    return QLatin1Char('\'') + escaped + QLatin1Char('\'');
}

QString postgresOptions(const ConnectionProfile &p)
{
    QStringList options;
    auto add = [&options](const QString &key, const QString &value) {
        if (!value.isEmpty())
            options.append(key + QLatin1Char('=') + libpqValue(value));
    };
    const int timeout = p.connectTimeout > 0 ? p.connectTimeout : kDefaultConnectTimeoutSeconds;
    add(QStringLiteral("connect_timeout"), QString::number(timeout));
    add(QStringLiteral("sslmode"), p.sslMode);
    add(QStringLiteral("sslcert"), p.sslCert);
    add(QStringLiteral("sslkey"), p.sslKey);
    add(QStringLiteral("sslrootcert"), p.sslRootCert);
    add(QStringLiteral("service"), p.service);
    add(QStringLiteral("application_name"), p.applicationName.isEmpty() ? QStringLiteral("Strata") : p.applicationName);
    QString serverOptions = p.options.value(QStringLiteral("options"));
    if (p.readOnly)
        serverOptions = (serverOptions + QStringLiteral(" -c default_transaction_read_only=on")).trimmed();
    add(QStringLiteral("options"), serverOptions);
    for (auto it = p.options.cbegin(); it != p.options.cend(); ++it)
        if (it.key() != QLatin1String("options"))
            add(it.key(), it.value());
    return options.join(QLatin1Char(';'));
}

/// libpq reports connection failures as text only (no SQLSTATE before a session exists),
/// so the kind is read from its messages.
Error classifyPostgresOpenError(const QSqlError &sqlError, const ConnectionProfile &p)
{
    QString text = sqlError.databaseText().trimmed();
    if (text.isEmpty())
        text = sqlError.text();
    Error e(ErrorKind::Connection, text);
    const QString lower = text.toLower();
    if (lower.contains(QLatin1String("password authentication failed"))
        || lower.contains(QLatin1String("no password supplied"))
        || lower.contains(QLatin1String("authentication failed"))) {
        e.kind = ErrorKind::Auth;
        e.field = QStringLiteral("password");
        e.message = lower.contains(QLatin1String("no password supplied"))
            ? QStringLiteral("The server asks for a password and none was given.")
            : QStringLiteral("Wrong password for user \"%1\".").arg(p.user);
    } else if (lower.contains(QLatin1String("role")) && lower.contains(QLatin1String("does not exist"))) {
        e.kind = ErrorKind::Auth;
        e.field = QStringLiteral("user");
        e.message = QStringLiteral("The user \"%1\" does not exist on the server.").arg(p.user);
    } else if (lower.contains(QLatin1String("database")) && lower.contains(QLatin1String("does not exist"))) {
        e.kind = ErrorKind::NotFound;
        e.field = QStringLiteral("database");
        e.message = QStringLiteral("The database \"%1\" does not exist on the server.").arg(p.database);
    } else if (lower.contains(QLatin1String("ssl"))) {
        e.field = QStringLiteral("sslmode");
        if (lower.contains(QLatin1String("server does not support ssl")))
            e.message = QStringLiteral("The server does not support SSL, but SSL mode \"%1\" requires it.").arg(p.sslMode);
    } else if (lower.contains(QLatin1String("timeout expired"))) {
        e.field = QStringLiteral("host");
        e.message = QStringLiteral("Timed out connecting to %1.").arg(p.host);
    } else if (lower.contains(QLatin1String("could not translate host name"))) {
        e.field = QStringLiteral("host");
        e.message = QStringLiteral("Unknown host \"%1\".").arg(p.host);
    } else if (lower.contains(QLatin1String("connection refused")) || lower.contains(QLatin1String("no such file or directory"))
               || lower.contains(QLatin1String("network is unreachable")) || lower.contains(QLatin1String("no route to host"))) {
        e.field = QStringLiteral("host");
        e.message = QStringLiteral("No PostgreSQL server is listening at %1%2.")
                        .arg(p.host, p.port > 0 ? QStringLiteral(":%1").arg(p.port) : QString());
    }
    if (e.message != text)
        e.detail = text;   // keep libpq's own words beside the plain explanation
    return e;
}

Result<ServerInfo> openSqlite(QSqlDatabase &db, const ConnectionProfile &p)
{
    QStringList options{QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000")};
    if (p.inMemory) {
        db.setDatabaseName(QStringLiteral(":memory:"));
    } else {
        const QFileInfo file(p.filePath);
        if (!file.exists() && (p.readOnly || !p.createIfMissing))
            return Error(ErrorKind::NotFound, QStringLiteral("The file %1 does not exist.").arg(p.filePath)).withField(QStringLiteral("file"));
        if (file.exists() && !file.isFile())
            return Error(ErrorKind::Io, QStringLiteral("%1 is not a file.").arg(p.filePath)).withField(QStringLiteral("file"));
        db.setDatabaseName(p.filePath);
        if (p.readOnly)
            options.append(QStringLiteral("QSQLITE_OPEN_READONLY"));
    }
    db.setConnectOptions(options.join(QLatin1Char(';')));
    const auto &dialect = dialect::dialectFor(DialectKind::Sqlite);
    if (!db.open())
        return dialect.mapError(db.lastError()).withField(QStringLiteral("file"));

    QElapsedTimer timer;
    timer.start();
    QSqlQuery q(db);
    // Reading the schema is what fails on a file that is not a database.
    if (!q.exec(QStringLiteral("SELECT count(*) FROM sqlite_schema"))) {
        Error e = dialect.mapError(q.lastError());
        if (e.message.contains(QLatin1String("not a database")) || e.sqlState == QLatin1String("26"))
            e = Error(ErrorKind::Io, QStringLiteral("%1 is not a SQLite database.").arg(p.filePath)).withDetail(e.message);
        return e.withField(QStringLiteral("file"));
    }
    ServerInfo info;
    info.latencyMs = timer.elapsed();
    info.product = QStringLiteral("SQLite");
    q.exec(QStringLiteral("SELECT sqlite_version()"));
    if (q.next())
        info.version = q.value(0).toString();
    const QStringList parts = info.version.split(QLatin1Char('.'));
    if (parts.size() >= 3)
        info.versionNumber = parts[0].toInt() * 1000000 + parts[1].toInt() * 1000 + parts[2].toInt();
    info.currentDatabase = p.inMemory ? QStringLiteral(":memory:") : p.filePath;
    // Foreign keys are enforced, as people expect from any modern tool.
    q.exec(QStringLiteral("PRAGMA foreign_keys = ON"));
    if (p.readOnly) {
        q.exec(QStringLiteral("PRAGMA query_only = ON"));
        info.readOnly = true;
    }
    return info;
}

Result<ServerInfo> openPostgres(QSqlDatabase &db, const ConnectionProfile &p, const std::optional<QString> &password)
{
    if (!p.host.isEmpty())
        db.setHostName(p.host);
    if (p.port > 0)
        db.setPort(p.port);
    if (!p.database.isEmpty())
        db.setDatabaseName(p.database);
    if (!p.user.isEmpty())
        db.setUserName(p.user);
    if (password)
        db.setPassword(*password);
    db.setConnectOptions(postgresOptions(p));
    if (!db.open())
        return classifyPostgresOpenError(db.lastError(), p);

    QElapsedTimer timer;
    timer.start();
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT current_setting('server_version'), current_setting('server_version_num')::int, "
                               "current_user, current_database(), current_setting('default_transaction_read_only')"))
        || !q.next())
        return dialect::dialectFor(DialectKind::Postgres).mapError(q.lastError());
    ServerInfo info;
    info.latencyMs = timer.elapsed();
    info.product = QStringLiteral("PostgreSQL");
    info.version = q.value(0).toString().section(QLatin1Char(' '), 0, 0);
    info.versionNumber = q.value(1).toInt();
    info.currentUser = q.value(2).toString();
    info.currentDatabase = q.value(3).toString();
    info.readOnly = q.value(4).toString() == QLatin1String("on");
    return info;
}

} // namespace

Result<ServerInfo> openDatabase(const ConnectionProfile &profile, const std::optional<QString> &password,
                                const QString &connectionName)
{
    const auto &dialect = dialect::dialectFor(profile.driver);
    if (!QSqlDatabase::isDriverAvailable(dialect.qtDriverName()))
        return Error(ErrorKind::Unsupported,
                     QStringLiteral("The Qt SQL driver %1 is not installed (Debian: %2).")
                         .arg(dialect.qtDriverName(),
                              profile.isSqlite() ? QStringLiteral("libqt6sql6-sqlite") : QStringLiteral("libqt6sql6-psql")));
    Result<ServerInfo> result = Error(ErrorKind::Internal, QString());
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(dialect.qtDriverName(), connectionName);
        result = profile.isSqlite() ? openSqlite(db, profile) : openPostgres(db, profile, password);
        if (!result)
            db.close();
    }
    if (!result) {
        QSqlDatabase::removeDatabase(connectionName);
        return redactSecrets(result.error(), secretsOf(profile, password));
    }
    return result;
}

void closeDatabase(const QString &connectionName)
{
    {
        QSqlDatabase db = QSqlDatabase::database(connectionName, false);
        if (db.isValid())
            db.close();
    }
    QSqlDatabase::removeDatabase(connectionName);
}

QString uniqueConnectionName(const QString &purpose)
{
    static QAtomicInt counter;
    return QStringLiteral("strata-%1-%2").arg(purpose).arg(counter.fetchAndAddRelaxed(1));
}

} // namespace strata::connection
