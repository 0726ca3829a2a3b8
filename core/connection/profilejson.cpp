// Strata's own JSON export and import, and lists of URLs.

#include "connectionstring.h"
#include "profilefields.h"
#include "profileimport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace strata::connection {

namespace {

const QString kFormat = QStringLiteral("strata-connections");
constexpr int kFormatVersion = 1;

/// Keys that carry secrets in other tools' exports; never read into a profile.
bool isSecretKey(const QString &key)
{
    const QString lower = key.toLower();
    return lower == QLatin1String("password") || lower == QLatin1String("passwd") || lower == QLatin1String("pwd");
}

} // namespace

QByteArray exportProfilesJson(const QList<ConnectionProfile> &profiles)
{
    QJsonArray list;
    for (const ConnectionProfile &p : profiles) {
        QVariantMap map = profileToMap(p);
        map.remove(QStringLiteral("id"));   // the importing store assigns its own
        list.append(QJsonObject::fromVariantMap(map));
    }
    QJsonObject root;
    root.insert(QStringLiteral("format"), kFormat);
    root.insert(QStringLiteral("version"), kFormatVersion);
    root.insert(QStringLiteral("connections"), list);
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

Result<ImportResult> importProfilesJson(const QByteArray &json)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (doc.isNull())
        return Error(ErrorKind::Syntax, QStringLiteral("Not valid JSON: %1 at offset %2.")
                                            .arg(parseError.errorString())
                                            .arg(parseError.offset));
    QJsonArray list;
    if (doc.isArray()) {
        list = doc.array();
    } else {
        const QJsonObject root = doc.object();
        if (root.value(QStringLiteral("format")).toString() != kFormat || !root.value(QStringLiteral("connections")).isArray())
            return Error(ErrorKind::Syntax, QStringLiteral("This JSON is not a Strata connections export "
                                                           "(no \"format\": \"strata-connections\")."));
        if (root.value(QStringLiteral("version")).toInt() > kFormatVersion)
            return Error(ErrorKind::Unsupported, QStringLiteral("This export was written by a newer Strata (format version %1).")
                                                     .arg(root.value(QStringLiteral("version")).toInt()));
        list = root.value(QStringLiteral("connections")).toArray();
    }
    ImportResult result;
    for (qsizetype i = 0; i < list.size(); ++i) {
        if (!list.at(i).isObject()) {
            result.warnings << QStringLiteral("entry %1: not an object, skipped").arg(i + 1);
            continue;
        }
        QVariantMap map = list.at(i).toObject().toVariantMap();
        for (const QString &key : map.keys()) {
            if (isSecretKey(key)) {
                map.remove(key);
                result.warnings << QStringLiteral("entry %1: its password was ignored (Strata keeps passwords in the keychain)").arg(i + 1);
            }
        }
        ImportCandidate c;
        c.profile = profileFromMap(map);
        c.profile.id.clear();
        c.source = QStringLiteral("entry %1").arg(i + 1);
        result.candidates.append(c);
    }
    return result;
}

ImportResult importUrlList(const QString &text, const QString &baseDir)
{
    ImportResult result;
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString line = lines.at(i).trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        const Result<ConnectionSpec> spec = parseConnectionString(line, baseDir);
        if (!spec) {
            result.warnings << QStringLiteral("line %1: %2").arg(i + 1).arg(spec.error().message);
            continue;
        }
        ImportCandidate c;
        c.profile = spec->profile;
        c.password = spec->password;
        c.source = QStringLiteral("line %1").arg(i + 1);
        result.candidates.append(c);
    }
    return result;
}

} // namespace strata::connection
