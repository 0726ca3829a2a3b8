// The cases of tst_alembicdiff: every target form Alembic documents, from every state.

#include "diffproject.h"

namespace alembicdiff {

namespace {

QStringList l(std::initializer_list<const char *> items)
{
    QStringList out;
    for (const char *i : items)
        out.append(QString::fromUtf8(i));
    return out;
}

/// upgrade and downgrade targets: symbols, full and partial ids, labels, relative steps.
QStringList migrateTargets(const QList<Revision> &revs)
{
    QStringList t = l({"head", "heads", "base"});
    for (const Revision &r : revs)
        t.append(r.id);
    t += l({"1", "19", "2", "3a", "3a1", "3a9f", "4", "4d7", "5e", "a", "ae", "au", "aut", "b", "8c", "8c3", "r", "rev", "zz", "nope"});
    t += l({"reviews", "authors", "audit"});
    t += l({"+1", "+2", "+3", "+5", "+0", "-1", "-2", "-0"});
    t += l({"27c6+1", "3a1b+1", "3a1b+3", "1975+1", "1975+2", "5e8b+1", "ae10+5", "4d2e-1", "5e8b-1", "ae10-1", "ae10-2",
            "head-1", "head-2", "head-3", "heads-1", "base+1", "base+2", "reviews+1", "reviews-1"});
    t += l({"reviews@head", "authors@head", "audit@head", "reviews@base", "authors@base", "audit@base"});
    t += l({"reviews@+1", "reviews@+2", "reviews@+3", "authors@+1", "authors@+2", "authors@+4", "audit@+1", "audit@+2"});
    t += l({"reviews@-1", "authors@-1", "reviews@-2", "authors@-3", "audit@-1"});
    t += l({"reviews@3a9f", "reviews@4d2e", "authors@4d7c", "reviews@3a", "reviews@3a1b+1", "reviews@heads", "audit@heads",
            "3a1b5c7d9e0f@head", "4d2e@head", "nosuch@head", "27c6:head"});
    return t;
}

QList<QStringList> stampTargets(const QList<Revision> &revs)
{
    QList<QStringList> t;
    for (const Revision &r : revs)
        t.append({r.id});
    for (const QString &x : l({"head", "heads", "base", "reviews", "reviews@head", "audit@head", "3a1", "-1", "27c6+1", "nope"}))
        t.append({x});
    QStringList pairable;
    for (const Revision &r : revs)
        if (r.id != u"ae1027a6acf0")
            pairable.append(r.id);
    for (qsizetype i = 0; i < pairable.size(); ++i)
        for (qsizetype j = i + 1; j < pairable.size(); ++j)
            t.append({pairable[i], pairable[j]});
    t += QList<QStringList>{l({"base", "3a9f"}), l({"heads", "27c6"}), l({"3a9f", "3a9f"}), l({"reviews@head", "authors@head"}),
                            l({"3a9f", "4d2e", "8c3d"}), l({"4d7c", "3a1b"})};
    return t;
}

const char *const kRanges[] = {"base:heads", ":3a9f", "3a1b:", "27c6:+2", "27c6:+5", "reviews@base:heads", "authors@base:",
                               "audit@base:heads", "3a1b:5e8b", "3a1b:4d7c", "4d2e:4d7c", "-1:", "-2:heads", "base:+3",
                               "1975:head", "reviews@head:heads", ":reviews@head", "a:b:c", ":", "nonsense", "3a:", "heads:",
                               "27c6:reviews@+1", "base:-1", "+1:heads", "1975:-1", "b1f4:base", "1975+1:heads", "3a1b:+2"};

const char *const kOfflineUp[] = {"head", "heads", "base:head", "27c6:head", "27c6:+2", "3a1b:reviews@head", "base:reviews@+2",
                                  "3a9f:5e8b", ":head", "a:b:c", "heads:head", "4d2e:4d7c", "1975:base", "3a1b:+1", "5e8b:heads",
                                  "8c3d:heads", "base:audit@head", "27c6:3a1b+1", "reviews:heads", "1975:authors@head"};

const char *const kOfflineDown[] = {"head:base", "5e8b:27c6", "ae10:-1", "5e8b:-1", "b1f4:reviews@base", "heads:base", "3a9f:base",
                                    "base", "3a1b:3a9f", "4d7c:3a1b", "b1f4:27c6", "ae10:reviews@-1", "5e8b:3a9f", "4d7c:-2",
                                    "8c9e:audit@base", "27c6:base", "head:-3"};

} // namespace

QList<Case> buildCases(const Project &project, int firstId)
{
    QList<Case> out;
    int id = firstId;
    auto add = [&](Case c) {
        c.id = id++;
        c.project = project.name;
        out.append(c);
    };
    // Commands that do not read the database: once, from no rows.
    for (bool verbose : {false, true}) {
        add(Case{0, {}, {}, QStringLiteral("heads"), {}, false, false, verbose, false, {}, false});
        add(Case{0, {}, {}, QStringLiteral("branches"), {}, false, false, verbose, false, {}, false});
        add(Case{0, {}, {}, QStringLiteral("history"), {}, false, false, verbose, false, {}, false});
        add(Case{0, {}, {}, QStringLiteral("history"), {}, false, false, verbose, false, QStringLiteral("3a1b:5e8b"), false});
    }
    for (const char *r : kRanges)
        add(Case{0, {}, {}, QStringLiteral("history"), {}, false, false, false, false, QString::fromUtf8(r), false});
    for (const char *t : {"reviews", "heads", "3a1", "head", "-1", "base", "authors@head"})
        add(Case{0, {}, {}, QStringLiteral("show"), {QString::fromUtf8(t)}, false, false, false, false, {}, false});
    for (const char *t : kOfflineUp)
        add(Case{0, {}, {}, QStringLiteral("upgrade"), {QString::fromUtf8(t)}, true, false, false, false, {}, false});
    for (const char *t : kOfflineDown)
        add(Case{0, {}, {}, QStringLiteral("downgrade"), {QString::fromUtf8(t)}, true, false, false, false, {}, false});
    // Every state: the version rows set directly.
    const QStringList targets = migrateTargets(project.revisions);
    const QList<QStringList> stamps = stampTargets(project.revisions);
    for (const QStringList &rows : antichains(project.revisions)) {
        auto state = [&](const QString &command, const QStringList &args) {
            add(Case{0, {}, rows, command, args, false, false, false, false, {}, false});
        };
        for (const QString &t : targets) {
            state(QStringLiteral("upgrade"), {t});
            state(QStringLiteral("downgrade"), {t});
        }
        for (const QStringList &t : stamps)
            state(QStringLiteral("stamp"), t);
        for (const QStringList &t : QList<QStringList>{l({"3a9f"}), l({"heads"}), l({"base"}), l({"3a1b", "4d2e"})})
            add(Case{0, {}, rows, QStringLiteral("stamp"), t, false, true, false, false, {}, false});
        state(QStringLiteral("current"), {});
        add(Case{0, {}, rows, QStringLiteral("current"), {}, false, false, true, false, {}, false});
        add(Case{0, {}, rows, QStringLiteral("history"), {}, false, false, false, true, {}, false});
        for (const char *r : {"current:", ":current", "27c6:current", "current:heads"})
            add(Case{0, {}, rows, QStringLiteral("history"), {}, false, false, false, true, QString::fromUtf8(r), false});
    }
    return out;
}

} // namespace alembicdiff
