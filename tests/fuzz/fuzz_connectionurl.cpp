// libFuzzer target: the connection-string parser (connection/connectionstring.h) as the
// connection dialog, strata-migrate --url and DATABASE_URL use it: postgresql:// and
// sqlite:// URLs with their aliases, file: URIs, bare paths. The properties are those of
// connectionchecks.h: printed forms parse back, display forms hide every secret, errors
// never tell the password, messages are capped.

#include "connectionchecks.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    strata::fuzz::checkConnectionText(strata::fuzz::textOf(data, size));
    return 0;
}
