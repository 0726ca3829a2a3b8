#include "diagramlayout.h"

#include <QElapsedTimer>
#include <QObject>
#include <QSet>
#include <algorithm>
#include <cmath>
#include <mutex>
#include <numeric>

#include <gvc.h>

namespace strata::erd {

namespace {

constexpr qreal kGap = 48;          // between packed components
constexpr qreal kPointsPerInch = 72;

std::mutex &graphvizMutex()
{
    static std::mutex m;   // Graphviz's cgraph/gvc keep global state: one layout at a time
    return m;
}

/// Connected components (edges undirected), each a list of node indexes; largest first.
QList<QList<int>> componentsOf(const LayoutInput &input, const QHash<QString, int> &index)
{
    std::vector<int> parent(size_t(input.nodes.size()));
    std::iota(parent.begin(), parent.end(), 0);
    const auto find = [&parent](int x) {
        while (parent[size_t(x)] != x)
            x = parent[size_t(x)] = parent[size_t(parent[size_t(x)])];
        return x;
    };
    for (const LayoutEdge &e : input.edges) {
        const int a = index.value(e.from, -1), b = index.value(e.to, -1);
        if (a >= 0 && b >= 0)
            parent[size_t(find(a))] = find(b);
    }
    QHash<int, QList<int>> groups;
    for (int i = 0; i < input.nodes.size(); ++i)
        groups[find(i)] << i;
    QList<QList<int>> out = groups.values();
    std::sort(out.begin(), out.end(), [](const QList<int> &a, const QList<int> &b) {
        return a.size() != b.size() ? a.size() > b.size() : a.first() < b.first();
    });
    return out;
}

QByteArray inches(qreal points)
{
    return QByteArray::number(points / kPointsPerInch, 'f', 4);
}

void setAttr(void *object, const char *name, const QByteArray &value)
{
    agsafeset(object, const_cast<char *>(name), const_cast<char *>(value.constData()), const_cast<char *>(""));
}

/// One component through gvLayout(); positions relative to the component's top-left.
QHash<int, QPointF> layoutComponent(GVC_t *gvc, const LayoutInput &input, const QList<int> &members,
                                    const QHash<QString, int> &index, double *graphvizMs)
{
    QHash<int, QPointF> out;
    if (members.size() == 1) {
        out.insert(members.first(), QPointF(0, 0));
        return out;
    }
    Agraph_t *g = agopen(const_cast<char *>("erd"), Agdirected, nullptr);
    setAttr(g, "rankdir", "LR");
    setAttr(g, "splines", "false");   // edges are routed by routeEdge(), not Graphviz
    setAttr(g, "nodesep", "0.6");
    setAttr(g, "ranksep", "1.2");
    setAttr(g, "overlap", "false");
    setAttr(g, "sep", "+24");
    setAttr(g, "mclimit", members.size() > 300 ? "0.3" : "1.0");
    QHash<int, Agnode_t *> nodes;
    for (int i : members) {
        const QByteArray name = QByteArray::number(i);
        Agnode_t *n = agnode(g, const_cast<char *>(name.constData()), 1);
        setAttr(n, "shape", "box");
        setAttr(n, "fixedsize", "true");
        setAttr(n, "label", "");
        setAttr(n, "width", inches(input.nodes.at(i).size.width()));
        setAttr(n, "height", inches(input.nodes.at(i).size.height()));
        nodes.insert(i, n);
    }
    for (const LayoutEdge &e : input.edges) {
        Agnode_t *a = nodes.value(index.value(e.from, -1)), *b = nodes.value(index.value(e.to, -1));
        if (a && b && a != b)
            agedge(g, b, a, nullptr, 1);   // parent (referenced) ranks left of its children
    }
    QElapsedTimer timer;
    timer.start();
    gvLayout(gvc, g, input.engine == LayoutEngine::Fdp ? "fdp" : "dot");
    *graphvizMs += double(timer.nsecsElapsed()) / 1e6;
    const boxf bb = GD_bb(g);
    for (auto it = nodes.cbegin(); it != nodes.cend(); ++it) {
        const pointf c = ND_coord(it.value());
        const QSizeF s = input.nodes.at(it.key()).size;
        out.insert(it.key(), QPointF(c.x - bb.LL.x - s.width() / 2, (bb.UR.y - c.y) - s.height() / 2));
    }
    gvFreeLayout(gvc, g);
    agclose(g);
    return out;
}

QRectF boundsOf(const QHash<int, QPointF> &pos, const LayoutInput &input)
{
    QRectF r;
    for (auto it = pos.cbegin(); it != pos.cend(); ++it)
        r |= QRectF(it.value(), input.nodes.at(it.key()).size);
    return r;
}

/// Packs laid-out components in rows about as wide as the whole is tall.
void pack(QList<QHash<int, QPointF>> &parts, const LayoutInput &input, LayoutOutput &out)
{
    qreal area = 0, widest = 0;
    QList<QRectF> bounds;
    for (const auto &p : parts) {
        bounds << boundsOf(p, input);
        area += (bounds.last().width() + kGap) * (bounds.last().height() + kGap);
        widest = std::max(widest, bounds.last().width());
    }
    const qreal rowWidth = std::max(widest, std::sqrt(area) * 1.4);
    qreal x = 0, y = 0, rowHeight = 0;
    for (int i = 0; i < parts.size(); ++i) {
        const QRectF b = bounds.at(i);
        if (x > 0 && x + b.width() > rowWidth) {
            x = 0;
            y += rowHeight + kGap;
            rowHeight = 0;
        }
        const QPointF shift = QPointF(x, y) - b.topLeft();
        for (auto it = parts[i].cbegin(); it != parts[i].cend(); ++it)
            out.positions.insert(input.nodes.at(it.key()).id, it.value() + shift);
        x += b.width() + kGap;
        rowHeight = std::max(rowHeight, b.height());
    }
}

void keepPinned(const LayoutInput &input, LayoutOutput &out)
{
    QPointF shift;
    int count = 0;
    QHash<QString, QSizeF> sizes;
    for (const LayoutNode &n : input.nodes)
        sizes.insert(n.id, n.size);
    for (auto it = input.pinned.cbegin(); it != input.pinned.cend(); ++it)
        if (out.positions.contains(it.key())) {
            shift += it.value() - out.positions.value(it.key());
            ++count;
        }
    if (count == 0)
        return;
    shift /= count;
    QList<QRectF> fixed;
    for (auto it = out.positions.begin(); it != out.positions.end(); ++it) {
        if (input.pinned.contains(it.key())) {
            it.value() = input.pinned.value(it.key());
            fixed << QRectF(it.value(), sizes.value(it.key())).adjusted(-12, -12, 12, 12);
        } else {
            it.value() += shift;
        }
    }
    for (auto it = out.positions.begin(); it != out.positions.end(); ++it) {
        if (input.pinned.contains(it.key()))
            continue;
        QRectF box(it.value(), sizes.value(it.key()));
        for (bool moved = true; moved;) {
            moved = false;
            for (const QRectF &f : std::as_const(fixed))
                if (box.intersects(f)) {
                    box.moveTop(f.bottom() + 1);
                    moved = true;
                }
        }
        it.value() = box.topLeft();
    }
}

} // namespace

Result<LayoutOutput> computeLayout(const LayoutInput &input, const std::atomic_bool *cancel, const LayoutProgress &progress)
{
    QHash<QString, int> index;
    for (int i = 0; i < input.nodes.size(); ++i)
        index.insert(input.nodes.at(i).id, i);
    const QList<QList<int>> components = componentsOf(input, index);
    LayoutOutput out;
    out.components = int(components.size());
    QList<QHash<int, QPointF>> parts;
    const std::lock_guard<std::mutex> lock(graphvizMutex());
    GVC_t *gvc = gvContext();
    int done = 0;
    for (const QList<int> &members : components) {
        if (cancel && cancel->load()) {
            gvFreeContext(gvc);
            return Error(ErrorKind::Cancelled, QObject::tr("Layout cancelled"));
        }
        parts << layoutComponent(gvc, input, members, index, &out.graphvizMs);
        done += int(members.size());
        if (progress)
            progress(done, int(input.nodes.size()));
    }
    gvFreeContext(gvc);
    pack(parts, input, out);
    keepPinned(input, out);
    return out;
}

QList<QPointF> routeEdge(const QRectF &fromBox, qreal fromY, const QRectF &toBox, qreal toY, qreal lane)
{
    constexpr qreal stub = 18;
    lane = std::clamp(lane, 0.0, 1.0);
    if (fromBox == toBox) {   // self reference: out of the right side and back in below
        const qreal x = fromBox.right() + stub * 1.5;
        const qreal back = std::abs(toY - fromY) < 4 ? toY + 8 : toY;
        return {QPointF(fromBox.right(), fromY), QPointF(x, fromY), QPointF(x, back), QPointF(fromBox.right(), back)};
    }
    // The vertical segment sits in the gap, at least one stub away from either box.
    const auto across = [lane](qreal left, qreal right) { return left + stub + (right - left - 2 * stub) * lane; };
    if (toBox.left() >= fromBox.right() + 2 * stub) {   // parent to the right
        const qreal mid = across(fromBox.right(), toBox.left());
        return {QPointF(fromBox.right(), fromY), QPointF(mid, fromY), QPointF(mid, toY), QPointF(toBox.left(), toY)};
    }
    if (fromBox.left() >= toBox.right() + 2 * stub) {   // parent to the left
        const qreal mid = across(toBox.right(), fromBox.left());
        return {QPointF(fromBox.left(), fromY), QPointF(mid, fromY), QPointF(mid, toY), QPointF(toBox.right(), toY)};
    }
    // Overlapping columns (one above the other): around the right sides.
    const qreal x = std::max(fromBox.right(), toBox.right()) + stub * (1 + lane);
    return {QPointF(fromBox.right(), fromY), QPointF(x, fromY), QPointF(x, toY), QPointF(toBox.right(), toY)};
}

} // namespace strata::erd
