#include "diagramtypes.h"

#include <algorithm>

namespace strata::erd {

namespace {
constexpr QChar kSeparator(0x1f);
}

QString densityName(Density density)
{
    switch (density) {
    case Density::Full: return QStringLiteral("full");
    case Density::KeysOnly: return QStringLiteral("keys");
    case Density::NamesOnly: return QStringLiteral("names");
    }
    return QStringLiteral("full");
}

Density densityFromName(const QString &name)
{
    if (name == QLatin1String("keys"))
        return Density::KeysOnly;
    if (name == QLatin1String("names"))
        return Density::NamesOnly;
    return Density::Full;
}

QString TableKey::display() const
{
    return schema.isEmpty() ? name : schema + QLatin1Char('.') + name;
}

QString TableKey::id() const
{
    return schema + kSeparator + name;
}

TableKey TableKey::fromId(const QString &id)
{
    const qsizetype at = id.indexOf(kSeparator);
    if (at < 0)
        return {QString(), id};
    return {id.left(at), id.mid(at + 1)};
}

bool TableKey::operator<(const TableKey &other) const
{
    return schema != other.schema ? schema < other.schema : name < other.name;
}

QList<DiagramColumn> DiagramTable::visibleColumns(Density density) const
{
    if (density == Density::NamesOnly)
        return {};
    if (density == Density::Full)
        return columns;
    QList<DiagramColumn> keys;
    std::copy_if(columns.begin(), columns.end(), std::back_inserter(keys), [](const DiagramColumn &c) { return c.isKey(); });
    return keys;
}

int DiagramTable::visibleRow(const QString &column, Density density) const
{
    const QList<DiagramColumn> shown = visibleColumns(density);
    for (int i = 0; i < shown.size(); ++i)
        if (shown.at(i).name == column)
            return i;
    return -1;
}

QString DiagramEdge::id() const
{
    return from.id() + kSeparator + fromColumns.join(kSeparator) + kSeparator + QLatin1Char('>') + to.id();
}

int Diagram::indexOf(const TableKey &key) const
{
    // Tables are sorted (buildDiagram keeps them so): binary search.
    const auto it = std::lower_bound(tables.begin(), tables.end(), key,
                                     [](const DiagramTable &t, const TableKey &k) { return t.key < k; });
    return it != tables.end() && it->key == key ? int(it - tables.begin()) : -1;
}

const DiagramTable *Diagram::table(const TableKey &key) const
{
    const int i = indexOf(key);
    return i >= 0 ? &tables.at(i) : nullptr;
}

QList<DiagramEdge> Diagram::edgesOf(const TableKey &key) const
{
    QList<DiagramEdge> out;
    for (const DiagramEdge &e : edges)
        if (e.from == key || e.to == key)
            out << e;
    return out;
}

} // namespace strata::erd
