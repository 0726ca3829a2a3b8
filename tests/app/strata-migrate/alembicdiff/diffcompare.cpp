#include "diffcompare.h"

#include <QRegularExpression>
#include <QSet>

namespace alembicdiff {

namespace {

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

const QStringList kLabels{s("reviews"), s("authors"), s("audit")};

QString sortedList(const QString &list)
{
    QStringList items = list.split(s(", "));
    items.sort();
    return items.join(s(", "));
}

QString normaliseLine(QString line)
{
    static const QRegularExpression labels(s("\\(([a-z]+(?:, [a-z]+)+)\\)"));
    QRegularExpressionMatchIterator it = labels.globalMatch(line);
    QList<QPair<qsizetype, qsizetype>> spans;
    QStringList replacements;
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        bool allLabels = true;
        for (const QString &x : m.captured(1).split(s(", ")))
            allLabels = allLabels && kLabels.contains(x);
        if (!allLabels)
            continue;
        spans.prepend({m.capturedStart(1), m.capturedLength(1)});
        replacements.prepend(sortedList(m.captured(1)));
    }
    for (qsizetype i = 0; i < spans.size(); ++i)
        line.replace(spans[i].first, spans[i].second, replacements[i]);
    for (const char *prefix : {"Branches into: ", "Branch names: "}) {
        if (line.startsWith(s(prefix)))
            line = s(prefix) + sortedList(line.mid(qsizetype(qstrlen(prefix))));
    }
    if (line.startsWith(s("Path: ")))
        line = s("Path: <path>");
    if (line.startsWith(s("Current revision(s) for ")))
        line = s("Current revision(s) for <url>:");
    return line;
}

QStringList sortBlocks(const QStringList &lines)
{
    // `current --verbose`: entries start with "Rev: "; sort whole entries.
    QStringList header, blocks;
    for (const QString &line : lines) {
        if (line.startsWith(s("Rev: ")))
            blocks.append(line);
        else if (blocks.isEmpty())
            header.append(line);
        else
            blocks.last() += QLatin1Char('\n') + line;
    }
    for (QString &b : blocks)
        b = b.trimmed();
    blocks.sort();
    return header + blocks;
}

QStringList sortChildRuns(QStringList lines)
{
    // `branches`: the "    -> child" lines under a branch point come from a Python set.
    static const QRegularExpression child(s("^ +-> "));
    for (qsizetype i = 0; i < lines.size();) {
        qsizetype j = i;
        while (j < lines.size() && child.match(lines[j]).hasMatch())
            ++j;
        if (j > i + 1) {
            QStringList run = lines.mid(i, j - i);
            run.sort();
            for (qsizetype k = 0; k < run.size(); ++k)
                lines[i + k] = run[k];
        }
        i = j == i ? i + 1 : j;
    }
    return lines;
}

struct OfflineStep {
    QString running;
    QStringList removed;
    QStringList added;
    bool operator==(const OfflineStep &o) const { return running == o.running && removed == o.removed && added == o.added; }
};

QList<OfflineStep> offlineSteps(const QString &sql)
{
    static const QRegularExpression running(s("^-- (Running \\S+ .*?)\\s*$"));
    static const QRegularExpression insert(s("^INSERT INTO \"?\\w+\"? \\(version_num\\) VALUES \\('([^']+)'\\)"));
    static const QRegularExpression update(s("^UPDATE \"?\\w+\"? SET version_num\\s*=\\s*'([^']+)' WHERE (?:\"?\\w+\"?\\.)?version_num = '([^']+)'"));
    static const QRegularExpression remove(s("^DELETE FROM \"?\\w+\"? WHERE (?:\"?\\w+\"?\\.)?version_num = '([^']+)'"));
    QList<OfflineStep> steps{OfflineStep{s("(before the first step)"), {}, {}}};
    for (const QString &line : sql.split(QLatin1Char('\n'))) {
        QRegularExpressionMatch m;
        if ((m = running.match(line)).hasMatch()) {
            steps.append(OfflineStep{m.captured(1), {}, {}});
        } else if ((m = insert.match(line)).hasMatch()) {
            steps.last().added.append(m.captured(1));
        } else if ((m = update.match(line)).hasMatch()) {
            steps.last().added.append(m.captured(1));
            steps.last().removed.append(m.captured(2));
        } else if ((m = remove.match(line)).hasMatch()) {
            steps.last().removed.append(m.captured(1));
        }
    }
    for (OfflineStep &st : steps) {
        st.removed.sort();
        st.added.sort();
    }
    return steps;
}

QString describeSteps(const QList<OfflineStep> &steps)
{
    QStringList out;
    for (const OfflineStep &st : steps)
        out.append(s("%1 [-%2 +%3]").arg(st.running, st.removed.join(QLatin1Char(',')), st.added.join(QLatin1Char(','))));
    return out.join(s(" | "));
}

QSet<QString> below(const QList<Revision> &revs, const QStringList &ids)
{
    // ids and their ancestors (down_revision and depends_on)
    QSet<QString> seen;
    QStringList todo = ids;
    while (!todo.isEmpty()) {
        const QString x = todo.takeLast();
        if (seen.contains(x))
            continue;
        seen.insert(x);
        for (const Revision &r : revs)
            if (r.id == x)
                todo += r.down + r.dependsOn;
    }
    return seen;
}

QStringList withoutAncestors(const QList<Revision> &revs, const QStringList &rows)
{
    QStringList out;
    for (const QString &r : rows) {
        bool covered = false;
        for (const QString &o : rows)
            covered = covered || (o != r && below(revs, {o}).contains(r));
        if (!covered)
            out.append(r);
    }
    return out;
}

bool stampKeepsOtherLineages(const Case &c, const QStringList &targets, const QStringList &rows, const QList<Revision> &revs)
{
    // What Strata's stamp promises: the rows are an antichain made of targets and rows that
    // were there; every target is applied (or moved down to a lower target on its lineage,
    // which came later); a row on no target's lineage stays applied.
    if (withoutAncestors(revs, rows) != rows)
        return false;
    const QSet<QString> covered = below(revs, rows);
    for (const QString &r : rows)
        if (!targets.contains(r) && !c.rows.contains(r))
            return false;
    for (const QString &t : targets) {
        bool lowerTarget = false;
        for (const QString &r : rows)
            lowerTarget = lowerTarget || (targets.contains(r) && below(revs, {t}).contains(r));
        if (!covered.contains(t) && !lowerTarget)
            return false;
    }
    for (const QString &h : c.rows) {
        bool onLineage = false;
        for (const QString &t : targets)
            onLineage = onLineage || below(revs, {t}).contains(h) || below(revs, {h}).contains(t);
        if (!onLineage && !covered.contains(h))
            return false;
    }
    return true;
}

QString checkDeliberate(const Case &c, const Outcome &a, const Outcome &st, const QList<Revision> &revs, bool sqlite)
{
    static const QRegularExpression minusN(s("^-\\d+$"));
    if (c.command == u"downgrade" && !c.sql && minusN.match(c.args.value(0)).hasMatch()
        && QSet<QString>(c.rows.cbegin(), c.rows.cend()).size() > 1 && a.ok && !st.ok
        && st.error.contains(s("ambiguous with several current heads")) && st.rows == c.rows
        && a.warnings.join(QLatin1Char(' ')).contains(s("from multiple heads is ambiguous")))
        return s("relative-downgrade-several-heads");
    if (sqlite && !a.ok && !st.ok && st.rows == c.rows && a.rows != c.rows)
        return s("all-or-nothing");
    if (c.command == u"stamp" && a.ok && st.ok && withoutAncestors(revs, a.rows) != a.rows && st.rows == withoutAncestors(revs, a.rows))
        return s("stamp-never-writes-an-ancestor");
    if (c.command == u"stamp" && st.ok && a.resolvedOk && stampKeepsOtherLineages(c, a.resolved, st.rows, revs)) {
        // Alembic moved a row to a target on another lineage: it forgot an applied head
        // that Strata kept, or failed when the next target found its row gone.
        const QSet<QString> aCovered = below(revs, a.rows);
        const QSet<QString> sCovered = below(revs, st.rows);
        bool forgotten = false;
        for (const QString &h : c.rows)
            forgotten = forgotten || (!aCovered.contains(h) && sCovered.contains(h));
        if ((a.ok && forgotten) || (!a.ok && a.error.startsWith(s("KeyError"))))
            return s("stamp-moves-only-its-own-lineage");
    }
    return {};
}

/// Checks Strata's message where both tools gave the same outcome; `problem` says what is
/// wrong with it, the result names the addition checked (empty: none applies).
QString checkAddition(const Case &c, const Outcome &a, const Outcome &st, QString *problem)
{
    // Alembic's command line reports an ambiguous prefix as "Can't locate revision identified
    // by 'X'" (its candidates are lost on the way); Strata names every candidate.
    static const QRegularExpression located(s("Can't locate revision identified by '([^']*)'"));
    static const QRegularExpression listed(s("Multiple revisions start with '([^']*)': (.*)$"));
    const QRegularExpressionMatch am = located.match(a.error);
    const QRegularExpressionMatch sm = listed.match(st.error.trimmed());
    if (!a.ok && !st.ok && am.hasMatch() && sm.hasMatch()) {
        QStringList candidates;
        static const QRegularExpression quoted(s("'([^']+)'"));
        for (QRegularExpressionMatchIterator it = quoted.globalMatch(sm.captured(2)); it.hasNext();)
            candidates.append(it.next().captured(1));
        bool allMatch = candidates.size() >= 2;
        for (const QString &cand : std::as_const(candidates))
            allMatch = allMatch && cand.startsWith(sm.captured(1));
        if (!allMatch)
            *problem = s("the message for an ambiguous prefix should list its candidates");
        return s("every-candidate-of-an-ambiguous-prefix");
    }
    if (!a.ok && !st.ok && a.error.endsWith(s("Ambiguous walk"))) {
        const bool explained = st.error.contains(s("Ambiguous walk:"))
                               && (st.error.contains(s("`downgrade ")) || st.error.contains(s("label@+N")) || st.error.contains(s("label@-N")));
        // `-N` from several heads is refused before the walk (see the deliberate differences)
        if (!explained && !st.error.contains(s("ambiguous with several current heads")))
            *problem = s("the message for an ambiguous walk should say how to name what is meant");
        return s("ambiguous-walk-explained");
    }
    if ((c.command == u"upgrade" || c.command == u"downgrade") && !c.sql && a.ok && st.ok && a.running.isEmpty()
        && st.running.isEmpty()) {
        if (!st.error.contains(s("Nothing to do")))
            *problem = s("an upgrade or downgrade that does nothing should say so");
        return s("nothing-to-do-said");
    }
    return {};
}

} // namespace

