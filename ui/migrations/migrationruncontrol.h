#pragma once

// MigrationRunControl: shared between the panel (GUI thread) and the run job (the
// connection's worker), so Cancel reaches the runner whether it has started yet or not.

#include "migrate/runner/migrationrunner.h"

#include <mutex>

namespace strata::ui {

struct MigrationRunControl {
    void cancel()
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_cancelled = true;
        if (m_runner)
            m_runner->cancel();
    }
    /// Worker thread: the runner is live until detach(); a cancel that came first applies now.
    void attach(migrate::MigrationRunner *runner)
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_runner = runner;
        if (m_cancelled)
            runner->cancel();
    }
    void detach()
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_runner = nullptr;
    }

private:
    std::mutex m_mutex;
    migrate::MigrationRunner *m_runner = nullptr;
    bool m_cancelled = false;
};

} // namespace strata::ui
