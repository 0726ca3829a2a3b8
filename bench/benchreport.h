#pragma once

// One benchmark run's figures: each measured through Strata and through the raw C API on
// the same data, printed as an aligned table with ratios, or as one JSON object (--json).

#include <QJsonObject>
#include <QList>
#include <QString>
#include <functional>

namespace strata::bench {

struct Figure {
    QString name;        ///< "list 10000 tables"
    double strata = 0;   ///< Strata's value
    double raw = -1;     ///< the raw C API's value on the same work; < 0 when there is none
    QString unit;        ///< "ms", "rows/s", "MB"
    QString note;
};

class BenchReport {
public:
    BenchReport(QString command, QString dialect);
    void add(Figure figure);
    void setParameter(const QString &key, const QJsonValue &value) { m_parameters.insert(key, value); }
    /// The heading of the second column in text output ("raw C API" unless set).
    void setRawLabel(const QString &label) { m_rawLabel = label; }
    QString toText() const;
    QJsonObject toJson() const;

private:
    QString m_command;
    QString m_dialect;
    QString m_rawLabel = QStringLiteral("raw C API");
    QJsonObject m_parameters;
    QList<Figure> m_figures;
};

/// Median wall time in milliseconds of `runs` calls of `work` (after one warm-up call).
double medianMs(int runs, const std::function<void()> &work);

} // namespace strata::bench
