#pragma once

// ScopedDatabase: a QSqlDatabase opened for a profile on the calling thread, closed and
// removed again (on the same thread) when the object goes away. Jobs use it on their worker.

#include "connection/databaseopener.h"

namespace strata::backup {

class ScopedDatabase {
public:
    ScopedDatabase(const connection::ConnectionProfile &profile, const std::optional<QString> &password,
                   const QString &purpose)
        : m_name(connection::uniqueConnectionName(purpose))
    {
        m_info = connection::openDatabase(profile, password, m_name);
    }
    ~ScopedDatabase()
    {
        if (m_info)
            connection::closeDatabase(m_name);
    }
    ScopedDatabase(const ScopedDatabase &) = delete;
    ScopedDatabase &operator=(const ScopedDatabase &) = delete;

    bool isOpen() const { return m_info.ok(); }
    const Result<connection::ServerInfo> &info() const { return m_info; }
    QSqlDatabase db() const { return QSqlDatabase::database(m_name, false); }

private:
    QString m_name;
    Result<connection::ServerInfo> m_info = Error(ErrorKind::Internal, QString());
};

} // namespace strata::backup
