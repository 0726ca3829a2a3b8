#include "operationcompiler.h"

#include "base/quotedtext.h"

#include "ddltext.h"
#include "postgresopcompiler.h"
#include "sqliteopcompiler.h"
#include "sqlitetablerebuild.h"

#include "dialect/transactionguard.h"
#include "migrate/runner/scriptexecutor.h"
#include "migrate/runner/sqliteforeignkeys.h"

namespace strata::migrate::ops {

using dialect::DialectKind;

namespace {

Error about(const Operation &op, Error e)
{
    e.message = QStringLiteral("%1: %2").arg(describe(op), e.message);
    return e;
}

Result<QStringList> compileOne(const dialect::Dialect &dialect, const Operation &op, const SchemaSnapshot &before,
                               const SchemaSnapshot &after)
{
    if (const auto *raw = std::get_if<RawSql>(&op)) {
        if (!raw->dialect.isEmpty() && raw->dialect != dialect.name())
            return QStringList();
        const QString text = ddl::statementText(raw->upgrade);
        return text.isEmpty() ? QStringList() : QStringList{text};
    }
    if (dialect.kind() == DialectKind::Sqlite)
        return SqliteOpCompiler(dialect).compile(op, before, after);
    return PostgresOpCompiler(dialect).compile(op);
}

// SQLite: the operations after ops[first] that rebuild the same table join its rebuild, so
// the rows are copied once. Each is still checked on its own; `after` becomes the schema
// after the last one joined, whose index is returned.
Result<int> joinRebuilds(const dialect::Dialect &dialect, const QList<Operation> &ops, int first, const QString &table,
                         SchemaSnapshot &after)
{
    int last = first;
    while (last + 1 < ops.size()
           && ddl::sameName(DialectKind::Sqlite, SqliteOpCompiler::rebuiltTable(ops.at(last + 1), after), table)) {
        const Operation &op = ops.at(last + 1);
        SchemaSnapshot further = after;
        if (Status applied = applyOperation(further, op); !applied)
            return applied.error();
        if (Result<QStringList> alone = compileOne(dialect, op, after, further); !alone)
            return about(op, alone.error());
        after = std::move(further);
        ++last;
    }
    return last;
}

} // namespace

Result<QStringList> compile(const dialect::Dialect &dialect, const QList<Operation> &ops, SchemaSnapshot &state)
{
    if (state.dialect != dialect.kind())
        return Error(ErrorKind::Internal, QStringLiteral("a %1 schema snapshot cannot be compiled for %2")
                                              .arg(state.dialect == DialectKind::Sqlite ? QStringLiteral("sqlite")
                                                                                        : QStringLiteral("postgresql"),
                                                   dialect.name()));
    SchemaSnapshot current = state;
    QStringList out;
    for (int i = 0; i < ops.size(); ++i) {
        const Operation &op = ops.at(i);
        SchemaSnapshot next = current;
        if (Status applied = applyOperation(next, op); !applied)
            return applied.error();   // already names the operation
        Result<QStringList> statements = compileOne(dialect, op, current, next);
        if (!statements)
            return about(op, statements.error());
        const QString rebuilt = dialect.kind() == DialectKind::Sqlite ? SqliteOpCompiler::rebuiltTable(op, current) : QString();
        if (!rebuilt.isEmpty()) {
            Result<int> last = joinRebuilds(dialect, ops, i, rebuilt, next);
            if (!last)
                return last.error();
            if (*last > i)
                statements = SqliteTableRebuild::statements(dialect, current, next, rebuilt);
            if (!statements)
                return about(op, statements.error());
            i = *last;
        }
        out.append(*statements);
        current = std::move(next);
    }
    state = std::move(current);
    return out;
}

Result<CompiledMigration> compileMigration(const dialect::Dialect &dialect, const QList<Operation> &ops,
                                           const SchemaSnapshot &before)
{
    SchemaSnapshot state = before;
    CompiledMigration migration;
    Result<QStringList> upgrade = compile(dialect, ops, state);
    if (!upgrade)
        return upgrade.error();
    migration.upgrade = *upgrade;
    Result<QStringList> downgrade = compile(dialect, reverse(ops), state);
    if (!downgrade)
        return downgrade.error();
    migration.downgrade = *downgrade;
    for (const Operation &op : ops)
        for (const QString &note : reviewNotes(op))
            migration.reviewNotes.append(QStringLiteral("%1: %2").arg(describe(op), note));
    return migration;
}

Status applyStatements(QSqlDatabase &db, const dialect::Dialect &dialect, const QStringList &statements)
{
    ScriptExecutor executor(db);
    if (!executor.isValid())
        return Error(ErrorKind::Connection, QStringLiteral("The connection is not open"));
    if (executor.kind() != dialect.kind())
        return Error(ErrorKind::Internal, QStringLiteral("statements for %1 on a %2 connection").arg(dialect.name(), db.driverName()));
    ForeignKeysOff foreignKeysOff(executor, db);
    dialect::TransactionGuard transaction(dialect, [&executor](const QString &sql) { return executor.exec(sql); });
    if (Status begun = transaction.begin(dialect::BeginMode::Immediate); !begun)
        return begun;
    for (const QString &statement : statements) {
        Status status = executor.execute(statement, QString(), 0);
        if (!status) {
            Error e = status.error();
            if (e.sql.isEmpty())
                e.sql = statement;
            return e;
        }
    }
    if (Status check = foreignKeyCheck(db, QStringLiteral("Foreign key violations after the schema change")); !check)
        return check;
    return transaction.commit();
}

QString terminated(const QString &statement)
{
    const QString text = statement.trimmed();
    return text.endsWith(QLatin1Char(';')) ? text : text + QLatin1Char(';');
}

QString scriptText(const QStringList &statements)
{
    QStringList out;
    for (const QString &s : statements)
        out << terminated(s);
    return out.join(QStringLiteral("\n\n"));
}

QString reviewComment(const QString &note)
{
    return QStringLiteral("-- REVIEW: ") + commentText(note);
}

QString previewText(const QStringList &reviewNotes, const QStringList &statements)
{
    QString text;
    for (const QString &note : reviewNotes)
        text += reviewComment(note) + QLatin1Char('\n');
    if (!text.isEmpty())
        text += QLatin1Char('\n');
    return text + scriptText(statements);
}

} // namespace strata::migrate::ops
