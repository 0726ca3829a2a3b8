// libFuzzer target: the .pgpass readers (connection/pgpass.cpp: lookupPgPass, the password
// libpq would use; connection/serviceimport.cpp: importPgPass, the entries offered as
// profiles). The input is the file.
// Properties: lookupPgPass finds what libpq finds. The model below is libpq's
// passwordFromFile and pwdfMatchesString (fe-connect.c) on the file's bytes; every line's
// own host, port, database and user are looked up in both. importPgPass offers at most one
// candidate per non-comment line, every one of them PostgreSQL, and its warnings are capped.

#include "fuzzsupport.h"

#include "connection/pgenvironment.h"
#include "connection/profileimport.h"

#include <optional>
#include <string>
#include <vector>

namespace {

using strata::fuzz::fail;

// libpq's pwdfMatchesString: the rest of the line after a field that matches `token`, or
// nothing. '*' alone matches anything; a backslash makes the next byte literal.
std::optional<std::string> matchField(const std::string &line, const std::string &token)
{
    if (line.size() >= 2 && line[0] == '*' && line[1] == ':')
        return line.substr(2);
    size_t t = 0;
    bool backslash = false;
    for (size_t i = 0; i < line.size(); ++i) {
        if (line[i] == '\\' && !backslash) {
            ++i;
            backslash = true;
            if (i >= line.size())
                return std::nullopt;
        }
        if (line[i] == ':' && t == token.size() && !backslash)
            return line.substr(i + 1);
        backslash = false;
        if (t == token.size() || line[i] != token[t])
            return std::nullopt;
        ++t;
    }
    return std::nullopt;
}

// libpq's passwordFromFile, after its checks on the file: the first matching line's
// password (unescaped, up to an unescaped ':'), or nothing. Empty counts as none.
std::optional<std::string> modelLookup(const std::string &file, const std::string &host, const std::string &port,
                                       const std::string &database, const std::string &user)
{
    size_t start = 0;
    while (start < file.size()) {
        size_t end = file.find('\n', start);
        if (end == std::string::npos)
            end = file.size();
        std::string line = file.substr(start, end - start);
        start = end + 1;
        while (!line.empty() && (line.back() == '\n' || line.back() == '\r'))
            line.pop_back();
        if (line.empty() || line[0] == '#')
            continue;
        std::optional<std::string> rest = matchField(line, host);
        if (rest)
            rest = matchField(*rest, port);
        if (rest)
            rest = matchField(*rest, database);
        if (rest)
            rest = matchField(*rest, user);
        if (!rest)
            continue;
        std::string password;
        for (size_t i = 0; i < rest->size() && (*rest)[i] != ':'; ++i) {
            if ((*rest)[i] == '\\' && i + 1 < rest->size())
                ++i;
            password += (*rest)[i];
        }
        if (password.empty())
            return std::nullopt;
        return password;
    }
    return std::nullopt;
}

// The first four fields of a line, unescaped: the lookups the line itself should answer.
std::vector<std::string> fieldsOf(const std::string &line)
{
    std::vector<std::string> fields(1);
    for (size_t i = 0; i < line.size() && fields.size() <= 4; ++i) {
        if (line[i] == '\\' && i + 1 < line.size())
            fields.back() += line[++i];
        else if (line[i] == ':')
            fields.emplace_back();
        else
            fields.back() += line[i];
    }
    fields.resize(4);
    return fields;
}

bool isValidUtf8(const std::string &bytes)
{
    const QByteArray b = QByteArray::fromStdString(bytes);
    return QString::fromUtf8(b).toUtf8() == b;
}

void checkLookups(const std::string &file, const QString &path)
{
    using namespace strata::connection;
    const QString socketDir = defaultSocketDirectory();
    int lookups = 0;
    size_t start = 0;
    while (start < file.size() && lookups < 8) {
        size_t end = file.find('\n', start);
        if (end == std::string::npos)
            end = file.size();
        const std::string line = file.substr(start, end - start);
        start = end + 1;
        std::vector<std::string> f = fieldsOf(line);
        for (std::string &field : f)
            if (field == "*")
                field = "x";
        // Strata asks with a port number and matches its decimal text, as libpq does.
        bool numeric = false;
        const int port = QString::fromStdString(f[1]).toInt(&numeric);
        const int asked = numeric && port > 0 && port <= 65535 ? port : 0;
        const std::string portToken = std::to_string(asked > 0 ? asked : 5432);
        const QString host = QString::fromStdString(f[0]);
        const bool local = host.isEmpty() || host == socketDir;
        const std::string hostToken = local ? std::string("localhost") : f[0];
        ++lookups;
        const PasswordLookup found = lookupPgPass(path, host, asked, QString::fromStdString(f[2]), QString::fromStdString(f[3]));
        const std::optional<std::string> expected = modelLookup(file, hostToken, portToken, f[2], f[3]);
        const QString expectedText = expected ? QString::fromUtf8(QByteArray::fromStdString(*expected)) : QString();
        const bool sameSource = (found.source == PasswordSource::PasswordFile) == expected.has_value();
        if (!sameSource || found.password != expectedText)
            fail("lookupPgPass agrees with libpq",
                 QStringLiteral("file [%1]\nlookup host [%2] port %3 db [%4] user [%5]\nStrata [%6] libpq [%7]%8")
                     .arg(QString::fromUtf8(QByteArray::fromStdString(file)), host)
                     .arg(asked)
                     .arg(QString::fromStdString(f[2]), QString::fromStdString(f[3]), found.password, expectedText,
                          expected ? QString() : QStringLiteral(" (none)")));
        STRATA_FUZZ_CHECK(found.warning.isEmpty(), found.warning);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace strata;
    using namespace strata::connection;
    static const fuzz::ScratchFile scratch(QStringLiteral("pgpass"));
    scratch.write(data, size);
    const std::string file(reinterpret_cast<const char *>(data), size);
    // Strata compares text, libpq bytes (up to a NUL, where its C strings end): the same for
    // UTF-8 without NUL.
    if (isValidUtf8(file) && file.find('\0') == std::string::npos)
        checkLookups(file, scratch.path());

    const Result<ImportResult> imported = importPgPass(scratch.path());
    STRATA_FUZZ_CHECK(imported.ok(), imported.ok() ? QString() : imported.error().message);
    const qsizetype lines = fuzz::textOf(data, size).count(QLatin1Char('\n')) + 1;
    STRATA_FUZZ_CHECK(imported->candidates.size() + imported->warnings.size() <= lines,
                      QStringLiteral("%1 candidates and %2 warnings from %3 lines")
                          .arg(imported->candidates.size()).arg(imported->warnings.size()).arg(lines));
    for (const ImportCandidate &c : imported->candidates) {
        STRATA_FUZZ_CHECK(c.profile.isPostgres(), c.source);
        STRATA_FUZZ_CHECK(!c.password, QStringLiteral("a .pgpass candidate carries its password: %1").arg(c.source));
    }
    for (const QString &warning : imported->warnings)
        fuzz::checkMessage(Error(ErrorKind::Syntax, warning), scratch.path().size());
    return 0;
}
