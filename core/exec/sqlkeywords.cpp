#include "sqlkeywords.h"

namespace strata::exec {

namespace {

QStringList sortedUpper(const char *words)
{
    QStringList list = QString::fromLatin1(words).toUpper().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    list.sort();
    list.removeDuplicates();
    return list;
}

const char *const kCommon =
    "ABORT ACTION ADD AFTER ALL ALTER ALWAYS ANALYZE AND ANY AS ASC ATTACH AUTOINCREMENT BEFORE BEGIN BETWEEN BY "
    "CASCADE CASE CAST CHECK COLLATE COLUMN COMMIT CONFLICT CONSTRAINT CREATE CROSS CURRENT CURRENT_DATE "
    "CURRENT_TIME CURRENT_TIMESTAMP DEFAULT DEFERRABLE DEFERRED DELETE DESC DISTINCT DO DROP EACH ELSE END "
    "ESCAPE EXCEPT EXCLUSIVE EXISTS EXPLAIN FALSE FILTER FIRST FOLLOWING FOR FOREIGN FROM FULL GENERATED GROUP "
    "GROUPS HAVING IF IGNORE IMMEDIATE IN INDEX INITIALLY INNER INSERT INSTEAD INTERSECT INTO IS ISNULL JOIN KEY "
    "LAST LEFT LIKE LIMIT MATERIALIZED NATURAL NO NOT NOTHING NOTNULL NULL NULLS OF OFFSET ON OR ORDER OTHERS "
    "OUTER OVER PARTITION PLAN PRECEDING PRIMARY QUERY RANGE RECURSIVE REFERENCES REINDEX RELEASE RENAME REPLACE "
    "RESTRICT RETURNING RIGHT ROLLBACK ROW ROWS SAVEPOINT SELECT SET TABLE TEMP TEMPORARY THEN TIES TO "
    "TRANSACTION TRIGGER TRUE UNBOUNDED UNION UNIQUE UPDATE USING VACUUM VALUES VIEW WHEN WHERE WINDOW WITH WITHOUT";

const char *const kPostgres =
    "ARRAY ASYMMETRIC ATOMIC AUTHORIZATION BIGINT BIGSERIAL BOOLEAN BOTH BYTEA CALL CHAR CHARACTER CLUSTER COMMENT "
    "CONCURRENTLY CONNECTION COPY CURRENT_CATALOG CURRENT_ROLE CURRENT_SCHEMA CURRENT_USER CURSOR CYCLE DATABASE DATE "
    "DECLARE DOMAIN DOUBLE ENUM EXECUTE EXTENSION FETCH FUNCTION GRANT ILIKE INHERITS INTEGER INTERVAL JSON JSONB "
    "LANGUAGE LATERAL LEADING LISTEN LOCAL LOCK LOGGED MOVE NOTIFY NUMERIC ONLY OWNER PASSWORD POLICY PRECISION "
    "PREPARE PRIVILEGES PROCEDURE PUBLICATION REAL REFRESH RETURNS REVOKE ROLE SCHEMA SECURITY SEQUENCE SERIAL "
    "SESSION_USER SETOF SHOW SIMILAR SMALLINT SOME STABLE STRICT SUBSCRIPTION SYMMETRIC TABLESAMPLE TABLESPACE TEXT "
    "TIME TIMESTAMP TIMESTAMPTZ TRAILING TRUNCATE TYPE UNLOGGED USER UUID VARCHAR VARIADIC VARYING VERBOSE VOLATILE "
    "IMMUTABLE ZONE";

const char *const kSqlite =
    "BLOB DETACH FAIL GLOB INDEXED INTEGER MATCH PRAGMA RAISE REAL REGEXP ROWID STRICT TEXT VIRTUAL";

const char *const kFunctionsCommon =
    "abs avg coalesce count group_concat length lower ltrim max min nullif replace round rtrim substr sum trim upper";
const char *const kFunctionsPostgres =
    "array_agg array_length bool_and bool_or ceil concat concat_ws current_setting date_part date_trunc "
    "extract floor format generate_series greatest jsonb_agg jsonb_build_object json_agg json_build_object "
    "least left lpad md5 now pg_sleep position random regexp_replace repeat right row_number rank dense_rank lag "
    "lead rpad split_part string_agg strpos to_char to_date to_timestamp unnest";
const char *const kFunctionsSqlite =
    "char date datetime hex ifnull iif instr julianday last_insert_rowid printf quote random randomblob "
    "strftime time total typeof unicode zeroblob json json_extract json_array json_object row_number rank lag lead";

} // namespace

const QStringList &SqlKeywords::keywords(dialect::DialectKind dialect)
{
    static const QStringList pg = sortedUpper((QByteArray(kCommon) + ' ' + kPostgres).constData());
    static const QStringList lite = sortedUpper((QByteArray(kCommon) + ' ' + kSqlite).constData());
    return dialect == dialect::DialectKind::Postgres ? pg : lite;
}

const QStringList &SqlKeywords::functions(dialect::DialectKind dialect)
{
    auto lowerList = [](const QByteArray &words) {
        QStringList list = QString::fromLatin1(words).split(QLatin1Char(' '), Qt::SkipEmptyParts);
        list.sort();
        list.removeDuplicates();
        return list;
    };
    static const QStringList pg = lowerList(QByteArray(kFunctionsCommon) + ' ' + kFunctionsPostgres);
    static const QStringList lite = lowerList(QByteArray(kFunctionsCommon) + ' ' + kFunctionsSqlite);
    return dialect == dialect::DialectKind::Postgres ? pg : lite;
}

bool SqlKeywords::isKeyword(QStringView word, dialect::DialectKind dialect)
{
    const QStringList &list = keywords(dialect);
    const QString upper = word.toString().toUpper();
    return std::binary_search(list.cbegin(), list.cend(), upper);
}

} // namespace strata::exec
