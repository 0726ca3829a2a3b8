// ConsoleTab: running statements and showing what comes back; completion from the catalog.

#include "consoletab.h"

#include "widgets/cellselection.h"

#include "historypanel.h"
#include "parameterdialog.h"
#include "planview.h"
#include "sqleditor.h"

#include "catalog/catalogjobs.h"
#include "connection/connection.h"
#include "exec/sqlparameters.h"
#include "exec/statementsplitter.h"

#include <QAction>
#include <QApplication>
#include <QMenu>
#include <QClipboard>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QPainter>
#include <QPlainTextEdit>
#include <QStyledItemDelegate>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>

namespace strata::ui {

using exec::StatementOutcome;
using exec::TransactionState;

namespace {

/// NULL cells in grey italics, as in the table grid.
class NullDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        if (index.data(exec::ResultSetModel::IsNullRole).toBool()) {
            option->font.setItalic(true);
            option->palette.setColor(QPalette::Text, QColor(0x99, 0x99, 0x99));
        }
    }
};

/// Copies the selected cells as tab-separated text (Ctrl+C).
/// A result grid: Ctrl+C copies the selected cells as TSV and the context menu copies them as
/// CSV, JSON, Markdown or SQL INSERTs, through the same writers as file export and the grid.
class ResultTable : public QTableView {
public:
    ResultTable(exec::DialectKind dialect, QWidget *parent)
        : QTableView(parent)
        , m_dialect(dialect)
    {
        setContextMenuPolicy(Qt::CustomContextMenu);
        connect(this, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
            QMenu menu(this);
            const QList<QPair<QString, data::io::Format>> formats{
                {ConsoleTab::tr("Copy"), data::io::Format::Tsv}, {ConsoleTab::tr("Copy as CSV"), data::io::Format::Csv},
                {ConsoleTab::tr("Copy as JSON"), data::io::Format::JsonArray},
                {ConsoleTab::tr("Copy as Markdown table"), data::io::Format::Markdown},
                {ConsoleTab::tr("Copy as SQL INSERT statements"), data::io::Format::SqlInsert}};
            for (const auto &[label, format] : formats)
                menu.addAction(label, this, [this, format = format] { copySelection(format); });
            menu.exec(viewport()->mapToGlobal(pos));
        });
    }

    void copySelection(data::io::Format format) const
    {
        const CellBlock block = selectedCells(*this, [this](int column) { return model()->headerData(column, Qt::Horizontal).toString(); },
                                              [](const QModelIndex &cell) { return cell.data(exec::ResultSetModel::ValueRole); });
        copyCells(block, format, m_dialect, QStringLiteral("result"));
    }

protected:
    void keyPressEvent(QKeyEvent *event) override
    {
        if (event->matches(QKeySequence::Copy)) {
            copySelection(data::io::Format::Tsv);
            return;
        }
        QTableView::keyPressEvent(event);
    }

private:
    exec::DialectKind m_dialect;
};

QString tabName(const QString &sql)
{
    QString name = sql.simplified();
    if (name.size() > 28)
        name = name.left(27) + QChar(0x2026);
    return name;
}

} // namespace

void ConsoleTab::connectExecutor()
{
    connect(m_executor, &exec::QueryExecutor::statementStarted, this, &ConsoleTab::onStatementStarted);
    connect(m_executor, &exec::QueryExecutor::columnsReady, this, &ConsoleTab::onColumns);
    connect(m_executor, &exec::QueryExecutor::rowsReady, this, [this](const exec::RowBatchPtr &batch) {
        if (exec::ResultSetModel *model = m_models.value(batch->statement)) {
            const bool first = model->rowCount() == 0;
            model->appendBatch(batch);
            if (first) {   // size the columns to the first rows, within reason
                QTableView *view = m_views.value(batch->statement);
                view->resizeColumnsToContents();
                for (int c = 0; c < model->columnCount(); ++c)
                    view->setColumnWidth(c, std::clamp(view->columnWidth(c), 60, 320));
            }
        }
        m_runRows += batch->rowCount();
    });
    connect(m_executor, &exec::QueryExecutor::noticeReceived, this, [this](int statement, const exec::Notice &n) {
        appendMessage(QStringLiteral("<span style='color:#805000'>[%1] %2: %3</span>")
                          .arg(statement + 1).arg(n.severity.toHtmlEscaped(), n.message.toHtmlEscaped()));
    });
    connect(m_executor, &exec::QueryExecutor::statementFinished, this, &ConsoleTab::onStatementFinished);
    connect(m_executor, &exec::QueryExecutor::runFinished, this, &ConsoleTab::onRunFinished);
    connect(m_executor, &exec::QueryExecutor::transactionStateChanged, this, &ConsoleTab::onTransactionState);
    connect(m_executor, &exec::QueryExecutor::busyChanged, this, [this] {
        updateActions();
        updateStatus();
    });
    connect(m_executor, &exec::QueryExecutor::failed, this, [this](const Error &e) {
        appendMessage(QStringLiteral("<span style='color:#b00000'>%1</span>").arg(e.message.toHtmlEscaped()));
    });
}

