#pragma once

// Keeping passwords out of messages. Every message built from a connection string, a
// command-line option or a driver's connection error passes through redactSecrets(), with
// the secrets the input may hold:
//  - secretsIn(text): read from the text as typed, also when it does not parse: the password
//    of a URL's user info for every '@' that could end it (an unencoded '@', '/', '?' or '#'
//    in a password moves where a parser splits), the value of a password keyword or query
//    parameter (up to the end of the text too: an unquoted password may hold spaces or '&'),
//    and the pieces of 3 or more characters between URL delimiters of each, since a parser
//    that split the text in the wrong place may quote one piece.
//  - secretsOf(profile, password): the password, and the values of options whose key looks
//    like a password (Password, passwd, pwd...).
// redactSecrets() replaces each secret, as given, percent-encoded and quoted as libpq quotes
// it, with "***", longest first; and any quoted text ("..." or '...') that is a secret or a
// slice of one (from an opening quote, the farthest closing quote whose text is a slice of a
// secret that holds the quote character, so a password full of '"' is hidden whole). A secret shorter than 3 characters is replaced only where it stands quoted on
// its own (unquoted, such a string is in ordinary words and tells nothing). Pure functions,
// any thread.

#include "base/result.h"
#include "connectionprofile.h"

#include <QStringList>
#include <optional>

namespace strata::connection {

/// The replacement for a secret in a message.
inline constexpr char16_t kRedacted[] = u"***";

/// Secrets a connection string (URL, keyword/value string, or a whole command-line
/// argument such as --url=...) may carry, read without parsing it.
QStringList secretsIn(const QString &connectionText);

/// Secrets of a parsed profile: the password and password-like options.
QStringList secretsOf(const ConnectionProfile &profile, const std::optional<QString> &password);

/// True for an option key that names a password in any spelling libpq does not accept
/// (case-insensitive "password", "passwd", "pwd", "pass"...).
bool looksLikePasswordKey(const QString &key);

/// True for an option whose value is a secret: a password-like key other than "passfile"
/// (libpq's sslpassword, the passphrase of the client key, among them). Such an option is
/// never saved or exported (profilefields.h) and is printed only with PasswordMode::Include.
bool isSecretOption(const QString &key);

/// `text` with every form of every secret replaced by "***".
QString redactSecrets(const QString &text, const QStringList &secrets);
/// The same for an error's message, detail and SQL.
Error redactSecrets(Error error, const QStringList &secrets);

} // namespace strata::connection
