#include "benchreport.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QTextStream>
#include <algorithm>

namespace strata::bench {

BenchReport::BenchReport(QString command, QString dialect)
    : m_command(std::move(command))
    , m_dialect(std::move(dialect))
{
}

void BenchReport::add(Figure figure)
{
    m_figures.append(std::move(figure));
}

QString BenchReport::toText() const
{
    QString out;
    QTextStream s(&out);
    s << "strata-bench " << m_command << " (" << m_dialect << ")\n";
    for (auto it = m_parameters.begin(); it != m_parameters.end(); ++it)
        s << "  " << it.key() << ": " << it.value().toVariant().toString() << '\n';
    s << QStringLiteral("%1 %2 %3 %4\n").arg(QStringLiteral("figure"), -34).arg(QStringLiteral("strata"), 14)
             .arg(m_rawLabel, 14).arg(QStringLiteral("ratio"), 8);
    for (const Figure &f : m_figures) {
        const QString strata = QString::number(f.strata, 'f', 2) + QLatin1Char(' ') + f.unit;
        const QString raw = f.raw >= 0 ? QString::number(f.raw, 'f', 2) + QLatin1Char(' ') + f.unit : QStringLiteral("—");
        const QString ratio = f.raw > 0 ? QString::number(f.strata / f.raw, 'f', 2) + QLatin1Char('x') : QStringLiteral("—");
        s << QStringLiteral("%1 %2 %3 %4").arg(f.name, -34).arg(strata, 14).arg(raw, 14).arg(ratio, 8);
        if (!f.note.isEmpty())
            s << "  " << f.note;
        s << '\n';
    }
    return out;
}

QJsonObject BenchReport::toJson() const
{
    QJsonArray figures;
    for (const Figure &f : m_figures) {
        QJsonObject o{{QStringLiteral("name"), f.name}, {QStringLiteral("strata"), f.strata},
                      {QStringLiteral("unit"), f.unit}};
        if (f.raw >= 0) {
            o.insert(QStringLiteral("raw"), f.raw);
            if (f.raw > 0)
                o.insert(QStringLiteral("ratio"), f.strata / f.raw);
        }
        if (!f.note.isEmpty())
            o.insert(QStringLiteral("note"), f.note);
        figures.append(o);
    }
    return {{QStringLiteral("command"), m_command}, {QStringLiteral("dialect"), m_dialect},
            {QStringLiteral("parameters"), m_parameters}, {QStringLiteral("figures"), figures}};
}

double medianMs(int runs, const std::function<void()> &work)
{
    work();   // warm-up: caches, prepared plans
    QList<double> times;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer timer;
        timer.start();
        work();
        times.append(double(timer.nsecsElapsed()) / 1e6);
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

} // namespace strata::bench
