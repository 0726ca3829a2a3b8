#include "tablestatisticspage.h"

#include "monitor/activitymodel.h"
#include "timeserieschart.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFontDatabase>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QTableWidget>
#include <QVBoxLayout>

namespace strata::ui {

using monitor::MaintenanceKind;

namespace {

QString bytes(qint64 value)
{
    return value < 0 ? QStringLiteral("–") : TimeSeriesChart::formatValue(double(value), TimeSeriesChart::ValueFormat::Bytes);
}

QString count(qint64 value)
{
    return value < 0 ? QStringLiteral("–") : QStringLiteral("%L1").arg(value);
}

QString when(const QDateTime &time, qint64 times)
{
    if (!time.isValid())
        return times > 0 ? QObject::tr("(%1 times)").arg(times) : QObject::tr("never");
    const QString at = QLocale().toString(time.toLocalTime(), QLocale::ShortFormat);
    return times > 0 ? QObject::tr("%1 (%2 times)").arg(at).arg(times) : at;
}

} // namespace

TableStatisticsPage::TableStatisticsPage(const connection::ConnectionSpec &spec, const QString &schema, const QString &table, QWidget *parent)
    : QWidget(parent)
    , m_runner(new monitor::MaintenanceRunner(spec, schema, table, this))
    , m_indexes(new QTableWidget(this))
    , m_vacuum(new QPushButton(tr("&VACUUM"), this))
    , m_analyze(new QPushButton(tr("&ANALYZE"), this))
    , m_reindex(new QPushButton(tr("&REINDEX"), this))
    , m_cluster(new QPushButton(tr("C&LUSTER"), this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
    , m_reload(new QPushButton(tr("Reload"), this))
    , m_full(new QCheckBox(tr("FULL"), this))
    , m_freeze(new QCheckBox(tr("FREEZE"), this))
    , m_analyzeOption(new QCheckBox(tr("ANALYZE"), this))
    , m_concurrently(new QCheckBox(tr("CONCURRENTLY"), this))
    , m_clusterIndex(new QComboBox(this))
    , m_progress(new QProgressBar(this))
    , m_phase(new QLabel(this))
    , m_readOnly(new QLabel(this))
    , m_report(new QPlainTextEdit(this))
{
    connect(m_runner, &monitor::MaintenanceRunner::statisticsLoaded, this, [this](bool ok, const Error &e) {
        if (!ok) {
            m_report->appendPlainText(tr("Could not read the statistics: %1").arg(e.message));
            return;
        }
        showStatistics();
    });
    connect(m_runner, &monitor::MaintenanceRunner::started, this, [this](const QString &statement) {
        m_report->appendPlainText(QStringLiteral("> %1").arg(statement));
    });
    connect(m_runner, &monitor::MaintenanceRunner::progress, this, &TableStatisticsPage::onProgress);
    connect(m_runner, &monitor::MaintenanceRunner::finished, this, &TableStatisticsPage::onFinished);
    connect(m_vacuum, &QPushButton::clicked, this, [this] { run(MaintenanceKind::Vacuum); });
    connect(m_analyze, &QPushButton::clicked, this, [this] { run(MaintenanceKind::Analyze); });
    connect(m_reindex, &QPushButton::clicked, this, [this] { run(MaintenanceKind::Reindex); });
    connect(m_cluster, &QPushButton::clicked, this, [this] { run(MaintenanceKind::Cluster); });
    connect(m_cancel, &QPushButton::clicked, m_runner, &monitor::MaintenanceRunner::cancel);
    connect(m_reload, &QPushButton::clicked, this, &TableStatisticsPage::reload);
    m_vacuum->setObjectName(QStringLiteral("runVacuum"));
    m_analyze->setObjectName(QStringLiteral("runAnalyze"));
    m_reindex->setObjectName(QStringLiteral("runReindex"));
    m_cluster->setObjectName(QStringLiteral("runCluster"));
    m_cancel->setObjectName(QStringLiteral("cancelMaintenance"));

    auto *content = new QWidget(this);
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(buildFigures());
    auto *indexBox = new QGroupBox(tr("Indexes"), content);
    auto *indexLayout = new QVBoxLayout(indexBox);
    m_indexes->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_indexes->verticalHeader()->setVisible(false);
    m_indexes->horizontalHeader()->setStretchLastSection(true);
    m_indexes->setMinimumHeight(110);
    indexLayout->addWidget(m_indexes);
    layout->addWidget(indexBox, 1);
    layout->addWidget(buildMaintenance());
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(content);
    updateActions();
}

void TableStatisticsPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    // The page opens its connections when first shown, not with every properties tab.
    if (!m_shown) {
        m_shown = true;
        reload();
    }
}

QWidget *TableStatisticsPage::buildFigures()
{
    auto *box = new QGroupBox(tr("Size and activity"), this);
    auto *grid = new QGridLayout(box);
    grid->setHorizontalSpacing(14);
    const std::pair<const char *, const char *> names[] = {
        {"tableSize", "Table"}, {"indexesSize", "Indexes"}, {"toastSize", "TOAST"}, {"totalSize", "Total"},
        {"live", "Live rows"}, {"dead", "Dead rows"}, {"modified", "Changed since analyze"}, {"inserted", "Inserted since vacuum"},
        {"lastVacuum", "Last vacuum"}, {"lastAutovacuum", "Last autovacuum"}, {"lastAnalyze", "Last analyze"}, {"lastAutoanalyze", "Last autoanalyze"},
        {"seqScans", "Sequential scans"}, {"indexScans", "Index scans"}, {"writes", "Inserted / updated / deleted"}, {"hot", "HOT updates"}};
    int i = 0;
    for (const auto &[name, caption] : names) {
        auto *captionLabel = new QLabel(tr(caption) + QLatin1Char(':'), box);
        captionLabel->setStyleSheet(QStringLiteral("color: palette(placeholder-text);"));
        auto *value = new QLabel(QStringLiteral("–"), box);
        value->setObjectName(QStringLiteral("stat_") + QLatin1String(name));
        value->setTextInteractionFlags(Qt::TextSelectableByMouse);
        m_figures.insert(QLatin1String(name), value);
        grid->addWidget(captionLabel, i / 4, (i % 4) * 2);
        grid->addWidget(value, i / 4, (i % 4) * 2 + 1);
        ++i;
    }
    for (int c = 1; c < 8; c += 2)
        grid->setColumnStretch(c, 1);
    return box;
}

QWidget *TableStatisticsPage::buildMaintenance()
{
    auto *box = new QGroupBox(tr("Maintenance"), this);
    auto *grid = new QGridLayout(box);
    auto *vacuumRow = new QHBoxLayout;
    vacuumRow->addWidget(m_vacuum);
    for (QCheckBox *option : {m_full, m_freeze, m_analyzeOption})
        vacuumRow->addWidget(option);
    m_full->setToolTip(tr("Rewrite the table into a new file, returning space to the system; takes an ACCESS EXCLUSIVE lock"));
    m_freeze->setToolTip(tr("Freeze every row now (as if vacuum_freeze_min_age were 0)"));
    vacuumRow->addStretch(1);
    grid->addLayout(vacuumRow, 0, 0);
    auto *otherRow = new QHBoxLayout;
    otherRow->addWidget(m_analyze);
    otherRow->addSpacing(12);
    otherRow->addWidget(m_reindex);
    otherRow->addWidget(m_concurrently);
    otherRow->addSpacing(12);
    otherRow->addWidget(m_cluster);
    otherRow->addWidget(new QLabel(tr("using"), box));
    m_clusterIndex->setObjectName(QStringLiteral("clusterIndex"));
    m_clusterIndex->setMinimumContentsLength(16);
    otherRow->addWidget(m_clusterIndex);
    otherRow->addStretch(1);
    otherRow->addWidget(m_reload);
    grid->addLayout(otherRow, 1, 0);
    auto *progressRow = new QHBoxLayout;
    m_progress->setObjectName(QStringLiteral("maintenanceProgress"));
    m_progress->setMaximumHeight(14);
    m_progress->setRange(0, 1000);
    m_progress->setValue(0);
    m_progress->setTextVisible(false);
    progressRow->addWidget(m_progress, 1);
    progressRow->addWidget(m_phase, 2);
    progressRow->addWidget(m_cancel);
    grid->addLayout(progressRow, 2, 0);
    m_readOnly->setObjectName(QStringLiteral("maintenanceReadOnly"));
    m_readOnly->setWordWrap(true);
    m_readOnly->setStyleSheet(QStringLiteral("color: #8a6d00;"));
    m_readOnly->hide();
    grid->addWidget(m_readOnly, 3, 0);
    m_report->setObjectName(QStringLiteral("maintenanceReport"));
    m_report->setReadOnly(true);
    m_report->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_report->setMaximumBlockCount(400);
    m_report->setPlaceholderText(tr("What maintenance did, and what the server said, shows here."));
    m_report->setFixedHeight(m_report->fontMetrics().height() * 6 + 12);
    grid->addWidget(m_report, 4, 0);
    return box;
}

void TableStatisticsPage::reload()
{
    m_runner->loadStatistics();
}

void TableStatisticsPage::showStatistics()
{
    const monitor::TableStatistics &t = m_runner->statistics();
    const auto set = [this](const char *name, const QString &text) { m_figures[QLatin1String(name)]->setText(text); };
    set("tableSize", bytes(t.tableSize));
    set("indexesSize", bytes(t.indexesSize));
    set("toastSize", bytes(t.toastSize));
    set("totalSize", bytes(t.totalSize));
    set("live", count(t.liveTuples));
    const qint64 all = qMax<qint64>(0, t.liveTuples) + qMax<qint64>(0, t.deadTuples);
    set("dead", t.deadTuples < 0 ? QStringLiteral("–") : all > 0 ? tr("%1 (%2%)").arg(count(t.deadTuples)).arg(100.0 * double(t.deadTuples) / double(all), 0, 'f', 1) : count(t.deadTuples));
    set("modified", count(t.modifiedSinceAnalyze));
    set("inserted", count(t.insertedSinceVacuum));
    set("lastVacuum", when(t.lastVacuum, t.vacuumCount));
    set("lastAutovacuum", when(t.lastAutovacuum, t.autovacuumCount));
    set("lastAnalyze", when(t.lastAnalyze, t.analyzeCount));
    set("lastAutoanalyze", when(t.lastAutoanalyze, t.autoanalyzeCount));
    set("seqScans", tr("%1 (%2 rows read)").arg(count(t.seqScans), count(t.seqTuplesRead)));
    set("indexScans", tr("%1 (%2 rows fetched)").arg(count(t.indexScans), count(t.indexTuplesFetched)));
    set("writes", QStringLiteral("%1 / %2 / %3").arg(count(t.inserted), count(t.updated), count(t.deleted)));
    set("hot", count(t.hotUpdated));

    const QStringList headers{tr("Index"), tr("Size"), tr("Scans"), tr("Kind"), tr("Notes"), tr("Definition")};
    m_indexes->clear();
    m_indexes->setColumnCount(int(headers.size()));
    m_indexes->setHorizontalHeaderLabels(headers);
    m_indexes->setRowCount(int(t.indexes.size()));
    const QString chosen = m_clusterIndex->currentText();
    m_clusterIndex->clear();
    for (int r = 0; r < t.indexes.size(); ++r) {
        const monitor::IndexStatistics &i = t.indexes[r];
        QStringList notes;
        if (i.unused)
            notes << tr("unused since the statistics were reset");
        if (!i.duplicateOf.isEmpty())
            notes << tr("duplicate of %1").arg(i.duplicateOf);
        if (!i.valid)
            notes << tr("INVALID (a failed concurrent build)");
        if (i.clustered)
            notes << tr("clustered");
        const QString kind = i.primary ? tr("primary key") : i.unique ? tr("unique") : QString();
        const QStringList cells{i.name, bytes(i.size), count(i.scans), kind, notes.join(QStringLiteral("; ")), i.definition};
        for (int c = 0; c < cells.size(); ++c) {
            auto *item = new QTableWidgetItem(cells[c]);
            if (c == 4 && (i.unused || !i.duplicateOf.isEmpty() || !i.valid))
                item->setForeground(QColor(0xb2, 0x4a, 0x00));
            m_indexes->setItem(r, c, item);
        }
        if (i.valid)
            m_clusterIndex->addItem(i.name);
    }
    m_indexes->resizeColumnsToContents();
    const QString preferred = chosen.isEmpty() ? monitor::maintenanceTarget(t, m_runner->serverVersion()).clusteredIndex : chosen;
    if (const int at = m_clusterIndex->findText(preferred); at >= 0)
        m_clusterIndex->setCurrentIndex(at);
    updateActions();
    Q_EMIT statisticsShown();
}

void TableStatisticsPage::updateActions()
{
    const bool running = m_runner->isRunning();
    const bool readOnly = m_runner->isReadOnly();
    const bool loaded = m_runner->hasStatistics();
    const bool allowed = loaded && !running && !readOnly;
    for (QWidget *w : std::initializer_list<QWidget *>{m_vacuum, m_analyze, m_reindex, m_full, m_freeze, m_analyzeOption})
        w->setEnabled(allowed);
    const monitor::MaintenanceTarget target = m_runner->target();
    const QString noConcurrent = monitor::reindexConcurrentlyUnavailable(target);
    m_concurrently->setEnabled(allowed && noConcurrent.isEmpty());
    if (!noConcurrent.isEmpty())
        m_concurrently->setChecked(false);
    m_concurrently->setToolTip(noConcurrent.isEmpty() ? tr("Build the new indexes without blocking writes (slower)") : noConcurrent);
    const QString noCluster = monitor::clusterUnavailable(target);
    const bool hasIndex = m_clusterIndex->count() > 0;
    m_cluster->setEnabled(allowed && noCluster.isEmpty() && hasIndex);
    m_clusterIndex->setEnabled(allowed && hasIndex);
    m_cluster->setToolTip(!noCluster.isEmpty() ? noCluster : hasIndex ? tr("Rewrite the table in the order of the chosen index (ACCESS EXCLUSIVE lock)")
                                                                      : tr("The table has no index to cluster on."));
    m_cancel->setEnabled(running);
    m_readOnly->setVisible(readOnly);
    m_readOnly->setText(m_runner->readOnlyReason());
    if (readOnly)
        for (QWidget *w : std::initializer_list<QWidget *>{m_vacuum, m_analyze, m_reindex, m_cluster})
            w->setToolTip(m_runner->readOnlyReason());
}

void TableStatisticsPage::run(MaintenanceKind kind)
{
    monitor::MaintenanceRequest request;
    request.kind = kind;
    request.full = m_full->isChecked();
    request.freeze = m_freeze->isChecked();
    request.analyze = m_analyzeOption->isChecked();
    request.concurrently = m_concurrently->isChecked();
    request.index = m_clusterIndex->currentText();
    m_progress->setRange(0, 0);   // busy until the server reports a total
    m_phase->setText(tr("Starting…"));
    m_runner->run(request);
    updateActions();
}

void TableStatisticsPage::onProgress(const monitor::MaintenanceProgress &p)
{
    const double fraction = p.fraction();
    if (fraction >= 0) {
        m_progress->setRange(0, 1000);
        m_progress->setValue(int(fraction * 1000));
    } else {
        m_progress->setRange(0, 0);
    }
    QString text = QStringLiteral("%1: %2").arg(p.command, p.phase);
    if (p.total > 0)
        text += tr(" — %L1 of %L2 blocks").arg(p.done).arg(p.total);
    m_phase->setText(text);
    m_phase->setToolTip(p.detail);
}

void TableStatisticsPage::onFinished(const monitor::MaintenanceReport &report)
{
    m_progress->setRange(0, 1000);
    m_progress->setValue(report.ok ? 1000 : 0);
    for (const exec::Notice &n : report.notices)
        m_report->appendPlainText(QStringLiteral("%1:  %2%3").arg(n.severity, n.message, n.detail.isEmpty() ? QString() : QLatin1Char('\n') + n.detail));
    if (report.cancelled) {
        m_phase->setText(tr("Cancelled."));
        m_report->appendPlainText(tr("Cancelled after %1 ms: %2").arg(report.elapsedMs, 0, 'f', 0).arg(report.error.message));
    } else if (!report.ok) {
        m_phase->setText(tr("Failed."));
        QString text = tr("ERROR:  %1").arg(report.error.message);
        if (!report.error.detail.isEmpty())
            text += QStringLiteral("\nDETAIL:  ") + report.error.detail;
        m_report->appendPlainText(text);
    } else {
        m_phase->setText(tr("Done in %1 ms.").arg(report.elapsedMs, 0, 'f', 0));
        m_report->appendPlainText(tr("Done in %1 ms. Total size %2 → %3, dead rows %4 → %5.")
                                      .arg(report.elapsedMs, 0, 'f', 0).arg(bytes(report.totalSizeBefore), bytes(report.totalSizeAfter),
                                                                            count(report.deadTuplesBefore), count(report.deadTuplesAfter)));
    }
    updateActions();
    Q_EMIT maintenanceFinished(report.ok);
}

} // namespace strata::ui
