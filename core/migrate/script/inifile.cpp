#include "inifile.h"

#include "base/quotedtext.h"

#include <QFile>
#include <QFileInfo>

namespace strata::migrate {

namespace {

Error iniError(const QString &file, int line, const QString &message)
{
    return Error(ErrorKind::Syntax, QStringLiteral("%1:%2: %3").arg(file).arg(line).arg(message));
}

QString interpolate(const QString &value, const QString &here)
{
    QString out = value;
    out.replace(QStringLiteral("%(here)s"), here);
    out.replace(QStringLiteral("%%"), QStringLiteral("%"));
    return out;
}

} // namespace

Result<IniFile> IniFile::parse(const QString &text, const QString &fileName, const QString &here)
{
    IniFile ini;
    QString section;
    QString lastKey;
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (int i = 0; i < lines.size(); ++i) {
        QString line = lines[i];
        if (line.endsWith(QLatin1Char('\r')))
            line.chop(1);
        const QString trimmed = line.trimmed();
        if (trimmed.isEmpty() || trimmed.startsWith(QLatin1Char('#')) || trimmed.startsWith(QLatin1Char(';'))) {
            if (trimmed.isEmpty())
                lastKey.clear();
            continue;
        }
        if (line.front().isSpace() && !lastKey.isEmpty()) {
            QString &v = ini.m_sections[section][lastKey];
            v += (v.isEmpty() ? QString() : QStringLiteral("\n")) + interpolate(trimmed, here);
            continue;
        }
        if (trimmed.startsWith(QLatin1Char('['))) {
            if (!trimmed.endsWith(QLatin1Char(']')))
                return iniError(fileName, i + 1, QStringLiteral("section header without ']'"));
            section = trimmed.mid(1, trimmed.size() - 2).trimmed();
            if (ini.m_sections.contains(section))
                return iniError(fileName, i + 1, QStringLiteral("duplicate section [%1]").arg(quotedInput(section)));
            ini.m_sections[section];
            ini.m_order[section];
            lastKey.clear();
            continue;
        }
        if (section.isEmpty())
            return iniError(fileName, i + 1, QStringLiteral("a setting before the first [section]"));
        int sep = -1;
        for (int c = 0; c < trimmed.size(); ++c) {
            if (trimmed[c] == QLatin1Char('=') || trimmed[c] == QLatin1Char(':')) {
                sep = c;
                break;
            }
        }
        if (sep <= 0)
            return iniError(fileName, i + 1, QStringLiteral("expected 'key = value'"));
        const QString key = trimmed.left(sep).trimmed().toLower();
        if (ini.m_sections[section].contains(key))
            return iniError(fileName, i + 1, QStringLiteral("duplicate key '%1' in [%2]").arg(quotedInput(key), quotedInput(section)));
        ini.m_sections[section].insert(key, interpolate(trimmed.mid(sep + 1).trimmed(), here));
        ini.m_order[section].append(key);
        lastKey = key;
    }
    return ini;
}

Result<IniFile> IniFile::load(const QString &path)
{
    QFile file(path);
    if (!file.exists())
        return Error(ErrorKind::NotFound, QStringLiteral("%1: no such file").arg(path));
    if (!file.open(QIODevice::ReadOnly))
        return Error(ErrorKind::Io, QStringLiteral("%1: %2").arg(path, file.errorString()));
    return parse(QString::fromUtf8(file.readAll()), path, QFileInfo(path).absolutePath());
}

bool IniFile::contains(const QString &section, const QString &key) const
{
    return m_sections.value(section).contains(key);
}

QString IniFile::value(const QString &section, const QString &key, const QString &fallback) const
{
    const auto s = m_sections.constFind(section);
    if (s == m_sections.constEnd() || !s->contains(key))
        return fallback;
    return s->value(key);
}

Result<bool> IniFile::boolValue(const QString &section, const QString &key, bool fallback) const
{
    if (!contains(section, key))
        return fallback;
    const QString v = value(section, key).toLower();
    if (v == u"true" || v == u"yes" || v == u"on" || v == u"1")
        return true;
    if (v == u"false" || v == u"no" || v == u"off" || v == u"0")
        return false;
    return Error(ErrorKind::Syntax, QStringLiteral("[%1] %2: expected true or false, got '%3'").arg(section, key, quotedInput(value(section, key))));
}

} // namespace strata::migrate
