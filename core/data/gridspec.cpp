#include "gridspec.h"

namespace strata::data {

std::optional<ColumnFilter> ColumnFilter::parse(int column, const QString &text)
{
    const QString t = text.trimmed();
    if (t.isEmpty())
        return std::nullopt;
    const QString upper = t.toUpper().simplified();
    if (upper == QLatin1String("NULL") || upper == QLatin1String("IS NULL"))
        return ColumnFilter{column, FilterOp::IsNull, {}};
    if (upper == QLatin1String("NOT NULL") || upper == QLatin1String("IS NOT NULL"))
        return ColumnFilter{column, FilterOp::IsNotNull, {}};
    static const QList<QPair<QLatin1String, FilterOp>> prefixes = {
        {QLatin1String("<="), FilterOp::LessOrEqual}, {QLatin1String(">="), FilterOp::GreaterOrEqual},
        {QLatin1String("!="), FilterOp::NotEquals},   {QLatin1String("<>"), FilterOp::NotEquals},
        {QLatin1String("="), FilterOp::Equals},       {QLatin1String("<"), FilterOp::Less},
        {QLatin1String(">"), FilterOp::Greater}};
    for (const auto &p : prefixes) {
        if (t.startsWith(p.first)) {
            QString operand = t.mid(p.first.size());
            if (operand.startsWith(QLatin1Char(' ')))
                operand = operand.mid(1);
            return ColumnFilter{column, p.second, operand};
        }
    }
    return ColumnFilter{column, FilterOp::Contains, text};
}

} // namespace strata::data
