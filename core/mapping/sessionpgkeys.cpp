// PostgreSQL bulk insert of new rows with generated keys: the keys are drawn from the
// identity column's sequence (nextval per row: safe with concurrent inserts) and the rows go
// in by COPY with their keys. The nextval query is sent first and the rows are formatted
// while the server draws the keys (on a 1M-row insert, ~0.5 s of server time that no longer
// adds to the client's); the key column goes last, so each row is its formatted text
// followed by its key. The formatted rows are held in memory until the keys arrive.

#include "session.h"

#include <charconv>

namespace strata::mapping {

Status Session::copyRowsDrawingKeys(const TableDef &table, InsertGroup &group)
{
    const int keyIndex = group.returning.front();
    const ColumnDef &key = table.columns[size_t(keyIndex)];
    const Result<QString> sequence = serialSequence(table, key);
    if (!sequence)
        return sequence.error();
    if (const Status s = sendKeyReservation(*sequence, group.entries.size()); !s)
        return s;
    QByteArray rows;
    std::vector<qsizetype> ends;
    ends.reserve(group.entries.size());
    rows.reserve(qsizetype(group.entries.size()) * 16 * group.columns.size());
    for (const Entry *e : group.entries) {
        appendCopyRow(rows, table, group.columns, e->object.get());
        rows.append('\t');
        ends.push_back(rows.size());
    }
    if (const Status s = receiveKeys(key, group); !s)
        return s;
    QList<int> columns = group.columns;
    columns.append(keyIndex);
    return copyRows(table, columns, group.entries.size(), [&](QByteArray &buffer, size_t row) {
        const qsizetype start = row == 0 ? 0 : ends[row - 1];
        buffer.append(rows.constData() + start, ends[row] - start);
        qint64 value = 0;
        key.readInteger(group.entries[row]->object.get(), &value);
        char digits[24];
        buffer.append(digits, std::to_chars(digits, digits + sizeof digits, value).ptr - digits);
        buffer.append('\n');
    });
}

} // namespace strata::mapping
