#include "nativehandle.h"

#include <QSqlDriver>
#include <QVariant>

#include <libpq-fe.h>
#include <sqlite3.h>

namespace strata::connection {

namespace {

void *handlePointer(const QSqlDatabase &db, std::initializer_list<const char *> typeNames)
{
    if (!db.isValid() || !db.driver())
        return nullptr;
    const QVariant v = db.driver()->handle();
    if (!v.isValid() || !v.metaType().name())
        return nullptr;
    for (const char *name : typeNames)
        if (qstrcmp(v.metaType().name(), name) == 0)
            return *static_cast<void *const *>(v.constData());
    return nullptr;
}

} // namespace

NativeHandle::~NativeHandle()
{
    detach();
}

sqlite3 *NativeHandle::sqliteHandle(const QSqlDatabase &db)
{
    return static_cast<sqlite3 *>(handlePointer(db, {"sqlite3*"}));
}

pg_conn *NativeHandle::postgresHandle(const QSqlDatabase &db)
{
    // Qt 6.4 names the type "pg_conn*"; its documentation says "PGconn*". Accept both.
    return static_cast<pg_conn *>(handlePointer(db, {"PGconn*", "pg_conn*"}));
}

void NativeHandle::attach(const QSqlDatabase &db)
{
    detach();
    QMutexLocker lock(&m_mutex);
    m_sqlite = sqliteHandle(db);
    m_postgres = postgresHandle(db);
    if (m_postgres)
        m_cancel = PQgetCancel(m_postgres);
}

void NativeHandle::detach()
{
    QMutexLocker lock(&m_mutex);
    if (m_cancel)
        PQfreeCancel(m_cancel);
    m_cancel = nullptr;
    m_sqlite = nullptr;
    m_postgres = nullptr;
}

bool NativeHandle::interrupt()
{
    QMutexLocker lock(&m_mutex);
    if (m_sqlite) {
        sqlite3_interrupt(m_sqlite);
        return true;
    }
    if (m_cancel) {
        char message[256];
        return PQcancel(m_cancel, message, sizeof message) == 1;
    }
    return false;
}

bool NativeHandle::isBroken() const
{
    QMutexLocker lock(&m_mutex);
    return m_postgres && PQstatus(m_postgres) == CONNECTION_BAD;
}

} // namespace strata::connection
