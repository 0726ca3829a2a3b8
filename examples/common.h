#pragma once

// Shared by the examples: open the database named on the command line (a SQLite path or a
// postgresql:// URL) on this thread, and report errors.

#include "connection/connectionstring.h"
#include "connection/databaseopener.h"

#include <QCoreApplication>
#include <QTextStream>

namespace example {

inline QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

/// Opens argv[1]; prints the error and returns an invalid database on failure.
inline QSqlDatabase open(const QStringList &args)
{
    if (args.size() < 2) {
        QTextStream(stderr) << "usage: " << args.value(0) << " URL  (a SQLite path or postgresql://...)\n";
        return {};
    }
    auto spec = strata::connection::parseConnectionString(args.at(1));
    if (!spec) {
        QTextStream(stderr) << spec.error().toString() << '\n';
        return {};
    }
    spec->profile.createIfMissing = true;
    const QString name = strata::connection::uniqueConnectionName(QStringLiteral("example"));
    const auto info = strata::connection::openDatabase(spec->profile, spec->password, name);
    if (!info) {
        QTextStream(stderr) << info.error().toString() << '\n';
        return {};
    }
    return QSqlDatabase::database(name, false);
}

/// Prints a failed step and tells main() to stop.
inline bool failed(const strata::Error &e, const char *step)
{
    QTextStream(stderr) << step << ": " << e.toString() << '\n';
    return true;
}

} // namespace example

#define EXAMPLE_CHECK(expr, step)                                                     \
    do {                                                                              \
        const auto &check_result_ = (expr);                                           \
        if (!check_result_.ok()) {                                                    \
            example::failed(check_result_.error(), step);                             \
            return 1;                                                                 \
        }                                                                             \
    } while (false)

#define EXAMPLE_EXPECT(cond)                                                          \
    do {                                                                              \
        if (!(cond)) {                                                                \
            QTextStream(stderr) << "unexpected result: " #cond "\n";                  \
            return 1;                                                                 \
        }                                                                             \
    } while (false)
