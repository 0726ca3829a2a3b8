// strata-bench view: the real grid tab (GridTab with its GridView), offscreen, on a books
// table of N rows, beside the table model alone on the same table and the same moves.

#include "viewbench.h"

#include "benchreport.h"
#include "connection/connection.h"
#include "connection/connectionstring.h"
#include "data/synthetictablemodel.h"
#include "data/tablemodel.h"
#include "grid/gridtab.h"
#include "grid/gridview.h"
#include "grid/rowscrollbar.h"
#include "gridbenchraw.h"
#include "viewprobes.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QTextStream>
#include <QVBoxLayout>

namespace strata::bench {

namespace {

using data::TableModel;
using ui::GridView;

QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

struct ViewFigures {
    double open = -1, count = -1, last = -1, lastCached = -1, drag = -1, pages = -1, slowestPage = -1;
    double rss = -1, peak = -1, stall = -1;
    qint64 dragTop = -1;
    int pageRows = 0;
    bool approximateDrag = false;
};

struct ModelFigures {
    double open = -1, count = -1, last = -1, drag = -1, pages = -1, peak = -1;
    double connected = -1, described = -1;   // parts of open: both connections open, table described
};

constexpr int kPageDowns = 400;
constexpr double kDragFraction = 0.37;

/// True when the view's visible rows are in the model (loaded, or computed).
bool rowsShown(GridView *view, const std::function<bool(int)> &loaded)
{
    const QAbstractItemModel *model = view->model();
    if (!model || model->rowCount() == 0)
        return false;
    const int first = view->topModelRow();
    const int last = qMin(first + view->pageRows() - 1, model->rowCount() - 1);
    return loaded(first) && loaded(last);
}

/// The moves every figure is made of, on a view whose rows are ready when `loaded` says.
void measureMoves(GridView *view, PaintProbe &probe, ViewFigures &f)
{
    const qint64 total = view->totalRows();
    auto atEnd = [view, total] { return view->topRow() + view->pageRows() >= total; };
    view->setFocus();
    f.last = probe.measure([view] { pressKey(view, Qt::Key_End, Qt::ControlModifier); });
    if (!atEnd())
        f.last = -1;
    probe.measure([view] { pressKey(view, Qt::Key_Home, Qt::ControlModifier); });
    f.lastCached = probe.measure([view] { pressKey(view, Qt::Key_End, Qt::ControlModifier); });
    probe.measure([view] { pressKey(view, Qt::Key_Home, Qt::ControlModifier); });
    f.drag = probe.measure([view] { dragSlider(view->rowScrollBar(), kDragFraction); });
    f.dragTop = view->topRow();
    releaseSlider(view->rowScrollBar());
    probe.measure([view] { pressKey(view, Qt::Key_Home, Qt::ControlModifier); });
    f.pageRows = view->pageRows();
    f.slowestPage = 0;
    f.pages = 0;
    for (int i = 0; i < kPageDowns; ++i) {
        const double ms = probe.measure([view] { pressKey(view, Qt::Key_PageDown); });
        if (ms < 0) {
            f.pages = -1;
            break;
        }
        f.pages += ms;
        f.slowestPage = qMax(f.slowestPage, ms);
        if (ms > 100 && qEnvironmentVariableIsSet("STRATA_BENCH_TRACE"))
            err() << "slow page " << i << ": " << ms << " ms, top " << view->topRow() << '\n' << Qt::flush;
    }
}

ViewFigures measureView(const connection::ConnectionSpec &spec, const QString &schema)
{
    ViewFigures f;
    StallMeter stall;
    QWidget window;
    window.resize(1100, 700);
    auto *layout = new QVBoxLayout(&window);
    layout->setContentsMargins(0, 0, 0, 0);
    window.show();
    settle(100);
    // The baseline: the same tab on a table with no rows.
    {
        auto *empty = new ui::GridTab(spec, ui::ObjectRef{ui::NodeKind::Relation, -1, schema, QStringLiteral("books_empty")}, &window);
        layout->addWidget(empty);
        if (!waitFor([empty] { return empty->model()->isOpen() && !empty->model()->isCounting(); }, 30000))
            err() << "strata-bench view: the empty table did not open\n";
        settle(300);
        delete empty;
        settle(100);
    }
    const double baseline = memoryMb("VmRSS");
    resetPeakMemory();
    stall.reset();
    ui::GridTab *tab = nullptr;
    PaintProbe probe([&tab] {
        return tab && rowsShown(tab->view(), [tab](int row) { return tab->model()->index(row, 0).data(TableModel::LoadedRole).toBool(); });
    });
    QElapsedTimer sinceOpen;
    sinceOpen.start();
    f.open = probe.measure([&] {
        tab = new ui::GridTab(spec, ui::ObjectRef{ui::NodeKind::Relation, -1, schema, QStringLiteral("books")}, &window);
        layout->addWidget(tab);
        probe.watch(tab->view()->viewport());
    });
    if (f.open < 0)
        return f;
    if (waitFor([tab] { return tab->model()->countState() == TableModel::CountState::Exact && !tab->model()->isCounting(); }, 600000))
        f.count = double(sinceOpen.nsecsElapsed()) / 1e6;
    measureMoves(tab->view(), probe, f);
    f.approximateDrag = tab->model()->hasApproximateRows();
    f.stall = stall.longestMs();
    f.rss = memoryMb("VmRSS") - baseline;
    f.peak = memoryMb("VmHWM") - baseline;
    delete tab;
    return f;
}

/// Milliseconds until the model holds `row`, after asking for it.
double modelJump(TableModel &model, qint64 row)
{
    QElapsedTimer t;
    t.start();
    model.fetchTableRow(row);
    if (!waitFor([&] { return model.isTableRowLoaded(row); }, 120000))
        return -1;
    return double(t.nsecsElapsed()) / 1e6;
}

ModelFigures measureModel(const connection::ConnectionSpec &spec, const QString &schema, qint64 rows, int pageRows)
{
    ModelFigures f;
    resetPeakMemory();
    const double baseline = memoryMb("VmRSS");
    connection::Connection reader(spec.profile, QStringLiteral("grid"));
    connection::Connection background(spec.profile, QStringLiteral("grid-count"));
    QElapsedTimer t;
    t.start();
    reader.open(spec.password);
    background.open(spec.password);
    TableModel model(&reader, &background);
    QObject::connect(&model, &TableModel::opened, &model, [&f, &t] { f.described = double(t.nsecsElapsed()) / 1e6; });
    auto isOpen = [](const connection::Connection &c) { return c.state() == connection::Connection::State::Open; };
    QObject::connect(&reader, &connection::Connection::stateChanged, &reader, [&] {
        if (isOpen(reader) && isOpen(background) && f.connected < 0)
            f.connected = double(t.nsecsElapsed()) / 1e6;
    });
    QObject::connect(&background, &connection::Connection::stateChanged, &background, [&] {
        if (isOpen(reader) && isOpen(background) && f.connected < 0)
            f.connected = double(t.nsecsElapsed()) / 1e6;
    });
    model.open(schema, QStringLiteral("books"));
    if (!waitFor([&] { return model.isTableRowLoaded(0); }, 120000))
        return f;
    f.open = double(t.nsecsElapsed()) / 1e6;
    if (waitFor([&] { return model.countState() == TableModel::CountState::Exact && !model.isCounting(); }, 600000))
        f.count = double(t.nsecsElapsed()) / 1e6;
    f.last = modelJump(model, rows - 1);
    f.drag = modelJump(model, qint64(kDragFraction * double(rows)));
    f.pages = 0;
    for (int i = 1; i <= kPageDowns; ++i)
        f.pages += qMax(0.0, modelJump(model, qMin(rows - 1, qint64(i) * pageRows + pageRows - 1)));
    f.peak = memoryMb("VmHWM") - baseline;
    return f;
}

ViewFigures measureSynthetic(qint64 rows)
{
    ViewFigures f;
    StallMeter stall;
    data::SyntheticTableModel empty(0);
    data::SyntheticTableModel model(rows);
    GridView view;
    view.resize(1100, 650);
    view.setModel(&empty);
    view.show();
    settle(300);
    const double baseline = memoryMb("VmRSS");
    resetPeakMemory();
    stall.reset();
    PaintProbe probe([&view, &model] { return view.model() == &model && rowsShown(&view, [](int) { return true; }); });
    probe.watch(view.viewport());
    f.open = probe.measure([&] { view.setModel(&model); });
    measureMoves(&view, probe, f);
    f.stall = stall.longestMs();
    f.rss = memoryMb("VmRSS") - baseline;
    f.peak = memoryMb("VmHWM") - baseline;
    return f;
}

void addFigures(BenchReport &report, const ViewFigures &v, const ModelFigures &m, qint64 rows, bool synthetic)
{
    const QString pages = synthetic ? QStringLiteral("%1 Page Down × %2 rows").arg(kPageDowns).arg(v.pageRows)
                                    : QStringLiteral("%1 Page Down × %2 rows; raw: the model reading the same rows").arg(kPageDowns).arg(v.pageRows);
    report.add({QStringLiteral("open → first rows painted"), v.open, m.open, QStringLiteral("ms"),
                synthetic ? QStringLiteral("setModel on a shown GridView, first paint")
                          : QStringLiteral("new tab: connections, describe, first window, paint; raw: model alone "
                                           "(connections open at %1 ms, described at %2 ms)")
                                .arg(m.connected, 0, 'f', 1)
                                .arg(m.described, 0, 'f', 1)});
    if (v.count >= 0)
        report.add({QStringLiteral("exact count (background)"), v.count, m.count, QStringLiteral("ms"), QStringLiteral("from open")});
    report.add({QStringLiteral("Ctrl+End → last rows painted"), v.last, m.last, QStringLiteral("ms"),
                synthetic ? QStringLiteral("the model's window moves to the end") : QStringLiteral("count exact; raw: model jump to the last row")});
    report.add({QStringLiteral("Ctrl+End, window cached"), v.lastCached, -1, QStringLiteral("ms"), QStringLiteral("the view's own cost")});
    report.add({QStringLiteral("drag to 37 % → rows painted"), v.drag, m.drag, QStringLiteral("ms"),
                QStringLiteral("top row %1 of %2%3").arg(v.dragTop + 1).arg(rows).arg(v.approximateDrag ? QStringLiteral(", ≈ estimated") : QString())});
    report.add({QStringLiteral("400 Page Down → painted"), v.pages, m.pages, QStringLiteral("ms"), pages});
    report.add({QStringLiteral("slowest Page Down"), v.slowestPage, -1, QStringLiteral("ms"), QString()});
    report.add({QStringLiteral("RSS growth over an empty grid"), v.rss, -1, QStringLiteral("MB"), QStringLiteral("VmRSS after the moves")});
    report.add({QStringLiteral("peak RSS growth"), v.peak, m.peak, QStringLiteral("MB"),
                synthetic ? QStringLiteral("VmHWM") : QStringLiteral("VmHWM; raw: model alone")});
    report.add({QStringLiteral("longest GUI stall"), v.stall, -1, QStringLiteral("ms"), QStringLiteral("open to the last Page Down")});
}

} // namespace

int runViewBench(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Opens the grid tab on a books table of N rows offscreen and measures open, "
                                                    "Ctrl+End, a scrollbar drag, Page Downs, memory and GUI stalls, beside the model alone."));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("url"), QStringLiteral("Database URL (SQLite path or postgresql://)."), QStringLiteral("url")});
    parser.addOption({QStringLiteral("rows"), QStringLiteral("Rows in books (default 10000000)."), QStringLiteral("n"), QStringLiteral("10000000")});
    parser.addOption({QStringLiteral("synthetic"), QStringLiteral("A synthetic model of N rows instead of a database (no --url).")});
    parser.addOption({QStringLiteral("app"), QStringLiteral("The whole main window: double-click books in the tree (--url only).")});
    parser.addOption({QStringLiteral("screenshot"), QStringLiteral("With --app: save the window at the last rows."), QStringLiteral("png")});
    parser.addOption({QStringLiteral("json"), QStringLiteral("Print one JSON object.")});
    parser.process(arguments);
    if (parser.isSet(QStringLiteral("app"))) {
        QTextStream out(stdout);
        return runViewApp(parser.value(QStringLiteral("url")), parser.value(QStringLiteral("screenshot")), out);
    }
    const qint64 rows = parser.value(QStringLiteral("rows")).toLongLong();
    if (rows < 100) {
        err() << "strata-bench view: --rows must be at least 100\n";
        return 2;
    }
    ViewFigures v;
    ModelFigures m;
    QString dialect = QStringLiteral("synthetic");
    double prepareMs = 0;
    if (parser.isSet(QStringLiteral("synthetic"))) {
        v = measureSynthetic(rows);
    } else {
        auto spec = connection::parseConnectionString(parser.value(QStringLiteral("url")));
        if (!spec) {
            err() << "strata-bench view: " << spec.error().message << '\n';
            return 2;
        }
        spec->profile.createIfMissing = true;
        dialect = spec->profile.isPostgres() ? QStringLiteral("postgresql") : QStringLiteral("sqlite");
        QString error;
        QElapsedTimer prepare;
        prepare.start();
        {
            std::unique_ptr<RawBooks> raw = RawBooks::open(spec->profile, spec->password, &error);
            if (!raw || !raw->prepare(rows, &error) || !raw->prepareEmpty(&error)) {
                err() << "strata-bench view: " << error << '\n';
                return 1;
            }
        }
        prepareMs = double(prepare.nsecsElapsed()) / 1e6;
        const QString schema = spec->profile.isPostgres() ? QStringLiteral("public") : QStringLiteral("main");
        v = measureView(spec.value(), schema);
        m = measureModel(spec.value(), schema, rows, qMax(1, v.pageRows));
    }
    BenchReport report(QStringLiteral("view"), dialect);
    report.setRawLabel(QStringLiteral("model only"));
    report.setParameter(QStringLiteral("rows"), rows);
    report.setParameter(QStringLiteral("page rows"), v.pageRows);
    report.setParameter(QStringLiteral("prepare data ms"), prepareMs);
    addFigures(report, v, m, rows, parser.isSet(QStringLiteral("synthetic")));
    QTextStream out(stdout);
    if (parser.isSet(QStringLiteral("json")))
        out << QJsonDocument(report.toJson()).toJson(QJsonDocument::Compact) << '\n';
    else
        out << report.toText();
    if (v.open < 0 || v.last < 0 || v.drag < 0 || v.pages < 0) {
        err() << "strata-bench view: a move never showed its rows\n";
        return 1;
    }
    return 0;
}

} // namespace strata::bench
