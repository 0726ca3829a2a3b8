#include "diffproject.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QSet>

namespace alembicdiff {

namespace {

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

QStringList l(std::initializer_list<const char *> items)
{
    QStringList out;
    for (const char *i : items)
        out.append(s(i));
    return out;
}

bool writeText(const QString &path, const QString &text)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    return f.write(text.toUtf8()) >= 0;
}

QString pythonValue(const QStringList &items)
{
    QStringList quoted;
    for (const QString &i : items)
        quoted.append(QLatin1Char('\'') + i + QLatin1Char('\''));
    if (items.isEmpty())
        return s("None");
    if (items.size() == 1)
        return quoted.first();
    return QLatin1Char('(') + quoted.join(s(", ")) + QLatin1Char(')');
}

const char *const kCreated = "2026-11-21 10:00:00";

QString docText(const Revision &r)
{
    return s("%1\n\nRevision ID: %2\nRevises: %3\nCreate Date: %4").arg(r.message, r.id, r.down.join(s(", ")), s(kCreated));
}

const char *const kEnvPy = R"(# env.py as `alembic init` writes it, taking the connection the test driver opens.
from alembic import context

config = context.config

if context.is_offline_mode():
    context.configure(url=config.get_main_option("sqlalchemy.url"), literal_binds=True,
                      dialect_opts={"paramstyle": "named"})
    with context.begin_transaction():
        context.run_migrations()
else:
    context.configure(connection=config.attributes["connection"], target_metadata=None)
    with context.begin_transaction():
        context.run_migrations()
)";

bool isAncestor(const QList<Revision> &revs, const QString &a, const QString &b)
{
    // a is a (proper) ancestor of b through down_revision and depends_on
    QStringList todo{b};
    QSet<QString> seen;
    while (!todo.isEmpty()) {
        const QString x = todo.takeLast();
        for (const Revision &r : revs) {
            if (r.id != x)
                continue;
            for (const QString &p : r.down + r.dependsOn) {
                if (p == a)
                    return true;
                if (!seen.contains(p)) {
                    seen.insert(p);
                    todo.append(p);
                }
            }
        }
    }
    return false;
}

} // namespace

QList<Revision> revisions(bool forked)
{
    QList<Revision> r{
        {s("1975ea83b712"), {}, {}, {}, s("create books table")},
        {s("27c6a30d7c24"), l({"1975ea83b712"}), {}, {}, s("add authors")},
        {s("3a1b5c7d9e0f"), l({"27c6a30d7c24"}), l({"reviews"}), {}, s("create reviews")},
        {s("3a9f8e7d6c5b"), l({"3a1b5c7d9e0f"}), {}, {}, s("add rating to reviews")},
        {s("4d2e6f8a0b1c"), l({"27c6a30d7c24"}), l({"authors"}), {}, s("create author profiles")},
        {s("4d7c9b1a3e5f"), l({"4d2e6f8a0b1c"}), {}, l({"3a1b5c7d9e0f"}), s("link profiles to reviews")},
        {s("5e8b0a2c4d6f"), l({"3a9f8e7d6c5b", "4d7c9b1a3e5f"}), {}, {}, s("merge reviews and authors")},
        {s("ae1027a6acf0"), l({"5e8b0a2c4d6f"}), {}, {}, s("add a price column")},
        {s("b1f4c6e8a0d2"), l({"ae1027a6acf0"}), {}, {}, s("add an index on price")},
    };
    if (forked) {
        r.append({s("8c3d5e7f9a1b"), {}, l({"audit"}), {}, s("create audit log")});
        r.append({s("8c9e1f3a5b7d"), l({"8c3d5e7f9a1b"}), {}, {}, s("add audit index")});
    }
    return r;
}

