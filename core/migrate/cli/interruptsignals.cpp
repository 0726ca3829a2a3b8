#include "interruptsignals.h"

#include <QtGlobal>

#include <csignal>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <fcntl.h>
#include <poll.h>
#include <unistd.h>
#endif

namespace strata::migrate::cli {

#ifdef Q_OS_UNIX

namespace {

constexpr int kRepeatMs = 100;
constexpr int kSignals[] = {SIGINT, SIGTERM};

// What the async-signal handler may touch: plain ints and a lock-free atomic, set before the
// handler is installed and cleared after it is removed.
int g_pipe[2] = {-1, -1};
std::atomic<int> g_pending{0};
struct sigaction g_previous[2];

extern "C" void onInterruptSignal(int signal)
{
    const int savedErrno = errno;
    if (g_pending.exchange(signal) != 0) {
        // The second one: give up handling, end the process as the signal does by default.
        ::signal(signal, SIG_DFL);
        ::raise(signal);
    }
    const unsigned char byte = static_cast<unsigned char>(signal);
    (void)!::write(g_pipe[1], &byte, 1);
    errno = savedErrno;
}

} // namespace

InterruptSignals::InterruptSignals(std::function<void(const QString &)> onSignal) : m_onSignal(std::move(onSignal))
{
    if (g_pipe[0] >= 0)
        return;   // another one is active: this one leaves the signals alone
    if (::pipe(g_pipe) != 0) {
        g_pipe[0] = g_pipe[1] = -1;
        return;
    }
    for (const int fd : g_pipe)
        ::fcntl(fd, F_SETFD, FD_CLOEXEC);
    g_pending.store(0);
    struct sigaction action = {};
    action.sa_handler = &onInterruptSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    for (int i = 0; i < 2; ++i)
        sigaction(kSignals[i], &action, &g_previous[i]);
    m_installed = true;
    m_watcher = std::thread([this] { watch(); });
}

InterruptSignals::~InterruptSignals()
{
    if (!m_installed)
        return;
    const unsigned char stop = 0;
    (void)!::write(g_pipe[1], &stop, 1);
    m_watcher.join();
    for (int i = 0; i < 2; ++i)
        sigaction(kSignals[i], &g_previous[i], nullptr);
    ::close(g_pipe[0]);
    ::close(g_pipe[1]);
    g_pipe[0] = g_pipe[1] = -1;
}

void InterruptSignals::watch()
{
    while (true) {
        pollfd fd{g_pipe[0], POLLIN, 0};
        const int ready = ::poll(&fd, 1, m_received.load() ? kRepeatMs : -1);
        if (ready < 0 && errno == EINTR)
            continue;
        if (ready == 0) {
            m_onSignal(name(m_received.load()));   // repeat until the run has ended
            continue;
        }
        unsigned char byte = 0;
        if (::read(g_pipe[0], &byte, 1) != 1 || byte == 0)
            return;
        int expected = 0;
        m_received.compare_exchange_strong(expected, int(byte));
        m_onSignal(name(m_received.load()));
    }
}

#else

InterruptSignals::InterruptSignals(std::function<void(const QString &)> onSignal) : m_onSignal(std::move(onSignal)) {}

InterruptSignals::~InterruptSignals() = default;

void InterruptSignals::watch() {}

#endif

QString InterruptSignals::name(int signal)
{
    switch (signal) {
    case SIGINT: return QStringLiteral("SIGINT");
    case SIGTERM: return QStringLiteral("SIGTERM");
    default: return QStringLiteral("signal %1").arg(signal);
    }
}

} // namespace strata::migrate::cli
