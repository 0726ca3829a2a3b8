#pragma once

#include <QStringList>

class QTextStream;

namespace strata::bench {

/// `strata-bench view --url URL --rows N [--json]` (or `--synthetic --rows N`): the grid tab
/// offscreen; needs a QApplication.
int runViewBench(const QStringList &arguments);
/// `--app`: the main window on `location`, double-click `books`, as a person would
/// (viewbenchapp.cpp); `screenshot` (optional) is written at the last rows.
int runViewApp(const QString &location, const QString &screenshot, QTextStream &out);

} // namespace strata::bench
