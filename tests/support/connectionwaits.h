#pragma once

// Driving a Connection from a test: open or run a job and spin the event loop until the
// answer arrives (the work itself runs on the connection's worker thread).

#include "connection/connection.h"

#include <QTest>
#include <QUrl>
#include <optional>

namespace strata::test {

/// A PostgreSQL profile and password from the test server's URL (connect timeout 5 s).
struct PgTarget {
    connection::ConnectionProfile profile;
    QString password;
};

inline PgTarget pgTarget(const QString &urlText)
{
    const QUrl url(urlText);
    PgTarget t;
    t.profile.driver = dialect::DialectKind::Postgres;
    t.profile.host = url.host();
    t.profile.port = url.port(5432);
    t.profile.user = url.userName();
    t.profile.database = url.path().mid(1);
    t.profile.connectTimeout = 5;
    t.password = url.password();
    return t;
}

inline Result<connection::ServerInfo> openAndWait(connection::Connection &c, const std::optional<QString> &password)
{
    std::optional<Result<connection::ServerInfo>> outcome;
    c.open(password, [&outcome](const Result<connection::ServerInfo> &r) { outcome = r; });
    if (!QTest::qWaitFor([&] { return outcome.has_value(); }, 30000))
        return Error(ErrorKind::Internal, QStringLiteral("open() never answered"));
    return *outcome;
}

} // namespace strata::test
