#include "valuesearch.h"

#include "catalog/catalogreader.h"
#include "connection/connection.h"
#include "searchsql.h"

#include <QSqlError>
#include <QSqlQuery>
#include <functional>

namespace strata::search {

using connection::Connection;

namespace {

/// One relation's search on the worker: each cell holding `value` goes to `emit`.
Status searchRelation(connection::JobContext &jc, const QString &schema, const catalog::TableDetail &table, const QString &value,
                      int limit, const std::function<void(const ValueMatch &)> &emit)
{
    const ValueSearchQuery q = valueSearchQuery(jc.dialect, table, value, limit);
    if (q.isEmpty())
        return Status();
    QSqlQuery query(jc.db);
    query.setForwardOnly(true);
    bool ok = query.prepare(q.sql);
    for (const QVariant &v : q.values)
        query.addBindValue(v);
    ok = ok && query.exec();
    while (ok && query.next()) {
        ValueMatch match{schema, table.relation.name, {}, q.keyColumns, {}, {}};
        for (int k = 0; k < q.keyColumns.size(); ++k)
            match.key << query.value(k).toString();
        for (int c = 0; c < q.textColumns.size(); ++c) {
            // The server matched the row; the cells that hold the value are named here.
            const QString text = query.value(int(q.keyColumns.size()) + c).toString();
            if (!text.contains(value, Qt::CaseInsensitive))
                continue;
            match.column = q.textColumns[c];
            match.text = text;
            emit(match);
        }
    }
    if (!ok || query.lastError().isValid())
        return jc.dialect.mapError(query.lastError(), q.sql);
    return Status();
}

}   // namespace

ValueSearch::ValueSearch(connection::ConnectionSpec spec, QObject *parent)
    : QObject(parent)
    , m_spec(std::move(spec))
    , m_recancel(new QTimer(this))
{
    // A cancel that lands between two statements stops nothing on the server, and the
    // next statement would then run to its end: cancel again until the job has ended.
    m_recancel->setInterval(100);
    connect(m_recancel, &QTimer::timeout, this, [this] {
        if (m_cancelling && m_connection)
            (void)m_connection->cancel(m_cancelling);   // that job's statement only, never a newer one's
        else
            m_recancel->stop();
    });
}

ValueSearch::~ValueSearch()
{
    m_cancelled->store(true);
    if (m_connection)
        (void)m_connection->cancel();
    m_connection.reset();   // joins the worker before this object's members go
}

void ValueSearch::start(const QString &schema, const QString &value, int rowsPerTable)
{
    if (m_running)
        cancel();
    const int generation = ++m_generation;
    m_cancelled = std::make_shared<std::atomic<bool>>(false);
    m_running = true;
    if (m_connection && m_connection->state() == Connection::State::Open) {
        run(schema, value, rowsPerTable, generation);
        return;
    }
    m_connection = std::make_unique<Connection>(m_spec.profile, QStringLiteral("search"));
    m_connection->open(m_spec.password,
                       [this, schema, value, rowsPerTable, generation](const Result<connection::ServerInfo> &opened) {
                           if (generation != m_generation)
                               return;
                           if (!opened) {
                               m_running = false;
                               m_recancel->stop();
                               Q_EMIT finished(false, opened.error());
                               return;
                           }
                           run(schema, value, rowsPerTable, generation);
                       });
}

void ValueSearch::cancel()
{
    if (!m_running)
        return;
    m_cancelled->store(true);
    m_cancelling = m_job;
    if (m_connection && m_cancelling)
        (void)m_connection->cancel(m_cancelling);   // the statement that runs now stops on the server
    m_recancel->start();
}

void ValueSearch::run(const QString &schema, const QString &value, int rowsPerTable, int generation)
{
    const std::shared_ptr<std::atomic<bool>> cancelled = m_cancelled;
    auto post = [this](std::function<void()> f) { QMetaObject::invokeMethod(this, std::move(f), Qt::QueuedConnection); };
    auto job = [this, post, cancelled, schema, value, rowsPerTable, generation](connection::JobContext &jc) -> Result<int> {
        const auto stopped = [&] { return Error(ErrorKind::Cancelled, tr("The search was cancelled.")); };
        if (cancelled->load())
            return stopped();
        Result<QList<catalog::TableDetail>> tables = catalog::CatalogReader::create(jc.dialect.kind())->describe(jc.db, schema);
        if (!tables)
            return tables.error();
        const int total = int(tables->size());
        post([this, generation, total] {
            if (generation == m_generation)
                Q_EMIT progress(0, total);
        });
        int matches = 0;
        for (int t = 0; t < total; ++t) {
            if (cancelled->load())
                return stopped();
            const Status searched = searchRelation(jc, schema, tables->at(t), value, rowsPerTable, [&](const ValueMatch &match) {
                ++matches;
                post([this, generation, match] {
                    if (generation == m_generation)
                        Q_EMIT found(match);
                });
            });
            if (!searched)
                return cancelled->load() || searched.error().isCancelled() ? stopped() : searched.error();
            post([this, generation, done = t + 1, total] {
                if (generation == m_generation)
                    Q_EMIT progress(done, total);
            });
        }
        return matches;
    };
    auto *context = new QObject(this);   // names this job, for cancel(context)
    m_job = context;
    m_connection->run<int>(context, job, [this, generation, context](Result<int> result) {
        context->deleteLater();
        if (generation != m_generation)
            return;
        m_running = false;
        m_recancel->stop();
        Q_EMIT finished(result.ok(), result ? Error() : result.error());
    });
}

}   // namespace strata::search
