#include "csvimporter.h"

#include "csvimport_p.h"
#include "connection/nativehandle.h"
#include "dialect/ddl.h"

namespace strata::data::io {

using namespace detail;

namespace {

QStringList quotedColumns(const dialect::Dialect &dialect, const ImportOptions &options)
{
    QStringList names;
    for (const ImportColumn &column : options.columns)
        names << dialect.quoteIdentifier(column.name);
    return names;
}

} // namespace

QString createTableSql(const dialect::Dialect &dialect, const ImportOptions &options)
{
    dialect::ddl::Table table{options.schema, options.table, {}, false, dialect::ddl::Layout::OneLine, false};
    for (const ImportColumn &column : options.columns) {
        dialect::ddl::Column c;
        c.name = column.name;
        c.type = columnTypeName(column.type, dialect.kind());
        table.elements << dialect::ddl::column(dialect, c);
    }
    return dialect::ddl::createTable(dialect, table);
}

QString insertSql(const dialect::Dialect &dialect, const ImportOptions &options)
{
    QStringList placeholders;
    for (qsizetype i = 0; i < options.columns.size(); ++i)
        placeholders << dialect.placeholder();
    return QStringLiteral("INSERT INTO ") + dialect.qualifiedName(options.schema, options.table) + QStringLiteral(" (")
         + quotedColumns(dialect, options).join(QStringLiteral(", ")) + QStringLiteral(") VALUES (")
         + placeholders.join(QStringLiteral(", ")) + u')';
}

QString copySql(const dialect::Dialect &dialect, const ImportOptions &options)
{
    return QStringLiteral("COPY ") + dialect.qualifiedName(options.schema, options.table) + QStringLiteral(" (")
         + quotedColumns(dialect, options).join(QStringLiteral(", ")) + QStringLiteral(") FROM STDIN (FORMAT text)");
}

namespace detail {

void ImportRun::report() const
{
    if (progress)
        progress(Progress{rows, reader.bytesRead(), totalBytes});
}

Result<bool> ImportRun::nextRecord(CsvRecord &record)
{
    Result<bool> more = reader.next(record);
    if (!more || !more.value() || started)
        return more;
    started = true;
    if (Status s = checkColumns(record); !s)
        return s.error();
    if (options.csv.header)
        return reader.next(record);   // the header names columns; it is not data
    return more;
}

Status ImportRun::checkColumns(const CsvRecord &record) const
{
    for (const ImportColumn &column : options.columns)
        if (column.csvColumn < 0 || column.csvColumn >= record.fields.size())
            return Error(ErrorKind::Syntax, QStringLiteral("Column %1 is mapped to CSV field %2, but the file has %3 fields.")
                                                .arg(column.name).arg(column.csvColumn + 1).arg(record.fields.size()));
    return {};
}

Error cancelledError(qint64 rows)
{
    return Error(ErrorKind::Cancelled,
                 QStringLiteral("Import cancelled after %1 rows; nothing was written.").arg(rows));
}

} // namespace detail

Result<qint64> importCsv(QSqlDatabase &db, QIODevice &device, const ImportOptions &options,
                         const ProgressCallback &progress, const CancelToken *cancel)
{
    if (options.columns.isEmpty())
        return Error(ErrorKind::Syntax, QStringLiteral("No column is mapped: choose at least one column to import."));
    if (options.table.isEmpty())
        return Error(ErrorKind::Syntax, QStringLiteral("No target table was given.")).withField(QStringLiteral("table"));
    CsvReader reader(device, options.csv);
    ImportRun run{reader, options, progress, cancel};
    run.totalBytes = device.isSequential() ? -1 : device.size();
    if (sqlite3 *handle = connection::NativeHandle::sqliteHandle(db))
        return importSqlite(handle, run);
    if (pg_conn *handle = connection::NativeHandle::postgresHandle(db))
        return importPostgres(db, handle, run);
    return Error(ErrorKind::Unsupported, QStringLiteral("CSV import needs an open SQLite or PostgreSQL connection."));
}

} // namespace strata::data::io
