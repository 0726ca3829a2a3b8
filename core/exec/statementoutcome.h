#pragma once

// The values the streaming executor hands out: result columns, immutable row batches,
// server notices, and one StatementOutcome per statement of a run (what the messages pane
// shows). They travel from the connection's worker thread to the GUI thread by value (or
// as shared pointers to const, for rows), so nothing is shared under a mutex.

#include "base/error.h"

#include <QList>
#include <QMetaType>
#include <QString>
#include <QVariant>
#include <memory>
#include <optional>

namespace strata::exec {

struct ResultColumn {
    QString name;
    QString typeName;      ///< "int4", "text" (PostgreSQL); the declared type (SQLite), may be empty
    quint32 typeOid = 0;   ///< PostgreSQL type oid; 0 on SQLite
};

/// Where a text cell's UTF-8 bytes sit in its batch's text buffer.
struct TextSpan {
    quint32 offset = 0;
    quint32 length = 0;
};

/// Consecutive rows of one statement's result, row-major. Immutable once posted.
/// cell() gives a NULL as an invalid QVariant; integers as qlonglong, floats double,
/// booleans bool, BLOBs QByteArray; everything else (numeric included, to keep its
/// precision) as QString. Text is kept as UTF-8 in one buffer per batch and decoded when
/// a cell is read: streaming a million rows allocates per batch, not per cell, and a
/// grid decodes only what it shows.
struct RowBatch {
    int statement = 0;     ///< index of the statement in its run
    qint64 firstRow = 0;   ///< index of the batch's first row in the statement's result
    int columnCount = 0;
    QList<QVariant> cells; ///< typed values; text cells hold a TextSpan into `text`
    QByteArray text;

    int rowCount() const { return columnCount > 0 ? int(cells.size() / columnCount) : 0; }
    QVariant cell(int row, int column) const;
    /// Appends a text cell (worker side, while the batch is built).
    void appendText(const char *utf8, qsizetype length);
};
using RowBatchPtr = std::shared_ptr<const RowBatch>;

/// A server message that is not an error: PostgreSQL NOTICE, WARNING, INFO (RAISE NOTICE).
struct Notice {
    QString severity;   ///< "NOTICE", "WARNING", ...
    QString message;
    QString detail;     ///< DETAIL and HINT lines, when the server sent them
};

/// The session's transaction, as the server reports it after each statement.
enum class TransactionState {
    Idle,     ///< no transaction open (auto-commit)
    Active,   ///< a transaction is open: commit or roll back
    Failed,   ///< PostgreSQL: a statement failed inside the transaction; only ROLLBACK helps
};

struct StatementOutcome {
    int index = 0;              ///< position of the statement in its run
    QString sql;                ///< the statement as written (parameters not substituted)
    int offset = 0;             ///< character index of the statement in the run's text
    int line = 0;               ///< 0-based line / column of the statement in the run's text
    int column = 0;

    bool hasResultSet = false;  ///< the statement returns rows (even zero of them)
    QList<ResultColumn> columns;
    qint64 rowCount = 0;        ///< rows delivered so far
    qint64 rowsDropped = 0;     ///< rows read past the row limit and not kept (not the last statement)
    bool hasMoreRows = false;   ///< stopped at the row limit; fetch more continues it
    qint64 rowsAffected = -1;   ///< INSERT/UPDATE/DELETE count; -1 when not applicable
    QString commandTag;         ///< PostgreSQL's "INSERT 0 3", "CREATE TABLE"; empty on SQLite
    qint64 elapsedMs = 0;       ///< from sending the statement to its last row so far
    QList<Notice> notices;

    std::optional<Error> error;
    int errorOffset = -1;       ///< character index of the error in the run's text, or -1
    int errorLine = -1;         ///< 0-based line / column of errorOffset
    int errorColumn = -1;

    bool ok() const { return !error.has_value(); }
};

struct ExecOptions {
    qint64 rowLimit = 100000;   ///< rows of a result kept in memory before the executor pauses; < 0: no limit
    int chunkRows = 500;        ///< a batch is posted after this many rows...
    int chunkMs = 50;           ///< ...or this many milliseconds, whichever comes first
    bool stopOnError = true;    ///< stop the script at the first failing statement
    bool autoCommit = true;     ///< false: BEGIN before the first statement, commit/rollback by hand
};

/// Values for the parameters of a script, keyed as SqlParameters reports them (":name",
/// "$1", "?1", "@name"). A null QVariant binds NULL.
using ParameterValues = QMap<QString, QVariant>;

/// What to run: text[from, to) split into statements; positions refer to all of `text`
/// (the editor's contents), so errors map straight to editor lines.
struct ScriptRequest {
    QString text;
    int from = 0;
    int to = -1;
    ParameterValues parameters;
    ExecOptions options;
};

struct RunSummary {
    int statements = 0;         ///< statements started
    int failed = 0;
    bool cancelled = false;
    qint64 elapsedMs = 0;
    TransactionState transaction = TransactionState::Idle;
};

} // namespace strata::exec

Q_DECLARE_METATYPE(strata::exec::TextSpan)
Q_DECLARE_METATYPE(strata::exec::RowBatchPtr)

namespace strata::exec {

inline QVariant RowBatch::cell(int row, int column) const
{
    const QVariant &v = cells.at(qsizetype(row) * columnCount + column);
    if (v.metaType() != QMetaType::fromType<TextSpan>())
        return v;
    const TextSpan span = *static_cast<const TextSpan *>(v.constData());
    return QString::fromUtf8(text.constData() + span.offset, span.length);
}

inline void RowBatch::appendText(const char *utf8, qsizetype length)
{
    cells.emplaceBack(QVariant::fromValue(TextSpan{quint32(text.size()), quint32(length)}));
    text.append(utf8, length);
}

} // namespace strata::exec
Q_DECLARE_METATYPE(strata::exec::StatementOutcome)
Q_DECLARE_METATYPE(strata::exec::RunSummary)
