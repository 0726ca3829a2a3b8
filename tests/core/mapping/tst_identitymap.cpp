// IdentityMap: integer keys placed by value (consecutive keys), strided keys that force the
// mixing hash, removal with backward shifts, and text keys beside integer ones.

#include "mapping/identitymap.h"

#include <QtTest>
#include <random>

using namespace strata::mapping;

namespace {

struct Key {
    const void *table = nullptr;
    qint64 number = 0;
    QString text;
    bool operator==(const Key &) const = default;
};
size_t qHash(const Key &k, size_t seed = 0) noexcept { return qHashMulti(seed, k.table, k.number, k.text); }

struct Entry {
    qint64 id = 0;
};

} // namespace

class TestIdentityMap : public QObject {
    Q_OBJECT

    static void fillAndCheck(qint64 stride)
    {
        const int tableA = 0;
        const int tableB = 0;
        IdentityMap<Key, Entry> map;
        std::vector<Entry> entries(20000);
        for (size_t i = 0; i < entries.size(); ++i) {
            entries[i].id = qint64(i) * stride;
            Entry *&slot = map[Key{&tableA, entries[i].id, {}}];
            QVERIFY(!slot);
            slot = &entries[i];
        }
        QCOMPARE(map.size(), qsizetype(entries.size()));
        for (size_t i = 0; i < entries.size(); ++i)
            QCOMPARE(map.value(Key{&tableA, qint64(i) * stride, {}}), &entries[i]);
        QVERIFY(!map.value(Key{&tableB, 0, {}}));   // another table, same number
        QVERIFY(!map.value(Key{&tableA, stride * qint64(entries.size()), {}}));
        // Remove every third key; the others stay reachable (probe chains survive removal).
        std::mt19937 random(7);
        for (size_t i = 0; i < entries.size(); i += 3)
            map.remove(Key{&tableA, qint64(i) * stride, {}});
        for (size_t i = 0; i < entries.size(); ++i)
            QCOMPARE(map.value(Key{&tableA, qint64(i) * stride, {}}), i % 3 == 0 ? nullptr : &entries[i]);
        QCOMPARE(map.size(), qsizetype(entries.size() - (entries.size() + 2) / 3));
    }

private Q_SLOTS:
    void consecutiveKeys() { fillAndCheck(1); }
    void stridedKeysSwitchToMixing() { fillAndCheck(4096); }   // all in one home slot without mixing
    void negativeAndHugeKeys()
    {
        const int table = 0;
        IdentityMap<Key, Entry> map;
        Entry a, b, c;
        map.insert(Key{&table, -1, {}}, &a);
        map.insert(Key{&table, std::numeric_limits<qint64>::max(), {}}, &b);
        map.insert(Key{&table, std::numeric_limits<qint64>::min(), {}}, &c);
        QCOMPARE(map.value(Key{&table, -1, {}}), &a);
        QCOMPARE(map.value(Key{&table, std::numeric_limits<qint64>::max(), {}}), &b);
        QCOMPARE(map.value(Key{&table, std::numeric_limits<qint64>::min(), {}}), &c);
    }
    void textKeysBesideNumbers()
    {
        const int table = 0;
        IdentityMap<Key, Entry> map;
        Entry n, t;
        map.insert(Key{&table, 1, {}}, &n);
        map.insert(Key{&table, 0, QStringLiteral("\x1f" "1")}, &t);
        QCOMPARE(map.value(Key{&table, 1, {}}), &n);
        QCOMPARE(map.value(Key{&table, 0, QStringLiteral("\x1f" "1")}), &t);
        map.remove(Key{&table, 1, {}});
        QVERIFY(!map.value(Key{&table, 1, {}}));
        QCOMPARE(map.value(Key{&table, 0, QStringLiteral("\x1f" "1")}), &t);
        map.clear();
        QCOMPARE(map.size(), qsizetype(0));
        QVERIFY(!map.value(Key{&table, 0, QStringLiteral("\x1f" "1")}));
    }
};

QTEST_GUILESS_MAIN(TestIdentityMap)
#include "tst_identitymap.moc"
