#pragma once

// `strata --self-test`: proves an installed Strata works end to end (packaging's
// clean-install test runs it): creates the demo database in a private temporary data
// directory, opens it, waits for the object tree to list its tables and for a table's rows
// to reach the data grid. Prints each step; never touches the user's settings or data.

#include <QTemporaryDir>

namespace strata::app {

class SelfTestEnvironment {
public:
    /// Points the XDG data, config, cache and runtime directories at a temporary directory;
    /// construct it before the QApplication (Qt reads them once).
    SelfTestEnvironment();
    bool isValid() const { return m_dir.isValid(); }
    QString path() const { return m_dir.path(); }

private:
    QTemporaryDir m_dir;
};

/// Runs the self-test in the QApplication that exists; returns the process exit code
/// (0 when every step worked, 1 otherwise, with the failed step on stderr).
int runSelfTest(const SelfTestEnvironment &environment);

} // namespace strata::app
