#pragma once

#include <QStringList>

namespace strata::bench {

/// `strata-bench view --url URL --rows N [--json]` (or `--synthetic --rows N`): the grid tab
/// offscreen; needs a QApplication.
int runViewBench(const QStringList &arguments);

} // namespace strata::bench
