#include "fuzzymatch.h"

#include <QChar>

namespace strata::search {

namespace {

constexpr int kRunPenalty = 16;   // each extra run of letters costs more than a later start

bool isSeparator(QChar c)
{
    return !c.isLetterOrNumber();   // surrogates too: an emoji ends a word
}

/// The boundary alignment: each run of matched units starts at a word start. Backtracks,
/// continuing a run before starting a new one (fewer runs), within a step budget so that
/// hostile names cannot make it slow.
struct BoundaryAligner {
    QStringView query;
    QStringView folded;
    QStringView original;
    QList<int> *positions;
    int budget = 256;

    bool align(qsizetype qi, qsizetype tj, bool inRun)
    {
        if (qi == query.size())
            return true;
        if (--budget < 0)
            return false;
        if (inRun && tj < folded.size() && folded[tj] == query[qi] && align(qi + 1, tj + 1, true)) {
            (*positions)[qi] = int(tj);
            return true;
        }
        // Not enough name left for the rest of the query: no later start can do better.
        for (qsizetype k = tj; k + (query.size() - qi) <= folded.size(); ++k) {
            if (folded[k] == query[qi] && isWordStart(original, k) && align(qi + 1, k + 1, true)) {
                (*positions)[qi] = int(k);
                return true;
            }
        }
        return false;
    }
};

int runsOf(const QList<int> &positions)
{
    int runs = positions.isEmpty() ? 0 : 1;
    for (qsizetype i = 1; i < positions.size(); ++i)
        runs += positions[i] != positions[i - 1] + 1 ? 1 : 0;
    return runs;
}

int scoreOf(const QList<int> &positions)
{
    if (positions.isEmpty())
        return 0;
    const int span = positions.last() - positions.first() + 1 - int(positions.size());
    return -kRunPenalty * (runsOf(positions) - 1) - positions.first() - span;
}

/// Leftmost subsequence, then shrunk from its end backwards (the tightest window ending
/// there, as fzf's first algorithm does). False when `query` is no subsequence.
bool subsequencePositions(QStringView query, QStringView folded, QList<int> &positions)
{
    qsizetype qi = 0;
    qsizetype end = -1;
    for (qsizetype j = 0; j < folded.size() && qi < query.size(); ++j)
        if (folded[j] == query[qi] && ++qi == query.size())
            end = j;
    if (end < 0)
        return false;
    qi = query.size() - 1;
    for (qsizetype j = end; j >= 0 && qi >= 0; --j)
        if (folded[j] == query[qi])
            positions[qi--] = int(j);
    return true;
}

}   // namespace

QString foldForMatch(QStringView text)
{
    QString out(text.size(), Qt::Uninitialized);
    QChar *d = out.data();
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        // ASCII fast path; surrogates stay as they are (one unit in, one out).
        const char16_t u = c.unicode();
        if (u < 0x80)
            d[i] = QChar(char16_t(u >= u'A' && u <= u'Z' ? u + 32 : u));
        else
            d[i] = c.isSurrogate() ? c : QChar(char16_t(QChar::toCaseFolded(char32_t(u))));
    }
    return out;
}

bool isWordStart(QStringView original, qsizetype i)
{
    if (i <= 0)
        return true;
    const QChar prev = original[i - 1];
    const QChar c = original[i];
    if (isSeparator(c))
        return false;
    if (isSeparator(prev))
        return true;
    if (prev.isLower() && c.isUpper())
        return true;   // camelCase
    return c.isDigit() != prev.isDigit();
}

quint64 charMask(QStringView folded)
{
    quint64 mask = 0;
    for (const QChar c : folded) {
        const char16_t u = c.unicode();
        int bit;
        if (u >= u'a' && u <= u'z')
            bit = u - u'a';   // 0..25
        else if (u >= u'0' && u <= u'9')
            bit = 26 + (u - u'0');   // 26..35
        else if (u == u'_')
            bit = 36;
        else if (u < 0x80)
            bit = 37 + u % 8;   // 37..44: other ASCII
        else
            bit = 45 + u % 19;   // 45..63: the rest, hashed
        mask |= quint64(1) << bit;
    }
    return mask;
}

bool isSubsequence(QStringView query, QStringView folded)
{
    qsizetype qi = 0;
    const qsizetype m = query.size();
    if (m == 0)
        return true;
    if (m > folded.size())
        return false;
    const QChar *q = query.data();
    for (const QChar c : folded)
        if (c == q[qi] && ++qi == m)
            return true;
    return false;
}

FuzzyMatch fuzzyMatch(QStringView query, QStringView folded, QStringView original, QList<int> *positions)
{
    const qsizetype m = query.size();
    if (m == 0 || m > folded.size() || !isSubsequence(query, folded))
        return {};
    QList<int> local(m);
    QList<int> &pos = positions ? *positions : local;
    pos.resize(m);
    if (folded.startsWith(query)) {
        for (qsizetype i = 0; i < m; ++i)
            pos[i] = int(i);
        return {m == folded.size() ? MatchTier::Exact : MatchTier::Prefix, -int(folded.size() - m)};
    }
    BoundaryAligner aligner{query, folded, original, &pos};
    if (aligner.align(0, 0, false))
        return {MatchTier::WordBoundary, scoreOf(pos)};
    // A contiguous occurrence beats letters spread out; else the tightest window.
    if (const qsizetype at = folded.indexOf(query); at >= 0) {
        for (qsizetype i = 0; i < m; ++i)
            pos[i] = int(at + i);
    } else if (!subsequencePositions(query, folded, pos)) {
        return {};
    }
    return {MatchTier::Subsequence, scoreOf(pos)};
}

}   // namespace strata::search
