#pragma once

// ConnectionProfile: everything needed to reach a database except the password. A value
// type: copy it freely, compare it, store it. Its saved forms (settings, JSON, URLs shown
// to people) never hold a password; a password travels beside it, in memory only.

#include "dialect/dialect.h"

#include <QDateTime>
#include <QMap>
#include <QMetaType>
#include <QString>

namespace strata::connection {

using dialect::DialectKind;

struct ConnectionProfile {
    QString id;                      ///< stable identifier (a UUID for saved profiles)
    QString name;                    ///< what the user calls it
    DialectKind driver = DialectKind::Sqlite;

    // SQLite
    QString filePath;                ///< absolute path; empty with inMemory
    bool inMemory = false;
    bool createIfMissing = false;    ///< create the file when it does not exist (never when readOnly)

    // PostgreSQL
    QString host;                    ///< name, address, or a Unix-socket directory (starts with '/')
    int port = 0;                    ///< 0: libpq default (PGPORT or 5432)
    QString database;
    QString user;
    QString sslMode;                 ///< disable, allow, prefer, require, verify-ca, verify-full; empty: default
    QString sslCert;
    QString sslKey;
    QString sslRootCert;
    int connectTimeout = 0;          ///< seconds; 0: Strata's default
    QString applicationName;
    QString service;                 ///< pg_service.conf service name
    QMap<QString, QString> options;  ///< other libpq keywords carried through unchanged

    // Both
    bool readOnly = false;
    QString colorTag;                ///< e.g. "production", "staging"; empty: none
    QString group;                   ///< folder in the connection tree
    QString notes;
    QDateTime created;
    QDateTime lastUsed;

    // SSH tunnel (PostgreSQL): when sshHost is set, the connection goes through
    // `ssh -N -L` to host:port as seen from the SSH server (TunnelProcess).
    QString sshHost;
    int sshPort = 0;                 ///< 0: ssh's default (22 or ~/.ssh/config)
    QString sshUser;                 ///< empty: ssh's default (~/.ssh/config or the OS user)
    QString sshIdentityFile;         ///< empty: the agent and ssh's default keys
    QString sshJumpHost;             ///< ssh -J value ([user@]host[:port]); empty: direct

    bool isSqlite() const { return driver == DialectKind::Sqlite; }
    bool isPostgres() const { return driver == DialectKind::Postgres; }
    bool usesSshTunnel() const { return isPostgres() && !sshHost.isEmpty(); }

    /// A short human description: the file name, or user@host:port/db.
    QString displayName() const;

    bool operator==(const ConnectionProfile &) const = default;
};

} // namespace strata::connection

Q_DECLARE_METATYPE(strata::connection::ConnectionProfile)
