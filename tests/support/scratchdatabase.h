#pragma once

// Throwaway databases for tests.
//  - ScratchPgDatabase: a fresh PostgreSQL database on the test server (CREATE DATABASE with a
//    unique name), dropped again in the destructor; tests in parallel never see each other.
//  - openTestDatabase(): a QSqlDatabase on the test thread for setting up fixtures (tests may
//    run SQL directly; the product code never does that on the GUI thread).

#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <QVariant>

namespace strata::test {

class ScratchPgDatabase {
public:
    /// Creates the database; `url()` is empty and `error()` says why when that failed.
    explicit ScratchPgDatabase(const QString &serverUrl);
    ~ScratchPgDatabase();
    ScratchPgDatabase(const ScratchPgDatabase &) = delete;
    ScratchPgDatabase &operator=(const ScratchPgDatabase &) = delete;

    QString url() const { return m_url; }        ///< postgresql://user:pw@host:port/<name>
    QString name() const { return m_name; }
    QString error() const { return m_error; }

private:
    QString m_serverUrl;
    QString m_url;
    QString m_name;
    QString m_error;
};

/// Opens a QtSql connection for fixtures from a URL (sqlite path or postgresql URL), under a
/// unique connection name. Fails the calling test via the returned db being invalid.
QSqlDatabase openTestDatabase(const QString &url, QString *error = nullptr);

/// Runs statements one by one; returns the first error text, or empty.
QString execAll(QSqlDatabase &db, const QStringList &statements);

/// Closes and removes a connection opened by openTestDatabase.
void closeTestDatabase(QSqlDatabase &db);

/// The first column of the first row `sql` returns on `db`; an invalid QVariant when it
/// returns no row. A query that fails FAILS the calling test (QTest::qFail with the
/// database's message) and returns an invalid QVariant, so a failed `SELECT count(*)` can
/// never read as 0 and pass a check.
QVariant scalar(QSqlDatabase &db, const QString &sql);

/// The same on a connection of its own to `location` (a SQLite path or a postgresql URL),
/// opened and closed around the query; a database that cannot be opened fails the test.
QVariant scalar(const QString &location, const QString &sql);

} // namespace strata::test
