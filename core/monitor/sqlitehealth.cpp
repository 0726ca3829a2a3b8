#include "sqlitehealth.h"

#include "data/nativequery.h"
#include "dialect/dialect.h"

#include <QElapsedTimer>
#include <QFileInfo>

#include <sqlite3.h>

namespace strata::monitor {

namespace {

const dialect::Dialect &sqliteDialect()
{
    return dialect::dialectFor(dialect::DialectKind::Sqlite);
}

Error errorOf(sqlite3 *db, const QString &sql)
{
    return data::nativeSqliteError(db, sqliteDialect(), sql);
}

/// Runs `sql`, calling `onRow` with each row's statement. Binds `text` to ?1 when given.
Status eachRow(sqlite3 *db, const QString &sql, const std::function<bool(sqlite3_stmt *)> &onRow,
               const QString &text = {})
{
    sqlite3_stmt *stmt = nullptr;
    const QByteArray utf8 = sql.toUtf8();
    if (sqlite3_prepare_v2(db, utf8.constData(), int(utf8.size()), &stmt, nullptr) != SQLITE_OK)
        return errorOf(db, sql);
    const QByteArray bound = text.toUtf8();
    if (!text.isNull())
        sqlite3_bind_text(stmt, 1, bound.constData(), int(bound.size()), SQLITE_STATIC);
    int rc = SQLITE_ROW;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
        if (onRow && !onRow(stmt))
            break;
    Status status;
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        status = errorOf(db, sql);
    sqlite3_finalize(stmt);
    return status;
}

QString columnText(sqlite3_stmt *stmt, int column)
{
    const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(stmt, column));
    return text ? QString::fromUtf8(text) : QString();
}

qint64 fileSize(const QString &path)
{
    const QFileInfo info(path);
    return info.exists() ? info.size() : -1;
}

/// The single-column primary key of `table`, or empty.
QString singleKeyColumn(sqlite3 *db, const QString &table)
{
    QStringList keys;
    (void)eachRow(db, QStringLiteral("SELECT name FROM pragma_table_info(?1) WHERE pk > 0"), [&keys](sqlite3_stmt *s) {
        keys << columnText(s, 0);
        return true;
    }, table);
    return keys.size() == 1 ? keys.first() : QString();
}

} // namespace

Result<SqliteFileHealth> readSqliteHealth(sqlite3 *db, const QString &filePath)
{
    SqliteFileHealth h;
    h.filePath = filePath;
    const QString sql = QStringLiteral(
        "SELECT p.page_size, c.page_count, f.freelist_count, j.journal_mode, s.schema_version, u.user_version, "
        "a.auto_vacuum, e.encoding, "
        "(SELECT count(*) FROM sqlite_schema WHERE type = 'table'), (SELECT count(*) FROM sqlite_schema WHERE type = 'index') "
        "FROM pragma_page_size() AS p, pragma_page_count() AS c, pragma_freelist_count() AS f, pragma_journal_mode() AS j, "
        "pragma_schema_version() AS s, pragma_user_version() AS u, pragma_auto_vacuum() AS a, pragma_encoding() AS e");
    const Status status = eachRow(db, sql, [&h](sqlite3_stmt *s) {
        h.pageSize = sqlite3_column_int64(s, 0);
        h.pageCount = sqlite3_column_int64(s, 1);
        h.freelistCount = sqlite3_column_int64(s, 2);
        h.journalMode = columnText(s, 3);
        h.schemaVersion = sqlite3_column_int64(s, 4);
        h.userVersion = sqlite3_column_int64(s, 5);
        h.autoVacuum = sqlite3_column_int(s, 6);
        h.encoding = columnText(s, 7);
        h.tables = sqlite3_column_int(s, 8);
        h.indexes = sqlite3_column_int(s, 9);
        return false;
    });
    if (!status)
        return status.error();
    if (!filePath.isEmpty()) {
        h.fileSize = fileSize(filePath);
        h.walSize = fileSize(filePath + QStringLiteral("-wal"));
    }
    return h;
}

