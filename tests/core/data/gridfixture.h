#pragma once

// A scratch database in either dialect, with connections the grid model can use, for the
// data-layer tests. SQLite: a fresh file; PostgreSQL: a fresh database on the test server.

#include "connection/connection.h"
#include "connection/connectionstring.h"
#include "support/scratchdatabase.h"
#include "support/testenvironment.h"

#include <QSqlQuery>
#include <QtTest>
#include <memory>

namespace strata::test {

class GridFixture {
public:
    /// `dialect` is "sqlite" or "pg"; `pgServer` the server URL for "pg".
    GridFixture(const QString &dialect, const QString &pgServer)
    {
        static int counter = 0;
        if (dialect == QLatin1String("pg")) {
            m_pg = std::make_unique<ScratchPgDatabase>(pgServer);
            m_url = m_pg->url();
            m_error = m_pg->error();
        } else {
            m_url = tempPath(QStringLiteral("grid%1.db").arg(++counter));
        }
        if (m_error.isEmpty())
            m_db = openTestDatabase(m_url, &m_error);
    }
    ~GridFixture()
    {
        m_connections.clear();
        closeTestDatabase(m_db);
    }
    bool ok() const { return m_error.isEmpty(); }
    QString error() const { return m_error; }
    bool isPostgres() const { return m_pg != nullptr; }
    QString url() const { return m_url; }
    QSqlDatabase &db() { return m_db; }

    QString exec(const QStringList &statements) { return execAll(m_db, statements); }
    /// First column of the first row of `sql`, run on the fixture connection; a failed
    /// query fails the test (test::scalar), it never reads as 0 or as an empty text.
    QVariant scalar(const QString &sql) { return test::scalar(m_db, sql); }

    /// Opens a Connection like the grid does (own worker thread); nullptr on failure.
    connection::Connection *connect(bool readOnly = false)
    {
        Result<connection::ConnectionSpec> spec = connection::parseConnectionString(m_url);
        if (!spec)
            return nullptr;
        spec->profile.readOnly = readOnly;
        auto conn = std::make_unique<connection::Connection>(spec->profile, QStringLiteral("grid"));
        bool done = false;
        bool opened = false;
        conn->open(spec->password, [&](const Result<connection::ServerInfo> &r) {
            done = true;
            opened = r.ok();
        });
        if (!QTest::qWaitFor([&] { return done; }, 20000) || !opened)
            return nullptr;
        m_connections.push_back(std::move(conn));
        return m_connections.back().get();
    }

private:
    std::unique_ptr<ScratchPgDatabase> m_pg;
    QString m_url;
    QString m_error;
    QSqlDatabase m_db;
    std::vector<std::unique_ptr<connection::Connection>> m_connections;
};

} // namespace strata::test
