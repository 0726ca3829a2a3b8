// libFuzzer target: strata.ini, read by the INI reader (migrate/script/inifile.h, as
// Python's configparser reads alembic.ini) and by ProjectConfig::load, which turns its
// [strata] (or [alembic]) section into a project. The input is the file.
// Properties:
//  - the same file with CRLF line ends reads the same (sections, keys, values);
//  - keys are lower case, unique in their section, listed once each by keys();
//  - a loaded project is usable: an absolute, clean script directory, a version table,
//    a positive slug length, known dialects listed once;
//  - errors name the file and line ("strata.ini:3: ..."), and are capped.

#include "fuzzsupport.h"

#include "migrate/script/inifile.h"
#include "migrate/script/projectconfig.h"

#include <QDir>
#include <QSet>

namespace {

using namespace strata;
using namespace strata::migrate;

const QString kFileName = QStringLiteral("strata.ini");
const QString kHere = QStringLiteral("/fuzz/project");

QString dump(const IniFile &ini, const QString &text)
{
    // Sections are not listed by IniFile: read the [names] of the text.
    QStringList out;
    for (const QString &line : text.split(QLatin1Char('\n'))) {
        const QString t = line.trimmed();
        if (!t.startsWith(QLatin1Char('[')) || !t.endsWith(QLatin1Char(']')))
            continue;
        const QString section = t.mid(1, t.size() - 2).trimmed();
        for (const QString &key : ini.keys(section))
            out << QStringLiteral("[%1] %2=%3").arg(section, key, ini.value(section, key));
    }
    return out.join(QLatin1Char('\n'));
}

void checkIni(const QString &text)
{
    const Result<IniFile> ini = IniFile::parse(text, kFileName, kHere);
    if (!ini) {
        fuzz::checkMessage(ini.error());
        STRATA_FUZZ_CHECK(ini.error().message.startsWith(kFileName + QLatin1Char(':')), ini.error().message.left(300));
    } else {
        for (const QString &line : text.split(QLatin1Char('\n'))) {
            const QString t = line.trimmed();
            if (!t.startsWith(QLatin1Char('[')) || !t.endsWith(QLatin1Char(']')))
                continue;
            const QString section = t.mid(1, t.size() - 2).trimmed();
            const QStringList keys = ini->keys(section);
            STRATA_FUZZ_CHECK(QSet<QString>(keys.cbegin(), keys.cend()).size() == keys.size(), QStringLiteral("[%1] lists a key twice").arg(section));
            for (const QString &key : keys) {
                STRATA_FUZZ_CHECK(key == key.toLower() && !key.isEmpty() && ini->contains(section, key),
                                  QStringLiteral("[%1] key [%2]").arg(section, key));
                (void)ini->boolValue(section, key, false);
            }
        }
    }
    if (text.contains(QLatin1Char('\r')))
        return;
    const QString crlf = QString(text).replace(QLatin1Char('\n'), QStringLiteral("\r\n"));
    const Result<IniFile> again = IniFile::parse(crlf, kFileName, kHere);
    STRATA_FUZZ_CHECK(again.ok() == ini.ok(), QStringLiteral("[%1] reads %2 with LF, %3 with CRLF")
                                                  .arg(text, ini.ok() ? QStringLiteral("ok") : ini.error().message,
                                                       again.ok() ? QStringLiteral("ok") : again.error().message));
    if (ini.ok())
        STRATA_FUZZ_CHECK(dump(*ini, text) == dump(*again, text),
                          QStringLiteral("[%1]\nLF:\n%2\nCRLF:\n%3").arg(text, dump(*ini, text), dump(*again, text)));
    else
        STRATA_FUZZ_CHECK(again.error().message == ini.error().message,
                          QStringLiteral("LF: %1\nCRLF: %2").arg(ini.error().message, again.error().message));
}

void checkProject(const fuzz::ScratchFile &file)
{
    const Result<ProjectConfig> config = ProjectConfig::load(file.path());
    if (!config) {
        fuzz::checkMessage(config.error(), file.path().size());
        return;
    }
    const ProjectConfig &c = *config;
    STRATA_FUZZ_CHECK(c.projectDir == file.dir(), c.projectDir);
    STRATA_FUZZ_CHECK(c.scriptDir.startsWith(QLatin1Char(':')) || (QDir::isAbsolutePath(c.scriptDir) && QDir::cleanPath(c.scriptDir) == c.scriptDir),
                      QStringLiteral("script directory [%1]").arg(c.scriptDir));
    STRATA_FUZZ_CHECK(!c.versionTable.isEmpty() && c.truncateSlugLength > 0, QStringLiteral("version table [%1], slug length %2").arg(c.versionTable).arg(c.truncateSlugLength));
    for (const QString &d : c.dialects)
        STRATA_FUZZ_CHECK((d == u"sqlite" || d == u"postgresql") && c.dialects.count(d) == 1, c.dialects.join(u','));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const fuzz::ScratchFile scratch(kFileName);
    checkIni(fuzz::textOf(data, size));
    scratch.write(data, size);
    checkProject(scratch);
    return 0;
}
