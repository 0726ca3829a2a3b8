#include "servertext.h"

#include <QStringDecoder>
#include <libpq-fe.h>

namespace strata::exec {

namespace {

QString latin1(QByteArrayView bytes)
{
    return QString::fromLatin1(bytes.data(), bytes.size());
}

} // namespace

QString decodeServerText(const pg_conn *conn, const char *text)
{
    if (!text)
        return {};
    const QByteArrayView bytes(text, qstrlen(text));
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString decoded = utf8(bytes);
    if (!utf8.hasError())
        return decoded;
    const QByteArray encoding = conn ? QByteArray(pg_encoding_to_char(PQclientEncoding(conn))) : QByteArray();
    if (encoding.isEmpty() || encoding == "UTF8" || encoding == "SQL_ASCII" || encoding == "LATIN1")
        return latin1(bytes);
    QStringDecoder named(encoding.constData(), QStringDecoder::Flag::Stateless);
    if (named.isValid()) {
        decoded = named(bytes);
        if (!named.hasError())
            return decoded;
    }
    return latin1(bytes);
}

} // namespace strata::exec
