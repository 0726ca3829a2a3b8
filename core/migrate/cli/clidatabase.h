#pragma once

// The database a strata-migrate command works on: its URL from --url, the environment
// (STRATA_DATABASE_URL, DATABASE_URL) or the project file, opened on the calling thread
// and removed again when the command ends.

#include "commandline.h"

#include "connection/connectionstring.h"
#include "dialect/dialect.h"
#include "migrate/script/projectconfig.h"

#include <QSqlDatabase>

namespace strata::migrate::cli {

struct Database {
    QString name;
    QSqlDatabase db;
    QString displayUrl;
    dialect::DialectKind kind = dialect::DialectKind::Sqlite;
    Database() = default;
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;
    ~Database();
};

/// The project's database URL, parsed (PostgreSQL defaults from PG* and .pgpass applied).
Result<connection::ConnectionSpec> connectionSpec(const CliOptions &o, const ProjectConfig &config);
/// Opens the project's database.
Status openDatabase(const CliOptions &o, const ProjectConfig &config, Database &database);
/// Opens another database by URL (a relative SQLite path is relative to `baseDir`).
Status openUrl(const QString &url, const QString &baseDir, Database &database);

} // namespace strata::migrate::cli
