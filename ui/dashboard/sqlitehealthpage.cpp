#include "sqlitehealthpage.h"

#include "monitor/sqlitehealthsession.h"
#include "timeserieschart.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <string_view>

namespace strata::ui {

using monitor::SqliteHealthAction;

namespace {

QString bytes(qint64 value)
{
    return value < 0 ? QObject::tr("none") : TimeSeriesChart::formatValue(double(value), TimeSeriesChart::ValueFormat::Bytes);
}

QString actionName(SqliteHealthAction action)
{
    switch (action) {
    case SqliteHealthAction::IntegrityCheck: return QObject::tr("Integrity check");
    case SqliteHealthAction::QuickCheck: return QObject::tr("Quick check");
    case SqliteHealthAction::ForeignKeyCheck: return QObject::tr("Foreign key check");
    case SqliteHealthAction::Vacuum: return QObject::tr("VACUUM");
    case SqliteHealthAction::VacuumInto: return QObject::tr("VACUUM INTO…");
    case SqliteHealthAction::Optimize: return QObject::tr("Optimize");
    case SqliteHealthAction::Checkpoint: return QObject::tr("Checkpoint WAL");
    }
    return {};
}

QString actionTip(SqliteHealthAction action)
{
    switch (action) {
    case SqliteHealthAction::IntegrityCheck: return QObject::tr("PRAGMA integrity_check: reads every page, index and constraint; only reads");
    case SqliteHealthAction::QuickCheck: return QObject::tr("PRAGMA quick_check: like integrity_check without matching indexes to tables; faster");
    case SqliteHealthAction::ForeignKeyCheck: return QObject::tr("PRAGMA foreign_key_check: rows whose parent row is missing");
    case SqliteHealthAction::Vacuum: return QObject::tr("VACUUM: rebuilds the file without free pages (needs the file to itself for a moment)");
    case SqliteHealthAction::VacuumInto: return QObject::tr("VACUUM INTO: writes a compacted copy to a new file; this file is not changed");
    case SqliteHealthAction::Optimize: return QObject::tr("PRAGMA optimize: refreshes the statistics the query planner needs, where useful");
    case SqliteHealthAction::Checkpoint: return QObject::tr("PRAGMA wal_checkpoint(TRUNCATE): copies the write-ahead log into the file and empties it");
    }
    return {};
}

} // namespace

SqliteHealthPage::SqliteHealthPage(const connection::ConnectionSpec &spec, QWidget *parent)
    : QWidget(parent)
    , m_session(new monitor::SqliteHealthSession(spec, this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
    , m_busy(new QProgressBar(this))
    , m_busyText(new QLabel(this))
    , m_results(new QTreeWidget(this))
    , m_report(new QLabel(this))
{
    auto *figures = new QGroupBox(tr("File"), this);
    auto *grid = new QGridLayout(figures);
    grid->setHorizontalSpacing(16);
    const std::pair<const char *, const char *> names[] = {
        {"path", "File"}, {"fileSize", "Size on disk"}, {"dataSize", "Data in it"}, {"freelist", "Free pages"},
        {"pages", "Pages"}, {"pageSize", "Page size"}, {"journal", "Journal mode"}, {"walSize", "WAL file"},
        {"schemaVersion", "Schema version"}, {"userVersion", "User version"}, {"autoVacuum", "Auto-vacuum"}, {"objects", "Tables / indexes"}};
    int i = 0;
    for (const auto &[name, caption] : names) {
        auto *captionLabel = new QLabel(tr(caption) + QLatin1Char(':'), figures);
        captionLabel->setStyleSheet(QStringLiteral("color: palette(placeholder-text);"));
        QLabel *value = addFigure(QLatin1String(name));
        value->setParent(figures);
        const int row = name == std::string_view("path") ? 0 : 1 + (i - 1) / 3;
        const int col = name == std::string_view("path") ? 0 : ((i - 1) % 3) * 2;
        grid->addWidget(captionLabel, row, col);
        grid->addWidget(value, row, col + 1, 1, name == std::string_view("path") ? 5 : 1);
        ++i;
    }
    grid->setColumnStretch(1, 1);
    grid->setColumnStretch(3, 1);
    grid->setColumnStretch(5, 1);

    auto *actions = new QGroupBox(tr("Checks and upkeep"), this);
    auto *actionLayout = new QGridLayout(actions);
    const SqliteHealthAction all[] = {SqliteHealthAction::IntegrityCheck, SqliteHealthAction::QuickCheck, SqliteHealthAction::ForeignKeyCheck,
                                      SqliteHealthAction::Vacuum, SqliteHealthAction::VacuumInto, SqliteHealthAction::Optimize,
                                      SqliteHealthAction::Checkpoint};
    int slot = 0;
    for (SqliteHealthAction action : all) {
        auto *button = new QPushButton(actionName(action), actions);
        button->setObjectName(QStringLiteral("health_%1").arg(int(action)));
        button->setToolTip(actionTip(action));
        connect(button, &QPushButton::clicked, this, [this, action] { start(action); });
        m_buttons.insert(int(action), button);
        actionLayout->addWidget(button, slot < 3 ? 0 : 1, slot < 3 ? slot : slot - 3);
        ++slot;
    }
    m_cancel->setObjectName(QStringLiteral("healthCancel"));
    m_cancel->setEnabled(false);
    connect(m_cancel, &QPushButton::clicked, m_session, &monitor::SqliteHealthSession::cancel);
    actionLayout->addWidget(m_cancel, 1, 4);
    m_busy->setRange(0, 0);
    m_busy->setMaximumHeight(12);
    m_busy->setTextVisible(false);
    m_busy->hide();
    actionLayout->addWidget(m_busy, 2, 0, 1, 3);
    actionLayout->addWidget(m_busyText, 2, 3, 1, 2);

    m_results->setObjectName(QStringLiteral("healthResults"));
    m_results->setRootIsDecorated(false);
    m_results->setHeaderLabels({tr("Result"), tr("Table"), tr("Row"), tr("References")});
    m_results->header()->setStretchLastSection(true);
    m_results->setColumnWidth(0, 420);
    connect(m_results, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        const QString column = item->data(2, Qt::UserRole).toString();
        if (!column.isEmpty())
            Q_EMIT rowRequested(item->text(1), column, item->data(2, Qt::UserRole + 1).toString());
    });
    m_report->setObjectName(QStringLiteral("healthReport"));
    m_report->setWordWrap(true);
    m_report->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_tick.setInterval(250);
    connect(&m_tick, &QTimer::timeout, this, [this] {
        m_busyText->setText(m_steps > 0 ? tr("%1 s, %L2 steps").arg(m_elapsed.elapsed() / 1000.0, 0, 'f', 1).arg(m_steps)
                                        : tr("%1 s").arg(m_elapsed.elapsed() / 1000.0, 0, 'f', 1));
    });
    connect(m_session, &monitor::SqliteHealthSession::healthRead, this, [this](bool ok, const Error &e) {
        if (ok)
            showHealth();
        else
            m_report->setText(tr("Could not read the file's figures: %1").arg(e.message));
    });
    connect(m_session, &monitor::SqliteHealthSession::checkRow, this, [this](const QString &row) {
        auto *item = new QTreeWidgetItem(m_results, {row});
        item->setToolTip(0, row);
    });
    connect(m_session, &monitor::SqliteHealthSession::violationsFound, this, [this](const QList<monitor::ForeignKeyViolation> &list) {
        for (const monitor::ForeignKeyViolation &v : list) {
            auto *item = new QTreeWidgetItem(m_results, {tr("%1 (%2) has no parent row", "columns of a broken foreign key").arg(v.columns.join(QStringLiteral(", ")), v.table),
                                                         v.table,
                                                         v.keyColumn.isEmpty() ? tr("(no rowid)") : QStringLiteral("%1 = %2").arg(v.keyColumn, v.keyValue),
                                                         v.parent});
            item->setData(2, Qt::UserRole, v.keyColumn);
            item->setData(2, Qt::UserRole + 1, v.keyValue);
            item->setToolTip(0, tr("Activate to open %1 at this row").arg(v.table));
        }
    });
    connect(m_session, &monitor::SqliteHealthSession::progress, this, [this](qint64 steps) { m_steps = steps; });
    connect(m_session, &monitor::SqliteHealthSession::finished, this, &SqliteHealthPage::onFinished);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(figures);
    layout->addWidget(actions);
    layout->addWidget(m_report);
    layout->addWidget(m_results, 1);
    reload();
}

QLabel *SqliteHealthPage::addFigure(const QString &name)
{
    auto *label = new QLabel(QStringLiteral("–"), this);
    label->setObjectName(QStringLiteral("figure_") + name);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_figures.insert(name, label);
    return label;
}

void SqliteHealthPage::reload()
{
    m_session->readHealth();
}

void SqliteHealthPage::showHealth()
{
    const monitor::SqliteFileHealth &h = m_session->health();
    m_figures[QStringLiteral("path")]->setText(h.filePath.isEmpty() ? tr("(in memory)") : h.filePath);
    m_figures[QStringLiteral("fileSize")]->setText(bytes(h.fileSize));
    m_figures[QStringLiteral("dataSize")]->setText(tr("%1 (%2% of the pages)").arg(bytes(h.dataSize()))
                                                      .arg(h.pageCount > 0 ? 100.0 * double(h.pageCount - h.freelistCount) / double(h.pageCount) : 100.0, 0, 'f', 1));
    m_figures[QStringLiteral("freelist")]->setText(tr("%L1 (%2)").arg(h.freelistCount).arg(bytes(h.freelistCount * h.pageSize)));
    m_figures[QStringLiteral("pages")]->setText(QStringLiteral("%L1").arg(h.pageCount));
    m_figures[QStringLiteral("pageSize")]->setText(bytes(h.pageSize));
    m_figures[QStringLiteral("journal")]->setText(h.journalMode);
    m_figures[QStringLiteral("walSize")]->setText(h.walSize < 0 ? tr("none") : bytes(h.walSize));
    m_figures[QStringLiteral("schemaVersion")]->setText(QString::number(h.schemaVersion));
    m_figures[QStringLiteral("userVersion")]->setText(QString::number(h.userVersion));
    static const QStringList vacuumModes{tr("none"), tr("full"), tr("incremental")};
    m_figures[QStringLiteral("autoVacuum")]->setText(vacuumModes.value(h.autoVacuum));
    m_figures[QStringLiteral("objects")]->setText(QStringLiteral("%1 / %2").arg(h.tables).arg(h.indexes));
    setBusy(m_session->isRunning());
}

void SqliteHealthPage::setBusy(bool busy)
{
    for (auto it = m_buttons.begin(); it != m_buttons.end(); ++it) {
        const QString why = m_session->unavailableReason(SqliteHealthAction(it.key()));
        it.value()->setEnabled(!busy && why.isEmpty());
        it.value()->setToolTip(why.isEmpty() ? actionTip(SqliteHealthAction(it.key())) : why);
    }
    m_cancel->setEnabled(busy);
    m_busy->setVisible(busy);
    if (busy) {
        m_elapsed.start();
        m_steps = 0;
        m_tick.start();
    } else {
        m_tick.stop();
        m_busyText->clear();
    }
}

void SqliteHealthPage::start(SqliteHealthAction action)
{
    QString target;
    if (action == SqliteHealthAction::VacuumInto) {
        target = m_askTarget ? m_askTarget()
                             : QFileDialog::getSaveFileName(this, tr("VACUUM INTO a new file"), QFileInfo(m_session->filePath()).absolutePath(),
                                                            tr("SQLite databases (*.db *.sqlite *.sqlite3);;All files (*)"));
        if (target.isEmpty())
            return;
    }
    if (action == SqliteHealthAction::Vacuum) {
        QMessageBox box(QMessageBox::Question, tr("VACUUM the file?"),
                        tr("VACUUM rewrites the whole file into a new one and swaps them. It needs as much free disk space "
                           "as the file, and waits for other connections to this file to finish their transactions."),
                        QMessageBox::NoButton, this);
        QPushButton *yes = box.addButton(tr("VACUUM"), QMessageBox::AcceptRole);
        yes->setObjectName(QStringLiteral("confirmButton"));
        box.addButton(QMessageBox::Cancel);
        box.exec();
        if (box.clickedButton() != yes)
            return;
    }
    m_results->clear();
    m_report->setStyleSheet(QString());
    m_report->setText(tr("%1 running…").arg(actionName(action)));
    setBusy(true);
    m_session->run(action, target);
}

void SqliteHealthPage::onFinished(const monitor::SqliteActionReport &report)
{
    setBusy(false);
    const QString name = actionName(report.action).remove(QStringLiteral("…"));
    QString text;
    if (report.cancelled) {
        text = tr("%1 cancelled after %2 ms.").arg(name).arg(report.elapsedMs, 0, 'f', 0);
    } else if (!report.ok) {
        text = tr("%1 failed: %2").arg(name, report.error.message);
    } else if (report.action == SqliteHealthAction::IntegrityCheck || report.action == SqliteHealthAction::QuickCheck) {
        const QString problems = report.rows == 1 ? tr("1 problem found") : tr("%L1 problems found").arg(report.rows);
        text = report.clean ? tr("%1: ok, no problem found (%2 ms).").arg(name).arg(report.elapsedMs, 0, 'f', 0)
                            : tr("%1: %2 (%3 ms).").arg(name, problems).arg(report.elapsedMs, 0, 'f', 0);
    } else if (report.action == SqliteHealthAction::ForeignKeyCheck) {
        text = report.clean ? tr("Foreign key check: every row has its parent (%1 ms).").arg(report.elapsedMs, 0, 'f', 0)
                            : report.rows == 1 ? tr("Foreign key check: 1 row without its parent; double-click it to open it.")
                                               : tr("Foreign key check: %L1 rows without their parent; double-click one to open it.").arg(report.rows);
    } else {
        text = tr("%1 done in %2 ms. File %3 → %4, free pages %L5 → %L6, WAL %7 → %8.")
                   .arg(name).arg(report.elapsedMs, 0, 'f', 0).arg(bytes(report.before.fileSize), bytes(report.after.fileSize))
                   .arg(report.before.freelistCount).arg(report.after.freelistCount)
                   .arg(bytes(report.before.walSize), bytes(report.after.walSize));
        if (report.action == SqliteHealthAction::VacuumInto)
            text += tr(" New file %1: %2.").arg(report.targetPath, bytes(report.targetSize));
        if (!report.summary.isEmpty())
            text += QStringLiteral(" (%1)").arg(report.summary);
    }
    const bool bad = (!report.ok && !report.cancelled) || (report.ok && !report.clean && int(report.action) <= int(SqliteHealthAction::ForeignKeyCheck));
    m_report->setStyleSheet(bad ? QStringLiteral("color: #c62828;") : QString());
    m_report->setText(text);
    showHealth();
}

} // namespace strata::ui