bool writeProject(const QString &dir, Project &project)
{
    const QDir root(dir);
    if (!root.mkpath(s("alembic/versions")) || !root.mkpath(s("strata/versions")))
        return false;
    project.alembicDir = root.filePath(s("alembic"));
    project.strataIni = root.filePath(s("strata/strata.ini"));
    if (!writeText(root.filePath(s("alembic/env.py")), s(kEnvPy))
        || !writeText(project.strataIni, s("[strata]\nscript_location = versions\nversion_table = strata_version\n")))
        return false;
    for (const Revision &r : std::as_const(project.revisions)) {
        const QString slug = QString(r.message).replace(QLatin1Char(' '), QLatin1Char('_'));
        const QString py = s("\"\"\"%1\n\n\"\"\"\nrevision = '%2'\ndown_revision = %3\nbranch_labels = %4\ndepends_on = %5\n\n\n"
                             "def upgrade():\n    pass\n\n\ndef downgrade():\n    pass\n")
                               .arg(docText(r), r.id, pythonValue(r.down), pythonValue(r.labels), pythonValue(r.dependsOn));
        QString sql = s("-- revision: %1\n-- down_revision: %2\n-- message: %3\n").arg(r.id, r.down.isEmpty() ? s("none") : r.down.join(s(", ")), r.message);
        if (!r.labels.isEmpty())
            sql += s("-- branch_labels: %1\n").arg(r.labels.join(s(", ")));
        if (!r.dependsOn.isEmpty())
            sql += s("-- depends_on: %1\n").arg(r.dependsOn.join(s(", ")));
        sql += s("-- created: %1\n\n-- +upgrade\n\n-- +downgrade\n").arg(s(kCreated));
        if (!writeText(root.filePath(s("alembic/versions/%1_%2.py").arg(r.id, slug)), py)
            || !writeText(root.filePath(s("strata/versions/%1_%2.sql").arg(r.id, slug)), sql))
            return false;
    }
    return true;
}

QList<QStringList> antichains(const QList<Revision> &revs)
{
    QList<QStringList> out;
    const qsizetype n = revs.size();
    for (quint32 mask = 0; mask < (1u << n); ++mask) {
        QStringList set;
        for (qsizetype i = 0; i < n; ++i)
            if (mask & (1u << i))
                set.append(revs[i].id);
        bool anti = true;
        for (const QString &a : set)
            for (const QString &b : set)
                anti = anti && (a == b || !isAncestor(revs, a, b));
        if (anti) {
            set.sort();
            out.append(set);
        }
    }
    return out;
}

QString Case::describe() const
{
    QStringList parts{command};
    if (sql)
        parts.append(s("--sql"));
    if (purge)
        parts.append(s("--purge"));
    if (verbose)
        parts.append(s("--verbose"));
    if (indicateCurrent)
        parts.append(s("--indicate-current"));
    if (!range.isNull())
        parts.append(s("-r ") + (range.isEmpty() ? s("''") : range));
    parts += args;
    return s("[%1] %2 from {%3}").arg(project, parts.join(QLatin1Char(' ')), rows.join(s(", ")));
}

QJsonObject Case::toJson() const
{
    QJsonObject o{{s("id"), id}, {s("project"), project}, {s("rows"), QJsonArray::fromStringList(rows)}, {s("cmd"), command},
                  {s("args"), QJsonArray::fromStringList(args)}, {s("sql"), sql}, {s("purge"), purge}, {s("verbose"), verbose},
                  {s("indicate_current"), indicateCurrent}};
    if (!range.isNull())
        o.insert(s("range"), range);
    return o;
}

QStringList Case::strataArguments() const
{
    QStringList a{command};
    if (sql)
        a.append(s("--sql"));
    if (purge)
        a.append(s("--purge"));
    if (verbose)
        a.append(s("--verbose"));
    if (indicateCurrent)
        a.append(s("--indicate-current"));
    if (!range.isNull())
        a += QStringList{s("-r"), range};
    return a + args;
}

bool Case::readsState() const
{
    if (sql || command == u"heads" || command == u"branches" || command == u"show")
        return false;
    if (command == u"history")
        return indicateCurrent || range.split(QLatin1Char(':')).contains(s("current"));
    return true;
}

} // namespace alembicdiff
