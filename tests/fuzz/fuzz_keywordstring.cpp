// libFuzzer target: libpq keyword/value connection strings (host=h port=5432 user='a b'),
// read as libpq's conninfo_parse reads them (connection/keywordstring.cpp). Beyond the
// properties of connectionchecks.h (through parseConnectionString), the keyword parser is
// driven directly, without the "key=" test that routes text to it: what it accepts prints
// back (toKeywordString) to a string it reads as the same spec.

#include "connectionchecks.h"

#include "connection/connectionstring_p.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace strata;
    using namespace strata::connection;
    const QString text = fuzz::textOf(data, size);
    fuzz::checkConnectionText(text);

    const Result<ConnectionSpec> spec = detail::parseKeywordString(text);
    if (!spec) {
        fuzz::checkMessage(spec.error());
        return 0;
    }
    const QString printed = toKeywordString(spec->profile, spec->password, PasswordMode::Include);
    const Result<ConnectionSpec> again = detail::parseKeywordString(printed);
    STRATA_FUZZ_CHECK(again.ok(), QStringLiteral("input [%1]\nprinted [%2]\nfails: %3")
                                      .arg(text, printed, again.ok() ? QString() : again.error().message));
    STRATA_FUZZ_CHECK(fuzz::sameSpec(*again, *spec), QStringLiteral("input [%1]\nprinted [%2]\nparsed:\n%3\nreparsed:\n%4")
                                                         .arg(text, printed, fuzz::describe(*spec), fuzz::describe(*again)));
    return 0;
}