void ConsoleTab::appendMessage(const QString &html)
{
    m_messages->appendHtml(html);
}

void ConsoleTab::clearResults()
{
    for (QTableView *view : std::as_const(m_views)) {
        m_results->removeTab(m_results->indexOf(view));
        view->deleteLater();
    }
    for (exec::ResultSetModel *model : std::as_const(m_models))
        model->deleteLater();
    m_views.clear();
    m_models.clear();
    m_outcomes.clear();
}

void ConsoleTab::runStatementAtCursor()
{
    QTextCursor c = m_editor->textCursor();
    if (c.hasSelection()) {
        runRange(c.selectionStart(), c.selectionEnd());
        return;
    }
    const std::optional<exec::SqlStatement> st =
        exec::StatementSplitter::statementAt(m_editor->toPlainText(), c.position(), m_spec.profile.driver);
    if (st)
        runRange(st->offset, st->terminatorEnd);
}

void ConsoleTab::runScript()
{
    QTextCursor c = m_editor->textCursor();
    if (c.hasSelection())
        runRange(c.selectionStart(), c.selectionEnd());
    else
        runRange(0, int(m_editor->toPlainText().size()));
}

void ConsoleTab::runRange(int from, int to)
{
    if (!m_open || m_executor->isBusy())
        return;
    exec::ScriptRequest request;
    request.text = m_editor->toPlainText();
    request.from = from;
    request.to = to;
    const QStringList keys = exec::SqlParameters::keys(request.text, from, to, m_spec.profile.driver);
    if (!keys.isEmpty()) {
        ParameterDialog dialog(keys, m_parameters, this);
        if (dialog.exec() != QDialog::Accepted)
            return;
        m_parameters.insert(dialog.values());
        request.parameters = m_parameters;
    }
    m_editor->clearErrorMark();
    clearResults();
    m_runRows = 0;
    m_runStatements = 0;
    appendMessage(QStringLiteral("<span style='color:#888'>— %1 —</span>").arg(QTime::currentTime().toString(Qt::ISODate)));
    m_executor->run(request);
}

void ConsoleTab::cancel()
{
    if (m_executor->isBusy()) {
        m_executor->cancel();
        m_status->setText(tr("Cancelling…"));
    }
}

void ConsoleTab::onStatementStarted(const StatementOutcome &outcome)
{
    m_outcomes.insert(outcome.index, outcome);
    ++m_runStatements;
    m_status->setText(tr("Running statement %1 (line %2)…").arg(outcome.index + 1).arg(outcome.line + 1));
}

void ConsoleTab::onColumns(int statement, const QList<exec::ResultColumn> &columns)
{
    auto *model = new exec::ResultSetModel(this);
    model->setColumns(columns);
    auto *view = new ResultTable(m_spec.profile.driver, this);
    view->setModel(model);
    view->setItemDelegate(new NullDelegate(view));
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 6);
    view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view->horizontalHeader()->setDefaultSectionSize(140);
    view->setObjectName(QStringLiteral("result%1").arg(statement));
    m_models.insert(statement, model);
    m_views.insert(statement, view);
    const QString name = tabName(m_outcomes.value(statement).sql);
    // result tabs go after Messages and Plan, in statement order
    const int index = m_results->addTab(view, name);
    m_results->setTabToolTip(index, m_outcomes.value(statement).sql.left(2000));
    if (m_models.size() == 1)
        m_results->setCurrentIndex(index);
}

