// libFuzzer target: the SQLite CREATE reader (catalog/sqlitecreateparser.h), which reads
// CHECK constraints, generated columns, index expressions, trigger timing and view SELECTs
// from the CREATE text SQLite keeps in sqlite_schema.
// Properties:
//  - tokens lie in order inside the text, each its own slice; texts the reader returns
//    (expressions, constraint texts, index parts and predicate, the view's SELECT) are
//    slices of the statement, as its header promises;
//  - SQLite itself is the oracle: when SQLite accepts the input as one CREATE TABLE, INDEX,
//    VIEW or TRIGGER, the reader finds the table's columns as PRAGMA table_xinfo lists them
//    (unless it reads none: CREATE TABLE ... AS SELECT), as many index parts as
//    PRAGMA index_xinfo has key columns, for a view SQLite can select from a SELECT it can
//    prepare too, and the trigger's event. The database is in memory, with an authorizer
//    that allows nothing but creating schema objects, and a step budget.

#include "fuzzsupport.h"

#include "catalog/sqlitecreateparser.h"

#include <sqlite3.h>

namespace {

using namespace strata;
using namespace strata::catalog::sqliteparser;

void checkSlice(const QString &sql, const QString &text, const char *what)
{
    STRATA_FUZZ_CHECK(text.isEmpty() || sql.contains(text),
                      QStringLiteral("%1 [%2] is not a slice of [%3]").arg(QLatin1String(what), text, sql));
}

void checkReader(const QString &sql)
{
    const QList<Token> tokens = tokenize(sql);
    int previousEnd = 0;
    for (const Token &t : tokens) {
        STRATA_FUZZ_CHECK(t.begin >= previousEnd && t.end > t.begin && t.end <= sql.size() && t.text == sql.mid(t.begin, t.end - t.begin),
                          QStringLiteral("token %1..%2 [%3] after %4 in [%5]").arg(t.begin).arg(t.end).arg(t.text).arg(previousEnd).arg(sql));
        previousEnd = t.end;
        (void)unquote(t);
    }
    const ParsedTable table = parseCreateTable(sql);
    for (const ParsedColumn &column : table.columns) {
        checkSlice(sql, column.generationExpression, "generation expression");
        for (const ParsedConstraint &c : column.constraints)
            checkSlice(sql, c.expression, "CHECK expression");
    }
    for (const ParsedConstraint &c : table.constraints) {
        checkSlice(sql, c.expression, "CHECK expression");
        checkSlice(sql, c.text, "constraint text");
    }
    const ParsedIndex index = parseCreateIndex(sql);
    for (const QString &part : index.parts)
        checkSlice(sql, part, "index part");
    checkSlice(sql, index.predicate, "index predicate");
    checkSlice(sql, parseViewSelect(sql), "view select");
    (void)parseCreateTrigger(sql);
}

// Only what creating a table, index, view or trigger needs.
int authorize(void *, int action, const char *, const char *, const char *, const char *)
{
    switch (action) {
    case SQLITE_CREATE_TABLE: case SQLITE_CREATE_INDEX: case SQLITE_CREATE_VIEW: case SQLITE_CREATE_TRIGGER:
    case SQLITE_INSERT: case SQLITE_UPDATE: case SQLITE_READ: case SQLITE_SELECT: case SQLITE_FUNCTION:
    case SQLITE_RECURSIVE:
        return SQLITE_OK;
    default:
        return SQLITE_DENY;
    }
}

int stopAfterBudget(void *) { return 1; }

struct Database {
    sqlite3 *db = nullptr;
    Database()
    {
        if (sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK)
            fuzz::fail("sqlite3_open", QString());
        sqlite3_exec(db, "CREATE TABLE t(a, b, c); CREATE TABLE u(x INTEGER PRIMARY KEY, y TEXT)", nullptr, nullptr, nullptr);
        sqlite3_limit(db, SQLITE_LIMIT_LENGTH, 100000);
        sqlite3_limit(db, SQLITE_LIMIT_SQL_LENGTH, 100000);
        sqlite3_progress_handler(db, 100000, stopAfterBudget, nullptr);
        sqlite3_set_authorizer(db, authorize, nullptr);
    }
    ~Database() { sqlite3_close(db); }
    QList<QStringList> rows(const QString &sql) const
    {
        QList<QStringList> out;
        sqlite3_set_authorizer(db, nullptr, nullptr);
        sqlite3_stmt *st = nullptr;
        const QByteArray utf8 = sql.toUtf8();
        if (sqlite3_prepare_v2(db, utf8.constData(), int(utf8.size()), &st, nullptr) == SQLITE_OK) {
            while (sqlite3_step(st) == SQLITE_ROW) {
                QStringList row;
                for (int i = 0; i < sqlite3_column_count(st); ++i)
                    row << QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(st, i)));
                out.append(row);
            }
        }
        sqlite3_finalize(st);
        sqlite3_set_authorizer(db, authorize, nullptr);
        return out;
    }
    bool prepares(const QString &sql) const
    {
        sqlite3_stmt *st = nullptr;
        const QByteArray utf8 = sql.toUtf8();
        const bool ok = sqlite3_prepare_v2(db, utf8.constData(), int(utf8.size()), &st, nullptr) == SQLITE_OK && st;
        sqlite3_finalize(st);
        return ok;
    }
};