QList<Deliberate> strataAdditions()
{
    return {
        {s("every-candidate-of-an-ambiguous-prefix"),
         s("an ambiguous partial id: both refuse; Alembic's command line says \"Can't locate revision identified by 'X'\", "
           "Strata names every revision or label that starts with it")},
        {s("ambiguous-walk-explained"),
         s("an ambiguous relative walk: both refuse; Alembic says \"Ambiguous walk\", Strata says where and how to say what is "
           "meant (`downgrade <parent>` to undo a merge only, `downgrade <branch point>` for both branches, label@+N / label@-N)")},
        {s("nothing-to-do-said"),
         s("an upgrade or downgrade with nothing to do (e.g. to an ancestor of the current revision): both succeed without a "
           "step; Alembic prints nothing, Strata says \"Nothing to do\" and where the database is")},
    };
}

QList<Deliberate> deliberateDifferences()
{
    return {
        {s("relative-downgrade-several-heads"),
         s("`downgrade -N` with several current heads: Alembic 1.8.1 warns that this is ambiguous (\"will be disallowed in a "
           "future release\") and walks down from whichever row the database happens to return first; Strata refuses and "
           "asks for label@-N or REV-N")},
        {s("all-or-nothing"),
         s("a command that fails part-way: Alembic runs each step on SQLite in its own transaction and keeps the steps before "
           "the failure; Strata runs the whole command in one transaction and leaves the version table as it was")},
        {s("stamp-never-writes-an-ancestor"),
         s("`stamp A B` with A below B: Alembic writes both rows when neither lineage is current (e.g. from an empty table), a "
           "version table its own upgrade then refuses (\"overlaps\"); Strata writes B only, as Alembic does from A")},
        {s("stamp-moves-only-its-own-lineage"),
         s("`stamp` with several targets: Alembic moves the current heads of every target's lineage to each target, so "
           "`stamp A2 B1` from A1, B1 loses B1; Strata moves to each target only the current heads on its lineage")},
    };
}

