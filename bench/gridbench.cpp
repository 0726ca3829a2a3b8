#include "gridbench.h"

#include "benchreport.h"
#include "connection/connection.h"
#include "connection/connectionstring.h"
#include "data/tablemodel.h"
#include "gridbenchraw.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QTextStream>
#include <QTimer>

namespace strata::bench {

namespace {

using data::TableModel;

constexpr int kWindow = 256;

QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

/// Runs the event loop until `done` or `timeoutMs`; false on timeout.
bool waitUntil(const std::function<bool()> &done, int timeoutMs = 120000)
{
    QElapsedTimer timer;
    timer.start();
    QTimer tick;
    tick.start(20);   // wake up now and then even when nothing arrives
    while (!done()) {
        if (timer.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents);
    }
    return true;
}

double msSince(const QElapsedTimer &t)
{
    return double(t.nsecsElapsed()) / 1e6;
}

/// Milliseconds until the model holds `row`, after asking for it.
double jump(TableModel &model, qint64 row)
{
    QElapsedTimer t;
    t.start();
    model.fetchTableRow(row);
    if (!waitUntil([&] { return model.isTableRowLoaded(row); }))
        return -1;
    return msSince(t);
}

struct StrataFigures {
    double open = -1, count = -1, last = -1, middleFirst = -1, sampling = -1, middle = -1, scroll = -1, peak = -1;
    int boundariesAtFirstMiddle = 0;
    bool middleApproximate = false;   // the first middle jump landed on an estimated key
    qint64 middleError = 0;           // rows between the estimated and the exact position
    bool rowsCorrect = true;
};

StrataFigures measureStrata(const connection::ConnectionSpec &spec, qint64 rows, int scrollWindows)
{
    StrataFigures f;
    resetPeakMemory();
    const double baseline = memoryMb("VmRSS");
    connection::Connection reader(spec.profile, QStringLiteral("grid"));
    connection::Connection background(spec.profile, QStringLiteral("grid-count"));
    reader.open(spec.password);
    background.open(spec.password);
    if (!waitUntil([&] { return reader.state() == connection::Connection::State::Open
                                && background.state() == connection::Connection::State::Open; }, 30000)) {
        err() << "strata-bench grid: cannot connect: " << reader.lastError().message << '\n';
        return f;
    }
    TableModel model(&reader, &background, nullptr, kWindow, 40);
    auto idAt = [&](qint64 row) { return model.data(model.index(int(row), 0), TableModel::RawRole).toLongLong(); };
    QElapsedTimer t;
    t.start();
    model.open(spec.profile.isPostgres() ? QStringLiteral("public") : QStringLiteral("main"), QStringLiteral("books"));
    if (!waitUntil([&] { return model.isTableRowLoaded(0); }))
        return f;
    f.open = msSince(t);
    f.rowsCorrect = idAt(0) == 1;
    if (!waitUntil([&] { return model.countState() == TableModel::CountState::Exact && !model.isCounting(); }))
        return f;
    f.count = msSince(t);
    QElapsedTimer sampling;
    sampling.start();
    f.last = jump(model, rows - 1);
    f.rowsCorrect = f.rowsCorrect && idAt(rows - 1) == rows;
    f.boundariesAtFirstMiddle = model.boundaryCount();
    f.middleFirst = jump(model, rows / 2);
    f.middleApproximate = model.isRowApproximate(rows / 2);
    if (f.middleApproximate)
        QObject::connect(&model, &TableModel::rowsRepositioned, [&f](int, qint64 delta) { f.middleError = delta; });
    else
        f.rowsCorrect = f.rowsCorrect && idAt(rows / 2) == rows / 2 + 1;
    if (waitUntil([&] { return model.boundariesComplete() && !model.hasApproximateRows(); }, 600000))
        f.sampling = msSince(sampling);
    if (f.middleApproximate) {
        // Located exactly once sampled: the same row number now holds the right row.
        jump(model, rows / 2);
        f.rowsCorrect = f.rowsCorrect && idAt(rows / 2) == rows / 2 + 1;
    }
    QList<double> middles;
    for (int k = 1; k <= 5; ++k) {
        const qint64 row = qMin(rows - 1, rows / 2 + qint64(k) * 100003);
        middles << jump(model, row);
        f.rowsCorrect = f.rowsCorrect && idAt(row) == row + 1;
    }
    std::sort(middles.begin(), middles.end());
    f.middle = middles.at(middles.size() / 2);
    // Sustained scrolling: window after window, as a view scrolled by dragging would ask.
    const qint64 start = rows / 4;
    QElapsedTimer scroll;
    scroll.start();
    qint64 read = 0;
    for (int w = 0; w < scrollWindows && start + qint64(w) * kWindow < rows; ++w) {
        const qint64 row = start + qint64(w) * kWindow;
        model.fetchTableRow(row);
        waitUntil([&] { return model.isTableRowLoaded(row); });
        read += kWindow;
    }
    f.scroll = double(read) / (msSince(scroll) / 1000.0);
    f.rowsCorrect = f.rowsCorrect && idAt(start + qint64(scrollWindows - 1) * kWindow) == start + qint64(scrollWindows - 1) * kWindow + 1;
    f.peak = memoryMb("VmHWM") - baseline;
    return f;
}

} // namespace

int runGridBench(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Opens a books table of N rows in the grid's model and measures first "
                                                    "window, jumps, scrolling and memory beside the raw C API."));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("url"), QStringLiteral("Database URL (SQLite path or postgresql://)."), QStringLiteral("url")});
    parser.addOption({QStringLiteral("rows"), QStringLiteral("Rows in books (default 10000000)."), QStringLiteral("n"), QStringLiteral("10000000")});
    parser.addOption({QStringLiteral("scroll-windows"), QStringLiteral("Windows stepped for the scroll rate (default 400)."),
                      QStringLiteral("n"), QStringLiteral("400")});
    parser.addOption({QStringLiteral("json"), QStringLiteral("Print one JSON object.")});
    parser.process(arguments);
    const qint64 rows = parser.value(QStringLiteral("rows")).toLongLong();
    const int scrollWindows = qMax(1, parser.value(QStringLiteral("scroll-windows")).toInt());
    auto spec = connection::parseConnectionString(parser.value(QStringLiteral("url")));
    if (!spec || rows < 4 * kWindow) {
        err() << "strata-bench grid: " << (spec ? QStringLiteral("--rows must be at least 1024") : spec.error().message) << '\n';
        return 2;
    }
    spec->profile.createIfMissing = true;
    QString error;
    {
        std::unique_ptr<RawBooks> raw = RawBooks::open(spec->profile, spec->password, &error);
        if (!raw || !raw->prepare(rows, &error)) {
            err() << "strata-bench grid: " << error << '\n';
            return 1;
        }
    }
    const StrataFigures s = measureStrata(spec.value(), rows, scrollWindows);

    // The raw side on a connection of its own, same windows, same process, after Strata's.
    resetPeakMemory();
    const double rawBaseline = memoryMb("VmRSS");
    std::unique_ptr<RawBooks> raw = RawBooks::open(spec->profile, spec->password, &error);
    const char *columns = "SELECT id, title, author, pages, published, price FROM books ";
    const QByteArray first = QByteArray(columns) + "ORDER BY id LIMIT ?";
    const QByteArray last = QByteArray(columns) + "ORDER BY id DESC LIMIT ?";
    const QByteArray offset = QByteArray(columns) + "ORDER BY id LIMIT ? OFFSET " + QByteArray::number(rows / 2);
    const QByteArray keyset = QByteArray(columns) + "WHERE id >= ? ORDER BY id LIMIT ?";
    const double rawFirst = raw->window(first.constData(), -1, kWindow);
    const double rawCount = raw->countMs();
    const double rawLast = raw->window(last.constData(), -1, kWindow);
    const double rawOffset = raw->window(offset.constData(), -1, kWindow);
    QList<double> keysets;
    for (int k = 1; k <= 5; ++k)
        keysets << raw->window(keyset.constData(), rows / 2 + qint64(k) * 100003 + 7, kWindow);
    std::sort(keysets.begin(), keysets.end());
    const double rawScroll = raw->scroll(rows / 4, scrollWindows, kWindow);
    const double rawPeak = memoryMb("VmHWM") - rawBaseline;

    BenchReport report(QStringLiteral("grid"), spec->profile.isPostgres() ? QStringLiteral("postgresql") : QStringLiteral("sqlite"));
    report.setParameter(QStringLiteral("rows"), rows);
    report.setParameter(QStringLiteral("window"), kWindow);
    report.setParameter(QStringLiteral("scroll windows"), scrollWindows);
    report.add({QStringLiteral("first window (open)"), s.open, rawFirst, QStringLiteral("ms"),
                QStringLiteral("Strata: describe the table + first keyset window")});
    report.add({QStringLiteral("exact row count"), s.count, rawCount, QStringLiteral("ms"), QStringLiteral("background, from open")});
    report.add({QStringLiteral("jump to last row"), s.last, rawLast, QStringLiteral("ms"), QStringLiteral("keyset from the end")});
    report.add({QStringLiteral("jump to middle, first time"), s.middleFirst, rawOffset, QStringLiteral("ms"),
                s.middleApproximate ? QStringLiteral("estimated key (histogram), %1 rows off until located; raw: OFFSET")
                                          .arg(s.middleError)
                                    : QStringLiteral("%1 boundaries sampled then; raw: OFFSET").arg(s.boundariesAtFirstMiddle)});
    report.add({QStringLiteral("sample key boundaries"), s.sampling, -1, QStringLiteral("ms"), QStringLiteral("background, after the count")});
    report.add({QStringLiteral("jump to middle, sampled"), s.middle, keysets.at(keysets.size() / 2), QStringLiteral("ms"),
                QStringLiteral("median of 5; raw: keyset on a known id")});
    report.add({QStringLiteral("sustained scrolling"), s.scroll, rawScroll, QStringLiteral("rows/s"), QStringLiteral("window by window")});
    report.add({QStringLiteral("peak memory growth"), s.peak, rawPeak, QStringLiteral("MB"), QStringLiteral("VmHWM - VmRSS before")});
    QTextStream out(stdout);
    if (parser.isSet(QStringLiteral("json")))
        out << QJsonDocument(report.toJson()).toJson(QJsonDocument::Compact) << '\n';
    else
        out << report.toText();
    if (!s.rowsCorrect || s.open < 0) {
        err() << "strata-bench grid: the model returned wrong rows or timed out\n";
        return 1;
    }
    return 0;
}

} // namespace strata::bench