Result<int> runSqliteCheck(sqlite3 *db, SqliteHealthAction check, int maxErrors, const std::function<void(const QString &)> &onRow)
{
    if (check != SqliteHealthAction::IntegrityCheck && check != SqliteHealthAction::QuickCheck)
        return Error(ErrorKind::Internal, QStringLiteral("not a check"));
    const QString sql = sqliteHealthStatement(sqliteDialect(), check, QStringLiteral("main"), maxErrors);
    int problems = 0;
    const Status status = eachRow(db, sql, [&](sqlite3_stmt *s) {
        const QString row = columnText(s, 0);
        if (row != QLatin1String("ok"))
            ++problems;
        if (onRow)
            onRow(row);
        return true;
    });
    if (!status) {
        // SQLite gives up on some damage with SQLITE_CORRUPT instead of a row: that is a
        // finding of the check, not a failure to run it.
        const int primary = status.error().sqlState.toInt() & 0xff;
        if (primary != SQLITE_CORRUPT && primary != SQLITE_NOTADB)
            return status.error();
        ++problems;
        if (onRow)
            onRow(QObject::tr("SQLite stopped the check: %1").arg(status.error().message));
    }
    return problems;
}

Result<QList<ForeignKeyViolation>> sqliteForeignKeyCheck(sqlite3 *db, int limit)
{
    QList<ForeignKeyViolation> found;
    const QString sql = sqliteHealthStatement(sqliteDialect(), SqliteHealthAction::ForeignKeyCheck);
    Status status = eachRow(db, sql, [&found, limit](sqlite3_stmt *s) {
        ForeignKeyViolation v;
        v.table = columnText(s, 0);
        v.rowid = sqlite3_column_type(s, 1) == SQLITE_NULL ? -1 : sqlite3_column_int64(s, 1);
        v.parent = columnText(s, 2);
        v.foreignKeyId = sqlite3_column_int(s, 3);
        found.append(v);
        return found.size() < limit;
    });
    if (!status)
        return status.error();
    QHash<QString, QString> keyOf;
    for (ForeignKeyViolation &v : found) {
        (void)eachRow(db, QStringLiteral("SELECT \"from\" FROM pragma_foreign_key_list(?1) WHERE id = %1 ORDER BY seq").arg(v.foreignKeyId),
                      [&v](sqlite3_stmt *s) { v.columns << columnText(s, 0); return true; }, v.table);
        if (!keyOf.contains(v.table))
            keyOf.insert(v.table, singleKeyColumn(db, v.table));
        const QString key = keyOf.value(v.table);
        if (v.rowid < 0)
            continue;
        if (key.isEmpty()) {
            v.keyColumn = QStringLiteral("rowid");
            v.keyValue = QString::number(v.rowid);
            continue;
        }
        v.keyColumn = key;
        const QString read = QStringLiteral("SELECT %1 FROM %2 WHERE rowid = ?1")
                                 .arg(sqliteDialect().quoteIdentifier(key), sqliteDialect().quoteIdentifier(v.table));
        status = eachRow(db, read, [&v](sqlite3_stmt *s) { v.keyValue = columnText(s, 0); return false; }, QString::number(v.rowid));
        if (!status)
            return status.error();
    }
    return found;
}

Result<QString> runSqliteUpkeep(sqlite3 *db, SqliteHealthAction action, const QString &targetPath,
                                const std::function<void(qint64)> &onSteps)
{
    if (!sqliteActionWrites(action))
        return Error(ErrorKind::Internal, QStringLiteral("not an upkeep action"));
    if (action == SqliteHealthAction::VacuumInto && targetPath.isEmpty())
        return Error(ErrorKind::Internal, QObject::tr("VACUUM INTO needs a file name."));
    const QString sql = sqliteHealthStatement(sqliteDialect(), action);
    struct Steps {
        qint64 count = 0;
        QElapsedTimer sinceReport;
        const std::function<void(qint64)> *report;
    } steps{0, {}, &onSteps};
    steps.sinceReport.start();
    if (onSteps) {
        sqlite3_progress_handler(db, 1000, [](void *arg) -> int {
            auto *s = static_cast<Steps *>(arg);
            s->count += 1000;
            if (s->sinceReport.elapsed() >= 200) {
                (*s->report)(s->count);
                s->sinceReport.restart();
            }
            return 0;
        }, &steps);
    }
    QStringList answer;
    const Status status = eachRow(db, sql, [&answer](sqlite3_stmt *s) {
        for (int c = 0; c < sqlite3_column_count(s); ++c)
            answer << QStringLiteral("%1 %2").arg(QString::fromUtf8(sqlite3_column_name(s, c)), columnText(s, c));
        return true;
    }, action == SqliteHealthAction::VacuumInto ? targetPath : QString());
    if (onSteps)
        sqlite3_progress_handler(db, 0, nullptr, nullptr);
    if (!status)
        return status.error();
    return answer.join(QStringLiteral(", "));
}

} // namespace strata::monitor
