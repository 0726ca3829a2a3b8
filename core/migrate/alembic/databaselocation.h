#pragma once

// DatabaseLocation: which database a connection reaches, reduced to what decides it, so two
// descriptions can be compared: the URL Alembic will use (reported by the probe, see
// strata_alembic.py) and the connection the migration panel shows.
//
//   PostgreSQL: host (localhost, 127.0.0.1 and ::1 are one host; an empty host is the local
//               socket, also "localhost"), port (default 5432), database, user.
//   SQLite:     the canonical path of the file (symlinks resolved; a relative path is taken
//               from the directory Alembic runs in). :memory: never matches anything.
// The driver after '+' (psycopg2, pysqlite...) does not matter: the same database.
// Passwords are never held: display() masks one when the source had one.

#include "base/result.h"
#include "connection/connectionprofile.h"

#include <QJsonObject>
#include <QString>

namespace strata::migrate::alembic {

struct DatabaseLocation {
    QString dialect;      ///< "sqlite", "postgresql", or another SQLAlchemy backend name
    QString driver;       ///< as written: "postgresql+psycopg2", "sqlite"
    QString host;
    int port = 0;
    QString database;     ///< PostgreSQL database name; SQLite: the canonical file path
    QString user;
    bool hasPassword = false;
    bool inMemory = false;

    /// "postgresql://bob:***@db.example:5433/prod", "sqlite:////abs/books.db".
    QString display() const;
    /// Same database (see the header note for the rules).
    bool sameDatabase(const DatabaseLocation &other) const;

    /// From the probe's JSON (drivername, host, port, database, username, password_set, cwd).
    static Result<DatabaseLocation> fromProbe(const QJsonObject &probe);
    /// From a connection profile (the panel's connection).
    static DatabaseLocation fromProfile(const connection::ConnectionProfile &profile);
};

/// The SQLAlchemy URL of `profile` without its password (the password travels in PGPASSWORD):
/// "postgresql://user@host:port/db", "sqlite:////abs/path.db". Empty for profiles Alembic
/// cannot reach (in-memory SQLite).
QString sqlalchemyUrl(const connection::ConnectionProfile &profile);

} // namespace strata::migrate::alembic
