#pragma once

// IniFile: a small reader for strata.ini and alembic.ini, as Python's configparser reads
// them (which is what Alembic users write): `[section]`, `key = value` or `key: value`,
// `#` and `;` comment lines, indented continuation lines, `%(here)s` and `%%`
// interpolation. QSettings is not used: it rewrites values (commas become lists, `%`
// escapes, case folding on some platforms).

#include "base/result.h"

#include <QHash>
#include <QString>
#include <QStringList>

namespace strata::migrate {

class IniFile {
public:
    /// Parses `text`; `fileName` names the file in errors ("strata.ini:4: ...").
    /// `here` is the value of %(here)s (the file's directory).
    static Result<IniFile> parse(const QString &text, const QString &fileName, const QString &here = {});
    static Result<IniFile> load(const QString &path);

    bool hasSection(const QString &section) const { return m_sections.contains(section); }
    bool contains(const QString &section, const QString &key) const;
    QString value(const QString &section, const QString &key, const QString &fallback = {}) const;
    /// true/false, yes/no, on/off, 1/0 (case-insensitive); anything else is an error.
    Result<bool> boolValue(const QString &section, const QString &key, bool fallback) const;
    QStringList keys(const QString &section) const { return m_order.value(section); }

private:
    QHash<QString, QHash<QString, QString>> m_sections;
    QHash<QString, QStringList> m_order;
};

} // namespace strata::migrate
