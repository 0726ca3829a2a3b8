#include "pgtoolfinder.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QSet>

#include <algorithm>

namespace strata::backup {

QString programName(PgProgram program)
{
    switch (program) {
    case PgProgram::Dump: return QStringLiteral("pg_dump");
    case PgProgram::Restore: return QStringLiteral("pg_restore");
    case PgProgram::Psql: return QStringLiteral("psql");
    }
    return {};
}

QString PgTool::describe() const
{
    return QStringLiteral("%1 %2 (%3)").arg(programName(program), version.text(), QDir::toNativeSeparators(path));
}

ToolSearch ToolSearch::fromEnvironment(const QProcessEnvironment &env, const QString &userFolder)
{
    ToolSearch s;
    s.userFolder = userFolder;
    const QString path = env.value(QStringLiteral("PATH"));
    for (const QString &folder : path.split(QDir::listSeparator(), Qt::SkipEmptyParts))
        s.pathFolders << folder;
#ifdef Q_OS_UNIX
    s.installRoots << QStringLiteral("/usr/lib/postgresql") << QStringLiteral("/usr/pgsql");
#endif
    return s;
}

QString ToolSearch::describe() const
{
    QStringList places{QStringLiteral("PATH")};
    for (const QString &root : installRoots)
        if (QFileInfo(root).isDir())
            places << QDir::toNativeSeparators(root + QStringLiteral("/*/bin"));
    if (!userFolder.isEmpty())
        places << QDir::toNativeSeparators(userFolder);
    if (places.size() == 1)
        return places.first();
    return places.mid(0, places.size() - 1).join(QStringLiteral(", ")) + QStringLiteral(" and ") + places.last();
}

PgVersion PgToolFinder::probe(const QString &path, QString *output)
{
    QProcess p;
    p.setProgram(path);
    p.setArguments({QStringLiteral("--version")});
    p.setProcessChannelMode(QProcess::MergedChannels);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("LC_MESSAGES"), QStringLiteral("C"));
    p.setProcessEnvironment(env);
    p.start();
    if (!p.waitForStarted(5000))
        return {};
    if (!p.waitForFinished(5000)) {
        p.kill();
        p.waitForFinished(1000);
        return {};
    }
    const QString text = QString::fromLocal8Bit(p.readAll()).trimmed();
    if (output)
        *output = text;
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        return {};
    return PgVersion::parse(text);
}

namespace {

QString executableName(PgProgram program)
{
#ifdef Q_OS_WIN
    return programName(program) + QStringLiteral(".exe");
#else
    return programName(program);
#endif
}

struct Candidate {
    QString path;
    ToolOrigin origin;
};

QList<Candidate> candidates(PgProgram program, const ToolSearch &search)
{
    QList<Candidate> out;
    const QString name = executableName(program);
    auto add = [&out, &name](const QString &folder, ToolOrigin origin) {
        if (folder.isEmpty())
            return;
        const QFileInfo fi(QDir(folder).filePath(name));
        if (fi.isFile() && fi.isExecutable())
            out.append({fi.absoluteFilePath(), origin});
    };
    add(search.userFolder, ToolOrigin::UserFolder);
    for (const QString &root : search.installRoots) {
        const QDir dir(root);
        for (const QString &version : dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name))
            add(dir.filePath(version + QStringLiteral("/bin")), ToolOrigin::VersionedInstall);
    }
    for (const QString &folder : search.pathFolders)
        add(folder, ToolOrigin::Path);
    return out;
}

} // namespace

QList<PgTool> PgToolFinder::discover(PgProgram program, const ToolSearch &search)
{
    QList<PgTool> found;
    QSet<QString> seen;
    for (const Candidate &c : candidates(program, search)) {
        // The same file reached twice (a symlink, PATH listing a folder twice) is one copy.
        const QString canonical = QFileInfo(c.path).canonicalFilePath();
        const QString key = canonical.isEmpty() ? c.path : canonical;
        if (seen.contains(key))
            continue;
        seen.insert(key);
        PgTool tool;
        tool.program = program;
        tool.path = c.path;
        tool.origin = c.origin;
        tool.version = probe(c.path, &tool.versionOutput);
        if (tool.isValid())
            found.append(tool);
    }
    std::stable_sort(found.begin(), found.end(), [](const PgTool &a, const PgTool &b) {
        if (a.version != b.version)
            return a.version < b.version;
        return static_cast<int>(a.origin) < static_cast<int>(b.origin);
    });
    return found;
}

Result<PgTool> PgToolFinder::choose(const QList<PgTool> &found, PgProgram program, const PgVersion &server,
                                    const ToolSearch &search)
{
    const QString name = programName(program);
    const QString where = search.pathFolders.isEmpty() && search.installRoots.isEmpty() && search.userFolder.isEmpty()
        ? QString() : QStringLiteral(" (looked in %1)").arg(search.describe());
    if (found.isEmpty()) {
        return Error(ErrorKind::NotFound,
                     QStringLiteral("%1 was not found%2. Install the Debian package %3 (apt install %3), or choose "
                                    "the folder that holds %1.")
                         .arg(name, where, debianClientPackage(server)));
    }
    if (!server.isValid())
        return found.last();
    // `found` is sorted by version, then by origin: the first fitting copy is the one.
    for (const PgTool &tool : found)
        if (tool.version.majorKey() >= server.majorKey())
            return tool;
    QStringList seen;
    for (const PgTool &tool : found)
        seen << tool.describe();
    return Error(ErrorKind::NotFound,
                 QStringLiteral("No %1 for PostgreSQL %2 or newer was found%3; %1 older than the server refuses it "
                                "(\"server version mismatch\"). Install the Debian package %4 (apt install %4), "
                                "or choose a folder with %1 %2 or newer.")
                     .arg(name, server.majorText(), where, debianClientPackage(server)))
        .withDetail(QStringLiteral("Found: %1").arg(seen.join(QStringLiteral("; "))));
}

} // namespace strata::backup
