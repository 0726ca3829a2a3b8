#pragma once

// Shared by the Session tests (tst_session, tst_sessionrelations): a scratch database per
// test function (SQLite file or a ScratchPgDatabase) with every test model created, a log of
// the statements a session runs, and the CHECK_OK / OPEN_DB macros.

#include "models.h"

#include "connection/connectionstring.h"
#include "connection/databaseopener.h"
#include "support/scratchdatabase.h"
#include "support/testenvironment.h"

#include <QtTest>

namespace sessiontesting {

using namespace strata;
using namespace strata::mapping;
using namespace models;

inline QString s(const char *t) { return QString::fromUtf8(t); }

struct Db {
    std::unique_ptr<test::ScratchPgDatabase> pg;
    QString connectionName;
    QSqlDatabase db;
    ~Db()
    {
        db = QSqlDatabase();
        if (!connectionName.isEmpty())
            connection::closeDatabase(connectionName);
    }
};

struct Log {
    QStringList sql;
    QList<QVariantList> values;
    StatementObserver observer()
    {
        return [this](const QString &q, const QVariantList &v) { sql.append(q); values.append(v); };
    }
    QStringList matching(const QString &prefix) const
    {
        QStringList out;
        for (const QString &q : sql) {
            if (q.startsWith(prefix))
                out.append(q);
        }
        return out;
    }
};

inline MetaData allTables()
{
    MetaData meta;
    meta.add<Author, Book, AllTypes, Enrollment, Artist, Track, User, Address, Tag, Category>();
    return meta;
}

inline bool openSessionDb(Db &d, const QString &dialectName)
{
    static int counter = 0;
    QString url;
    if (dialectName == s("postgresql")) {
        const QString server = test::postgresUrl();
        if (server.isEmpty()) {
            qWarning("STRATA_TEST_PG_URL is not set");
            return false;
        }
        d.pg = std::make_unique<test::ScratchPgDatabase>(server);
        url = d.pg->url();
    } else {
        url = test::tempPath(s("session-%1.db").arg(++counter));
    }
    auto spec = connection::parseConnectionString(url);
    if (!spec)
        return false;
    spec->profile.createIfMissing = true;
    d.connectionName = connection::uniqueConnectionName(s("mapping-test"));
    const auto opened = connection::openDatabase(spec->profile, spec->password, d.connectionName);
    if (!opened) {
        qWarning("%s", qPrintable(opened.error().message));
        return false;
    }
    d.db = QSqlDatabase::database(d.connectionName, false);
    const Status created = allTables().createAll(d.db);
    if (!created)
        qWarning("%s", qPrintable(created.error().message + s(" / ") + created.error().sql));
    return created.ok();
}

} // namespace sessiontesting

// Evaluates `r` once (a commit() must not run twice to build the failure message).
#define CHECK_OK(r)                                                                                \
    do {                                                                                           \
        const auto &checked_ = (r);                                                                \
        QVERIFY2(checked_.ok(), checked_.ok() ? ""                                                 \
                                              : qPrintable(checked_.error().message + QStringLiteral(" / ") + checked_.error().sql)); \
    } while (false)

#define OPEN_DB(var)                                                                               \
    QFETCH_GLOBAL(QString, dialectName);                                                           \
    Db var;                                                                                        \
    QVERIFY(openSessionDb(var, dialectName));                                                      \
    if (QTest::currentTestFailed())                                                                \
        return;
