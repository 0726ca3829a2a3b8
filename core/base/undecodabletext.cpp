#include "undecodabletext.h"

#include <QStringDecoder>

namespace strata {

QVariant textFromUtf8(const char *data, qsizetype size)
{
    if (size == 0)
        return QStringLiteral("");
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = decoder.decode(QByteArrayView(data, size));
    if (!decoder.hasError())
        return text;
    return QVariant::fromValue(UndecodableText{QByteArray(data, size)});
}

} // namespace strata