QString normaliseListing(const Case &c, const QString &text)
{
    QStringList lines;
    for (const QString &line : text.split(QLatin1Char('\n')))
        lines.append(normaliseLine(line));
    while (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    if (c.command == u"current")
        lines = c.verbose ? sortBlocks(lines) : (lines.sort(), lines);
    if (c.command == u"branches")
        lines = sortChildRuns(lines);
    return lines.join(QLatin1Char('\n'));
}

Verdict compare(const Case &c, const Outcome &a, const Outcome &st, const QList<Revision> &revs, bool sqlite)
{
    QStringList diffs;
    if (a.ok != st.ok)
        diffs.append(s("exit: Alembic %1, Strata %2").arg(a.ok ? s("ok") : s("failed"), st.ok ? s("ok") : s("failed")));
    if (a.rows != st.rows)
        diffs.append(s("rows: Alembic {%1}, Strata {%2}").arg(a.rows.join(s(", ")), st.rows.join(s(", "))));
    const bool listing = c.command == u"history" || c.command == u"heads" || c.command == u"branches" || c.command == u"current"
                         || c.command == u"show";
    if (a.ok && st.ok) {
        if (c.sql) {
            const QList<OfflineStep> as = offlineSteps(a.out), ss = offlineSteps(st.out);
            if (as != ss)
                diffs.append(s("offline steps:\n    Alembic %1\n    Strata  %2").arg(describeSteps(as), describeSteps(ss)));
        } else if (listing) {
            const QString an = normaliseListing(c, a.out), sn = normaliseListing(c, st.out);
            if (an != sn)
                diffs.append(s("output:\n--- Alembic\n%1\n--- Strata\n%2").arg(an, sn));
        } else if (c.command != u"stamp" && a.running != st.running) {
            diffs.append(s("steps:\n    Alembic %1\n    Strata  %2").arg(a.running.join(s(" | ")), st.running.join(s(" | "))));
        }
    }
    Verdict v;
    QString problem;
    if (diffs.isEmpty())
        v.addition = checkAddition(c, a, st, &problem);
    if (!problem.isEmpty())
        diffs.append(problem);
    v.same = diffs.isEmpty();
    if (!v.same) {
        v.detail = diffs.join(QLatin1Char('\n'));
        v.deliberate = checkDeliberate(c, a, st, revs, sqlite);
    }
    return v;
}

} // namespace alembicdiff
