#pragma once

// Shared by the libFuzzer targets (tests/fuzz/fuzz_*.cpp): bytes into text the way Strata
// reads a file, a property check that stops the run loudly (libFuzzer then saves the input
// as a crash artefact), and the rules every parser's messages follow.

#include "base/error.h"

#include <QDir>
#include <QFile>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <unistd.h>

namespace strata::fuzz {

/// The input as Strata reads a text file: UTF-8, invalid sequences as U+FFFD.
inline QString textOf(const uint8_t *data, size_t size)
{
    return QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
}

/// `text` with control characters other than line feeds shown as \xNN (a NUL would end the
/// printed text).
inline QString printable(const QString &text)
{
    QString out;
    for (const QChar c : text) {
        if (c.unicode() < 0x20 && c != QLatin1Char('\n'))
            out += QStringLiteral("\\x%1").arg(c.unicode(), 2, 16, QLatin1Char('0'));
        else
            out += c;
    }
    return out;
}

/// A broken property: prints which and why, then aborts so libFuzzer keeps the input.
[[noreturn]] inline void fail(const char *property, const QString &detail)
{
    std::fprintf(stderr, "\n*** fuzz property broken: %s\n%s\n", property, qUtf8Printable(printable(detail)));
    std::fflush(stderr);
    std::abort();
}

#define STRATA_FUZZ_CHECK(condition, detail)                                                      \
    do {                                                                                          \
        if (!(condition))                                                                         \
            ::strata::fuzz::fail(#condition, (detail));                                           \
    } while (0)

/// The longest message any parser may build from its input, beyond the text the caller
/// gave it (a file path). Quoted input is capped (base/quotedtext.h, 200 characters a
/// quote), so a message holds its own words and a few capped quotes; a 5 MB value must
/// never make a 5 MB message.
inline constexpr qsizetype kMessageCap = 1000;

/// An error's message and detail stay under the cap (`allowance` adds the length of text
/// the caller passed in and the message may name, such as a file path), and are not empty.
inline void checkMessage(const Error &error, qsizetype allowance = 0)
{
    STRATA_FUZZ_CHECK(!error.message.isEmpty(), QStringLiteral("an error without a message"));
    STRATA_FUZZ_CHECK(error.message.size() <= kMessageCap + allowance,
                      QStringLiteral("message of %1 characters: %2").arg(error.message.size()).arg(error.message.left(300)));
    STRATA_FUZZ_CHECK(error.detail.size() <= kMessageCap + allowance,
                      QStringLiteral("detail of %1 characters: %2").arg(error.detail.size()).arg(error.detail.left(300)));
}

/// A scratch file for readers that take a path (.pgpass, pg_service.conf, strata.ini),
/// on tmpfs where there is one; rewritten for every input, removed at exit.
class ScratchFile {
public:
    explicit ScratchFile(const QString &name)
    {
        const QString base = QDir(QStringLiteral("/dev/shm")).exists() ? QStringLiteral("/dev/shm") : QDir::tempPath();
        m_dir = QStringLiteral("%1/strata-fuzz-%2").arg(base).arg(::getpid());
        QDir().mkpath(m_dir);
        m_path = m_dir + QLatin1Char('/') + name;
    }
    ~ScratchFile()
    {
        QFile::remove(m_path);
        QDir().rmdir(m_dir);
    }
    ScratchFile(const ScratchFile &) = delete;
    ScratchFile &operator=(const ScratchFile &) = delete;

    /// Writes `data` with permissions u=rw (what libpq wants of a password file).
    void write(const uint8_t *data, size_t size) const
    {
        QFile file(m_path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            fail("scratch file writable", file.errorString());
        file.write(reinterpret_cast<const char *>(data), qint64(size));
        file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    }
    const QString &path() const { return m_path; }
    const QString &dir() const { return m_dir; }

private:
    QString m_dir;
    QString m_path;
};

} // namespace strata::fuzz
