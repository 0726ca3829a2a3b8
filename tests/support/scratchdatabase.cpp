#include "scratchdatabase.h"

#include <QAtomicInt>
#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QUrl>
#include <QUuid>

namespace strata::test {

namespace {

QString uniqueConnectionName()
{
    static QAtomicInt counter;
    return QStringLiteral("strata-test-%1").arg(counter.fetchAndAddRelaxed(1));
}

QString withDatabase(const QString &serverUrl, const QString &database)
{
    QUrl url(serverUrl);
    url.setPath(QLatin1Char('/') + database);
    return url.toString();
}

} // namespace

QSqlDatabase openTestDatabase(const QString &urlText, QString *error)
{
    const QUrl url(urlText);
    QSqlDatabase db;
    if (url.scheme().startsWith(QLatin1String("postgres"))) {
        db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), uniqueConnectionName());
        db.setHostName(url.host());
        db.setPort(url.port(5432));
        db.setUserName(url.userName());
        db.setPassword(url.password());
        db.setDatabaseName(url.path().mid(1));
    } else {
        db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), uniqueConnectionName());
        QString path = urlText;
        if (path.startsWith(QLatin1String("sqlite:///")))
            path = path.mid(10);
        db.setDatabaseName(path);
    }
    if (!db.open() && error)
        *error = db.lastError().text();
    return db;
}

QString execAll(QSqlDatabase &db, const QStringList &statements)
{
    QSqlQuery query(db);
    for (const QString &sql : statements) {
        if (!query.exec(sql))
            return sql + QStringLiteral(": ") + query.lastError().text();
    }
    return QString();
}

void closeTestDatabase(QSqlDatabase &db)
{
    const QString name = db.connectionName();
    db.close();
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase(name);
}

QVariant scalar(QSqlDatabase &db, const QString &sql)
{
    QSqlQuery query(db);
    if (!query.exec(sql)) {
        const QString message = QStringLiteral("query failed: %1: %2").arg(sql, query.lastError().text());
        QTest::qFail(qPrintable(message), __FILE__, __LINE__);
        return {};
    }
    return query.next() ? query.value(0) : QVariant();
}

QVariant scalar(const QString &location, const QString &sql)
{
    QString error;
    QSqlDatabase db = openTestDatabase(location, &error);
    QVariant value;
    if (db.isOpen())
        value = scalar(db, sql);
    else
        QTest::qFail(qPrintable(QStringLiteral("cannot open %1: %2").arg(location, error)), __FILE__, __LINE__);
    closeTestDatabase(db);
    return value;
}

ScratchPgDatabase::ScratchPgDatabase(const QString &serverUrl)
    : m_serverUrl(serverUrl)
{
    m_name = QStringLiteral("strata_t_") + QUuid::createUuid().toString(QUuid::Id128).left(16);
    QSqlDatabase admin = openTestDatabase(serverUrl, &m_error);
    if (!admin.isOpen()) {
        closeTestDatabase(admin);
        return;
    }
    m_error = execAll(admin, {QStringLiteral("CREATE DATABASE %1").arg(m_name)});
    closeTestDatabase(admin);
    if (m_error.isEmpty())
        m_url = withDatabase(serverUrl, m_name);
}

ScratchPgDatabase::~ScratchPgDatabase()
{
    if (m_url.isEmpty())
        return;
    QSqlDatabase admin = openTestDatabase(m_serverUrl);
    if (admin.isOpen())
        execAll(admin, {QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(m_name)});
    closeTestDatabase(admin);
}

} // namespace strata::test