QString quoted(const QString &name)
{
    return QLatin1Char('"') + QString(name).replace(QLatin1Char('"'), QStringLiteral("\"\"")) + QLatin1Char('"');
}

void checkAgainstSqlite(const QByteArray &input)
{
    if (input.contains('\0') || QString::fromUtf8(input).toUtf8() != input)
        return;   // SQLite reads up to a NUL; names in other bytes than UTF-8 are not text
    const Database d;
    sqlite3_stmt *st = nullptr;
    const char *tail = nullptr;
    if (sqlite3_prepare_v2(d.db, input.constData(), int(input.size()), &st, &tail) != SQLITE_OK || !st) {
        sqlite3_finalize(st);
        return;
    }
    const int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE || !input.mid(tail - input.constData()).trimmed().isEmpty())
        return;
    for (const QStringList &object : d.rows(QStringLiteral("SELECT type, name, tbl_name, sql FROM sqlite_schema "
                                                           "WHERE name NOT IN ('t', 'u') AND sql IS NOT NULL"))) {
        const QString &type = object[0];
        const QString &name = object[1];
        const QString &sql = object[3];
        checkReader(sql);
        const QString where = QStringLiteral("%1 %2: [%3]").arg(type, name, sql);
        if (type == u"table") {
            const ParsedTable parsed = parseCreateTable(sql);
            if (parsed.columns.isEmpty())
                continue;
            QStringList expected;
            for (const QStringList &row : d.rows(QStringLiteral("SELECT name FROM pragma_table_xinfo(%1)").arg(quoted(name))))
                expected << row[0];
            QStringList found;
            for (const ParsedColumn &c : parsed.columns)
                found << c.name;
            STRATA_FUZZ_CHECK(found == expected, QStringLiteral("%1\ncolumns [%2], SQLite has [%3]")
                                                     .arg(where, found.join(QStringLiteral("] [")), expected.join(QStringLiteral("] ["))));
        } else if (type == u"index") {
            const qsizetype keys = d.rows(QStringLiteral("SELECT 1 FROM pragma_index_xinfo(%1) WHERE key = 1").arg(quoted(name))).size();
            const ParsedIndex parsed = parseCreateIndex(sql);
            STRATA_FUZZ_CHECK(parsed.parts.size() == keys, QStringLiteral("%1\n%2 parts [%3], SQLite has %4 key columns")
                                                               .arg(where).arg(parsed.parts.size()).arg(parsed.parts.join(QStringLiteral("] ["))).arg(keys));
        } else if (type == u"view") {
            const QString select = parseViewSelect(sql);
            if (!d.prepares(QStringLiteral("SELECT * FROM %1").arg(quoted(name))))
                continue;   // SQLite keeps a view whose tables do not exist (yet)
            STRATA_FUZZ_CHECK(d.prepares(select), QStringLiteral("%1\nthe view's SELECT [%2] does not prepare: %3")
                                                      .arg(where, select, QString::fromUtf8(sqlite3_errmsg(d.db))));
        } else if (type == u"trigger") {
            const ParsedTrigger parsed = parseCreateTrigger(sql);
            STRATA_FUZZ_CHECK(parsed.events.size() == 1, QStringLiteral("%1\nevents [%2]").arg(where, parsed.events.join(u',')));
        }
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    checkReader(fuzz::textOf(data, size));
    checkAgainstSqlite(QByteArray(reinterpret_cast<const char *>(data), qsizetype(size)));
    return 0;
}
