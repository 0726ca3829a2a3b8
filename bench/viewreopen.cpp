#include "viewreopen.h"

#include "catalog/catalogjobs.h"
#include "catalog/descriptionstore.h"
#include "connection/connection.h"
#include "connection/readerpool.h"
#include "data/tablemodel.h"
#include "grid/gridtab.h"
#include "grid/gridview.h"
#include "viewprobes.h"

#include <QVBoxLayout>

namespace strata::bench {

namespace {

constexpr int kDatabase = 1;   // the tree's connection id the tabs belong to

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

/// Opens a tab on `books` in `window` and measures open → rows painted.
double openTab(const connection::ConnectionSpec &spec, const QString &schema, QWidget *window,
               const ui::GridTabServices &services, ui::GridTab **out)
{
    ui::GridTab *tab = nullptr;
    PaintProbe probe([&tab] { return tab && firstRowsLoaded(tab); });
    const double ms = probe.measure([&] {
        tab = new ui::GridTab(spec, ui::ObjectRef{ui::NodeKind::Relation, kDatabase, schema, QStringLiteral("books")}, window, services);
        window->layout()->addWidget(tab);
        probe.watch(tab->view()->viewport());
    });
    *out = tab;
    // Counting and sampling run on each tab's own connection: let them end between figures.
    waitFor([tab] { return !tab->model()->isCounting(); }, 600000);
    settle(200);
    return ms;
}

} // namespace

ReopenFigures measureReopen(const connection::ConnectionSpec &spec, const QString &schema)
{
    ReopenFigures f;
    QWidget window;
    window.resize(1100, 700);
    auto *layout = new QVBoxLayout(&window);
    layout->setContentsMargins(0, 0, 0, 0);
    window.show();
    settle(100);
    ui::GridTab *first = nullptr;
    ui::GridTab *second = nullptr;
    f.ownFirst = openTab(spec, schema, &window, {}, &first);
    f.ownSecond = openTab(spec, schema, &window, {}, &second);
    f.ownDescribes = second->model()->describeCount();
    delete second;
    delete first;
    settle(200);

    // What the tree knows once the table node was expanded.
    catalog::DescriptionStore store;
    {
        connection::Connection tree(spec.profile, QStringLiteral("tree"));
        tree.open(spec.password);
        bool done = false;
        catalog::fetchTableDetail(tree, &window, schema, QStringLiteral("books"), [&](Result<catalog::TableDetail> detail) {
            if (detail)
                store.put(kDatabase, detail.value());
            done = true;
        });
        waitFor([&done] { return done; }, 30000);
    }
    connection::ReaderPool pool;
    const ui::GridTabServices services{&pool, &store};
    f.sharedFirst = openTab(spec, schema, &window, services, &first);
    f.sharedSecond = openTab(spec, schema, &window, services, &second);
    f.sharedDescribes = second->model()->describeCount();
    delete second;
    delete first;
    settle(200);
    return f;
}

} // namespace strata::bench