void ConsoleTab::onStatementFinished(const StatementOutcome &o)
{
    m_outcomes.insert(o.index, o);
    noteStatement(o);
    QString line = QStringLiteral("[%1] ").arg(o.index + 1);
    if (o.error) {
        const QString where = o.errorLine >= 0 ? tr("line %1, column %2: ").arg(o.errorLine + 1).arg(o.errorColumn + 1)
                                               : tr("line %1: ").arg(o.line + 1);
        const QString state = o.error->sqlState.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(o.error->sqlState);
        const QString colour = o.error->isCancelled() ? QStringLiteral("#805000") : QStringLiteral("#b00000");
        line += QStringLiteral("<span style='color:%1'><b>%2</b>%3%4</span>")
                    .arg(colour, o.error->isCancelled() ? tr("Cancelled") : tr("Error"),
                         (o.error->isCancelled() ? QString() : QStringLiteral(" ") + where + o.error->message.toHtmlEscaped()), state);
        if (!o.error->detail.isEmpty())
            line += QStringLiteral("<br/><span style='color:#b00000'>%1</span>").arg(o.error->detail.toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br/>")));
        if (!o.error->isCancelled())
            m_editor->markError(o.errorOffset >= 0 ? o.errorOffset : o.offset, o.error->message);
    } else if (o.hasResultSet) {
        line += tr("%n row(s)", nullptr, int(std::min<qint64>(o.rowCount, INT_MAX)));
        if (o.hasMoreRows)
            line += QStringLiteral(" <b>") + tr("— row limit reached: Fetch more / Fetch all") + QStringLiteral("</b>");
        if (o.rowsDropped > 0)
            line += tr(" (%1 more rows read past the row limit and not kept)").arg(o.rowsDropped);
        if (o.rowsAffected >= 0)
            line += tr(", %n affected", nullptr, int(o.rowsAffected));
    } else {
        line += o.commandTag.isEmpty() ? tr("OK") : o.commandTag.toHtmlEscaped();
        if (o.rowsAffected >= 0)
            line += QStringLiteral(" — ") + tr("%n row(s) affected", nullptr, int(std::min<qint64>(o.rowsAffected, INT_MAX)));
    }
    line += QStringLiteral(" <span style='color:#888'>%1 ms — %2</span>").arg(o.elapsedMs).arg(tabName(o.sql).toHtmlEscaped());
    appendMessage(line);
    exec::HistoryEntry entry{o.sql, QDateTime::currentDateTime(), o.elapsedMs,
                             o.hasResultSet ? o.rowCount : o.rowsAffected, o.ok(), o.error ? o.error->message : QString()};
    if (m_historyStore.append(entry))
        m_history->append(exec::HistoryEntry{exec::HistoryStore::maskPasswords(entry.sql, m_spec.profile.driver), entry.time,
                                             entry.durationMs, entry.rows, entry.ok, entry.error});
}

void ConsoleTab::onRunFinished(const exec::RunSummary &summary)
{
    if (summary.cancelled)
        appendMessage(QStringLiteral("<span style='color:#805000'>%1</span>").arg(tr("Cancelled.")));
    if (summary.transaction == TransactionState::Failed)
        appendMessage(QStringLiteral("<span style='color:#b00000'><b>%1</b></span>")
                          .arg(tr("The transaction is aborted: commands are ignored until Rollback.")));
    updateActions();
    updateStatus();
    m_status->setText(m_status->text() + QStringLiteral(" — ")
                      + tr("%n statement(s)", nullptr, summary.statements) + QStringLiteral(", %1 ms").arg(summary.elapsedMs));
}

void ConsoleTab::onTransactionState(TransactionState state)
{
    switch (state) {
    case TransactionState::Idle:
        m_transactionLabel->clear();
        m_transactionLabel->setStyleSheet(QString());
        break;
    case TransactionState::Active:
        m_transactionLabel->setText(tr("Transaction open"));
        m_transactionLabel->setStyleSheet(QStringLiteral("QLabel { background:#ffe8b0; color:#704000; border-radius:3px; padding:1px 6px; }"));
        break;
    case TransactionState::Failed:
        m_transactionLabel->setText(tr("Transaction aborted — roll back"));
        m_transactionLabel->setStyleSheet(QStringLiteral("QLabel { background:#f8c8c8; color:#900000; border-radius:3px; padding:1px 6px; }"));
        break;
    }
    updateActions();
}

void ConsoleTab::updateActions()
{
    const bool busy = m_executor && m_executor->isBusy();
    const bool ready = m_open && !busy;
    for (QAction *a : {m_runAction, m_runScriptAction, m_explainAction, m_explainAnalyzeAction})
        a->setEnabled(ready);
    m_cancelAction->setEnabled(busy);
    const bool transaction = hasOpenTransaction();
    m_commitAction->setEnabled(ready && transaction);
    m_rollbackAction->setEnabled(ready && transaction);
    m_fetchMoreAction->setEnabled(ready && m_executor->hasPendingRows());
    m_fetchAllAction->setEnabled(ready && m_executor->hasPendingRows());
    m_exportAction->setEnabled(!m_models.isEmpty());
}

void ConsoleTab::updateStatus()
{
    if (!m_open) {
        m_status->setText(m_connection->state() == connection::Connection::State::Connecting
                              ? tr("Connecting to %1…").arg(m_spec.profile.displayName())
                              : tr("Not connected"));
        return;
    }
    QString text = m_executor->isBusy() ? tr("Running… (Esc cancels)") : tr("Ready");
    text += QStringLiteral(" — %1").arg(m_spec.profile.displayName());
    text += QStringLiteral(" — ") + tr("results keep the first %1 rows").arg(QLocale().toString(m_executor->options().rowLimit));
    if (!m_executor->options().autoCommit)
        text += QStringLiteral(" — ") + tr("manual commit");
    m_status->setText(text);
}

void ConsoleTab::explain(bool analyze)
{
    QTextCursor c = m_editor->textCursor();
    const QString text = m_editor->toPlainText();
    QString statement;
    if (c.hasSelection()) {
        statement = text.mid(c.selectionStart(), c.selectionEnd() - c.selectionStart()).trimmed();
        if (statement.endsWith(QLatin1Char(';')))
            statement.chop(1);
    } else if (const auto st = exec::StatementSplitter::statementAt(text, c.position(), m_spec.profile.driver)) {
        statement = st->text;
    }
    if (statement.isEmpty())
        return;
    const QStringList keys = exec::SqlParameters::keys(statement, 0, int(statement.size()), m_spec.profile.driver);
    if (!keys.isEmpty()) {
        ParameterDialog dialog(keys, m_parameters, this);
        if (dialog.exec() != QDialog::Accepted)
            return;
        m_parameters.insert(dialog.values());
    }
    m_status->setText(analyze ? tr("Running EXPLAIN ANALYZE…") : tr("Running EXPLAIN…"));
    m_executor->explain(statement, analyze, m_parameters, [this, analyze](Result<exec::ExplainPlan> plan) {
        if (!plan) {
            appendMessage(QStringLiteral("<span style='color:#b00000'>EXPLAIN: %1</span>").arg(plan.error().message.toHtmlEscaped()));
            updateStatus();
            return;
        }
        m_plan->setPlan(*plan);
        m_results->setCurrentWidget(m_plan);
        QString line = analyze ? tr("Plan (analyzed)") : tr("Plan");
        if (plan->executionMs >= 0)
            line += tr(": planning %1 ms, execution %2 ms").arg(plan->planningMs).arg(plan->executionMs);
        appendMessage(line);
        updateStatus();
    });
}

void ConsoleTab::loadCatalog()
{
    catalog::fetchSchemas(*m_connection, this, false, [this](Result<QList<catalog::SchemaInfo>> schemas) {
        if (!schemas)
            return;
        for (const catalog::SchemaInfo &schema : *schemas) {
            m_catalog.addSchema(schema.name);
            catalog::fetchObjects(*m_connection, this, schema.name, [this, name = schema.name](Result<catalog::SchemaObjects> objects) {
                if (!objects)
                    return;
                for (const catalog::RelationInfo &r : objects->relations)
                    m_catalog.addRelation(name, r.name, r.kind == catalog::RelationKind::View || r.kind == catalog::RelationKind::MaterializedView);
                for (const catalog::RoutineInfo &f : objects->routines)
                    m_catalog.addFunction(name, f.name);
            });
        }
    });
}

void ConsoleTab::fetchColumns(const QList<exec::TableRef> &tables)
{
    for (const exec::TableRef &t : tables) {
        const QString key = t.schema + QLatin1Char('.') + t.name;
        if (m_columnsRequested.contains(key))
            continue;
        m_columnsRequested.insert(key);
        catalog::fetchTableDetail(*m_connection, this, t.schema, t.name, [this, t](Result<catalog::TableDetail> detail) {
            QList<exec::CompletionItem> columns;
            if (detail)
                for (const catalog::ColumnInfo &c : detail->columns)
                    columns.append({c.name, exec::CompletionItem::Kind::Column, t.name + QStringLiteral(" · ") + c.dataType});
            m_catalog.setColumns(t.schema, t.name, columns);
            // the popup was asked for at this position and waited for these columns
            if (m_completionWaitingAt == m_editor->textCursor().position() && !columns.isEmpty()) {
                m_completionWaitingAt = -1;
                m_editor->showCompletion(false);
            }
        });
    }
}

QList<exec::CompletionItem> ConsoleTab::complete(const QString &text, int cursor, int *replaceStart)
{
    const exec::CompletionContext ctx = exec::SqlCompletion::analyze(text, cursor, m_spec.profile.driver);
    *replaceStart = ctx.replaceStart;
    QList<exec::TableRef> missing;
    const QList<exec::CompletionItem> items = exec::SqlCompletion::complete(ctx, m_catalog, &missing, 200);
    if (!missing.isEmpty() && !m_executor->isBusy()) {
        m_completionWaitingAt = cursor;
        fetchColumns(missing);
    }
    return items;
}

} // namespace strata::ui
