// SQLite: one transaction, one prepared INSERT stepped per record through the native
// handle (about twice QSqlQuery's rate). Values are bound as text so the column's affinity
// converts them as SQLite's own .import does; booleans become 1/0 and \x… hex becomes a
// blob for boolean and blob columns, "inf" a REAL infinity for numeric ones.

#include "csvimport_p.h"
#include "dialect/dialect.h"

#include <QRegularExpression>

#include <sqlite3.h>

namespace strata::data::io::detail {

namespace {

Error sqliteError(sqlite3 *db, int code, const QString &context)
{
    const int extended = sqlite3_extended_errcode(db);
    ErrorKind kind = ErrorKind::Internal;
    switch (code & 0xff) {
    case SQLITE_CONSTRAINT: kind = ErrorKind::Constraint; break;
    case SQLITE_INTERRUPT: kind = ErrorKind::Cancelled; break;
    case SQLITE_BUSY: case SQLITE_LOCKED: kind = ErrorKind::Busy; break;
    case SQLITE_READONLY: case SQLITE_PERM: kind = ErrorKind::Permission; break;
    case SQLITE_ERROR: kind = ErrorKind::Syntax; break;
    case SQLITE_MISMATCH: case SQLITE_TOOBIG: kind = ErrorKind::Constraint; break;
    case SQLITE_IOERR: case SQLITE_FULL: case SQLITE_CANTOPEN: kind = ErrorKind::Io; break;
    default: break;
    }
    Error e(kind, context + QString::fromUtf8(sqlite3_errmsg(db)));
    e.sqlState = QString::number(extended);
    return e;
}

/// Rolls back unless committed; the import's all-or-nothing guarantee.
class SqliteTransaction {
public:
    explicit SqliteTransaction(sqlite3 *db) : m_db(db) {}
    ~SqliteTransaction()
    {
        if (m_open)
            sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
    }
    int begin()
    {
        const int rc = sqlite3_exec(m_db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
        m_open = rc == SQLITE_OK;
        return rc;
    }
    int commit()
    {
        const int rc = sqlite3_exec(m_db, "COMMIT", nullptr, nullptr, nullptr);
        m_open = m_open && rc != SQLITE_OK && sqlite3_get_autocommit(m_db) == 0;
        return rc;
    }

private:
    sqlite3 *m_db;
    bool m_open = false;
};

struct Statement {
    sqlite3_stmt *stmt = nullptr;
    ~Statement() { sqlite3_finalize(stmt); }
};

/// Binds one value. Text is bound SQLITE_STATIC from `utf8`, which the caller keeps alive
/// until the row was stepped: SQLite's own copy (SQLITE_TRANSIENT) cost a fifth of the import.
void bindValue(sqlite3_stmt *stmt, int index, const QString &text, ColumnType type, QByteArray &utf8)
{
    if (type == ColumnType::Boolean) {
        const QString l = text.toLower();
        if (l == u"true" || l == u"t") {
            sqlite3_bind_int(stmt, index, 1);
            return;
        }
        if (l == u"false" || l == u"f") {
            sqlite3_bind_int(stmt, index, 0);
            return;
        }
    } else if (type == ColumnType::Numeric) {
        // SQLite reads no spelling of infinity, so "inf" (how a REAL infinity is exported)
        // would stay TEXT; every other number is left to the column's affinity.
        static const QRegularExpression infinity(QStringLiteral("^[+-]?inf(inity)?$"), QRegularExpression::CaseInsensitiveOption);
        if (infinity.match(text.trimmed()).hasMatch()) {
            sqlite3_bind_double(stmt, index, text.trimmed().startsWith(QLatin1Char('-')) ? -qInf() : qInf());
            return;
        }
    } else if (type == ColumnType::Bytes && text.startsWith(QStringLiteral("\\x"))) {
        const QByteArray hex = text.mid(2).toLatin1();
        const QByteArray bytes = QByteArray::fromHex(hex);
        if (bytes.size() * 2 == hex.size()) {
            sqlite3_bind_blob(stmt, index, bytes.constData(), static_cast<int>(bytes.size()), SQLITE_TRANSIENT);
            return;
        }
    }
    utf8 = text.toUtf8();
    sqlite3_bind_text(stmt, index, utf8.constData(), static_cast<int>(utf8.size()), SQLITE_STATIC);
}

} // namespace

Result<qint64> importSqlite(sqlite3 *db, ImportRun &run)
{
    const dialect::Dialect &dialect = dialect::dialectFor(dialect::DialectKind::Sqlite);
    SqliteTransaction transaction(db);
    if (int rc = transaction.begin(); rc != SQLITE_OK)
        return sqliteError(db, rc, QStringLiteral("Could not start the import transaction: "));
    if (run.options.createTable) {
        const QByteArray create = createTableSql(dialect, run.options).toUtf8();
        if (int rc = sqlite3_exec(db, create.constData(), nullptr, nullptr, nullptr); rc != SQLITE_OK)
            return sqliteError(db, rc, QStringLiteral("Could not create the table: ")).withSql(QString::fromUtf8(create));
    }
    const QByteArray sql = insertSql(dialect, run.options).toUtf8();
    QList<QByteArray> utf8(run.options.columns.size());   // outlives the statement's bindings
    Statement insert;
    if (int rc = sqlite3_prepare_v2(db, sql.constData(), static_cast<int>(sql.size()), &insert.stmt, nullptr); rc != SQLITE_OK)
        return sqliteError(db, rc, QString()).withSql(QString::fromUtf8(sql));
    const int every = qMax(1, run.options.progressEvery);
    CsvRecord record;
    for (;;) {
        if (run.cancelled())
            return cancelledError(run.rows);
        Result<bool> more = run.nextRecord(record);
        if (!more)
            return more.error();
        if (!more.value())
            break;
        for (qsizetype i = 0; i < run.options.columns.size(); ++i) {
            const ImportColumn &column = run.options.columns.at(i);
            const int index = static_cast<int>(i) + 1;
            if (record.isNull(column.csvColumn))
                sqlite3_bind_null(insert.stmt, index);
            else
                bindValue(insert.stmt, index, record.fields.at(column.csvColumn), column.type, utf8[i]);
        }
        const int rc = sqlite3_step(insert.stmt);
        if (rc != SQLITE_DONE) {
            const Error error = (rc & 0xff) == SQLITE_INTERRUPT
                ? cancelledError(run.rows)
                : sqliteError(db, rc, QStringLiteral("Line %1: ").arg(record.line));
            sqlite3_reset(insert.stmt);
            return error;
        }
        sqlite3_reset(insert.stmt);
        if (++run.rows % every == 0)
            run.report();
    }
    if (run.cancelled())
        return cancelledError(run.rows);
    if (int rc = transaction.commit(); rc != SQLITE_OK)
        return sqliteError(db, rc, QStringLiteral("Could not commit the import: "));
    run.report();
    return run.rows;
}

} // namespace strata::data::io::detail
