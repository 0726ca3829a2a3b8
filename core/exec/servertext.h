#pragma once

// Text a PostgreSQL server sends (error messages, their detail and hint, notices), decoded
// with the connection's encoding instead of assuming UTF-8. Qt's QPSQL asks for
// client_encoding UTF8, but a database whose encoding is SQL_ASCII converts nothing, so its
// messages carry whatever bytes the server had: Latin-1 from lc_messages or from data
// (RAISE EXCEPTION 'café' in a LATIN1 client's SQL, a table name in an SQL_ASCII database).
// Valid UTF-8 is read as UTF-8; anything else is read with the client encoding when Qt
// knows it, else as Latin-1 (every byte one character): a message never turns into U+FFFD.

#include <QString>

struct pg_conn;

namespace strata::exec {

/// `text` (NUL-terminated, may be null) from the server behind `conn` (may be null).
QString decodeServerText(const pg_conn *conn, const char *text);

} // namespace strata::exec
