#include "viewreopen.h"

#include "benchreport.h"
#include "catalog/catalogjobs.h"
#include "catalog/descriptionstore.h"
#include "connection/connection.h"
#include "connection/connectionstring.h"
#include "connection/readerpool.h"
#include "data/tablemodel.h"
#include "grid/gridtab.h"
#include "grid/gridview.h"
#include "gridbenchraw.h"
#include "viewprobes.h"

#include <QCommandLineParser>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QTextStream>
#include <QUuid>
#include <QVBoxLayout>
#include <algorithm>

namespace strata::bench {

namespace {

constexpr int kDatabase = 1;   // the tree's connection id the tabs belong to

struct Run {
    QList<double> openMs;   // per tab: open → rows painted
    int connections = -1;   // held by the N tabs once open
    int describes = 0;      // describe reads of the N tabs
};

bool firstRowsLoaded(ui::GridTab *tab)
{
    const QAbstractItemModel *model = tab->view()->model();
    if (!model || model->rowCount() == 0)
        return false;
    const int first = tab->view()->topModelRow();
    const int last = qMin(first + tab->view()->pageRows() - 1, model->rowCount() - 1);
    return model->index(first, 0).data(data::TableModel::LoadedRole).toBool()
        && model->index(last, 0).data(data::TableModel::LoadedRole).toBool();
}

/// PostgreSQL sessions named `app`, counted from a connection of another name.
int sessionsNamed(const connection::ConnectionSpec &spec, const QString &app)
{
    connection::ConnectionProfile profile = spec.profile;
    profile.applicationName = QStringLiteral("strata-bench-counter");
    connection::Connection counter(profile, QStringLiteral("count"));
    counter.open(spec.password);
    int count = -1;
    bool done = false;
    QObject context;
    counter.run<int>(&context, [app](connection::JobContext &job) -> Result<int> {
        QSqlQuery q(job.db);
        q.prepare(QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE application_name = ?"));
        q.addBindValue(app);
        if (!q.exec() || !q.next())
            return Error(ErrorKind::Internal, QStringLiteral("pg_stat_activity"));
        return q.value(0).toInt();
    }, [&](Result<int> r) { count = r ? r.value() : -1; done = true; });
    waitFor([&done] { return done; }, 30000);
    return count;
}

/// Opens `tabs` grid tabs on `books` one after the other in a shown window.
Run openTabs(connection::ConnectionSpec spec, const QString &schema, int tabs, const ui::GridTabServices &services)
{
    spec.profile.applicationName = QStringLiteral("strata-bench-%1").arg(QUuid::createUuid().toString(QUuid::Id128).left(8));
    Run run;
    QWidget window;
    window.resize(1100, 700);
    auto *layout = new QVBoxLayout(&window);
    layout->setContentsMargins(0, 0, 0, 0);
    window.show();
    settle(100);
    QList<ui::GridTab *> open;
    for (int i = 0; i < tabs; ++i) {
        ui::GridTab *tab = nullptr;
        PaintProbe probe([&tab] { return tab && firstRowsLoaded(tab); });
        run.openMs << probe.measure([&] {
            if (!open.isEmpty())
                open.last()->hide();   // as a tab widget shows one tab at a time
            tab = new ui::GridTab(spec, ui::ObjectRef{ui::NodeKind::Relation, kDatabase, schema, QStringLiteral("books")}, &window, services);
            layout->addWidget(tab);
            probe.watch(tab->view()->viewport());
        });
        open << tab;
        run.describes += tab->model()->describeCount();
        // Counting runs on each tab's own connection: let it end between figures.
        waitFor([tab] { return !tab->model()->isCounting(); }, 600000);
        settle(100);
    }
    if (spec.profile.isPostgres())
        run.connections = sessionsNamed(spec, spec.profile.applicationName);
    else   // each tab's own connection(s), and the pool's readers
        run.connections = (services.readers ? services.readers->openedCount() + tabs : 2 * tabs);
    qDeleteAll(open);
    settle(200);
    return run;
}

double medianAfterFirst(const QList<double> &ms)
{
    QList<double> rest = ms.mid(1);
    if (rest.isEmpty())
        return -1;
    std::sort(rest.begin(), rest.end());
    return rest.at(rest.size() / 2);
}

/// What the tree knows once the `books` node was expanded.
void describeLikeTheTree(const connection::ConnectionSpec &spec, const QString &schema, catalog::DescriptionStore &store)
{
    connection::Connection tree(spec.profile, QStringLiteral("tree"));
    tree.open(spec.password);
    bool done = false;
    QObject context;
    catalog::fetchTableDetail(tree, &context, schema, QStringLiteral("books"), [&](Result<catalog::TableDetail> detail) {
        if (detail)
            store.put(kDatabase, detail.value());
        done = true;
    });
    waitFor([&done] { return done; }, 30000);
}

QTextStream &err()
{
    static QTextStream s(stderr);
    return s;
}

} // namespace

int runViewReopenBench(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Opens N grid tabs on one database, each with its own connections and "
                                                    "describe (raw) and sharing a reader and the tree's description (strata)."));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("url"), QStringLiteral("Database URL (SQLite path or postgresql://)."), QStringLiteral("url")});
    parser.addOption({QStringLiteral("rows"), QStringLiteral("Rows in books (default 1000000)."), QStringLiteral("n"), QStringLiteral("1000000")});
    parser.addOption({QStringLiteral("tabs"), QStringLiteral("Tabs opened on the database (default 4)."), QStringLiteral("n"), QStringLiteral("4")});
    parser.addOption({QStringLiteral("json"), QStringLiteral("Print one JSON object.")});
    parser.process(arguments);
    const qint64 rows = parser.value(QStringLiteral("rows")).toLongLong();
    const int tabs = parser.value(QStringLiteral("tabs")).toInt();
    auto spec = connection::parseConnectionString(parser.value(QStringLiteral("url")));
    if (!spec || rows < 100 || tabs < 2) {
        err() << "strata-bench viewreopen: " << (spec ? QStringLiteral("--rows >= 100 and --tabs >= 2") : spec.error().message) << '\n';
        return 2;
    }
    spec->profile.createIfMissing = true;
    {
        QString error;
        std::unique_ptr<RawBooks> raw = RawBooks::open(spec->profile, spec->password, &error);
        if (!raw || !raw->prepare(rows, &error)) {
            err() << "strata-bench viewreopen: " << error << '\n';
            return 1;
        }
    }
    const QString schema = spec->profile.isPostgres() ? QStringLiteral("public") : QStringLiteral("main");
    const Run before = openTabs(spec.value(), schema, tabs, {});
    catalog::DescriptionStore store;
    describeLikeTheTree(spec.value(), schema, store);
    connection::ReaderPool pool;
    const Run now = openTabs(spec.value(), schema, tabs, ui::GridTabServices{&pool, &store});

    BenchReport report(QStringLiteral("viewreopen"), spec->profile.isPostgres() ? QStringLiteral("postgresql") : QStringLiteral("sqlite"));
    report.setRawLabel(QStringLiteral("before"));
    report.setParameter(QStringLiteral("rows"), rows);
    report.setParameter(QStringLiteral("tabs"), tabs);
    report.add({QStringLiteral("first tab → rows"), now.openMs.value(0), before.openMs.value(0), QStringLiteral("ms"),
                QStringLiteral("strata: the reader opened, the tree's description; before: two connections, describe")});
    report.add({QStringLiteral("second tab, same table → rows"), now.openMs.value(1), before.openMs.value(1), QStringLiteral("ms"),
                QStringLiteral("strata: shared reader, no describe")});
    report.add({QStringLiteral("tabs 2..N → rows (median)"), medianAfterFirst(now.openMs), medianAfterFirst(before.openMs),
                QStringLiteral("ms"), QString()});
    report.add({QStringLiteral("connections held by N tabs"), double(now.connections), double(before.connections),
                QStringLiteral("connections"),
                spec->profile.isPostgres() ? QStringLiteral("pg_stat_activity") : QStringLiteral("Connection objects made")});
    report.add({QStringLiteral("describe reads of N tabs"), double(now.describes), double(before.describes), QStringLiteral("reads"), QString()});
    QTextStream out(stdout);
    if (parser.isSet(QStringLiteral("json")))
        out << QJsonDocument(report.toJson()).toJson(QJsonDocument::Compact) << '\n';
    else
        out << report.toText();
    return 0;
}

} // namespace strata::bench
